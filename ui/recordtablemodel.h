#pragma once

#include <QAbstractTableModel>
#include <QStringList>

#include <utility>
#include <vector>

namespace Tenantry {

// The shared part of the read-only table models of a tenant's sections: a vector of records
// replaced as a whole when a section (re)loads. Subclasses name the columns (their Column enum)
// and say what each cell shows.
template<typename T>
class RecordTableModel : public QAbstractTableModel
{
public:
    void setRecords(std::vector<T> records)
    {
        beginResetModel();
        m_records = std::move(records);
        endResetModel();
    }
    // The next page of a list: added after the rows shown.
    void appendRecords(const std::vector<T> &records)
    {
        if (records.empty())
            return;
        const int first = static_cast<int>(m_records.size());
        beginInsertRows({}, first, first + static_cast<int>(records.size()) - 1);
        m_records.insert(m_records.end(), records.begin(), records.end());
        endInsertRows();
    }
    const std::vector<T> &records() const { return m_records; }
    const T *record(int row) const
    {
        return row >= 0 && static_cast<std::size_t>(row) < m_records.size()
                   ? &m_records[static_cast<std::size_t>(row)]
                   : nullptr;
    }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : static_cast<int>(m_records.size());
    }
    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : columnTotal();
    }
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        return cell(m_records[static_cast<std::size_t>(index.row())], index.column(), role);
    }
    QVariant headerData(int section,
                        Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0
            || section >= columnTotal())
            return {};
        return header(section);
    }

protected:
    explicit RecordTableModel(QObject *parent)
        : QAbstractTableModel(parent)
    {}

    virtual int columnTotal() const = 0;
    virtual QString header(int column) const = 0;
    virtual QVariant cell(const T &record, int column, int role) const = 0;

private:
    std::vector<T> m_records;
};

} // namespace Tenantry
