#include "diffeditor.h"

#include "tomlhighlighter.h"

#include <QFontDatabase>
#include <QPainter>
#include <QTextBlock>

namespace SandboxDoctor::Ui {

namespace {

class GutterArea final : public QWidget
{
public:
    explicit GutterArea(DiffEditor *editor) : QWidget(editor), m_editor(editor) {}
    QSize sizeHint() const override { return {m_editor->gutterWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *event) override { m_editor->paintGutter(event); }

private:
    DiffEditor *m_editor;
};

} // namespace

DiffEditor::DiffEditor(Gutter gutter, QWidget *parent)
    : QPlainTextEdit(parent), m_gutterMode(gutter), m_gutter(new GutterArea(this)),
      m_highlighter(new TomlHighlighter(document()))
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFrameShape(QFrame::NoFrame);
    m_highlighter->setBlockFilter([this](int block) {
        if (block < 0 || block >= m_rows.size())
            return true;
        const auto kind = m_rows.at(block).kind;
        return kind != DiffRow::Kind::Header && kind != DiffRow::Kind::Filler;
    });
    connect(this, &QPlainTextEdit::updateRequest, this, &DiffEditor::updateGutter);
    applyPalette();
}

int DiffEditor::gutterWidth() const
{
    int largest = 1;
    for (const DiffRow &row : m_rows)
        largest = qMax(largest, qMax(row.oldLine, row.newLine));
    const int digits = qMax(2, int(QString::number(largest).size()));
    const int number = fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits + 12;
    const int sign = fontMetrics().horizontalAdvance(QLatin1Char('+')) + 12;
    return (m_gutterMode == Gutter::OldAndNew ? 2 * number : number) + sign;
}

void DiffEditor::setRows(const QList<DiffRow> &rows)
{
    m_rows = rows;
    document()->clear();
    QTextCursor cursor(document());
    cursor.beginEditBlock();
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        const DiffRow &row = m_rows.at(i);
        QTextBlockFormat format;
        const QColor background = backgroundOf(row.kind);
        if (background.isValid())
            format.setBackground(background);
        if (i == 0)
            cursor.setBlockFormat(format);
        else
            cursor.insertBlock(format);
        QTextCharFormat chars;
        if (row.kind == DiffRow::Kind::Header)
            chars.setForeground(m_colors.lineNumber);
        cursor.insertText(row.text, chars);
    }
    cursor.endEditBlock();
    setViewportMargins(gutterWidth(), 0, 0, 0);
    m_highlighter->rehighlight();
    moveCursor(QTextCursor::Start);
    m_gutter->update();
}

QColor DiffEditor::backgroundOf(DiffRow::Kind kind) const
{
    switch (kind) {
    case DiffRow::Kind::Added: return m_colors.addedBackground;
    case DiffRow::Kind::Removed: return m_colors.removedBackground;
    case DiffRow::Kind::Header: return m_colors.headerBackground;
    case DiffRow::Kind::Filler: return m_colors.fillerBackground;
    case DiffRow::Kind::Context: return {};
    }
    return {};
}

void DiffEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    // As tall as the text's viewport, so a horizontal scroll bar (a long line,
    // such as apply's reason comment) is not covered by the line numbers.
    const QRect contents = contentsRect();
    m_gutter->setGeometry(QRect(contents.left(), contents.top(), gutterWidth(), viewport()->height()));
}

void DiffEditor::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if ((event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        && !m_applyingPalette) {
        applyPalette();
        if (!m_rows.isEmpty())
            setRows(m_rows);  // re-tint the blocks for the new palette
    }
}

void DiffEditor::applyPalette()
{
    m_applyingPalette = true;
    m_colors = DiffColors::forPalette(palette());
    m_highlighter->setColors(m_colors);
    m_applyingPalette = false;
}

void DiffEditor::updateGutter(const QRect &rect, int dy)
{
    if (dy)
        m_gutter->scroll(0, dy);
    else
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
}

void DiffEditor::paintGutter(QPaintEvent *event)
{
    QPainter painter(m_gutter);
    painter.fillRect(event->rect(), m_colors.gutterBackground);
    painter.setFont(font());

    const int numberWidth = m_gutterMode == Gutter::OldAndNew ? (gutterWidth() - fontMetrics().horizontalAdvance(QLatin1Char('+')) - 12) / 2
                                                              : gutterWidth() - fontMetrics().horizontalAdvance(QLatin1Char('+')) - 12;
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    while (block.isValid() && top <= event->rect().bottom()) {
        const int height = qRound(blockBoundingRect(block).height());
        const int index = block.blockNumber();
        if (block.isVisible() && index < m_rows.size() && top + height >= event->rect().top()) {
            const DiffRow &row = m_rows.at(index);
            const QColor background = backgroundOf(row.kind);
            if (background.isValid())
                painter.fillRect(QRect(0, top, m_gutter->width(), height), background);
            painter.setPen(m_colors.lineNumber);
            int x = 0;
            auto number = [&](int line) {
                if (line > 0)
                    painter.drawText(QRect(x, top, numberWidth - 6, height), Qt::AlignRight | Qt::AlignVCenter,
                                     QString::number(line));
                x += numberWidth;
            };
            if (m_gutterMode != Gutter::New)
                number(row.oldLine);
            if (m_gutterMode != Gutter::Old)
                number(row.newLine);
            QString sign;
            if (row.kind == DiffRow::Kind::Added) {
                painter.setPen(m_colors.addedSign);
                sign = QStringLiteral("+");
            } else if (row.kind == DiffRow::Kind::Removed) {
                painter.setPen(m_colors.removedSign);
                sign = QStringLiteral("\u2212");
            }
            if (!sign.isEmpty())
                painter.drawText(QRect(x, top, m_gutter->width() - x, height), Qt::AlignCenter, sign);
        }
        block = block.next();
        top += height;
    }
}

} // namespace SandboxDoctor::Ui
