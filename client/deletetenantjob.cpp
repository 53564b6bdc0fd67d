#include "client/deletetenantjob.h"

namespace Tenantry {

DeleteTenantJob::DeleteTenantJob(ApiClient *client,
                                 const QString &tenantId,
                                 std::int64_t version,
                                 QObject *parent)
    : TenantJob(client, QByteArrayLiteral("DELETE"), tenantPath(tenantId), Idempotency::Key, parent)
{
    addHeader(QByteArrayLiteral("If-Match"), ifMatch(version));
}

} // namespace Tenantry
