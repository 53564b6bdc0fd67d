#pragma once

#include "core/acquisitionspend.h"
#include "core/mrrevent.h"
#include "core/plan.h"
#include "core/tenant.h"
#include "core/yearmonth.h"

#include <cstdint>
#include <vector>

namespace Tenantry {

struct DemoDataOptions
{
    std::uint64_t seed = 1;
    int customers = 200; // tenants created over the months (>= 1)
    int months = 24;     // months of history (>= 1)
    YearMonth start = YearMonth(2024, 1);
};

struct DemoDataSet
{
    std::vector<Plan> plans;
    std::vector<Tenant> tenants;
    std::vector<MrrEvent> events;        // ordered by time
    std::vector<AcquisitionSpend> spend; // one record per month and currency
};

// A realistic SaaS history, the same for the same options on every machine: the seed's three
// plans (free, pro, enterprise) plus a yearly pro plan, in usd and (for some customers) eur;
// per-seat prices so that customers expand and contract; upgrades, downgrades, churn and
// reactivations; free customers converting; monthly acquisition spend that follows sign-ups.
class DemoDataGenerator
{
public:
    explicit DemoDataGenerator(const DemoDataOptions &options);

    DemoDataSet generate() const;

private:
    DemoDataOptions m_options;
};

} // namespace Tenantry
