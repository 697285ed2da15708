# Per-task CODEX_HOMEs: inspect, scan a workspaces root, prepare.
sandboxdoctor_core_area(homes DEPENDS common config report)
