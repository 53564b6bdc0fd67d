#include "client/listtenantusersjob.h"

#include "client/apicodecs.h"

namespace Tenantry {

ListTenantUsersJob::ListTenantUsersJob(ApiClient *client,
                                       const QString &tenantId,
                                       int limit,
                                       const QString &startingAfter,
                                       QObject *parent)
    : ApiListJob<TenantUser>(client,
                             QStringLiteral("/v1/tenants/") + segment(tenantId)
                                 + QStringLiteral("/users"),
                             &ApiCodecs::decodeTenantUserPage,
                             parent)
{
    ApiClient::QueryItems query;
    addPaging(query, limit, startingAfter);
    setQuery(query);
}

} // namespace Tenantry
