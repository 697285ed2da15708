#pragma once

#include "common/error.h"
#include "common/platform.h"
#include "common/policypreset.h"
#include "common/version.h"
#include "detect/codexinstall.h"
#include "detect/codexlocator.h"
#include "report/diagnosis.h"

#include <QCommandLineParser>
#include <QProcessEnvironment>
#include <QString>
#include <QTextStream>

#include <optional>

namespace SandboxDoctor::Cli {

// Settings shared with the GUI (QSettings keys), read once by main().
struct SavedSettings final
{
    QString codexPath;           // "codex/path"
    QString darwinFixedVersion;  // "policy/darwinFixedVersion"
    QString policyPreset;        // "policy/preset": seed, multica-today or custom:…; empty: none chosen
};

// The common options every command takes, parsed once, plus where output goes.
class CliContext final
{
public:
    CliContext(QTextStream &out, QTextStream &err, QProcessEnvironment environment, SavedSettings saved = {});

    static void addCommonOptions(QCommandLineParser &parser);
    // Reads the common options; on a malformed value returns a Usage error.
    std::optional<Error> readCommonOptions(const QCommandLineParser &parser);

    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }
    const QProcessEnvironment &environment() const { return m_environment; }

    bool json() const { return m_json; }
    const QString &codexHome() const { return m_codexHome; }
    const QString &codexPath() const { return m_codexPath; }
    const std::optional<QString> &codexVersionText() const { return m_codexVersionText; }
    std::optional<Platform> platform() const { return m_platform; }
    const std::optional<Version> &darwinFixedVersion() const { return m_darwinFixedVersion; }
    // --policy, else the saved preset; unset when the user chose none (then a
    // CODEX_HOME gets the seed's table and a per-task home its daemon's preset).
    const std::optional<PolicyChoice> &policyChoice() const { return m_policyChoice; }

    DetectOptions detectOptions() const;
    // Detects Codex, unless --codex-version says which version to assume; then
    // the explicit path (if any) is reported without being run.
    CodexDetection detectCodex() const;
    DiagnoseRequest diagnoseRequest() const;
    Diagnosis diagnoseHome() const;

    // Prints the error (where, what, what to do) on stderr and, under --json,
    // the error object (report/jsonshapes.h: failureToJson) on stdout, so a
    // script reading stdout always gets one JSON document. Returns the exit code.
    int fail(const Error &error);
    // Only the error object on stdout: for a usage error met before the
    // options could be read, whose text the runner has printed already.
    void printErrorJson(const Error &error);

private:
    QTextStream &m_out;
    QTextStream &m_err;
    QProcessEnvironment m_environment;
    SavedSettings m_saved;

    bool m_json = false;
    QString m_codexHome;
    QString m_codexPath;
    std::optional<QString> m_codexVersionText;
    std::optional<Platform> m_platform;
    std::optional<Version> m_darwinFixedVersion;
    std::optional<PolicyChoice> m_policyChoice;
};

} // namespace SandboxDoctor::Cli
