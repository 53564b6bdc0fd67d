#pragma once

#include "client/apilistjob.h"
#include "core/featureoverride.h"

namespace Tenantry {

// GET /v1/tenants/{id}/feature-overrides: the tenant's overrides by feature key, lapsed ones
// included, all in one page.
class ListFeatureOverridesJob : public ApiListJob<FeatureOverride>
{
    Q_OBJECT

public:
    ListFeatureOverridesJob(ApiClient *client, const QString &tenantId, QObject *parent = nullptr);
};

} // namespace Tenantry
