#include "verify/scratchhome.h"

#include "common/logging.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace SandboxDoctor {

namespace {

bool isUnderTmp(const QString &path)
{
    const QString clean = QDir::cleanPath(path);
    return clean == QLatin1String("/tmp") || clean.startsWith(QLatin1String("/tmp/"))
           || clean.startsWith(QLatin1String("/private/tmp/"));
}

} // namespace

QString defaultScratchBase()
{
    QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    // Codex refuses its PATH aliases under /tmp and warns; a cache folder there
    // (XDG_CACHE_HOME=/tmp/...) is worse than one in the home folder.
    if (cache.isEmpty() || isUnderTmp(cache))
        cache = QDir::homePath() + QLatin1String("/.cache/codex-sandbox-doctor");
    return cache + QLatin1String("/verify");
}

ScratchHome::ScratchHome() = default;
ScratchHome::ScratchHome(ScratchHome &&) noexcept = default;
ScratchHome &ScratchHome::operator=(ScratchHome &&) noexcept = default;
ScratchHome::~ScratchHome() = default;

Expected<ScratchHome> ScratchHome::create(const QString &base, const QByteArray &configBytes, bool configExists)
{
    const QString parent = QDir::cleanPath(base.isEmpty() ? defaultScratchBase() : base);
    if (!QDir().mkpath(parent)) {
        return Error{Error::Kind::Io, QStringLiteral("Could not create the folder for scratch Codex homes."), parent, 0, 0,
                     QStringLiteral("Check that the folder is writable, or choose another one.")};
    }
    if (isUnderTmp(parent))
        qCWarning(lcVerify) << "scratch CODEX_HOME under /tmp; Codex will warn about PATH aliases:" << parent;

    ScratchHome home;
    home.m_dir = std::make_unique<QTemporaryDir>(parent + QLatin1String("/codex-home-XXXXXX"));
    if (!home.m_dir->isValid()) {
        return Error{Error::Kind::Io,
                     QStringLiteral("Could not create a scratch Codex home: %1").arg(home.m_dir->errorString()), parent,
                     0, 0, QStringLiteral("Check that the folder is writable and the disk is not full.")};
    }
    if (configExists) {
        QFile file(home.configPath());
        if (!file.open(QIODevice::WriteOnly) || file.write(configBytes) != configBytes.size() || !file.flush()) {
            return Error{Error::Kind::Io,
                         QStringLiteral("Could not write the scratch config.toml: %1").arg(file.errorString()),
                         home.configPath(), 0, 0, QStringLiteral("Check free disk space.")};
        }
    }
    return home;
}

QString ScratchHome::path() const
{
    return m_dir ? m_dir->path() : QString();
}

QString ScratchHome::configPath() const
{
    return path() + QLatin1String("/config.toml");
}

void ScratchHome::setAutoRemove(bool remove)
{
    if (m_dir)
        m_dir->setAutoRemove(remove);
}

} // namespace SandboxDoctor
