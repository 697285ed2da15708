#include "config/configdocument.h"

#include "config/configlimits.h"
#include "config/tomllexer.h"

#include <algorithm>
#include <cstring>

namespace SandboxDoctor {

namespace {

// The length of the well-formed multi-byte UTF-8 sequence starting at s[i]
// (lead byte >= 0x80), or 0 when it is malformed, overlong, a surrogate or
// beyond U+10FFFF.
int utf8SequenceLength(const unsigned char *s, qsizetype i, qsizetype n)
{
    const unsigned char c = s[i];
    int length = 0;
    char32_t min = 0;
    char32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
        length = 2, min = 0x80, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        length = 3, min = 0x800, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        length = 4, min = 0x10000, cp = c & 0x07;
    } else {
        return 0;
    }
    if (i + length > n)
        return 0;
    for (int k = 1; k < length; ++k) {
        if ((s[i + k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return length;
}

// findInvalidUtf8 without the line and column bookkeeping, with plain ASCII
// skipped eight bytes at a time: valid files (nearly all) pay only for this pass.
bool isValidUtf8(const unsigned char *s, qsizetype n)
{
    qsizetype i = 0;
    while (i < n) {
        if (i + 8 <= n) {
            quint64 word;
            std::memcpy(&word, s + i, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        if (s[i] < 0x80) {
            ++i;
            continue;
        }
        const int length = utf8SequenceLength(s, i, n);
        if (length == 0)
            return false;
        i += length;
    }
    return true;
}

// The 1-based line that holds byte `offset` of the body.
int lineAt(const ConfigDocument &doc, int offset)
{
    const auto after = std::upper_bound(doc.lines.cbegin(), doc.lines.cend(), offset,
                                        [](int at, const ConfigLine &line) { return at < line.start; });
    return int(after - doc.lines.cbegin());
}

Error limitError(const ConfigDocument &doc, const LexLimit &limit)
{
    const int line = lineAt(doc, limit.offset);
    const QString hint = QStringLiteral("Nothing was changed. No real config.toml comes near this limit: look at line "
                                        "%1 in an editor (the file may be damaged or not a Codex config), or restore "
                                        "a backup.").arg(line);
    switch (limit.kind) {
    case LexLimit::Kind::Nesting:
        return lineRefusal(QStringLiteral("config.toml nests arrays or inline tables more than %1 levels deep at "
                                          "line %2 (the limit is %1, as in the TOML parser; Codex 0.171 stops at 80).")
                               .arg(MaxValueNesting).arg(line),
                           line, hint);
    case LexLimit::Kind::KeyParts:
        return lineRefusal(QStringLiteral("config.toml has a key or table name of more than %1 dotted parts at line %2 "
                                          "(the limit is %1; Codex 0.171 stops below 100).")
                               .arg(MaxKeyParts).arg(line),
                           line, hint);
    case LexLimit::Kind::ValueBytes:
        return lineRefusal(QStringLiteral("config.toml has a value longer than %1 MiB at line %2 (the limit is %1 MiB "
                                          "for one value).")
                               .arg(MaxValueBytes / (1024 * 1024)).arg(line),
                           line, hint);
    }
    return lineRefusal(QStringLiteral("config.toml passes a size limit at line %1.").arg(line), line, hint);
}

} // namespace

TextPosition findInvalidUtf8(QByteArrayView text)
{
    const auto *s = reinterpret_cast<const unsigned char *>(text.data());
    const qsizetype n = text.size();
    if (isValidUtf8(s, n))
        return {};

    int line = 1;
    int column = 1;
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            if (c == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
            ++i;
            continue;
        }
        const int length = utf8SequenceLength(s, i, n);
        if (length == 0)
            return {line, column};
        i += length;
        ++column;
    }
    return {};
}

Expected<ConfigDocument> loadConfigDocument(const QByteArray &bytes)
{
    ConfigDocument doc;
    doc.bom = bytes.startsWith(Utf8Bom);
    doc.body = doc.bom ? bytes.mid(3) : bytes;

    const TextPosition bad = findInvalidUtf8(doc.body);
    if (bad.line > 0) {
        Error error;
        error.kind = Error::Kind::Refused;
        error.message = QStringLiteral("config.toml is not valid UTF-8 (TOML files must be UTF-8).");
        error.line = bad.line;
        error.column = bad.column;
        error.hint = QStringLiteral("Re-save the file as UTF-8 in an editor (or restore a backup); "
                                    "nothing was changed.");
        return error;
    }

    // A second BOM is a U+FEFF where TOML wants a key: Codex 0.171 refuses the
    // file ("invalid unquoted key" at line 1). Said here, in those words, rather
    // than found later as an edit that would move the mark into the file's middle.
    if (doc.body.startsWith(Utf8Bom)) {
        Error error = lineRefusal(QStringLiteral("config.toml starts with two byte-order marks (U+FEFF, the bytes "
                                                 "EF BB BF twice); TOML allows one, as the very first bytes, and Codex "
                                                 "refuses the file."),
                                  1, QStringLiteral("Nothing was changed. Save the file again as UTF-8 (an editor "
                                                    "drops the marks), or delete the first 6 bytes, then run again."));
        error.column = 1;
        return error;
    }

    const char *s = doc.body.constData();
    const int n = int(doc.body.size());
    int crlfLines = 0;
    int lfLines = 0;
    const qsizetype lineCount = qsizetype(std::count(s, s + n, '\n')) + (n > 0 && s[n - 1] != '\n' ? 1 : 0);
    if (lineCount > MaxLines)
        return lineRefusal(QStringLiteral("config.toml has %1 lines; the limit is %2 (a large Codex config has "
                                          "tens of thousands).").arg(lineCount).arg(MaxLines),
                           int(std::min<qsizetype>(lineCount, MaxLines + 1)),
                           QStringLiteral("Nothing was changed. Check that this file is a Codex config.toml (it may be "
                                          "damaged, or another file copied over it), or restore a backup."));
    doc.lines.reserve(lineCount);
    int start = 0;
    while (start < n) {
        ConfigLine line;
        line.start = start;
        const void *nl = std::memchr(s + start, '\n', size_t(n - start));
        if (nl) {
            const int at = int(static_cast<const char *>(nl) - s);
            if (at > start && s[at - 1] == '\r') {
                line.end = at - 1;
                line.eolLength = 2;
                ++crlfLines;
            } else {
                line.end = at;
                line.eolLength = 1;
                ++lfLines;
            }
            start = at + 1;
        } else {
            line.end = n;
            line.eolLength = 0;
            start = n;
        }
        doc.lines.append(std::move(line));
    }
    doc.crlf = crlfLines > lfLines;
    doc.finalNewline = doc.lines.isEmpty() || doc.lines.constLast().eolLength > 0;
    if (const std::optional<LexLimit> limit = classifyLines(doc))
        return limitError(doc, *limit);
    return doc;
}

} // namespace SandboxDoctor
