#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace Tenantry::Server {

// One line of the access log. It holds no query string, header or body by construction:
// `path` is the path alone, so tokens and passwords passed as query parameters, the
// Authorization header and request bodies never reach the log.
struct AccessLogEntry
{
    std::chrono::system_clock::time_point time; // when the request started
    std::string requestId;
    std::string remoteAddress;
    std::string method;
    std::string path;
    int status = 0;
    std::size_t bytes = 0; // response body bytes sent
    std::chrono::steady_clock::duration duration{};

    // {"ts","request_id","remote","method","path","status","bytes","duration_ms"} on one line
    // without a trailing newline; "ts" is RFC 3339 UTC with milliseconds.
    std::string toJsonLine() const;
};

} // namespace Tenantry::Server
