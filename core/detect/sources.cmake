# Finding Codex CLI installs and their versions.
sandboxdoctor_core_area(detect DEPENDS common)
target_sources(sandboxdoctor_core_detect PRIVATE
    detect/codexinstall.h
    detect/codexlocator.h
)
