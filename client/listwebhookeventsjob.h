#pragma once

#include "client/apilistjob.h"
#include "client/webhookevent.h"

namespace Tenantry {

// GET /v1/webhook-events (billing.read): one page of the Stripe webhook inbox, newest first,
// optionally only one status ("dead", …) and one event type. Empty filters are not sent.
class ListWebhookEventsJob : public ApiListJob<WebhookEvent>
{
    Q_OBJECT

public:
    ListWebhookEventsJob(ApiClient *client,
                         const QString &status = {},
                         const QString &type = {},
                         int limit = 0,
                         const QString &startingAfter = {},
                         QObject *parent = nullptr);
};

} // namespace Tenantry
