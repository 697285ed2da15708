#include "findingsmodel.h"

#include "guitext.h"
#include "icons.h"

namespace SandboxDoctor::Ui {

FindingsModel::FindingsModel(QObject *parent) : QAbstractTableModel(parent) {}

void FindingsModel::setFindings(const QList<Finding> &findings)
{
    beginResetModel();
    m_findings = findings;
    // Worst first, then by line, so the thing to fix first is on top.
    std::stable_sort(m_findings.begin(), m_findings.end(), [](const Finding &a, const Finding &b) {
        if (a.severity != b.severity)
            return int(a.severity) > int(b.severity);
        return a.line < b.line;
    });
    endResetModel();
}

int FindingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_findings.size());
}

int FindingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FindingsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_findings.size())
        return {};
    const Finding &finding = m_findings.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn: return severityName(finding.severity);
        case MessageColumn: return finding.message;
        case LineColumn: return finding.line > 0 ? QVariant(finding.line) : QVariant(QStringLiteral("—"));
        case FixColumn: return guiAdvice(finding.fix);
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == SeverityColumn)
            return Icons::severity(finding.severity);
        break;
    case Qt::ToolTipRole:
        if (index.column() == MessageColumn || index.column() == FixColumn)
            return QStringLiteral("%1\n\n%2\n\n(%3)").arg(finding.message, guiAdvice(finding.fix), finding.code);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == LineColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignTop);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignTop);
    case Qt::AccessibleTextRole:
        return QStringLiteral("%1: %2 %3").arg(severityName(finding.severity), finding.message, guiAdvice(finding.fix));
    case CodeRole: return finding.code;
    case SeverityRole: return int(finding.severity);
    }
    return {};
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SeverityColumn: return tr("Severity");
    case MessageColumn: return tr("Finding");
    case LineColumn: return tr("Line");
    case FixColumn: return tr("What to do");
    }
    return {};
}

} // namespace SandboxDoctor::Ui
