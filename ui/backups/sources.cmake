# The Backups view (issue 13.2): included by ui/CMakeLists.txt.
target_sources(sandboxdoctor_ui PRIVATE
    backups/backupsdialog.h backups/backupsdialog.cpp
    backups/backuprows.h backups/backuprows.cpp
)
