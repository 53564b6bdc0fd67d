#pragma once

#include "server/http/httprequest.h"
#include "server/http/httpresponse.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace Tenantry::Server {

class HttpConnection;
template<class Stream>
class HttpSession;

struct HttpServerOptions
{
    std::string listenAddress = "127.0.0.1"; // an IP address: "0.0.0.0", "::", "127.0.0.1"
    std::uint16_t port = 8080;               // 0 = any free port (see HttpServer::port())
    int threads = 2;
    std::size_t maxBodyBytes = std::size_t{1024} * 1024; // larger bodies: 413
    std::chrono::milliseconds headerTimeout{10'000};     // whole request header must arrive in this
    std::chrono::milliseconds idleTimeout{60'000};       // keep-alive idle time before closing
    // Receiving a request body, and sending a response, must each finish within this.
    std::chrono::milliseconds transferTimeout{30'000};
    std::size_t maxConnections = 20'000; // beyond: accept and close at once
    std::string tlsCertificateFile;      // PEM; empty = plain HTTP
    std::string tlsPrivateKeyFile;       // PEM
    bool allowTls12 = false;             // TLS 1.3 only unless set
    // One JSON line per request (method, path, status, bytes, duration, request id, remote
    // address) is passed here; empty = no access log.
    std::function<void(const std::string &line)> accessLog;
    // Server-side failures for the operator: an exception from the handler (with its what()),
    // accept errors, a drain that timed out. Never sent to clients. Empty = not logged.
    std::function<void(const std::string &message)> errorLog;
};

// The network front of tenantryd: an Asio acceptor and N worker threads, HTTP/1.1 with
// keep-alive over plain TCP or TLS. For every request it assigns a request id
// ("req_" + 16 random base32 chars), calls the handler on a worker thread (the handler may
// block: it talks to the store), and sends the response with a Request-Id header. It answers
// malformed requests (400), oversized bodies (413) and unsupported Content-Type on requests
// with a body (415) itself with ApiError JSON, and keeps serving.
//
// Threading: the handler, accessLog and errorLog are called concurrently from up to `threads`
// worker threads and must be thread-safe. A request is handled on its connection's strand,
// synchronously on the worker thread that read it: a blocking handler occupies that one worker
// until it returns, while the other threads keep serving the other connections. An exception
// from the handler becomes a 500 internal_error (what() goes to errorLog only). A handler that
// would only wait for other threads may instead take HttpRequest::answerLater() and return at
// once; the response is sent when it is called, from whichever thread.
//
// Lifecycle: construct, listen(), run() (blocks), stop() from any thread, then destroy after
// run() has returned. A server runs once.
class HttpServer
{
public:
    using RequestHandler = std::function<HttpResponse(HttpRequest &request)>;

    HttpServer(HttpServerOptions options, RequestHandler handler);
    ~HttpServer();
    HttpServer(const HttpServer &) = delete;
    HttpServer &operator=(const HttpServer &) = delete;

    // Binds and listens; false with a message in `error` if that fails (port in use, bad TLS
    // files). After this, port() is the bound port.
    bool listen(std::string &error);
    std::uint16_t port() const;

    // Runs the worker threads until stop(); blocks the calling thread.
    void run();

    // Graceful stop, callable from any thread or a signal handler's strand: stops accepting,
    // lets in-flight requests finish and send their responses (up to `drainTimeout`), closes
    // idle keep-alive connections, then makes run() return. Responses sent from now on carry
    // "Connection: close". After the drain timeout the remaining connections are closed and
    // run() returns about a second later (or when a handler still blocking returns).
    void stop(std::chrono::milliseconds drainTimeout = std::chrono::milliseconds(10'000));

    // True from the moment stop() was called (for a readiness probe to answer "draining").
    bool isStopping() const;

    std::size_t openConnections() const;

    const HttpServerOptions &options() const { return m_options; }

private:
    template<class Stream>
    friend class HttpSession;

    bool setUpTls(std::string &error);
    void accept();
    void onAccept(const boost::system::error_code &error, boost::asio::ip::tcp::socket socket);
    void beginStop(std::chrono::milliseconds drainTimeout);
    void scheduleSweep();
    void sweepIdleConnections();
    void onDrainTimeout();
    std::vector<std::shared_ptr<HttpConnection>> connections() const;

    // For HttpSession: calls the handler, turning any exception into ApiError::internal().
    HttpResponse handle(HttpRequest &request) const;
    void unregisterConnection(std::uint64_t id);
    void logAccess(const std::string &line) const;
    void logError(const std::string &message) const;

    // Declared before the io_context so that sessions destroyed with it can still unregister.
    HttpServerOptions m_options;
    RequestHandler m_handler;
    std::optional<boost::asio::ssl::context> m_sslContext;
    mutable std::mutex m_connectionsMutex;
    std::map<std::uint64_t, std::weak_ptr<HttpConnection>> m_connections;
    std::uint64_t m_nextConnectionId = 0; // on m_strand
    bool m_stopStarted = false;           // on m_strand
    std::atomic<bool> m_stopping{false};
    std::atomic<bool> m_destroying{false};
    std::uint16_t m_port = 0;

    boost::asio::io_context m_ioContext;
    boost::asio::strand<boost::asio::io_context::executor_type> m_strand;
    boost::asio::ip::tcp::acceptor m_acceptor;
    boost::asio::steady_timer m_drainTimer;
    boost::asio::steady_timer m_acceptRetryTimer;
    // Closes idle connections past their deadline (HttpConnection::idleExpired), every
    // sweepInterval(): a quarter of the shorter timeout, from 10 ms to 1 s.
    boost::asio::steady_timer m_sweepTimer;
};

} // namespace Tenantry::Server
