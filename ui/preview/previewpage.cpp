#include "previewpage.h"

#include "diffview.h"
#include "otherfilediffs.h"
#include "guitext.h"
#include "icons.h"
#include "session.h"

#include <QAction>
#include <QButtonGroup>
#include <QDir>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace SandboxDoctor::Ui {

namespace {

// A push button that mirrors an action: same text, icon, tooltip and state.
void bindButton(QPushButton *button, QAction *action)
{
    auto sync = [button, action]() {
        button->setEnabled(action->isEnabled());
        button->setIcon(action->icon());
        button->setToolTip(action->toolTip());
    };
    QObject::connect(action, &QAction::changed, button, sync);
    QObject::connect(button, &QPushButton::clicked, action, &QAction::trigger);
    sync();
}

QToolButton *toggleButton(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setObjectName(objectName);
    button->setAccessibleName(text);
    button->setCheckable(true);
    button->setAutoRaise(false);
    return button;
}

} // namespace

PreviewPage::PreviewPage(Session *session, QAction *applyAction, QAction *undoAction, QAction *redoAction,
                         QWidget *parent)
    : Page(session, parent),
      m_summary(new QLabel(this)),
      m_unifiedButton(toggleButton(tr("Unified"), QStringLiteral("unifiedButton"), this)),
      m_sideBySideButton(toggleButton(tr("Side by side"), QStringLiteral("sideBySideButton"), this)),
      m_notes(new QWidget(this)),
      m_notesLayout(new QVBoxLayout(m_notes)),
      m_stack(new QStackedWidget(this)),
      m_diff(new DiffView(this)),
      m_otherFiles(new OtherFileDiffs(QStringLiteral("otherFile"), this)),
      m_stateIcon(new QLabel(this)),
      m_stateHeadline(new QLabel(this)),
      m_stateDetails(new QLabel(this)),
      m_applyButton(new QPushButton(tr("Apply to config.toml…"), this)),
      m_undoButton(new QPushButton(tr("Undo Last Change…"), this)),
      m_redoButton(new QPushButton(tr("Redo"), this))
{
    setObjectName(QStringLiteral("page_preview"));

    auto *title = new QLabel(tr("Proposed change"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    title->setFont(titleFont);
    m_summary->setObjectName(QStringLiteral("previewSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);

    auto *group = new QButtonGroup(this);
    group->setExclusive(true);
    group->addButton(m_unifiedButton);
    group->addButton(m_sideBySideButton);
    m_unifiedButton->setChecked(true);
    m_unifiedButton->setToolTip(tr("One column: removed lines above added ones"));
    m_sideBySideButton->setToolTip(tr("Two columns: the current file left, the proposed file right"));
    connect(m_sideBySideButton, &QToolButton::toggled, this, [this](bool on) {
        m_diff->setSideBySide(on);
        m_otherFiles->setSideBySide(on);
        emit sideBySideChanged(on);
    });

    auto *header = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    titles->setSpacing(2);
    titles->addWidget(title);
    titles->addWidget(m_summary);
    header->addLayout(titles, 1);
    // A segmented control whose checked half is obvious on any palette.
    const QString segment = QStringLiteral(
        "QToolButton { border: 1px solid palette(mid); background: palette(button); padding: 3px 12px; }"
        "QToolButton:checked { background: palette(highlight); color: palette(highlighted-text);"
        " border-color: palette(highlight); }"
        "QToolButton:focus { border-color: palette(highlight); }");
    m_unifiedButton->setStyleSheet(segment + QStringLiteral("QToolButton { border-top-left-radius: 4px;"
                                                            " border-bottom-left-radius: 4px; }"));
    m_sideBySideButton->setStyleSheet(segment + QStringLiteral("QToolButton { border-top-right-radius: 4px;"
                                                               " border-bottom-right-radius: 4px; border-left: none; }"));
    auto *toggles = new QHBoxLayout;
    toggles->setSpacing(0);
    toggles->addWidget(m_unifiedButton);
    toggles->addWidget(m_sideBySideButton);
    header->addLayout(toggles);

    m_notes->setObjectName(QStringLiteral("previewNotes"));
    m_notesLayout->setContentsMargins(0, 0, 0, 0);
    m_notesLayout->setSpacing(4);

    // The diff in a framed box; a centred state message when there is nothing to show.
    auto *diffFrame = new QFrame(this);
    diffFrame->setFrameShape(QFrame::StyledPanel);
    auto *diffLayout = new QVBoxLayout(diffFrame);
    diffLayout->setContentsMargins(1, 1, 1, 1);
    diffLayout->addWidget(m_diff, 2);
    // A legacy profile's migration writes a second file: its diff below the first.
    m_otherFiles->setObjectName(QStringLiteral("previewOtherFiles"));
    diffLayout->addWidget(m_otherFiles, 1);

    auto *state = new QWidget(this);
    state->setObjectName(QStringLiteral("previewState"));
    auto *stateLayout = new QVBoxLayout(state);
    stateLayout->addStretch(2);
    // The texts take the whole width and centre themselves: a layout
    // alignment would give a word-wrapped label its one-line width and cut it off.
    stateLayout->addWidget(m_stateIcon, 0, Qt::AlignHCenter);
    stateLayout->addWidget(m_stateHeadline);
    stateLayout->addWidget(m_stateDetails);
    stateLayout->addStretch(3);
    m_stateHeadline->setObjectName(QStringLiteral("previewStateLabel"));
    QFont headlineFont = m_stateHeadline->font();
    headlineFont.setPointSizeF(headlineFont.pointSizeF() * 1.2);
    headlineFont.setBold(true);
    m_stateHeadline->setFont(headlineFont);
    m_stateDetails->setObjectName(QStringLiteral("previewStateDetails"));
    m_stateDetails->setWordWrap(true);
    m_stateDetails->setAlignment(Qt::AlignHCenter);
    m_stateDetails->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stateHeadline->setWordWrap(true);
    m_stateHeadline->setAlignment(Qt::AlignHCenter);

    m_stack->addWidget(diffFrame);
    m_stack->addWidget(state);

    m_applyButton->setObjectName(QStringLiteral("applyButton"));
    m_applyButton->setAccessibleName(tr("Apply the proposed change"));
    m_applyButton->setDefault(true);
    m_undoButton->setObjectName(QStringLiteral("undoButton"));
    m_undoButton->setAccessibleName(tr("Undo: put the newest backup back, after asking"));
    m_redoButton->setObjectName(QStringLiteral("redoButton"));
    m_redoButton->setAccessibleName(tr("Redo: bring back the change Undo took away"));
    bindButton(m_applyButton, applyAction);
    bindButton(m_undoButton, undoAction);
    bindButton(m_redoButton, redoAction);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_undoButton);
    buttons->addWidget(m_redoButton);
    buttons->addStretch(1);
    buttons->addWidget(m_applyButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 16);
    layout->setSpacing(12);
    layout->addLayout(header);
    layout->addWidget(m_notes);
    layout->addWidget(m_stack, 1);
    layout->addLayout(buttons);

    setTabOrder(m_unifiedButton, m_sideBySideButton);
    setTabOrder(m_sideBySideButton, m_diff);
    setTabOrder(m_diff, m_undoButton);
    setTabOrder(m_undoButton, m_redoButton);
    setTabOrder(m_redoButton, m_applyButton);

    connect(session, &Session::diagnosisChanged, this, &PreviewPage::update);
    update();
}

QIcon PreviewPage::icon() const
{
    return Icons::icon(QStringLiteral("preview"));
}

void PreviewPage::setSideBySide(bool sideBySide)
{
    (sideBySide ? m_sideBySideButton : m_unifiedButton)->setChecked(true);
    m_diff->setSideBySide(sideBySide);
    m_otherFiles->setSideBySide(sideBySide);
}

bool PreviewPage::isSideBySide() const
{
    return m_diff->isSideBySide();
}

void PreviewPage::showState(const QIcon &icon, const QString &headline, const QString &details)
{
    const int size = style()->pixelMetric(QStyle::PM_LargeIconSize);
    m_stateIcon->setPixmap(icon.pixmap(QSize(size, size), devicePixelRatioF()));
    m_stateHeadline->setText(headline);
    m_stateDetails->setText(details);
    m_stack->setCurrentIndex(1);
}

void PreviewPage::setNotes(const QList<Finding> &notes)
{
    while (QLayoutItem *item = m_notesLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    for (const Finding &note : notes) {
        auto *rowWidget = new QWidget(m_notes);
        auto *row = new QHBoxLayout(rowWidget);
        row->setContentsMargins(0, 0, 0, 0);
        auto *icon = new QLabel(rowWidget);
        icon->setPixmap(Icons::severity(note.severity).pixmap(QSize(size, size), devicePixelRatioF()));
        auto *text = new QLabel(note.fix.isEmpty() ? note.message : note.message + QLatin1Char(' ') + guiAdvice(note.fix),
                                rowWidget);
        text->setWordWrap(true);
        text->setTextInteractionFlags(Qt::TextSelectableByMouse);
        row->addWidget(icon, 0, Qt::AlignTop);
        row->addWidget(text, 1);
        m_notesLayout->addWidget(rowWidget);
    }
    m_notes->setVisible(!notes.isEmpty());
}

void PreviewPage::update()
{
    const auto &diagnosis = session()->diagnosis();
    if (!diagnosis) {
        m_summary->setText(tr("Reading config.toml…"));
        setNotes({});
        showState(Icons::icon(QStringLiteral("refresh")), tr("Working out the change…"),
                  tr("Codex is being detected and config.toml read; the preview appears here."));
        return;
    }
    if (!diagnosis->config) {
        const Error &error = diagnosis->config.error();
        m_summary->setText(QDir::toNativeSeparators(error.path));
        setNotes({});
        if (!session()->codexHomeExists()) {
            showState(Icons::severity(Severity::Info), tr("There is no CODEX_HOME folder yet"),
                      tr("Codex has not run on this account yet, or CODEX_HOME points elsewhere. Create the "
                         "folder on the Overview page, or choose another one above."));
            return;
        }
        showState(Icons::severity(Severity::Error), tr("config.toml cannot be read"),
                  error.message + QLatin1Char('\n') + guiAdvice(error.hint));
        return;
    }
    const QString path = QDir::toNativeSeparators(diagnosis->config->path);
    if (!diagnosis->proposal) {
        const Error &error = diagnosis->proposal.error();
        m_summary->setText(path);
        setNotes({});
        const QString where = error.line > 0 ? tr("Line %1: ").arg(error.line) : QString();
        showState(Icons::severity(Severity::Error), tr("No safe change can be proposed"),
                  where + error.message + QLatin1Char('\n') + guiAdvice(error.hint));
        return;
    }
    const ProposedEdit &edit = *diagnosis->proposal;
    setNotes(edit.notes);
    if (!edit.changed) {
        m_summary->setText(path);
        showState(Icons::ok(), tr("No change needed"),
                  tr("config.toml already asks for %1 through the managed block.")
                      .arg(sandboxModeName(diagnosis->policy.mode)));
        return;
    }
    const Expected<QList<OtherFileEdit>> others = otherFileEdits(diagnosis->config->codexHome, edit);
    if (!others) {
        m_summary->setText(path);
        m_otherFiles->setFiles({});
        showState(Icons::severity(Severity::Error), tr("No safe change can be proposed"),
                  others.error().message + QLatin1Char('\n') + guiAdvice(others.error().hint));
        return;
    }
    m_otherFiles->setFiles(others.value());
    m_diff->setTexts(edit.before, edit.after);
    const QString counts = tr("%1 added, %2 removed").arg(m_diff->addedCount()).arg(m_diff->removedCount());
    m_summary->setText(diagnosis->config->exists ? tr("%1 in %2").arg(counts, path)
                                                 : tr("%1 — creates %2").arg(counts, path));
    m_stack->setCurrentIndex(0);
}

} // namespace SandboxDoctor::Ui
