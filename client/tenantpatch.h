#pragma once

#include "core/tenant.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Tenantry {

// The body of PATCH /v1/tenants/{id}: only the fields that are set are sent. The nullable
// fields have two levels: nullopt leaves the field alone, an empty inner optional sets it to
// null (clears it), a value sets it.
struct TenantPatch
{
    std::optional<QString> name;
    std::optional<QString> slug;
    std::optional<QString> region;
    std::optional<Isolation> isolation;
    std::optional<std::optional<QString>> contactEmail;
    std::optional<std::optional<QString>> notes;

    bool isEmpty() const;
    QByteArray toJson() const;
};

} // namespace Tenantry
