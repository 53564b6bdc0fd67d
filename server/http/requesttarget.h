#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace Tenantry::Server {

// An origin-form request target ("/v1/tenants?limit=10") split into its percent-decoded path
// and query. '+' means a space in the query only. Invalid encodings ("%zz", a truncated "%4"),
// a decoded NUL and targets that do not start with '/' make parse() return nothing.
struct RequestTarget
{
    std::string path;
    std::vector<std::pair<std::string, std::string>> query;

    static std::optional<RequestTarget> parse(std::string_view target);
    static std::optional<std::string> percentDecode(std::string_view text, bool plusIsSpace);
};

} // namespace Tenantry::Server
