#pragma once

#include "client/apilistjob.h"
#include "client/tenantquery.h"
#include "core/tenant.h"

namespace Tenantry {

// GET /v1/tenants: one page of tenants, newest first, filtered by the query. Walk every page
// with TenantPager.
class ListTenantsJob : public ApiListJob<Tenant>
{
    Q_OBJECT

public:
    ListTenantsJob(ApiClient *client, const TenantQuery &query, QObject *parent = nullptr);
};

} // namespace Tenantry
