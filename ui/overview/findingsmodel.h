#pragma once

#include "common/finding.h"

#include <QAbstractTableModel>
#include <QList>

namespace SandboxDoctor::Ui {

// The config's findings as a table: severity (icon), message, line, fix.
class FindingsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { SeverityColumn, MessageColumn, LineColumn, FixColumn, ColumnCount };
    enum Role { CodeRole = Qt::UserRole + 1, SeverityRole };

    explicit FindingsModel(QObject *parent = nullptr);

    void setFindings(const QList<Finding> &findings);
    const QList<Finding> &findings() const { return m_findings; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Finding> m_findings;
};

} // namespace SandboxDoctor::Ui
