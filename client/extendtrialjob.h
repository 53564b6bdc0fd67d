#pragma once

#include "client/subscriptionjob.h"

namespace Tenantry {

// POST /v1/subscriptions/{id}/extend-trial: moves the end of a trialing subscription's trial
// (and its period) `days` days later (1 to 365). Not trialing: 409 not_trialing.
class ExtendTrialJob : public SubscriptionJob
{
    Q_OBJECT

public:
    ExtendTrialJob(ApiClient *client,
                   const QString &subscriptionId,
                   std::int64_t days,
                   std::optional<std::int64_t> expectedVersion = std::nullopt,
                   QObject *parent = nullptr);
};

} // namespace Tenantry
