#pragma once

#include "client/apilistjob.h"
#include "client/note.h"

namespace Tenantry {

// GET /v1/tenants/{id}/notes: one page of the notes left on a tenant, newest first.
class ListTenantNotesJob : public ApiListJob<Note>
{
    Q_OBJECT

public:
    ListTenantNotesJob(ApiClient *client,
                       const QString &tenantId,
                       int limit = 0,
                       const QString &startingAfter = {},
                       QObject *parent = nullptr);
};

} // namespace Tenantry
