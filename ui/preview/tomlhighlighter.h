#pragma once

#include "diffcolors.h"

#include <QSyntaxHighlighter>

#include <functional>

namespace SandboxDoctor::Ui {

// TOML colouring for the diff view: comments, table headers, keys, strings
// (multi-line ones included), numbers and booleans. A line-by-line scanner is
// enough for colour; it decides nothing about the file's meaning.
class TomlHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit TomlHighlighter(QTextDocument *document);

    void setColors(const DiffColors &colors);
    // Blocks for which this returns false (hunk headers, fillers) stay plain.
    void setBlockFilter(std::function<bool(int blockNumber)> filter);

protected:
    void highlightBlock(const QString &text) override;

private:
    enum State { Plain = -1, InBasicMultiline = 1, InLiteralMultiline = 2 };

    int scanString(const QString &text, int start, QChar quote);
    int endOfMultiline(const QString &text, int start, State state);
    void highlightValue(const QString &text, int start);

    DiffColors m_colors;
    std::function<bool(int)> m_filter;
};

} // namespace SandboxDoctor::Ui
