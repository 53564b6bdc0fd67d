#pragma once

#include "client/subscriptionjob.h"

namespace Tenantry {

// GET /v1/subscriptions/{id}: one subscription, ended ones included.
class GetSubscriptionJob : public SubscriptionJob
{
    Q_OBJECT

public:
    GetSubscriptionJob(ApiClient *client, const QString &subscriptionId, QObject *parent = nullptr);
};

} // namespace Tenantry
