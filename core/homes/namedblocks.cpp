#include "homes/namedblocks.h"

#include "config/configdocument.h"

namespace SandboxDoctor {

namespace {

constexpr QByteArrayView BeginPrefix("# BEGIN multica-managed ");

bool isNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
           || c == '.';
}

} // namespace

bool isNamedBlockBegin(QByteArrayView line)
{
    if (!line.startsWith(BeginPrefix))
        return false;
    qsizetype i = BeginPrefix.size();
    const qsizetype nameStart = i;
    while (i < line.size() && isNameChar(line.at(i)))
        ++i;
    // The sandbox block's BEGIN has "(" right after the prefix: no name, not ours.
    if (i == nameStart)
        return false;
    return line.sliced(i).startsWith(QByteArrayView(" (")) && line.endsWith(')');
}

bool mayCarryNamedBlock(const QByteArray &configBytes)
{
    return configBytes.contains(BeginPrefix);
}

bool carriesDaemonNamedBlock(const ConfigDocument &document)
{
    for (const ConfigLine &line : document.lines) {
        // Comment lines only: the lexer already tells a comment from a line
        // that starts inside a multi-line string or value.
        if (line.kind == ConfigLine::Kind::Comment && isNamedBlockBegin(document.text(line)))
            return true;
    }
    return false;
}

bool carriesDaemonNamedBlock(const QByteArray &configBytes)
{
    // Most files hold no marker at all: a substring search spares them the lexer.
    if (!mayCarryNamedBlock(configBytes))
        return false;
    const Expected<ConfigDocument> doc = loadConfigDocument(configBytes);
    return doc && carriesDaemonNamedBlock(*doc);  // not UTF-8: no daemon wrote it as it stands
}

} // namespace SandboxDoctor
