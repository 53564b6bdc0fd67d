#pragma once

#include "core/tenant.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Tenantry {

// The body of POST /v1/tenants. Empty strings and nullopt are left out, so the server applies
// its defaults (slug derived from the name, isolation "pool", no plan, contact or notes).
struct TenantDraft
{
    QString name;
    QString region;
    QString slug;
    std::optional<Isolation> isolation;
    QString contactEmail;
    QString planId;
    QString notes;

    QByteArray toJson() const;
};

} // namespace Tenantry
