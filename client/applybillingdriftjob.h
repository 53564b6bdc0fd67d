#pragma once

#include "client/apijob.h"
#include "client/billingdrift.h"

#include <optional>

namespace Tenantry {

// POST /v1/billing/drift/{id}/apply (billing.write): makes the local subscription what the
// provider says (audited on the server). 409 already_applied for a row applied before. start()
// again after a failure retries with the same Idempotency-Key.
class ApplyBillingDriftJob : public ApiJob
{
    Q_OBJECT

public:
    ApplyBillingDriftJob(ApiClient *client, const QString &driftId, QObject *parent = nullptr);

    QString driftId() const { return m_driftId; }
    // After success only: the row, applied.
    const BillingDrift &drift() const { return *m_drift; }

protected:
    void handleSuccess(const QByteArray &body) override;

private:
    QString m_driftId;
    std::optional<BillingDrift> m_drift;
};

} // namespace Tenantry
