#pragma once

#include "homes/homereport.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

class QTimer;

namespace SandboxDoctor::Ui {

// The rows of the "Per-task homes" table: one HomeReport each. Reports that
// arrive while a scan runs are buffered and inserted in batches (one
// beginInsertRows per batch), so 10,000 homes do not mean 10,000 layout passes.
class HomesModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { WorkspaceColumn, TaskColumn, StatusColumn, BlockColumn, FindingsColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1,  // a value that sorts sensibly (status by severity, counts as numbers)
        SeverityRole,                 // int(Severity) of the home
        PathRole,                     // the codex-home folder
        SearchTextRole,               // everything the search box matches against
    };

    explicit HomesModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // Buffers the report; it becomes a row at the next flush (soon, or on flush()).
    void append(const SandboxDoctor::HomeReport &report);
    // Inserts every buffered report now.
    void flush();
    // Replaces the row of the same path (after a repair), keeping its workspace
    // and task names when the new report has none; or appends it.
    void replace(const SandboxDoctor::HomeReport &report);
    void clear();

    const HomeReport &report(int row) const { return m_reports.at(row); }
    int rowOf(const QString &path) const { return m_rowByPath.value(path, -1); }
    int pendingCount() const { return int(m_pending.size()); }

private:
    QList<HomeReport> m_reports;
    QList<HomeReport> m_pending;
    QHash<QString, int> m_rowByPath;
    QTimer *m_flushTimer;
};

// "current", "stale", …, "no config.toml", or "unknown" when config.toml could not be read or parsed.
QString blockStateLabel(const HomeReport &report);
// "1 home", "3 homes" (no translations are loaded, so %n plurals would read "home(s)").
QString homesCount(int count);

} // namespace SandboxDoctor::Ui
