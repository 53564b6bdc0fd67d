#include "server/http/httpsession.h"

#include "server/http/apierror.h"
#include "server/http/httprequest.h"
#include "server/http/httpresponse.h"
#include "server/http/httpserver.h"
#include "server/http/requestidgenerator.h"
#include "server/http/requesttarget.h"

#include <boost/asio/bind_allocator.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <atomic>
#include <cstddef>
#include <functional>
#include <new>
#include <string_view>
#include <type_traits>
#include <utility>

namespace Tenantry::Server {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;

namespace {

template<class Stream>
constexpr bool isTls = !std::is_same_v<Stream, PlainStream>;

constexpr std::size_t headerLimit = std::size_t{16} * 1024;
constexpr auto lingerTimeout = std::chrono::seconds(2);
// The first read of a request: enough for a typical API request line and headers (a GET with a
// bearer token is about 250 bytes). The buffer keeps this capacity while the connection is
// idle, so it is most of what an idle keep-alive connection costs; Beast grows it for larger
// requests (up to headerLimit for the header), and it shrinks back once such a request is done.
constexpr std::size_t firstReadBytes = 512;
// The chunk size for reading and dropping input before a close.
constexpr std::size_t discardBytes = 4096;

// The allocator of the read an idle connection waits in. Asio recycles operation memory per
// thread: with its default allocator, that read would reuse the block the response's write
// has just freed (about 650 bytes) and hold it while idle. This one asks for the read's own
// size (about 420 bytes) instead: 10,000 idle connections hold 2 MB less.
template<class T>
struct ExactAllocator
{
    using value_type = T;

    ExactAllocator() = default;
    template<class U>
    ExactAllocator(const ExactAllocator<U> & /*other*/) noexcept
    {}

    T *allocate(std::size_t count) { return static_cast<T *>(::operator new(count * sizeof(T))); }
    void deallocate(T *pointer, std::size_t /*count*/) noexcept { ::operator delete(pointer); }

    template<class U>
    bool operator==(const ExactAllocator<U> & /*other*/) const noexcept
    {
        return true;
    }
};

HttpMethod toMethod(http::verb verb)
{
    switch (verb) {
    case http::verb::get:
        return HttpMethod::Get;
    case http::verb::head:
        return HttpMethod::Head;
    case http::verb::post:
        return HttpMethod::Post;
    case http::verb::put:
        return HttpMethod::Put;
    case http::verb::patch:
        return HttpMethod::Patch;
    case http::verb::delete_:
        return HttpMethod::Delete;
    case http::verb::options:
        return HttpMethod::Options;
    default:
        return HttpMethod::Other;
    }
}

char toLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowerCased(std::string_view text)
{
    std::string result(text);
    for (auto &c : result)
        c = toLower(c);
    return result;
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

// "application/json", optionally with parameters ("; charset=utf-8"), in any case.
bool isJsonMediaType(std::string_view contentType)
{
    const auto type = trimmed(contentType.substr(0, contentType.find(';')));
    return beast::iequals(type, "application/json");
}

// RFC 9110 token characters: what a header name may contain.
bool isToken(std::string_view name)
{
    if (name.empty())
        return false;
    for (const char c : name) {
        const bool alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                                  || (c >= '0' && c <= '9');
        if (!alphanumeric && std::string_view("!#$%&'*+-.^_`|~").find(c) == std::string_view::npos)
            return false;
    }
    return true;
}

// A header value without the characters that would end the header (response splitting).
std::string headerValue(std::string_view value)
{
    std::string result;
    result.reserve(value.size());
    for (const char c : value) {
        if (c != '\r' && c != '\n' && c != '\0')
            result.push_back(c);
    }
    return result;
}

// Headers the server sets itself from the message, whatever the handler put there.
bool isFramingHeader(std::string_view name)
{
    return beast::iequals(name, "content-length") || beast::iequals(name, "transfer-encoding")
           || beast::iequals(name, "connection") || beast::iequals(name, "request-id");
}

bool hasNoBody(int status)
{
    return (status >= 100 && status < 200) || status == 204 || status == 304;
}

// The state behind an HttpResponder: the first answer is sent, later ones do nothing, and a
// responder dropped without an answer sends a 500. `send` is released once used, with what it
// holds (the session, the work that keeps the server running).
class LateAnswer
{
public:
    LateAnswer(std::function<void(HttpResponse)> send, std::string requestId)
        : m_send(std::move(send))
        , m_requestId(std::move(requestId))
    {}
    ~LateAnswer()
    {
        if (m_answered.exchange(true))
            return;
        try {
            m_send(ApiError::internal().toResponse(m_requestId));
        } catch (...) { // nothing to tell: the connection stays until the server stops
        }
    }
    LateAnswer(const LateAnswer &) = delete;
    LateAnswer &operator=(const LateAnswer &) = delete;

    void answer(HttpResponse response)
    {
        if (m_answered.exchange(true))
            return;
        auto send = std::exchange(m_send, nullptr);
        send(std::move(response));
    }

private:
    std::function<void(HttpResponse)> m_send;
    std::string m_requestId;
    std::atomic<bool> m_answered = false;
};

} // namespace

template<class Stream>
HttpSession<Stream>::HttpSession(HttpServer &server,
                                 std::uint64_t id,
                                 Stream stream,
                                 std::string remoteAddress)
    : m_server(server)
    , m_id(id)
    , m_stream(std::move(stream))
    , m_remoteAddress(std::move(remoteAddress))
    , m_acceptedAt(std::chrono::steady_clock::now())
{}

template<class Stream>
HttpSession<Stream>::~HttpSession()
{
    m_server.unregisterConnection(m_id);
}

template<class Stream>
void HttpSession<Stream>::start()
{
    net::dispatch(m_stream.get_executor(), [self = this->shared_from_this()] { self->begin(); });
}

template<class Stream>
void HttpSession<Stream>::drain()
{
    net::post(m_stream.get_executor(), [self = this->shared_from_this()] {
        if (self->m_state == State::Idle || self->m_state == State::Handshaking)
            self->closeNow();
    });
}

template<class Stream>
void HttpSession<Stream>::forceClose()
{
    net::post(m_stream.get_executor(), [self = this->shared_from_this()] { self->closeNow(); });
}

template<class Stream>
AccessLogEntry &HttpSession<Stream>::logEntry()
{
    if (!m_logEntry) // only readHeader() makes it, but an answer must never lack one
        m_logEntry = std::make_unique<AccessLogEntry>();
    return *m_logEntry;
}

template<class Stream>
void HttpSession<Stream>::closeIfIdleExpired()
{
    net::post(m_stream.get_executor(), [self = this->shared_from_this()] {
        if (self->m_state == State::Idle && self->idleExpired(std::chrono::steady_clock::now()))
            self->closeNow();
    });
}

template<class Stream>
void HttpSession<Stream>::begin()
{
    if constexpr (isTls<Stream>) {
        m_state = State::Handshaking;
        beast::get_lowest_layer(m_stream).expires_at(m_acceptedAt
                                                     + m_server.options().headerTimeout);
        m_stream.async_handshake(net::ssl::stream_base::server,
                                 beast::bind_front_handler(&HttpSession::onHandshake,
                                                           this->shared_from_this()));
    } else {
        waitForRequest();
    }
}

template<class Stream>
void HttpSession<Stream>::onHandshake(const beast::error_code &error)
{
    if (error)
        return closeNow(); // a refused protocol version, a timeout, a port scanner
    waitForRequest();
}

// Waits for the first byte of the next request: only in this state is the connection idle,
// so that stop() may close it without losing a request.
template<class Stream>
void HttpSession<Stream>::waitForRequest()
{
    if (m_state == State::Closed)
        return;
    if (m_server.isStopping())
        return closeNow();
    m_state = State::Idle;
    if (m_buffer.size() > 0)
        return readHeader();
    if (m_buffer.capacity() > firstReadBytes)
        m_buffer.shrink_to_fit(); // empty: frees it, and prepare() below takes firstReadBytes

    // No timer while idle: the server's sweep closes the connection once past this deadline.
    setIdleDeadline(m_firstRequest
                        ? m_acceptedAt + m_server.options().headerTimeout
                        : std::chrono::steady_clock::now() + m_server.options().idleTimeout);
    beast::get_lowest_layer(m_stream).expires_never();
    m_stream
        .async_read_some(m_buffer.prepare(firstReadBytes),
                         net::bind_allocator(ExactAllocator<char>(),
                                             beast::bind_front_handler(&HttpSession::onRequestBytes,
                                                                       this->shared_from_this())));
}

template<class Stream>
void HttpSession<Stream>::onRequestBytes(const beast::error_code &error, std::size_t bytes)
{
    clearIdleDeadline();
    if (error || m_state == State::Closed)
        return closeNow(); // the client closed, the idle timeout, or stop()
    m_buffer.commit(bytes);
    readHeader();
}

template<class Stream>
void HttpSession<Stream>::readHeader()
{
    m_state = State::Reading;
    m_requestStartedAt = std::chrono::steady_clock::now();
    m_logEntry = std::make_unique<AccessLogEntry>();
    m_logEntry->time = std::chrono::system_clock::now();
    m_logEntry->remoteAddress = m_remoteAddress;
    m_version = 11;
    m_headRequest = false;

    m_parser = std::make_unique<http::request_parser<http::string_body>>();
    m_parser->header_limit(headerLimit);
    m_parser->body_limit(m_server.options().maxBodyBytes);

    const auto deadline = m_firstRequest ? m_acceptedAt + m_server.options().headerTimeout
                                         : m_requestStartedAt + m_server.options().headerTimeout;
    beast::get_lowest_layer(m_stream).expires_at(deadline);
    http::async_read_header(m_stream,
                            m_buffer,
                            *m_parser,
                            beast::bind_front_handler(&HttpSession::onHeader,
                                                      this->shared_from_this()));
}

template<class Stream>
void HttpSession<Stream>::onHeader(const beast::error_code &error, std::size_t /*bytes*/)
{
    if (error)
        return onReadError(error);
    if (m_parser->is_done())
        return handleRequest();

    const auto &request = m_parser->get();
    beast::get_lowest_layer(m_stream).expires_after(m_server.options().transferTimeout);
    if (request.version() >= 11 && beast::iequals(request[http::field::expect], "100-continue")) {
        // The body fits the limit (beast checked Content-Length): ask the client to send it.
        m_continue = std::make_unique<Outgoing<http::empty_body>>();
        m_continue->message.version(11);
        m_continue->message.result(http::status::continue_);
        return http::async_write(m_stream,
                                 m_continue->serialize(),
                                 beast::bind_front_handler(&HttpSession::onContinueSent,
                                                           this->shared_from_this()));
    }
    readBody();
}

template<class Stream>
void HttpSession<Stream>::onContinueSent(const beast::error_code &error, std::size_t /*bytes*/)
{
    m_continue.reset();
    if (error)
        return closeNow();
    readBody();
}

template<class Stream>
void HttpSession<Stream>::readBody()
{
    http::async_read(m_stream,
                     m_buffer,
                     *m_parser,
                     beast::bind_front_handler(&HttpSession::onBody, this->shared_from_this()));
}

template<class Stream>
void HttpSession<Stream>::onBody(const beast::error_code &error, std::size_t /*bytes*/)
{
    if (error)
        return onReadError(error);
    handleRequest();
}

template<class Stream>
void HttpSession<Stream>::onReadError(const beast::error_code &error)
{
    if (m_state == State::Closed)
        return;
    const bool parseError = error.category()
                                == http::make_error_code(http::error::bad_method).category()
                            && error != http::error::end_of_stream
                            && error != http::error::partial_message;
    if (!parseError)
        return closeNow(); // the client went away or was too slow: nobody to answer

    // Beast fills the method and target once the request line parsed, even when a later
    // header or the body fails (a Content-Length over the limit fails the header).
    if (m_parser && !m_parser->get().target().empty()) {
        const auto &request = m_parser->get();
        m_version = request.version() == 10 ? 10 : 11;
        logEntry().method = std::string(request.method_string());
        const std::string_view target = request.target();
        logEntry().path = std::string(target.substr(0, target.find('?')));
    }

    if (error == http::error::body_limit) {
        sendError(ApiError::payloadTooLarge("The request body is larger than the limit of "
                                            + std::to_string(m_server.options().maxBodyBytes)
                                            + " bytes."));
    } else if (error == http::error::header_limit) {
        sendError(ApiError::badRequest("header_too_large",
                                       "The request headers are larger than the limit of "
                                           + std::to_string(headerLimit) + " bytes."));
    } else {
        sendError(ApiError::badRequest("malformed_request", "The request is not valid HTTP/1.1."));
    }
}

template<class Stream>
void HttpSession<Stream>::handleRequest()
{
    m_state = State::Handling;
    auto &message = m_parser->get();
    m_version = message.version() == 10 ? 10 : 11;
    m_headRequest = message.method() == http::verb::head;

    HttpRequest request;
    request.method = toMethod(message.method());
    request.target = std::string(message.target());
    request.remoteAddress = m_remoteAddress;
    request.requestId = RequestIdGenerator::next();
    for (const auto &field : message) {
        auto name = lowerCased(field.name_string());
        auto [it, inserted] = request.headers.try_emplace(std::move(name), field.value());
        if (!inserted) // a repeated header: one comma-separated list (RFC 9110 5.3)
            it->second.append(", ").append(field.value());
    }
    request.body = std::move(message.body());
    const bool keepAlive = message.keep_alive();

    logEntry().method = std::string(message.method_string());
    const std::string_view rawTarget = request.target;
    logEntry().path = std::string(rawTarget.substr(0, rawTarget.find('?')));
    logEntry().requestId = request.requestId;

    bool later = false;
    request.deferResponse = [this, &later, requestId = request.requestId, keepAlive] {
        later = true;
        return laterResponder(requestId, keepAlive);
    };

    HttpResponse response;
    auto target = RequestTarget::parse(request.target);
    if (!target) {
        response = ApiError::badRequest("invalid_request_target",
                                        "The request URL is not valid: it must start with '/' and "
                                        "use valid percent-encoding.")
                       .toResponse(request.requestId);
    } else {
        request.path = std::move(target->path);
        request.query = std::move(target->query);
        logEntry().path = request.path;
        const auto contentType = request.header("content-type");
        if (!request.body.empty() && !(contentType && isJsonMediaType(*contentType))) {
            response = ApiError::unsupportedMediaType(
                           "Send the request body as JSON, with Content-Type: application/json.")
                           .toResponse(request.requestId);
        } else {
            response = m_server.handle(request);
        }
    }
    m_parser.reset();
    if (later)
        return; // the responder sends it, or a 500 if the handler threw after asking for it
    sendResponse(std::move(response), request.requestId, keepAlive);
}

template<class Stream>
HttpResponder HttpSession<Stream>::laterResponder(const std::string &requestId, bool keepAlive)
{
    // Until the answer is sent, run() does not return: a graceful stop waits for it.
    auto work = std::make_shared<net::executor_work_guard<net::io_context::executor_type>>(
        net::make_work_guard(m_server.m_ioContext));
    auto send = [self = this->shared_from_this(),
                 executor = m_stream.get_executor(),
                 work = std::move(work),
                 requestId,
                 keepAlive](HttpResponse response) {
        net::post(executor, [self, response = std::move(response), requestId, keepAlive]() mutable {
            if (self->m_state != State::Handling)
                return; // closed meanwhile: the drain timed out
            self->sendResponse(std::move(response), requestId, keepAlive);
        });
    };
    auto answer = std::make_shared<LateAnswer>(std::move(send), requestId);
    return [answer](HttpResponse response) { answer->answer(std::move(response)); };
}

template<class Stream>
void HttpSession<Stream>::sendError(const ApiError &error)
{
    const auto requestId = RequestIdGenerator::next();
    logEntry().requestId = requestId;
    m_parser.reset();
    sendResponse(error.toResponse(requestId), requestId, false);
}

template<class Stream>
void HttpSession<Stream>::sendResponse(HttpResponse response,
                                       const std::string &requestId,
                                       bool keepAlive)
{
    if (response.status < 200 || response.status > 599) {
        m_server.logError("request " + requestId + ": the handler returned the invalid status "
                          + std::to_string(response.status));
        response = ApiError::internal().toResponse(requestId);
    }

    m_response = std::make_unique<Outgoing<http::string_body>>();
    auto &message = m_response->message;
    message.version(m_version);
    message.result(static_cast<unsigned>(response.status));
    for (const auto &[name, value] : response.headers) {
        if (isToken(name) && !isFramingHeader(name))
            message.insert(name, headerValue(value));
    }
    message.set("Request-Id", requestId);
    m_closeAfterWrite = !keepAlive || m_server.isStopping();
    message.keep_alive(!m_closeAfterWrite);

    std::size_t bodyBytes = 0;
    if (!hasNoBody(response.status)) {
        message.body() = std::move(response.body);
        message.prepare_payload(); // Content-Length
        if (m_headRequest)
            message.body().clear(); // HEAD: the length of the body, without the body
        bodyBytes = message.body().size();
    }

    logEntry().status = response.status;
    logEntry().bytes = bodyBytes;
    m_state = State::Writing;
    beast::get_lowest_layer(m_stream).expires_after(m_server.options().transferTimeout);
    // Through a serializer: the message overloads default an enable_if pointer to 0 at the
    // call site, which -Wzero-as-null-pointer-constant reports here.
    http::async_write(m_stream,
                      m_response->serialize(),
                      beast::bind_front_handler(&HttpSession::onWritten, this->shared_from_this()));
}

template<class Stream>
void HttpSession<Stream>::onWritten(const beast::error_code &error, std::size_t /*bytes*/)
{
    AccessLogEntry &entry = logEntry();
    entry.duration = std::chrono::steady_clock::now() - m_requestStartedAt;
    if (m_server.options().accessLog)
        m_server.logAccess(entry.toJsonLine());
    m_logEntry.reset(); // not kept while the connection idles

    m_response.reset();
    if (error && error != http::error::end_of_stream)
        return closeNow();
    if (m_closeAfterWrite || m_server.isStopping())
        return closeGracefully();
    m_firstRequest = false;
    waitForRequest();
}

// Half-close and read what the client still sends (the rest of a refused body, or nothing)
// until it closes or lingerTimeout passes: closing with unread input would make the kernel
// send a reset, and the client might lose the response before it reads it.
template<class Stream>
void HttpSession<Stream>::closeGracefully()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closing;
    beast::get_lowest_layer(m_stream).expires_after(lingerTimeout);
    if constexpr (isTls<Stream>) {
        m_stream.async_shutdown(
            [self = this->shared_from_this()](const beast::error_code &) { self->discardInput(); });
    } else {
        discardInput();
    }
}

template<class Stream>
void HttpSession<Stream>::discardInput()
{
    if (m_state == State::Closed)
        return;
    beast::error_code ignored;
    auto &lowest = beast::get_lowest_layer(m_stream);
    lowest.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
    // Into the request buffer, which nothing reads any more: what arrives is never committed.
    m_buffer.clear();
    lowest.async_read_some(m_buffer.prepare(discardBytes),
                           beast::bind_front_handler(&HttpSession::onDiscarded,
                                                     this->shared_from_this()));
}

template<class Stream>
void HttpSession<Stream>::onDiscarded(const beast::error_code &error, std::size_t /*bytes*/)
{
    if (error || m_state == State::Closed)
        return closeNow();
    beast::get_lowest_layer(m_stream).async_read_some(
        m_buffer.prepare(discardBytes),
        beast::bind_front_handler(&HttpSession::onDiscarded, this->shared_from_this()));
}

template<class Stream>
void HttpSession<Stream>::closeNow()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    clearIdleDeadline();
    beast::error_code ignored;
    auto &lowest = beast::get_lowest_layer(m_stream);
    lowest.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
    lowest.close();
}

template class HttpSession<PlainStream>;
template class HttpSession<TlsStream>;

} // namespace Tenantry::Server
