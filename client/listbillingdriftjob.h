#pragma once

#include "client/apilistjob.h"
#include "client/billingdrift.h"

namespace Tenantry {

// GET /v1/billing/drift?job_id= (billing.read): one page of what a reconciliation found.
class ListBillingDriftJob : public ApiListJob<BillingDrift>
{
    Q_OBJECT

public:
    ListBillingDriftJob(ApiClient *client,
                        const QString &jobId,
                        int limit = 0,
                        const QString &startingAfter = {},
                        QObject *parent = nullptr);
};

} // namespace Tenantry
