#include "client/listbillingdriftjob.h"

#include "client/apicodecs.h"

namespace Tenantry {

ListBillingDriftJob::ListBillingDriftJob(ApiClient *client,
                                         const QString &jobId,
                                         int limit,
                                         const QString &startingAfter,
                                         QObject *parent)
    : ApiListJob<BillingDrift>(client,
                               QStringLiteral("/v1/billing/drift"),
                               &ApiCodecs::decodeBillingDriftPage,
                               parent)
{
    ApiClient::QueryItems query;
    if (!jobId.isEmpty())
        query.append({QStringLiteral("job_id"), jobId});
    addPaging(query, limit, startingAfter);
    setQuery(query);
}

} // namespace Tenantry
