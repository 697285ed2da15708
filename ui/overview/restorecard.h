#pragma once

#include "widgets/card.h"

#include <QByteArray>

class QPushButton;

namespace SandboxDoctor {
struct RestoreCandidate;
}

namespace SandboxDoctor::Ui {

class DiffView;
class TextLabel;

// A config.toml zero-filled by a crash (openai/codex#26421): the newest backup
// that parses, as the change from the file as it is to that backup, and the
// button that puts it back. Shown only while there is such a backup.
class RestoreCard final : public Card
{
    Q_OBJECT

public:
    explicit RestoreCard(QWidget *parent = nullptr);

    // `current`: the zero-filled file as read.
    void setCandidate(const RestoreCandidate &candidate, const QByteArray &current);
    void setRestoreEnabled(bool enabled);

signals:
    void restoreRequested();

private:
    TextLabel *m_text;
    DiffView *m_diff;
    QPushButton *m_restoreButton;
};

} // namespace SandboxDoctor::Ui
