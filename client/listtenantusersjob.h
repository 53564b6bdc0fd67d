#pragma once

#include "client/apilistjob.h"
#include "client/tenantuser.h"

namespace Tenantry {

// GET /v1/tenants/{id}/users: one page of the tenant's end users, newest first.
class ListTenantUsersJob : public ApiListJob<TenantUser>
{
    Q_OBJECT

public:
    ListTenantUsersJob(ApiClient *client,
                       const QString &tenantId,
                       int limit = 0,
                       const QString &startingAfter = {},
                       QObject *parent = nullptr);
};

} // namespace Tenantry
