#pragma once

#include "core/metrics/mrrledger.h"
#include "core/result.h"
#include "core/yearmonth.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace Tenantry {

// One month offset of a cohort: where the cohort stands at the end of month cohort + offset.
struct CohortCell
{
    int offset = 0;
    std::int64_t mrr = 0;               // the cohort's MRR at the end of that month
    std::int64_t activeCustomers = 0;   // cohort members with MRR > 0 then
    std::optional<double> mrrRetention; // mrr / the cohort's MRR at the end of its first month
    double logoRetention = 0;           // activeCustomers / cohort size

    bool operator==(const CohortCell &other) const = default;
};

// The customers whose first MRR > 0 fell in `month`, followed to the last month of the data.
struct CohortRow
{
    YearMonth month;
    std::int64_t customers = 0;    // cohort size
    std::vector<CohortCell> cells; // offsets 0, 1, ... up to the data's last month

    bool operator==(const CohortRow &other) const = default;
};

// Monthly cohorts by first paid month, from the data's first month to its last. Net MRR
// retention is empty where the cohort's first-month MRR is 0 (all of it left that month).
// Error "overflow" if a cohort's MRR leaves int64.
Result<std::vector<CohortRow>> computeCohorts(const MrrLedger &ledger);

} // namespace Tenantry
