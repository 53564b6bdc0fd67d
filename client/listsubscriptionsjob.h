#pragma once

#include "client/apilistjob.h"
#include "client/subscriptionquery.h"
#include "core/subscription.h"

namespace Tenantry {

// GET /v1/subscriptions: one page of subscriptions across tenants, newest first (by creation),
// ended ones included, filtered by the query.
class ListSubscriptionsJob : public ApiListJob<Subscription>
{
    Q_OBJECT

public:
    ListSubscriptionsJob(ApiClient *client,
                         const SubscriptionQuery &query,
                         QObject *parent = nullptr);
};

} // namespace Tenantry
