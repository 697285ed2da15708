#include "homesfilter.h"

#include "common/finding.h"
#include "homesmodel.h"

namespace SandboxDoctor::Ui {

HomesFilter::HomesFilter(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(HomesModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
    setDynamicSortFilter(true);
}

void HomesFilter::setStatus(Status status)
{
    if (status == m_status)
        return;
    m_status = status;
    invalidateFilter();
}

void HomesFilter::setSearchText(const QString &text)
{
    const QStringList words = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words == m_words)
        return;
    m_words = words;
    invalidateFilter();
}

bool HomesFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto severity = Severity(index.data(HomesModel::SeverityRole).toInt());
    switch (m_status) {
    case Status::All: break;
    case Status::Problems:
        if (severity == Severity::Info)
            return false;
        break;
    case Status::Ok:
        if (severity != Severity::Info)
            return false;
        break;
    case Status::Warning:
        if (severity != Severity::Warning)
            return false;
        break;
    case Status::Error:
        if (severity != Severity::Error)
            return false;
        break;
    }
    if (m_words.isEmpty())
        return true;
    const QString haystack = index.data(HomesModel::SearchTextRole).toString();
    for (const QString &word : m_words) {
        if (!haystack.contains(word, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

} // namespace SandboxDoctor::Ui
