#include "client/invoicequery.h"

namespace Tenantry {

ApiClient::QueryItems InvoiceQuery::toQueryItems() const
{
    ApiClient::QueryItems items;
    if (limit > 0)
        items.append({QStringLiteral("limit"), QString::number(limit)});
    if (!startingAfter.isEmpty())
        items.append({QStringLiteral("starting_after"), startingAfter});
    if (!tenantId.isEmpty())
        items.append({QStringLiteral("tenant_id"), tenantId});
    if (!subscriptionId.isEmpty())
        items.append({QStringLiteral("subscription_id"), subscriptionId});
    if (status) {
        const std::string_view text = toString(*status);
        items.append({QStringLiteral("status"),
                      QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size()))});
    }
    return items;
}

} // namespace Tenantry
