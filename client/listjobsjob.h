#pragma once

#include "client/apilistjob.h"
#include "client/jobrecord.h"

namespace Tenantry {

// GET /v1/jobs: one page of the background jobs the caller may read, newest first, optionally
// of one type ("billing.reconcile") and one status. Empty filters are not sent.
class ListJobsJob : public ApiListJob<JobRecord>
{
    Q_OBJECT

public:
    ListJobsJob(ApiClient *client,
                const QString &type = {},
                const QString &status = {},
                int limit = 0,
                const QString &startingAfter = {},
                QObject *parent = nullptr);
};

} // namespace Tenantry
