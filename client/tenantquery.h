#pragma once

#include "client/apiclient.h"
#include "core/tenant.h"
#include "core/timestamp.h"

#include <QString>

#include <optional>

namespace Tenantry {

// The filters and paging of GET /v1/tenants. Empty strings and nullopt leave a filter out;
// `limit` 0 leaves the page size to the server.
struct TenantQuery
{
    QString search; // q: a substring of name, slug or contact email, or an exact tenant id
    std::optional<TenantStatus> status;
    QString planId;
    std::optional<Isolation> isolation;
    QString region;
    std::optional<Timestamp> updatedSince;
    int limit = 0;
    QString startingAfter;

    ApiClient::QueryItems toQueryItems() const;
};

} // namespace Tenantry
