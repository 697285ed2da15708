#include "homes/skillsconfig.h"

#include "config/configdocument.h"

namespace SandboxDoctor {

namespace {

bool isSkillsConfigHeader(const ConfigLine &line)
{
    return line.kind == ConfigLine::Kind::ArrayTable && line.path.size() == 2
           && line.path.at(0) == QLatin1String("skills") && line.path.at(1) == QLatin1String("config");
}

bool isHeader(const ConfigLine &line)
{
    return line.kind == ConfigLine::Kind::Table || line.kind == ConfigLine::Kind::ArrayTable;
}

} // namespace

QByteArray withoutSkillsConfig(const QByteArray &configBytes)
{
    if (!configBytes.contains("skills"))
        return configBytes;
    const Expected<ConfigDocument> doc = loadConfigDocument(configBytes);
    if (!doc)
        return configBytes;
    QByteArray out;
    out.reserve(configBytes.size());
    if (doc->bom)
        out += Utf8Bom;
    bool inSkillsConfig = false;
    bool removed = false;
    for (const ConfigLine &line : doc->lines) {
        if (isHeader(line))
            inSkillsConfig = isSkillsConfigHeader(line);
        if (inSkillsConfig) {
            removed = true;
            continue;
        }
        out += doc->textWithEol(line);
    }
    if (!removed)
        return configBytes;
    // As the daemon does: the blank lines the removal leaves at the end go, one newline stays.
    while (out.endsWith("\n\n") || out.endsWith("\r\n\r\n"))
        out.chop(out.endsWith("\r\n\r\n") ? 2 : 1);
    return out;
}

} // namespace SandboxDoctor
