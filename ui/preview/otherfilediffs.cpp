#include "otherfilediffs.h"

#include "diffview.h"

#include <QDir>
#include <QLabel>
#include <QVBoxLayout>

namespace SandboxDoctor::Ui {

OtherFileDiffs::OtherFileDiffs(const QString &objectPrefix, QWidget *parent)
    : QWidget(parent), m_prefix(objectPrefix), m_layout(new QVBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    setVisible(false);
}

void OtherFileDiffs::setFiles(const QList<OtherFileEdit> &files)
{
    while (QLayoutItem *item = m_layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_diffs.clear();
    for (const OtherFileEdit &file : files) {
        const QString path = QDir::toNativeSeparators(file.path);
        auto *title = new QLabel(file.exists ? tr("Also changes %1").arg(path) : tr("Also creates %1").arg(path), this);
        title->setObjectName(m_prefix + QStringLiteral("Label:") + file.name);
        title->setTextFormat(Qt::PlainText);
        title->setWordWrap(true);
        title->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        auto *diff = new DiffView(this);
        diff->setObjectName(m_prefix + QStringLiteral("Diff:") + file.name);
        diff->setAccessibleName(tr("Change to %1").arg(file.name));
        diff->setSideBySide(m_sideBySide);
        diff->setTexts(file.before, file.after);
        m_layout->addWidget(title);
        m_layout->addWidget(diff, 1);
        m_diffs.append(diff);
    }
    setVisible(!m_diffs.isEmpty());
}

void OtherFileDiffs::setSideBySide(bool sideBySide)
{
    m_sideBySide = sideBySide;
    for (DiffView *diff : std::as_const(m_diffs))
        diff->setSideBySide(sideBySide);
}

} // namespace SandboxDoctor::Ui
