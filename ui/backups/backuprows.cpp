#include "backuprows.h"

#include "config/backups.h"

#include <QCoreApplication>
#include <QLocale>

namespace SandboxDoctor::Ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("BackupRows", text);
}

const QString ConfigName = QStringLiteral("config.toml");

// The locale's short time, with seconds added: names are to the second, and
// two backups of one minute must not look the same.
QString localTimeText(const QDateTime &utc)
{
    const QLocale locale;
    const QDateTime local = utc.toLocalTime();
    QString timeFormat = locale.timeFormat(QLocale::ShortFormat);
    if (!timeFormat.contains(QLatin1Char('s')))
        timeFormat.replace(QStringLiteral("mm"), QStringLiteral("mm:ss"));
    return locale.toString(local.date(), QLocale::ShortFormat) + QLatin1Char(' ')
           + locale.toString(local.time(), timeFormat);
}

} // namespace

BackupRowText backupRowText(const BackupInfo &backup)
{
    const QLocale locale;
    BackupRowText row;
    row.future = backup.future;
    row.time = localTimeText(backup.createdUtc);
    row.timeToolTip = tr("%1\nSaved %2 UTC").arg(backup.name,
                                                 backup.createdUtc.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    if (backup.future) {
        row.time += tr(" (in the future)");
        row.timeToolTip += tr("\nDated after now: it was saved while the clock was ahead, or copied from another "
                              "machine. Undo never takes it for the newest; Restore puts it back only when you "
                              "choose it here.");
    }

    qint64 total = 0;
    QStringList names, sizes, notes;
    for (const BackupFile &file : backup.files) {
        if (file.existed) {
            total += file.size;
            names << file.name;
            sizes << tr("%1: %2").arg(file.name, locale.formattedDataSize(file.size));
        } else {
            names << tr("%1 (new)").arg(file.name);
            sizes << tr("%1: did not exist").arg(file.name);
            notes << tr("%1 did not exist before that change: Restore removes it.").arg(file.name);
        }
    }
    row.size = locale.formattedDataSize(total);
    row.sizeToolTip = sizes.join(QLatin1Char('\n'));
    row.files = names.join(QStringLiteral(", "));
    row.filesToolTip = notes.isEmpty() ? tr("Restore puts back: %1").arg(names.join(QStringLiteral(", ")))
                                       : notes.join(QLatin1Char('\n'));

    if (!backup.parseChecked) {
        row.parses = tr("Not checked");
        return row;
    }
    QStringList broken;
    for (const BackupFile &file : backup.files) {
        if (file.existed && !file.parses)
            broken << file.name;
    }
    row.parsesOk = broken.isEmpty();
    row.parses = broken.isEmpty() ? tr("Yes") : tr("No: %1").arg(broken.join(QStringLiteral(", ")));
    return row;
}

QString otherFilesText(const BackupInfo &backup)
{
    QStringList back, removed;
    for (const BackupFile &file : backup.files) {
        if (file.name == ConfigName)
            continue;
        (file.existed ? back : removed) << file.name;
    }
    QStringList parts;
    if (!back.isEmpty())
        parts << tr("Restore also puts back %1 as it was.").arg(back.join(QStringLiteral(", ")));
    if (!removed.isEmpty())
        parts << tr("It removes %1, which that change created.").arg(removed.join(QStringLiteral(", ")));
    return parts.join(QLatin1Char(' '));
}

} // namespace SandboxDoctor::Ui
