#pragma once

#include <QFrame>
#include <QString>

#include <functional>

class QLabel;
class QPushButton;
class QToolButton;

namespace SandboxDoctor::Ui {

// A message inside the window, above the pages: what happened and what to do,
// with at most one action button ("Refresh", "Undo"). Errors land here rather
// than only in a modal box, so they stay readable while the user acts on them.
class MessageBar final : public QFrame
{
    Q_OBJECT

public:
    enum class Kind { Info, Success, Warning, Error };

    explicit MessageBar(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &text, const QString &actionText = {},
                     std::function<void()> action = {});
    void dismiss();
    // A bar that states a mode (a previewed platform) rather than news has no close button.
    void setClosable(bool closable);

    Kind kind() const { return m_kind; }
    QString text() const;
    QPushButton *actionButton() const { return m_action; }

protected:
    void changeEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    QColor accent() const;

    Kind m_kind = Kind::Info;
    QLabel *m_icon;
    QLabel *m_text;
    QPushButton *m_action;
    QToolButton *m_close;
    std::function<void()> m_callback;
};

} // namespace SandboxDoctor::Ui
