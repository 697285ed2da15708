#include "config/atomicwrite.h"

#include "config/stagedfile.h"


namespace SandboxDoctor {

QString temporaryFileName(const QString &targetName, quint32 random)
{
    return QStringLiteral(".%1.sdtmp-%2").arg(targetName).arg(random, 8, 16, QLatin1Char('0'));
}

bool isTemporaryFileName(const QString &fileName, const QString &targetName)
{
    // Exactly what temporaryFileName makes: nothing else is taken for ours.
    const QString prefix = QLatin1Char('.') + targetName + QStringLiteral(".sdtmp-");
    if (!fileName.startsWith(prefix) || fileName.size() != prefix.size() + 8)
        return false;
    for (qsizetype i = prefix.size(); i < fileName.size(); ++i) {
        const QChar c = fileName.at(i);
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    }
    return true;
}

Expected<FileStamp> writeFileAtomically(const QString &path, const QByteArray &bytes, const AtomicWriteOptions &options)
{
    Expected<StagedFile> staged = StagedFile::write(path, bytes, options);
    if (!staged)
        return staged.error();
    return staged->commit(options);
}

} // namespace SandboxDoctor
