#include "homedetailview.h"

#include "homefixtext.h"
#include "icons.h"
#include "policytext.h"
#include "preview/diffcolors.h"
#include "report/effectivereport.h"

#include <QEvent>
#include <QUrl>

namespace SandboxDoctor::Ui {

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString iconTag(const QString &name)
{
    return QStringLiteral("<img src=\"icon:%1\" width=\"16\" height=\"16\" style=\"vertical-align: middle\">").arg(name);
}

QString severityIconName(Severity severity)
{
    switch (severity) {
    case Severity::Info: return QStringLiteral("info");
    case Severity::Warning: return QStringLiteral("warning");
    case Severity::Error: return QStringLiteral("error");
    }
    return QStringLiteral("info");
}

bool isBad(EntryState state)
{
    return state == EntryState::Broken || state == EntryState::WrongTarget || state == EntryState::Unexpected
           || state == EntryState::Truncated;
}

QString stateText(const HomeEntry &entry)
{
    switch (entry.state) {
    case EntryState::Ok: return QObject::tr("ok");
    case EntryState::Missing: return QObject::tr("missing");
    case EntryState::Broken: return QObject::tr("broken link: the target does not exist");
    case EntryState::WrongTarget: return QObject::tr("points somewhere other than the shared home");
    case EntryState::Copied: return QObject::tr("a copy where the daemon makes a link");
    case EntryState::Local: return QObject::tr("the home's own");
    case EntryState::Diverged: return QObject::tr("differs from the shared home's copy");
    case EntryState::Linked: return QObject::tr("a link where the daemon makes a copy");
    case EntryState::Unexpected:
        return entry.special.isEmpty() ? QObject::tr("unexpected kind")
                                       : QObject::tr("unexpected kind: %1").arg(entry.special);
    case EntryState::Truncated: return QObject::tr("cut short: holds only the first bytes of the shared file");
    }
    return entryStateName(entry.state);
}

bool isLinkKind(EntryKind kind)
{
    return kind == EntryKind::Symlink || kind == EntryKind::Junction;
}

// What an entry is there for, when its name does not say it: today's daemon
// (multica v0.4.32) adds several things a person may not know.
QString aboutEntry(const HomeEntry &entry)
{
    if (entry.kind == EntryKind::Missing)
        return entry.role.isEmpty() ? QString() : QObject::tr("named by config.toml's %1").arg(entry.role);
    if (entry.name == EntrySessions) {
        if (entry.role == QLatin1String("session-store"))
            return QObject::tr("this issue's session store in the shared home (today's daemon)");
        if (entry.kind == EntryKind::Dir)
            return QObject::tr("the task's own sessions (today's daemon)");
        return QObject::tr("the shared home's sessions (the seed's daemon)");
    }
    if (entry.name == EntryModelsCache)
        return QObject::tr("Codex's list of models, seeded from the shared home; Codex refreshes it here");
    if (entry.name == EntryModelsBinding)
        return QObject::tr("ties that list to the shared config it was fetched for; the daemon drops a list "
                           "that no longer fits");
    if (entry.name == EntryPluginCache)
        return QObject::tr("the shared plugin cache");
    if (entry.name.startsWith(SkillEntryPrefix))
        return isLinkKind(entry.kind) ? QObject::tr("a skill linked from the shared home")
                                      : QObject::tr("a skill written for this task");
    if (!entry.role.isEmpty())
        return entry.target.isEmpty() || !isLinkKind(entry.kind)
                   ? QObject::tr("named by config.toml's %1; copied from the shared home").arg(entry.role)
                   : QObject::tr("named by config.toml's %1").arg(entry.role);
    return {};
}

QString presetWhy(const HomeReport &home)
{
    switch (home.presetSource) {
    case PresetSource::Chosen: return QObject::tr("the preset chosen in Settings");
    case PresetSource::NamedBlocks:
        return QObject::tr("its config.toml carries the multica daemon's named blocks, so today's daemon wrote it");
    case PresetSource::Default: return QObject::tr("no preset chosen, and no sign of today's daemon");
    }
    return {};
}

QString sizeText(qint64 size)
{
    if (size < 0)
        return {};
    if (size < 1024)
        return size == 1 ? QObject::tr("1 byte") : QObject::tr("%1 bytes").arg(size);
    return QObject::tr("%1 KiB").arg(double(size) / 1024.0, 0, 'f', 1);
}

// What sits at the name, drawn as `name → target` for links. For files only
// the kind and size: the bytes are never read (auth.json holds credentials).
QString entryLine(const HomeEntry &entry)
{
    const QString arrow = QStringLiteral(" &rarr; ");
    switch (entry.kind) {
    case EntryKind::Symlink:
    case EntryKind::Junction:
        return QStringLiteral("<code>%1</code>%2<code>%3</code>").arg(esc(entry.name), arrow, esc(entry.target));
    case EntryKind::Dir:
        return QStringLiteral("<code>%1/</code> &nbsp;%2").arg(esc(entry.name), QObject::tr("folder"));
    case EntryKind::File:
        return QStringLiteral("<code>%1</code> &nbsp;%2").arg(esc(entry.name), esc(QObject::tr("file, %1").arg(sizeText(entry.size))));
    case EntryKind::Missing:
        return QStringLiteral("<code>%1</code>").arg(esc(entry.name));
    case EntryKind::Other:
        return QStringLiteral("<code>%1</code> &nbsp;%2").arg(esc(entry.name), QObject::tr("not a file, folder or link"));
    }
    return esc(entry.name);
}

QString blockText(const HomeReport &home)
{
    if (!home.blockKnown)
        return QObject::tr("unknown: config.toml could not be read or parsed, so its block says nothing");
    if (!home.configExists)
        return QObject::tr("no config.toml: Repair writes one with the block");
    switch (home.block) {
    case BlockState::Current: return QObject::tr("current: the managed block asks for this policy");
    case BlockState::Stale:
        return blockStaleOnlyElsewhere(home.findings)
                   ? QObject::tr("stale: the block asks for the policy, but Apply still changes another line")
                   : QObject::tr("stale: the managed block asks for another sandbox");
    case BlockState::Absent: return QObject::tr("absent: no managed block yet");
    case BlockState::Damaged: return QObject::tr("damaged: the block's markers are broken");
    case BlockState::Misplaced: return QObject::tr("misplaced: the block is not at the top of the file");
    }
    return blockStateName(home.block);
}

} // namespace

HomeDetailView::HomeDetailView(QWidget *parent) : QTextBrowser(parent)
{
    setObjectName(QStringLiteral("homeDetail"));
    setAccessibleName(tr("Home details"));
    setOpenLinks(false);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setFrameShape(QFrame::NoFrame);
    document()->setDocumentMargin(14);
    clearReport(tr("Select a home to see its entries, block and findings."));
}

void HomeDetailView::setReport(const HomeReport &report, int selectedCount)
{
    m_report = report;
    m_selectedCount = selectedCount;
    render();
}

void HomeDetailView::clearReport(const QString &placeholder)
{
    m_report.reset();
    m_placeholder = placeholder;
    render();
}

void HomeDetailView::changeEvent(QEvent *event)
{
    QTextBrowser::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        render();
}

void HomeDetailView::addIconResources()
{
    const qreal ratio = devicePixelRatioF();
    for (const QString &name : {QStringLiteral("ok"), QStringLiteral("info"), QStringLiteral("warning"), QStringLiteral("error")}) {
        const QIcon icon = Icons::icon(name);
        document()->addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("icon:") + name),
                                icon.pixmap(QSize(16, 16), ratio));
    }
}

void HomeDetailView::render()
{
    const DiffColors colors = DiffColors::forPalette(palette());
    const QString red = colors.removedSign.name();
    const QString muted = palette().color(QPalette::PlaceholderText).name();
    const QString text = palette().color(QPalette::Text).name();
    if (!m_report) {
        setHtml(QStringLiteral("<p style=\"color:%1\">%2</p>").arg(muted, esc(m_placeholder)));
        return;
    }
    addIconResources();
    const HomeReport &home = *m_report;

    QString html;
    const QString title = home.workspace.isEmpty() ? home.path
                                                   : QStringLiteral("%1 / %2").arg(home.workspace, home.task);
    html += QStringLiteral("<h3 style=\"margin-bottom:2px\">%1</h3>").arg(esc(title));
    html += QStringLiteral("<p style=\"margin-top:0; color:%1\"><code>%2</code></p>").arg(muted, esc(home.path));
    if (m_selectedCount > 1)
        html += QStringLiteral("<p style=\"color:%1\">%2</p>")
                    .arg(muted, esc(tr("%1 homes selected; Repair and Apply act on all of them.").arg(m_selectedCount)));
    if (home.error)
        html += QStringLiteral("<p style=\"color:%1\">%2 %3</p>").arg(red, iconTag(QStringLiteral("error")), esc(home.error->message));

    html += QStringLiteral("<h4>%1</h4><table cellspacing=\"0\" cellpadding=\"3\">").arg(esc(tr("Entries")));
    for (const HomeEntry &entry : home.entries) {
        // A file config.toml names is needed, not optional: missing is bad too.
        const bool bad = isBad(entry.state) || (entry.state == EntryState::Missing && !entry.role.isEmpty());
        const QString icon = bad ? QStringLiteral("error")
                                 : (entry.state == EntryState::Ok || entry.state == EntryState::Local
                                        ? QStringLiteral("ok")
                                        : (entry.state == EntryState::Missing ? QStringLiteral("info") : QStringLiteral("warning")));
        // Colour on a span: table cells do not pass it on to their text.
        const QString colour = bad ? red : (entry.state == EntryState::Missing ? muted : text);
        html += QStringLiteral("<tr><td>%1</td><td><span style=\"color:%2\">%3</span>").arg(iconTag(icon), colour, entryLine(entry));
        const QString about = aboutEntry(entry);
        // "ok" under every good entry would only be noise, and so would "the home's own" above what it is.
        const bool plain = entry.state == EntryState::Ok || (entry.state == EntryState::Local && !about.isEmpty());
        if (!plain)
            html += QStringLiteral("<br><span style=\"color:%1\">%2</span>").arg(bad ? red : muted, esc(stateText(entry)));
        if (entry.state == EntryState::WrongTarget && !entry.expectedTarget.isEmpty())
            html += QStringLiteral("<span style=\"color:%1\"> &mdash; %2 <code>%3</code></span>")
                        .arg(muted, esc(tr("expected")), esc(entry.expectedTarget));
        if (!about.isEmpty())
            html += QStringLiteral("<br><span style=\"color:%1\">%2</span>").arg(muted, esc(about));
        html += QStringLiteral("</td></tr>");
    }
    html += QStringLiteral("</table>");

    html += QStringLiteral("<h4>%1</h4>").arg(esc(tr("Managed block")));
    const bool blockOk = home.blockKnown && home.block == BlockState::Current;
    html += QStringLiteral("<p>%1 %2<br><span style=\"color:%3\">%4<br>%5<br>%6</span></p>")
                .arg(iconTag(blockOk ? QStringLiteral("ok") : QStringLiteral("warning")), esc(blockText(home)), muted,
                     esc(tr("Policy for this home: %1").arg(policySummary(home.policy))),
                     esc(tr("Preset: %1 (%2)").arg(policyPresetName(home.policy.preset), presetWhy(home))),
                     esc(home.layout == HomeLayout::Today
                             ? tr("Layout: today's daemon (sessions in the task, models cache, plugin cache, skills)")
                             : tr("Layout: the seed's daemon (sessions linked to the shared home)")));

    // The sandbox Codex will run here, in status's words (effectiveToText): the
    // block can be current while another setting decides otherwise.
    if (home.effective) {
        const QStringList lines = effectiveToText(*home.effective, home.effectiveMatchesPolicy);
        const bool good = home.effective->runs() && home.effectiveMatchesPolicy;
        html += QStringLiteral("<p>%1 <span style=\"color:%2\">%3</span>")
                    .arg(iconTag(good ? QStringLiteral("ok") : QStringLiteral("error")), good ? text : red,
                         esc(lines.value(0)));
        if (lines.size() > 1)
            html += QStringLiteral("<br><span style=\"color:%1\">%2</span>").arg(muted, esc(lines.mid(1).join(QLatin1Char(' '))));
        html += QStringLiteral("</p>");
    }

    html += QStringLiteral("<h4>%1</h4>").arg(esc(tr("Findings")));
    if (home.findings.isEmpty()) {
        html += QStringLiteral("<p>%1 %2</p>").arg(iconTag(QStringLiteral("ok")), esc(tr("None: this home is as the daemon makes it.")));
    } else {
        html += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\">");
        for (const Finding &finding : home.findings) {
            QString message = esc(finding.message);
            if (finding.line > 0)
                message += QStringLiteral(" <span style=\"color:%1\">(%2)</span>").arg(muted, esc(tr("line %1").arg(finding.line)));
            html += QStringLiteral("<tr><td>%1</td><td>%2").arg(iconTag(severityIconName(finding.severity)), message);
            if (const QString fix = homeFixText(finding); !fix.isEmpty())
                html += QStringLiteral("<br><span style=\"color:%1\">%2</span>").arg(muted, esc(fix));
            html += QStringLiteral("</td></tr>");
        }
        html += QStringLiteral("</table>");
    }
    setHtml(html);
}

} // namespace SandboxDoctor::Ui
