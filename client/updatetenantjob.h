#pragma once

#include "client/tenantjob.h"
#include "client/tenantpatch.h"

namespace Tenantry {

// PATCH /v1/tenants/{id} with If-Match: changes the fields set in the patch. A stale
// version ends in ApiError::Kind::PreconditionFailed whose current() is the tenant as it is.
class UpdateTenantJob : public TenantJob
{
    Q_OBJECT

public:
    UpdateTenantJob(ApiClient *client,
                    const QString &tenantId,
                    std::int64_t version,
                    const TenantPatch &patch,
                    QObject *parent = nullptr);
};

} // namespace Tenantry
