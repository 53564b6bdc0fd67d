#pragma once

#include "client/apilistjob.h"
#include "core/entitlements.h"

namespace Tenantry {

// GET /v1/tenants/{id}/entitlements: every catalog feature, whether the tenant may use it and
// why (source plan, override, tenant_status or none), all in one page.
class GetEntitlementsJob : public ApiListJob<Entitlement>
{
    Q_OBJECT

public:
    GetEntitlementsJob(ApiClient *client, const QString &tenantId, QObject *parent = nullptr);
};

} // namespace Tenantry
