#pragma once

#include <QStringList>
#include <QWidget>

class QComboBox;
class QToolButton;

namespace SandboxDoctor::Ui {

// The CODEX_HOME being looked at: an editable list of recent homes and a
// Browse button. Emits homeChosen when the user picks, types or browses one.
class HomeChooser final : public QWidget
{
    Q_OBJECT

public:
    explicit HomeChooser(QWidget *parent = nullptr);

    void setRecentHomes(const QStringList &homes);
    void setCurrentHome(const QString &home);
    QString currentHome() const;
    QComboBox *comboBox() const { return m_combo; }

public slots:
    void browse();

signals:
    void homeChosen(const QString &home);

private:
    void choose(const QString &home);

    QComboBox *m_combo;
    QToolButton *m_browse;
    bool m_updating = false;
};

} // namespace SandboxDoctor::Ui
