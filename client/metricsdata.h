#pragma once

#include "core/acquisitionspend.h"
#include "core/mrrevent.h"

#include <QDateTime>

#include <map>
#include <string>
#include <vector>

namespace Tenantry {

// Everything the finance dashboard computes from, as read from the MetricsCache: the MRR events
// in feed order (the engine keeps the input order of events at the same instant), the spend
// records, the plans' names (and the currency of their price), the tenants' names by id, when the
// cache was last synced (invalid: never) and the cache's data version (to tell whether a report
// snapshot was computed from this data).
struct MetricsData
{
    struct PlanName
    {
        std::string id;
        std::string name;
        std::string currency; // "usd"
    };

    std::vector<MrrEvent> events;
    std::vector<AcquisitionSpend> spend;
    std::vector<PlanName> plans;
    std::map<std::string, std::string> tenantNames; // id -> name
    QDateTime lastSync;                             // UTC
    qint64 dataVersion = 0;                         // MetricsCache::dataVersion() of what was read
};

} // namespace Tenantry
