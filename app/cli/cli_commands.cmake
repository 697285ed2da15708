# One file per command, each owned by the area it exposes.
target_sources(sandboxdoctor_cli PRIVATE
    cmd_status.cpp
    cmd_diff.cpp
    cmd_apply.cpp
    cmd_restore.cpp
    cmd_backups.cpp
    backupslisting.h backupslisting.cpp
    undohint.h undohint.cpp
    cmd_inspect.cpp
    cmd_prepare.cpp
    cmd_verify.cpp
    cmd_probedns.cpp
)
