# Asking the real Codex (doctor, sandbox), the DNS probe, the symptom explainer.
sandboxdoctor_core_area(verify DEPENDS common config detect)
