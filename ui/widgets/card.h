#pragma once

#include <QFrame>
#include <QString>

class QLabel;
class QVBoxLayout;

namespace SandboxDoctor::Ui {

// A titled, rounded panel on the palette's base colour: one topic of the overview.
// Not final: a card with a fixed content (RestoreCard) is a card.
class Card : public QFrame
{
    Q_OBJECT

public:
    explicit Card(const QString &title, QWidget *parent = nullptr);

    QVBoxLayout *body() const { return m_body; }
    void setTitle(const QString &title);
    void setBadge(const QIcon &icon);  // a status icon before the title

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QLabel *m_badge;
    QLabel *m_title;
    QVBoxLayout *m_body;
};

} // namespace SandboxDoctor::Ui
