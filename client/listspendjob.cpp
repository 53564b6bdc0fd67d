#include "client/listspendjob.h"

#include "client/apicodecs.h"

namespace Tenantry {

ListSpendJob::ListSpendJob(ApiClient *client,
                           int limit,
                           const QString &startingAfter,
                           std::optional<Timestamp> updatedSince,
                           QObject *parent)
    : ApiListJob<SpendRecord>(client,
                              QStringLiteral("/v1/metrics/spend"),
                              &ApiCodecs::decodeSpendPage,
                              parent)
{
    ApiClient::QueryItems query;
    addPaging(query, limit, startingAfter);
    if (updatedSince) {
        query.append({QStringLiteral("updated_since"),
                      QString::fromStdString(formatRfc3339(*updatedSince))});
    }
    setQuery(query);
}

} // namespace Tenantry
