#include "client/listsubscriptionsjob.h"

#include "client/apicodecs.h"

namespace Tenantry {

ListSubscriptionsJob::ListSubscriptionsJob(ApiClient *client,
                                           const SubscriptionQuery &query,
                                           QObject *parent)
    : ApiListJob<Subscription>(client,
                               QStringLiteral("/v1/subscriptions"),
                               &ApiCodecs::decodeSubscriptionPage,
                               parent)
{
    setQuery(query.toQueryItems());
}

} // namespace Tenantry
