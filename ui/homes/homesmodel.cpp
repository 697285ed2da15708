#include "homesmodel.h"

#include "icons.h"

#include <QTimer>

#include <utility>

namespace SandboxDoctor::Ui {

namespace {

// How often buffered reports become rows while a scan runs: often enough to
// look live, rarely enough that the view relayouts a few times a second at most.
constexpr int FlushIntervalMs = 120;

QString statusLabel(Severity severity)
{
    switch (severity) {
    case Severity::Info: return QObject::tr("ok");
    case Severity::Warning: return QObject::tr("warning");
    case Severity::Error: return QObject::tr("error");
    }
    return {};
}

} // namespace

QString blockStateLabel(const HomeReport &report)
{
    if (!report.blockKnown)
        return QObject::tr("unknown");
    if (!report.configExists)
        return QObject::tr("no config.toml");
    switch (report.block) {
    case BlockState::Current: return QObject::tr("current");
    case BlockState::Stale: return QObject::tr("stale");
    case BlockState::Absent: return QObject::tr("absent");
    case BlockState::Damaged: return QObject::tr("damaged");
    case BlockState::Misplaced: return QObject::tr("misplaced");
    }
    return report.blockName();
}

QString homesCount(int count)
{
    return count == 1 ? QObject::tr("1 home") : QObject::tr("%1 homes").arg(count);
}

HomesModel::HomesModel(QObject *parent) : QAbstractTableModel(parent), m_flushTimer(new QTimer(this))
{
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(FlushIntervalMs);
    connect(m_flushTimer, &QTimer::timeout, this, &HomesModel::flush);
}

int HomesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_reports.size());
}

int HomesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HomesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_reports.size())
        return {};
    const HomeReport &home = m_reports.at(index.row());
    const Severity severity = home.status();

    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case WorkspaceColumn: return home.workspace.isEmpty() ? home.path : home.workspace;
        case TaskColumn: return home.task;
        case StatusColumn: return statusLabel(severity);
        case BlockColumn: return blockStateLabel(home);
        case FindingsColumn: return home.findings.size();
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == StatusColumn)
            return severity == Severity::Info ? Icons::ok() : Icons::severity(severity);
        break;
    case Qt::ToolTipRole:
        return home.path;
    case Qt::TextAlignmentRole:
        if (index.column() == FindingsColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case SortRole:
        switch (index.column()) {
        case StatusColumn: return int(severity);
        case FindingsColumn: return int(home.findings.size());
        case BlockColumn: return blockStateLabel(home);
        case WorkspaceColumn: return home.workspace.isEmpty() ? home.path : home.workspace;
        case TaskColumn: return home.task;
        }
        break;
    case SeverityRole:
        return int(severity);
    case PathRole:
        return home.path;
    case SearchTextRole: {
        QStringList parts{home.path, home.workspace, home.task, blockStateLabel(home)};
        for (const Finding &finding : home.findings)
            parts << finding.code << finding.message;
        return parts.join(QLatin1Char('\n'));
    }
    }
    return {};
}

QVariant HomesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::AccessibleTextRole))
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case WorkspaceColumn: return tr("Workspace");
    case TaskColumn: return tr("Task");
    case StatusColumn: return tr("Status");
    case BlockColumn: return tr("Block");
    case FindingsColumn: return tr("Findings");
    }
    return {};
}

void HomesModel::append(const HomeReport &report)
{
    m_pending << report;
    if (!m_flushTimer->isActive())
        m_flushTimer->start();
}

void HomesModel::flush()
{
    m_flushTimer->stop();
    if (m_pending.isEmpty())
        return;
    // A report for a home already listed (a rescan racing a repair) replaces its row.
    QList<HomeReport> fresh;
    fresh.reserve(m_pending.size());
    for (HomeReport &report : m_pending) {
        const int row = rowOf(report.path);
        if (row >= 0) {
            m_reports[row] = std::move(report);
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        } else {
            fresh << std::move(report);
        }
    }
    m_pending.clear();
    if (fresh.isEmpty())
        return;
    const int first = int(m_reports.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (HomeReport &report : fresh) {
        m_rowByPath.insert(report.path, int(m_reports.size()));
        m_reports << std::move(report);
    }
    endInsertRows();
}

void HomesModel::replace(const HomeReport &report)
{
    flush();
    const int row = rowOf(report.path);
    if (row < 0) {
        append(report);
        flush();
        return;
    }
    // A home inspected on its own (after a write) cannot know the workspace and
    // task names the scan's walk gave it: the row keeps those.
    const HomeReport &old = m_reports.at(row);
    HomeReport updated = report;
    if (updated.workspace.isEmpty() && updated.task.isEmpty()) {
        updated.workspace = old.workspace;
        updated.task = old.task;
    }
    m_reports[row] = std::move(updated);
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void HomesModel::clear()
{
    m_flushTimer->stop();
    m_pending.clear();
    beginResetModel();
    m_reports.clear();
    m_rowByPath.clear();
    endResetModel();
}

} // namespace SandboxDoctor::Ui
