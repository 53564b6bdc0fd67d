#include "server/services/demohistory.h"

#include "core/demo/deterministicrandom.h"

#include <algorithm>
#include <map>
#include <set>

namespace Tenantry::Server {

namespace {

constexpr std::string_view kFirstNames[] = {"ada",
                                            "ben",
                                            "chloe",
                                            "dev",
                                            "elif",
                                            "farah",
                                            "gus",
                                            "hana",
                                            "ivan",
                                            "jo",
                                            "kemal",
                                            "lena",
                                            "mo",
                                            "nia",
                                            "omar"};

std::string sequenceId(std::string_view prefix, std::size_t index)
{
    std::string digits = std::to_string(index);
    return std::string(prefix) + "demo"
           + std::string(digits.size() < 8 ? 8 - digits.size() : 0, '0') + digits;
}

int monthsPerPeriod(const Plan &plan)
{
    return plan.interval == BillingInterval::Year ? 12 : 1;
}

// The quantity (seats) that gives `mrr` on `plan` (the generator prices per seat).
std::int64_t quantityFor(const Plan &plan, std::int64_t mrr)
{
    const std::int64_t price = plan.price.amount();
    if (price <= 0 || mrr <= 0)
        return 1;
    if (plan.interval == BillingInterval::Month)
        return std::max<std::int64_t>(1, mrr / price);
    return std::max<std::int64_t>(1, (mrr * 12 + price / 2) / price);
}

} // namespace

DemoHistory buildDemoHistory(DemoDataSet &data, Timestamp now, const std::string &actorId)
{
    DemoHistory history;
    DeterministicRandom random(20'240'101);
    std::map<std::string, const Plan *> plans;
    for (const Plan &plan : data.plans)
        plans[plan.id] = &plan;
    std::map<std::string, Tenant *> tenants;
    for (Tenant &tenant : data.tenants)
        tenants[tenant.id] = &tenant;

    // The events of each subscription, in time order (the generator's order is by time).
    std::map<std::string, std::vector<const MrrEvent *>> bySubscription;
    std::vector<std::string> subscriptionOrder;
    for (std::size_t i = 0; i < data.events.size(); ++i) {
        const MrrEvent &event = data.events[i];
        history.events.push_back({sequenceId("mrr_", i), event, event.at});
        auto &list = bySubscription[event.subscriptionId];
        if (list.empty())
            subscriptionOrder.push_back(event.subscriptionId);
        list.push_back(&event);
    }

    for (const std::string &id : subscriptionOrder) {
        const std::vector<const MrrEvent *> &events = bySubscription[id];
        const MrrEvent &first = *events.front();
        const MrrEvent &last = *events.back();
        const Plan &plan = *plans.at(last.planId.value_or(""));

        Subscription subscription;
        subscription.id = id;
        subscription.tenantId = first.tenantId;
        subscription.planId = plan.id;
        subscription.createdAt = first.at;
        subscription.updatedAt = last.at;
        subscription.version = static_cast<std::int64_t>(events.size());
        std::int64_t lastQuantity = 1;
        for (const MrrEvent *event : events) {
            if (event->mrr > 0)
                lastQuantity = quantityFor(*plans.at(event->planId.value_or("")), event->mrr);
        }
        subscription.quantity = lastQuantity;

        // Billing periods are anchored at the start; each one paid for gets an invoice, at the
        // price of the plan and quantity in force when it began.
        const int step = monthsPerPeriod(plan);
        Timestamp lastPaidStart = first.at;
        std::size_t current = 0;
        for (int period = 0;; ++period) {
            const Timestamp periodStart = addCalendarMonths(first.at, period * step);
            if (periodStart > now)
                break;
            while (current + 1 < events.size() && events[current + 1]->at <= periodStart)
                ++current;
            const MrrEvent &state = *events[current];
            if (state.mrr <= 0)
                break; // ended (a later restart is another subscription)
            const Plan &periodPlan = *plans.at(state.planId.value_or(""));
            const std::int64_t quantity = quantityFor(periodPlan, state.mrr);
            const Money amount(periodPlan.price.amount() * quantity, periodPlan.price.currency());
            lastPaidStart = periodStart;
            history.invoices.push_back(Invoice{sequenceId("inv_", history.invoices.size()),
                                               subscription.tenantId,
                                               subscription.id,
                                               InvoiceStatus::Paid,
                                               amount,
                                               amount,
                                               periodStart,
                                               addCalendarMonths(first.at, (period + 1) * step),
                                               periodStart,
                                               std::nullopt});
        }
        subscription.currentPeriodStart = lastPaidStart;
        subscription.currentPeriodEnd = addCalendarMonths(lastPaidStart, step);

        Tenant &tenant = *tenants.at(subscription.tenantId);
        if (last.mrr > 0) {
            subscription.status = SubscriptionStatus::Active;
            // About one in twenty-five paying customers has a failed last payment.
            if (random.chancePpm(40'000) && !history.invoices.empty()
                && history.invoices.back().subscriptionId == subscription.id) {
                subscription.status = SubscriptionStatus::PastDue;
                Invoice &open = history.invoices.back();
                open.status = InvoiceStatus::Open;
                open.amountPaid = Money(0, open.amountDue.currency());
            } else if (random.chancePpm(30'000)) {
                subscription.cancelAtPeriodEnd = true; // will churn at renewal
            }
            tenant.planId = subscription.planId;
        } else {
            subscription.status = SubscriptionStatus::Canceled;
            subscription.canceledAt = last.at;
            subscription.currentPeriodEnd = std::max(lastPaidStart, last.at);
            // The tenant may have come back on a later subscription, handled in its turn.
            tenant.planId = std::nullopt;
        }
        history.subscriptions.push_back(std::move(subscription));
    }

    // Trials: some of the newest free tenants are trying a paid plan now.
    const Plan *trialPlan = nullptr;
    for (const Plan &plan : data.plans) {
        if (plan.key == "pro" && plan.price.currency() == *Currency::fromCode("usd"))
            trialPlan = &plan;
    }
    const Timestamp recent = now - std::chrono::days(45);
    std::set<std::string> subscribed;
    for (const Subscription &subscription : history.subscriptions)
        subscribed.insert(subscription.tenantId);
    for (Tenant &tenant : data.tenants) {
        if (!trialPlan || tenant.createdAt < recent || subscribed.count(tenant.id) != 0
            || !random.chancePpm(400'000))
            continue;
        Subscription trial;
        trial.id = sequenceId("sub_", history.subscriptions.size());
        trial.tenantId = tenant.id;
        trial.planId = trialPlan->id;
        trial.quantity = random.between(1, 5);
        trial.status = SubscriptionStatus::Trialing;
        trial.currentPeriodStart = now - std::chrono::days(random.between(0, 10));
        trial.trialEnd = trial.currentPeriodStart + std::chrono::days(trialPlan->trialDays);
        trial.currentPeriodEnd = *trial.trialEnd;
        trial.createdAt = trial.currentPeriodStart;
        trial.updatedAt = trial.createdAt;
        tenant.planId = trial.planId;
        history.subscriptions.push_back(std::move(trial));
    }

    for (std::size_t i = 0; i < data.spend.size(); ++i) {
        const AcquisitionSpend &spend = data.spend[i];
        const Timestamp booked = spend.month.next().start();
        history.spend.push_back(
            {"spd_" + spend.month.toString().erase(4, 1) + spend.amount.currency().toString(),
             spend,
             booked,
             booked,
             1});
    }

    // End users: an owner for every tenant, and a few colleagues.
    for (const Tenant &tenant : data.tenants) {
        const auto count = static_cast<std::size_t>(random.between(1, 5));
        for (std::size_t i = 0; i < count; ++i) {
            const std::string first(kFirstNames[random.below(std::size(kFirstNames))]);
            TenantUserRecord user;
            user.tenantId = tenant.id;
            user.id = sequenceId("tus_", history.users.size());
            user.email = first + std::to_string(i + 1) + "@" + tenant.slug + ".example";
            user.name = std::string(1, static_cast<char>(first.front() - 'a' + 'A'))
                        + first.substr(1);
            user.role = i == 0 ? "owner" : i == 1 ? "admin" : "member";
            user.createdAt = tenant.createdAt + std::chrono::hours(24 * static_cast<int>(i));
            history.users.push_back(std::move(user));
        }
    }

    // Overrides: single sign-on pilots for some paying tenants, analytics switched off for one.
    for (const Subscription &subscription : history.subscriptions) {
        if (subscription.status != SubscriptionStatus::Active || !random.chancePpm(50'000))
            continue;
        FeatureOverride override;
        override.tenantId = subscription.tenantId;
        override.featureKey = "sso";
        override.enabled = true;
        override.reason = "Single sign-on pilot agreed with the customer";
        override.expiresAt = now + std::chrono::days(random.between(7, 60));
        override.createdBy = actorId;
        override.createdAt = now - std::chrono::days(random.between(1, 20));
        override.updatedAt = override.createdAt;
        history.overrides.push_back(std::move(override));
    }
    return history;
}

} // namespace Tenantry::Server
