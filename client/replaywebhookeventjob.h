#pragma once

#include "client/apijob.h"
#include "client/webhookevent.h"

#include <optional>

namespace Tenantry {

// POST /v1/webhook-events/{id}/replay (billing.write): a dead or ignored event back to pending,
// to be applied again. A pending or processed event is a 409 not_replayable. start() again after
// a failure retries with the same Idempotency-Key.
class ReplayWebhookEventJob : public ApiJob
{
    Q_OBJECT

public:
    ReplayWebhookEventJob(ApiClient *client, const QString &eventId, QObject *parent = nullptr);

    QString eventId() const { return m_eventId; }
    // After success only: the event, pending again.
    const WebhookEvent &webhookEvent() const { return *m_event; }

protected:
    void handleSuccess(const QByteArray &body) override;

private:
    QString m_eventId;
    std::optional<WebhookEvent> m_event;
};

} // namespace Tenantry
