#include "client/getsubscriptionjob.h"

namespace Tenantry {

GetSubscriptionJob::GetSubscriptionJob(ApiClient *client,
                                       const QString &subscriptionId,
                                       QObject *parent)
    : SubscriptionJob(client,
                      QByteArrayLiteral("GET"),
                      subscriptionPath(subscriptionId),
                      Idempotency::None,
                      parent)
{}

} // namespace Tenantry
