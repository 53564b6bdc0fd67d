#pragma once

#include "client/apilistjob.h"
#include "client/auditevent.h"
#include "client/auditeventquery.h"

namespace Tenantry {

// GET /v1/audit-events: one page of the audit log, newest first, filtered by the query.
class ListAuditEventsJob : public ApiListJob<AuditEvent>
{
    Q_OBJECT

public:
    ListAuditEventsJob(ApiClient *client, const AuditEventQuery &query, QObject *parent = nullptr);
};

} // namespace Tenantry
