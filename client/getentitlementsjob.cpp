#include "client/getentitlementsjob.h"

#include "client/apicodecs.h"

namespace Tenantry {

GetEntitlementsJob::GetEntitlementsJob(ApiClient *client, const QString &tenantId, QObject *parent)
    : ApiListJob<Entitlement>(client,
                              QStringLiteral("/v1/tenants/") + segment(tenantId)
                                  + QStringLiteral("/entitlements"),
                              &ApiCodecs::decodeEntitlementPage,
                              parent)
{}

} // namespace Tenantry
