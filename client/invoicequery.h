#pragma once

#include "client/apiclient.h"
#include "core/invoice.h"

#include <QString>

#include <optional>

namespace Tenantry {

// The filters and paging of GET /v1/invoices. Empty strings and nullopt leave a filter out;
// `limit` 0 leaves the page size to the server.
struct InvoiceQuery
{
    QString tenantId;       // tenant_id
    QString subscriptionId; // subscription_id
    std::optional<InvoiceStatus> status;
    int limit = 0;
    QString startingAfter;

    ApiClient::QueryItems toQueryItems() const;
};

} // namespace Tenantry
