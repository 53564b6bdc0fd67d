#pragma once

#include "core/plan.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "server/billing/stripe/stripeevent.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Tenantry::Server {

// Where subscriptions live: Stripe (its REST API) or the simulator (Stripe's test mode on this
// machine, the embedded default). Local state follows the provider through webhook events; the
// results below are what the provider answered at the time of the call, in Stripe's shapes.
//
// Every mutation takes an idempotency key: the provider performs it at most once per key, so a
// retried call (after a timeout, a crash, a retried API request) changes nothing twice. Callers
// derive the key from their own request's Idempotency-Key or the local object's id.
//
// Errors carry one of these codes:
//   "provider_unavailable"  the provider could not be reached or kept failing (network errors,
//                           429 and 5xx after the retries); the message says what happened last
//   "provider_rejected"     the provider refused the request (a 4xx); the message is the
//                           provider's own (Stripe's error.message), safe to show to staff
//   "not_found"             no such object at the provider
//   "not_supported"         this provider cannot do that (e.g. the test clock on Stripe)
// Implementations are safe to call from several threads at once.
class BillingProvider
{
public:
    virtual ~BillingProvider() = default;

    // "stripe" or "simulator".
    virtual std::string_view name() const = 0;

    // A customer for a tenant ("cus_…"); metadata carries tenant_id.
    struct CustomerDraft
    {
        std::string tenantId;
        std::string name;
        std::string email; // may be empty
    };
    virtual Result<std::string>
    createCustomer(const CustomerDraft &draft, const std::string &idempotencyKey) = 0;

    // A recurring price for a plan ("price_…", with its product), metadata plan_id.
    virtual Result<std::string> createPrice(const Plan &plan, const std::string &idempotencyKey) = 0;

    struct SubscriptionDraft
    {
        std::string customerId;
        std::string priceId;
        std::int64_t quantity = 1;
        std::int64_t trialDays = 0; // 0: no trial
        std::string tenantId;       // metadata
    };
    // Stripe: POST /v1/subscriptions with items[0][price], payment_behavior=default_incomplete,
    // expand[]=latest_invoice.payment_intent.
    virtual Result<StripeSubscription>
    createSubscription(const SubscriptionDraft &draft, const std::string &idempotencyKey) = 0;

    // Another price and/or quantity for the first item, prorated (proration_behavior
    // create_prorations).
    virtual Result<StripeSubscription> changeSubscription(const std::string &subscriptionId,
                                                          const std::string &priceId,
                                                          std::int64_t quantity,
                                                          const std::string &idempotencyKey)
        = 0;

    // atPeriodEnd: cancel_at_period_end=true (resume() calls it off); otherwise DELETE now.
    virtual Result<StripeSubscription> cancelSubscription(const std::string &subscriptionId,
                                                          bool atPeriodEnd,
                                                          const std::string &idempotencyKey)
        = 0;

    // Calls off a pending cancellation (cancel_at_period_end=false).
    virtual Result<StripeSubscription>
    resumeSubscription(const std::string &subscriptionId, const std::string &idempotencyKey) = 0;

    // Moves trial_end (proration_behavior none).
    virtual Result<StripeSubscription> extendTrial(const std::string &subscriptionId,
                                                   Timestamp trialEnd,
                                                   const std::string &idempotencyKey)
        = 0;

    virtual Result<StripeSubscription> retrieveSubscription(const std::string &subscriptionId) = 0;

    // Every subscription the provider has (status=all), in pages: pass the last id of a page as
    // startingAfter for the next one.
    struct SubscriptionPage
    {
        std::vector<StripeSubscription> data;
        bool hasMore = false;
    };
    virtual Result<SubscriptionPage>
    listSubscriptions(const std::optional<std::string> &startingAfter, int limit) = 0;
};

} // namespace Tenantry::Server
