#include "appsettings.h"

#include <QDir>
#include <QSettings>

namespace SandboxDoctor::Ui {

namespace {
const QString RecentHomesKey = QStringLiteral("homes/recent");
const QString CodexPathKey = QStringLiteral("codex/path");
const QString DarwinFixedKey = QStringLiteral("policy/darwinFixedVersion");
const QString PolicyPresetKey = QStringLiteral("policy/preset");
const QString PlatformKey = QStringLiteral("preview/platform");
const QString KeepBackupsKey = QStringLiteral("apply/keepBackups");
const QString SideBySideKey = QStringLiteral("preview/sideBySide");
const QString WindowGeometryKey = QStringLiteral("window/geometry");
const QString WindowStateKey = QStringLiteral("window/state");
const QString SplitterKeyPrefix = QStringLiteral("window/splitters/");
} // namespace

AppSettings::AppSettings() : m_settings(std::make_unique<QSettings>()) {}

AppSettings::AppSettings(const QString &iniPath)
    : m_settings(std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
{
}

AppSettings::~AppSettings() = default;

QStringList AppSettings::recentHomes() const
{
    return m_settings->value(RecentHomesKey).toStringList();
}

void AppSettings::addRecentHome(const QString &home)
{
    if (home.isEmpty())
        return;
    const QString clean = QDir::cleanPath(home);
    QStringList homes = recentHomes();
    homes.removeAll(clean);
    homes.prepend(clean);
    while (homes.size() > MaxRecentHomes)
        homes.removeLast();
    m_settings->setValue(RecentHomesKey, homes);
}

QString AppSettings::codexPath() const { return m_settings->value(CodexPathKey).toString(); }
void AppSettings::setCodexPath(const QString &path) { m_settings->setValue(CodexPathKey, path.trimmed()); }

QString AppSettings::darwinFixedVersion() const { return m_settings->value(DarwinFixedKey).toString(); }
void AppSettings::setDarwinFixedVersion(const QString &version)
{
    m_settings->setValue(DarwinFixedKey, version.trimmed());
}

void AppSettings::forgetPlatformOverride() { m_settings->remove(PlatformKey); }

QString AppSettings::policyPreset() const { return m_settings->value(PolicyPresetKey).toString(); }
void AppSettings::setPolicyPreset(const QString &preset)
{
    if (preset.trimmed().isEmpty())
        m_settings->remove(PolicyPresetKey);  // none chosen: the CLI must see no key either
    else
        m_settings->setValue(PolicyPresetKey, preset.trimmed());
}


int AppSettings::keepBackups() const
{
    bool ok = false;
    const int count = m_settings->value(KeepBackupsKey, DefaultKeepBackups).toInt(&ok);
    return ok && count >= 0 ? count : DefaultKeepBackups;
}
void AppSettings::setKeepBackups(int count) { m_settings->setValue(KeepBackupsKey, qMax(0, count)); }

bool AppSettings::sideBySide() const { return m_settings->value(SideBySideKey, false).toBool(); }
void AppSettings::setSideBySide(bool on) { m_settings->setValue(SideBySideKey, on); }

QByteArray AppSettings::windowGeometry() const { return m_settings->value(WindowGeometryKey).toByteArray(); }
QByteArray AppSettings::windowState() const { return m_settings->value(WindowStateKey).toByteArray(); }
void AppSettings::setWindowGeometry(const QByteArray &geometry, const QByteArray &state)
{
    m_settings->setValue(WindowGeometryKey, geometry);
    m_settings->setValue(WindowStateKey, state);
}

QByteArray AppSettings::splitterState(const QString &name) const
{
    return m_settings->value(SplitterKeyPrefix + name).toByteArray();
}
void AppSettings::setSplitterState(const QString &name, const QByteArray &state)
{
    m_settings->setValue(SplitterKeyPrefix + name, state);
}

void AppSettings::sync() { m_settings->sync(); }

} // namespace SandboxDoctor::Ui
