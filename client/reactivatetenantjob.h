#pragma once

#include "client/tenantjob.h"

namespace Tenantry {

// POST /v1/tenants/{id}/reactivate: sets a suspended tenant back to active.
class ReactivateTenantJob : public TenantJob
{
    Q_OBJECT

public:
    ReactivateTenantJob(ApiClient *client, const QString &tenantId, QObject *parent = nullptr);
};

} // namespace Tenantry
