#pragma once

#include <QByteArray>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QString>

namespace HomeFixtures {

// Every entry under a home, without following links: a link by its target, a
// file by its bytes, a folder by its name. Two equal snapshots mean nothing
// in the home was written, made or removed.
inline QMap<QString, QByteArray> snapshot(const QString &home)
{
    QMap<QString, QByteArray> entries;
    QDirIterator it(home, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info(path);
        const QString name = QDir(home).relativeFilePath(path);
        if (info.isSymLink()) {
            entries.insert(name, QByteArrayLiteral("link -> ") + info.symLinkTarget().toUtf8());
        } else if (info.isDir()) {
            entries.insert(name, QByteArrayLiteral("dir"));
        } else {
            QFile file(path);
            entries.insert(name, file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArrayLiteral("unreadable"));
        }
    }
    return entries;
}

} // namespace HomeFixtures
