#include "client/tenantquery.h"

namespace Tenantry {

namespace {

QString text(std::string_view value)
{
    return QString::fromUtf8(value.data(), static_cast<qsizetype>(value.size()));
}

} // namespace

ApiClient::QueryItems TenantQuery::toQueryItems() const
{
    ApiClient::QueryItems items;
    if (limit > 0)
        items.append({QStringLiteral("limit"), QString::number(limit)});
    if (!startingAfter.isEmpty())
        items.append({QStringLiteral("starting_after"), startingAfter});
    if (!search.isEmpty())
        items.append({QStringLiteral("q"), search});
    if (status)
        items.append({QStringLiteral("status"), text(toString(*status))});
    if (!planId.isEmpty())
        items.append({QStringLiteral("plan"), planId});
    if (isolation)
        items.append({QStringLiteral("isolation"), text(toString(*isolation))});
    if (!region.isEmpty())
        items.append({QStringLiteral("region"), region});
    if (updatedSince)
        items.append({QStringLiteral("updated_since"),
                      QString::fromStdString(formatRfc3339(*updatedSince))});
    return items;
}

} // namespace Tenantry
