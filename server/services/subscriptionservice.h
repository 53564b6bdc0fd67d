#pragma once

#include "core/subscription.h"
#include "server/api/apicontext.h"
#include "server/api/apihelpers.h"
#include "server/api/principal.h"
#include "server/billing/stripe/stripeevent.h"
#include "server/services/subscriptionstate.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace Tenantry::Server {

struct SubscriptionDraft
{
    std::string tenantId;
    std::string planId;
    std::int64_t quantity = 1;
    std::optional<std::int64_t> trialDays; // the plan's trial when absent; 0 = no trial
};

// What a plan change asks for: another plan, another quantity, or both.
struct PlanChange
{
    std::optional<std::string> planId;
    std::optional<std::int64_t> quantity;
};

// The subscription lifecycle as staff drive it: create, change plan or quantity, cancel at the
// period's end or now, resume, extend a trial. The status is never taken from a client: with a
// billing provider (ApiContext::billingProvider) the provider decides it, otherwise (--billing
// none, or a subscription the provider does not hold: no stripe_subscription_id) it is decided
// here.
//
// With a provider, each action reads and checks in a read transaction, then asks the provider
// (no transaction open meanwhile), then writes what the provider answered in one write
// transaction: the status, periods, plan (by the price) and quantity, and provider_updated_at
// = the provider's time, so that the webhook events that follow (or older ones still in the
// inbox) change nothing twice. create also asks for the tenant's customer and the plan's price
// at the first need and remembers them. The provider's idempotency key is
// "<user id>/<Idempotency-Key>/<action>": a retried request does nothing twice at the provider.
//
// Each change is one transaction that writes the subscription, an MRR event when the MRR it
// brings in changed (core's event format; the metrics feeds serve them), the tenant's plan, and
// the audit entry: applySubscriptionState, which Stripe webhook events go through as well.
// `expectedVersion`, when given, must match (412 otherwise).
class SubscriptionService
{
public:
    static constexpr std::int64_t kMaxQuantity = 100'000;
    static constexpr std::int64_t kMaxTrialDays = 365;

    explicit SubscriptionService(ApiContext &context)
        : m_context(context)
    {}

    Outcome<Subscription> create(const Principal &actor,
                                 const std::string &requestId,
                                 const SubscriptionDraft &draft,
                                 const std::string &idempotencyKey = {}) const;
    Outcome<Subscription> get(const std::string &id, const std::string &requestId) const;
    Outcome<Page<Subscription>> list(const SubscriptionFilter &filter,
                                     const PageRequest &page,
                                     const std::string &requestId) const;
    Outcome<Subscription> changePlan(const Principal &actor,
                                     const std::string &requestId,
                                     const std::string &id,
                                     std::optional<std::int64_t> expectedVersion,
                                     const PlanChange &change,
                                     const std::string &idempotencyKey = {}) const;
    Outcome<Subscription> cancel(const Principal &actor,
                                 const std::string &requestId,
                                 const std::string &id,
                                 std::optional<std::int64_t> expectedVersion,
                                 bool atPeriodEnd,
                                 const std::string &idempotencyKey = {}) const;
    Outcome<Subscription> resume(const Principal &actor,
                                 const std::string &requestId,
                                 const std::string &id,
                                 std::optional<std::int64_t> expectedVersion,
                                 const std::string &idempotencyKey = {}) const;
    Outcome<Subscription> extendTrial(const Principal &actor,
                                      const std::string &requestId,
                                      const std::string &id,
                                      std::optional<std::int64_t> expectedVersion,
                                      std::int64_t days,
                                      const std::string &idempotencyKey = {}) const;
    Outcome<Page<Invoice>> invoices(const InvoiceFilter &filter,
                                    const PageRequest &page,
                                    const std::string &requestId) const;

private:
    using Loaded = SubscriptionState;

    ApiError storeError(const Error &error, const std::string &requestId) const;
    // What a new subscription starts from: its tenant (active, without a live subscription) and
    // its plan (still sold). 422 for a missing tenant or plan, 409 otherwise.
    struct NewSubscription
    {
        Tenant tenant;
        Plan plan;
    };
    Outcome<NewSubscription> checkNew(StoreTransaction &store,
                                      const SubscriptionDraft &draft,
                                      const std::string &requestId) const;
    Outcome<Plan> loadPlan(StoreTransaction &store,
                           const std::string &planId,
                           const std::string &requestId) const;
    // The subscription and its plan: 404 if missing, 412 on a version mismatch, 409 once it
    // has ended.
    Outcome<Loaded> loadForChange(StoreTransaction &store,
                                  const std::string &id,
                                  std::optional<std::int64_t> expectedVersion,
                                  const std::string &requestId) const;
    // Writes `after` (inserted when `before` is empty), the MRR event if the MRR changed, the
    // tenant's plan and the audit entry, then commits.
    Outcome<Subscription> commitChange(
        StoreTransaction &store,
        const Principal &actor,
        const std::string &requestId,
        const std::optional<Loaded> &before,
        Subscription after,
        const Plan &afterPlan,
        const std::string &action,
        std::optional<Timestamp> effectiveAt = std::nullopt,
        std::optional<Timestamp> providerUpdatedAt = std::nullopt) const;

    // The provider's idempotency key for an action of this request.
    static std::string providerKey(const Principal &actor,
                                   const std::string &requestId,
                                   const std::string &idempotencyKey,
                                   std::string_view action);
    // The subscription as the provider answered, written onto local subscription `id` (plan
    // by the answer's price, `fallbackPlan` when the price maps to none).
    Outcome<Subscription> applyProviderAnswer(
        const Principal &actor,
        const std::string &requestId,
        const std::string &id,
        const Result<StripeSubscription> &answer,
        const Plan &fallbackPlan,
        const std::string &action,
        const std::optional<std::string> &newPriceOfPlan = std::nullopt) const;
    // One attempt of applyProviderAnswer, in one transaction.
    Outcome<Subscription> applyProviderAnswerOnce(
        const Principal &actor,
        const std::string &requestId,
        const std::string &id,
        const StripeSubscription &answer,
        const Plan &fallbackPlan,
        const std::string &action,
        const std::optional<std::string> &newPriceOfPlan) const;
    // The subscription and its plan, checked for a change, in a read transaction of its own.
    Outcome<Loaded> readForChange(const std::string &id,
                                  std::optional<std::int64_t> expectedVersion,
                                  const std::string &requestId) const;
    Outcome<Subscription> createAtProvider(const Principal &actor,
                                           const std::string &requestId,
                                           const SubscriptionDraft &draft,
                                           const std::string &idempotencyKey) const;

    ApiContext &m_context;
};

} // namespace Tenantry::Server
