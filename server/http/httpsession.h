#pragma once

#include "server/http/accesslogentry.h"
#include "server/http/httpconnection.h"
#include "server/http/httprequest.h"

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace Tenantry::Server {

class HttpServer;
struct ApiError;
struct HttpResponse;

using PlainStream = boost::beast::tcp_stream;
using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

// One accepted connection: reads requests one at a time (HTTP/1.1 keep-alive, no pipelining),
// calls the server's handler and writes the responses. Everything runs on the connection's
// strand; the handler is called synchronously on it. A handler that answers later
// (HttpRequest::answerLater) leaves the connection waiting in Handling, with no timeout of its
// own, until its responder is called; the answer then comes back through the strand.
// Timeouts: the TLS handshake and the first request header must arrive within headerTimeout of
// the accept; later requests may take idleTimeout to start and then headerTimeout for the
// header; a body, and a response write, take at most transferTimeout. The waits for a request to
// start are checked by the server's periodic sweep (HttpConnection::idleExpired), not by a timer
// of the connection's own, so they may run over by up to a quarter of the shorter timeout (at
// most a second). Errors the server answers itself (400, 413) close the connection after the
// response, reading and discarding what the client still sends for up to two seconds so that it
// sees the response rather than a reset.
// Instantiated for PlainStream and TlsStream in httpsession.cpp.
template<class Stream>
class HttpSession final : public HttpConnection,
                          public std::enable_shared_from_this<HttpSession<Stream>>
{
public:
    HttpSession(HttpServer &server, std::uint64_t id, Stream stream, std::string remoteAddress);
    ~HttpSession() override;
    HttpSession(const HttpSession &) = delete;
    HttpSession &operator=(const HttpSession &) = delete;

    void start() override;
    void drain() override;
    void forceClose() override;
    void closeIfIdleExpired() override;

private:
    enum class State { Handshaking, Idle, Reading, Handling, Writing, Closing, Closed };

    void begin();
    void onHandshake(const boost::beast::error_code &error);
    void waitForRequest();
    void onRequestBytes(const boost::beast::error_code &error, std::size_t bytes);
    void readHeader();
    void onHeader(const boost::beast::error_code &error, std::size_t bytes);
    void onContinueSent(const boost::beast::error_code &error, std::size_t bytes);
    void readBody();
    void onBody(const boost::beast::error_code &error, std::size_t bytes);
    void onReadError(const boost::beast::error_code &error);
    void handleRequest();
    HttpResponder laterResponder(const std::string &requestId, bool keepAlive);
    void sendError(const ApiError &error);
    void sendResponse(HttpResponse response, const std::string &requestId, bool keepAlive);
    void onWritten(const boost::beast::error_code &error, std::size_t bytes);
    void closeGracefully();
    void discardInput();
    void onDiscarded(const boost::beast::error_code &error, std::size_t bytes);
    void closeNow();
    AccessLogEntry &logEntry();

    HttpServer &m_server;
    std::uint64_t m_id;
    Stream m_stream;
    std::string m_remoteAddress;
    State m_state = State::Handshaking;
    bool m_firstRequest = true;
    bool m_closeAfterWrite = false;
    bool m_headRequest = false;
    unsigned m_version = 11;
    std::chrono::steady_clock::time_point m_acceptedAt;
    std::chrono::steady_clock::time_point m_requestStartedAt;
    std::unique_ptr<AccessLogEntry> m_logEntry; // from the first byte of a request to its log line
    boost::beast::flat_buffer m_buffer;
    // A message and its serializer, made once the message is complete (it refers to it).
    template<class Body>
    struct Outgoing
    {
        boost::beast::http::response<Body> message;
        std::optional<boost::beast::http::response_serializer<Body>> serializer;

        boost::beast::http::response_serializer<Body> &serialize()
        {
            return serializer.emplace(message);
        }
    };
    // The parser, the answer and a 100 Continue live on the heap only while a request is read
    // or answered: an idle keep-alive connection (most of them, at 10,000 connections) then
    // holds about 1.4 KB less than with them inside the session. The same for the log entry.
    std::unique_ptr<boost::beast::http::request_parser<boost::beast::http::string_body>> m_parser;
    std::unique_ptr<Outgoing<boost::beast::http::string_body>> m_response;
    std::unique_ptr<Outgoing<boost::beast::http::empty_body>> m_continue;
};

extern template class HttpSession<PlainStream>;
extern template class HttpSession<TlsStream>;

} // namespace Tenantry::Server
