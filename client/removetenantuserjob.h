#pragma once

#include "client/tenantuserjob.h"

namespace Tenantry {

// DELETE /v1/tenants/{id}/users/{user_id} with If-Match: removes the end user for good; the
// answer is the user as they were. A stale version ends in PreconditionFailed.
class RemoveTenantUserJob : public TenantUserJob
{
    Q_OBJECT

public:
    RemoveTenantUserJob(ApiClient *client,
                        const QString &tenantId,
                        const QString &userId,
                        std::int64_t version,
                        QObject *parent = nullptr);
};

} // namespace Tenantry
