#pragma once

#include "core/entitlements.h"
#include "core/feature.h"
#include "core/featureoverride.h"
#include "ui/recordtablemodel.h"

#include <map>
#include <string>

namespace Tenantry {

// A tenant's effective features (GET /v1/tenants/{id}/entitlements): on or off, and why.
class EntitlementModel : public RecordTableModel<Entitlement>
{
    Q_OBJECT

public:
    enum Column {
        FeatureColumn,
        EnabledColumn,
        SourceColumn,
        ReasonColumn,
        ExpiresColumn,
        ColumnCount
    };
    enum Role {
        FeatureKeyRole = Qt::UserRole + 1,
        SourceRole,     // the API's spelling: "plan", "override", "tenant_status", "none"
        EnabledRole,    // bool
        HasOverrideRole // bool: an override of this feature exists (lapsed or not)
    };

    explicit EntitlementModel(QObject *parent = nullptr);

    void setFeatures(const std::vector<Feature> &features);
    void setOverrides(const std::vector<FeatureOverride> &overrides);
    const FeatureOverride *overrideFor(const std::string &featureKey) const;
    QString featureName(const std::string &featureKey) const;

protected:
    int columnTotal() const override { return ColumnCount; }
    QString header(int column) const override;
    QVariant cell(const Entitlement &record, int column, int role) const override;

private:
    std::map<std::string, Feature> m_features;
    std::map<std::string, FeatureOverride> m_overrides;
};

} // namespace Tenantry
