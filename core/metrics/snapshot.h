#pragma once

#include <cstdint>

namespace Tenantry {

// The seed's single-period unit-economics tracker, reproduced exactly, guards included.
// Inputs are plain numbers in one unit of money (the seed's example uses whole dollars).
struct SnapshotInput
{
    double mrr = 0;
    std::int64_t totalUsers = 0;
    double salesMarketingCost = 0;
    std::int64_t newUsers = 0;
    std::int64_t churnedUsers = 0;
};

struct SnapshotMetrics
{
    double arpu = 0;                // mrr / total_users
    double cac = 0;                 // sales_marketing_cost / new_users
    double churnRate = 0;           // churned_users / total_users
    double ltv = 0;                 // arpu / churn_rate (churn 0 counts as 0.01)
    double ltvCacRatio = 0;         // ltv / cac (cac 0 counts as 1)
    double paybackPeriodMonths = 0; // cac / arpu (arpu 0 counts as 1)
};

// The seed's guards: a zero denominator becomes 1 in arpu, cac and churn_rate; a churn rate of
// 0 becomes 0.01 in ltv; a zero cac or arpu becomes 1 in the ratio and the payback period.
// mrr=50000, total_users=1000, sm_cost=15000, new_users=50, churned_users=20 gives
// LTV:CAC 8.33 and payback 6.0 months.
SnapshotMetrics computeSnapshot(const SnapshotInput &input);

} // namespace Tenantry
