#pragma once

#include "core/mrrevent.h"
#include "core/timestamp.h"

#include <string>

namespace Tenantry {

// One item of GET /v1/metrics/events: the event the engine computes from, with the feed's id
// (the cursor to resume after) and the time the server recorded it.
struct MrrEventRecord
{
    std::string id;
    MrrEvent event;
    Timestamp recordedAt{};

    bool operator==(const MrrEventRecord &other) const = default;
};

} // namespace Tenantry
