#include "client/removetenantuserjob.h"

namespace Tenantry {

RemoveTenantUserJob::RemoveTenantUserJob(ApiClient *client,
                                         const QString &tenantId,
                                         const QString &userId,
                                         std::int64_t version,
                                         QObject *parent)
    : TenantUserJob(client,
                    QByteArrayLiteral("DELETE"),
                    usersPath(tenantId, userId),
                    Idempotency::Key,
                    parent)
{
    addHeader(QByteArrayLiteral("If-Match"),
              '"' + QByteArray::number(static_cast<qlonglong>(version)) + '"');
}

} // namespace Tenantry
