// bench_webhook_intake: Stripe's side of POST /v1/webhooks/stripe at load. Builds `--events`
// distinct Stripe events (customer.subscription.updated, the subscription shape of Stripe's own
// fixtures), signs each as Stripe does (Stripe-Signature t=…,v1=…), then sends them over
// `--connections` keep-alive connections as fast as the server answers and reports the
// accepted events per second. With --token it then waits until the inbox has no pending event
// left (GET /v1/webhook-events?status=pending) and reports the processing rate as well.
//
//   bench_webhook_intake --port N --secret whsec_… --fixtures tests/data/stripe/fixtures.json
//       [--events 100000] [--connections 100] [--threads 1] [--customers 1000] [--token T]
//
// Prints one JSON object on stdout: {"events","connections","seconds","accepted_per_second",
// "non_200","errors","drain_seconds","processed_per_second"}.

#include "bench/server/benchoptions.h"
#include "server/billing/stripe/stripesignature.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Options
{
    std::uint16_t port = 0;
    std::string secret;
    std::string fixtures;
    std::string token;
    int events = 100'000;
    int connections = 100;
    int threads = 1;
    int customers = 1'000;
};

struct SignedEvent
{
    std::string body;
    std::string signature;
};

int usage(const std::string &message)
{
    std::cerr << "bench_webhook_intake: " << message
              << "\nusage: bench_webhook_intake --port N --secret S --fixtures FILE [--events N] "
                 "[--connections N] [--threads N] [--customers N] [--token T]\n";
    return 2;
}

// `count` events about `customers` subscriptions, each with its own id and a later `created`
// than the one before for the same subscription, signed at `now`.
std::vector<SignedEvent> makeEvents(const nlohmann::json &fixtures, const Options &options)
{
    const nlohmann::json &resources = fixtures.at("resources");
    const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
    nlohmann::json event = resources.at("event");
    nlohmann::json subscription = resources.at("subscription");
    std::vector<SignedEvent> events;
    events.reserve(static_cast<std::size_t>(options.events));
    for (int i = 0; i < options.events; ++i) {
        const int customer = i % options.customers;
        subscription["id"] = "sub_bench_" + std::to_string(customer);
        subscription["customer"] = "cus_bench_" + std::to_string(customer);
        subscription["status"] = (i / options.customers) % 2 == 0 ? "active" : "past_due";
        event["id"] = "evt_bench_" + std::to_string(now) + "_" + std::to_string(i);
        event["type"] = "customer.subscription.updated";
        event["created"] = now - options.events + i;
        event["data"] = {{"object", subscription}};
        SignedEvent signedEvent;
        signedEvent.body = event.dump();
        signedEvent.signature = "t=" + std::to_string(now) + ",v1="
                                + Tenantry::Server::StripeSignature::sign(options.secret,
                                                                          now,
                                                                          signedEvent.body);
        events.push_back(std::move(signedEvent));
    }
    return events;
}

struct Totals
{
    std::atomic<int> next = 0;
    std::atomic<int> ok = 0;
    std::atomic<int> non200 = 0;
    std::atomic<int> errors = 0;
};

// One keep-alive connection that takes the next unsent event until none is left.
class Connection : public std::enable_shared_from_this<Connection>
{
public:
    Connection(asio::io_context &io,
               const tcp::endpoint &endpoint,
               const std::vector<SignedEvent> &events,
               Totals &totals)
        : m_stream(io)
        , m_endpoint(endpoint)
        , m_events(events)
        , m_totals(totals)
    {}

    void start()
    {
        m_stream.async_connect(m_endpoint, [self = shared_from_this()](beast::error_code error) {
            if (error) {
                ++self->m_totals.errors;
                return;
            }
            self->m_stream.socket().set_option(tcp::no_delay(true));
            self->sendNext();
        });
    }

private:
    void sendNext()
    {
        const int index = m_totals.next++;
        if (index >= static_cast<int>(m_events.size()))
            return;
        const SignedEvent &event = m_events[static_cast<std::size_t>(index)];
        m_request = {};
        m_request.method(http::verb::post);
        m_request.target("/v1/webhooks/stripe");
        m_request.version(11);
        m_request.set(http::field::host, "127.0.0.1");
        m_request.set(http::field::content_type, "application/json; charset=utf-8");
        m_request.set(http::field::user_agent, "Stripe/1.0 (+https://stripe.com/docs/webhooks)");
        m_request.set("Stripe-Signature", event.signature);
        m_request.keep_alive(true);
        m_request.body() = event.body;
        m_request.prepare_payload();
        // Through a serializer: the message overloads default an enable_if pointer to 0.
        m_serializer.emplace(m_request);
        http::async_write(m_stream,
                          *m_serializer,
                          [self = shared_from_this()](beast::error_code error, std::size_t) {
                              if (error) {
                                  ++self->m_totals.errors;
                                  return;
                              }
                              self->readResponse();
                          });
    }

    void readResponse()
    {
        m_response = {};
        http::async_read(m_stream,
                         m_buffer,
                         m_response,
                         [self = shared_from_this()](beast::error_code error, std::size_t) {
                             if (error) {
                                 ++self->m_totals.errors;
                                 return;
                             }
                             if (self->m_response.result_int() == 200)
                                 ++self->m_totals.ok;
                             else
                                 ++self->m_totals.non200;
                             self->sendNext();
                         });
    }

    beast::tcp_stream m_stream;
    tcp::endpoint m_endpoint;
    const std::vector<SignedEvent> &m_events;
    Totals &m_totals;
    beast::flat_buffer m_buffer;
    http::request<http::string_body> m_request;
    std::optional<http::request_serializer<http::string_body>> m_serializer;
    http::response<http::string_body> m_response;
};

// Whether the inbox still has a pending event (one authenticated GET), or nullopt on failure.
std::optional<bool> pendingLeft(const tcp::endpoint &endpoint, const std::string &token)
{
    try {
        asio::io_context io;
        beast::tcp_stream stream(io);
        stream.connect(endpoint);
        http::request<http::empty_body> request(http::verb::get,
                                                "/v1/webhook-events?status=pending&limit=1",
                                                11);
        request.set(http::field::host, "127.0.0.1");
        request.set(http::field::authorization, "Bearer " + token);
        http::request_serializer<http::empty_body> serializer(request);
        http::write(stream, serializer);
        beast::flat_buffer buffer;
        http::response<http::string_body> response;
        http::read(stream, buffer, response);
        if (response.result_int() != 200)
            return std::nullopt;
        return !nlohmann::json::parse(response.body()).at("data").empty();
    } catch (const std::exception &) {
        return std::nullopt;
    }
}

int run(int argc, char *argv[])
{
    Options options;
    const std::string wrong = Tenantry::Bench::parseOptions(argc,
                                                            argv,
                                                            {{"--port", &options.port},
                                                             {"--secret", &options.secret},
                                                             {"--fixtures", &options.fixtures},
                                                             {"--token", &options.token},
                                                             {"--events", &options.events},
                                                             {"--connections", &options.connections},
                                                             {"--threads", &options.threads},
                                                             {"--customers", &options.customers}});
    if (!wrong.empty())
        return usage(wrong);
    if (options.port == 0 || options.secret.empty() || options.fixtures.empty())
        return usage("--port, --secret and --fixtures are required");
    if (options.events < 1 || options.connections < 1 || options.threads < 1
        || options.customers < 1)
        return usage("--events, --connections, --threads and --customers must be positive");

    std::ifstream fixtureFile(options.fixtures);
    if (!fixtureFile)
        return usage("cannot read " + options.fixtures);
    const nlohmann::json fixtures = nlohmann::json::parse(fixtureFile, nullptr, false);
    if (fixtures.is_discarded() || !fixtures.contains("resources"))
        return usage(options.fixtures + " is not Stripe's fixtures file");

    std::cerr << "bench_webhook_intake: signing " << options.events << " events\n";
    const std::vector<SignedEvent> events = makeEvents(fixtures, options);
    const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), options.port);

    asio::io_context io;
    Totals totals;
    for (int i = 0; i < options.connections; ++i)
        std::make_shared<Connection>(io, endpoint, events, totals)->start();
    const Clock::time_point start = Clock::now();
    std::vector<std::thread> threads;
    for (int i = 1; i < options.threads; ++i)
        threads.emplace_back([&io] { io.run(); });
    io.run();
    for (std::thread &thread : threads)
        thread.join();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();

    nlohmann::json report = {
        {"events", options.events},
        {"connections", options.connections},
        {"seconds", seconds},
        {"accepted_per_second", totals.ok.load() / seconds},
        {"non_200", totals.non200.load()},
        {"errors", totals.errors.load()},
    };
    if (!options.token.empty()) {
        std::cerr << "bench_webhook_intake: waiting for the inbox to drain\n";
        for (;;) {
            const std::optional<bool> left = pendingLeft(endpoint, options.token);
            if (!left) {
                report["drain_error"] = "GET /v1/webhook-events failed";
                break;
            }
            if (!*left) {
                const double drained = std::chrono::duration<double>(Clock::now() - start).count();
                report["drain_seconds"] = drained;
                report["processed_per_second"] = totals.ok.load() / drained;
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    std::cout << report.dump() << '\n';
    return totals.errors.load() == 0 && totals.non200.load() == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    try {
        return run(argc, argv);
    } catch (const std::exception &error) {
        std::cerr << "bench_webhook_intake: " << error.what() << '\n';
        return 1;
    }
}
