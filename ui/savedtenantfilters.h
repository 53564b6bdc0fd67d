#pragma once

// Tenant filters saved by name in QSettings (group "tenantFilters"): the search text and the
// status, plan, isolation and region filters. Never a secret.

#include "client/tenantquery.h"

#include <QSettings>
#include <QStringList>

#include <memory>
#include <optional>

namespace Tenantry {

class SavedTenantFilters
{
public:
    SavedTenantFilters();                                // the application's settings
    explicit SavedTenantFilters(const QString &iniFile); // tests

    QStringList names() const; // sorted
    std::optional<TenantQuery> filter(const QString &name) const;
    void save(const QString &name, const TenantQuery &query);
    void remove(const QString &name);

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace Tenantry
