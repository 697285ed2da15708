#include "hometree.h"

#include "common/policy.h"
#include "config/editplanner.h"

#include <QDir>
#include <QFile>

namespace {

bool write(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

QByteArray userConfig()
{
    return QByteArrayLiteral(
        "model = \"o3\"\n"
        "model_reasoning_effort = \"high\"\n"
        "approval_policy = \"never\"\n"
        "\n"
        "[shell_environment_policy]\n"
        "inherit = \"core\"\n"
        "exclude = [\"AWS_*\", \"AZURE_*\"]\n"
        "\n"
        "[mcp_servers.multica]\n"
        "command = \"multica\"\n"
        "args = [\"mcp\", \"serve\"]\n"
        "env = { MULTICA_TOKEN_FILE = \"/home/u/.multica/token\" }\n"
        "\n"
        "[profiles.fast]\n"
        "model = \"o4-mini\"\n"
        "\n"
        "[tui]\n"
        "notifications = true\n"
        "\n"
        "[history]\n"
        "persistence = \"save-all\"\n");
}

} // namespace

bool writeSharedHome(const QString &shared)
{
    return QDir().mkpath(shared + QLatin1String("/sessions"))
           && write(shared + QLatin1String("/auth.json"), QByteArrayLiteral("{\"OPENAI_API_KEY\": \"sk-bench\"}\n"))
           && write(shared + QLatin1String("/config.json"), QByteArrayLiteral("{\"model\": \"o3\"}\n"))
           && write(shared + QLatin1String("/instructions.md"), QByteArrayLiteral("Be brief.\n"))
           && write(shared + QLatin1String("/config.toml"), userConfig());
}

bool writeHomeTree(const QString &root, const QString &shared, const HomeTreeSpec &spec)
{
    SandboxDoctor::PolicyInputs inputs;
    inputs.platform = SandboxDoctor::Platform::Linux;
    const QByteArray config = SandboxDoctor::renderManagedBlock(SandboxDoctor::choosePolicy(inputs)) + '\n' + userConfig();
    for (int i = 0; i < spec.homes; ++i) {
        const QString task = root + QStringLiteral("/ws-%1/task-%2").arg(i / spec.tasksPerWorkspace, 3, 10, QLatin1Char('0'))
                                        .arg(i, 5, 10, QLatin1Char('0'));
        const QString home = task + QLatin1String("/codex-home");
        if (!QDir().mkpath(home) || !QDir().mkpath(task + QLatin1String("/workdir/src"))
            || !QDir().mkpath(task + QLatin1String("/output")) || !QDir().mkpath(task + QLatin1String("/logs")))
            return false;
        const bool broken = spec.brokenEvery > 0 && i % spec.brokenEvery == 0;
        const QString authTarget = broken ? shared + QLatin1String("/gone.json") : shared + QLatin1String("/auth.json");
        if (!QFile::link(authTarget, home + QLatin1String("/auth.json"))
            || !QFile::link(shared + QLatin1String("/sessions"), home + QLatin1String("/sessions"))
            || !write(home + QLatin1String("/config.json"), QByteArrayLiteral("{\"model\": \"o3\"}\n"))
            || !write(home + QLatin1String("/instructions.md"), QByteArrayLiteral("Be brief.\n"))
            || !write(home + QLatin1String("/config.toml"), config)
            || !write(task + QLatin1String("/workdir/README.md"), QByteArrayLiteral("# task\n"))
            || !write(task + QLatin1String("/workdir/src/main.go"), QByteArrayLiteral("package main\n"))
            || !write(task + QLatin1String("/logs/run.log"), QByteArrayLiteral("started\n")))
            return false;
    }
    return true;
}
