#include "client/billingjob.h"

#include "client/apicodecs.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Tenantry {

namespace {

const QString advancePath = QStringLiteral("/v1/billing/test-clock/advance");

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

BillingJob::BillingJob(
    ApiClient *client, QByteArray verb, QString path, Idempotency idempotency, QObject *parent)
    : ApiJob(client, std::move(verb), std::move(path), idempotency, parent)
{}

void BillingJob::handleSuccess(const QByteArray &body)
{
    decodeInBackground<BillingState>(body,
                                     &ApiCodecs::decodeBillingState,
                                     [this](BillingState &&billing) {
                                         m_billing = std::move(billing);
                                     });
}

GetBillingJob::GetBillingJob(ApiClient *client, QObject *parent)
    : BillingJob(client,
                 QByteArrayLiteral("GET"),
                 QStringLiteral("/v1/billing"),
                 Idempotency::None,
                 parent)
{}

AdvanceTestClockJob::AdvanceTestClockJob(ApiClient *client, Timestamp to, QObject *parent)
    : BillingJob(client, QByteArrayLiteral("POST"), advancePath, Idempotency::Key, parent)
{
    setTimeoutMs(advanceTimeoutMs);
    setBody(compact({{QStringLiteral("to"), QString::fromStdString(formatRfc3339(to))}}));
}

AdvanceTestClockJob::AdvanceTestClockJob(ApiClient *client, std::int64_t seconds, QObject *parent)
    : BillingJob(client, QByteArrayLiteral("POST"), advancePath, Idempotency::Key, parent)
{
    setTimeoutMs(advanceTimeoutMs);
    setBody(compact({{QStringLiteral("seconds"), static_cast<qint64>(seconds)}}));
}

} // namespace Tenantry
