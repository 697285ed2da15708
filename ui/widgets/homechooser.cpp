#include "homechooser.h"

#include "icons.h"
#include "shortcuttext.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace SandboxDoctor::Ui {

HomeChooser::HomeChooser(QWidget *parent)
    : QWidget(parent), m_combo(new QComboBox(this)), m_browse(new QToolButton(this))
{
    auto *label = new QLabel(tr("CODEX_&HOME"), this);
    label->setBuddy(m_combo);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);

    m_combo->setObjectName(QStringLiteral("homeCombo"));
    m_combo->setAccessibleName(tr("CODEX_HOME folder"));
    m_combo->setToolTip(tr("The Codex home folder whose config.toml is diagnosed. Type a path, pick a recent one, "
                           "or drop a folder on the window."));
    m_combo->setEditable(true);
    m_combo->setInsertPolicy(QComboBox::NoInsert);
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_combo->setMinimumContentsLength(30);
    m_combo->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);

    m_browse->setObjectName(QStringLiteral("browseHomeButton"));
    m_browse->setIcon(Icons::icon(QStringLiteral("folder")));
    m_browse->setText(tr("Browse…"));
    m_browse->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_browse->setAccessibleName(tr("Browse for a CODEX_HOME folder"));
    m_browse->setToolTip(withShortcut(tr("Open another CODEX_HOME"), QKeySequence(QKeySequence::Open)));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(label);
    layout->addWidget(m_combo, 1);
    layout->addWidget(m_browse);

    connect(m_combo, &QComboBox::activated, this, [this](int index) { choose(m_combo->itemText(index)); });
    connect(m_combo->lineEdit(), &QLineEdit::returnPressed, this, [this]() { choose(m_combo->currentText()); });
    connect(m_browse, &QToolButton::clicked, this, &HomeChooser::browse);
}

void HomeChooser::setRecentHomes(const QStringList &homes)
{
    m_updating = true;
    const QString current = m_combo->currentText();
    m_combo->clear();
    for (const QString &home : homes)
        m_combo->addItem(QDir::toNativeSeparators(home));
    m_combo->setEditText(current);
    m_updating = false;
}

void HomeChooser::setCurrentHome(const QString &home)
{
    m_combo->setEditText(QDir::toNativeSeparators(home));
}

QString HomeChooser::currentHome() const
{
    return QDir::fromNativeSeparators(m_combo->currentText().trimmed());
}

void HomeChooser::browse()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open a CODEX_HOME"), currentHome());
    if (!folder.isEmpty())
        choose(folder);
}

void HomeChooser::choose(const QString &home)
{
    if (m_updating || home.trimmed().isEmpty())
        return;
    const QString clean = QDir::cleanPath(QDir::fromNativeSeparators(home.trimmed()));
    setCurrentHome(clean);
    emit homeChosen(clean);
}

} // namespace SandboxDoctor::Ui
