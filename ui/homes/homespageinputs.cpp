// The "Per-task homes" page's two folders: the workspaces root (typed,
// chosen, or dropped on the page) and the shared home beside it, which only
// its own field changes; and what the page says before any root is chosen.
#include "homespage.h"

#include "homedetailview.h"
#include "report/diagnosis.h"
#include "session.h"
#include "widgets/messagebar.h"

#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QSettings>

namespace SandboxDoctor::Ui {

namespace {

const QString RootKey = QStringLiteral("homes/workspacesRoot");
const QString SharedKey = QStringLiteral("homes/sharedHome");

QString nativePath(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

} // namespace

QString HomesPage::root() const
{
    return QDir::cleanPath(QDir::fromNativeSeparators(m_rootEdit->text().trimmed()));
}

void HomesPage::setRoot(const QString &root)
{
    const QString clean = QDir::cleanPath(QDir::fromNativeSeparators(root.trimmed()));
    m_rootEdit->setText(nativePath(clean));
    if (!clean.isEmpty())
        QSettings().setValue(RootKey, clean);
}

bool HomesPage::rootWasChosen() const
{
    const QProcessEnvironment environment =
        session() ? session()->options().detect.environment : QProcessEnvironment::systemEnvironment();
    return QSettings().contains(RootKey) || !environment.value(QStringLiteral("MULTICA_WORKSPACES_ROOT")).isEmpty()
           || QFileInfo(root()).isDir();
}

void HomesPage::showChooseRootHint()
{
    m_messages->showMessage(MessageBar::Kind::Info,
                            tr("Choose the folder where the multica daemon keeps its tasks (it holds "
                               "<workspace>/<task>/codex-home folders): press Browse…, type its path and press "
                               "Enter, or drop the folder here."),
                            tr("Browse…"), [this]() { chooseRoot(); });
    m_detail->clearReport(tr("No workspaces root chosen yet."));
    m_progressLabel->setText(QString());
}

QString HomesPage::sharedHome() const
{
    const QString chosen = QDir::cleanPath(QDir::fromNativeSeparators(m_sharedEdit->text().trimmed()));
    if (!m_sharedEdit->text().trimmed().isEmpty())
        return chosen;
    const SessionOptions defaults;
    return session() && !session()->codexHome().isEmpty()
               ? session()->codexHome()
               : defaultCodexHome((session() ? session()->options() : defaults).detect.environment);
}

void HomesPage::setSharedHome(const QString &home)
{
    const QString clean = home.trimmed().isEmpty() ? QString() : QDir::cleanPath(QDir::fromNativeSeparators(home.trimmed()));
    m_sharedEdit->setText(nativePath(clean));
    if (clean.isEmpty())
        QSettings().remove(SharedKey);
    else
        QSettings().setValue(SharedKey, clean);
    updateSharedLabel();
    // The links were judged against the old one.
    if (m_scannedOnce && optionsKey() != m_lastOptionsKey)
        scan();
}

void HomesPage::chooseSharedHome()
{
    const QString chosen = QFileDialog::getExistingDirectory(this, tr("Choose the shared home"), sharedHome());
    if (!chosen.isEmpty())
        setSharedHome(chosen);
}

void HomesPage::dragEnterEvent(QDragEnterEvent *event)
{
    // Every local drop is the page's, so none reaches the window (which would
    // open it as the CODEX_HOME, changing the shared home without a word).
    if (event->mimeData()->hasUrls() && event->mimeData()->urls().value(0).isLocalFile())
        event->acceptProposedAction();
    else
        Page::dragEnterEvent(event);
}

void HomesPage::dragMoveEvent(QDragMoveEvent *event)
{
    if (event->mimeData()->hasUrls() && event->mimeData()->urls().value(0).isLocalFile())
        event->acceptProposedAction();
    else
        Page::dragMoveEvent(event);
}

void HomesPage::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile()) {
        Page::dropEvent(event);
        return;
    }
    event->acceptProposedAction();
    const QString path = urls.first().toLocalFile();
    if (!QFileInfo(path).isDir()) {
        m_messages->showMessage(MessageBar::Kind::Info,
                                tr("Drop a folder to scan it as the workspaces root; %1 is not one.").arg(nativePath(path)));
        return;
    }
    setRoot(path);
    scan();
}

void HomesPage::chooseRoot()
{
    const QString chosen = QFileDialog::getExistingDirectory(this, tr("Choose the workspaces root"), root());
    if (chosen.isEmpty())
        return;
    setRoot(chosen);
    scan();
}

} // namespace SandboxDoctor::Ui
