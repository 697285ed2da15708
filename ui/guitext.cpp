#include "guitext.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <utility>
#include <vector>

namespace SandboxDoctor::Ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("GuiAdvice", text);
}

struct Rewrite
{
    QRegularExpression pattern;
    QString replacement;
};

// Most specific first: the options first in their longer phrases, then alone.
const std::vector<Rewrite> &rewrites()
{
    static const std::vector<Rewrite> table = [] {
        std::vector<Rewrite> list;
        auto add = [&list](const QString &pattern, const QString &replacement) {
            list.push_back({QRegularExpression(pattern), replacement});
        };
        // "Run apply to …" / "Run apply: …" (core/config's fixes).
        add(QStringLiteral("\\bRun apply to\\b"), tr("Press Apply to"));
        add(QStringLiteral("\\bRun apply:"), tr("Press Apply:"));
        add(QStringLiteral("\\bRun apply\\b"), tr("Press Apply"));
        add(QStringLiteral("Nothing was written\\. Run the command again\\."), tr("Nothing was written. Try again."));
        // Per-task homes: the Repair button does what `prepare` does.
        add(QStringLiteral("[Rr]un `codex-sandbox-doctor-cli prepare --codex-home [^`]*`"),
            tr("use Repair on the Per-task homes page"));
        add(QStringLiteral("[Rr]un `codex-sandbox-doctor-cli probe-dns [^`]*` by hand"),
            tr("run the DNS check on the Verify page again"));
        add(QStringLiteral("check with `verify`"), tr("check on the Verify page"));
        // policyCost(): the custom preset to type, and where.
        add(QStringLiteral("\\(Settings, or --policy (custom:[a-z]+=[a-z+-]+)\\)"),
            tr("(Settings → Policy preset: Custom, \\1)"));
        // "(Settings, or --policy custom:…)": Settings is the GUI's half.
        add(QStringLiteral("Settings, or --[a-z][a-z-]*(?:[ :][^),.]*)?"), tr("Settings"));
        // Which Codex: Settings.
        add(QStringLiteral("\\(--codex, or Settings\\)"), tr("(Settings → Codex executable)"));
        add(QStringLiteral("\\s*\\(or --codex\\)"), QString());
        add(QStringLiteral("give (its|the native codex binary's|another Codex's) path with --codex"),
            tr("choose it in Settings → Codex executable"));
        add(QStringLiteral("give the native codex binary with --codex"),
            tr("choose the native codex binary in Settings → Codex executable"));
        add(QStringLiteral("give another Codex with --codex"), tr("choose another Codex in Settings → Codex executable"));
        add(QStringLiteral("give its version with --codex-version"),
            tr("choose another Codex in Settings → Codex executable"));
        add(QStringLiteral("with --codex or saved in the settings"), tr("saved in Settings"));
        // Which CODEX_HOME: the chooser above the pages.
        add(QStringLiteral("Pass --codex-home DIR or set CODEX_HOME\\."),
            tr("Choose a folder with File → Open CODEX_HOME…."));
        add(QStringLiteral("point --codex-home at the right one"),
            tr("choose the right one with File → Open CODEX_HOME…"));
        add(QStringLiteral("Point --codex-home \\(or CODEX_HOME\\) at"),
            tr("Choose with File → Open CODEX_HOME…"));
        add(QStringLiteral("--codex-home"), tr("File → Open CODEX_HOME…"));
        add(QStringLiteral("--codex-version"), tr("Settings → Codex executable"));
        add(QStringLiteral("--codex\\b"), tr("Settings → Codex executable"));
        add(QStringLiteral("--darwin-fixed-version"), tr("Settings → macOS fixed version"));
        add(QStringLiteral("--platform"), tr("Settings → Preview platform"));
        return list;
    }();
    return table;
}

} // namespace

QString guiAdvice(const QString &coreText)
{
    QString text = coreText;
    for (const Rewrite &rewrite : rewrites())
        text.replace(rewrite.pattern, rewrite.replacement);
    return text.replace(QStringLiteral("  "), QStringLiteral(" "));
}

} // namespace SandboxDoctor::Ui
