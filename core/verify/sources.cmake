# Asking the real Codex (doctor, sandbox), the DNS probe, the symptom explainer.
sandboxdoctor_core_area(verify DEPENDS common config detect)
target_sources(sandboxdoctor_core_verify PRIVATE
    verify/verifytypes.h
    verify/verifyinput.h
    verify/doctorreport.h
    verify/scratchhome.h
    verify/doctorrunner.h
    verify/dnsprobe.h
    verify/loopbacklistener.h
    verify/sandboxinvocation.h
    verify/sandboxprobe.h
    verify/symptoms.h
    verify/verifyjson.h
)
