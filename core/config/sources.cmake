# The editing engine and safe writes of config.toml.
sandboxdoctor_core_area(config DEPENDS common)
target_sources(sandboxdoctor_core_config PRIVATE
    config/configfile.h
    config/configanalysis.h
    config/editplanner.h
    config/applier.h
    config/textdiff.h
)
