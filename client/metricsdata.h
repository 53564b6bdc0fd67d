#pragma once

#include "core/acquisitionspend.h"
#include "core/mrrevent.h"

#include <QDateTime>

#include <string>
#include <vector>

namespace Tenantry {

// Everything the finance dashboard computes from, as read from the MetricsCache: the MRR events
// in feed order (the engine keeps the input order of events at the same instant), the spend
// records, the plans' names, when the cache was last synced (invalid: never) and the cache's
// data version (to tell whether a report snapshot was computed from this data).
struct MetricsData
{
    struct PlanName
    {
        std::string id;
        std::string name;
    };

    std::vector<MrrEvent> events;
    std::vector<AcquisitionSpend> spend;
    std::vector<PlanName> plans;
    QDateTime lastSync;     // UTC
    qint64 dataVersion = 0; // MetricsCache::dataVersion() of what was read
};

} // namespace Tenantry
