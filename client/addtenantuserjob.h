#pragma once

#include "client/tenantuserjob.h"

namespace Tenantry {

// POST /v1/tenants/{id}/users: adds an end user with the tenant's own role ("owner", "admin" or
// "member"; empty for the server's default, member). An email already used in the tenant gets
// 409 email_taken.
class AddTenantUserJob : public TenantUserJob
{
    Q_OBJECT

public:
    AddTenantUserJob(ApiClient *client,
                     const QString &tenantId,
                     const QString &email,
                     const QString &name,
                     const QString &role = {},
                     QObject *parent = nullptr);
};

} // namespace Tenantry
