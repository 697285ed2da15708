#pragma once

#include "diffcolors.h"
#include "diffrows.h"

#include <QList>
#include <QPlainTextEdit>

namespace SandboxDoctor::Ui {

class TomlHighlighter;

// A read-only text view of diff rows: changed lines tinted, TOML coloured,
// and a gutter with line numbers and +/- signs.
class DiffEditor final : public QPlainTextEdit
{
    Q_OBJECT

public:
    enum class Gutter { OldAndNew, Old, New };

    explicit DiffEditor(Gutter gutter, QWidget *parent = nullptr);

    void setRows(const QList<DiffRow> &rows);
    const QList<DiffRow> &rows() const { return m_rows; }

    int gutterWidth() const;
    void paintGutter(QPaintEvent *event);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateGutter(const QRect &rect, int dy);
    void applyPalette();
    QColor backgroundOf(DiffRow::Kind kind) const;

    Gutter m_gutterMode;
    QWidget *m_gutter;
    TomlHighlighter *m_highlighter;
    QList<DiffRow> m_rows;
    DiffColors m_colors;
    bool m_applyingPalette = false;
};

} // namespace SandboxDoctor::Ui
