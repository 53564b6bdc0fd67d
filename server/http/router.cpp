#include "server/http/router.h"

#include "server/http/apierror.h"

#include <algorithm>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace Tenantry::Server {

namespace {

// "/v1/tenants/{id}" -> {"v1", "tenants", "{id}"}; "/" -> {""}; "/a/" -> {"a", ""}.
std::vector<std::string_view> splitPath(std::string_view path)
{
    std::vector<std::string_view> segments;
    if (!path.empty() && path.front() == '/')
        path.remove_prefix(1);
    for (;;) {
        const auto slash = path.find('/');
        segments.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos)
            break;
        path.remove_prefix(slash + 1);
    }
    return segments;
}

bool isParameter(std::string_view segment)
{
    return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

// Which pattern segments are literal: compared lexicographically, more specific is greater.
std::vector<bool> specificity(const std::vector<std::string> &segments)
{
    std::vector<bool> result;
    result.reserve(segments.size());
    for (const auto &segment : segments)
        result.push_back(!isParameter(segment));
    return result;
}

bool matches(const std::vector<std::string> &pattern, const std::vector<std::string_view> &path)
{
    if (pattern.size() != path.size())
        return false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (isParameter(pattern[i])) {
            if (path[i].empty())
                return false;
        } else if (pattern[i] != path[i]) {
            return false;
        }
    }
    return true;
}

} // namespace

void Router::add(HttpMethod method, std::string pattern, Handler handler)
{
    if (pattern.empty() || pattern.front() != '/')
        throw std::invalid_argument("Router: a pattern must start with '/': " + pattern);
    std::vector<std::string> segments;
    for (const auto segment : splitPath(pattern)) {
        if (segment == "{}")
            throw std::invalid_argument("Router: a parameter needs a name: " + pattern);
        segments.emplace_back(segment);
    }
    m_entries.push_back(
        Entry{Route{method, std::move(pattern)}, std::move(segments), std::move(handler)});
}

HttpResponse Router::dispatch(HttpRequest &request) const
{
    const auto path = splitPath(request.path);
    const Entry *best = nullptr;
    std::vector<bool> bestSpecificity;
    std::vector<HttpMethod> allowed;
    for (const auto &entry : m_entries) {
        if (!matches(entry.segments, path))
            continue;
        if (entry.route.method != request.method) {
            if (std::find(allowed.begin(), allowed.end(), entry.route.method) == allowed.end())
                allowed.push_back(entry.route.method);
            continue;
        }
        auto entrySpecificity = specificity(entry.segments);
        if (!best || entrySpecificity > bestSpecificity) {
            best = &entry;
            bestSpecificity = std::move(entrySpecificity);
        }
    }

    if (best) {
        request.pathParameters.clear();
        for (std::size_t i = 0; i < best->segments.size(); ++i) {
            const auto &segment = best->segments[i];
            if (isParameter(segment))
                request.pathParameters[segment.substr(1, segment.size() - 2)] = std::string(path[i]);
        }
        return best->handler(request);
    }

    if (allowed.empty()) {
        return ApiError::notFound("Unrecognized request URL ("
                                  + std::string(toString(request.method)) + ": " + request.path
                                  + ").")
            .toResponse(request.requestId);
    }

    std::string allow;
    for (const auto method : allowed) {
        if (!allow.empty())
            allow += ", ";
        allow += toString(method);
    }
    auto response = ApiError::methodNotAllowed("This URL does not support this method; it accepts "
                                               + allow + ".")
                        .toResponse(request.requestId);
    response.setHeader("Allow", allow);
    return response;
}

std::vector<Router::Route> Router::routes() const
{
    std::vector<Route> result;
    result.reserve(m_entries.size());
    for (const auto &entry : m_entries)
        result.push_back(entry.route);
    return result;
}

} // namespace Tenantry::Server
