#include "client/applybillingdriftjob.h"

#include "client/apicodecs.h"

namespace Tenantry {

ApplyBillingDriftJob::ApplyBillingDriftJob(ApiClient *client,
                                           const QString &driftId,
                                           QObject *parent)
    : ApiJob(client,
             QByteArrayLiteral("POST"),
             QStringLiteral("/v1/billing/drift/") + segment(driftId) + QStringLiteral("/apply"),
             Idempotency::Key,
             parent)
    , m_driftId(driftId)
{}

void ApplyBillingDriftJob::handleSuccess(const QByteArray &body)
{
    decodeInBackground<BillingDrift>(body,
                                     &ApiCodecs::decodeBillingDrift,
                                     [this](BillingDrift &&drift) { m_drift = std::move(drift); });
}

} // namespace Tenantry
