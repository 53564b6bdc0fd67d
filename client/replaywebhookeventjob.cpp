#include "client/replaywebhookeventjob.h"

#include "client/apicodecs.h"

namespace Tenantry {

ReplayWebhookEventJob::ReplayWebhookEventJob(ApiClient *client,
                                             const QString &eventId,
                                             QObject *parent)
    : ApiJob(client,
             QByteArrayLiteral("POST"),
             QStringLiteral("/v1/webhook-events/") + segment(eventId) + QStringLiteral("/replay"),
             Idempotency::Key,
             parent)
    , m_eventId(eventId)
{}

void ReplayWebhookEventJob::handleSuccess(const QByteArray &body)
{
    decodeInBackground<WebhookEvent>(body,
                                     &ApiCodecs::decodeWebhookEvent,
                                     [this](WebhookEvent &&event) { m_event = std::move(event); });
}

} // namespace Tenantry
