#pragma once

#include "common/expected.h"

#include <QByteArray>
#include <QString>

namespace SandboxDoctor {

// What the file system says about one path at one moment: enough to tell
// "still the file we read" from "replaced by a save" (another inode) or
// "rewritten in place" (another size or modification time).
struct FileStamp final
{
    enum class Type { Missing, Regular, Directory, SymbolicLink, Fifo, Device, Socket };

    Type type = Type::Missing;
    quint64 device = 0;  // POSIX; 0 on Windows, where inodes are not compared
    quint64 inode = 0;
    quint64 links = 0;   // hard links to the inode
    qint64 size = 0;
    qint64 modifiedNs = 0;  // modification time, nanoseconds since the epoch
    quint32 mode = 0;       // permission bits (07777)
    quint32 owner = 0;
    quint32 group = 0;

    bool exists() const { return type != Type::Missing; }
    // The same inode (where the platform has inodes).
    bool sameFile(const FileStamp &other) const
    {
        return exists() && other.exists() && device == other.device && inode == other.inode;
    }
    // The same inode, and neither its size nor its modification time moved.
    bool unchangedSince(const FileStamp &other) const
    {
        return sameFile(other) && size == other.size && modifiedNs == other.modifiedNs;
    }
};

enum class Links { Follow, DoNotFollow };

// "a folder", "a symbolic link", "a named pipe (FIFO)", … for messages.
QString fileTypeText(FileStamp::Type type);

// stat() or lstat(); a missing path (ENOENT, ENOTDIR) is a stamp of Type::Missing.
// Other failures (permission denied, …) are Kind::Io errors naming the path.
Expected<FileStamp> stampOf(const QString &path, Links links);

// A file's bytes and the stamp they belong to.
struct StampedBytes final
{
    QByteArray bytes;
    FileStamp stamp;
};

// Reads `path` through readRegularFile (a regular file only, never blocking,
// at most maxBytes) and stamps it before and after the read; a file replaced or
// rewritten meanwhile is read again, a few times, then refused. Errors as
// readRegularFile's (Kind::NotFound when nothing is there).
//
// Links::DoNotFollow is for files this app names itself (backups, records):
// a symbolic link there is refused (Kind::Refused), never read through, so a
// planted link cannot copy another file in.
Expected<StampedBytes> readStamped(const QString &path, qint64 maxBytes, const QString &what, Links links);

} // namespace SandboxDoctor
