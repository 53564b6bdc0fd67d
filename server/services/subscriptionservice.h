#pragma once

#include "core/subscription.h"
#include "server/api/apicontext.h"
#include "server/api/apihelpers.h"
#include "server/api/principal.h"
#include "server/services/subscriptionstate.h"

#include <cstdint>
#include <optional>
#include <string>

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
// period's end or now, resume, extend a trial. The status is always decided here (and, once
// billing sync runs, by the billing provider), never taken from a client.
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
                                 const SubscriptionDraft &draft) const;
    Outcome<Subscription> get(const std::string &id, const std::string &requestId) const;
    Outcome<Page<Subscription>> list(const SubscriptionFilter &filter,
                                     const PageRequest &page,
                                     const std::string &requestId) const;
    Outcome<Subscription> changePlan(const Principal &actor,
                                     const std::string &requestId,
                                     const std::string &id,
                                     std::optional<std::int64_t> expectedVersion,
                                     const PlanChange &change) const;
    Outcome<Subscription> cancel(const Principal &actor,
                                 const std::string &requestId,
                                 const std::string &id,
                                 std::optional<std::int64_t> expectedVersion,
                                 bool atPeriodEnd) const;
    Outcome<Subscription> resume(const Principal &actor,
                                 const std::string &requestId,
                                 const std::string &id,
                                 std::optional<std::int64_t> expectedVersion) const;
    Outcome<Subscription> extendTrial(const Principal &actor,
                                      const std::string &requestId,
                                      const std::string &id,
                                      std::optional<std::int64_t> expectedVersion,
                                      std::int64_t days) const;
    Outcome<Page<Invoice>> invoices(const InvoiceFilter &filter,
                                    const PageRequest &page,
                                    const std::string &requestId) const;

private:
    using Loaded = SubscriptionState;

    ApiError storeError(const Error &error, const std::string &requestId) const;
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
    Outcome<Subscription> commitChange(StoreTransaction &store,
                                       const Principal &actor,
                                       const std::string &requestId,
                                       const std::optional<Loaded> &before,
                                       Subscription after,
                                       const Plan &afterPlan,
                                       const std::string &action) const;

    ApiContext &m_context;
};

} // namespace Tenantry::Server
