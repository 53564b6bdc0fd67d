#pragma once

#include "client/tenantjob.h"

namespace Tenantry {

// DELETE /v1/tenants/{id} with If-Match: soft-deletes the tenant (it stays readable with
// status deleted); the answer is the deleted tenant.
class DeleteTenantJob : public TenantJob
{
    Q_OBJECT

public:
    DeleteTenantJob(ApiClient *client,
                    const QString &tenantId,
                    std::int64_t version,
                    QObject *parent = nullptr);
};

} // namespace Tenantry
