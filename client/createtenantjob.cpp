#include "client/createtenantjob.h"

namespace Tenantry {

CreateTenantJob::CreateTenantJob(ApiClient *client, const TenantDraft &draft, QObject *parent)
    : TenantJob(client,
                QByteArrayLiteral("POST"),
                QStringLiteral("/v1/tenants"),
                Idempotency::Key,
                parent)
{
    setBody(draft.toJson());
}

} // namespace Tenantry
