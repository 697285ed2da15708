#pragma once

#include <QString>

namespace SandboxDoctor {

// What went wrong, where, and what to do next: every error a person can see
// carries all three, so the CLI and the GUI print them the same way.
struct Error final
{
    enum class Kind {
        Usage,     // the caller asked for something malformed (exit 2)
        Refused,   // unsafe or invalid input; nothing was written (exit 3)
        Io,        // the file system failed us; nothing was lost (exit 4)
        NotFound,  // a thing we looked for is not there
        Process,   // an external program failed, timed out or could not start
    };

    Kind kind = Kind::Refused;
    QString message;  // what happened, one sentence
    QString path;     // where (file or folder), empty when not about a file
    int line = 0;     // 1-based; 0 when not about a line
    int column = 0;   // 1-based, counts characters; 0 when unknown
    QString hint;     // what to do next

    // "path:line:column: message" followed by the hint, for terminals and logs.
    QString toText() const
    {
        QString where = path;
        if (line > 0) {
            where += QLatin1Char(':') + QString::number(line);
            if (column > 0)
                where += QLatin1Char(':') + QString::number(column);
        }
        QString text = where.isEmpty() ? message : where + QLatin1String(": ") + message;
        if (!hint.isEmpty())
            text += QLatin1String("\n  ") + hint;
        return text;
    }

    int exitCode() const
    {
        switch (kind) {
        case Kind::Usage: return 2;
        case Kind::Refused: return 3;
        case Kind::Io: return 4;
        case Kind::NotFound:
        case Kind::Process: return 1;
        }
        return 1;
    }
};

// An error about a whole file or folder (no line), the shape most file checks report.
inline Error fileError(Error::Kind kind, QString message, QString path, QString hint)
{
    return Error{kind, std::move(message), std::move(path), 0, 0, std::move(hint)};
}
inline Error refusedError(QString message, QString path, QString hint)
{
    return fileError(Error::Kind::Refused, std::move(message), std::move(path), std::move(hint));
}
inline Error ioError(QString message, QString path, QString hint)
{
    return fileError(Error::Kind::Io, std::move(message), std::move(path), std::move(hint));
}
// A refusal about one line of config.toml; the caller knows the file and sets
// `path` when it reports.
inline Error lineRefusal(QString message, int line, QString hint)
{
    return Error{Error::Kind::Refused, std::move(message), {}, line, 0, std::move(hint)};
}

} // namespace SandboxDoctor
