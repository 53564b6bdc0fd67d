#include "client/listjobsjob.h"

#include "client/apicodecs.h"

namespace Tenantry {

ListJobsJob::ListJobsJob(ApiClient *client,
                         const QString &type,
                         const QString &status,
                         int limit,
                         const QString &startingAfter,
                         QObject *parent)
    : ApiListJob<JobRecord>(client,
                            QStringLiteral("/v1/jobs"),
                            &ApiCodecs::decodeJobRecordPage,
                            parent)
{
    ApiClient::QueryItems query;
    if (!type.isEmpty())
        query.append({QStringLiteral("type"), type});
    if (!status.isEmpty())
        query.append({QStringLiteral("status"), status});
    addPaging(query, limit, startingAfter);
    setQuery(query);
}

} // namespace Tenantry
