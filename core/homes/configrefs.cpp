#include "homes/configrefs.h"

#include "config/configdocument.h"
#include "homes/namedblocks.h"

#include <QDir>

#include <algorithm>

namespace SandboxDoctor {

namespace {

const QList<QLatin1String> &referenceKeys()
{
    static const QList<QLatin1String> keys{QLatin1String("model_instructions_file"),
                                           QLatin1String("experimental_instructions_file"),
                                           QLatin1String("model_catalog_json")};
    return keys;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// A TOML basic string's body (between the quotes) with its escapes resolved;
// false on an escape TOML does not know.
bool unescapeBasic(QByteArrayView body, QString &out)
{
    QByteArray utf8;
    for (qsizetype i = 0; i < body.size(); ++i) {
        const char c = body.at(i);
        if (c != '\\') {
            utf8 += c;
            continue;
        }
        if (++i >= body.size())
            return false;
        switch (body.at(i)) {
        case 'b': utf8 += '\b'; break;
        case 't': utf8 += '\t'; break;
        case 'n': utf8 += '\n'; break;
        case 'f': utf8 += '\f'; break;
        case 'r': utf8 += '\r'; break;
        case 'e': utf8 += '\x1b'; break;
        case '"': utf8 += '"'; break;
        case '\\': utf8 += '\\'; break;
        case 'u':
        case 'U': {
            const int digits = body.at(i) == 'u' ? 4 : 8;
            if (i + digits >= body.size())
                return false;
            char32_t code = 0;
            for (int k = 1; k <= digits; ++k) {
                const int v = hexValue(body.at(i + k));
                if (v < 0)
                    return false;
                code = code * 16 + char32_t(v);
            }
            i += digits;
            utf8 += QString::fromUcs4(&code, 1).toUtf8();
            break;
        }
        default: return false;
        }
    }
    out = QString::fromUtf8(utf8);
    return true;
}

// The value of a one-line `"…"` or `'…'` string, or false for anything else
// (numbers, arrays, multi-line strings).
bool readOneLineString(QByteArrayView value, QString &out)
{
    if (value.size() < 2)
        return false;
    const char quote = value.front();
    if ((quote != '"' && quote != '\'') || value.back() != quote)
        return false;
    if (value.startsWith("\"\"\"") || value.startsWith("'''"))
        return false;
    const QByteArrayView body = value.sliced(1, value.size() - 2);
    if (quote == '\'') {
        out = QString::fromUtf8(body);
        return true;
    }
    return unescapeBasic(body, out);
}

bool mentionsReference(const QByteArray &configBytes)
{
    for (QLatin1String key : referenceKeys()) {
        if (configBytes.contains(QByteArrayView(key.data(), key.size())))
            return true;
    }
    return false;
}

QList<ConfigReference> referencesIn(const ConfigDocument &document)
{
    QList<ConfigReference> references;
    for (const ConfigLine &line : document.lines) {
        // Root keys whose value ends on their own line.
        if (line.kind != ConfigLine::Kind::KeyValue || line.section != -1 || line.path.size() != 1
            || line.valueEnd > line.end)
            continue;
        const QString &key = line.path.first();
        const auto &keys = referenceKeys();
        if (std::none_of(keys.begin(), keys.end(), [&key](QLatin1String known) { return key == known; }))
            continue;
        const QByteArrayView value(document.body.constData() + line.valueStart, line.valueEnd - line.valueStart);
        QString text;
        if (!readOneLineString(value, text) || text.trimmed().isEmpty())
            continue;
        references.append({key, text.trimmed()});
    }
    return references;
}

} // namespace

bool ConfigReference::isRelative() const
{
    return !value.startsWith(QLatin1Char('~')) && !QDir::isAbsolutePath(value);
}

bool ConfigReference::requiredByCodex() const
{
    return key != QLatin1String("experimental_instructions_file");
}

QList<ConfigReference> configReferences(const QByteArray &configBytes)
{
    // Most configs name none of the keys: a substring search spares them the lexer.
    if (!mentionsReference(configBytes))
        return {};
    const Expected<ConfigDocument> doc = loadConfigDocument(configBytes);
    return doc ? referencesIn(*doc) : QList<ConfigReference>{};
}

ConfigMarks scanConfigMarks(const QByteArray &configBytes)
{
    ConfigMarks marks;
    const bool references = mentionsReference(configBytes);
    const bool markers = mayCarryNamedBlock(configBytes);
    if (!references && !markers)
        return marks;
    const Expected<ConfigDocument> doc = loadConfigDocument(configBytes);
    if (!doc)
        return marks;
    marks.namedBlock = markers && carriesDaemonNamedBlock(*doc);
    if (references)
        marks.references = referencesIn(*doc);
    return marks;
}

QString resolveReference(const QString &value, const QString &base, const QString &userHome)
{
    if (QDir::isAbsolutePath(value))
        return QDir::cleanPath(value);
    if (value.startsWith(QLatin1String("~/")) || value.startsWith(QLatin1String("~\\")))
        return userHome.isEmpty() ? QString() : QDir::cleanPath(userHome + QLatin1Char('/') + value.mid(2));
    if (value.startsWith(QLatin1Char('~')))
        return {};
    return QDir::cleanPath(base + QLatin1Char('/') + value);
}

bool isLocalReference(const QString &value)
{
    if (value.isEmpty() || value.startsWith(QLatin1Char('~')) || QDir::isAbsolutePath(value))
        return false;
    const QString clean = QDir::cleanPath(value);
    return clean != QLatin1String(".") && clean != QLatin1String("..") && !clean.startsWith(QLatin1String("../"));
}

} // namespace SandboxDoctor
