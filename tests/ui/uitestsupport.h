#pragma once

#include "appsettings.h"
#include "mainwindow.h"
#include "session.h"

#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <functional>
#include <memory>

namespace SandboxDoctor::Ui::Testing {

// With SANDBOXDOCTOR_SHOT_DIR set, saves `widget` there as NAME.png, so a
// person can look at a dialog a test drives (the app's --screenshot shows only
// the main window).
inline void saveShot(QWidget *widget, const QString &name)
{
    const QString folder = qEnvironmentVariable("SANDBOXDOCTOR_SHOT_DIR");
    if (!folder.isEmpty())
        widget->grab().save(QDir(folder).filePath(name + QStringLiteral(".png")), "PNG");
}

// What a test changes about the window it opens.
struct FixtureOptions
{
    bool createHome = true;  // false: a first start, CODEX_HOME not there yet
    bool show = true;        // false: the window is made but not shown
    std::function<void(StartupOptions &)> startup;  // adjusts the command line
};

// A temporary CODEX_HOME, a private settings file, a fake Codex 0.121.0 and
// the platform macOS: the window a person with failing DNS on a Mac opens.
struct WindowFixture
{
    QTemporaryDir dir;
    QString home;
    std::unique_ptr<AppSettings> settings;
    std::unique_ptr<MainWindow> window;

    // `environment` adds variables for the fake Codex (FAKE_CODEX_GATE, FAKE_CODEX_VERSION).
    explicit WindowFixture(const QByteArray *config, const QProcessEnvironment &environment = {},
                           const FixtureOptions &options = {})
    {
        home = dir.filePath(QStringLiteral("codex-home"));
        if (options.createHome)
            QDir().mkpath(home);
        if (config)
            writeConfig(*config);
        settings = std::make_unique<AppSettings>(settingsPath());
        StartupOptions startup = startupOptions();
        startup.codexHome = home;
        for (const QString &key : environment.keys())
            startup.detect.environment.insert(key, environment.value(key));
        if (options.startup)
            options.startup(startup);
        window = std::make_unique<MainWindow>(settings.get(), startup);
        if (options.show)
            window->show();
    }

    QString settingsPath() const { return dir.filePath(QStringLiteral("settings.ini")); }

    static StartupOptions startupOptions()
    {
        StartupOptions startup;
        startup.codexPath = QStringLiteral(SANDBOXDOCTOR_FAKE_CODEX);
        startup.platform = Platform::MacOS;
        startup.darwinFixedVersion = QString();  // none known, whatever this machine saved
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("PATH"), QString());
        environment.insert(QStringLiteral("HOME"), QDir::tempPath());
        startup.detect.environment = environment;
        startup.detect.useLoginShell = false;
        startup.detect.searchKnownLocations = false;
        return startup;
    }

    QString configPath() const { return home + QStringLiteral("/config.toml"); }

    void writeConfig(const QByteArray &bytes) const
    {
        QFile file(configPath());
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write the test config");
        file.write(bytes);
    }

    QByteArray readConfig() const
    {
        QFile file(configPath());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    QStringList backups() const
    {
        return QDir(home).entryList({QStringLiteral("config.toml.bak-*")}, QDir::Files, QDir::Name);
    }

    Session *session() const { return window->session(); }
};

} // namespace SandboxDoctor::Ui::Testing
