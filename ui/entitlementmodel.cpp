#include "ui/entitlementmodel.h"

#include "ui/displayformat.h"

#include <QBrush>
#include <QColor>

namespace Tenantry {

EntitlementModel::EntitlementModel(QObject *parent)
    : RecordTableModel<Entitlement>(parent)
{}

void EntitlementModel::setFeatures(const std::vector<Feature> &features)
{
    m_features.clear();
    for (const Feature &feature : features)
        m_features.emplace(feature.key, feature);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void EntitlementModel::setOverrides(const std::vector<FeatureOverride> &overrides)
{
    m_overrides.clear();
    for (const FeatureOverride &item : overrides)
        m_overrides.emplace(item.featureKey, item);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

const FeatureOverride *EntitlementModel::overrideFor(const std::string &featureKey) const
{
    const auto it = m_overrides.find(featureKey);
    return it == m_overrides.end() ? nullptr : &it->second;
}

QString EntitlementModel::featureName(const std::string &featureKey) const
{
    const auto it = m_features.find(featureKey);
    return it == m_features.end() ? QString::fromStdString(featureKey)
                                  : QString::fromStdString(it->second.name);
}

QString EntitlementModel::header(int column) const
{
    switch (column) {
    case FeatureColumn:
        return tr("Feature");
    case EnabledColumn:
        return tr("Enabled");
    case SourceColumn:
        return tr("Source");
    case ReasonColumn:
        return tr("Override reason");
    case ExpiresColumn:
        return tr("Override expires");
    default:
        return {};
    }
}

QVariant EntitlementModel::cell(const Entitlement &record, int column, int role) const
{
    switch (role) {
    case FeatureKeyRole:
        return QString::fromStdString(record.featureKey);
    case SourceRole: {
        const std::string_view text = toString(record.source);
        return QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size()));
    }
    case EnabledRole:
        return record.enabled;
    case HasOverrideRole:
        return overrideFor(record.featureKey) != nullptr;
    case Qt::ToolTipRole:
        if (column == FeatureColumn) {
            const auto it = m_features.find(record.featureKey);
            if (it != m_features.end())
                return QString::fromStdString(it->second.description);
        }
        if (column == SourceColumn && record.planWouldGrant)
            return *record.planWouldGrant ? tr("The plan alone would grant this feature.")
                                          : tr("The plan alone would not grant this feature.");
        return {};
    case Qt::ForegroundRole:
        if (column == EnabledColumn)
            return QBrush(record.enabled ? QColor(0x13, 0x5d, 0x2b) : QColor(0x8a, 0x1c, 0x1c));
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (column) {
    case FeatureColumn:
        return featureName(record.featureKey);
    case EnabledColumn:
        return record.enabled ? tr("On") : tr("Off");
    case SourceColumn:
        return DisplayFormat::source(record.source);
    case ReasonColumn:
        return record.reason ? QString::fromStdString(*record.reason) : QString();
    case ExpiresColumn:
        return record.expiresAt ? DisplayFormat::dateTime(*record.expiresAt) : QString();
    default:
        return {};
    }
}

} // namespace Tenantry
