#include "client/listmrreventsjob.h"

#include "client/apicodecs.h"

namespace Tenantry {

ListMrrEventsJob::ListMrrEventsJob(ApiClient *client,
                                   int limit,
                                   const QString &startingAfter,
                                   std::optional<Timestamp> updatedSince,
                                   QObject *parent)
    : ApiListJob<MrrEventRecord>(client,
                                 QStringLiteral("/v1/metrics/events"),
                                 &ApiCodecs::decodeMrrEventPage,
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
