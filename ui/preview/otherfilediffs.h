#pragma once

#include "config/otherfiles.h"

#include <QList>
#include <QWidget>

class QVBoxLayout;

namespace SandboxDoctor::Ui {

class DiffView;

// A titled diff per file besides config.toml that a change writes (today a
// legacy profile's <name>.config.toml), shown under config.toml's own diff by
// the Preview page and the per-task homes' changes dialog. Hidden when empty.
class OtherFileDiffs final : public QWidget
{
    Q_OBJECT

public:
    // Each file's title and diff are named `<objectPrefix>Label:<name>` and
    // `<objectPrefix>Diff:<name>`.
    explicit OtherFileDiffs(const QString &objectPrefix, QWidget *parent = nullptr);

    void setFiles(const QList<OtherFileEdit> &files);
    bool isEmpty() const { return m_diffs.isEmpty(); }
    void setSideBySide(bool sideBySide);

private:
    QString m_prefix;
    QVBoxLayout *m_layout;
    QList<DiffView *> m_diffs;
    bool m_sideBySide = false;
};

} // namespace SandboxDoctor::Ui
