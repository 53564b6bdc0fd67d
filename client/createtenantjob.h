#pragma once

#include "client/tenantdraft.h"
#include "client/tenantjob.h"

namespace Tenantry {

// POST /v1/tenants: creates an active tenant at version 1. start() again after a failure
// retries with the same Idempotency-Key, so a lost answer never creates a second tenant.
class CreateTenantJob : public TenantJob
{
    Q_OBJECT

public:
    CreateTenantJob(ApiClient *client, const TenantDraft &draft, QObject *parent = nullptr);
};

} // namespace Tenantry
