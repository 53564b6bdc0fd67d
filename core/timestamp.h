#pragma once

#include "core/result.h"

#include <chrono>
#include <string>
#include <string_view>

namespace Tenantry {

// An instant in UTC with microsecond precision (PostgreSQL's timestamptz precision).
using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;

// RFC 3339: "2025-01-31T23:59:59Z", "2025-01-31T23:59:59.123456+02:00", "t" and "z" in any
// case. Any number of fraction digits; past six (microseconds) they are truncated. Offsets are
// applied so the result is UTC. Invalid dates (2025-02-30), hours > 23, seconds > 59 are errors,
// so is a leap second (":60", which sys_time cannot represent), and so is an instant outside
// years 0000-9999 in UTC. Errors have the code "invalid_value".
Result<Timestamp> parseRfc3339(std::string_view text);

// "2025-01-31T23:59:59Z", with ".123456" only when the fraction is not zero (always six
// digits: ".500000").
std::string formatRfc3339(Timestamp timestamp);

// The same wall-clock time (UTC) `months` calendar months later, the day clamped to the end of
// a shorter month (Jan 31 + 1 month = Feb 28 or 29), as billing periods advance.
Timestamp addCalendarMonths(Timestamp timestamp, int months);

} // namespace Tenantry
