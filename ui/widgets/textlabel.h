#pragma once

#include <QLabel>
#include <QString>

namespace SandboxDoctor::Ui {

// A word-wrapped, selectable plain-text label for texts of any length: a long
// path or a list of searched places wraps at its separators instead of
// widening the window or being cut off, and its context menu copies the whole
// text as it was given.
class TextLabel final : public QLabel
{
    Q_OBJECT

public:
    explicit TextLabel(QWidget *parent = nullptr);

    void setFullText(const QString &text);
    const QString &fullText() const { return m_fullText; }

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    QString m_fullText;
};

// `text` with a break opportunity (a zero-width space) after each path
// separator and list punctuation inside words too long to fit a narrow column.
QString withBreakOpportunities(const QString &text);

} // namespace SandboxDoctor::Ui
