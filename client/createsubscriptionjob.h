#pragma once

#include "client/subscriptionjob.h"

namespace Tenantry {

// POST /v1/subscriptions: subscribes a tenant to a plan. The server decides the status
// (trialing with a trial, active without); `trialDays` nullopt takes the plan's trial. A tenant
// with a live subscription gets 409 subscription_exists.
class CreateSubscriptionJob : public SubscriptionJob
{
    Q_OBJECT

public:
    CreateSubscriptionJob(ApiClient *client,
                          const QString &tenantId,
                          const QString &planId,
                          std::int64_t quantity = 1,
                          std::optional<std::int64_t> trialDays = std::nullopt,
                          QObject *parent = nullptr);
};

} // namespace Tenantry
