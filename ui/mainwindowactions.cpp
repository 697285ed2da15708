// The main window's actions: apply, undo, reports and settings, and keeping
// its size and splitters across runs. Split from mainwindow.cpp, which builds the window.
#include "mainwindow.h"

#include "appsettings.h"
#include "prompt.h"
#include "report/markdownreport.h"
#include "report/statusreport.h"
#include "session.h"
#include "settingsdialog.h"
#include "widgets/messagebar.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonDocument>
#include <QMessageBox>
#include <QSaveFile>
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
    const auto answer = Prompt::ask(this, tr("Apply the change"), question, details,
                                    QMessageBox::Apply | QMessageBox::Cancel, QMessageBox::Apply);
    if (answer != QMessageBox::Apply)
        return;
    m_messageBar->dismiss();
    m_session->apply();
}

void MainWindow::undoChange()
{
    if (!m_session->canUndo())
        return;
    m_messageBar->dismiss();
    m_session->undo();
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
                              tr("Restored config.toml from %1. The file it replaced was backed up too, so this "
                                 "can be undone again.")
                                  .arg(QFileInfo(backup.path).fileName()));
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
        text += QLatin1Char(' ') + error.hint;
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

void MainWindow::copyReport()
{
    if (!m_session->diagnosis())
        return;
    QApplication::clipboard()->setText(markdownReport(*m_session->diagnosis(), QApplication::applicationVersion()));
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
    const QByteArray json = QJsonDocument(statusToJson(*m_session->diagnosis())).toJson(QJsonDocument::Indented);
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
    values.platform = m_startup.platform ? platformName(*m_startup.platform) : m_settings->platformOverride();
    values.keepBackups = m_settings->keepBackups();
    values.policyPreset = m_settings->policyPreset();  // saved only: a --policy run is not a setting
    SettingsDialog dialog(values, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    applySettings(dialog.values());
}

void MainWindow::applySettings(const SettingsValues &values)
{
    m_settings->setCodexPath(values.codexPath);
    m_settings->setDarwinFixedVersion(values.darwinFixedVersion);
    m_settings->setPlatformOverride(values.platform);
    m_settings->setKeepBackups(values.keepBackups);
    const bool presetChanged = values.policyPreset != m_settings->policyPreset();
    m_settings->setPolicyPreset(values.policyPreset);
    m_settings->sync();
    if (presetChanged)
        m_startup.policy.reset();  // the preset chosen here now, not the one of the command line
    // The user chose explicitly: the command line's overrides no longer apply.
    m_startup.codexPath.reset();
    m_startup.darwinFixedVersion.reset();
    m_startup.platform.reset();
    if (!values.codexPath.isEmpty())
        m_startup.codexVersionText.reset();
    m_messageBar->dismiss();
    m_session->setOptions(sessionOptions());
}

// The size, position and splitters the window was closed with. A screenshot
// run passes settings of its own (app/gui/main.cpp), so it keeps the default
// size. restoreGeometry() moves a window saved on a screen that is gone back
// onto one, and refuses data it cannot read: the default size stays.
void MainWindow::restoreWindowState()
{
    const QByteArray geometry = m_settings->windowGeometry();
    if (!geometry.isEmpty() && !restoreGeometry(geometry))
        resize(DefaultSize);  // a half-applied geometry is worse than the default
    restoreState(m_settings->windowState(), WindowStateVersion);
    for (QSplitter *splitter : findChildren<QSplitter *>()) {
        if (!splitter->objectName().isEmpty())
            splitter->restoreState(m_settings->splitterState(splitter->objectName()));
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
