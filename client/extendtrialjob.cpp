#include "client/extendtrialjob.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Tenantry {

ExtendTrialJob::ExtendTrialJob(ApiClient *client,
                               const QString &subscriptionId,
                               std::int64_t days,
                               std::optional<std::int64_t> expectedVersion,
                               QObject *parent)
    : SubscriptionJob(client,
                      QByteArrayLiteral("POST"),
                      subscriptionPath(subscriptionId, QStringLiteral("/extend-trial")),
                      Idempotency::Key,
                      parent)
{
    setExpectedVersion(expectedVersion);
    setBody(QJsonDocument(QJsonObject{{QStringLiteral("days"), static_cast<qint64>(days)}})
                .toJson(QJsonDocument::Compact));
}

} // namespace Tenantry
