#include "core/metrics/snapshot.h"

namespace Tenantry {

namespace {

double orOne(double value)
{
    return value == 0 ? 1.0 : value;
}

} // namespace

SnapshotMetrics computeSnapshot(const SnapshotInput &input)
{
    SnapshotMetrics metrics;
    const auto totalUsers = static_cast<double>(input.totalUsers);
    metrics.arpu = input.mrr / orOne(totalUsers);
    metrics.cac = input.salesMarketingCost / orOne(static_cast<double>(input.newUsers));
    metrics.churnRate = static_cast<double>(input.churnedUsers) / orOne(totalUsers);
    metrics.ltv = metrics.arpu / (metrics.churnRate == 0 ? 0.01 : metrics.churnRate);
    metrics.ltvCacRatio = metrics.ltv / orOne(metrics.cac);
    metrics.paybackPeriodMonths = metrics.cac / orOne(metrics.arpu);
    return metrics;
}

} // namespace Tenantry
