#pragma once

#include "client/subscriptionjob.h"

namespace Tenantry {

// POST /v1/subscriptions/{id}/cancel: with `atPeriodEnd` the subscription is set to end at the
// end of its current period (the customer keeps access until then; a resume calls it off);
// without it the subscription ends now (status canceled, the tenant loses its plan).
class CancelSubscriptionJob : public SubscriptionJob
{
    Q_OBJECT

public:
    CancelSubscriptionJob(ApiClient *client,
                          const QString &subscriptionId,
                          bool atPeriodEnd = true,
                          std::optional<std::int64_t> expectedVersion = std::nullopt,
                          QObject *parent = nullptr);
};

} // namespace Tenantry
