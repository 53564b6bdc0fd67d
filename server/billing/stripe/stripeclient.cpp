#include "server/billing/stripe/stripeclient.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <charconv>
#include <random>
#include <thread>

namespace Tenantry::Server {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kMaxResponseBytes = std::size_t(16) << 20;
constexpr std::chrono::seconds kMaxRetryAfter{60};

Error configError(std::string message)
{
    return Error{"invalid_config", std::move(message), {}, 0};
}

bool isLoopback(const std::string &host)
{
    if (host == "localhost")
        return true;
    boost::system::error_code error;
    const asio::ip::address address = asio::ip::make_address(host, error);
    return !error && address.is_loopback();
}

bool isIpAddress(const std::string &host)
{
    boost::system::error_code error;
    (void) asio::ip::make_address(host, error);
    return !error;
}

std::string randomIdempotencyKey()
{
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1) {
        std::random_device device;
        for (unsigned char &byte : bytes)
            byte = static_cast<unsigned char>(device());
    }
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string key = "tenantry-";
    for (const unsigned char byte : bytes) {
        key += kDigits[byte >> 4];
        key += kDigits[byte & 0xf];
    }
    return key;
}

// Completion state of one asynchronous operation run to its end on a private io_context.
struct Outcome
{
    beast::error_code error;
    bool done = false;
};

void runUntilDone(asio::io_context &io)
{
    io.restart();
    io.run();
}

std::string describe(const beast::error_code &error, std::string_view step)
{
    if (error == beast::error::timeout)
        return std::string(step) + " timed out";
    return std::string(step) + " failed: " + error.message();
}

} // namespace

Result<std::unique_ptr<StripeClient>> StripeClient::create(Options options)
{
    if (options.apiKey.empty())
        return configError("the Stripe API key is not set");
    if (options.maxAttempts < 1)
        return configError("Stripe client: maxAttempts must be at least 1");
    if (options.timeout <= std::chrono::milliseconds(0))
        return configError("Stripe client: the timeout must be positive");

    const std::string &url = options.baseUrl;
    Endpoint endpoint;
    std::string_view rest;
    if (url.starts_with("https://")) {
        endpoint.tls = true;
        rest = std::string_view(url).substr(8);
    } else if (url.starts_with("http://")) {
        endpoint.tls = false;
        rest = std::string_view(url).substr(7);
    } else {
        return configError("the Stripe API base URL must start with https:// (or http:// for a "
                           "loopback host), got \""
                           + url + "\"");
    }
    const std::size_t slash = rest.find('/');
    const std::string_view authority = rest.substr(0, slash);
    std::string prefix(slash == std::string_view::npos ? std::string_view() : rest.substr(slash));
    while (!prefix.empty() && prefix.back() == '/')
        prefix.pop_back();
    if (authority.empty() || authority.find('@') != std::string_view::npos
        || prefix.find_first_of("?#") != std::string::npos) {
        return configError("the Stripe API base URL \"" + url
                           + "\" is not of the form scheme://host[:port][/path]");
    }
    std::string_view portText;
    if (authority.starts_with('[')) {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos)
            return configError("the Stripe API base URL \"" + url + "\" has an unclosed [");
        endpoint.host = std::string(authority.substr(1, close - 1));
        if (close + 1 < authority.size()) {
            if (authority[close + 1] != ':')
                return configError("the Stripe API base URL \"" + url + "\" has a bad port");
            portText = authority.substr(close + 2);
        }
    } else {
        const std::size_t colon = authority.find(':');
        endpoint.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos)
            portText = authority.substr(colon + 1);
    }
    if (endpoint.host.empty())
        return configError("the Stripe API base URL \"" + url + "\" has no host");
    if (!portText.empty()) {
        unsigned int port = 0;
        const auto [end, error] = std::from_chars(portText.data(),
                                                  portText.data() + portText.size(),
                                                  port);
        if (error != std::errc() || end != portText.data() + portText.size() || port == 0
            || port > 65535)
            return configError("the Stripe API base URL \"" + url + "\" has a bad port");
        endpoint.port = std::to_string(port);
    } else {
        endpoint.port = endpoint.tls ? "443" : "80";
    }
    endpoint.prefix = std::move(prefix);
    if (!endpoint.tls && !isLoopback(endpoint.host))
        return configError("the Stripe API base URL \"" + url
                           + "\" uses http:// to a host that is not loopback; use https://");

    std::shared_ptr<asio::ssl::context> tls;
    if (endpoint.tls) {
        tls = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
        boost::system::error_code error;
        tls->set_default_verify_paths(error);
        if (error)
            return configError("cannot load the system's CA certificates: " + error.message());
        if (!options.caFile.empty()) {
            tls->load_verify_file(options.caFile, error);
            if (error)
                return configError("cannot load the CA file \"" + options.caFile
                                   + "\": " + error.message());
        }
        tls->set_verify_mode(asio::ssl::verify_peer);
        SSL_CTX_set_min_proto_version(tls->native_handle(), TLS1_2_VERSION);
    }
    return std::unique_ptr<StripeClient>(
        new StripeClient(std::move(options), std::move(endpoint), std::move(tls)));
}

StripeClient::StripeClient(Options options,
                           Endpoint endpoint,
                           std::shared_ptr<boost::asio::ssl::context> tls)
    : m_options(std::move(options))
    , m_endpoint(std::move(endpoint))
    , m_tls(std::move(tls))
{}

std::string StripeClient::percentEncode(std::string_view text)
{
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string encoded;
    encoded.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z')
                                || (byte >= '0' && byte <= '9') || byte == '-' || byte == '.'
                                || byte == '_' || byte == '~';
        if (unreserved) {
            encoded += c;
        } else {
            encoded += '%';
            encoded += kDigits[byte >> 4];
            encoded += kDigits[byte & 0xf];
        }
    }
    return encoded;
}

std::string StripeClient::encodeForm(const Form &form)
{
    std::string encoded;
    for (const auto &[name, value] : form) {
        if (!encoded.empty())
            encoded += '&';
        // Brackets stay literal in names, as Stripe's own libraries send them (the server
        // decodes either form): "items[0][price]", "expand[]".
        std::string key = percentEncode(name);
        for (const auto &[from, to] :
             {std::pair<std::string_view, char>{"%5B", '['}, {"%5D", ']'}}) {
            for (std::size_t at = key.find(from); at != std::string::npos; at = key.find(from, at))
                key.replace(at, from.size(), 1, to);
        }
        encoded += key;
        encoded += '=';
        encoded += percentEncode(value);
    }
    return encoded;
}

Result<nlohmann::json> StripeClient::get(const std::string &path, const Form &query)
{
    std::string target = path;
    if (!query.empty())
        target += "?" + encodeForm(query);
    return call("GET", target, {}, {});
}

Result<nlohmann::json> StripeClient::post(const std::string &path,
                                          const Form &form,
                                          const std::string &idempotencyKey)
{
    return call("POST",
                path,
                encodeForm(form),
                idempotencyKey.empty() ? randomIdempotencyKey() : idempotencyKey);
}

Result<nlohmann::json> StripeClient::del(const std::string &path, const std::string &idempotencyKey)
{
    return call("DELETE",
                path,
                {},
                idempotencyKey.empty() ? randomIdempotencyKey() : idempotencyKey);
}

Result<nlohmann::json> StripeClient::call(std::string_view method,
                                          const std::string &target,
                                          const std::string &body,
                                          const std::string &idempotencyKey)
{
    Reply reply;
    int attempts = 0;
    Json error; // Stripe's {"error":{…}} of the last answer, if any
    for (;;) {
        ++attempts;
        reply = attempt(method, m_endpoint.prefix + target, body, idempotencyKey);
        error = Json();
        if (reply.status >= 300) {
            Json parsed = Json::parse(reply.body, nullptr, false);
            if (parsed.is_object() && parsed.contains("error") && parsed["error"].is_object())
                error = parsed["error"];
        }
        bool retry = reply.status == 0 || reply.status == 429 || reply.status >= 500;
        if (reply.status == 409 && error.is_object()
            && error.value("code", Json()) == "lock_timeout")
            retry = true;
        if (reply.shouldRetry == "true")
            retry = true;
        else if (reply.shouldRetry == "false")
            retry = false;
        if (!retry || attempts >= m_options.maxAttempts)
            break;
        std::this_thread::sleep_for(backoff(attempts, reply));
    }

    // Stripe masks keys in its messages; this makes sure of it.
    auto scrubbed = [this](std::string text) {
        for (std::size_t at = text.find(m_options.apiKey); at != std::string::npos;
             at = text.find(m_options.apiKey, at)) {
            text.replace(at, m_options.apiKey.size(), "[redacted]");
        }
        return text;
    };
    const std::string after = " (after " + std::to_string(attempts) + " attempt"
                              + (attempts == 1 ? ")" : "s)");
    if (reply.status == 0)
        return Error{"provider_unavailable",
                     "Stripe could not be reached: " + scrubbed(reply.failure) + after,
                     {},
                     0};
    if (reply.status >= 200 && reply.status < 300) {
        Json parsed = Json::parse(reply.body, nullptr, false);
        if (!parsed.is_object())
            return Error{"provider_unavailable",
                         "Stripe answered " + std::to_string(reply.status)
                             + " with a body that is not a JSON object",
                         {},
                         0};
        return parsed;
    }

    std::string message;
    std::string param;
    if (error.is_object()) {
        if (const auto found = error.find("message"); found != error.end() && found->is_string())
            message = scrubbed(found->get<std::string>());
        if (const auto found = error.find("param"); found != error.end() && found->is_string())
            param = found->get<std::string>();
    }
    const std::string status = "Stripe answered " + std::to_string(reply.status);
    if (reply.status == 429 || reply.status >= 500
        || (reply.status == 409 && error.is_object()
            && error.value("code", Json()) == "lock_timeout")) {
        return Error{"provider_unavailable",
                     status + (message.empty() ? std::string() : ": " + message) + after,
                     {},
                     0};
    }
    if (message.empty())
        message = status;
    if (reply.status == 404)
        return Error{"not_found", message, param, 0};
    return Error{"provider_rejected", message, param, 0};
}

std::chrono::milliseconds StripeClient::backoff(int failedAttempts, const Reply &reply) const
{
    using std::chrono::milliseconds;
    const int shift = std::min(failedAttempts - 1, 20);
    milliseconds delay = std::min(m_options.retryBase * (std::int64_t(1) << shift),
                                  m_options.retryMax);
    // Jitter: between half and all of the delay, so that clients that failed together do not
    // come back together.
    thread_local std::minstd_rand random{std::random_device{}()};
    const std::int64_t half = delay.count() / 2;
    std::uniform_int_distribution<std::int64_t> spread(0, std::max<std::int64_t>(half, 0));
    delay = milliseconds(delay.count() - half + spread(random));
    if (!reply.retryAfter.empty()) {
        std::int64_t seconds = 0;
        const char *begin = reply.retryAfter.data();
        const char *end = begin + reply.retryAfter.size();
        if (const auto [stop, error] = std::from_chars(begin, end, seconds);
            error == std::errc() && stop == end && seconds > 0) {
            delay = std::max(delay,
                             milliseconds(std::chrono::seconds(
                                 std::min<std::int64_t>(seconds, kMaxRetryAfter.count()))));
        }
    }
    return delay;
}

StripeClient::Reply StripeClient::attempt(std::string_view method,
                                          const std::string &target,
                                          const std::string &body,
                                          const std::string &idempotencyKey) const
{
    Reply reply;
    asio::io_context io;
    const Clock::time_point deadline = Clock::now() + m_options.timeout;

    // Resolve (a tcp_stream's deadline does not cover the resolver: run_until does). Asio
    // resolves on a thread of its own with getaddrinfo, which cannot be interrupted: after a
    // timeout the call still waits for it to return (bounded by the system resolver's own
    // timeouts, resolv.conf), but it fails all the same.
    tcp::resolver resolver(io);
    tcp::resolver::results_type endpoints;
    Outcome resolved;
    resolver.async_resolve(m_endpoint.host,
                           m_endpoint.port,
                           [&](const beast::error_code &error, tcp::resolver::results_type found) {
                               resolved = {error, true};
                               endpoints = std::move(found);
                           });
    io.run_until(deadline);
    if (!resolved.done) {
        resolver.cancel();
        runUntilDone(io);
        reply.failure = "resolving " + m_endpoint.host + " timed out";
        return reply;
    }
    if (resolved.error) {
        reply.failure = "cannot resolve " + m_endpoint.host + ": " + resolved.error.message();
        return reply;
    }

    http::request<http::string_body> request;
    request.version(11);
    request.method_string(method);
    request.target(target);
    const bool defaultPort = m_endpoint.port == (m_endpoint.tls ? "443" : "80");
    const std::string host = m_endpoint.host.find(':') != std::string::npos
                                 ? "[" + m_endpoint.host + "]"
                                 : m_endpoint.host;
    request.set(http::field::host, defaultPort ? host : host + ":" + m_endpoint.port);
    request.set(http::field::user_agent, "tenantryd");
    request.set(http::field::accept, "application/json");
    request.set(http::field::authorization, "Bearer " + m_options.apiKey);
    request.set("Stripe-Version", ApiVersion);
    request.set(http::field::connection, "close");
    if (!idempotencyKey.empty())
        request.set("Idempotency-Key", idempotencyKey);
    if (method == "POST") {
        request.set(http::field::content_type, "application/x-www-form-urlencoded");
        request.body() = body;
    }
    request.prepare_payload();

    auto exchange = [&](auto &stream, beast::tcp_stream &socket, bool tls) {
        socket.expires_at(deadline);
        Outcome connected;
        socket.async_connect(endpoints, [&](const beast::error_code &error, const tcp::endpoint &) {
            connected = {error, true};
        });
        runUntilDone(io);
        if (connected.error) {
            reply.failure = describe(connected.error, "connecting to " + m_endpoint.host);
            return;
        }
        if constexpr (!std::is_same_v<std::decay_t<decltype(stream)>, beast::tcp_stream>) {
            if (tls) {
                Outcome handshake;
                stream.async_handshake(asio::ssl::stream_base::client,
                                       [&](const beast::error_code &error) {
                                           handshake = {error, true};
                                       });
                runUntilDone(io);
                if (handshake.error) {
                    reply.failure = describe(handshake.error, "the TLS handshake");
                    return;
                }
            }
        }
        Outcome written;
        // Through a serializer: the message overloads default an enable_if pointer to 0 at the
        // call site, which -Wzero-as-null-pointer-constant reports (as in HttpSession).
        http::request_serializer<http::string_body> serializer(request);
        http::async_write(stream, serializer, [&](const beast::error_code &error, std::size_t) {
            written = {error, true};
        });
        runUntilDone(io);
        if (written.error) {
            reply.failure = describe(written.error, "sending the request");
            return;
        }
        beast::flat_buffer buffer;
        http::response_parser<http::string_body> parser;
        parser.body_limit(kMaxResponseBytes);
        Outcome read;
        http::async_read(stream, buffer, parser, [&](const beast::error_code &error, std::size_t) {
            read = {error, true};
        });
        runUntilDone(io);
        if (read.error) {
            reply.failure = describe(read.error, "reading the answer");
            return;
        }
        http::response<http::string_body> response = parser.release();
        reply.status = static_cast<int>(response.result_int());
        reply.body = std::move(response.body());
        if (const auto found = response.find("Stripe-Should-Retry"); found != response.end())
            reply.shouldRetry = std::string(found->value());
        if (const auto found = response.find(http::field::retry_after); found != response.end())
            reply.retryAfter = std::string(found->value());
        beast::error_code ignored;
        socket.socket().shutdown(tcp::socket::shutdown_both, ignored);
    };

    if (m_endpoint.tls) {
        beast::ssl_stream<beast::tcp_stream> stream(io, *m_tls);
        SSL *ssl = stream.native_handle();
        if (isIpAddress(m_endpoint.host)) {
            X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), m_endpoint.host.c_str());
        } else {
            // SNI, and the certificate must name the host.
            SSL_ctrl(ssl,
                     SSL_CTRL_SET_TLSEXT_HOSTNAME,
                     TLSEXT_NAMETYPE_host_name,
                     const_cast<char *>(m_endpoint.host.c_str()));
            SSL_set1_host(ssl, m_endpoint.host.c_str());
        }
        exchange(stream, beast::get_lowest_layer(stream), true);
    } else {
        beast::tcp_stream stream(io);
        exchange(stream, stream, false);
    }
    return reply;
}

} // namespace Tenantry::Server
