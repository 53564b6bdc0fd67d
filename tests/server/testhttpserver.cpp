#include "server/http/httpserver.h"
#include "server/http/router.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <nlohmann/json.hpp>

#include <openssl/ssl.h>

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <array>
#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using Tenantry::Server::HttpMethod;
using Tenantry::Server::HttpRequest;
using Tenantry::Server::HttpResponder;
using Tenantry::Server::HttpResponse;
using Tenantry::Server::HttpServer;
using Tenantry::Server::HttpServerOptions;
using Tenantry::Server::Router;
using namespace std::chrono_literals;

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using Response = http::response<http::string_body>;

constexpr auto ioTimeout = 5s;

// Thread-safe collector for the access and error logs.
class LogSink
{
public:
    void add(const std::string &line)
    {
        const std::lock_guard lock(m_mutex);
        m_lines.push_back(line);
    }
    std::vector<std::string> lines() const
    {
        const std::lock_guard lock(m_mutex);
        return m_lines;
    }
    // The log is written after the response: give the server a moment.
    bool waitForCount(std::size_t count) const
    {
        const auto deadline = std::chrono::steady_clock::now() + ioTimeout;
        while (lines().size() < count) {
            if (std::chrono::steady_clock::now() > deadline)
                return false;
            std::this_thread::sleep_for(5ms);
        }
        return true;
    }
    bool contains(const std::string &text) const
    {
        for (const auto &line : lines()) {
            if (line.find(text) != std::string::npos)
                return true;
        }
        return false;
    }

private:
    mutable std::mutex m_mutex;
    std::vector<std::string> m_lines;
};

// An HttpServer running on its own thread; stopped and joined (with a bound) when destroyed.
class ServerRunner
{
public:
    ServerRunner(HttpServerOptions options, HttpServer::RequestHandler handler)
        : m_server(std::move(options), std::move(handler))
    {}
    ~ServerRunner()
    {
        if (!m_thread.joinable())
            return;
        m_server.stop(1s);
        if (!waitForExit(15s))
            qFatal("HttpServer::run() did not return after stop()");
        m_thread.join();
    }
    ServerRunner(const ServerRunner &) = delete;
    ServerRunner &operator=(const ServerRunner &) = delete;

    bool start()
    {
        std::string error;
        if (!m_server.listen(error)) {
            qWarning("listen failed: %s", error.c_str());
            return false;
        }
        m_thread = std::thread([this] {
            m_server.run();
            m_exited.set_value();
        });
        return true;
    }
    bool waitForExit(std::chrono::milliseconds timeout)
    {
        return m_exitedFuture.wait_for(timeout) == std::future_status::ready;
    }
    HttpServer &server() { return m_server; }
    std::uint16_t port() const { return m_server.port(); }

private:
    HttpServer m_server;
    std::promise<void> m_exited;
    std::future<void> m_exitedFuture = m_exited.get_future();
    std::thread m_thread;
};

// A blocking HTTP client whose every operation is bounded by a timeout.
template<class Stream>
class BasicClient
{
public:
    template<class... Extra>
    explicit BasicClient(Extra &...extra)
        : m_stream(m_ioContext, extra...)
    {}

    bool connect(std::uint16_t port)
    {
        auto &socket = beast::get_lowest_layer(m_stream);
        socket.expires_after(ioTimeout);
        m_lastError = run([&](auto handler) {
            socket.async_connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), handler);
        });
        return !m_lastError;
    }

    bool handshake()
    {
        beast::get_lowest_layer(m_stream).expires_after(ioTimeout);
        m_lastError = run([&](auto handler) {
            m_stream.async_handshake(net::ssl::stream_base::client, handler);
        });
        return !m_lastError;
    }

    bool send(const std::string &raw)
    {
        beast::get_lowest_layer(m_stream).expires_after(ioTimeout);
        m_lastError = run(
            [&](auto handler) { net::async_write(m_stream, net::buffer(raw), handler); });
        return !m_lastError;
    }

    std::optional<Response> receive(std::chrono::milliseconds timeout = ioTimeout)
    {
        Response response;
        beast::get_lowest_layer(m_stream).expires_after(timeout);
        m_lastError = run(
            [&](auto handler) { http::async_read(m_stream, m_buffer, response, handler); });
        if (m_lastError)
            return std::nullopt;
        return response;
    }

    std::optional<Response> request(const std::string &raw)
    {
        if (!send(raw))
            return std::nullopt;
        return receive();
    }

    // True when the server closes the connection within `timeout` (data before that is
    // read and dropped).
    bool waitForClose(std::chrono::milliseconds timeout)
    {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        std::array<char, 4096> data{};
        for (;;) {
            beast::get_lowest_layer(m_stream).expires_at(deadline);
            m_lastError = run(
                [&](auto handler) { m_stream.async_read_some(net::buffer(data), handler); });
            if (m_lastError == beast::error::timeout)
                return false;
            if (m_lastError)
                return true;
        }
    }

    void close()
    {
        beast::error_code ignored;
        beast::get_lowest_layer(m_stream).socket().shutdown(tcp::socket::shutdown_both, ignored);
        beast::get_lowest_layer(m_stream).close();
    }

    Stream &stream() { return m_stream; }
    beast::error_code lastError() const { return m_lastError; }

private:
    template<class Start>
    beast::error_code run(Start start)
    {
        beast::error_code result = net::error::would_block;
        start([&result](const beast::error_code &error, auto &&...) { result = error; });
        m_ioContext.restart();
        m_ioContext.run();
        return result;
    }

    net::io_context m_ioContext;
    Stream m_stream;
    beast::flat_buffer m_buffer;
    beast::error_code m_lastError;
};

using Client = BasicClient<beast::tcp_stream>;
using TlsClient = BasicClient<beast::ssl_stream<beast::tcp_stream>>;

std::string rawRequest(const std::string &method,
                       const std::string &target,
                       const std::string &body = {},
                       const std::string &contentType = "application/json",
                       const std::string &extraHeaders = {})
{
    std::string raw = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n" + extraHeaders;
    if (!body.empty() || method == "POST") {
        if (!contentType.empty())
            raw += "Content-Type: " + contentType + "\r\n";
        raw += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    return raw + "\r\n" + body;
}

std::string header(const Response &response, std::string_view name)
{
    return std::string(response[name]);
}

nlohmann::json errorOf(const Response &response)
{
    return nlohmann::json::parse(response.body(), nullptr, false).value("error", nlohmann::json());
}

bool isRequestId(const std::string &id)
{
    static const QRegularExpression pattern(QStringLiteral("^req_[a-z2-7]{16}$"));
    return pattern.match(QString::fromStdString(id)).hasMatch();
}

net::ssl::context clientTlsContext(bool tls12Only)
{
    net::ssl::context context(net::ssl::context::tls_client);
    context.set_verify_mode(net::ssl::verify_none); // a self-signed test certificate
    if (tls12Only)
        SSL_CTX_set_max_proto_version(context.native_handle(), TLS1_2_VERSION);
    return context;
}

HttpResponse echo(HttpRequest &request)
{
    nlohmann::json query = nlohmann::json::array();
    for (const auto &[name, value] : request.query)
        query.push_back(nlohmann::json::array({name, value}));
    return HttpResponse::json(200,
                              {{"request_id", request.requestId},
                               {"remote", request.remoteAddress},
                               {"method", std::string(toString(request.method))},
                               {"path", request.path},
                               {"query", query},
                               {"body", request.body},
                               {"user_agent", request.header("user-agent").value_or("")}});
}

} // namespace

class TestHttpServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void jsonResponseWithRequestId();
    void keepAlive();
    void notFoundAndMethodNotAllowed();
    void payloadTooLarge();
    void malformedRequest_data();
    void malformedRequest();
    void unsupportedMediaType();
    void percentDecodingAndAccessLog();
    void handlerExceptionIsInternalError();
    void headerTimeoutClosesSlowClient();
    void idleTimeoutClosesKeepAlive();
    void requestsWithinTheIdleTimeoutKeepTheConnection();
    void blockingHandlerDoesNotStallOthers();
    void handlerAnswersLaterFromAnotherThread();
    void gracefulStopWaitsForALaterAnswer();
    void tls13Only();
    void tls12WhenAllowed();
    void badTlsFilesFailListen();
    void gracefulStop();
    void maxConnections();

private:
    HttpServerOptions options() const;

    std::shared_ptr<LogSink> m_accessLog;
    std::shared_ptr<LogSink> m_errorLog;
    QTemporaryDir m_tlsDir;
    std::string m_certificateFile;
    std::string m_keyFile;
};

void TestHttpServer::initTestCase()
{
    QVERIFY(m_tlsDir.isValid());
    const auto openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        return; // the TLS tests skip
    const auto certificate = m_tlsDir.filePath(QStringLiteral("cert.pem"));
    const auto key = m_tlsDir.filePath(QStringLiteral("key.pem"));
    QProcess process;
    process.start(openssl,
                  {QStringLiteral("req"),
                   QStringLiteral("-x509"),
                   QStringLiteral("-newkey"),
                   QStringLiteral("ec"),
                   QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:prime256v1"),
                   QStringLiteral("-nodes"),
                   QStringLiteral("-days"),
                   QStringLiteral("1"),
                   QStringLiteral("-subj"),
                   QStringLiteral("/CN=localhost"),
                   QStringLiteral("-keyout"),
                   key,
                   QStringLiteral("-out"),
                   certificate});
    QVERIFY(process.waitForFinished(30'000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    m_certificateFile = certificate.toStdString();
    m_keyFile = key.toStdString();
}

HttpServerOptions TestHttpServer::options() const
{
    HttpServerOptions options;
    options.listenAddress = "127.0.0.1";
    options.port = 0;
    options.threads = 2;
    const auto accessLog = m_accessLog;
    const auto errorLog = m_errorLog;
    options.accessLog = [accessLog](const std::string &line) { accessLog->add(line); };
    options.errorLog = [errorLog](const std::string &line) { errorLog->add(line); };
    return options;
}

void TestHttpServer::jsonResponseWithRequestId()
{
    m_accessLog = std::make_shared<LogSink>();
    m_errorLog = std::make_shared<LogSink>();
    ServerRunner runner(options(), echo);
    QVERIFY(runner.start());
    QVERIFY(runner.port() != 0);

    Client client;
    QVERIFY(client.connect(runner.port()));
    const auto response = client.request(
        rawRequest("GET", "/hello", {}, {}, "User-Agent: TestAgent/1\r\n"));
    QVERIFY(response);
    QCOMPARE(response->result_int(), 200u);
    QCOMPARE(header(*response, "Content-Type"), std::string("application/json"));
    const auto requestId = header(*response, "Request-Id");
    QVERIFY2(isRequestId(requestId), requestId.c_str());

    const auto body = nlohmann::json::parse(response->body());
    QCOMPARE(body.at("request_id").get<std::string>(), requestId);
    QCOMPARE(body.at("remote").get<std::string>(), std::string("127.0.0.1"));
    QCOMPARE(body.at("user_agent").get<std::string>(), std::string("TestAgent/1"));
    QCOMPARE(body.at("method").get<std::string>(), std::string("GET"));
}

void TestHttpServer::keepAlive()
{
    m_accessLog = std::make_shared<LogSink>();
    m_errorLog = std::make_shared<LogSink>();
    ServerRunner runner(options(), echo);
    QVERIFY(runner.start());

    Client client;
    QVERIFY(client.connect(runner.port()));
    const auto first = client.request(rawRequest("GET", "/one"));
    QVERIFY(first);
    QCOMPARE(first->result_int(), 200u);
    QVERIFY(first->keep_alive());
    const auto second = client.request(rawRequest("POST", "/two", R"({"a":1})"));
    QVERIFY2(second, client.lastError().message().c_str());
    QCOMPARE(second->result_int(), 200u);
    QCOMPARE(nlohmann::json::parse(second->body()).at("body").get<std::string>(),
             std::string(R"({"a":1})"));
    QVERIFY(header(*first, "Request-Id") != header(*second, "Request-Id"));
    QCOMPARE(runner.server().openConnections(), std::size_t(1));
}

void TestHttpServer::notFoundAndMethodNotAllowed()
{
    m_accessLog = std::make_shared<LogSink>();
    m_errorLog = std::make_shared<LogSink>();
    Router router;
    router.add(HttpMethod::Get, "/hello", echo);
    router.add(HttpMethod::Put, "/hello", echo);
    ServerRunner runner(options(),
                        [&router](HttpRequest &request) { return router.dispatch(request); });
    QVERIFY(runner.start());

    Client client;
    QVERIFY(client.connect(runner.port()));
    const auto missing = client.request(rawRequest("GET", "/nope"));
    QVERIFY(missing);
    QCOMPARE(missing->result_int(), 404u);
    QCOMPARE(header(*missing, "Content-Type"), std::string("application/json"));
    const auto notFound = errorOf(*missing);
    QCOMPARE(notFound.value("code", ""), std::string("resource_missing"));
    QCOMPARE(notFound.value("type", ""), std::string("invalid_request_error"));
    QCOMPARE(notFound.value("request_id", ""), header(*missing, "Request-Id"));

    const auto wrongMethod = client.request(rawRequest("DELETE", "/hello"));
    QVERIFY(wrongMethod);
    QCOMPARE(wrongMethod->result_int(), 405u);
    QCOMPARE(header(*wrongMethod, "Allow"), std::string("GET, PUT"));
    QCOMPARE(errorOf(*wrongMethod).value("code", ""), std::string("method_not_allowed"));
    QVERIFY(isRequestId(header(*wrongMethod, "Request-Id")));

    const auto found = client.request(rawRequest("GET", "/hello"));
    QVERIFY(found);
    QCOMPARE(found->result_int(), 200u);
}

void TestHttpServer::payloadTooLarge()
{
    m_accessLog = std::make_shared<LogSink>();
    m_errorLog = std::make_shared<LogSink>();
    std::atomic<int> calls{0};
    ServerRunner runner(options(), [&calls](HttpRequest &request) {
        ++calls;
        return echo(request);
    });
    QVERIFY(runner.start());

    const std::string body(std::size_t{2} * 1024 * 1024, 'x');
    Client client;
    QVERIFY(client.connect(runner.port()));
    client.send(rawRequest("POST", "/upload", body)); // the server may answer before the end
    const auto response = client.receive();
    QVERIFY2(response, client.lastError().message().c_str());
    QCOMPARE(response->result_int(), 413u);
    QVERIFY(!response->keep_alive());
    QVERIFY(isRequestId(header(*response, "Request-Id")));
    const auto error = errorOf(*response);
    QCOMPARE(error.value("code", ""), std::string("body_too_large"));
    QCOMPARE(error.value("request_id", ""), header(*response, "Request-Id"));
    QVERIFY(client.waitForClose(ioTimeout));
    QCOMPARE(calls.load(), 0);

    // Chunked, without a Content-Length: the limit applies as the body arrives.
    Client chunked;
    QVERIFY(chunked.connect(runner.port()));
    const std::string chunk(std::size_t{512} * 1024, 'y');
    std::string raw
        = "POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          "Transfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 4; ++i)
        raw += "80000\r\n" + chunk + "\r\n";
    raw += "0\r\n\r\n";
    chunked.send(raw);
    const auto chunkedResponse = chunked.receive();
    QVERIFY2(chunkedResponse, chunked.lastError().message().c_str());
    QCOMPARE(chunkedResponse->result_int(), 413u);
    QCOMPARE(calls.load(), 0);

    Client next;
    QVERIFY(next.connect(runner.port()));
    const auto small = next.request(rawRequest("POST", "/upload", std::string(1000, ' ') + "{}"));
    QVERIFY(small);
    QCOMPARE(small->result_int(), 200u);
    QCOMPARE(calls.load(), 1);
}

void TestHttpServer::malformedRequest_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::newRow("bad header line")
        << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n");
    QTest::newRow("bad version") << QByteArray("GET / HTTP/9\r\nHost: x\r\n\r\n");
    QTest::newRow("garbage") << QByteArray("\x01\x02 nonsense\r\n\r\n");
    QTest::newRow("bad content length")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");
}

void TestHttpServer::malformedRequest()
{
    QFETCH(QByteArray, raw);
    m_accessLog = std::make_shared<LogSink>();
    m_errorLog = std::make_shared<LogSink>();
    std::atomic<int> calls{0};
    ServerRunner runner(options(), [&calls](HttpRequest &request) {
        ++calls;
        return echo(request);
    });
    QVERIFY(runner.start());

    Client client;
    QVERIFY(client.connect(runner.port()));
    QVERIFY(client.send(raw.toStdString()));
    const auto response = client.receive();
    QVERIFY2(response, client.lastError().message().c_str());
    QCOMPARE(response->result_int(), 400u);
    QVERIFY(isRequestId(header(*response, "Request-Id")));
    QCOMPARE(errorOf(*response).value("type", ""), std::string("invalid_request_error"));
    QVERIFY(client.waitForClose(ioTimeout));
    QCOMPARE(calls.load(), 0);

    Client next;
    QVERIFY(next.connect(runner.port()));
    const auto fine = next.request(rawRequest("GET", "/"));
    QVERIFY(fine);
    QCOMPARE(fine->result_int(), 200u);
}

void TestHttpServer::unsupportedMediaType()
{
    m_accessLog = std::make_shared<LogSink>();
    m_errorLog = std::make_shared<LogSink>();
    std::atomic<int> calls{0};
    ServerRunner runner(options(), [&calls](HttpRequest &request) {
        ++calls;
        return echo(request);
    });
    QVERIFY(runner.start());

    Client client;
    QVERIFY(client.connect(runner.port()));
    const auto text = client.request(rawRequest("POST", "/x", "hello", "text/plain"));
    QVERIFY(text);
    QCOMPARE(text->result_int(), 415u);
    QCOMPARE(errorOf(*text).value("code", ""), std::string("unsupported_media_type"));
    QVERIFY(isRequestId(header(*text, "Request-Id")));
    QCOMPARE(calls.load(), 0);

    const auto missing = client.request(rawRequest("POST", "/x", "{}", {}));
    QVERIFY(missing);
    QCOMPARE(missing->result_int(), 415u);
    QCOMPARE(calls.load(), 0);

    const auto lookalike = client.request(rawRequest("POST", "/x", "{}", "application/jsonx"));
    QVERIFY(lookalike);
    QCOMPARE(lookalike->result_int(), 415u);
    QCOMPARE(calls.load(), 0);

    // The connection survives a 415, and parameters are allowed.
    const auto json = client.request(
        rawRequest("POST", "/x", R"({"a":1})", "Application/JSON; charset=utf-8"));
    QVERIFY(json);
    QCOMPARE(json->result_int(), 200u);
    QCOMPARE(calls.load(), 1);

    // No body: no Content-Type needed.
    const auto empty = client.request(rawRequest("POST", "/x", {}, {}));
    QVERIFY(empty);
    QCOMPARE(empty->result_int(), 200u);
    QCOMPARE(calls.load(), 2);
}

void TestHttpServer::percentDecodingAndAccessLog()
{
    m_accessLog = std::make_shared<LogSink>();
    m_errorLog = std::make_shared<LogSink>();
    std::atomic<int> calls{0};
    ServerRunner runner(options(), [&calls](HttpRequest &request) {
        ++calls;
        return echo(request);
    });
    QVERIFY(runner.start());

    Client client;
    QVERIFY(client.connect(runner.port()));
    const auto response = client.request(
        rawRequest("GET",
                   "/files/a%20b+c%2F?q=x+y%26z&token=s3cr3tT0ken&flag&password=hunter2%21&q=2",
                   {},
                   {},
                   "Authorization: Bearer topSecretBearer\r\n"));
    QVERIFY(response);
    QCOMPARE(response->result_int(), 200u);
    const auto body = nlohmann::json::parse(response->body());
    QCOMPARE(body.at("path").get<std::string>(), std::string("/files/a b+c/"));
    const auto pair = [](const char *name, const char *value) {
        return nlohmann::json::array({name, value});
    };
    const auto expectedQuery = nlohmann::json::array({pair("q", "x y&z"),
                                                      pair("token", "s3cr3tT0ken"),
                                                      pair("flag", ""),
                                                      pair("password", "hunter2!"),
                                                      pair("q", "2")});
    QCOMPARE(body.at("query").dump(), expectedQuery.dump());

    for (const char *target : {"/files/%zz", "/files/%4", "/files/a%00b", "/ok?x=%g1"}) {
        const auto invalid = client.request(rawRequest("GET", target));
        QVERIFY(invalid);
        QVERIFY2(invalid->result_int() == 400, target);
        QCOMPARE(errorOf(*invalid).value("code", ""), std::string("invalid_request_target"));
    }
    QCOMPARE(calls.load(), 1);

    QVERIFY(m_accessLog->waitForCount(5));
    const auto lines = m_accessLog->lines();
    for (const auto &line : lines) {
        QVERIFY(line.find('\n') == std::string::npos);
        QVERIFY2(line.find("s3cr3t") == std::string::npos, line.c_str());
        QVERIFY2(line.find("hunter2") == std::string::npos, line.c_str());
        QVERIFY2(line.find("topSecret") == std::string::npos, line.c_str());
    }
    const auto first = nlohmann::json::parse(lines.front());
    QCOMPARE(first.at("request_id").get<std::string>(), header(*response, "Request-Id"));
    QCOMPARE(first.at("remote").get<std::string>(), std::string("127.0.0.1"));
    QCOMPARE(first.at("method").get<std::string>(), std::string("GET"));
    QCOMPARE(first.at("path").get<std::string>(), std::string("/files/a b+c/"));
    QCOMPARE(first.at("status").get<int>(), 200);
    QCOMPARE(first.at("bytes").get<std::size_t>(), response->body().size());
    QVERIFY(first.at("duration_ms").is_number());
    QVERIFY(first.at("duration_ms").get<double>() >= 0.0);
    const auto ts = QString::fromStdString(first.at("ts").get<std::string>());
    QVERIFY2(QRegularExpression(QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$)"))
                 .match(ts)
                 .hasMatch(),
             qPrintable(ts));
    QCOMPARE(nlohmann::json::parse(lines.back()).at("status").get<int>(), 400);
}

void TestHttpServer::handlerExceptionIsInternalError()
{
    m_accessLog = std::make_shared<LogSink>();
    m_errorLog = std::make_shared<LogSink>();
    ServerRunner runner(options(), [](HttpRequest &request) -> HttpResponse {
        if (request.path == "/boom")
            throw std::runtime_error("SELECT * FROM secret_table: disk I/O error");
        if (request.path == "/weird")
            throw 42;
        return echo(request);
    });
    QVERIFY(runner.start());

    Client client;
    QVERIFY(client.connect(runner.port()));
    for (const char *path : {"/boom", "/weird"}) {
        const auto response = client.request(rawRequest("GET", path));
        QVERIFY(response);
        QCOMPARE(response->result_int(), 500u);
        QVERIFY(response->body().find("secret_table") == std::string::npos);
        QVERIFY(response->body().find("disk") == std::string::npos);
        const auto error = errorOf(*response);
        QCOMPARE(error.value("type", ""), std::string("api_error"));
        QCOMPARE(error.value("code", ""), std::string("internal_error"));
        QCOMPARE(error.value("request_id", ""), header(*response, "Request-Id"));
    }
    QVERIFY(m_errorLog->contains("secret_table"));

    const auto after = client.request(rawRequest("GET", "/fine"));
    QVERIFY(after);
    QCOMPARE(after->result_int(), 200u);
}

void TestHttpServer::headerTimeoutClosesSlowClient()
{
    m_accessLog = std::make_shared<LogSink>();
    m_errorLog = std::make_shared<LogSink>();
    auto opts = options();
    opts.headerTimeout = 300ms;
    ServerRunner runner(std::move(opts), echo);
    QVERIFY(runner.start());

    Client slow;
    QVERIFY(slow.connect(runner.port()));
    const auto started = std::chrono::steady_clock::now();
    QVERIFY(slow.send("GET /slow HTTP/1.1\r\nHost: loc"));
    QVERIFY(slow.waitForClose(5s));
    const auto elapsed = std::chrono::steady_clock::now() - started;
    QVERIFY2(elapsed >= 250ms && elapsed < 3s,
             std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count())
                 .c_str());

    Client silent; // connects and sends nothing
    QVERIFY(silent.connect(runner.port()));
    QVERIFY(silent.waitForClose(5s));

    Client fine;
    QVERIFY(fine.connect(runner.port()));
    const auto response = fine.request(rawRequest("GET", "/"));
    QVERIFY(response);
    QCOMPARE(response->result_int(), 200u);
}

void TestHttpServer::idleTimeoutClosesKeepAlive()
{
    m_accessLog = std::make_shared<LogSink>();
    m_errorLog = std::make_shared<LogSink>();
    auto opts = options();
    opts.idleTimeout = 300ms;
    ServerRunner runner(std::move(opts), echo);
    QVERIFY(runner.start());

    Client client;
    QVERIFY(client.connect(runner.port()));
    const auto response = client.request(rawRequest("GET", "/"));
    QVERIFY(response);
    QVERIFY(response->keep_alive());
    const auto started = std::chrono::steady_clock::now();
    QVERIFY(client.waitForClose(5s));
    const auto elapsed = std::chrono::steady_clock::now() - started;
    QVERIFY(elapsed >= 200ms && elapsed < 3s);
}

// Idle connections are closed by the server's periodic sweep, not by a timer of their own: each
// request must move the deadline on, or a busy connection would be closed under its client.
void TestHttpServer::requestsWithinTheIdleTimeoutKeepTheConnection()
{
    m_accessLog = std::make_shared<LogSink>();
    m_errorLog = std::make_shared<LogSink>();
    auto opts = options();
    opts.idleTimeout = 400ms;
    ServerRunner runner(std::move(opts), echo);
    QVERIFY(runner.start());

    Client client;
    QVERIFY(client.connect(runner.port()));
    const auto started = std::chrono::steady_clock::now();
    int answered = 0;
    auto lastAnswer = started;
    while (lastAnswer - started < 1500ms) { // almost 4 idle timeouts
        if (answered > 0)
            std::this_thread::sleep_for(200ms);
        const auto response = client.request(rawRequest("GET", "/"));
        QVERIFY2(response, client.lastError().message().c_str());
        QCOMPARE(response->result_int(), 200u);
        QVERIFY(response->keep_alive());
        lastAnswer = std::chrono::steady_clock::now();
        ++answered;
    }
    QVERIFY(answered >= 5);

    // Once left alone, it is closed after the idle timeout (and a sweep interval, 100 ms).
    QVERIFY(client.waitForClose(5s));
    const auto idle = std::chrono::steady_clock::now() - lastAnswer;
    QVERIFY2(idle >= 300ms && idle < 3s,
             std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(idle).count())
                 .c_str());
}

void TestHttpServer::blockingHandlerDoesNotStallOthers()
{
    m_accessLog = std::make_shared<LogSink>();
    m_errorLog = std::make_shared<LogSink>();
    ServerRunner runner(options(), [](HttpRequest &request) {
        if (request.path == "/slow")
            std::this_thread::sleep_for(1500ms);
        return echo(request);
    });
    QVERIFY(runner.start());

    Client slow;
    QVERIFY(slow.connect(runner.port()));
    QVERIFY(slow.send(rawRequest("GET", "/slow")));
    std::this_thread::sleep_for(100ms); // let the slow handler start

    Client fast;
    QVERIFY(fast.connect(runner.port()));
    const auto started = std::chrono::steady_clock::now();
    const auto response = fast.request(rawRequest("GET", "/fast"));
    QVERIFY(response);
    QCOMPARE(response->result_int(), 200u);
    QVERIFY(std::chrono::steady_clock::now() - started < 1s);

    const auto slowResponse = slow.receive();
    QVERIFY(slowResponse);
    QCOMPARE(slowResponse->result_int(), 200u);
}

// A handler that answers later (the webhook intake's group commit) frees its server thread at
// once: with one thread, another connection is served while the first waits for its answer.
void TestHttpServer::handlerAnswersLaterFromAnotherThread()
{
    m_accessLog = std::make_shared<LogSink>();
    m_errorLog = std::make_shared<LogSink>();
    std::mutex mutex;
    std::vector<HttpResponder> waiting;
    std::atomic<int> taken = 0;
    auto opts = options();
    opts.threads = 1;
    ServerRunner runner(std::move(opts), [&](HttpRequest &request) {
        if (request.path == "/later") {
            const std::lock_guard lock(mutex);
            waiting.push_back(request.answerLater());
            ++taken;
            return HttpResponse::json(418, {{"sent", true}}); // ignored: the responder answers
        }
        if (request.path == "/dropped") {
            HttpResponder dropped = request.answerLater();
            return echo(request); // ignored; `dropped` goes unanswered
        }
        return echo(request);
    });
    QVERIFY(runner.start());

    Client later;
    QVERIFY(later.connect(runner.port()));
    QVERIFY(later.send(rawRequest("POST", "/later", R"({"n":1})")));
    QTRY_VERIFY_WITH_TIMEOUT(taken.load() == 1, 10'000);

    Client other;
    QVERIFY(other.connect(runner.port()));
    const auto served = other.request(rawRequest("GET", "/fast"));
    QVERIFY2(served, other.lastError().message().c_str());
    QCOMPARE(served->result_int(), 200u);

    HttpResponder responder;
    {
        const std::lock_guard lock(mutex);
        responder = waiting.front();
        waiting.clear();
    }
    std::thread([responder] {
        responder(HttpResponse::json(201, {{"answered", "later"}}));
        responder(HttpResponse::json(202, {{"answered", "twice"}})); // does nothing
    }).join();
    const auto answer = later.receive();
    QVERIFY2(answer, later.lastError().message().c_str());
    QCOMPARE(answer->result_int(), 201u);
    QCOMPARE(nlohmann::json::parse(answer->body()).at("answered").get<std::string>(),
             std::string("later"));
    QVERIFY(isRequestId(header(*answer, "Request-Id")));
    QVERIFY(answer->keep_alive());

    // The connection goes on (the second call sent nothing: this reads the next response); a
    // dropped responder answers 500.
    const auto dropped = later.request(rawRequest("GET", "/dropped"));
    QVERIFY2(dropped, later.lastError().message().c_str());
    QCOMPARE(dropped->result_int(), 500u);
    QCOMPARE(errorOf(*dropped).value("code", ""), std::string("internal_error"));
    QCOMPARE(errorOf(*dropped).value("request_id", ""), header(*dropped, "Request-Id"));
    const auto next = later.request(rawRequest("GET", "/next"));
    QVERIFY(next);
    QCOMPARE(next->result_int(), 200u);
    QTRY_VERIFY_WITH_TIMEOUT(m_accessLog->contains("\"status\":201"), 10'000);
}

void TestHttpServer::gracefulStopWaitsForALaterAnswer()
{
    m_accessLog = std::make_shared<LogSink>();
    m_errorLog = std::make_shared<LogSink>();
    std::promise<HttpResponder> taken;
    auto takenFuture = taken.get_future();
    ServerRunner runner(options(), [&taken](HttpRequest &request) {
        taken.set_value(request.answerLater());
        return HttpResponse::noContent();
    });
    QVERIFY(runner.start());

    Client client;
    QVERIFY(client.connect(runner.port()));
    QVERIFY(client.send(rawRequest("POST", "/later", R"({"n":1})")));
    QVERIFY(takenFuture.wait_for(ioTimeout) == std::future_status::ready);
    HttpResponder responder = takenFuture.get();

    runner.server().stop(5s);
    QVERIFY(!runner.waitForExit(300ms)); // it waits for the answer
    responder(HttpResponse::json(200, {{"stored", true}}));
    const auto response = client.receive();
    QVERIFY2(response, client.lastError().message().c_str());
    QCOMPARE(response->result_int(), 200u);
    QVERIFY(!response->keep_alive());
    QVERIFY(runner.waitForExit(ioTimeout));
}

void TestHttpServer::tls13Only()
{
    if (m_certificateFile.empty())
        QSKIP("openssl is not installed: no test certificate");
    m_accessLog = std::make_shared<LogSink>();
    m_errorLog = std::make_shared<LogSink>();
    auto opts = options();
    opts.tlsCertificateFile = m_certificateFile;
    opts.tlsPrivateKeyFile = m_keyFile;
    ServerRunner runner(std::move(opts), echo);
    QVERIFY(runner.start());

    auto modern = clientTlsContext(false);
    TlsClient client(modern);
    QVERIFY(client.connect(runner.port()));
    QVERIFY2(client.handshake(), client.lastError().message().c_str());
    QCOMPARE(SSL_version(client.stream().native_handle()), TLS1_3_VERSION);
    const auto response = client.request(rawRequest("GET", "/secure"));
    QVERIFY(response);
    QCOMPARE(response->result_int(), 200u);
    QVERIFY(isRequestId(header(*response, "Request-Id")));
    const auto second = client.request(rawRequest("POST", "/secure", "{}"));
    QVERIFY(second);
    QCOMPARE(second->result_int(), 200u);

    auto legacy = clientTlsContext(true);
    TlsClient old(legacy);
    QVERIFY(old.connect(runner.port()));
    QVERIFY(!old.handshake());

    TlsClient again(modern);
    QVERIFY(again.connect(runner.port()));
    QVERIFY(again.handshake());
    const auto third = again.request(rawRequest("GET", "/secure"));
    QVERIFY(third);
    QCOMPARE(third->result_int(), 200u);
}

void TestHttpServer::tls12WhenAllowed()
{
    if (m_certificateFile.empty())
        QSKIP("openssl is not installed: no test certificate");
    m_accessLog = std::make_shared<LogSink>();
    m_errorLog = std::make_shared<LogSink>();
    auto opts = options();
    opts.tlsCertificateFile = m_certificateFile;
    opts.tlsPrivateKeyFile = m_keyFile;
    opts.allowTls12 = true;
    ServerRunner runner(std::move(opts), echo);
    QVERIFY(runner.start());

    auto legacy = clientTlsContext(true);
    TlsClient client(legacy);
    QVERIFY(client.connect(runner.port()));
    QVERIFY2(client.handshake(), client.lastError().message().c_str());
    QCOMPARE(SSL_version(client.stream().native_handle()), TLS1_2_VERSION);
    const auto response = client.request(rawRequest("GET", "/secure"));
    QVERIFY(response);
    QCOMPARE(response->result_int(), 200u);
}

void TestHttpServer::badTlsFilesFailListen()
{
    auto opts = options();
    opts.tlsCertificateFile = "/nonexistent/cert.pem";
    opts.tlsPrivateKeyFile = "/nonexistent/key.pem";
    {
        HttpServer server(opts, echo);
        std::string error;
        QVERIFY(!server.listen(error));
        QVERIFY2(error.find("/nonexistent/cert.pem") != std::string::npos, error.c_str());
    }
    if (m_certificateFile.empty())
        return;
    opts.tlsCertificateFile = m_certificateFile;
    {
        HttpServer server(opts, echo);
        std::string error;
        QVERIFY(!server.listen(error));
        QVERIFY2(error.find("/nonexistent/key.pem") != std::string::npos, error.c_str());
    }
    opts.tlsPrivateKeyFile = m_certificateFile; // a certificate is not a key
    {
        HttpServer server(opts, echo);
        std::string error;
        QVERIFY(!server.listen(error));
        QVERIFY(!error.empty());
    }
}

void TestHttpServer::gracefulStop()
{
    m_accessLog = std::make_shared<LogSink>();
    m_errorLog = std::make_shared<LogSink>();
    std::promise<void> slowStarted;
    auto slowStartedFuture = slowStarted.get_future();
    ServerRunner runner(options(), [&slowStarted](HttpRequest &request) {
        if (request.path == "/slow") {
            slowStarted.set_value();
            std::this_thread::sleep_for(500ms);
        }
        return echo(request);
    });
    QVERIFY(runner.start());
    const auto port = runner.port();

    Client idle; // served once, then idle on keep-alive
    QVERIFY(idle.connect(port));
    const auto first = idle.request(rawRequest("GET", "/fast"));
    QVERIFY(first);
    QVERIFY(first->keep_alive());

    Client busy;
    QVERIFY(busy.connect(port));
    QVERIFY(busy.send(rawRequest("GET", "/slow")));
    QVERIFY(slowStartedFuture.wait_for(ioTimeout) == std::future_status::ready);

    const auto stopped = std::chrono::steady_clock::now();
    runner.server().stop(5s);
    QVERIFY(runner.server().isStopping());

    const auto response = busy.receive();
    QVERIFY2(response, busy.lastError().message().c_str());
    QCOMPARE(response->result_int(), 200u);
    QVERIFY(!response->keep_alive()); // Connection: close while draining
    QVERIFY(isRequestId(header(*response, "Request-Id")));
    busy.close();

    QVERIFY(idle.waitForClose(ioTimeout));
    QVERIFY(runner.waitForExit(ioTimeout));
    QVERIFY(std::chrono::steady_clock::now() - stopped < 4s);
    QCOMPARE(runner.server().openConnections(), std::size_t(0));

    Client late;
    QVERIFY(!late.connect(port));
}

void TestHttpServer::maxConnections()
{
    m_accessLog = std::make_shared<LogSink>();
    m_errorLog = std::make_shared<LogSink>();
    auto opts = options();
    opts.maxConnections = 2;
    ServerRunner runner(std::move(opts), echo);
    QVERIFY(runner.start());

    Client first;
    QVERIFY(first.connect(runner.port()));
    QVERIFY(first.request(rawRequest("GET", "/1")));
    Client second;
    QVERIFY(second.connect(runner.port()));
    QVERIFY(second.request(rawRequest("GET", "/2")));
    QCOMPARE(runner.server().openConnections(), std::size_t(2));

    Client third;
    QVERIFY(third.connect(runner.port())); // the kernel accepts it; the server closes it
    QVERIFY(third.waitForClose(ioTimeout));

    const auto stillServed = first.request(rawRequest("GET", "/1"));
    QVERIFY(stillServed);
    QCOMPARE(stillServed->result_int(), 200u);

    first.close();
    QTRY_COMPARE_WITH_TIMEOUT(runner.server().openConnections(), std::size_t(1), 5000);
    Client fourth;
    QVERIFY(fourth.connect(runner.port()));
    const auto response = fourth.request(rawRequest("GET", "/4"));
    QVERIFY(response);
    QCOMPARE(response->result_int(), 200u);
}

QTEST_GUILESS_MAIN(TestHttpServer)

#include "testhttpserver.moc"
