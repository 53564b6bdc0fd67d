#pragma once

#include "client/featureoverridejob.h"

namespace Tenantry {

// DELETE /v1/tenants/{id}/feature-overrides/{feature_key} with If-Match: removes the override
// so that the plan decides again; the answer is the override as it was. A stale version ends
// in ApiError::Kind::PreconditionFailed.
class ClearFeatureOverrideJob : public FeatureOverrideJob
{
    Q_OBJECT

public:
    ClearFeatureOverrideJob(ApiClient *client,
                            const QString &tenantId,
                            const QString &featureKey,
                            std::int64_t version,
                            QObject *parent = nullptr);
};

} // namespace Tenantry
