#pragma once

#include <QByteArray>
#include <QDialog>
#include <QString>

namespace SandboxDoctor::Ui {

class DiffView;

// What Apply would change in one home's config.toml, in the preview's diff
// view. Modeless, so a person can keep it open beside the table.
class HomeDiffDialog final : public QDialog
{
    Q_OBJECT

public:
    HomeDiffDialog(const QString &homePath, const QByteArray &before, const QByteArray &after,
                   QWidget *parent = nullptr);

    DiffView *diffView() const { return m_diff; }

private:
    DiffView *m_diff;
};

} // namespace SandboxDoctor::Ui
