#include "server/services/demobilling.h"

#include "server/billing/simulator/billingsimulator.h"
#include "server/http/requestidgenerator.h"
#include "server/services/subscriptionstate.h"
#include "server/services/userservice.h"

#include <algorithm>
#include <map>

namespace Tenantry::Server {

namespace {

// One change that staff (or the customer) makes in the demo's history.
struct Action
{
    enum class Kind {
        Subscribe,         // the first event of a generated subscription
        Change,            // a later one that still pays: another plan or seat count
        Leave,             // MRR down to 0: canceled now
        Trial,             // a trial of one of the newest tenants (DemoHistory)
        FailPayments,      // the customers whose last renewal fails (DemoHistory: past due)
        CancelAtPeriodEnd, // the customers who leave at their renewal (DemoHistory)
    };
    Timestamp at;
    Kind kind = Kind::Subscribe;
    std::size_t index = 0; // into the generated events, or DemoHistory's subscriptions
};

std::string priceIdOf(const Plan &plan)
{
    return "price_demo_" + plan.key + "_" + plan.price.currency().toString();
}

// The quantity (seats) that brings in `mrr` on `plan` (the generator prices per seat).
std::int64_t quantityFor(const Plan &plan, std::int64_t mrr)
{
    const std::int64_t price = plan.price.amount();
    if (price <= 0 || mrr <= 0)
        return 1;
    if (plan.interval == BillingInterval::Month)
        return std::max<std::int64_t>(1, mrr / price);
    return std::max<std::int64_t>(1, (mrr * 12 + price / 2) / price);
}

std::int64_t wholeSeconds(Timestamp at)
{
    return std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
}

// The context's clock is the test clock while the history runs; the simulator delivers its
// events itself (month by month) instead of after every change.
class RunScope
{
public:
    RunScope(ApiContext &context, BillingSimulator &simulator)
        : m_context(context)
        , m_simulator(simulator)
    {
        m_context.setClock([&simulator] { return simulator.frozenTime(); });
        m_simulator.setNotifying(false);
    }
    ~RunScope()
    {
        m_simulator.setNotifying(true);
        m_context.setClock({});
    }
    RunScope(const RunScope &) = delete;
    RunScope &operator=(const RunScope &) = delete;

private:
    ApiContext &m_context;
    BillingSimulator &m_simulator;
};

class Runner
{
public:
    Runner(BillingSimulator &simulator, const DemoDataSet &data, const DemoHistory &history)
        : m_simulator(simulator)
        , m_data(data)
        , m_history(history)
        , m_actor(UserService::systemPrincipal())
        , m_requestId(RequestIdGenerator::next())
    {
        for (const Plan &plan : data.plans)
            m_plans.emplace(plan.id, &plan);
        for (const Tenant &tenant : data.tenants)
            m_customers.emplace(tenant.id, "cus_demo_" + tenant.slug);
    }

    // Makes the change at the simulator and records it in `store` (the caller commits).
    Status apply(StoreTransaction &store, const Action &action, Timestamp now);

private:
    // Runs the test clock up to `at` (no further back than it is: an operation can move it a
    // second on).
    Status advanceTo(Timestamp at)
    {
        if (wholeSeconds(at) <= wholeSeconds(m_simulator.frozenTime()))
            return Ok{};
        Result<std::int64_t> advanced = m_simulator.advance(at);
        if (!advanced)
            return advanced.error();
        return Ok{};
    }
    // The local subscription `id` as the provider answered, with its MRR event at `at`.
    Status record(StoreTransaction &store,
                  const std::string &id,
                  const std::string &tenantId,
                  const Result<StripeSubscription> &answer,
                  Timestamp at,
                  const std::string &action);
    std::string key(const std::string &subscriptionId)
    {
        return "demo/" + subscriptionId + "/" + std::to_string(++m_operations);
    }

    BillingSimulator &m_simulator;
    const DemoDataSet &m_data;
    const DemoHistory &m_history;
    Principal m_actor;
    std::string m_requestId;
    std::map<std::string, const Plan *> m_plans;
    std::map<std::string, std::string> m_customers;     // tenant id → Stripe customer
    std::map<std::string, std::string> m_subscriptions; // local id → Stripe subscription
    std::int64_t m_operations = 0;
};

Status Runner::record(StoreTransaction &store,
                      const std::string &id,
                      const std::string &tenantId,
                      const Result<StripeSubscription> &answer,
                      Timestamp at,
                      const std::string &action)
{
    if (!answer)
        return answer.error();
    const Plan *plan = nullptr;
    for (const auto &[planId, candidate] : m_plans) {
        if (priceIdOf(*candidate) == answer->priceId)
            plan = candidate;
    }
    if (!plan)
        return Error{"demo_failed", "The simulator answered with an unknown price", {}};
    m_subscriptions[id] = answer->id;

    Result<std::optional<Subscription>> current = store.subscriptionById(id);
    if (!current)
        return current.error();
    std::optional<SubscriptionState> before;
    Subscription after;
    if (*current) {
        before = SubscriptionState{**current, *m_plans.at((*current)->planId)};
        after = **current;
    } else {
        after.id = id;
        after.tenantId = tenantId;
        after.createdAt = answer->created;
        after.updatedAt = at;
        after.version = 1;
        after.stripeSubscriptionId = answer->id;
    }
    after.planId = plan->id;
    answer->applyTo(after);
    if (!before || after != before->subscription) {
        Result<Subscription> written = applySubscriptionState(
            store, {m_actor, m_requestId, at, at, action}, before, std::move(after), *plan);
        if (!written)
            return written.error();
    }
    // The events of this change carry the test clock's time: they change nothing more.
    if (Status marked = store.setSubscriptionProviderUpdatedAt(id, m_simulator.frozenTime());
        !marked)
        return marked.error();
    return Ok{};
}

Status Runner::apply(StoreTransaction &store, const Action &action, Timestamp now)
{
    if (Status advanced = advanceTo(action.at); !advanced)
        return advanced;

    switch (action.kind) {
    case Action::Kind::Subscribe:
    case Action::Kind::Change:
    case Action::Kind::Leave: {
        const MrrEvent &event = m_data.events[action.index];
        const Plan &plan = *m_plans.at(event.planId.value_or(""));
        const std::string &id = event.subscriptionId;
        if (action.kind == Action::Kind::Subscribe) {
            if (event.mrr <= 0)
                return Error{"demo_failed",
                             "Generated subscription " + id + " starts without revenue",
                             {}};
            BillingProvider::SubscriptionDraft draft;
            draft.customerId = m_customers.at(event.tenantId);
            draft.priceId = priceIdOf(plan);
            draft.quantity = quantityFor(plan, event.mrr);
            draft.tenantId = event.tenantId;
            return record(store,
                          id,
                          event.tenantId,
                          m_simulator.createSubscription(draft, key(id)),
                          event.at,
                          "subscription.created");
        }
        const auto stripe = m_subscriptions.find(id);
        if (stripe == m_subscriptions.end())
            return Error{"demo_failed", "Generated subscription " + id + " is not running", {}};
        if (action.kind == Action::Kind::Change)
            return record(store,
                          id,
                          event.tenantId,
                          m_simulator.changeSubscription(stripe->second,
                                                         priceIdOf(plan),
                                                         quantityFor(plan, event.mrr),
                                                         key(id)),
                          event.at,
                          "subscription.plan_changed");
        return record(store,
                      id,
                      event.tenantId,
                      m_simulator.cancelSubscription(stripe->second, false, key(id)),
                      event.at,
                      "subscription.canceled");
    }
    case Action::Kind::Trial: {
        const Subscription &trial = m_history.subscriptions[action.index];
        const Plan &plan = *m_plans.at(trial.planId);
        BillingProvider::SubscriptionDraft draft;
        draft.customerId = m_customers.at(trial.tenantId);
        draft.priceId = priceIdOf(plan);
        draft.quantity = trial.quantity;
        draft.trialDays = std::chrono::duration_cast<std::chrono::days>(
                              trial.trialEnd.value_or(trial.currentPeriodStart)
                              - trial.currentPeriodStart)
                              .count();
        draft.tenantId = trial.tenantId;
        return record(store,
                      trial.id,
                      trial.tenantId,
                      m_simulator.createSubscription(draft, key(trial.id)),
                      action.at,
                      "subscription.created");
    }
    case Action::Kind::FailPayments:
    case Action::Kind::CancelAtPeriodEnd: {
        for (const Subscription &intent : m_history.subscriptions) {
            const bool wanted = action.kind == Action::Kind::FailPayments
                                    ? intent.status == SubscriptionStatus::PastDue
                                    : intent.status == SubscriptionStatus::Active
                                          && intent.cancelAtPeriodEnd;
            const auto stripe = m_subscriptions.find(intent.id);
            if (!wanted || stripe == m_subscriptions.end())
                continue;
            Result<StripeSubscription> running = m_simulator.retrieveSubscription(stripe->second);
            if (!running)
                return running.error();
            if (!isLive(running->status))
                continue;
            if (action.kind == Action::Kind::FailPayments) {
                // Only a renewal that falls before now and whose retries (3, 5 and 7 days) are
                // not all spent by then: the subscription is past due now, not canceled.
                if (running->currentPeriodEnd <= action.at || running->currentPeriodEnd > now)
                    continue;
                if (Status set = m_simulator.setPaymentOutcome(running->customer, false); !set)
                    return set;
                continue;
            }
            if (running->currentPeriodEnd <= now)
                continue; // would end before now: a churn the generated history does not have
            if (Status recorded = record(store,
                                         intent.id,
                                         intent.tenantId,
                                         m_simulator.cancelSubscription(stripe->second,
                                                                        true,
                                                                        key(intent.id)),
                                         action.at,
                                         "subscription.cancel_scheduled");
                !recorded)
                return recorded;
        }
        return Ok{};
    }
    }
    return Ok{};
}

} // namespace

Status DemoBillingRun::run(const DemoDataSet &data,
                           const DemoHistory &history,
                           Timestamp start,
                           Timestamp now) const
{
    std::vector<Action> actions;
    {
        std::map<std::string, bool> started;
        for (std::size_t i = 0; i < data.events.size(); ++i) {
            const MrrEvent &event = data.events[i];
            bool &running = started[event.subscriptionId];
            const Action::Kind kind = !running        ? Action::Kind::Subscribe
                                      : event.mrr > 0 ? Action::Kind::Change
                                                      : Action::Kind::Leave;
            running = true;
            actions.push_back({event.at, kind, i});
        }
        for (std::size_t i = 0; i < history.subscriptions.size(); ++i) {
            if (history.subscriptions[i].status == SubscriptionStatus::Trialing)
                actions.push_back(
                    {history.subscriptions[i].currentPeriodStart, Action::Kind::Trial, i});
        }
        // Renewals from 14 days before now on fail for the past-due few (their retries run
        // until after now); the leavers say so a day before now.
        actions.push_back({now - std::chrono::days(14), Action::Kind::FailPayments, 0});
        actions.push_back({now - std::chrono::days(1), Action::Kind::CancelAtPeriodEnd, 0});
        std::stable_sort(actions.begin(), actions.end(), [](const Action &a, const Action &b) {
            return a.at < b.at;
        });
    }

    if (Status started = m_simulator.startClockAt(start); !started)
        return started;
    BillingSimulator::Import catalog;
    for (const Plan &plan : data.plans)
        catalog.prices.emplace_back(priceIdOf(plan), plan);
    for (const Tenant &tenant : data.tenants)
        catalog.customers.push_back({"cus_demo_" + tenant.slug, tenant.id, tenant.name});
    if (Status imported = m_simulator.importObjects(catalog); !imported)
        return imported;

    const RunScope scope(m_context, m_simulator);
    Runner runner(m_simulator, data, history);
    std::vector<Timestamp> boundaries;
    for (YearMonth month = YearMonth::containing(start).next(); month.start() < now;
         month = month.next())
        boundaries.push_back(month.start());
    boundaries.push_back(now);

    // A month at a time: its changes in one transaction, then the simulator's events of the
    // month (its renewals run up to the month's end) through the inbox.
    auto next = actions.begin();
    for (std::size_t month = 0; month < boundaries.size(); ++month) {
        const Timestamp end = boundaries[month];
        {
            Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
                Store::Mode::Write);
            if (!transaction)
                return transaction.error();
            for (; next != actions.end() && next->at < end; ++next) {
                if (Status applied = runner.apply(**transaction, *next, now); !applied)
                    return applied;
            }
            if (Status committed = (*transaction)->commit(); !committed)
                return committed;
        }
        if (Result<std::int64_t> advanced = m_simulator.advance(
                std::max(end, m_simulator.frozenTime()));
            !advanced)
            return advanced.error();
        if (m_hooks.drain) {
            if (Status drained = m_hooks.drain(); !drained)
                return drained;
        }
        if (m_hooks.progress)
            m_hooks.progress(int(month + 1), int(boundaries.size()));
    }
    return Ok{};
}

} // namespace Tenantry::Server
