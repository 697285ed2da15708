# Per-task CODEX_HOMEs: inspect, scan a workspaces root, prepare.
sandboxdoctor_core_area(homes DEPENDS common config report)
target_sources(sandboxdoctor_core_homes PRIVATE
    homes/homeentry.h homes/homeentry.cpp
    homes/homereport.h homes/homereport.cpp
    homes/sharedhome.h
    homes/homeinspector.h
    homes/homefinder.h
    homes/homescan.h
    homes/homescanner.h
    homes/homepreparer.h
    homes/homesreport.h
)
