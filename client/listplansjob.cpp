#include "client/listplansjob.h"

#include "client/apicodecs.h"

namespace Tenantry {

ListPlansJob::ListPlansJob(ApiClient *client,
                           int limit,
                           const QString &startingAfter,
                           QObject *parent)
    : ApiListJob<Plan>(client, QStringLiteral("/v1/plans"), &ApiCodecs::decodePlanPage, parent)
{
    ApiClient::QueryItems query;
    addPaging(query, limit, startingAfter);
    setQuery(query);
}

} // namespace Tenantry
