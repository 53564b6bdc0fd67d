#include "server/http/accesslogentry.h"

#include "core/json/jsonwriter.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <string>

namespace Tenantry::Server {

namespace {

std::string rfc3339(std::chrono::system_clock::time_point time)
{
    const auto sinceEpoch = time.time_since_epoch();
    const auto seconds = std::chrono::floor<std::chrono::seconds>(sinceEpoch);
    const auto milliseconds = std::chrono::duration_cast<std::chrono::milliseconds>(sinceEpoch
                                                                                    - seconds);
    const std::time_t asTimeT = static_cast<std::time_t>(seconds.count());
    std::tm utc{};
    gmtime_r(&asTimeT, &utc);
    std::array<char, 32> text{};
    const auto length = std::snprintf(text.data(),
                                      text.size(),
                                      "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                                      utc.tm_year + 1900,
                                      utc.tm_mon + 1,
                                      utc.tm_mday,
                                      utc.tm_hour,
                                      utc.tm_min,
                                      utc.tm_sec,
                                      static_cast<int>(milliseconds.count()));
    return std::string(text.data(), length > 0 ? static_cast<std::size_t>(length) : 0);
}

// Milliseconds to the microsecond, as "0.392", "1.5" or "3.0".
std::string milliseconds(std::chrono::steady_clock::duration duration)
{
    const long long microseconds = std::max<long long>(
        0, std::chrono::duration_cast<std::chrono::microseconds>(duration).count());
    const std::string fraction = std::to_string(1000 + microseconds % 1000).substr(1);
    const std::size_t digits = std::max<std::size_t>(1, fraction.find_last_not_of('0') + 1);
    return std::to_string(microseconds / 1000) + '.' + fraction.substr(0, digits);
}

} // namespace

std::string AccessLogEntry::toJsonLine() const
{
    // Written out directly rather than through a JSON document: every request writes one line,
    // and building and dumping a document cost about a twentieth of a GET's server time.
    std::string line;
    line.reserve(160 + path.size());
    JsonObjectWriter object(line);
    // Keys in the order a JSON document sorts them, as earlier versions wrote them.
    object.integer("bytes", static_cast<std::int64_t>(bytes));
    object.number("duration_ms", milliseconds(duration));
    object.string("method", method);
    object.string("path", path);
    object.string("remote", remoteAddress);
    object.string("request_id", requestId);
    object.integer("status", status);
    object.string("ts", rfc3339(time));
    object.finish();
    return line;
}

} // namespace Tenantry::Server
