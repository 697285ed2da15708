#include "homefixtext.h"

#include "homes/homefindings.h"

#include <QObject>

namespace SandboxDoctor::Ui {

QString homeFixText(const Finding &finding)
{
    const QString code = finding.code;
    auto is = [&code](QLatin1String known) { return code == known; };
    if (is(FindingCode::AuthLinkBroken) || is(FindingCode::AuthLinkWrongTarget) || is(HomeFindingCode::AuthMissing)
        || is(FindingCode::SessionsLinkBroken) || is(FindingCode::SessionsLinkWrongTarget))
        return QObject::tr("Select the home and press Repair: it links it to the shared home again.");
    if (is(FindingCode::AuthCopied))
        return QObject::tr("Delete this copy in the file manager (Reveal), then press Repair to link it.");
    if (is(HomeFindingCode::AuthNotAFile) || is(HomeFindingCode::EntryUnexpected))
        return QObject::tr("Move it out of the home in the file manager (Reveal), then press Repair.");
    if (is(HomeFindingCode::LinkLeavesHome))
        return QObject::tr("Press Repair and answer Yes to replace the link with a copy of the shared config.toml; "
                           "nothing is written through it otherwise.");
    if (is(HomeFindingCode::CopyTruncated) || is(FindingCode::CopyDiverged))
        return QObject::tr("If the task should see the shared version, delete this copy (Reveal), then press Repair.");
    if (is(HomeFindingCode::ReferenceMissing))
        return QObject::tr("Press Repair to copy it from the shared home, or remove the key from config.toml.");
    if (is(HomeFindingCode::HomeUnreadable))
        return finding.fix;
    if (is(FindingCode::ConfigMissing))
        return QObject::tr("Press Repair (or Apply) to create config.toml with the managed block.");
    // The engine's config findings say "Run apply: …": that is the Apply button here.
    QString fix = finding.fix;
    if (fix.startsWith(QLatin1String("Run apply")))
        fix.replace(0, int(qstrlen("Run apply")), QObject::tr("Press Apply"));
    if (fix.contains(QLatin1String("codex-sandbox-doctor-cli")))
        return QObject::tr("Press Repair or Apply for this home; Show changes tells what they would write.");
    return fix;
}

} // namespace SandboxDoctor::Ui
