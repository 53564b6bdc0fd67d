#include "client/subscriptionjob.h"

#include "client/apicodecs.h"

namespace Tenantry {

SubscriptionJob::SubscriptionJob(
    ApiClient *client, QByteArray verb, QString path, Idempotency idempotency, QObject *parent)
    : ApiJob(client, std::move(verb), std::move(path), idempotency, parent)
{}

void SubscriptionJob::handleSuccess(const QByteArray &body)
{
    decodeInBackground<Subscription>(body,
                                     &ApiCodecs::decodeSubscription,
                                     [this](Subscription &&subscription) {
                                         m_subscription = std::move(subscription);
                                     });
}

void SubscriptionJob::setExpectedVersion(std::optional<std::int64_t> version)
{
    if (version)
        addHeader(QByteArrayLiteral("If-Match"),
                  '"' + QByteArray::number(static_cast<qlonglong>(*version)) + '"');
}

QString SubscriptionJob::subscriptionPath(const QString &subscriptionId, const QString &suffix)
{
    return QStringLiteral("/v1/subscriptions/") + segment(subscriptionId) + suffix;
}

} // namespace Tenantry
