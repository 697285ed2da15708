# I/O sources (reading config.toml, atomic apply, backups, restore, text diff).
target_sources(sandboxdoctor_core_config PRIVATE
    config/configpaths.h config/configpaths.cpp
    config/configfile.cpp
    config/oserror.h config/oserror.cpp
    config/filestamp.h config/filestamp.cpp
    config/writelock.h config/writelock.cpp
    config/atomicwrite.h config/atomicwrite.cpp
    config/stagedfile.h config/stagedfile.cpp
    config/leftovers.h config/leftovers.cpp
    config/changerecord.h config/changerecord.cpp
    config/backups.h config/backups.cpp config/backuphistory.cpp
    config/backuprecord.h config/backuprecord.cpp
    config/changeset.h config/changeset.cpp
    config/restore.h config/restore.cpp
    config/otherfiles.h config/otherfiles.cpp
    config/applier.cpp
    config/textdiff.cpp
)
