#include "client/cancelsubscriptionjob.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Tenantry {

CancelSubscriptionJob::CancelSubscriptionJob(ApiClient *client,
                                             const QString &subscriptionId,
                                             bool atPeriodEnd,
                                             std::optional<std::int64_t> expectedVersion,
                                             QObject *parent)
    : SubscriptionJob(client,
                      QByteArrayLiteral("POST"),
                      subscriptionPath(subscriptionId, QStringLiteral("/cancel")),
                      Idempotency::Key,
                      parent)
{
    setExpectedVersion(expectedVersion);
    setBody(QJsonDocument(QJsonObject{{QStringLiteral("at_period_end"), atPeriodEnd}})
                .toJson(QJsonDocument::Compact));
}

} // namespace Tenantry
