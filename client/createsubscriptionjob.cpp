#include "client/createsubscriptionjob.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Tenantry {

CreateSubscriptionJob::CreateSubscriptionJob(ApiClient *client,
                                             const QString &tenantId,
                                             const QString &planId,
                                             std::int64_t quantity,
                                             std::optional<std::int64_t> trialDays,
                                             QObject *parent)
    : SubscriptionJob(client,
                      QByteArrayLiteral("POST"),
                      QStringLiteral("/v1/subscriptions"),
                      Idempotency::Key,
                      parent)
{
    QJsonObject body{{QStringLiteral("tenant_id"), tenantId},
                     {QStringLiteral("plan_id"), planId},
                     {QStringLiteral("quantity"), static_cast<qint64>(quantity)}};
    if (trialDays)
        body.insert(QStringLiteral("trial_days"), static_cast<qint64>(*trialDays));
    setBody(QJsonDocument(body).toJson(QJsonDocument::Compact));
}

} // namespace Tenantry
