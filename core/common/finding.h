#pragma once

#include <QLatin1String>
#include <QList>
#include <QString>

#include <optional>

namespace SandboxDoctor {

enum class Severity { Info, Warning, Error };

QString severityName(Severity severity);  // "info", "warning", "error"
std::optional<Severity> parseSeverity(QStringView name);

// One thing a check noticed, with the contract's stable code.
struct Finding final
{
    QString code;       // one of FindingCode below
    Severity severity = Severity::Info;
    QString message;    // what is wrong, for a person
    int line = 0;       // 1-based line in config.toml; 0 when not about a line
    QString fix;        // what to do about it

    friend bool operator==(const Finding &a, const Finding &b)
    {
        return a.code == b.code && a.severity == b.severity && a.message == b.message
               && a.line == b.line && a.fix == b.fix;
    }
};

// The worst severity in the list; Info for an empty list.
Severity worstSeverity(const QList<Finding> &findings);
bool hasFinding(const QList<Finding> &findings, QLatin1String code);

// Stable finding codes (cli-contract.md): scripts depend on these spellings.
namespace FindingCode {
inline constexpr QLatin1String ConfigMissing{"config-missing"};
inline constexpr QLatin1String ConfigInvalid{"config-invalid"};
inline constexpr QLatin1String BlockAbsent{"block-absent"};
inline constexpr QLatin1String BlockStale{"block-stale"};
inline constexpr QLatin1String BlockDamaged{"block-damaged"};
inline constexpr QLatin1String BlockMisplaced{"block-misplaced"};
inline constexpr QLatin1String LegacyDirective{"legacy-directive"};
inline constexpr QLatin1String SandboxKeyTrapped{"sandbox-key-trapped"};
inline constexpr QLatin1String PermissionsProfileConflict{"permissions-profile-conflict"};
inline constexpr QLatin1String DaemonWillCorrupt{"daemon-will-corrupt"};
inline constexpr QLatin1String NamedBlockUnpaired{"named-block-unpaired"};
inline constexpr QLatin1String AuthLinkBroken{"auth-link-broken"};
inline constexpr QLatin1String AuthLinkWrongTarget{"auth-link-wrong-target"};
inline constexpr QLatin1String AuthCopied{"auth-copied"};
inline constexpr QLatin1String SessionsLinkBroken{"sessions-link-broken"};
inline constexpr QLatin1String SessionsLinkWrongTarget{"sessions-link-wrong-target"};
inline constexpr QLatin1String SessionsLocal{"sessions-local"};
inline constexpr QLatin1String CopyDiverged{"copy-diverged"};
// The sandbox Codex will actually enforce (config/effectivesandbox.h, config/sandboxchecks_p.h).
inline constexpr QLatin1String SandboxOverridden{"sandbox-overridden"};
inline constexpr QLatin1String CodexRefuses{"codex-refuses"};
inline constexpr QLatin1String LegacyProfile{"legacy-profile"};
inline constexpr QLatin1String ConfigZeroFilled{"config-zero-filled"};
inline constexpr QLatin1String SettingIgnored{"setting-ignored"};
inline constexpr QLatin1String NetworkProxyDns{"network-proxy-dns"};
inline constexpr QLatin1String ProfileSandboxMode{"profile-sandbox-mode"};
inline constexpr QLatin1String TempFileLeft{"temp-file-left"};  // a temporary file from an interrupted apply
} // namespace FindingCode

} // namespace SandboxDoctor
