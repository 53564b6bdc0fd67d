#pragma once

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace Tenantry::Server {

struct HttpResponse
{
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers; // in order; names as given
    std::string body;
    // What an Idempotency-Key replay of this response answers instead of `body`, when the body
    // holds something that must never be stored (a secret shown once). Unset: `body` itself.
    std::optional<std::string> replayBody;

    // Replaces any header of that name (compared case-insensitively).
    void setHeader(std::string_view name, std::string_view value);
    const std::string *header(std::string_view name) const; // case-insensitive; nullptr if none

    // A JSON body with Content-Type: application/json.
    static HttpResponse json(int status, const nlohmann::json &body);
    static HttpResponse json(int status, std::string jsonText); // already JSON text
    static HttpResponse noContent();                            // 204
};

} // namespace Tenantry::Server
