#include "server/http/accesslogentry.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <ctime>

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

} // namespace

std::string AccessLogEntry::toJsonLine() const
{
    const auto durationMs = std::chrono::duration<double, std::milli>(duration).count();
    const nlohmann::json line = {
        {"ts", rfc3339(time)},
        {"request_id", requestId},
        {"remote", remoteAddress},
        {"method", method},
        {"path", path},
        {"status", status},
        {"bytes", bytes},
        {"duration_ms", static_cast<double>(static_cast<long long>(durationMs * 1000.0)) / 1000.0},
    };
    return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace Tenantry::Server
