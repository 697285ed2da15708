// The main window's actions: apply, undo, reports and settings, and keeping
// its size and splitters across runs. Split from mainwindow.cpp, which builds the window.
#include "mainwindow.h"

#include "aboutdialog.h"
#include "appsettings.h"
#include "backups/backupsdialog.h"
#include "guitext.h"
#include "policytext.h"
#include "prompt.h"
#include "homes/homespage.h"
#include "report/markdownreport.h"
#include "report/reportextras.h"
#include "report/statusreport.h"
#include "session.h"
#include "settingsdialog.h"
#include "verify/doctorpanel.h"
#include "verify/probepanel.h"
#include "verify/verifypage.h"
#include "widgets/messagebar.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonDocument>
#include <QMessageBox>
#include <QLocale>
#include <QSaveFile>
#include <QScreen>
#include <QSplitter>

namespace SandboxDoctor::Ui {

namespace {
// QMainWindow::saveState()'s version: bump it when the toolbars change so an
// older layout is ignored rather than misapplied.
constexpr int WindowStateVersion = 1;
} // namespace

void MainWindow::refresh()
{
    m_messageBar->dismiss();
    m_session->refresh();
}

void MainWindow::applyChange()
{
    if (!m_session->canApply())
        return;
    const Diagnosis &diagnosis = *m_session->diagnosis();
    const QString path = QDir::toNativeSeparators(diagnosis.config->path);
    const QString mode = sandboxModeName(diagnosis.policy.mode);
    const QString question = diagnosis.config->exists
                                 ? tr("Write the managed block to %1?").arg(path)
                                 : tr("Create %1 with the managed block?").arg(path);
    const QString details =
        diagnosis.config->exists
            ? tr("sandbox_mode becomes \"%1\". The current file is kept as a backup beside it "
                 "(config.toml.bak-…), and Undo puts it back.")
                  .arg(mode)
            : tr("sandbox_mode becomes \"%1\". Undo is not needed to go back: delete the file.").arg(mode);
    if (isPreviewingOtherPlatform()) {
        // The preview shows another machine's policy; writing it here is
        // possible (a shared home, a config to copy over) but never by habit.
        const QString previewed = platformDisplayName(*m_session->options().platform);
        const QString here = platformDisplayName(hostPlatform());
        const auto answer = Prompt::ask(
            this, tr("Apply another platform's policy"),
            diagnosis.config->exists
                ? tr("Write the %1 policy (%2) to this %3 machine's config.toml?").arg(previewed, mode, here)
                : tr("Create this %3 machine's config.toml with the %1 policy (%2)?").arg(previewed, mode, here),
            tr("You are previewing %1. Codex on this %2 machine would then run with sandbox_mode = \"%3\", "
               "which is not what this machine needs. The current file (%4) is kept as a backup, and Undo puts "
               "it back. To see this machine's policy instead, choose Back to This Machine.")
                .arg(previewed, here, mode, path),
            QMessageBox::Apply | QMessageBox::Cancel, QMessageBox::Cancel, QMessageBox::Warning,
            {{QMessageBox::Apply, tr("Write %1 Policy").arg(previewed)}});
        if (answer != QMessageBox::Apply)
            return;
        m_messageBar->dismiss();
        m_session->apply();
        return;
    }
    const auto answer = Prompt::ask(this, tr("Apply the change"), question, details,
                                    QMessageBox::Apply | QMessageBox::Cancel, QMessageBox::Apply);
    if (answer != QMessageBox::Apply)
        return;
    m_messageBar->dismiss();
    m_session->apply();
}

// Undo always asks, naming the backup it would put back: a keystroke never
// rewrites config.toml unseen. What it replaces is backed up, so Redo can
// bring it back.
void MainWindow::undoChange()
{
    const auto target = m_session->undoTarget();
    if (!m_session->canUndo() || !target)
        return;
    const QString name = QFileInfo(target->path).fileName();
    const QString when = QLocale().toString(target->createdUtc.toLocalTime(), QLocale::ShortFormat);
    const auto answer = Prompt::ask(
        this, tr("Undo the last change"), tr("Put back %1?").arg(name),
        tr("This backup was saved %1 (%2 bytes). config.toml as it is now is kept as a backup, so Redo "
           "brings it back.")
            .arg(when)
            .arg(target->size),
        QMessageBox::Ok | QMessageBox::Cancel, QMessageBox::Ok, QMessageBox::Question,
        {{QMessageBox::Ok, tr("Put It Back")}});
    if (answer != QMessageBox::Ok)
        return;
    m_messageBar->dismiss();
    m_session->undo();
}

void MainWindow::redoChange()
{
    if (!m_session->canRedo())
        return;
    m_messageBar->dismiss();
    m_session->redo();
}

void MainWindow::onApplied(const ApplyResult &result)
{
    if (!result.written) {
        m_messageBar->showMessage(MessageBar::Kind::Info, tr("config.toml was already current; nothing was written."));
        return;
    }
    const QString backup = result.backupPath.isEmpty()
                               ? tr("No backup was needed: the file did not exist before.")
                               : tr("The previous file is kept as %1.")
                                     .arg(QFileInfo(result.backupPath).fileName());
    m_messageBar->showMessage(MessageBar::Kind::Success,
                              tr("Applied: %1 now asks for %2. %3")
                                  .arg(QDir::toNativeSeparators(result.before.path),
                                       sandboxModeName(m_session->diagnosis() ? m_session->diagnosis()->policy.mode
                                                                             : SandboxMode::DangerFullAccess),
                                       backup),
                              result.backupPath.isEmpty() ? QString() : tr("Undo"),
                              [this]() { undoChange(); });
}

void MainWindow::onRestored(const BackupInfo &backup)
{
    m_messageBar->showMessage(MessageBar::Kind::Success,
                              tr("Put back %1. The file it replaced is kept as a backup: Redo brings it back.")
                                  .arg(QFileInfo(backup.path).fileName()),
                              tr("Redo"), [this]() { redoChange(); });
}

void MainWindow::onRedone(const BackupInfo &backup)
{
    m_messageBar->showMessage(MessageBar::Kind::Success,
                              tr("Brought back the change from %1. Undo takes it away again.")
                                  .arg(QFileInfo(backup.path).fileName()),
                              tr("Undo"), [this]() { undoChange(); });
}

void MainWindow::onCandidateRestored(const BackupInfo &backup)
{
    m_messageBar->showMessage(MessageBar::Kind::Success,
                              tr("Put back %1 over the zero-filled config.toml, which is kept as a backup: Undo "
                                 "brings it back.")
                                  .arg(QFileInfo(backup.path).fileName()),
                              tr("Undo"), [this]() { undoChange(); });
}

// One Backups view per window, following the window's CODEX_HOME; modeless,
// so Undo and the pages stay at hand while it is open.
void MainWindow::showBackups()
{
    if (!m_backupsDialog) {
        m_backupsDialog = new BackupsDialog(m_session, this);
        m_backupsDialog->setAttribute(Qt::WA_DeleteOnClose);
        // Ctrl+Z and Redo answer in the view too: a person who has just
        // restored an entry there undoes it without going back to the window.
        m_backupsDialog->addActions({m_undoAction, m_redoAction});
    }
    m_backupsDialog->show();
    m_backupsDialog->raise();
    m_backupsDialog->activateWindow();
}

void MainWindow::onEntryRestored(const RestoreResult &result)
{
    if (!result.written) {
        m_messageBar->showMessage(MessageBar::Kind::Info,
                                  tr("Nothing to do: the files already hold %1.").arg(result.restored.name));
        return;
    }
    m_messageBar->showMessage(MessageBar::Kind::Success,
                              tr("Restored %1. The files it replaced are kept as %2: Undo puts them back.")
                                  .arg(result.restored.name, result.undoName),
                              tr("Undo"), [this]() { undoChange(); });
}

void MainWindow::onActionFailed(const Error &error, bool changedSincePreview)
{
    if (changedSincePreview) {
        m_messageBar->showMessage(MessageBar::Kind::Warning,
                                  tr("config.toml changed since the preview, so nothing was written. Refresh to "
                                     "see the change for the file as it is now, then apply again."),
                                  tr("Refresh preview"), [this]() {
                                      refresh();
                                      showPage(QStringLiteral("preview"));
                                  });
        return;
    }
    QString text = error.message;
    if (!error.path.isEmpty())
        text = QDir::toNativeSeparators(error.path) + (error.line > 0 ? QStringLiteral(":%1").arg(error.line) : QString())
               + QStringLiteral(": ") + text;
    if (!error.hint.isEmpty())
        text += QLatin1Char(' ') + guiAdvice(error.hint);
    m_messageBar->showMessage(MessageBar::Kind::Error, text, tr("Refresh"), [this]() { refresh(); });
}

void MainWindow::onConfigChangedOutside()
{
    // A warning already on screen (an apply refused) stays: it says more.
    if (m_messageBar->isVisible() && m_messageBar->kind() != MessageBar::Kind::Success)
        return;
    m_messageBar->showMessage(MessageBar::Kind::Info,
                              tr("config.toml changed outside this window; the overview and the preview show "
                                 "the file as it is now."));
}

ReportExtras MainWindow::reportExtras() const
{
    ReportExtras extras;
    if (const auto *homes = findChild<HomesPage *>())
        extras.homes = homes->latestScan();
    if (const auto *verify = findChild<VerifyPage *>()) {
        extras.verify.doctor = verify->doctorPanel()->result();
        extras.verify.doctorTaken = verify->doctorPanel()->resultTime();
        extras.verify.probe = verify->probePanel()->report();
        extras.verify.probeTaken = verify->probePanel()->reportTime();
    }
    return extras;
}

void MainWindow::copyReport()
{
    if (!m_session->diagnosis())
        return;
    QApplication::clipboard()->setText(markdownReport(*m_session->diagnosis(), QApplication::applicationVersion())
                                       + QLatin1Char('\n') + reportExtrasMarkdown(reportExtras()));
    m_messageBar->showMessage(MessageBar::Kind::Info,
                              tr("The report is on the clipboard, as Markdown: paste it into an issue or a chat."));
}

void MainWindow::saveJson()
{
    if (!m_session->diagnosis())
        return;
    const QString suggested = QDir::home().filePath(QStringLiteral("codex-sandbox-doctor-status.json"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Save report as JSON"), suggested,
                                                      tr("JSON files (*.json)"));
    if (!path.isEmpty())
        saveJsonTo(path);
}

bool MainWindow::saveJsonTo(const QString &path)
{
    if (!m_session->diagnosis())
        return false;
    // The user's own export, not config.toml: a plain atomic save is enough.
    QJsonObject report = statusToJson(*m_session->diagnosis());
    addReportExtrasJson(report, reportExtras());
    const QByteArray json = QJsonDocument(report).toJson(QJsonDocument::Indented);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
        m_messageBar->showMessage(MessageBar::Kind::Error,
                                  tr("%1: could not save the report (%2). Choose a folder you can write to.")
                                      .arg(QDir::toNativeSeparators(path), file.errorString()),
                                  tr("Choose again…"), [this]() { saveJson(); });
        return false;
    }
    m_messageBar->showMessage(MessageBar::Kind::Success,
                              tr("Saved the report to %1.").arg(QDir::toNativeSeparators(path)));
    return true;
}

void MainWindow::openSettings()
{
    SettingsValues values;
    values.codexPath = m_startup.codexPath.value_or(m_settings->codexPath());
    values.darwinFixedVersion = m_startup.darwinFixedVersion.value_or(m_settings->darwinFixedVersion());
    values.platform = m_startup.platform ? platformName(*m_startup.platform) : QString();
    values.keepBackups = m_settings->keepBackups();
    values.policyPreset = m_settings->policyPreset();  // saved only: a --policy run is not a setting
    SettingsDialog dialog(values, this);
    dialog.setCommandLineFields(m_startup.codexPath.has_value(), m_startup.darwinFixedVersion.has_value());
    if (dialog.exec() != QDialog::Accepted)
        return;
    applySettings(values, dialog.values());
}

// Only what the user changed in the dialog is saved. A value that came from
// the command line (--codex, --darwin-fixed-version) and was left alone stays
// an override for this run and never reaches the settings file; the preview
// platform is never saved at all, so the next start shows this machine.
void MainWindow::applySettings(const SettingsValues &shown, const SettingsValues &values)
{
    if (!m_startup.codexPath || values.codexPath != shown.codexPath) {
        m_settings->setCodexPath(values.codexPath);
        if (m_startup.codexPath)
            m_startup.codexVersionText.reset();  // a new Codex: ask it, do not believe --codex-version
        m_startup.codexPath.reset();
    }
    if (!m_startup.darwinFixedVersion || values.darwinFixedVersion != shown.darwinFixedVersion) {
        m_settings->setDarwinFixedVersion(values.darwinFixedVersion);
        m_startup.darwinFixedVersion.reset();
    }
    m_startup.platform = parsePlatformName(values.platform);
    m_settings->forgetPlatformOverride();  // written by older versions, which made a preview stick
    m_settings->setKeepBackups(values.keepBackups);
    const bool presetChanged = values.policyPreset != m_settings->policyPreset();
    m_settings->setPolicyPreset(values.policyPreset);
    m_settings->sync();
    if (presetChanged)
        m_startup.policy.reset();  // the preset chosen here now, not the one of the command line
    m_messageBar->dismiss();
    m_session->setOptions(sessionOptions());
    updatePreviewBar();
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

// The size, position and splitters the window was closed with. A screenshot
// run passes settings of its own (app/gui/main.cpp), so it keeps the default
// size. restoreGeometry() moves a window saved on a screen that is gone back
// onto one, and refuses data it cannot read: the default size stays.
void MainWindow::restoreWindowState()
{
    const QByteArray geometry = m_settings->windowGeometry();
    m_geometryRestored = !geometry.isEmpty() && restoreGeometry(geometry);
    if (!geometry.isEmpty() && !m_geometryRestored)
        resize(DefaultSize);  // a half-applied geometry is worse than the default
    fitOnScreen(m_geometryRestored);
    restoreState(m_settings->windowState(), WindowStateVersion);
    for (QSplitter *splitter : findChildren<QSplitter *>()) {
        if (!splitter->objectName().isEmpty())
            splitter->restoreState(m_settings->splitterState(splitter->objectName()));
    }
}

// A geometry saved on another screen, or at another scale (QT_SCALE_FACTOR,
// a display's scaling changed), may not fit the screen the window opens on:
// shrink it to the screen and move it fully onto it, so the title bar and the
// window's edges can be reached. The default size shrinks the same way.
void MainWindow::fitOnScreen(bool placed)
{
    if (!m_fitsScreen)
        return;
    const QRect frame = frameGeometry().isValid() ? frameGeometry() : geometry();
    QScreen *target = QGuiApplication::screenAt(frame.center());
    if (!target) {
        // The centre is on no screen: the screen the window overlaps most, else the primary one.
        qint64 best = 0;
        for (QScreen *screen : QGuiApplication::screens()) {
            const QRect common = screen->availableGeometry().intersected(frame);
            const qint64 area = qint64(common.width()) * common.height();
            if (area > best) {
                best = area;
                target = screen;
            }
        }
    }
    if (!target)
        target = QGuiApplication::primaryScreen();
    if (!target)
        return;
    const QRect available = target->availableGeometry();
    // The frame (title bar, borders) is what must fit; before the first show
    // it is not known yet, so the platform's usual margins are assumed.
    const QMargins margins = frameGeometry() != geometry()
                                 ? QMargins(geometry().left() - frameGeometry().left(),
                                            geometry().top() - frameGeometry().top(),
                                            frameGeometry().right() - geometry().right(),
                                            frameGeometry().bottom() - geometry().bottom())
                                 : QMargins();
    const QSize room(available.width() - margins.left() - margins.right(),
                     available.height() - margins.top() - margins.bottom());
    const QSize size = this->size().boundedTo(room).expandedTo(minimumSize().boundedTo(room));
    if (size != this->size())
        resize(size);
    if (!placed)
        return;  // the window system places a window that has no saved place
    QRect wanted(pos(), QSize(size.width() + margins.left() + margins.right(),
                              size.height() + margins.top() + margins.bottom()));
    if (!available.contains(wanted)) {
        if (wanted.right() > available.right())
            wanted.moveRight(available.right());
        if (wanted.bottom() > available.bottom())
            wanted.moveBottom(available.bottom());
        if (wanted.left() < available.left())
            wanted.moveLeft(available.left());
        if (wanted.top() < available.top())
            wanted.moveTop(available.top());
        move(wanted.topLeft());
    }
}

void MainWindow::saveWindowState()
{
    m_settings->setWindowGeometry(saveGeometry(), saveState(WindowStateVersion));
    // Splitters are kept by object name; an unnamed one (the diff's halves) is not worth keeping.
    for (QSplitter *splitter : findChildren<QSplitter *>()) {
        if (!splitter->objectName().isEmpty())
            m_settings->setSplitterState(splitter->objectName(), splitter->saveState());
    }
    m_settings->sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    QMainWindow::closeEvent(event);
}

} // namespace SandboxDoctor::Ui
