# Per-task CODEX_HOMEs: inspect, scan a workspaces root, prepare.
sandboxdoctor_core_area(homes DEPENDS common config report)
target_sources(sandboxdoctor_core_homes PRIVATE
    homes/homeentry.h homes/homeentry.cpp
    homes/homefindings.h
    homes/homelayout.h homes/homelayout.cpp
    homes/namedblocks.h homes/namedblocks.cpp
    homes/homepreset.h homes/homepreset.cpp
    homes/configrefs.h homes/configrefs.cpp
    homes/homereport.h homes/homereport.cpp
    homes/sharedhome.h homes/sharedhome.cpp
    homes/entryprobe.h homes/entryprobe.cpp
    homes/homeentries.h homes/homeentries.cpp
    homes/todayentries.h homes/todayentries.cpp
    homes/homeinspector.h homes/homeinspector.cpp
    homes/homefinder.h homes/homefinder.cpp
    homes/homescan.h homes/homescan.cpp
    homes/homescanner.h homes/homescanner.cpp
    homes/homelinks.h homes/homelinks.cpp
    homes/homewriteguard.h homes/homewriteguard.cpp
    homes/homecopies.h homes/homecopies.cpp
    homes/skillsconfig.h homes/skillsconfig.cpp
    homes/modelscache.h homes/modelscache.cpp
    homes/todayprepare.h homes/todayprepare.cpp
    homes/homepreparer.h homes/homepreparer.cpp
    homes/homesreport.h homes/homesreport.cpp
    homes/homejsontext.h homes/homejsontext.cpp
)
