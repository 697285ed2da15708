#include "config/profilemigration_p.h"

#include "config/configdocument.h"
#include "config/configpaths.h"
#include "config/tomltree_p.h"

#include <QRegularExpression>
#include <QStringList>

namespace SandboxDoctor {

namespace {

QByteArray keyPart(const QString &part)
{
    static const QRegularExpression bare(QStringLiteral("^[A-Za-z0-9_-]+$"));
    if (bare.match(part).hasMatch())
        return part.toUtf8();
    QString quoted = part;
    quoted.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return '"' + quoted.toUtf8() + '"';
}

// `[profiles.<name>.a.b]` as `[a.b]` in the profile's own file.
QByteArray movedHeader(const ConfigLine &line)
{
    QByteArrayList parts;
    for (const QString &part : line.path.mid(2))
        parts.append(keyPart(part));
    const bool array = line.kind == ConfigLine::Kind::ArrayTable;
    return (array ? "[[" : "[") + parts.join('.') + (array ? "]]" : "]");
}

bool underProfile(const ConfigLine &line, const QString &name)
{
    return (line.kind == ConfigLine::Kind::Table || line.kind == ConfigLine::Kind::ArrayTable)
           && line.path.size() >= 2 && line.path[0] == QLatin1String("profiles") && line.path[1] == name;
}

} // namespace

std::optional<MigrationPlan> migrateLegacyProfile(const QByteArray &planned, const QList<int> &resultSource,
                                                  int blockLastLine, const ConfigDocument *plannedDoc)
{
    if (!planned.contains("profile"))
        return std::nullopt;
    Expected<ConfigDocument> loaded = plannedDoc ? Expected<ConfigDocument>(*plannedDoc) : loadConfigDocument(planned);
    if (!loaded)
        return std::nullopt;
    const ConfigDocument &doc = *loaded;
    // Only a root key-value line can set the root `profile`: looked for before
    // toml++ runs, since "profile" is also in every [profiles.*] header.
    int profileLine = -1;
    for (int i = 0; i < doc.lines.size(); ++i) {
        const ConfigLine &line = doc.lines[i];
        if (line.kind == ConfigLine::Kind::KeyValue && line.section == -1 && line.path == QStringList{QStringLiteral("profile")}) {
            profileLine = i;
            break;
        }
    }
    if (profileLine < 0 || profileLine < blockLastLine || profileLine >= resultSource.size()
        || resultSource[profileLine] < 0)
        return std::nullopt;
    auto parsed = parseToml(doc.body);
    if (!parsed)
        return std::nullopt;
    const toml::table &root = *parsed.value();
    const auto *nameNode = root.get_as<std::string>("profile");
    if (!nameNode)
        return std::nullopt;
    const QString name = QString::fromStdString(nameNode->get());
    const QString fileName = name + QStringLiteral(".config.toml");
    if (!isHomeConfigFileName(fileName))
        return std::nullopt;  // not a name Codex could read as a file beside config.toml

    // What goes: the profile statement, and each table of the profile up to the
    // next header. The profile's own table's lines go first in the new file
    // (root keys must precede every table), its subtables after, in file order.
    const QByteArray eol = doc.eol();
    const QByteArray blank = eol + eol;
    QList<bool> removed(doc.lines.size(), false);
    for (int k = profileLine; k <= qMax(profileLine, doc.lines[profileLine].lastLine); ++k)
        removed[k] = true;
    QByteArray rootPart;
    QByteArray tablesPart;
    for (int i = 0; i < doc.lines.size(); ++i) {
        const ConfigLine &header = doc.lines[i];
        if (!underProfile(header, name))
            continue;
        const bool own = header.kind == ConfigLine::Kind::Table && header.path.size() == 2;
        QByteArray &part = own ? rootPart : tablesPart;
        if (!own)
            part += movedHeader(header) + eol;
        removed[i] = true;
        int k = i + 1;
        for (; k < doc.lines.size(); ++k) {
            const ConfigLine &line = doc.lines[k];
            if (line.kind == ConfigLine::Kind::Table || line.kind == ConfigLine::Kind::ArrayTable)
                break;
            removed[k] = true;
            part += doc.text(line).toByteArray() + eol;
        }
        i = k - 1;
    }

    MigrationPlan plan;
    plan.migration.profile = name;
    plan.migration.fileName = fileName;
    plan.migration.profileLine = resultSource[profileLine] + 1;
    plan.migration.content = QByteArrayLiteral("# Moved here from config.toml's [profiles.") + keyPart(name)
                             + "] by codex-sandbox-doctor: Codex 0.150 and newer read it with `codex --profile "
                             + name.toUtf8() + "`." + eol;
    if (!rootPart.trimmed().isEmpty())
        plan.migration.content += rootPart;
    if (!tablesPart.isEmpty())
        plan.migration.content += (rootPart.trimmed().isEmpty() || rootPart.endsWith(blank) ? QByteArray() : eol)
                                  + tablesPart;
    while (plan.migration.content.endsWith(blank))
        plan.migration.content.chop(eol.size());

    // After the block the planner writes one empty line, then the user's first
    // line that is not empty (it takes the empty lines after END as the block's):
    // what the profile's lines leave behind must look the same, or a second apply
    // would take the empty lines they leave.
    const auto empty = [&doc](int i) {
        return doc.lines[i].kind == ConfigLine::Kind::Blank && doc.lines[i].end == doc.lines[i].start;
    };
    QList<int> leftEmpty;  // kept empty lines between the block and the first line that stays
    int next = blockLastLine;
    for (; next < doc.lines.size() && (removed[next] || empty(next)); ++next) {
        if (!removed[next])
            leftEmpty.append(next);
    }
    const bool contentFollows = next < doc.lines.size();
    for (qsizetype k = contentFollows ? 1 : 0; k < leftEmpty.size(); ++k)
        removed[leftEmpty[k]] = true;

    QByteArray body;
    body.reserve(doc.body.size());
    for (int i = 0; i < doc.lines.size(); ++i) {
        if (removed[i])
            continue;
        body += doc.textWithEol(doc.lines[i]);
        plan.resultSource.append(resultSource.value(i, -1));
    }
    plan.after = doc.bom ? QByteArray(Utf8Bom) + body : body;

    // Both files parse, config.toml no longer holds the profile, and the new
    // file holds exactly the values the table held: anything else (a dotted
    // `profiles.<name>.key`, an inline table) is left to the user.
    auto after = parseToml(body);
    auto moved = parseToml(plan.migration.content);
    if (!after || !moved || after.value()->contains("profile"))
        return std::nullopt;
    if (const auto *profiles = after.value()->get_as<toml::table>("profiles"); profiles && profiles->contains(name.toStdString()))
        return std::nullopt;
    toml::table original;
    if (const auto *table = root.at_path("profiles").as_table()) {
        if (const toml::node *node = table->get(name.toStdString())) {
            if (!node->as_table())
                return std::nullopt;
            original = *node->as_table();
        }
    }
    QString where;
    int line = 0;
    if (!sameValues(original, *moved.value(), &where, &line))
        return std::nullopt;
    return plan;
}

} // namespace SandboxDoctor
