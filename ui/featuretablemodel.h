#pragma once

// The features plans can include, and which plans include each.

#include "core/feature.h"
#include "core/plan.h"

#include <QAbstractTableModel>

#include <vector>

namespace Tenantry {

class FeatureTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Key, Description, Plans, ColumnCount };
    Q_ENUM(Column)

    explicit FeatureTableModel(QObject *parent = nullptr);

    void setFeatures(std::vector<Feature> features);
    const std::vector<Feature> &features() const { return m_features; }
    // For the Plans column: the names of the plans that include each feature.
    void setPlans(const std::vector<Plan> &plans);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section,
                        Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<Feature> m_features;
    std::vector<Plan> m_plans;
};

} // namespace Tenantry
