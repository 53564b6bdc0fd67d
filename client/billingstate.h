#pragma once

#include "core/timestamp.h"

#include <optional>
#include <string>

namespace Tenantry {

// GET /v1/billing: which billing provider the server runs and, for the simulator, the time of
// its test clock.
struct BillingState
{
    std::string provider; // "simulator", "stripe", "none"
    std::optional<Timestamp> testClock;

    bool hasTestClock() const { return testClock.has_value(); }
};

} // namespace Tenantry
