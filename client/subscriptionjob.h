#pragma once

#include "client/apijob.h"
#include "core/subscription.h"

#include <cstdint>
#include <optional>

namespace Tenantry {

// The shared part of the jobs whose answer is one subscription (get, create, change plan,
// cancel, resume, extend trial). subscription().version is the ETag to send back as If-Match.
// The actions take If-Match as an option: with `expectedVersion` set, a subscription that has
// changed since ends the job in ApiError::Kind::PreconditionFailed whose current() is the
// subscription as it is; without it the action applies to whatever version is current.
class SubscriptionJob : public ApiJob
{
    Q_OBJECT

public:
    const Subscription &subscription() const { return m_subscription; }

protected:
    SubscriptionJob(
        ApiClient *client, QByteArray verb, QString path, Idempotency idempotency, QObject *parent);

    void handleSuccess(const QByteArray &body) override;

    // Sends If-Match: "<version>" when a version is given.
    void setExpectedVersion(std::optional<std::int64_t> version);

    static QString subscriptionPath(const QString &subscriptionId, const QString &suffix = {});

private:
    Subscription m_subscription;
};

} // namespace Tenantry
