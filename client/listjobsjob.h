#pragma once

#include "client/apilistjob.h"
#include "client/jobrecord.h"

namespace Tenantry {

// GET /v1/jobs: one page of the background jobs the caller may read, newest first, optionally
// of one type ("billing.reconcile"), one status and one tenant (the jobs whose params name it:
// its moves). Empty filters are not sent.
class ListJobsJob : public ApiListJob<JobRecord>
{
    Q_OBJECT

public:
    struct Filter
    {
        QString type;
        QString status;
        QString tenantId;
    };

    ListJobsJob(ApiClient *client,
                const Filter &filter,
                int limit = 0,
                const QString &startingAfter = {},
                QObject *parent = nullptr);
};

} // namespace Tenantry
