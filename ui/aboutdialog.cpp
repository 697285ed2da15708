#include "aboutdialog.h"

#include "common/tomlversion.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#ifndef SANDBOXDOCTOR_HOMEPAGE
#error "ui/CMakeLists.txt passes the project's HOMEPAGE_URL as SANDBOXDOCTOR_HOMEPAGE"
#endif

namespace SandboxDoctor::Ui {

namespace {

const QString BugUrl = QStringLiteral("https://github.com/openai/codex/issues/10390");

QLabel *textLabel(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextBrowserInteraction);
    label->setOpenExternalLinks(true);
    return label;
}

} // namespace

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Codex Sandbox Doctor"));

    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/app.svg")).pixmap(QSize(64, 64), devicePixelRatioF()));
    icon->setAlignment(Qt::AlignHCenter);

    auto *name = new QLabel(tr("Codex Sandbox Doctor"), this);
    QFont font = name->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    name->setFont(font);
    name->setAlignment(Qt::AlignHCenter);

    const QString homepage = QStringLiteral(SANDBOXDOCTOR_HOMEPAGE);
    auto *versions = textLabel(versionsText().toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")),
                               QStringLiteral("aboutVersions"), this);
    versions->setAlignment(Qt::AlignHCenter);
    auto *what = textLabel(tr("Finds your Codex CLI, chooses the sandbox policy for your platform and Codex "
                              "version, and fixes config.toml safely: previewed, backed up, undoable."),
                           QStringLiteral("aboutWhat"), this);
    what->setAlignment(Qt::AlignHCenter);
    auto *licence = textLabel(tr("Free software under the MIT licence. Copyright © Codex Sandbox Doctor "
                                 "contributors."),
                              QStringLiteral("aboutLicence"), this);
    licence->setAlignment(Qt::AlignHCenter);
    auto *links = textLabel(tr("<a href=\"%1\">Project homepage</a> · <a href=\"%2\">openai/codex#10390</a>: "
                               "the macOS sandbox that blocks DNS")
                                .arg(homepage.toHtmlEscaped(), BugUrl),
                            QStringLiteral("aboutLinks"), this);
    links->setAlignment(Qt::AlignHCenter);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("Copy Versions"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("aboutCopyButton"));
    copy->setToolTip(tr("Copy the versions for an issue report"));
    connect(copy, &QPushButton::clicked, this, [this]() { QApplication::clipboard()->setText(versionsText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    layout->setContentsMargins(24, 20, 24, 16);
    layout->addWidget(icon);
    layout->addWidget(name);
    layout->addWidget(versions);
    layout->addWidget(what);
    layout->addWidget(licence);
    layout->addWidget(links);
    layout->addSpacing(6);
    layout->addWidget(buttons);
    setMinimumWidth(420);
    setMaximumWidth(560);
}

QString AboutDialog::versionsText() const
{
    // The Qt this runs on may be newer than the one it was built with (a system Qt update).
    const QString qtRuntime = QString::fromLatin1(qVersion());
    const QString qtBuilt = QStringLiteral(QT_VERSION_STR);
    const QString qt = qtRuntime == qtBuilt ? tr("Qt %1").arg(qtRuntime)
                                            : tr("Qt %1 (built with %2)").arg(qtRuntime, qtBuilt);
    return tr("Version %1\n%2 · toml++ %3")
        .arg(QStringLiteral(SANDBOXDOCTOR_VERSION), qt, tomlLibraryVersion());
}

} // namespace SandboxDoctor::Ui
