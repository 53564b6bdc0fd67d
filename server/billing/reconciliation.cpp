#include "server/billing/reconciliation.h"

#include "server/auth/sessiontoken.h"
#include "server/services/auditwriter.h"
#include "server/services/readtransaction.h"
#include "server/services/subscriptionstate.h"

#include <array>
#include <set>
#include <vector>

namespace Tenantry::Server {

namespace {

constexpr std::array<std::string_view, 5> kKinds = {"missing_locally",
                                                    "missing_at_provider",
                                                    "status_mismatch",
                                                    "price_mismatch",
                                                    "quantity_mismatch"};

nlohmann::json optionalTime(const std::optional<Timestamp> &time)
{
    return time ? nlohmann::json(formatRfc3339(*time)) : nlohmann::json(nullptr);
}

nlohmann::json parsedOrNull(const std::optional<std::string> &text)
{
    if (!text)
        return nullptr;
    nlohmann::json parsed = nlohmann::json::parse(*text, nullptr, false);
    return parsed.is_discarded() ? nlohmann::json(nullptr) : parsed;
}

Error unavailableProvider()
{
    return Error{"billing_provider_unavailable",
                 "No billing provider is configured on this server",
                 {}};
}

// The provider's error as the job records it: the provider's message says what happened.
Error providerFailure(const Error &error)
{
    if (error.code == "provider_unavailable")
        return Error{error.code, "The billing provider could not be reached: " + error.message, {}};
    return Error{error.code, "The billing provider refused: " + error.message, {}};
}

// What the provider's plan id is for a price, looked up once per price.
class PlanLookup
{
public:
    explicit PlanLookup(ApiContext &context)
        : m_context(context)
    {}

    Result<std::optional<std::string>> planFor(const std::string &priceId)
    {
        if (const auto known = m_plans.find(priceId); known != m_plans.end())
            return known->second;
        Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
            Store::Mode::Read);
        if (!transaction)
            return transaction.error();
        Result<std::optional<Plan>> plan = (*transaction)->planByStripePrice(priceId);
        if (!plan)
            return plan.error();
        const std::optional<std::string> id = *plan ? std::optional((*plan)->id) : std::nullopt;
        m_plans.emplace(priceId, id);
        return id;
    }

    Result<std::optional<std::string>> tenantFor(const std::string &customerId)
    {
        if (const auto known = m_tenants.find(customerId); known != m_tenants.end())
            return known->second;
        Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
            Store::Mode::Read);
        if (!transaction)
            return transaction.error();
        Result<std::optional<Tenant>> tenant = (*transaction)->tenantByStripeCustomer(customerId);
        if (!tenant)
            return tenant.error();
        const std::optional<std::string> id = *tenant ? std::optional((*tenant)->id) : std::nullopt;
        m_tenants.emplace(customerId, id);
        return id;
    }

private:
    ApiContext &m_context;
    std::map<std::string, std::optional<std::string>> m_plans;
    std::map<std::string, std::optional<std::string>> m_tenants;
};

} // namespace

nlohmann::json Reconciliation::providerJson(const StripeSubscription &subscription)
{
    return {{"id", subscription.id},
            {"customer", subscription.customer},
            {"status", toString(subscription.status)},
            {"price", subscription.priceId},
            {"quantity", subscription.quantity},
            {"current_period_start", formatRfc3339(subscription.currentPeriodStart)},
            {"current_period_end", formatRfc3339(subscription.currentPeriodEnd)},
            {"trial_end", optionalTime(subscription.trialEnd)},
            {"cancel_at_period_end", subscription.cancelAtPeriodEnd},
            {"canceled_at", optionalTime(subscription.canceledAt)},
            {"created", formatRfc3339(subscription.created)}};
}

nlohmann::json driftJson(const DriftRecord &drift)
{
    auto optionalText = [](const std::optional<std::string> &text) {
        return text ? nlohmann::json(*text) : nlohmann::json(nullptr);
    };
    return {{"object", "billing_drift"},
            {"id", drift.id},
            {"job_id", drift.jobId},
            {"kind", drift.kind},
            {"tenant_id", optionalText(drift.tenantId)},
            {"subscription_id", optionalText(drift.subscriptionId)},
            {"stripe_subscription_id", drift.stripeSubscriptionId},
            {"local", parsedOrNull(drift.local)},
            {"provider", parsedOrNull(drift.provider)},
            {"created_at", formatRfc3339(drift.createdAt)},
            {"applied_at", optionalTime(drift.appliedAt)},
            {"applied_by", optionalText(drift.appliedBy)}};
}

Result<Reconciliation::Counts> Reconciliation::run(const std::string &jobId,
                                                   const JobRunner::Progress &progress,
                                                   const std::atomic<bool> &stopping) const
{
    if (!m_provider)
        return unavailableProvider();
    const Timestamp now = m_context.now();

    // Every local subscription with a provider id, by that id.
    std::map<std::string, Subscription> local;
    {
        Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
            Store::Mode::Read);
        if (!transaction)
            return transaction.error();
        PageRequest page;
        page.limit = 500;
        for (;;) {
            Result<Page<Subscription>> found = (*transaction)->listSubscriptions({}, page);
            if (!found)
                return found.error();
            for (const Subscription &subscription : found->items) {
                if (subscription.stripeSubscriptionId)
                    local.emplace(*subscription.stripeSubscriptionId, subscription);
            }
            if (!found->hasMore || found->items.empty())
                break;
            page.startingAfter = found->items.back().id;
        }
    }

    PlanLookup lookup(m_context);
    std::vector<DriftRecord> rows;
    auto report = [&](std::string_view kind,
                      const Subscription *mine,
                      const StripeSubscription *theirs,
                      const std::string &stripeId,
                      std::optional<std::string> tenantId) {
        DriftRecord row;
        row.id = SessionToken::newId("drf_");
        row.jobId = jobId;
        row.kind = std::string(kind);
        row.tenantId = mine ? std::optional(mine->tenantId) : std::move(tenantId);
        row.subscriptionId = mine ? std::optional(mine->id) : std::nullopt;
        row.stripeSubscriptionId = stripeId;
        if (mine)
            row.local = subscriptionJson(*mine).dump();
        if (theirs)
            row.provider = providerJson(*theirs).dump();
        row.createdAt = now;
        rows.push_back(std::move(row));
    };
    auto compare = [&](const Subscription &mine, const StripeSubscription &theirs) -> Status {
        if (mine.status != theirs.status)
            report("status_mismatch", &mine, &theirs, theirs.id, std::nullopt);
        Result<std::optional<std::string>> plan = lookup.planFor(theirs.priceId);
        if (!plan)
            return plan.error();
        if (*plan != mine.planId)
            report("price_mismatch", &mine, &theirs, theirs.id, std::nullopt);
        if (mine.quantity != theirs.quantity)
            report("quantity_mismatch", &mine, &theirs, theirs.id, std::nullopt);
        return Ok{};
    };

    std::set<std::string> seen;
    std::int64_t done = 0;
    std::int64_t providerOnly = 0;
    auto total = [&] { return static_cast<std::int64_t>(local.size()) + providerOnly; };
    progress(done, total());

    std::optional<std::string> startingAfter;
    for (;;) {
        if (stopping.load())
            return Error{"interrupted", "the server is stopping", {}};
        Result<BillingProvider::SubscriptionPage> page = m_provider->listSubscriptions(startingAfter,
                                                                                       m_pageSize);
        if (!page)
            return providerFailure(page.error());
        for (const StripeSubscription &theirs : page->data) {
            if (!seen.insert(theirs.id).second)
                continue; // listed twice (the list moved while paging)
            if (const auto mine = local.find(theirs.id); mine != local.end()) {
                if (Status compared = compare(mine->second, theirs); !compared)
                    return compared.error();
            } else {
                ++providerOnly;
                Result<std::optional<std::string>> tenant = lookup.tenantFor(theirs.customer);
                if (!tenant)
                    return tenant.error();
                report("missing_locally", nullptr, &theirs, theirs.id, *tenant);
            }
            ++done;
            progress(done, total());
        }
        if (!page->hasMore || page->data.empty())
            break;
        startingAfter = page->data.back().id;
    }

    // Local subscriptions the list did not show: asked for one by one (a list can miss an
    // object created or changed while it was read).
    for (const auto &[stripeId, mine] : local) {
        if (seen.contains(stripeId))
            continue;
        if (stopping.load())
            return Error{"interrupted", "the server is stopping", {}};
        Result<StripeSubscription> theirs = m_provider->retrieveSubscription(stripeId);
        if (theirs) {
            if (Status compared = compare(mine, *theirs); !compared)
                return compared.error();
        } else if (theirs.error().code == "not_found") {
            report("missing_at_provider", &mine, nullptr, stripeId, std::nullopt);
        } else {
            return providerFailure(theirs.error());
        }
        ++done;
        progress(done, total());
    }

    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return transaction.error();
    StoreTransaction &store = **transaction;
    if (Status cleared = store.deleteDriftOf(jobId); !cleared)
        return cleared.error();
    Counts counts;
    for (const std::string_view kind : kKinds)
        counts[std::string(kind)] = 0;
    for (const DriftRecord &row : rows) {
        if (Status inserted = store.insertDrift(row); !inserted)
            return inserted.error();
        ++counts[row.kind];
    }
    if (Status committed = store.commit(); !committed)
        return committed.error();
    counts["total"] = static_cast<std::int64_t>(rows.size());
    counts["compared"] = done;
    return counts;
}

JobRunner::Handler Reconciliation::jobHandler() const
{
    return [this](const JobRunner::Run &run) -> Result<nlohmann::json> {
        Result<Counts> counts = this->run(run.job.id, run.progress, run.stopping);
        if (!counts)
            return counts.error();
        nlohmann::json result = nlohmann::json::object();
        for (const auto &[kind, count] : *counts)
            result[kind] = count;
        result["provider"] = std::string(m_provider->name());
        return result;
    };
}

Outcome<Page<DriftRecord>> Reconciliation::list(const DriftFilter &filter,
                                                const PageRequest &page,
                                                const std::string &requestId) const
{
    return inReadTransaction<Page<DriftRecord>>(
        m_context,
        [&](StoreTransaction &store) { return store.listDrift(filter, page); },
        [&](const Error &error) {
            if (error.code == "cursor_not_found")
                return ApiError::badRequest("parameter_invalid",
                                            "starting_after names no object of this list",
                                            "starting_after");
            return m_context.storageFailure(error, requestId);
        });
}

Outcome<DriftRecord> Reconciliation::apply(const Principal &actor,
                                           const std::string &requestId,
                                           const std::string &driftId) const
{
    auto alreadyApplied = [](const DriftRecord &drift) {
        return ApiError::conflict("already_applied",
                                  "Drift " + drift.id + " was applied at "
                                      + formatRfc3339(*drift.appliedAt) + " by "
                                      + drift.appliedBy.value_or("?"));
    };
    // Read first, outside the write transaction: the provider is asked before anything is
    // locked.
    Outcome<std::optional<DriftRecord>> found = inReadTransaction<std::optional<DriftRecord>>(
        m_context,
        [&](StoreTransaction &store) { return store.drift(driftId); },
        [&](const Error &error) { return m_context.storageFailure(error, requestId); });
    if (failed(found))
        return std::get<ApiError>(found);
    if (!std::get<0>(found))
        return ApiError::notFound("No drift " + driftId, "id");
    if (std::get<0>(found)->appliedAt)
        return alreadyApplied(*std::get<0>(found));
    if (!m_provider) {
        ApiError error = ApiError::conflict("billing_provider_unavailable",
                                            unavailableProvider().message);
        return error;
    }

    const std::string stripeId = std::get<0>(found)->stripeSubscriptionId;
    Result<StripeSubscription> fetched = m_provider->retrieveSubscription(stripeId);
    const bool goneAtProvider = !fetched && fetched.error().code == "not_found";
    if (!fetched && !goneAtProvider) {
        if (fetched.error().code == "provider_unavailable") {
            ApiError error = ApiError::unavailable("The billing provider could not be reached: "
                                                   + fetched.error().message
                                                   + "; nothing was changed, try again later");
            error.code = "provider_unavailable";
            return error;
        }
        ApiError error = ApiError::unavailable("The billing provider refused: "
                                               + fetched.error().message);
        error.status = 502;
        error.code = "provider_rejected";
        return error;
    }

    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return m_context.storageFailure(transaction.error(), requestId);
    StoreTransaction &store = **transaction;
    auto storage = [&](const Error &error) { return m_context.storageFailure(error, requestId); };

    Result<std::optional<DriftRecord>> current = store.drift(driftId);
    if (!current)
        return storage(current.error());
    if (!*current)
        return ApiError::notFound("No drift " + driftId, "id");
    DriftRecord drift = std::move(**current);
    if (drift.appliedAt)
        return alreadyApplied(drift);

    const Timestamp now = m_context.now();
    Result<std::optional<Subscription>> existing = store.subscriptionByStripeId(stripeId);
    if (!existing)
        return storage(existing.error());

    std::optional<SubscriptionState> before;
    if (*existing) {
        Result<std::optional<Plan>> plan = store.planById((*existing)->planId);
        if (!plan)
            return storage(plan.error());
        if (!*plan)
            return storage(Error{"storage_error",
                                 "the subscription's plan " + (*existing)->planId + " is missing",
                                 {}});
        before = SubscriptionState{**existing, **plan};
    }

    Subscription after;
    std::optional<Plan> afterPlan;
    if (goneAtProvider) {
        if (!before)
            return ApiError::conflict("nothing_to_apply",
                                      "Neither the provider nor this server has the subscription "
                                          + stripeId);
        after = before->subscription;
        afterPlan = before->plan;
        if (isLive(after.status)) {
            after.status = SubscriptionStatus::Canceled;
            after.canceledAt = after.canceledAt.value_or(now);
            after.cancelAtPeriodEnd = false;
        }
    } else {
        const StripeSubscription &theirs = *fetched;
        Result<std::optional<Plan>> plan = store.planByStripePrice(theirs.priceId);
        if (!plan)
            return storage(plan.error());
        if (!*plan)
            return ApiError::conflict("price_unmapped",
                                      "The provider's price " + theirs.priceId
                                          + " maps to no plan: set a plan's stripe_price_id "
                                            "to it first");
        afterPlan = **plan;
        if (before) {
            after = before->subscription;
        } else {
            Result<std::optional<Tenant>> tenant = store.tenantByStripeCustomer(theirs.customer);
            if (!tenant)
                return storage(tenant.error());
            if (!*tenant)
                return ApiError::conflict("customer_unmapped",
                                          "The provider's customer " + theirs.customer
                                              + " is linked to no tenant: set the tenant's "
                                                "stripe_customer_id first");
            if (isLive(theirs.status)) {
                Result<std::optional<Subscription>> live = store.liveSubscriptionOf((*tenant)->id);
                if (!live)
                    return storage(live.error());
                if (*live)
                    return ApiError::conflict("live_subscription_exists",
                                              "Tenant " + (*tenant)->id
                                                  + " already has the live subscription "
                                                  + (*live)->id
                                                  + ": reconcile or cancel that one first");
            }
            after.id = SessionToken::newId("sub_");
            after.tenantId = (*tenant)->id;
            after.stripeSubscriptionId = theirs.id;
            after.createdAt = theirs.created;
            after.updatedAt = now;
            after.version = 1;
        }
        after.planId = afterPlan->id;
        theirs.applyTo(after);
    }

    const nlohmann::json context = {{"drift_id", drift.id},
                                    {"job_id", drift.jobId},
                                    {"drift_kind", drift.kind},
                                    {"stripe_subscription_id", stripeId}};
    if (before && after == before->subscription) {
        // Already as the provider has it (another row of the same subscription, or a webhook,
        // got there first): nothing to write but the record of the decision.
        const nlohmann::json state = subscriptionJson(after);
        nlohmann::json afterJson = state;
        for (const auto &[key, value] : context.items())
            afterJson[key] = value;
        if (Status audited = writeAudit(store,
                                        actor,
                                        requestId,
                                        now,
                                        {"subscription.reconciled",
                                         "subscription",
                                         after.id,
                                         after.tenantId,
                                         &state,
                                         &afterJson});
            !audited) {
            return storage(audited.error());
        }
    } else {
        Result<Subscription> written = applySubscriptionState(
            store,
            {actor, requestId, now, now, "subscription.reconciled", &context},
            before,
            after,
            *afterPlan);
        if (!written)
            return storage(written.error());
        after = *written;
    }
    drift.appliedAt = now;
    drift.appliedBy = actor.user.id;
    if (Status updated = store.updateDrift(drift); !updated)
        return storage(updated.error());
    if (Status committed = store.commit(); !committed)
        return storage(committed.error());
    return drift;
}

} // namespace Tenantry::Server
