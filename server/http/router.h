#pragma once

#include "server/http/httprequest.h"
#include "server/http/httpresponse.h"

#include <functional>
#include <string>
#include <vector>

namespace Tenantry::Server {

using Handler = std::function<HttpResponse(HttpRequest &request)>;

// Routes "METHOD /pattern" to handlers. Patterns are literal segments and "{name}" parameters:
// "/v1/tenants/{id}/notes". A match fills request.pathParameters. Unknown paths answer 404 and
// known paths with another method 405 with an Allow header (both as ApiError JSON).
// Matching is exact per segment: a trailing slash is another path, a parameter matches one
// non-empty segment, and where several patterns match, the one with a literal segment first
// from the left wins ("/v1/sessions/current" over "/v1/sessions/{id}"). HEAD is not mapped to
// GET. Add every route before serving: dispatch() may then run on many threads at once.
class Router
{
public:
    struct Route
    {
        HttpMethod method;
        std::string pattern;
    };

    // Throws std::invalid_argument for a pattern that does not start with '/' or has an empty
    // "{}" parameter (a programming error, found at start-up).
    void add(HttpMethod method, std::string pattern, Handler handler);

    // Finds the route and calls it; 404/405 as described above.
    HttpResponse dispatch(HttpRequest &request) const;

    // Every registered route, in registration order (for the OpenAPI contract test).
    std::vector<Route> routes() const;

private:
    struct Entry
    {
        Route route;
        std::vector<std::string> segments;
        Handler handler;
    };
    std::vector<Entry> m_entries;
};

} // namespace Tenantry::Server
