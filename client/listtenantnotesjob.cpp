#include "client/listtenantnotesjob.h"

#include "client/apicodecs.h"

namespace Tenantry {

ListTenantNotesJob::ListTenantNotesJob(ApiClient *client,
                                       const QString &tenantId,
                                       int limit,
                                       const QString &startingAfter,
                                       QObject *parent)
    : ApiListJob<Note>(client,
                       QStringLiteral("/v1/tenants/") + segment(tenantId) + QStringLiteral("/notes"),
                       &ApiCodecs::decodeNotePage,
                       parent)
{
    ApiClient::QueryItems query;
    addPaging(query, limit, startingAfter);
    setQuery(query);
}

} // namespace Tenantry
