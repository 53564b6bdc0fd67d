#pragma once

#include "server/http/httpresponse.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace Tenantry::Server {

enum class HttpMethod { Get, Head, Post, Put, Patch, Delete, Options, Other };

std::string_view toString(HttpMethod method); // "GET", "POST", ...

// Sends the response of a request whose handler returned before the response was ready. Call
// it once, from any thread; later calls do nothing. When every copy is dropped uncalled, the
// client gets a 500 internal_error.
using HttpResponder = std::function<void(HttpResponse response)>;

// A request as the API layer sees it: no Beast types, so handlers compile fast and can be
// tested without a socket. Header names are stored lower-cased.
struct HttpRequest
{
    HttpMethod method = HttpMethod::Get;
    std::string target; // as received: "/v1/tenants?limit=10"
    std::string path;   // percent-decoded path without the query: "/v1/tenants"
    std::vector<std::pair<std::string, std::string>> query; // decoded, in order
    std::map<std::string, std::string> headers;             // lower-case name -> value
    std::string body;
    std::string remoteAddress; // "127.0.0.1" or "::1", without the port
    std::string requestId;     // "req_..." assigned by the server for this request

    // Filled by the router: "{id}" in "/v1/tenants/{id}" -> "ten_123".
    std::map<std::string, std::string> pathParameters;

    // Set by the server for its handler: see answerLater().
    std::function<HttpResponder()> deferResponse;

    // For a handler that waits on work other threads finish (a group commit) and should not
    // hold a server thread meanwhile: returns the function that sends this request's response;
    // the handler then returns, and what it returns is ignored. The connection waits for the
    // response (a graceful stop too). Only during the handler, and only for a request that came
    // through HttpServer: elsewhere it throws std::logic_error.
    HttpResponder answerLater();

    std::optional<std::string> header(std::string_view lowerCaseName) const;
    std::optional<std::string> queryValue(std::string_view name) const; // the first one
    std::string pathParameter(const std::string &name) const;           // "" when absent
};

} // namespace Tenantry::Server
