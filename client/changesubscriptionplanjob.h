#pragma once

#include "client/subscriptionjob.h"

namespace Tenantry {

// POST /v1/subscriptions/{id}/change-plan: moves the subscription to another plan, changes its
// quantity, or both (nullopt leaves that one alone; at least one must be given). A plan in
// another currency gets 422 currency_mismatch, an ended subscription 409 subscription_ended.
// start() again after a failure retries with the same Idempotency-Key: one change.
class ChangeSubscriptionPlanJob : public SubscriptionJob
{
    Q_OBJECT

public:
    ChangeSubscriptionPlanJob(ApiClient *client,
                              const QString &subscriptionId,
                              const std::optional<QString> &planId,
                              std::optional<std::int64_t> quantity,
                              std::optional<std::int64_t> expectedVersion = std::nullopt,
                              QObject *parent = nullptr);
};

} // namespace Tenantry
