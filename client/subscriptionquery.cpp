#include "client/subscriptionquery.h"

namespace Tenantry {

ApiClient::QueryItems SubscriptionQuery::toQueryItems() const
{
    ApiClient::QueryItems items;
    if (limit > 0)
        items.append({QStringLiteral("limit"), QString::number(limit)});
    if (!startingAfter.isEmpty())
        items.append({QStringLiteral("starting_after"), startingAfter});
    if (!tenantId.isEmpty())
        items.append({QStringLiteral("tenant_id"), tenantId});
    if (status) {
        const std::string_view text = toString(*status);
        items.append({QStringLiteral("status"),
                      QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size()))});
    }
    if (!planId.isEmpty())
        items.append({QStringLiteral("plan"), planId});
    if (renewsBefore)
        items.append({QStringLiteral("renews_before"),
                      QString::fromStdString(formatRfc3339(*renewsBefore))});
    if (updatedSince)
        items.append({QStringLiteral("updated_since"),
                      QString::fromStdString(formatRfc3339(*updatedSince))});
    return items;
}

} // namespace Tenantry
