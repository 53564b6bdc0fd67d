#include "core/metrics/mrrledger.h"

#include <algorithm>
#include <functional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace Tenantry {

namespace {

// Subscription ids need only be unique within a tenant: a subscription is keyed by both.
using SubscriptionKey = std::pair<std::string_view, std::string_view>;

struct SubscriptionKeyHash
{
    std::size_t operator()(const SubscriptionKey &key) const noexcept
    {
        const std::size_t first = std::hash<std::string_view>{}(key.first);
        const std::size_t second = std::hash<std::string_view>{}(key.second);
        return first ^ (second + 0x9e3779b97f4a7c15ULL + (first << 6) + (first >> 2));
    }
};

// Dense indexes for keys that point into the caller's events, which outlive the build.
template<typename Key, typename Hash = std::hash<Key>>
class Interner
{
public:
    explicit Interner(std::size_t expected) { m_indexes.reserve(expected); }

    // The key's index and whether it was seen for the first time.
    std::pair<std::uint32_t, bool> intern(const Key &key)
    {
        const auto [it, inserted] = m_indexes.try_emplace(key,
                                                          static_cast<std::uint32_t>(
                                                              m_indexes.size()));
        return {it->second, inserted};
    }

    std::size_t size() const { return m_indexes.size(); }

private:
    std::unordered_map<Key, std::uint32_t, Hash> m_indexes;
};

} // namespace

Result<MrrLedger> MrrLedger::build(std::span<const MrrEvent> events, Currency currency)
{
    MrrLedger ledger(currency);
    ledger.m_entries.reserve(events.size());

    Interner<std::string_view> customers(events.size() / 8 + 16);
    Interner<SubscriptionKey, SubscriptionKeyHash> subscriptions(events.size() / 4 + 16);
    Interner<std::string_view> plans(16);

    for (std::size_t i = 0; i < events.size(); ++i) {
        const MrrEvent &event = events[i];
        if (event.currency != currency)
            continue;
        if (event.mrr < 0 || event.mrr > maxEventMrr) {
            return Error{"invalid_value",
                         "mrr must be between 0 and " + std::to_string(maxEventMrr)
                             + " minor units, got " + std::to_string(event.mrr),
                         "/" + std::to_string(i) + "/mrr"};
        }

        Entry entry{};
        entry.at = event.at.time_since_epoch().count();
        entry.mrr = event.mrr;

        const auto [customer, newCustomer] = customers.intern(event.tenantId);
        if (newCustomer)
            ledger.m_customerIds.push_back(event.tenantId);
        entry.customer = customer;
        entry.subscription = subscriptions.intern({event.tenantId, event.subscriptionId}).first;

        entry.plan = noPlan;
        if (event.planId) {
            const auto [plan, newPlan] = plans.intern(*event.planId);
            if (newPlan)
                ledger.m_planIds.push_back(*event.planId);
            entry.plan = plan;
        }
        ledger.m_entries.push_back(entry);
    }
    ledger.m_subscriptionCount = subscriptions.size();

    // Feeds arrive ordered by time almost always; sort only when they are not. Events with
    // equal times apply in input order.
    std::vector<Entry> &entries = ledger.m_entries;
    const auto byTime = [](const Entry &a, const Entry &b) { return a.at < b.at; };
    if (!std::is_sorted(entries.begin(), entries.end(), byTime)) {
        if (entries.size() <= UINT32_MAX) {
            // In place, as stable_sort would order them: its buffer of half the entries (16 MB
            // for a million) was the peak of a build. Ties are broken by the input position,
            // kept meanwhile in the entries' spare field.
            for (std::size_t i = 0; i < entries.size(); ++i)
                entries[i].reserved = static_cast<std::uint32_t>(i);
            std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
                return a.at != b.at ? a.at < b.at : a.reserved < b.reserved;
            });
            for (Entry &entry : entries)
                entry.reserved = 0;
        } else {
            std::stable_sort(entries.begin(), entries.end(), byTime);
        }
    }
    return ledger;
}

MrrLedger MrrLedger::ofPlan(std::string_view planId) const
{
    MrrLedger ledger(m_currency);
    ledger.m_customerIds = m_customerIds;
    ledger.m_planIds = m_planIds;
    ledger.m_subscriptionCount = m_subscriptionCount;
    const auto plan = std::find(m_planIds.begin(), m_planIds.end(), planId);
    if (plan == m_planIds.end())
        return ledger;
    const auto index = static_cast<std::uint32_t>(plan - m_planIds.begin());
    // Twice over the entries: counting the plan's first, so that its vector is allocated once
    // (growing it would hold a copy and a half of it at a time).
    const auto forEachKept = [this, index](auto &&keep) {
        std::vector<bool> onPlan(m_subscriptionCount, false);
        for (const Entry &entry : m_entries) {
            if (entry.plan == index) {
                onPlan[entry.subscription] = true;
                keep(entry);
            } else if (onPlan[entry.subscription]) {
                Entry kept = entry;
                if (entry.plan != noPlan) { // moved to another plan: gone from this one
                    kept.mrr = 0;
                    onPlan[entry.subscription] = false;
                }
                keep(kept);
            }
        }
    };
    std::size_t count = 0;
    forEachKept([&count](const Entry &) { ++count; });
    ledger.m_entries.reserve(count);
    forEachKept([&ledger](const Entry &entry) { ledger.m_entries.push_back(entry); });
    return ledger;
}

Result<Currency> selectCurrency(std::span<const MrrEvent> events,
                                std::span<const AcquisitionSpend> spend,
                                std::optional<Currency> requested)
{
    std::set<Currency> seen;
    for (const MrrEvent &event : events)
        seen.insert(event.currency);
    for (const AcquisitionSpend &record : spend)
        seen.insert(record.amount.currency());

    std::string names;
    for (const Currency &currency : seen)
        names += (names.empty() ? "" : ", ") + currency.toString();

    if (requested) {
        if (!seen.empty() && !seen.contains(*requested)) {
            return Error{"invalid_value",
                         "no events or spend in " + requested->toString() + " (the data has "
                             + names + ")",
                         {}};
        }
        return *requested;
    }
    if (seen.size() > 1) {
        return Error{"mixed_currencies",
                     "the data mixes currencies (" + names
                         + "); choose one, they are never added together",
                     {}};
    }
    if (seen.empty())
        return Error{"no_data", "there are no events and no spend to compute from", {}};
    return *seen.begin();
}

} // namespace Tenantry
