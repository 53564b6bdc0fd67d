#pragma once

#include "client/tenantjob.h"

namespace Tenantry {

// POST /v1/tenants/{id}/suspend: sets the status to suspended; the optional reason is kept
// in the audit log.
class SuspendTenantJob : public TenantJob
{
    Q_OBJECT

public:
    SuspendTenantJob(ApiClient *client,
                     const QString &tenantId,
                     const QString &reason = {},
                     QObject *parent = nullptr);
};

} // namespace Tenantry
