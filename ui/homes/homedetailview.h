#pragma once

#include "homes/homereport.h"

#include <QTextBrowser>

#include <optional>

namespace SandboxDoctor::Ui {

// The detail pane of the "Per-task homes" page: each entry drawn as
// `name → target` (broken and wrong links in the palette's red), the managed
// block, and the findings with their severity icons. Read-only, selectable,
// and redrawn when the palette changes (light/dark).
class HomeDetailView final : public QTextBrowser
{
    Q_OBJECT

public:
    explicit HomeDetailView(QWidget *parent = nullptr);

    // The home to show; `selectedCount` > 1 adds a line saying how many are selected.
    void setReport(const SandboxDoctor::HomeReport &report, int selectedCount = 1);
    void clearReport(const QString &placeholder);

    const std::optional<HomeReport> &report() const { return m_report; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void render();
    void addIconResources();

    std::optional<HomeReport> m_report;
    int m_selectedCount = 1;
    QString m_placeholder;
};

} // namespace SandboxDoctor::Ui
