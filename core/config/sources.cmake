# The editing engine and safe writes of config.toml: one library, two fragments
# (engine.cmake: document, block, analysis, edit planning; io.cmake: reading,
# applying, backups, diff).
sandboxdoctor_core_area(config DEPENDS common)
target_sources(sandboxdoctor_core_config PRIVATE
    config/configfile.h
    config/configanalysis.h
    config/editplanner.h
    config/applier.h
    config/textdiff.h
)
include(config/engine.cmake)
include(config/io.cmake)
include(config/effective.cmake)
