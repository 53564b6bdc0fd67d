#include "client/listtenantsjob.h"

#include "client/apicodecs.h"

namespace Tenantry {

ListTenantsJob::ListTenantsJob(ApiClient *client, const TenantQuery &query, QObject *parent)
    : ApiListJob<Tenant>(client, QStringLiteral("/v1/tenants"), &ApiCodecs::decodeTenantPage, parent)
{
    setQuery(query.toQueryItems());
}

} // namespace Tenantry
