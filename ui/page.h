#pragma once

#include <QIcon>
#include <QString>
#include <QWidget>

namespace SandboxDoctor::Ui {

class Session;

// One page of the main window (Overview, Preview, Verify, Per-task homes).
// A page shows what the Session knows and asks the Session to act; the main
// window lists it in the sidebar with its title and icon, and gives it the
// shortcut Ctrl+<position>. Adding a page is one addPage(...) line in
// MainWindow::createPages().
class Page : public QWidget
{
    Q_OBJECT

public:
    Page(Session *session, QWidget *parent = nullptr) : QWidget(parent), m_session(session) {}

    virtual QString pageId() const = 0;   // stable, for objectName and --page
    virtual QString title() const = 0;    // sidebar label
    virtual QIcon icon() const = 0;       // sidebar icon (see Icons)

    // Called when the page becomes the visible one.
    virtual void activated() {}

signals:
    // A page may ask the window to show another page (e.g. "Preview the change").
    void showPageRequested(const QString &pageId);

protected:
    Session *session() const { return m_session; }

private:
    Session *m_session;
};

} // namespace SandboxDoctor::Ui
