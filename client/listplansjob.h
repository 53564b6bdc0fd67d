#pragma once

#include "client/apilistjob.h"
#include "core/plan.h"

namespace Tenantry {

// GET /v1/plans: one page of plans, active and inactive, newest first.
class ListPlansJob : public ApiListJob<Plan>
{
    Q_OBJECT

public:
    ListPlansJob(ApiClient *client,
                 int limit = 0,
                 const QString &startingAfter = {},
                 QObject *parent = nullptr);
};

} // namespace Tenantry
