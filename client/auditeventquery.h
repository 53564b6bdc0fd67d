#pragma once

#include "client/apiclient.h"
#include "core/timestamp.h"

#include <QString>

#include <optional>

namespace Tenantry {

// The filters and paging of GET /v1/audit-events. Empty strings and nullopt leave a filter
// out; `limit` 0 leaves the page size to the server.
struct AuditEventQuery
{
    QString actorId;                        // actor: a user id
    QString targetId;                       // target: the id of the changed object
    QString action;                         // "tenant.suspended", ...
    std::optional<Timestamp> createdAfter;  // at or after
    std::optional<Timestamp> createdBefore; // before
    int limit = 0;
    QString startingAfter;

    ApiClient::QueryItems toQueryItems() const;
};

} // namespace Tenantry
