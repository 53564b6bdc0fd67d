#pragma once

#include "core/result.h"
#include "server/api/apicontext.h"
#include "server/api/principal.h"
#include "server/billing/stripe/stripeevent.h"
#include "server/store/records.h"

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Tenantry::Server {

// How often a failing webhook event is tried: after base, 2×base, 4×base, … until maxAttempts
// failures, when it is parked as "dead".
struct WebhookRetryPolicy
{
    int maxAttempts = 8;
    std::chrono::milliseconds base{30'000};
    std::chrono::milliseconds maximum{std::chrono::hours(6)};

    // The wait before the next attempt, after `attempts` failures (1, 2, …).
    std::chrono::milliseconds delayAfter(int attempts) const;
};

// Applies the pending events of the webhook inbox to local state, one transaction per event:
// the subscription (created when the Stripe customer and price map to a tenant and a plan),
// its MRR event when the MRR changed, the tenant's plan and the audit entry (actor "stripe",
// request id = the Stripe event id), or the invoice; and the event's new status. An event older
// than the last one applied to the same subscription or invoice (provider_updated_at) changes
// nothing: state never moves backwards, whatever order Stripe delivers in.
//
// Outcomes: "processed"; "ignored" with the reason in last_error (nothing maps locally, e.g. a
// customer linked to no tenant); or a failure (a malformed object, a conflict, a store error),
// retried under the policy and "dead" after the last attempt.
class StripeWebhookProcessor
{
public:
    StripeWebhookProcessor(ApiContext &context, WebhookRetryPolicy policy)
        : m_context(context)
        , m_policy(policy)
    {}

    // Whether events of this type have a handler (others are stored as "ignored").
    static bool handles(std::string_view type);

    // Processes up to `limit` due events, oldest Stripe `created` first, until `stop` is set;
    // returns how many it took on.
    Result<int> processDue(int limit, const std::atomic<bool> &stop);

    // When the earliest pending event is due (nullopt: nothing pending).
    Result<std::optional<Timestamp>> nextDue() const;

    // The principal that Stripe's changes are audited under.
    static const Principal &stripePrincipal();

private:
    // What a handler decided: applied (or stale: nothing to do), or ignored for a reason.
    struct Handled
    {
        WebhookEventStatus status = WebhookEventStatus::Processed;
        std::optional<std::string> reason;
    };

    // Due events [first, end) in one write transaction (one COMMIT, so one fsync on SQLite's
    // group commit), each in a savepoint of its own: an event that fails is rolled back alone and
    // its failure recorded in the same transaction. An Error when the transaction as a whole
    // failed (the store): nothing of the batch is applied then.
    Result<std::size_t> processBatch(const std::vector<WebhookEventRecord> &due,
                                     std::size_t first,
                                     std::size_t end,
                                     const std::atomic<bool> &stop);
    // An event's payload parsed ahead of the write transaction (the payload under an id never
    // changes), so that the parse does not hold SQLite's one writer.
    struct Parsed
    {
        Result<StripeEvent> event;
    };

    // Applies one pending, due event inside `store` (the caller commits): true when applied (or
    // ignored for a reason), false when it is no longer pending or not yet due, an Error when
    // its handler or the store failed. With `parsed`, the event's payload is not read again:
    // only its state, inside the transaction.
    Result<bool> applyOne(StoreTransaction &store,
                          const std::string &eventId,
                          const Parsed *parsed = nullptr);
    // One event in a transaction of its own, with its failure recorded in another.
    void processOne(const std::string &eventId);
    Result<Handled> handle(StoreTransaction &store, const StripeEvent &event, Timestamp now);
    Result<Handled> applySubscription(StoreTransaction &store,
                                      const StripeEvent &event,
                                      Timestamp now);
    Result<Handled> applyInvoice(StoreTransaction &store, const StripeEvent &event, Timestamp now);
    void recordFailure(const std::string &eventId, const std::string &message);
    // One more failed attempt of the event: retried later under the policy, or dead.
    Status recordFailureIn(StoreTransaction &store,
                           const std::string &eventId,
                           const std::string &message);

    // Events applied per write transaction by processDue.
    static constexpr std::size_t kEventsPerTransaction = 96;

    ApiContext &m_context;
    WebhookRetryPolicy m_policy;
};

} // namespace Tenantry::Server
