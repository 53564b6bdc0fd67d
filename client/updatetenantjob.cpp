#include "client/updatetenantjob.h"

namespace Tenantry {

UpdateTenantJob::UpdateTenantJob(ApiClient *client,
                                 const QString &tenantId,
                                 std::int64_t version,
                                 const TenantPatch &patch,
                                 QObject *parent)
    : TenantJob(client, QByteArrayLiteral("PATCH"), tenantPath(tenantId), Idempotency::Key, parent)
{
    addHeader(QByteArrayLiteral("If-Match"), ifMatch(version));
    setBody(patch.toJson());
}

} // namespace Tenantry
