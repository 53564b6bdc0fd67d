#include "client/gettenantjob.h"

namespace Tenantry {

GetTenantJob::GetTenantJob(ApiClient *client, const QString &tenantId, QObject *parent)
    : TenantJob(client, QByteArrayLiteral("GET"), tenantPath(tenantId), Idempotency::None, parent)
{}

} // namespace Tenantry
