#pragma once

#include "common/expected.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QStringList>

namespace SandboxDoctor {

// One physical line of config.toml and what it is in TOML terms. The kinds come
// from a small TOML lexer (tomllexer.h) that also works on invalid files, so a
// damaged managed block can be found and repaired before toml++ accepts the file.
struct ConfigLine final
{
    enum class Kind {
        Blank,         // only spaces and tabs
        Comment,       // first visible character is '#'
        Table,         // [a.b]
        ArrayTable,    // [[a.b]]
        KeyValue,      // a.b = value (the value may continue on later lines)
        Continuation,  // starts inside a multi-line value or string
        Other,         // none of the above (invalid TOML)
    };

    int start = 0;      // byte offset in the body (BOM excluded)
    int end = 0;        // offset of the line ending (or of the body's end)
    int eolLength = 0;  // 0 (last line without newline), 1 (LF) or 2 (CRLF)
    Kind kind = Kind::Blank;
    QStringList path;   // table path (headers) or key path (key-values), unescaped
    int keyStart = -1;  // headers: offset of '['; key-values: offset of the key
    int valueStart = -1;  // key-values: offset of the value
    int valueEnd = -1;    // key-values: offset just after the value
    int headerEnd = -1;   // headers: offset just after the closing bracket(s)
    int lastLine = -1;    // key-values: index of the last line the value spans
    int owner = -1;       // continuation: index of the key-value line it belongs to
    int section = -1;     // index of the header line whose table holds this line; -1: root
    bool inString = false;  // continuation that starts inside a multi-line string
};

// config.toml split into what an edit has to keep: the BOM, the line endings,
// the lines and their TOML roles.
struct ConfigDocument final
{
    bool bom = false;
    bool crlf = false;          // most lines end in CRLF
    bool finalNewline = false;  // the last line ends with a line ending
    QByteArray body;            // the bytes after the BOM
    QList<ConfigLine> lines;

    QByteArrayView text(const ConfigLine &line) const
    {
        return QByteArrayView(body.constData() + line.start, line.end - line.start);
    }
    QByteArrayView textWithEol(const ConfigLine &line) const
    {
        return QByteArrayView(body.constData() + line.start, line.end - line.start + line.eolLength);
    }
    QByteArray eol() const { return crlf ? QByteArrayLiteral("\r\n") : QByteArrayLiteral("\n"); }
};

inline constexpr char Utf8Bom[] = "\xEF\xBB\xBF";

// Splits off the BOM, checks UTF-8 (Error Refused with line and character column
// of the first bad byte), splits the lines and classifies them. Never calls toml++.
Expected<ConfigDocument> loadConfigDocument(const QByteArray &bytes);

// The 1-based line and column (in characters) of the first invalid UTF-8 byte, or
// line 0 when `text` is valid UTF-8 (no overlongs, no surrogates, at most U+10FFFF).
struct TextPosition final
{
    int line = 0;
    int column = 0;
};
TextPosition findInvalidUtf8(QByteArrayView text);

} // namespace SandboxDoctor
