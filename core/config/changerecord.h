#pragma once

#include "common/expected.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace SandboxDoctor {

// The record of a change that spans more than config.toml (or creates or
// removes a file), kept beside config.toml's backups as
// "<config name>.bak-<UTC time>[-N].change.json". The backups of the files it
// lists carry the same "bak-<UTC time>[-N]" suffix, each beside its own file;
// a file that did not exist before the change has no backup, and restoring
// the record removes it. A plain "config.toml.bak-<time>" without a record is
// a change of config.toml alone (what every earlier version wrote), and older
// versions ignore the record, so both directions keep working.
struct ChangeRecord final
{
    struct File final
    {
        QString name;        // in CODEX_HOME: "config.toml" or "<profile>.config.toml"
        bool existed = true;  // false: the change created it
        QByteArray sha256;   // of the backed-up bytes (hex), when existed
    };

    QString codexHome;  // absolute: a record found through a shared, linked config.toml may be another home's
    QList<File> files;  // config.toml first when it is part of the change
};

// ".change.json"
QString changeRecordSuffix();

QByteArray changeRecordToJson(const ChangeRecord &record);

// Parses and checks a record read from disk (bounded by the caller): every
// name must be one this app writes (configpaths.h, isHomeConfigFileName), no
// name twice, a hash for every file that existed. Kind::Refused naming what
// is wrong otherwise; `path` is for the message.
Expected<ChangeRecord> changeRecordFromJson(const QByteArray &json, const QString &path);

} // namespace SandboxDoctor
