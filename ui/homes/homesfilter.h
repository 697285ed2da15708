#pragma once

#include <QSortFilterProxyModel>
#include <QString>

namespace SandboxDoctor::Ui {

// The table's view of the homes: a status filter, a search over workspace,
// task, path, block and findings (case-insensitive, every word must match),
// and sorting by the model's SortRole.
class HomesFilter final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    enum class Status { All, Problems, Ok, Warning, Error };
    Q_ENUM(Status)

    explicit HomesFilter(QObject *parent = nullptr);

    void setStatus(Status status);
    Status status() const { return m_status; }
    void setSearchText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    Status m_status = Status::All;
    QStringList m_words;
};

} // namespace SandboxDoctor::Ui
