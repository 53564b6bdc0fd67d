#pragma once

#include "client/apijob.h"
#include "client/billingstate.h"
#include "core/timestamp.h"

#include <optional>

namespace Tenantry {

// The jobs whose answer is the billing object: the provider and its test clock.
class BillingJob : public ApiJob
{
    Q_OBJECT

public:
    // After success only.
    const BillingState &billing() const { return *m_billing; }

protected:
    BillingJob(
        ApiClient *client, QByteArray verb, QString path, Idempotency idempotency, QObject *parent);
    void handleSuccess(const QByteArray &body) override;

private:
    std::optional<BillingState> m_billing;
};

// GET /v1/billing (billing.read).
class GetBillingJob : public BillingJob
{
    Q_OBJECT

public:
    explicit GetBillingJob(ApiClient *client, QObject *parent = nullptr);
};

// POST /v1/billing/test-clock/advance (billing.write): moves the simulator's test clock forward,
// to a time or by a number of seconds; the simulator then renews, invoices and expires what
// falls due. 409 test_clock_unavailable unless the provider is the simulator; 400 for a time
// in the past or more than two years ahead. A retry (start() again) reuses the
// Idempotency-Key, so a lost answer never advances the clock twice.
class AdvanceTestClockJob : public BillingJob
{
    Q_OBJECT

public:
    // The server answers once everything that fell due is done: a month of a large demo takes
    // tens of seconds, so the transfer timeout is longer than the client's (setTimeoutMs()
    // still overrides it).
    static constexpr int advanceTimeoutMs = 180000;

    // To `to`.
    AdvanceTestClockJob(ApiClient *client, Timestamp to, QObject *parent = nullptr);
    // By `seconds`.
    AdvanceTestClockJob(ApiClient *client, std::int64_t seconds, QObject *parent = nullptr);
};

} // namespace Tenantry
