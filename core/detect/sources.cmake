# Finding Codex CLI installs and their versions.
sandboxdoctor_core_area(detect DEPENDS common)
target_sources(sandboxdoctor_core_detect PRIVATE
    detect/codexinstall.h detect/codexinstall.cpp
    detect/codexlocator.h detect/codexlocator.cpp
    detect/candidatesearch.h detect/candidatesearch.cpp
    detect/npmshim.h detect/npmshim.cpp
    detect/versionprobe.h detect/versionprobe.cpp
    detect/loginshellquery.h detect/loginshellquery.cpp
)
