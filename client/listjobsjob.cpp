#include "client/listjobsjob.h"

#include "client/apicodecs.h"

namespace Tenantry {

ListJobsJob::ListJobsJob(ApiClient *client,
                         const Filter &filter,
                         int limit,
                         const QString &startingAfter,
                         QObject *parent)
    : ApiListJob<JobRecord>(client,
                            QStringLiteral("/v1/jobs"),
                            &ApiCodecs::decodeJobRecordPage,
                            parent)
{
    ApiClient::QueryItems query;
    if (!filter.type.isEmpty())
        query.append({QStringLiteral("type"), filter.type});
    if (!filter.status.isEmpty())
        query.append({QStringLiteral("status"), filter.status});
    if (!filter.tenantId.isEmpty())
        query.append({QStringLiteral("tenant_id"), filter.tenantId});
    addPaging(query, limit, startingAfter);
    setQuery(query);
}

} // namespace Tenantry
