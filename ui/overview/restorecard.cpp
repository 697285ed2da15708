#include "restorecard.h"

#include "config/zerofilled.h"
#include "icons.h"
#include "preview/diffview.h"
#include "widgets/textlabel.h"

#include <QHBoxLayout>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace SandboxDoctor::Ui {

namespace {

// A zero-filled file is one "line" of NUL bytes as long as the file; the
// diff shows what the file is, not a row of thousands of invisible characters.
QByteArray shownCurrent(const QByteArray &current)
{
    QByteArray shown;
    qsizetype nul = 0;
    for (const char c : current) {
        if (c == '\0') {
            ++nul;
            continue;
        }
        if (nul > 0) {
            shown += "<" + QByteArray::number(nul) + " NUL bytes>";
            nul = 0;
        }
        shown += c;
    }
    if (nul > 0)
        shown += "<" + QByteArray::number(nul) + " NUL bytes>";
    return shown;
}

} // namespace

RestoreCard::RestoreCard(QWidget *parent)
    : Card(tr("Backup to put back"), parent),
      m_text(new TextLabel(this)),
      m_diff(new DiffView(this)),
      m_restoreButton(new QPushButton(Icons::icon(QStringLiteral("undo")), tr("Restore This Backup"), this))
{
    setObjectName(QStringLiteral("restoreCard"));
    m_text->setObjectName(QStringLiteral("restoreCandidateLabel"));
    m_diff->setObjectName(QStringLiteral("restoreDiffView"));
    m_diff->setAccessibleName(tr("Change from the zero-filled config.toml to the backup"));
    m_diff->setMinimumHeight(160);
    m_restoreButton->setObjectName(QStringLiteral("restoreCandidateButton"));
    m_restoreButton->setToolTip(tr("Put this backup back as config.toml; the zero-filled file is kept as a backup, "
                                   "so Undo brings it back"));
    connect(m_restoreButton, &QPushButton::clicked, this, &RestoreCard::restoreRequested);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_restoreButton);
    body()->addWidget(m_text);
    body()->addWidget(m_diff, 1);
    body()->addLayout(buttons);
    setBadge(Icons::icon(QStringLiteral("undo")));
}

void RestoreCard::setCandidate(const RestoreCandidate &candidate, const QByteArray &current)
{
    m_text->setFullText(tr("%1, made %2, is the newest backup of config.toml that Codex can read. Below: what "
                           "putting it back changes, from the zero-filled file as it is now.")
                            .arg(candidate.name,
                                 QLocale().toString(candidate.createdUtc.toLocalTime(), QLocale::ShortFormat)));
    m_diff->setTexts(shownCurrent(current), candidate.bytes);
}

void RestoreCard::setRestoreEnabled(bool enabled)
{
    m_restoreButton->setEnabled(enabled);
}

} // namespace SandboxDoctor::Ui
