#include "core/metrics/cohorts.h"

namespace Tenantry {

Result<std::vector<CohortRow>> computeCohorts(const MrrLedger &ledger)
{
    const std::vector<MrrLedger::Entry> &entries = ledger.entries();
    if (entries.empty())
        return std::vector<CohortRow>{};

    const auto monthOf = [](std::int64_t micros) {
        return YearMonth::containing(Timestamp(std::chrono::microseconds(micros)));
    };
    const YearMonth firstMonth = monthOf(entries.front().at);
    const int monthCount = firstMonth.monthsUntil(monthOf(entries.back().at)) + 1;

    constexpr int noCohort = -1;
    const std::size_t customerCount = ledger.customerIds().size();
    std::vector<std::int64_t> subscriptionMrr(ledger.subscriptionCount(), 0);
    std::vector<std::int64_t> customerMrr(customerCount, 0);
    std::vector<int> cohortOf(customerCount, noCohort); // month index of the first MRR > 0
    std::vector<std::uint32_t> members;                 // customers with a cohort, by joining

    std::vector<CohortRow> rows;
    rows.reserve(static_cast<std::size_t>(monthCount));
    for (int i = 0; i < monthCount; ++i)
        rows.push_back(CohortRow{firstMonth.plusMonths(i), 0, {}});

    std::size_t next = 0;
    for (int month = 0; month < monthCount; ++month) {
        const std::int64_t end = firstMonth.plusMonths(month + 1).start().time_since_epoch().count();
        for (; next < entries.size() && entries[next].at < end; ++next) {
            const MrrLedger::Entry &entry = entries[next];
            const std::int64_t delta = entry.mrr - subscriptionMrr[entry.subscription];
            subscriptionMrr[entry.subscription] = entry.mrr;
            if (__builtin_add_overflow(customerMrr[entry.customer],
                                       delta,
                                       &customerMrr[entry.customer])) {
                return Error{"overflow", "a customer's MRR exceeds the 64-bit range", {}};
            }
            if (customerMrr[entry.customer] > 0 && cohortOf[entry.customer] == noCohort) {
                cohortOf[entry.customer] = month;
                ++rows[static_cast<std::size_t>(month)].customers;
                members.push_back(entry.customer);
            }
        }

        // Close the month for every cohort that exists by now.
        for (int cohort = 0; cohort <= month; ++cohort)
            rows[static_cast<std::size_t>(cohort)].cells.push_back(
                CohortCell{month - cohort, 0, 0, std::nullopt, 0.0});
        for (const std::uint32_t customer : members) {
            const std::int64_t mrr = customerMrr[customer];
            CohortCell &cell = rows[static_cast<std::size_t>(cohortOf[customer])].cells.back();
            if (__builtin_add_overflow(cell.mrr, mrr, &cell.mrr))
                return Error{"overflow", "a cohort's MRR exceeds the 64-bit range", {}};
            if (mrr > 0)
                ++cell.activeCustomers;
        }
    }

    std::vector<CohortRow> cohorts;
    for (CohortRow &row : rows) {
        if (row.customers == 0)
            continue;
        const std::int64_t initialMrr = row.cells.front().mrr;
        for (CohortCell &cell : row.cells) {
            if (initialMrr > 0) {
                cell.mrrRetention = static_cast<double>(static_cast<long double>(cell.mrr)
                                                        / static_cast<long double>(initialMrr));
            }
            cell.logoRetention = static_cast<double>(static_cast<long double>(cell.activeCustomers)
                                                     / static_cast<long double>(row.customers));
        }
        cohorts.push_back(std::move(row));
    }
    return cohorts;
}

} // namespace Tenantry
