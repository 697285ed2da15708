#pragma once

#include <QByteArray>
#include <QStringList>
#include <QWidget>

class QStackedWidget;

namespace SandboxDoctor::Ui {

class DiffEditor;

// The change from the current to the proposed config.toml, unified or side
// by side. The two columns of the side-by-side view scroll together.
class DiffView final : public QWidget
{
    Q_OBJECT

public:
    explicit DiffView(QWidget *parent = nullptr);

    void setTexts(const QByteArray &before, const QByteArray &after);
    void setSideBySide(bool sideBySide);
    bool isSideBySide() const;

    // For tests and accessibility: the lines the diff adds or removes.
    QStringList addedLines() const;
    QStringList removedLines() const;
    int addedCount() const;
    int removedCount() const;

private:
    QStackedWidget *m_stack;
    DiffEditor *m_unified;
    DiffEditor *m_left;
    DiffEditor *m_right;
};

} // namespace SandboxDoctor::Ui
