#pragma once

#include "client/apiclient.h"
#include "core/subscription.h"
#include "core/timestamp.h"

#include <QString>

#include <optional>

namespace Tenantry {

// The filters and paging of GET /v1/subscriptions. Empty strings and nullopt leave a filter
// out; `limit` 0 leaves the page size to the server.
struct SubscriptionQuery
{
    QString tenantId; // tenant_id
    std::optional<SubscriptionStatus> status;
    QString planId;                        // plan
    std::optional<Timestamp> renewsBefore; // current_period_end before
    std::optional<Timestamp> updatedSince;
    int limit = 0;
    QString startingAfter;

    ApiClient::QueryItems toQueryItems() const;
};

} // namespace Tenantry
