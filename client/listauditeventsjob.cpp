#include "client/listauditeventsjob.h"

#include "client/apicodecs.h"

namespace Tenantry {

ListAuditEventsJob::ListAuditEventsJob(ApiClient *client,
                                       const AuditEventQuery &query,
                                       QObject *parent)
    : ApiListJob<AuditEvent>(client,
                             QStringLiteral("/v1/audit-events"),
                             &ApiCodecs::decodeAuditEventPage,
                             parent)
{
    setQuery(query.toQueryItems());
}

} // namespace Tenantry
