#include "backupslisting.h"

#include "clicontext.h"
#include "undohint.h"

#include "config/backups.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace SandboxDoctor::Cli {

namespace {

QString describe(const BackupInfo &backup)
{
    QString text = backup.createdUtc.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
    if (backup.path == backup.recordPath)
        text += QStringLiteral("  (config.toml did not exist)");
    else
        text += QStringLiteral("  %1 bytes").arg(QLocale::c().toString(backup.size));
    if (backup.parseChecked && backup.path != backup.recordPath)
        text += backup.parses ? QStringLiteral("  parses") : QStringLiteral("  does NOT parse");
    if (backup.future)
        text += QStringLiteral("  dated in the future: never taken for the newest");
    return text;
}

} // namespace

int printBackupHistory(CliContext &context)
{
    const Expected<BackupHistory> history = listBackupHistory(context.codexHome(), ParseCheck::Check);
    if (!history)
        return context.fail(history.error());

    if (context.json()) {
        QJsonArray backups, skipped;
        for (const BackupInfo &backup : history->backups)
            backups.append(backupToJson(backup));
        for (const SkippedBackup &entry : history->skipped)
            skipped.append(QJsonObject{{QStringLiteral("path"), entry.path}, {QStringLiteral("reason"), entry.reason}});
        const QJsonObject root{{QStringLiteral("codex_home"), history->codexHome},
                               {QStringLiteral("config"), history->writePath},
                               {QStringLiteral("newest"), history->newest() ? QJsonValue(history->newest()->name)
                                                                            : QJsonValue()},
                               {QStringLiteral("backups"), backups},
                               {QStringLiteral("skipped"), skipped}};
        context.out() << QJsonDocument(root).toJson(QJsonDocument::Indented);
        context.out().flush();
        return 0;
    }

    QTextStream &out = context.out();
    if (history->backups.isEmpty()) {
        out << "No backups of config.toml in " << context.codexHome() << "\n";
    } else {
        out << "Backups of " << history->writePath << ", newest first:\n";
        for (const BackupInfo &backup : history->backups) {
            out << "  " << backup.name << "  " << describe(backup) << "\n";
            for (const BackupFile &file : backup.files) {
                if (file.name == QLatin1String("config.toml"))
                    continue;
                out << "      with " << file.name << ": "
                    << (file.existed ? QStringLiteral("%1 bytes%2")
                                           .arg(QLocale::c().toString(file.size),
                                                backup.parseChecked && !file.parses ? QStringLiteral(", does NOT parse")
                                                                                    : QString())
                                     : QStringLiteral("did not exist (restoring removes it)"))
                    << "\n";
            }
        }
        out << "Restore one with: " << restoreCommandFor(QStringLiteral("NAME"), history->codexHome) << "\n";
    }
    if (!history->skipped.isEmpty()) {
        out << "Not offered (not a regular file this tool made, or incomplete):\n";
        for (const SkippedBackup &entry : history->skipped)
            out << "  " << entry.path << ": " << entry.reason << "\n";
    }
    out.flush();
    return 0;
}

} // namespace SandboxDoctor::Cli
