#pragma once

#include "client/tenantjob.h"

namespace Tenantry {

// GET /v1/tenants/{id}: one tenant, soft-deleted ones included.
class GetTenantJob : public TenantJob
{
    Q_OBJECT

public:
    GetTenantJob(ApiClient *client, const QString &tenantId, QObject *parent = nullptr);
};

} // namespace Tenantry
