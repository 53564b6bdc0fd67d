#include "client/auditeventquery.h"

namespace Tenantry {

ApiClient::QueryItems AuditEventQuery::toQueryItems() const
{
    ApiClient::QueryItems items;
    if (limit > 0)
        items.append({QStringLiteral("limit"), QString::number(limit)});
    if (!startingAfter.isEmpty())
        items.append({QStringLiteral("starting_after"), startingAfter});
    if (!actorId.isEmpty())
        items.append({QStringLiteral("actor"), actorId});
    if (!targetId.isEmpty())
        items.append({QStringLiteral("target"), targetId});
    if (!action.isEmpty())
        items.append({QStringLiteral("action"), action});
    if (createdAfter)
        items.append({QStringLiteral("created_after"),
                      QString::fromStdString(formatRfc3339(*createdAfter))});
    if (createdBefore)
        items.append({QStringLiteral("created_before"),
                      QString::fromStdString(formatRfc3339(*createdBefore))});
    return items;
}

} // namespace Tenantry
