#include "homediffdialog.h"

#include "preview/diffview.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace SandboxDoctor::Ui {

HomeDiffDialog::HomeDiffDialog(const QString &homePath, const QByteArray &before, const QByteArray &after,
                               QWidget *parent)
    : QDialog(parent), m_diff(new DiffView(this))
{
    setObjectName(QStringLiteral("homeDiffDialog"));
    setWindowTitle(tr("Change to %1/config.toml").arg(homePath));
    setAttribute(Qt::WA_DeleteOnClose);
    resize(860, 560);

    auto *label = new QLabel(this);
    label->setObjectName(QStringLiteral("homeDiffLabel"));
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setText(before == after ? tr("%1/config.toml already has the managed block: Apply changes nothing.").arg(homePath)
                                   : tr("What Apply writes to %1/config.toml (a backup is kept):").arg(homePath));

    m_diff->setObjectName(QStringLiteral("homeDiffView"));
    m_diff->setAccessibleName(tr("Change to config.toml"));
    m_diff->setTexts(before, after);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_diff, 1);
    layout->addWidget(buttons);
}

} // namespace SandboxDoctor::Ui
