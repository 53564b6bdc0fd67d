#include "core/metrics/series.h"

#include <algorithm>
#include <cmath>

namespace Tenantry {

namespace {

__extension__ typedef __int128 Int128; // GCC and Clang have it; -Wpedantic needs telling

// numerator / denominator rounded half up, for numerator >= 0 and denominator > 0.
std::int64_t roundedQuotient(Int128 numerator, Int128 denominator)
{
    return static_cast<std::int64_t>((numerator * 2 + denominator) / (denominator * 2));
}

long double ratio(Int128 numerator, Int128 denominator)
{
    return static_cast<long double>(numerator) / static_cast<long double>(denominator);
}

// Adds `value` to `sum`; false when the result leaves int64.
[[nodiscard]] bool accumulate(std::int64_t &sum, std::int64_t value)
{
    return !__builtin_add_overflow(sum, value, &sum);
}

Error overflowError(const Period &period)
{
    return Error{"overflow", "MRR sums of " + period.label() + " exceed the 64-bit range", {}};
}

// In (0, 1] and not below one part per million, the precision ratios are computed with.
bool isValidShare(double value)
{
    return std::isfinite(value) && value >= 1e-6 && value <= 1;
}

// An exact non-negative fraction of 128-bit integers.
struct Fraction
{
    Int128 numerator;
    Int128 denominator;

    std::int64_t rounded() const { return roundedQuotient(numerator, denominator); }
    double value() const { return static_cast<double>(ratio(numerator, denominator)); }
};

// Churn floor and gross margin are taken to six decimal places: as integers in parts per
// million, every ratio below is one exact fraction, rounded once at the end.
constexpr Int128 kMillion = 1'000'000;

Int128 partsPerMillion(double share)
{
    return static_cast<Int128>(std::llround(share * 1e6));
}

void computeRatios(PeriodMetrics &m,
                   std::int64_t retainedNet,
                   std::int64_t retainedGross,
                   const SeriesOptions &options)
{
    if (m.customersStart > 0)
        m.customerChurnRate = Fraction{m.churnedCustomers, m.customersStart}.value();
    if (m.customersEnd > 0)
        m.arpa = roundedQuotient(m.endMrr, m.customersEnd);
    if (m.startMrr > 0) {
        m.nrr = Fraction{retainedNet, m.startMrr}.value();
        m.grr = Fraction{retainedGross, m.startMrr}.value();
    }
    const Int128 gained = Int128(m.newMrr) + m.expansionMrr + m.reactivationMrr;
    const Int128 lost = Int128(m.contractionMrr) + m.churnedMrr;
    if (lost > 0)
        m.quickRatio = Fraction{gained, lost}.value();
    if (m.newCustomers > 0 && m.spend)
        m.cac = roundedQuotient(*m.spend, m.newCustomers);

    // LTV = ARPA / max(churn, floor)
    //     = (end / customersEnd) / (churned / customersStart)   when churn >= floor,
    //     = (end / customersEnd) / (floorPpm / 10^6)            otherwise.
    std::optional<Fraction> ltv;
    if (m.arpa && m.customerChurnRate) {
        const Int128 floorPpm = partsPerMillion(options.churnFloor);
        if (Int128(m.churnedCustomers) * kMillion >= floorPpm * m.customersStart)
            ltv = Fraction{Int128(m.endMrr) * m.customersStart,
                           Int128(m.customersEnd) * m.churnedCustomers};
        else
            ltv = Fraction{Int128(m.endMrr) * kMillion, Int128(m.customersEnd) * floorPpm};
        m.ltv = ltv->rounded();
    }
    if (m.cac) {
        // LTV / CAC, with CAC = spend / newCustomers; no ratio when nothing was spent.
        const std::int64_t spend = *m.spend;
        if (ltv && spend > 0)
            m.ltvCacRatio = Fraction{ltv->numerator * m.newCustomers, ltv->denominator * spend}
                                .value();
        // CAC / (ARPA * margin) = spend * customersEnd * 10^6 / (newCustomers * end * marginPpm)
        if (m.arpa)
            m.paybackMonths = Fraction{Int128(spend) * m.customersEnd * kMillion,
                                       Int128(m.newCustomers) * m.endMrr
                                           * partsPerMillion(options.grossMargin)}
                                  .value();
    }
}

} // namespace

Result<std::vector<PeriodMetrics>> computeSeries(const MrrLedger &ledger,
                                                 std::span<const AcquisitionSpend> spend,
                                                 const SeriesOptions &options)
{
    if (!isValidShare(options.churnFloor))
        return Error{"invalid_value", "the churn floor must be from 0.000001 to 1", {}};
    if (!isValidShare(options.grossMargin))
        return Error{"invalid_value", "the gross margin must be from 0.000001 to 1", {}};

    const std::vector<MrrLedger::Entry> &entries = ledger.entries();
    std::optional<YearMonth> first;
    std::optional<YearMonth> last;
    const auto extend = [&](YearMonth month) {
        first = first ? std::min(*first, month) : month;
        last = last ? std::max(*last, month) : month;
    };
    const auto toTimestamp = [](std::int64_t micros) {
        return Timestamp(std::chrono::microseconds(micros));
    };
    if (!entries.empty()) {
        extend(YearMonth::containing(toTimestamp(entries.front().at)));
        extend(YearMonth::containing(toTimestamp(entries.back().at)));
    }
    for (const AcquisitionSpend &record : spend) {
        if (record.amount.currency() == ledger.currency())
            extend(record.month);
    }
    if (!first)
        return std::vector<PeriodMetrics>{};

    const int monthsPerPeriod = options.interval == Interval::Quarter ? 3 : 1;
    const Period firstPeriod = Period::containing(*first, options.interval);
    const auto periodIndex = [&](YearMonth month) {
        return static_cast<std::size_t>(firstPeriod.firstMonth().monthsUntil(month)
                                        / monthsPerPeriod);
    };
    const std::size_t periodCount = periodIndex(*last) + 1;

    std::vector<std::optional<std::int64_t>> spendByPeriod(periodCount);
    for (const AcquisitionSpend &record : spend) {
        if (record.amount.currency() != ledger.currency())
            continue;
        std::optional<std::int64_t> &sum = spendByPeriod[periodIndex(record.month)];
        if (!accumulate(sum.emplace(sum.value_or(0)), record.amount.amount()))
            return Error{"overflow", "acquisition spend exceeds the 64-bit range", {}};
    }

    const std::size_t customerCount = ledger.customerIds().size();
    std::vector<std::int64_t> subscriptionMrr(ledger.subscriptionCount(), 0);
    std::vector<std::int64_t> customerMrr(customerCount, 0);
    std::vector<std::int64_t> startMrr(customerCount, 0);
    std::vector<bool> everPaid(customerCount, false);
    std::vector<std::size_t> reactivatedIn(customerCount, SIZE_MAX);
    std::vector<std::uint32_t> activeAtStart;

    std::vector<PeriodMetrics> series;
    series.reserve(periodCount);
    std::int64_t totalMrr = 0;
    std::int64_t activeCustomers = 0;
    std::size_t next = 0;
    Period period = firstPeriod;

    for (std::size_t index = 0; index < periodCount; ++index, period = period.next()) {
        PeriodMetrics m(period);
        m.startMrr = totalMrr;
        m.customersStart = activeCustomers;
        m.spend = spendByPeriod[index];

        activeAtStart.clear();
        for (std::uint32_t c = 0; c < customerCount; ++c) {
            if (customerMrr[c] > 0) {
                activeAtStart.push_back(c);
                startMrr[c] = customerMrr[c];
            }
        }

        const std::int64_t end = period.end().time_since_epoch().count();
        bool ok = true;
        for (; next < entries.size() && entries[next].at < end; ++next) {
            const MrrLedger::Entry &entry = entries[next];
            const std::int64_t delta = entry.mrr - subscriptionMrr[entry.subscription];
            subscriptionMrr[entry.subscription] = entry.mrr;
            const std::int64_t before = customerMrr[entry.customer];
            ok = ok && accumulate(customerMrr[entry.customer], delta)
                 && accumulate(totalMrr, delta);
            const std::int64_t after = customerMrr[entry.customer];

            if (before == 0 && after > 0) {
                ++activeCustomers;
                if (everPaid[entry.customer]) {
                    ok = ok && accumulate(m.reactivationMrr, after);
                    if (reactivatedIn[entry.customer] != index) {
                        reactivatedIn[entry.customer] = index;
                        ++m.reactivatedCustomers;
                    }
                } else {
                    everPaid[entry.customer] = true;
                    ok = ok && accumulate(m.newMrr, after);
                    ++m.newCustomers;
                }
            } else if (before > 0 && after == 0) {
                --activeCustomers;
                ok = ok && accumulate(m.churnedMrr, before);
            } else if (after > before) {
                ok = ok && accumulate(m.expansionMrr, after - before);
            } else if (after < before) {
                ok = ok && accumulate(m.contractionMrr, before - after);
            }
        }
        if (!ok)
            return overflowError(period);

        m.endMrr = totalMrr;
        m.customersEnd = activeCustomers;

        std::int64_t retainedNet = 0;
        std::int64_t retainedGross = 0;
        for (const std::uint32_t c : activeAtStart) {
            const std::int64_t now = customerMrr[c];
            if (now == 0)
                ++m.churnedCustomers;
            ok = ok && accumulate(retainedNet, now)
                 && accumulate(retainedGross, std::min(now, startMrr[c]));
        }
        if (!ok)
            return overflowError(period);

        computeRatios(m, retainedNet, retainedGross, options);
        series.push_back(m);
    }
    return series;
}

} // namespace Tenantry
