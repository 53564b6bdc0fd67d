#pragma once

#include "client/apilistjob.h"
#include "client/mrreventrecord.h"
#include "core/timestamp.h"

#include <optional>

namespace Tenantry {

// GET /v1/metrics/events: one page of the MRR event feed, oldest first (in the order the server
// recorded the events). `startingAfter` resumes after an event id; `updatedSince` keeps events
// recorded at or after that instant. `limit` 0 leaves the page size to the server; the feed
// allows up to 1000. Needs metrics.read.
class ListMrrEventsJob : public ApiListJob<MrrEventRecord>
{
    Q_OBJECT

public:
    static constexpr int maxLimit = 1000;

    ListMrrEventsJob(ApiClient *client,
                     int limit = 0,
                     const QString &startingAfter = {},
                     std::optional<Timestamp> updatedSince = {},
                     QObject *parent = nullptr);
};

} // namespace Tenantry
