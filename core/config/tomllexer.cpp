#include "config/tomllexer.h"

#include "config/configlimits.h"

#include <QHash>
#include <QString>

#include <algorithm>

namespace SandboxDoctor {

namespace {

bool isBareKeyChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

template <bool Build>
void appendIf(QString &part, QLatin1Char c)
{
    if constexpr (Build)
        part += c;
}

struct Span final
{
    int begin = 0;  // first byte of the string's content
    int end = 0;    // offset of the closing quotes
};

// Scans values; records where multi-line strings lie so that lines starting
// inside them can be told apart from lines that only look like TOML.
class Lexer final
{
public:
    explicit Lexer(const QByteArray &text) : m_s(text.constData()), m_n(int(text.size())) {}

    QList<Span> m_multiLineStrings;

    int skipSpaces(int pos) const
    {
        while (pos < m_n && isSpace(m_s[pos]))
            ++pos;
        return pos;
    }

    int skipToLineEnd(int pos) const
    {
        while (pos < m_n && m_s[pos] != '\n')
            ++pos;
        return pos;
    }

    // Spaces, newlines and comments, as allowed between array elements.
    int skipBlanks(int pos) const
    {
        while (pos < m_n) {
            const char c = m_s[pos];
            if (isSpace(c) || c == '\n' || c == '\r')
                ++pos;
            else if (c == '#')
                pos = skipToLineEnd(pos);
            else
                break;
        }
        return pos;
    }

    bool startsWith(int pos, const char *what) const
    {
        for (int i = 0; what[i]; ++i) {
            if (pos + i >= m_n || m_s[pos + i] != what[i])
                return false;
        }
        return true;
    }

    // After the opening quotes of a multi-line string; returns the offset after the closing ones.
    int skipMultiLine(int pos, char quote)
    {
        const int begin = pos;
        while (pos < m_n) {
            const char c = m_s[pos];
            if (quote == '"' && c == '\\') {
                pos += 2;
                continue;
            }
            if (c == quote && pos + 2 < m_n && m_s[pos + 1] == quote && m_s[pos + 2] == quote) {
                int quotes = 3;
                while (quotes < 5 && pos + quotes < m_n && m_s[pos + quotes] == quote)
                    ++quotes;
                // Up to two quotes right before the closing three belong to the content.
                m_multiLineStrings.append({begin, pos + quotes - 3});
                return pos + quotes;
            }
            ++pos;
        }
        m_multiLineStrings.append({begin, m_n});
        return m_n;
    }

    int skipSingleLine(int pos, char quote) const
    {
        ++pos;
        while (pos < m_n && m_s[pos] != '\n') {
            if (quote == '"' && m_s[pos] == '\\') {
                pos += 2;
                continue;
            }
            if (m_s[pos] == quote)
                return pos + 1;
            ++pos;
        }
        return std::min(pos, m_n);
    }

    // The offset just after the value at `pos`. Arrays and inline tables are
    // matched bracket by bracket with a depth counter, never by recursion, so a
    // hostile `a = [[[[…` costs a counter, not the stack (issue 12); strings and
    // comments inside them are skipped so that their brackets do not count.
    // Past MaxValueNesting the scan stops and m_limit says where.
    int skipValue(int pos)
    {
        if (pos >= m_n)
            return pos;
        const char c = m_s[pos];
        if (c == '"' || c == '\'')
            return skipString(pos);
        if (c != '[' && c != '{')
            return skipScalar(pos);
        int depth = 0;
        while (pos < m_n) {
            const char d = m_s[pos];
            if (d == '[' || d == '{') {
                if (++depth > MaxValueNesting) {
                    setLimit(LexLimit::Kind::Nesting, pos);
                    return m_n;
                }
                ++pos;
            } else if (d == ']' || d == '}') {
                ++pos;
                if (--depth == 0)
                    return pos;
            } else if (d == '"' || d == '\'') {
                pos = skipString(pos);
            } else if (d == '#') {
                pos = skipToLineEnd(pos);
            } else {
                ++pos;  // keys, scalars, commas, '=', blanks: toml++ judges them
            }
        }
        return m_n;  // unclosed: toml++ will name the error
    }

    int skipString(int pos)
    {
        const char c = m_s[pos];
        if (startsWith(pos, c == '"' ? "\"\"\"" : "\'\'\'"))
            return skipMultiLine(pos + 3, c);
        return skipSingleLine(pos, c);
    }

    // Numbers, booleans, dates (a date-time may hold one space: 1979-05-27 07:32:00).
    int skipScalar(int pos) const
    {
        while (pos < m_n) {
            const char d = m_s[pos];
            if (d == ',' || d == ']' || d == '}' || d == '#' || d == '\n' || d == '\r' || isSpace(d)) {
                if (d == ' ' && pos + 1 < m_n && m_s[pos + 1] >= '0' && m_s[pos + 1] <= '9' && pos >= 10
                    && m_s[pos - 3] == '-')
                    ++pos;  // date then time
                else
                    break;
            } else {
                ++pos;
            }
        }
        return pos;
    }

    void setLimit(LexLimit::Kind kind, int offset)
    {
        if (!m_limit)
            m_limit = LexLimit{kind, offset};
    }

    std::optional<LexLimit> m_limit;  // the first limit passed, if any

    std::optional<QStringList> parseKey(int &pos)
    {
        QStringList path;
        if (!scanKey<true>(pos, &path))
            return std::nullopt;
        return path;
    }

    // The key grammar once; Build=false only finds where the key ends (keys inside
    // skipped inline tables are never looked at, so no strings are made for them).
    template <bool Build>
    bool scanKey(int &pos, QStringList *path)
    {
        int p = skipSpaces(pos);
        for (int parts = 1;; ++parts) {
            if (parts > MaxKeyParts) {
                setLimit(LexLimit::Kind::KeyParts, pos);
                return false;
            }
            if (p >= m_n)
                return false;
            const char c = m_s[p];
            if (c == '"') {
                QString part;  // stays empty unless Build
                int q = p + 1;
                int chunk = q;
                while (q < m_n && m_s[q] != '"' && m_s[q] != '\n') {
                    if (m_s[q] != '\\') {
                        ++q;
                        continue;
                    }
                    if constexpr (Build)
                        part += QString::fromUtf8(m_s + chunk, q - chunk);
                    if (q + 1 >= m_n)
                        return false;
                    const char e = m_s[q + 1];
                    int consumed = 2;
                    switch (e) {
                    case 'b': appendIf<Build>(part, QLatin1Char('\b')); break;
                    case 't': appendIf<Build>(part, QLatin1Char('\t')); break;
                    case 'n': appendIf<Build>(part, QLatin1Char('\n')); break;
                    case 'f': appendIf<Build>(part, QLatin1Char('\f')); break;
                    case 'r': appendIf<Build>(part, QLatin1Char('\r')); break;
                    case 'e': appendIf<Build>(part, QLatin1Char('\x1b')); break;
                    case '"': appendIf<Build>(part, QLatin1Char('"')); break;
                    case '\\': appendIf<Build>(part, QLatin1Char('\\')); break;
                    case 'u':
                    case 'U': {
                        const int digits = e == 'u' ? 4 : 8;
                        if (q + 2 + digits > m_n)
                            return false;
                        bool ok = false;
                        const uint cp = QByteArray(m_s + q + 2, digits).toUInt(&ok, 16);
                        if (!ok)
                            return false;
                        const char32_t ucs4 = cp;
                        if constexpr (Build)
                            part += QString::fromUcs4(&ucs4, 1);
                        consumed = 2 + digits;
                        break;
                    }
                    default: return false;
                    }
                    q += consumed;
                    chunk = q;
                }
                if (q >= m_n || m_s[q] != '"')
                    return false;
                if constexpr (Build) {
                    part += QString::fromUtf8(m_s + chunk, q - chunk);
                    path->append(std::move(part));
                }
                p = q + 1;
            } else if (c == '\'') {
                int q = p + 1;
                while (q < m_n && m_s[q] != '\'' && m_s[q] != '\n')
                    ++q;
                if (q >= m_n || m_s[q] != '\'')
                    return false;
                if constexpr (Build)
                    path->append(QString::fromUtf8(m_s + p + 1, q - p - 1));
                p = q + 1;
            } else if (isBareKeyChar(c)) {
                int q = p;
                while (q < m_n && isBareKeyChar(m_s[q]))
                    ++q;
                if constexpr (Build)
                    path->append(QString::fromLatin1(m_s + p, q - p));
                p = q;
            } else {
                return false;
            }
            const int afterPart = p;
            p = skipSpaces(p);
            if (p < m_n && m_s[p] == '.') {
                p = skipSpaces(p + 1);
                continue;
            }
            pos = afterPart;
            return true;
        }
    }

private:
    const char *m_s;
    int m_n;
};

} // namespace

std::optional<QStringList> parseKeyPath(const QByteArray &text, int &pos)
{
    return Lexer(text).parseKey(pos);
}

int skipValue(const QByteArray &text, int pos)
{
    Lexer lexer(text);
    return lexer.skipValue(pos);
}

std::optional<QList<InlineEntry>> splitInlineTable(const QByteArray &text, int pos)
{
    Lexer lexer(text);
    const int n = int(text.size());
    if (pos >= n || text[pos] != '{')
        return std::nullopt;
    QList<InlineEntry> entries;
    pos = lexer.skipBlanks(pos + 1);
    while (pos < n && text[pos] != '}') {
        InlineEntry entry;
        entry.start = pos;
        int keyEnd = pos;
        auto path = lexer.parseKey(keyEnd);
        if (!path)
            return std::nullopt;
        pos = lexer.skipSpaces(keyEnd);
        if (pos >= n || text[pos] != '=')
            return std::nullopt;
        entry.end = lexer.skipValue(lexer.skipSpaces(pos + 1));
        entry.path = *path;
        entries.append(entry);
        pos = lexer.skipBlanks(entry.end);
        if (pos < n && text[pos] == ',')
            pos = lexer.skipBlanks(pos + 1);
        else if (pos < n && text[pos] != '}')
            return std::nullopt;
    }
    if (pos >= n)
        return std::nullopt;
    return entries;
}

std::optional<LexLimit> classifyLines(ConfigDocument &doc)
{
    Lexer lexer(doc.body);
    const char *s = doc.body.constData();
    QList<ConfigLine> &lines = doc.lines;
    int section = -1;
    QHash<QByteArrayView, QStringList> keyPaths;  // views into doc.body, which outlives them
    int i = 0;
    while (i < lines.size()) {
        if (lexer.m_limit)
            return lexer.m_limit;
        ConfigLine &line = lines[i];
        line.section = section;
        int pos = lexer.skipSpaces(line.start);
        if (pos >= line.end) {
            line.kind = ConfigLine::Kind::Blank;
            ++i;
            continue;
        }
        const char c = s[pos];
        if (c == '#') {
            line.kind = ConfigLine::Kind::Comment;
            ++i;
            continue;
        }
        if (c == '[') {
            const bool array = pos + 1 < line.end && s[pos + 1] == '[';
            line.keyStart = pos;
            int keyPos = pos + (array ? 2 : 1);
            auto path = lexer.parseKey(keyPos);
            int close = lexer.skipSpaces(keyPos);
            const bool closed = array ? lexer.startsWith(close, "]]") : lexer.startsWith(close, "]");
            if (path && closed) {
                line.kind = array ? ConfigLine::Kind::ArrayTable : ConfigLine::Kind::Table;
                line.path = std::move(*path);
                line.headerEnd = close + (array ? 2 : 1);
                section = i;
                line.section = -1;
            } else {
                line.kind = ConfigLine::Kind::Other;
            }
            ++i;
            continue;
        }
        // Key-value lines repeat a few key spellings (trust_level, command, ...) thousands
        // of times: equal key text gives an equal path, so one shared list serves them all.
        int keyPos = pos;
        std::optional<QStringList> path;
        if (lexer.scanKey<false>(keyPos, nullptr)) {
            const QByteArrayView spelling(s + pos, keyPos - pos);
            const auto known = keyPaths.constFind(spelling);
            if (known != keyPaths.cend()) {
                path = known.value();
            } else {
                keyPos = pos;
                path = lexer.parseKey(keyPos);
                if (path)
                    keyPaths.insert(spelling, *path);
            }
        }
        const int eq = lexer.skipSpaces(keyPos);
        if (!path || eq >= line.end || s[eq] != '=') {
            line.kind = ConfigLine::Kind::Other;
            ++i;
            continue;
        }
        line.kind = ConfigLine::Kind::KeyValue;
        line.path = std::move(*path);
        line.keyStart = pos;
        line.valueStart = lexer.skipSpaces(eq + 1);
        const int stringsBefore = int(lexer.m_multiLineStrings.size());
        line.valueEnd = lexer.skipValue(line.valueStart);
        if (line.valueEnd - line.valueStart > MaxValueBytes)
            lexer.setLimit(LexLimit::Kind::ValueBytes, line.valueStart);
        if (lexer.m_limit)
            return lexer.m_limit;
        const int statementEnd = lexer.skipToLineEnd(std::max(line.valueEnd, line.start));
        int last = i;
        while (last + 1 < lines.size() && lines[last + 1].start <= statementEnd)
            ++last;
        line.lastLine = last;
        int spanIndex = stringsBefore;
        for (int k = i + 1; k <= last; ++k) {
            ConfigLine &cont = lines[k];
            cont.kind = ConfigLine::Kind::Continuation;
            cont.owner = i;
            cont.section = section;
            while (spanIndex < lexer.m_multiLineStrings.size()
                   && lexer.m_multiLineStrings[spanIndex].end < cont.start)
                ++spanIndex;
            cont.inString = spanIndex < lexer.m_multiLineStrings.size()
                            && lexer.m_multiLineStrings[spanIndex].begin <= cont.start
                            && cont.start <= lexer.m_multiLineStrings[spanIndex].end;
        }
        i = last + 1;
    }
    return lexer.m_limit;
}

} // namespace SandboxDoctor
