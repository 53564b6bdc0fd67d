#include "ui/featuretablemodel.h"

#include <QLocale>
#include <QStringList>

#include <algorithm>

namespace Tenantry {

FeatureTableModel::FeatureTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void FeatureTableModel::setFeatures(std::vector<Feature> features)
{
    beginResetModel();
    m_features = std::move(features);
    endResetModel();
}

void FeatureTableModel::setPlans(const std::vector<Plan> &plans)
{
    m_plans = plans;
    if (!m_features.empty())
        Q_EMIT dataChanged(index(0, Plans), index(rowCount() - 1, Plans));
}

int FeatureTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_features.size());
}

int FeatureTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FeatureTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const Feature &feature = m_features[static_cast<std::size_t>(index.row())];
    switch (static_cast<Column>(index.column())) {
    case Name:
        return QString::fromStdString(feature.name);
    case Key:
        return QString::fromStdString(feature.key);
    case Description:
        return QString::fromStdString(feature.description);
    case Plans: {
        QStringList names;
        for (const Plan &plan : m_plans) {
            if (std::find(plan.features.begin(), plan.features.end(), feature.key)
                != plan.features.end())
                names.append(QString::fromStdString(plan.name));
        }
        names.removeDuplicates();
        return QLocale().createSeparatedList(names);
    }
    case ColumnCount:
        break;
    }
    return {};
}

QVariant FeatureTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Name:
        return tr("Feature");
    case Key:
        return tr("Key");
    case Description:
        return tr("Description");
    case Plans:
        return tr("Included in");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Tenantry
