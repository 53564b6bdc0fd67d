#include "client/reactivatetenantjob.h"

namespace Tenantry {

ReactivateTenantJob::ReactivateTenantJob(ApiClient *client, const QString &tenantId, QObject *parent)
    : TenantJob(client,
                QByteArrayLiteral("POST"),
                tenantPath(tenantId, QStringLiteral("/reactivate")),
                Idempotency::Key,
                parent)
{}

} // namespace Tenantry
