#include "server/http/httpserver.h"

#include "server/http/apierror.h"
#include "server/http/httpconnection.h"
#include "server/http/httpsession.h"

#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>

#include <openssl/ssl.h>

#include <algorithm>
#include <exception>
#include <thread>
#include <utility>

namespace Tenantry::Server {

namespace net = boost::asio;
using boost::asio::ip::tcp;

namespace {

// Forward secrecy and AEAD only, for when TLS 1.2 is allowed (TLS 1.3 suites are all fine).
constexpr const char *tls12Ciphers = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                                     "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                                     "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

// How often idle connections are checked against their deadlines: a connection closes at most
// this long after its header or idle timeout.
std::chrono::milliseconds sweepInterval(const HttpServerOptions &options)
{
    return std::clamp(std::min(options.headerTimeout, options.idleTimeout) / 4,
                      std::chrono::milliseconds(10),
                      std::chrono::milliseconds(1000));
}

std::string addressWithoutPort(const tcp::endpoint &endpoint)
{
    auto address = endpoint.address();
    if (address.is_v6() && address.to_v6().is_v4_mapped())
        address = net::ip::make_address_v4(net::ip::v4_mapped, address.to_v6());
    return address.to_string();
}

} // namespace

HttpServer::HttpServer(HttpServerOptions options, RequestHandler handler)
    : m_options(std::move(options))
    , m_handler(std::move(handler))
    , m_ioContext(std::max(1, m_options.threads))
    , m_strand(net::make_strand(m_ioContext))
    , m_acceptor(m_strand)
    , m_drainTimer(m_strand)
    , m_acceptRetryTimer(m_strand)
    , m_sweepTimer(m_strand)
{}

HttpServer::~HttpServer()
{
    // Sessions still queued in the io_context are destroyed with it and unregister then; the
    // strand must not be posted to any more.
    m_destroying = true;
    m_ioContext.stop();
}

bool HttpServer::setUpTls(std::string &error)
{
    if (m_options.tlsPrivateKeyFile.empty()) {
        error = "TLS: tlsCertificateFile is set but tlsPrivateKeyFile is not";
        return false;
    }
    net::ssl::context context(net::ssl::context::tls_server);
    context.set_options(net::ssl::context::default_workarounds | net::ssl::context::no_compression
                        | net::ssl::context::single_dh_use | net::ssl::context::no_sslv2
                        | net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1
                        | net::ssl::context::no_tlsv1_1);
    SSL_CTX *native = context.native_handle();
    SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    if (SSL_CTX_set_min_proto_version(native, m_options.allowTls12 ? TLS1_2_VERSION : TLS1_3_VERSION)
            != 1
        || SSL_CTX_set_cipher_list(native, tls12Ciphers) != 1) {
        error = "TLS: cannot configure the protocol versions and ciphers";
        return false;
    }

    boost::system::error_code ec;
    context.use_certificate_chain_file(m_options.tlsCertificateFile, ec);
    if (ec) {
        error = "TLS: cannot load the certificate chain from '" + m_options.tlsCertificateFile
                + "': " + ec.message();
        return false;
    }
    context.use_private_key_file(m_options.tlsPrivateKeyFile, net::ssl::context::pem, ec);
    if (ec) {
        error = "TLS: cannot load the private key from '" + m_options.tlsPrivateKeyFile
                + "': " + ec.message();
        return false;
    }
    if (SSL_CTX_check_private_key(native) != 1) {
        error = "TLS: the private key in '" + m_options.tlsPrivateKeyFile
                + "' does not match the certificate in '" + m_options.tlsCertificateFile + "'";
        return false;
    }
    m_sslContext.emplace(std::move(context));
    return true;
}

bool HttpServer::listen(std::string &error)
{
    if (m_acceptor.is_open()) {
        error = "the server is already listening";
        return false;
    }
    if (!m_options.tlsCertificateFile.empty() && !setUpTls(error))
        return false;

    boost::system::error_code ec;
    const auto address = net::ip::make_address(m_options.listenAddress, ec);
    if (ec) {
        error = "invalid listen address '" + m_options.listenAddress
                + "': give an IP address such as 127.0.0.1, 0.0.0.0 or ::";
        return false;
    }
    const tcp::endpoint endpoint(address, m_options.port);
    const auto where = m_options.listenAddress + " port " + std::to_string(m_options.port);
    m_acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        m_acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec)
        m_acceptor.bind(endpoint, ec);
    if (!ec)
        m_acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (!ec)
        m_port = m_acceptor.local_endpoint(ec).port();
    if (ec) {
        error = "cannot listen on " + where + ": " + ec.message();
        boost::system::error_code ignored;
        m_acceptor.close(ignored);
        return false;
    }
    accept(); // nothing runs yet: safe outside the strand
    scheduleSweep();
    return true;
}

std::uint16_t HttpServer::port() const
{
    return m_port;
}

void HttpServer::run()
{
    const auto work = [this] {
        for (;;) {
            try {
                m_ioContext.run();
                return;
            } catch (const std::exception &e) {
                logError(std::string("http: unexpected exception in the event loop: ") + e.what());
            } catch (...) {
                logError("http: unexpected exception in the event loop");
            }
        }
    };
    std::vector<std::thread> workers;
    const int count = std::max(1, m_options.threads);
    workers.reserve(static_cast<std::size_t>(count - 1));
    for (int i = 1; i < count; ++i)
        workers.emplace_back(work);
    work();
    for (auto &worker : workers)
        worker.join();
}

void HttpServer::stop(std::chrono::milliseconds drainTimeout)
{
    m_stopping = true;
    net::post(m_strand, [this, drainTimeout] { beginStop(drainTimeout); });
}

bool HttpServer::isStopping() const
{
    return m_stopping;
}

std::size_t HttpServer::openConnections() const
{
    const std::lock_guard lock(m_connectionsMutex);
    return m_connections.size();
}

void HttpServer::accept()
{
    m_acceptor.async_accept(net::make_strand(m_ioContext),
                            boost::beast::bind_front_handler(&HttpServer::onAccept, this));
}

void HttpServer::onAccept(const boost::system::error_code &error, tcp::socket socket)
{
    if (error == net::error::operation_aborted || !m_acceptor.is_open())
        return;
    if (error) {
        // Out of file descriptors, most likely: pause instead of spinning on the error.
        logError("http: accept failed: " + error.message());
        m_acceptRetryTimer.expires_after(std::chrono::milliseconds(100));
        m_acceptRetryTimer.async_wait([this](const boost::system::error_code &ec) {
            if (!ec && m_acceptor.is_open())
                accept();
        });
        return;
    }

    boost::system::error_code ec;
    const auto remote = socket.remote_endpoint(ec);
    if (ec || m_stopping || openConnections() >= m_options.maxConnections) {
        socket.close(ec); // over the limit: accepted, then closed at once
        return accept();
    }
    socket.set_option(tcp::no_delay(true), ec);

    const auto id = ++m_nextConnectionId;
    std::shared_ptr<HttpConnection> connection;
    if (m_sslContext) {
        connection = std::make_shared<HttpSession<TlsStream>>(
            *this, id, TlsStream(std::move(socket), *m_sslContext), addressWithoutPort(remote));
    } else {
        connection = std::make_shared<HttpSession<PlainStream>>(*this,
                                                                id,
                                                                PlainStream(std::move(socket)),
                                                                addressWithoutPort(remote));
    }
    {
        const std::lock_guard lock(m_connectionsMutex);
        m_connections.emplace(id, connection);
    }
    connection->start();
    accept();
}

std::vector<std::shared_ptr<HttpConnection>> HttpServer::connections() const
{
    std::vector<std::shared_ptr<HttpConnection>> result;
    const std::lock_guard lock(m_connectionsMutex);
    result.reserve(m_connections.size());
    for (const auto &[id, weak] : m_connections) {
        if (auto connection = weak.lock())
            result.push_back(std::move(connection));
    }
    return result;
}

void HttpServer::beginStop(std::chrono::milliseconds drainTimeout)
{
    if (m_stopStarted)
        return;
    m_stopStarted = true;
    boost::system::error_code ignored;
    m_acceptor.close(ignored);
    m_acceptRetryTimer.cancel();
    m_sweepTimer.cancel();

    const auto open = connections();
    for (const auto &connection : open)
        connection->drain();
    if (open.empty())
        return; // nothing left: run() returns as soon as the queued work is done

    // Cancelled by unregisterConnection() when the last connection is gone.
    m_drainTimer.expires_after(drainTimeout);
    m_drainTimer.async_wait([this](const boost::system::error_code &ec) {
        if (!ec)
            onDrainTimeout();
    });
}

void HttpServer::scheduleSweep()
{
    m_sweepTimer.expires_after(sweepInterval(m_options));
    m_sweepTimer.async_wait([this](const boost::system::error_code &ec) {
        if (ec || m_stopStarted)
            return; // beginStop() cancels it: idle connections close at once then
        sweepIdleConnections();
        scheduleSweep();
    });
}

void HttpServer::sweepIdleConnections()
{
    const auto now = std::chrono::steady_clock::now();
    for (const auto &connection : connections()) {
        if (connection->idleExpired(now))
            connection->closeIfIdleExpired();
    }
}

void HttpServer::onDrainTimeout()
{
    const auto open = connections();
    logError("http: drain timeout: closing " + std::to_string(open.size())
             + " connection(s) still open");
    for (const auto &connection : open)
        connection->forceClose();
    // A handler that still blocks keeps its connection: stop the loop regardless, shortly.
    m_drainTimer.expires_after(std::chrono::seconds(1));
    m_drainTimer.async_wait([this](const boost::system::error_code &ec) {
        if (!ec)
            m_ioContext.stop();
    });
}

void HttpServer::unregisterConnection(std::uint64_t id)
{
    bool drained = false;
    {
        const std::lock_guard lock(m_connectionsMutex);
        m_connections.erase(id);
        drained = m_connections.empty() && m_stopping;
    }
    if (drained && !m_destroying)
        net::post(m_strand, [this] { m_drainTimer.cancel(); });
}

HttpResponse HttpServer::handle(HttpRequest &request) const
{
    try {
        return m_handler(request);
    } catch (const std::exception &e) {
        logError("request " + request.requestId + ": the handler threw: " + e.what());
    } catch (...) {
        logError("request " + request.requestId + ": the handler threw a non-standard exception");
    }
    return ApiError::internal().toResponse(request.requestId);
}

void HttpServer::logAccess(const std::string &line) const
{
    if (!m_options.accessLog)
        return;
    try {
        m_options.accessLog(line);
    } catch (...) { // a failing log must not take a connection down
    }
}

void HttpServer::logError(const std::string &message) const
{
    if (!m_options.errorLog)
        return;
    try {
        m_options.errorLog(message);
    } catch (...) { // as above
    }
}

} // namespace Tenantry::Server
