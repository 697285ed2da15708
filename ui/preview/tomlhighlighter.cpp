#include "tomlhighlighter.h"

#include <QRegularExpression>
#include <QTextCharFormat>

namespace SandboxDoctor::Ui {

namespace {

QTextCharFormat formatOf(const QColor &color, bool bold = false, bool italic = false)
{
    QTextCharFormat format;
    format.setForeground(color);
    if (bold)
        format.setFontWeight(QFont::Bold);
    format.setFontItalic(italic);
    return format;
}

} // namespace

TomlHighlighter::TomlHighlighter(QTextDocument *document) : QSyntaxHighlighter(document) {}

void TomlHighlighter::setColors(const DiffColors &colors)
{
    m_colors = colors;
    rehighlight();
}

void TomlHighlighter::setBlockFilter(std::function<bool(int)> filter)
{
    m_filter = std::move(filter);
}

int TomlHighlighter::endOfMultiline(const QString &text, int start, State state)
{
    const QString delimiter = state == InBasicMultiline ? QStringLiteral("\"\"\"") : QStringLiteral("'''");
    int i = start;
    while (i < text.size()) {
        if (state == InBasicMultiline && text.at(i) == QLatin1Char('\\')) {
            i += 2;
            continue;
        }
        if (text.mid(i, 3) == delimiter) {
            int end = i + 3;
            while (end < text.size() && text.at(end) == delimiter.at(0) && end - i < 5)
                ++end;  // up to two quotes may close the string's content
            return end;
        }
        ++i;
    }
    return -1;
}

int TomlHighlighter::scanString(const QString &text, int start, QChar quote)
{
    // Returns the index after the closing quote (or the line's end).
    int i = start + 1;
    while (i < text.size()) {
        if (quote == QLatin1Char('"') && text.at(i) == QLatin1Char('\\')) {
            i += 2;
            continue;
        }
        if (text.at(i) == quote)
            return i + 1;
        ++i;
    }
    return int(text.size());
}

void TomlHighlighter::highlightValue(const QString &text, int start)
{
    static const QRegularExpression scalar(
        QStringLiteral("\\G(true|false|[+-]?(inf|nan)|[+-]?[0-9][0-9_:.eE+\\-TtZz]*|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+)"));
    int i = start;
    while (i < text.size()) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('#')) {
            setFormat(i, int(text.size()) - i, formatOf(m_colors.comment, false, true));
            return;
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            const QString triple(3, c);
            if (text.mid(i, 3) == triple) {
                const State state = c == QLatin1Char('"') ? InBasicMultiline : InLiteralMultiline;
                const int end = endOfMultiline(text, i + 3, state);
                if (end < 0) {
                    setFormat(i, int(text.size()) - i, formatOf(m_colors.string));
                    setCurrentBlockState(state);
                    return;
                }
                setFormat(i, end - i, formatOf(m_colors.string));
                i = end;
                continue;
            }
            const int end = scanString(text, i, c);
            setFormat(i, end - i, formatOf(m_colors.string));
            i = end;
            continue;
        }
        const auto match = scalar.match(text, i, QRegularExpression::NormalMatch,
                                        QRegularExpression::AnchorAtOffsetMatchOption);
        if (match.hasMatch() && (i == 0 || !text.at(i - 1).isLetterOrNumber())) {
            setFormat(i, int(match.capturedLength()), formatOf(m_colors.number));
            i += int(match.capturedLength());
            continue;
        }
        ++i;
    }
}

void TomlHighlighter::highlightBlock(const QString &text)
{
    setCurrentBlockState(Plain);
    if (m_filter && !m_filter(currentBlock().blockNumber()))
        return;

    int start = 0;
    const int previous = previousBlockState();
    if (previous == InBasicMultiline || previous == InLiteralMultiline) {
        const int end = endOfMultiline(text, 0, State(previous));
        if (end < 0) {
            setFormat(0, int(text.size()), formatOf(m_colors.string));
            setCurrentBlockState(previous);
            return;
        }
        setFormat(0, end, formatOf(m_colors.string));
        highlightValue(text, end);
        return;
    }

    while (start < text.size() && text.at(start).isSpace())
        ++start;
    if (start >= text.size())
        return;

    if (text.at(start) == QLatin1Char('#')) {
        setFormat(start, int(text.size()) - start, formatOf(m_colors.comment, false, true));
        return;
    }

    if (text.at(start) == QLatin1Char('[')) {
        // A table header up to its closing bracket(s), skipping quoted parts.
        int i = start + 1;
        while (i < text.size() && text.at(i) != QLatin1Char(']')) {
            if (text.at(i) == QLatin1Char('"') || text.at(i) == QLatin1Char('\''))
                i = scanString(text, i, text.at(i));
            else
                ++i;
        }
        while (i < text.size() && text.at(i) == QLatin1Char(']'))
            ++i;
        setFormat(start, i - start, formatOf(m_colors.tableHeader, true));
        highlightValue(text, i);  // only a trailing comment can follow
        return;
    }

    // key (bare, quoted or dotted) = value
    int i = start;
    while (i < text.size() && text.at(i) != QLatin1Char('=')) {
        if (text.at(i) == QLatin1Char('"') || text.at(i) == QLatin1Char('\''))
            i = scanString(text, i, text.at(i));
        else if (text.at(i) == QLatin1Char('#'))
            break;
        else
            ++i;
    }
    if (i < text.size() && text.at(i) == QLatin1Char('=')) {
        setFormat(start, i - start, formatOf(m_colors.key));
        highlightValue(text, i + 1);
    } else {
        highlightValue(text, start);  // a continuation line of an array or inline table
    }
}

} // namespace SandboxDoctor::Ui
