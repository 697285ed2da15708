#include "textlabel.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QMenu>

namespace SandboxDoctor::Ui {

namespace {

// Shorter words wrap as words; only longer ones (paths, URLs) get breaks.
constexpr int LongWord = 24;
const QChar ZeroWidthSpace(0x200B);

bool breaksAfter(QChar c)
{
    return c == QLatin1Char('/') || c == QLatin1Char('\\') || c == QLatin1Char(';') || c == QLatin1Char(':')
           || c == QLatin1Char(',') || c == QLatin1Char('-') || c == QLatin1Char('_') || c == QLatin1Char('.')
           || c == QLatin1Char('(') || c == QLatin1Char('=');
}

} // namespace

QString withBreakOpportunities(const QString &text)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    qsizetype wordStart = 0;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        if (i < text.size() && !text.at(i).isSpace())
            continue;
        const QStringView word = QStringView(text).mid(wordStart, i - wordStart);
        if (word.size() > LongWord) {
            for (qsizetype k = 0; k < word.size(); ++k) {
                out += word.at(k);
                if (breaksAfter(word.at(k)) && k + 1 < word.size())
                    out += ZeroWidthSpace;
            }
        } else {
            out += word;
        }
        if (i < text.size())
            out += text.at(i);
        wordStart = i + 1;
    }
    return out;
}

TextLabel::TextLabel(QWidget *parent) : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
}

void TextLabel::setFullText(const QString &text)
{
    m_fullText = text;
    setText(withBreakOpportunities(text));
    setAccessibleDescription(text);
}

void TextLabel::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    QAction *copy = menu.addAction(tr("Copy"), this, [this]() { QApplication::clipboard()->setText(m_fullText); });
    copy->setObjectName(QStringLiteral("copyTextAction"));
    copy->setEnabled(!m_fullText.isEmpty());
    if (hasSelectedText()) {
        menu.addAction(tr("Copy Selection"), this, [this]() {
            QApplication::clipboard()->setText(QString(selectedText()).remove(ZeroWidthSpace));
        });
    }
    menu.exec(event->globalPos());
}

} // namespace SandboxDoctor::Ui
