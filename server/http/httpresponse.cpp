#include "server/http/httpresponse.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace Tenantry::Server {

namespace {

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    const auto lower = [](char c) {
        return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    };
    return a.size() == b.size()
           && std::equal(a.begin(), a.end(), b.begin(), [&lower](char x, char y) {
                  return lower(x) == lower(y);
              });
}

} // namespace

void HttpResponse::setHeader(std::string_view name, std::string_view value)
{
    const auto matches = [name](const std::pair<std::string, std::string> &entry) {
        return equalsIgnoringCase(entry.first, name);
    };
    const auto first = std::find_if(headers.begin(), headers.end(), matches);
    if (first == headers.end()) {
        headers.emplace_back(std::string(name), std::string(value));
        return;
    }
    first->first = std::string(name);
    first->second = std::string(value);
    headers.erase(std::remove_if(std::next(first), headers.end(), matches), headers.end());
}

const std::string *HttpResponse::header(std::string_view name) const
{
    for (const auto &[key, value] : headers) {
        if (equalsIgnoringCase(key, name))
            return &value;
    }
    return nullptr;
}

HttpResponse HttpResponse::json(int status, const nlohmann::json &body)
{
    // Strings from the network may hold invalid UTF-8: replace it rather than throw.
    return json(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

HttpResponse HttpResponse::json(int status, std::string jsonText)
{
    HttpResponse response;
    response.status = status;
    response.body = std::move(jsonText);
    response.headers.emplace_back("Content-Type", "application/json");
    return response;
}

HttpResponse HttpResponse::noContent()
{
    HttpResponse response;
    response.status = 204;
    return response;
}

} // namespace Tenantry::Server
