#include "clicontext.h"
#include "commands.h"
#include "undohint.h"

#include "config/applier.h"
#include "report/jsonshapes.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace SandboxDoctor::Cli {

namespace {

void addOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("dry-run"), QStringLiteral("Check everything, write nothing.")},
        {QStringLiteral("no-backup"), QStringLiteral("Do not leave a config.toml.bak-<UTC time> copy.")},
        {QStringLiteral("expect-sha256"),
         QStringLiteral("Refuse unless config.toml still has this SHA-256 (from status --json or diff --json)."),
         QStringLiteral("HEX")},
    });
}

int run(CliContext &context, const QCommandLineParser &parser)
{
    ApplyOptions options;
    options.dryRun = parser.isSet(QStringLiteral("dry-run"));
    options.backup = !parser.isSet(QStringLiteral("no-backup"));
    if (parser.isSet(QStringLiteral("expect-sha256"))) {
        options.expectSha256 = parser.value(QStringLiteral("expect-sha256")).trimmed().toLatin1();
        if (options.expectSha256.isEmpty())
            return context.fail({Error::Kind::Usage, QStringLiteral("--expect-sha256 is empty."), {}, 0, 0,
                                 QStringLiteral("Give the 64 hexadecimal digits of the previewed file's hash.")});
    }

    // The policy may depend on Codex's version and on the file itself (Windows).
    const SandboxPolicy policy = decidePolicy(context.diagnoseRequest(), context.detectCodex());
    const Expected<ApplyResult> applied = applyManagedBlock(context.codexHome(), policy, options);
    if (!applied)
        return context.fail(applied.error());
    const ApplyResult &result = applied.value();

    if (context.json()) {
        QJsonArray files{QJsonObject{{QStringLiteral("name"), QStringLiteral("config.toml")},
                                     {QStringLiteral("path"), result.before.path},
                                     {QStringLiteral("existed"), result.before.exists},
                                     {QStringLiteral("changed"), result.edit.changed},
                                     {QStringLiteral("sha256_after"), QString::fromLatin1(sha256Hex(result.edit.after))}}};
        for (const OtherFileEdit &other : result.otherFiles) {
            QJsonObject file = otherFileToJson(other);
            file.insert(QStringLiteral("sha256_after"), QString::fromLatin1(sha256Hex(other.after)));
            files.append(file);
        }
        const QJsonObject object{
            {QStringLiteral("path"), result.before.path},
            {QStringLiteral("written_path"), result.before.writePath},
            {QStringLiteral("mode"), sandboxModeName(policy.mode)},
            {QStringLiteral("changed"), result.edit.changed},
            {QStringLiteral("written"), result.written},
            {QStringLiteral("dry_run"), options.dryRun},
            {QStringLiteral("backup"), result.backupPath.isEmpty() ? QJsonValue() : QJsonValue(result.backupPath)},
            {QStringLiteral("backup_name"), result.backupName.isEmpty() ? QJsonValue() : QJsonValue(result.backupName)},
            {QStringLiteral("undo"), result.backupName.isEmpty()
                                         ? QJsonValue()
                                         : QJsonValue(restoreCommandFor(result.backupName, result.before.codexHome))},
            {QStringLiteral("sha256_before"), QString::fromLatin1(result.before.sha256Hex())},
            {QStringLiteral("sha256_after"), QString::fromLatin1(sha256Hex(result.edit.after))},
            {QStringLiteral("notes"), findingsToJson(result.edit.notes)},
            {QStringLiteral("files"), files}};
        context.out() << QJsonDocument(object).toJson(QJsonDocument::Indented);
    } else {
        QTextStream &out = context.out();
        if (!result.edit.changed)
            out << "Already current, not touched: " << result.before.path << "\n";
        else if (options.dryRun)
            out << "Dry run: would write " << result.before.writePath << " ("
                << sandboxModeName(policy.mode) << "); nothing was written.\n";
        else
            out << "Wrote " << result.before.writePath << " (" << sandboxModeName(policy.mode) << ").\n";
        for (const OtherFileEdit &other : result.otherFiles) {
            if (!other.changed())
                out << "Already as apply would write it: " << other.path << "\n";
            else if (options.dryRun)
                out << "Dry run: would write " << other.path << "; nothing was written.\n";
            else
                out << "Wrote " << other.path << " (the legacy profile's settings).\n";
        }
        if (!result.backupPath.isEmpty())
            out << "Backup: " << result.backupPath << "\n"
                << "Undo with: " << restoreCommandFor(result.backupName, result.before.codexHome) << "\n";
        for (const Finding &note : result.edit.notes)
            out << "  " << severityName(note.severity) << " " << note.code << ": " << note.message << "\n";
    }
    context.out().flush();
    return 0;
}

} // namespace

// Writes the managed block: atomic, permissions kept, through a symlink, with a backup.
Command applyCommand()
{
    return {QStringLiteral("apply"), QStringLiteral("Write the managed block into config.toml (atomic, with a backup)."),
            addOptions, run};
}

} // namespace SandboxDoctor::Cli
