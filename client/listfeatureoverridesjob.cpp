#include "client/listfeatureoverridesjob.h"

#include "client/apicodecs.h"

namespace Tenantry {

ListFeatureOverridesJob::ListFeatureOverridesJob(ApiClient *client,
                                                 const QString &tenantId,
                                                 QObject *parent)
    : ApiListJob<FeatureOverride>(client,
                                  QStringLiteral("/v1/tenants/") + segment(tenantId)
                                      + QStringLiteral("/feature-overrides"),
                                  &ApiCodecs::decodeFeatureOverridePage,
                                  parent)
{}

} // namespace Tenantry
