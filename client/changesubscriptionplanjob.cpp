#include "client/changesubscriptionplanjob.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Tenantry {

ChangeSubscriptionPlanJob::ChangeSubscriptionPlanJob(ApiClient *client,
                                                     const QString &subscriptionId,
                                                     const std::optional<QString> &planId,
                                                     std::optional<std::int64_t> quantity,
                                                     std::optional<std::int64_t> expectedVersion,
                                                     QObject *parent)
    : SubscriptionJob(client,
                      QByteArrayLiteral("POST"),
                      subscriptionPath(subscriptionId, QStringLiteral("/change-plan")),
                      Idempotency::Key,
                      parent)
{
    setExpectedVersion(expectedVersion);
    QJsonObject body;
    if (planId)
        body.insert(QStringLiteral("plan_id"), *planId);
    if (quantity)
        body.insert(QStringLiteral("quantity"), static_cast<qint64>(*quantity));
    setBody(QJsonDocument(body).toJson(QJsonDocument::Compact));
}

} // namespace Tenantry
