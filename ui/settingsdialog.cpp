#include "settingsdialog.h"

#include "common/policypreset.h"
#include "common/version.h"
#include "icons.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace SandboxDoctor::Ui {

namespace {

QLabel *note(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

// A row label whose mnemonic (&C) focuses the field: QFormLayout makes the
// label's buddy only for a widget field, and would show a literal "&" beside a layout.
QLabel *rowLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

} // namespace

SettingsDialog::SettingsDialog(const SettingsValues &values, QWidget *parent)
    : QDialog(parent),
      m_codexPath(new QLineEdit(values.codexPath, this)),
      m_darwinFixed(new QLineEdit(values.darwinFixedVersion, this)),
      m_darwinError(new QLabel(this)),
      m_codexPathOrigin(new QLabel(this)),
      m_darwinOrigin(new QLabel(this)),
      m_platform(new QComboBox(this)),
      m_preset(new QComboBox(this)),
      m_customPreset(new QLineEdit(this)),
      m_presetError(new QLabel(this)),
      m_keepBackups(new QSpinBox(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    setMinimumWidth(480);

    m_codexPath->setObjectName(QStringLiteral("codexPathEdit"));
    m_codexPath->setPlaceholderText(tr("Detect automatically"));
    m_codexPath->setClearButtonEnabled(true);
    m_codexPath->setAccessibleName(tr("Codex executable"));
    auto *browse = new QToolButton(this);
    browse->setIcon(Icons::icon(QStringLiteral("folder")));
    browse->setToolTip(tr("Choose the Codex executable"));
    browse->setAccessibleName(tr("Choose the Codex executable"));
    connect(browse, &QToolButton::clicked, this, [this]() {
        const QString path = QFileDialog::getOpenFileName(this, tr("Choose the Codex executable"), m_codexPath->text());
        if (!path.isEmpty())
            m_codexPath->setText(path);
    });
    auto *codexRow = new QHBoxLayout;
    codexRow->addWidget(m_codexPath, 1);
    codexRow->addWidget(browse);

    m_darwinFixed->setObjectName(QStringLiteral("darwinFixedEdit"));
    m_darwinFixed->setPlaceholderText(tr("None known"));
    m_darwinFixed->setClearButtonEnabled(true);
    m_darwinFixed->setAccessibleName(tr("First Codex version whose macOS sandbox honours network access"));
    m_darwinError->setObjectName(QStringLiteral("darwinFixedError"));
    m_darwinError->hide();
    QPalette errorPalette = m_darwinError->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xd9, 0x3f, 0x3f));
    m_darwinError->setPalette(errorPalette);

    m_platform->setObjectName(QStringLiteral("platformCombo"));
    m_platform->setAccessibleName(tr("Platform to preview"));
    m_platform->addItem(tr("This machine"), QString());
    m_platform->addItem(QStringLiteral("macOS"), QStringLiteral("macos"));
    m_platform->addItem(QStringLiteral("Linux"), QStringLiteral("linux"));
    m_platform->addItem(QStringLiteral("Windows"), QStringLiteral("windows"));
    m_platform->setCurrentIndex(qMax(0, m_platform->findData(values.platform)));

    // The policy table (shared with the CLI as "policy/preset").
    m_preset->setObjectName(QStringLiteral("policyPresetCombo"));
    m_preset->setAccessibleName(tr("Policy preset"));
    m_preset->addItem(tr("Not chosen: the seed's table; per-task homes follow their daemon"), QString());
    m_preset->addItem(policyPresetTitle(PolicyPreset::Seed), policyPresetName(PolicyPreset::Seed));
    m_preset->addItem(policyPresetTitle(PolicyPreset::MulticaToday), policyPresetName(PolicyPreset::MulticaToday));
    m_preset->addItem(policyPresetTitle(PolicyPreset::Custom), policyPresetName(PolicyPreset::Custom));
    const bool custom = values.policyPreset.startsWith(QLatin1String("custom:"));
    m_preset->setCurrentIndex(qMax(0, m_preset->findData(custom ? policyPresetName(PolicyPreset::Custom) : values.policyPreset)));
    m_customPreset->setObjectName(QStringLiteral("customPresetEdit"));
    m_customPreset->setAccessibleName(tr("Custom policy, a mode per platform"));
    m_customPreset->setPlaceholderText(QStringLiteral("custom:linux=workspace-write+network,macos=danger-full-access"));
    m_customPreset->setText(custom ? values.policyPreset : QString());
    m_presetError->setObjectName(QStringLiteral("policyPresetError"));
    m_presetError->setWordWrap(true);
    m_presetError->setPalette(errorPalette);
    m_presetError->hide();

    m_keepBackups->setObjectName(QStringLiteral("keepBackupsSpin"));
    m_keepBackups->setAccessibleName(tr("Backups to keep"));
    m_keepBackups->setRange(0, 999);
    m_keepBackups->setSpecialValueText(tr("All"));
    m_keepBackups->setValue(values.keepBackups);

    for (QLabel *origin : {m_codexPathOrigin, m_darwinOrigin}) {
        origin->setWordWrap(true);
        origin->setText(tr("Given on the command line for this run; saved only if you change it here."));
        origin->hide();
    }
    m_codexPathOrigin->setObjectName(QStringLiteral("codexPathOrigin"));
    m_darwinOrigin->setObjectName(QStringLiteral("darwinFixedOrigin"));

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(rowLabel(tr("&Codex executable:"), m_codexPath, this), codexRow);
    form->addRow(QString(), m_codexPathOrigin);
    form->addRow(QString(), note(tr("Empty: detected from PATH, the login shell and the usual install places. "
                                    "The command-line tool uses this setting too."), this));
    form->addRow(rowLabel(tr("macOS &fixed version:"), m_darwinFixed, this), m_darwinFixed);
    form->addRow(QString(), m_darwinError);
    form->addRow(QString(), m_darwinOrigin);
    form->addRow(QString(), note(tr("The first Codex release whose macOS sandbox honours network_access "
                                    "(openai/codex#10390). Empty while no fix is known: macOS then gets "
                                    "danger-full-access."), this));
    form->addRow(rowLabel(tr("Polic&y preset:"), m_preset, this), m_preset);
    form->addRow(QString(), m_customPreset);
    form->addRow(QString(), m_presetError);
    form->addRow(QString(), note(tr("Which table of sandbox modes to follow. The multica daemon today runs "
                                    "danger-full-access on Linux and macOS; the seed's table keeps Linux in "
                                    "workspace-write with network."), this));
    form->addRow(rowLabel(tr("&Preview platform:"), m_platform, this), m_platform);
    form->addRow(QString(), note(tr("Shows the policy and the change another machine would get, for this run "
                                    "only: the next start shows this machine again."), this));
    form->addRow(rowLabel(tr("&Backups to keep:"), m_keepBackups, this), m_keepBackups);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_darwinFixed, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    connect(m_preset, &QComboBox::currentIndexChanged, this, &SettingsDialog::validate);
    connect(m_customPreset, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    validate();
}

void SettingsDialog::validate()
{
    const QString text = m_darwinFixed->text().trimmed();
    const bool ok = text.isEmpty() || Version::parse(text).has_value();
    m_darwinError->setText(ok ? QString() : tr("'%1' is not a version: write it as X.Y.Z, for example 0.180.0.").arg(text));
    m_darwinError->setVisible(!ok);

    const bool custom = m_preset->currentData().toString() == policyPresetName(PolicyPreset::Custom);
    m_customPreset->setVisible(custom);
    QString why;
    const bool presetOk = !custom || parsePolicyChoice(m_customPreset->text(), &why).has_value();
    m_presetError->setText(presetOk ? QString() : why);
    m_presetError->setVisible(!presetOk);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok && presetOk);
}

void SettingsDialog::setCommandLineFields(bool codexPath, bool darwinFixedVersion)
{
    m_codexPathOrigin->setVisible(codexPath);
    m_darwinOrigin->setVisible(darwinFixedVersion);
}

SettingsValues SettingsDialog::values() const
{
    SettingsValues values;
    values.codexPath = m_codexPath->text().trimmed();
    values.darwinFixedVersion = m_darwinFixed->text().trimmed();
    values.platform = m_platform->currentData().toString();
    values.policyPreset = m_preset->currentData().toString() == policyPresetName(PolicyPreset::Custom)
                              ? parsePolicyChoice(m_customPreset->text())->toText()
                              : m_preset->currentData().toString();
    values.keepBackups = m_keepBackups->value();
    return values;
}

} // namespace SandboxDoctor::Ui
