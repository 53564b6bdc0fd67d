#pragma once

// The plans, active and inactive, as loaded by PlansView (a handful: every page is read).

#include "core/plan.h"

#include <QAbstractTableModel>

#include <vector>

namespace Tenantry {

class PlanTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Key, Price, Interval, TrialDays, Features, Active, ColumnCount };
    Q_ENUM(Column)
    enum Role { PlanIdRole = Qt::UserRole + 1, SortRole };

    explicit PlanTableModel(QObject *parent = nullptr);

    void setPlans(std::vector<Plan> plans);
    const std::vector<Plan> &plans() const { return m_plans; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section,
                        Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<Plan> m_plans;
};

} // namespace Tenantry
