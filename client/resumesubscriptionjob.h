#pragma once

#include "client/subscriptionjob.h"

namespace Tenantry {

// POST /v1/subscriptions/{id}/resume: calls off a scheduled cancellation, or resumes a paused
// subscription. Anything else gets 409 not_resumable.
class ResumeSubscriptionJob : public SubscriptionJob
{
    Q_OBJECT

public:
    ResumeSubscriptionJob(ApiClient *client,
                          const QString &subscriptionId,
                          std::optional<std::int64_t> expectedVersion = std::nullopt,
                          QObject *parent = nullptr);
};

} // namespace Tenantry
