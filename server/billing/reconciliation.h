#pragma once

#include "core/result.h"
#include "server/api/apicontext.h"
#include "server/api/apihelpers.h"
#include "server/api/principal.h"
#include "server/billing/billingprovider.h"
#include "server/jobs/jobrunner.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdint>
#include <map>
#include <string>

namespace Tenantry::Server {

// Compares the local subscriptions with the billing provider's and repairs what differs, one
// reported row at a time, with the provider's state as the truth (local state normally follows
// the provider through webhooks; this catches what a lost or misapplied event left behind).
//
// run() walks every local subscription that has a provider id and every subscription the
// provider lists (in pages) and reports drift:
//   missing_locally      the provider has it, no local row has its id
//   missing_at_provider  a local row's provider id is unknown to the provider
//   status_mismatch      the statuses differ
//   price_mismatch       the provider's price maps to no plan, or to another plan than the local one
//   quantity_mismatch    the quantities differ
// (one row per kind: a subscription that differs in status and quantity has two rows). The rows
// are written in one transaction at the end, replacing the job's unapplied rows of an earlier,
// interrupted run, so a restarted job reports each drift once.
//
// apply() takes one row: it fetches the provider's subscription again and writes it locally
// through applySubscriptionState (the audit action subscription.reconciled, with the drift id);
// a subscription the provider does not know is canceled locally.
class Reconciliation
{
public:
    static constexpr std::string_view JobType = "billing.reconcile";

    // `provider` may be null (no provider configured): run() and apply() then fail with
    // billing_provider_unavailable.
    Reconciliation(ApiContext &context, BillingProvider *provider, int pageSize = 100)
        : m_context(context)
        , m_provider(provider)
        , m_pageSize(pageSize)
    {}

    bool hasProvider() const { return m_provider != nullptr; }

    // Counts per kind, every kind present: {"missing_locally":0, …, "total":N}.
    using Counts = std::map<std::string, std::int64_t>;

    // Errors: "billing_provider_unavailable" (no provider), the provider's own codes
    // ("provider_unavailable", …) with its message, "interrupted" when `stopping` was seen, or a
    // store failure.
    Result<Counts> run(const std::string &jobId,
                       const JobRunner::Progress &progress,
                       const std::atomic<bool> &stopping) const;

    // The JobRunner handler for billing.reconcile jobs: the job's result is the counts.
    JobRunner::Handler jobHandler() const;

    // 404 for an unknown id; 409 already_applied, billing_provider_unavailable, price_unmapped,
    // customer_unmapped, live_subscription_exists; 503 provider_unavailable; 502
    // provider_rejected.
    Outcome<DriftRecord> apply(const Principal &actor,
                               const std::string &requestId,
                               const std::string &driftId) const;

    Outcome<Page<DriftRecord>> list(const DriftFilter &filter,
                                    const PageRequest &page,
                                    const std::string &requestId) const;

    // A provider subscription as drift rows and audit entries show it.
    static nlohmann::json providerJson(const StripeSubscription &subscription);

private:
    ApiContext &m_context;
    BillingProvider *m_provider;
    int m_pageSize;
};

// {"object":"billing_drift","id","job_id","kind","tenant_id","subscription_id",
//  "stripe_subscription_id","local","provider","created_at","applied_at","applied_by"}
nlohmann::json driftJson(const DriftRecord &drift);

} // namespace Tenantry::Server
