#include "client/listwebhookeventsjob.h"

#include "client/apicodecs.h"

namespace Tenantry {

ListWebhookEventsJob::ListWebhookEventsJob(ApiClient *client,
                                           const QString &status,
                                           const QString &type,
                                           int limit,
                                           const QString &startingAfter,
                                           QObject *parent)
    : ApiListJob<WebhookEvent>(client,
                               QStringLiteral("/v1/webhook-events"),
                               &ApiCodecs::decodeWebhookEventPage,
                               parent)
{
    ApiClient::QueryItems query;
    if (!status.isEmpty())
        query.append({QStringLiteral("status"), status});
    if (!type.isEmpty())
        query.append({QStringLiteral("type"), type});
    addPaging(query, limit, startingAfter);
    setQuery(query);
}

} // namespace Tenantry
