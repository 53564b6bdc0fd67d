#pragma once

#include "core/acquisitionspend.h"
#include "core/currency.h"
#include "core/mrrevent.h"
#include "core/result.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace Tenantry {

// MRR events of one currency, prepared for the metrics engine: ordered by time (events with
// equal times keep their input order), tenant and subscription ids interned into dense
// indexes, 32 bytes an event. Building it is the only step that touches strings; every
// computation over it is a linear pass over plain integers.
class MrrLedger
{
public:
    struct Entry
    {
        std::int64_t at;        // microseconds since the Unix epoch, UTC
        std::int64_t mrr;       // the subscription's MRR after the event, minor units
        std::uint32_t customer; // index into customerIds()
        std::uint32_t subscription;
        std::uint32_t plan; // index into planIds(); noPlan when the event had none
        std::uint32_t reserved = 0;
    };
    static constexpr std::uint32_t noPlan = UINT32_MAX;

    // The largest MRR one event may carry: 10^15 minor units (ten trillion dollars a month).
    // It keeps every sum the engine forms far from int64 overflow.
    static constexpr std::int64_t maxEventMrr = 1'000'000'000'000'000;

    // Keeps only the events in `currency`. Errors: "invalid_value" (negative or out-of-range
    // mrr, naming the event's index as "/<index>/mrr").
    static Result<MrrLedger> build(std::span<const MrrEvent> events, Currency currency);

    // The revenue of one plan only, in the same time order: the plan's entries; a subscription
    // that moves to another plan leaves this one at the move (an entry of MRR 0: churn or
    // contraction here, new business on the other plan); an entry without a plan counts for the
    // plan its subscription is on. Customer and subscription indexes stay this ledger's, so a
    // customer without revenue on the plan is simply never active. No strings are touched: a
    // few milliseconds for a million entries. An unknown plan gives an empty ledger.
    MrrLedger ofPlan(std::string_view planId) const;

    Currency currency() const { return m_currency; }
    const std::vector<Entry> &entries() const { return m_entries; }
    const std::vector<std::string> &customerIds() const { return m_customerIds; }
    const std::vector<std::string> &planIds() const { return m_planIds; }
    std::size_t subscriptionCount() const { return m_subscriptionCount; }
    bool isEmpty() const { return m_entries.empty(); }

private:
    explicit MrrLedger(Currency currency)
        : m_currency(currency)
    {}

    Currency m_currency;
    std::vector<Entry> m_entries;
    std::vector<std::string> m_customerIds;
    std::vector<std::string> m_planIds;
    std::size_t m_subscriptionCount = 0;
};

// The one currency a report is computed in. Several currencies are never mixed: with
// `requested` set, that one (an error if neither events nor spend use it); otherwise the only
// currency the events and spend use, or an error "mixed_currencies" naming them all.
Result<Currency> selectCurrency(std::span<const MrrEvent> events,
                                std::span<const AcquisitionSpend> spend,
                                std::optional<Currency> requested);

} // namespace Tenantry
