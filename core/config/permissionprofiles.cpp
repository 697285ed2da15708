#include "config/permissionprofiles_p.h"

#include "config/configrefusals_p.h"

#include <QStringList>

namespace SandboxDoctor {

namespace {

QString fromStd(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

CodexRefusal refused(QString message, int line, QString about)
{
    return CodexRefusal{std::move(message), QString(), line, true, std::move(about)};
}

} // namespace

std::optional<SandboxMode> builtInProfileMode(const QString &name)
{
    if (name == QLatin1String(":read-only"))
        return SandboxMode::ReadOnly;
    if (name == QLatin1String(":workspace"))
        return SandboxMode::WorkspaceWrite;
    if (name == QLatin1String(":danger-full-access"))
        return SandboxMode::DangerFullAccess;
    return std::nullopt;
}

ProfileResolution resolvePermissionProfile(const toml::table &root, const QString &name, int defaultPermissionsLine)
{
    ProfileResolution result;
    const auto *permissions = root.get_as<toml::table>("permissions");
    if (!permissions) {
        result.refusal = refused(QStringLiteral("default_permissions requires a `[permissions]` table"),
                                 defaultPermissionsLine, QStringLiteral("default_permissions"));
        return result;
    }
    QStringList visited;
    QString current = name;
    int referenceLine = defaultPermissionsLine;
    QString referenceKey = QStringLiteral("default_permissions");
    bool anyFilesystem = false;
    bool networkKnown = false;
    for (;;) {
        const auto *profile = permissions->get_as<toml::table>(current.toStdString());
        if (!profile) {
            result.refusal = refused(visited.isEmpty()
                                         ? QStringLiteral("default_permissions refers to undefined profile `%1`")
                                               .arg(current)
                                         : QStringLiteral("permissions profile `%1` extends undefined profile `%2`")
                                               .arg(visited.constLast(), current),
                                     referenceLine, referenceKey);
            return result;
        }
        if (const qsizetype at = visited.indexOf(current); at >= 0) {
            const QStringList cycle = visited.mid(at) + QStringList{current};
            result.refusal = refused(QStringLiteral("permissions profile inheritance cycle detected: %1")
                                         .arg(cycle.join(QStringLiteral(" -> "))),
                                     referenceLine, referenceKey);
            return result;
        }
        visited << current;

        PermissionProfileLink link;
        link.name = current;
        link.line = nodeLine(*profile);
        const QString prefix = QStringLiteral("permissions.%1.").arg(current);
        if (const toml::node *enabled = profile->at_path("network.enabled").node()) {
            link.network = settingAt(*enabled, prefix + QStringLiteral("network.enabled"));
            if (!networkKnown) {
                networkKnown = true;
                result.network = link.network;
                result.networkEnabled = enabled->value_or(false);
            }
        }
        anyFilesystem = anyFilesystem || profile->contains("filesystem");
        const toml::node *extends = profile->get("extends");
        if (extends)
            link.extends = settingAt(*extends, prefix + QStringLiteral("extends"));
        result.chain.append(link);
        if (!extends)
            break;

        const QString parent = fromStd(extends->value_or(std::string_view()));
        referenceLine = nodeLine(*extends);
        referenceKey = prefix + QStringLiteral("extends");
        if (parent.startsWith(QLatin1Char(':'))) {
            const std::optional<SandboxMode> mode = builtInProfileMode(parent);
            if (!mode || *mode == SandboxMode::DangerFullAccess) {
                result.refusal = refused(
                    QStringLiteral("permissions profile `%1` cannot extend unsupported built-in profile `%2`")
                        .arg(current, parent),
                    referenceLine, referenceKey);
                return result;
            }
            result.base = mode;
            break;
        }
        current = parent;
    }
    if (!result.base && !anyFilesystem)
        result.warning = QStringLiteral("Permissions profile `%1` does not define any recognized filesystem entries for "
                                        "this version of Codex. Filesystem access will remain restricted. Upgrade "
                                        "Codex if this profile expects filesystem permissions.")
                             .arg(result.chain.constFirst().name);
    return result;
}

std::optional<CodexRefusal> permissionsWithoutDefaultRefusal(const toml::table &root)
{
    const auto *permissions = root.get_as<toml::table>("permissions");
    if (!permissions || permissions->empty() || root.contains("default_permissions") || root.contains("sandbox_mode"))
        return std::nullopt;
    return refused(QStringLiteral("config defines `[permissions]` profiles but does not set `default_permissions`"),
                   nodeLine(*permissions), QStringLiteral("permissions"));
}

} // namespace SandboxDoctor
