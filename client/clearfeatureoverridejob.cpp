#include "client/clearfeatureoverridejob.h"

namespace Tenantry {

ClearFeatureOverrideJob::ClearFeatureOverrideJob(ApiClient *client,
                                                 const QString &tenantId,
                                                 const QString &featureKey,
                                                 std::int64_t version,
                                                 QObject *parent)
    : FeatureOverrideJob(client,
                         QByteArrayLiteral("DELETE"),
                         overridesPath(tenantId, featureKey),
                         Idempotency::Key,
                         parent)
{
    addHeader(QByteArrayLiteral("If-Match"), ifMatch(version));
}

} // namespace Tenantry
