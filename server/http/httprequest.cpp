#include "server/http/httprequest.h"

#include <stdexcept>

namespace Tenantry::Server {

std::string_view toString(HttpMethod method)
{
    switch (method) {
    case HttpMethod::Get:
        return "GET";
    case HttpMethod::Head:
        return "HEAD";
    case HttpMethod::Post:
        return "POST";
    case HttpMethod::Put:
        return "PUT";
    case HttpMethod::Patch:
        return "PATCH";
    case HttpMethod::Delete:
        return "DELETE";
    case HttpMethod::Options:
        return "OPTIONS";
    case HttpMethod::Other:
        break;
    }
    return "OTHER";
}

HttpResponder HttpRequest::answerLater()
{
    if (!deferResponse)
        throw std::logic_error("HttpRequest::answerLater: the request did not come through "
                               "HttpServer");
    return deferResponse();
}

std::optional<std::string> HttpRequest::header(std::string_view lowerCaseName) const
{
    const auto it = headers.find(std::string(lowerCaseName));
    if (it == headers.end())
        return std::nullopt;
    return it->second;
}

std::optional<std::string> HttpRequest::queryValue(std::string_view name) const
{
    for (const auto &[key, value] : query) {
        if (key == name)
            return value;
    }
    return std::nullopt;
}

std::string HttpRequest::pathParameter(const std::string &name) const
{
    const auto it = pathParameters.find(name);
    return it == pathParameters.end() ? std::string() : it->second;
}

} // namespace Tenantry::Server
