#pragma once

// Cohort retention as a heat map: one row per first-paid month, one column per month since
// (0, 1, 2, ...), each cell the cohort's net MRR retention or its logo retention (toggled) in
// percent, its background from white (50 % and below) to green (110 % and above). The cohort and
// customers cells name the cohort's customers in their tooltip (the tenants' names). Read-only.

#include "core/metrics/cohorts.h"

#include <QAbstractTableModel>
#include <QString>

#include <vector>

namespace Tenantry {

class CohortTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Measure { NetMrr, Logo };
    Q_ENUM(Measure)
    enum Column { Cohort, Customers, FirstOffset }; // FirstOffset + n: month n after the cohort's
    enum Role {
        RetentionRole = Qt::UserRole + 1, // double (1.0 = 100 %), invalid when undefined or none
        MrrRole,                          // qint64 minor units, the cohort's MRR in that month
        ActiveCustomersRole,              // qint64
        CustomerNamesRole,                // QStringList, the cohort's customers (cohort column)
    };
    // How many names a tooltip lists before "and N more".
    static constexpr int tooltipNames = 12;

    explicit CohortTableModel(QObject *parent = nullptr);

    // `customers`: per cohort (same order) its customers' names; may be empty (none known).
    void setCohorts(std::vector<CohortRow> cohorts,
                    std::vector<std::vector<QString>> customers = {});
    const std::vector<CohortRow> &cohorts() const { return m_cohorts; }
    void setMeasure(Measure measure);
    Measure measure() const { return m_measure; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section,
                        Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    const CohortCell *cellAt(const QModelIndex &index) const;

    QString customersTip(std::size_t row) const;

    std::vector<CohortRow> m_cohorts;
    std::vector<std::vector<QString>> m_customers;
    Measure m_measure = Measure::NetMrr;
    int m_offsets = 0;
};

} // namespace Tenantry
