// bench_open_loop: an open-loop HTTP load generator for one GET, for the 10,000-connection
// benchmark of tenantryd. hey -c 10000 -q 1 ticks all its workers together (requests arrive in
// bursts of up to 10,000), keeps only 500 idle connections and re-dials the rest each second,
// and spends more CPU than the server it measures on a 2-core machine; its latency is then its
// own. This generator opens `--connections` keep-alive connections first, then sends
// `--rate` requests per second in total, spread evenly (one every 1/rate s, round robin over
// the connections), for `--duration` seconds, on one thread.
//
// Latency is counted from the moment a request was due, not from when it was sent: a request
// that waits behind a slow answer on its connection, or behind a late generator, is charged
// that wait (no coordinated omission). Requests fall due on a 1 ms tick, so this latency
// includes up to 1 ms (0.5 ms on average) of the generator's own granularity. The time from
// sending to the answer is reported too.
//
//   bench_open_loop --port N --path /v1/tenants/ten_… [--token T] [--connections 10000]
//       [--rate 10000] [--duration 20] [--drain 10] [--connect-concurrency 256]
//
// Prints one JSON object on stdout: {"connections","connected","connect_seconds","rate",
// "duration","sent","ok","non_200","errors","unanswered","achieved_per_second",
// "latency_ms":{"average","p50","p90","p99","max"},"service_ms":{…},"cpu_seconds"}.
// Exits 1 when a connection failed or a request got no 200.

#include "bench/server/benchoptions.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
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
    std::string path;
    std::string token;
    int connections = 10'000;
    double rate = 10'000;
    double duration = 20;
    double drain = 10;
    int connectConcurrency = 256;
};

int usage(const std::string &message)
{
    std::cerr << "bench_open_loop: " << message
              << "\nusage: bench_open_loop --port N --path P [--token T] [--connections N] "
                 "[--rate R] [--duration S] [--drain S] [--connect-concurrency N]\n";
    return 2;
}

struct Totals
{
    std::int64_t sent = 0;
    std::int64_t ok = 0;
    std::int64_t non200 = 0;
    std::int64_t errors = 0;
    int connected = 0;
    int connectErrors = 0;
    std::vector<std::uint32_t> latencyUs; // from the moment each request was due
    std::vector<std::uint32_t> serviceUs; // from the moment each request was written
};

std::uint32_t microseconds(Clock::duration duration)
{
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(duration).count();
    return static_cast<std::uint32_t>(std::clamp<std::int64_t>(us, 0, UINT32_MAX));
}

// One keep-alive connection: requests due on it queue until the one before is answered.
class Connection : public std::enable_shared_from_this<Connection>
{
public:
    Connection(asio::io_context &io, const std::string &request, Totals &totals)
        : m_socket(io)
        , m_request(request)
        , m_totals(totals)
    {}

    template<typename Done>
    void connect(const tcp::endpoint &endpoint, Done done)
    {
        m_socket.async_connect(endpoint,
                               [self = shared_from_this(), done](const beast::error_code &error) {
                                   if (error) {
                                       ++self->m_totals.connectErrors;
                                   } else {
                                       self->m_socket.set_option(tcp::no_delay(true));
                                       self->m_open = true;
                                       ++self->m_totals.connected;
                                   }
                                   done();
                               });
    }

    std::size_t waiting() const { return m_due.size(); }

    void due(Clock::time_point when)
    {
        if (!m_open) {
            ++m_totals.errors;
            return;
        }
        m_due.push_back(when);
        if (m_due.size() == 1)
            send();
    }

    void close()
    {
        beast::error_code ignored;
        m_socket.shutdown(tcp::socket::shutdown_both, ignored);
        m_socket.close(ignored);
    }

private:
    void send()
    {
        ++m_totals.sent;
        m_sentAt = Clock::now();
        asio::async_write(m_socket,
                          asio::buffer(m_request),
                          [self = shared_from_this()](const beast::error_code &error, std::size_t) {
                              if (error)
                                  return self->fail();
                              self->read();
                          });
    }

    void read()
    {
        m_response = {};
        http::async_read(m_socket,
                         m_buffer,
                         m_response,
                         [self = shared_from_this()](const beast::error_code &error, std::size_t) {
                             if (error)
                                 return self->fail();
                             self->answered();
                         });
    }

    void answered()
    {
        const Clock::time_point now = Clock::now();
        if (m_response.result_int() == 200)
            ++m_totals.ok;
        else
            ++m_totals.non200;
        m_totals.latencyUs.push_back(microseconds(now - m_due.front()));
        m_totals.serviceUs.push_back(microseconds(now - m_sentAt));
        m_due.pop_front();
        if (!m_response.keep_alive())
            return fail();
        if (!m_due.empty())
            send();
    }

    // The connection is gone: what was due on it failed.
    void fail()
    {
        m_totals.errors += static_cast<std::int64_t>(m_due.size());
        m_due.clear();
        m_open = false;
        close();
    }

    tcp::socket m_socket;
    const std::string &m_request;
    Totals &m_totals;
    beast::flat_buffer m_buffer;
    http::response<http::string_body> m_response;
    std::deque<Clock::time_point> m_due;
    Clock::time_point m_sentAt;
    bool m_open = false;
};

nlohmann::json summary(std::vector<std::uint32_t> &values)
{
    if (values.empty())
        return nullptr;
    std::sort(values.begin(), values.end());
    double total = 0;
    for (std::uint32_t value : values)
        total += value;
    const auto at = [&values](double quantile) {
        const auto index = static_cast<std::size_t>(quantile
                                                    * static_cast<double>(values.size() - 1));
        return values[index] / 1000.0;
    };
    return {{"average", total / static_cast<double>(values.size()) / 1000.0},
            {"p50", at(0.50)},
            {"p90", at(0.90)},
            {"p99", at(0.99)},
            {"max", values.back() / 1000.0}};
}

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval &value) {
        return static_cast<double>(value.tv_sec) + static_cast<double>(value.tv_usec) / 1e6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Open files up to the hard limit: one per connection.
void raiseOpenFiles()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

int run(int argc, char *argv[])
{
    Options options;
    const std::string wrong = Tenantry::Bench::parseOptions(argc,
                                                            argv,
                                                            {{"--port", &options.port},
                                                             {"--path", &options.path},
                                                             {"--token", &options.token},
                                                             {"--connections", &options.connections},
                                                             {"--rate", &options.rate},
                                                             {"--duration", &options.duration},
                                                             {"--drain", &options.drain},
                                                             {"--connect-concurrency",
                                                              &options.connectConcurrency}});
    if (!wrong.empty())
        return usage(wrong);
    if (options.port == 0 || options.path.empty() || options.path.front() != '/')
        return usage("--port and --path (starting with /) are required");
    if (options.connections < 1 || options.rate <= 0 || options.duration <= 0 || options.drain < 0
        || options.connectConcurrency < 1)
        return usage("--connections, --rate, --duration and --connect-concurrency must be "
                     "positive");
    raiseOpenFiles();

    std::string request = "GET " + options.path
                          + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(options.port) + "\r\n";
    if (!options.token.empty())
        request += "Authorization: Bearer " + options.token + "\r\n";
    request += "\r\n";

    asio::io_context io;
    // run_one() stops the context when nothing is left to do, as between the phases here.
    auto keepRunning = asio::make_work_guard(io);
    Totals totals;
    const auto expected = static_cast<std::size_t>(options.rate * options.duration) + 1;
    totals.latencyUs.reserve(expected);
    totals.serviceUs.reserve(expected);
    const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), options.port);
    std::vector<std::shared_ptr<Connection>> connections;
    connections.reserve(static_cast<std::size_t>(options.connections));
    for (int i = 0; i < options.connections; ++i)
        connections.push_back(std::make_shared<Connection>(io, request, totals));

    // Connect with at most --connect-concurrency handshakes in flight (a burst of 10,000 SYNs
    // would overflow the listen backlog and measure the kernel's retransmit timer).
    std::cerr << "bench_open_loop: opening " << options.connections << " connections\n";
    const Clock::time_point connectStart = Clock::now();
    std::size_t nextToConnect = 0;
    int finished = 0;
    std::function<void()> connectNext = [&] {
        if (nextToConnect >= connections.size())
            return;
        connections[nextToConnect++]->connect(endpoint, [&] {
            ++finished;
            connectNext();
        });
    };
    for (int i = 0; i < options.connectConcurrency; ++i)
        connectNext();
    while (finished < options.connections)
        io.run_one();
    const double connectSeconds = std::chrono::duration<double>(Clock::now() - connectStart).count();
    std::cerr << "bench_open_loop: " << totals.connected << " connected in " << connectSeconds
              << " s; sending " << options.rate << " req/s for " << options.duration << " s\n";

    // Request k is due at start + k / rate on connection k mod N. A 1 ms tick sends whatever
    // has fallen due; a late tick sends its backlog at once, and its latency shows it.
    const double cpuBefore = cpuSeconds();
    const Clock::time_point start = Clock::now();
    const auto total = static_cast<std::int64_t>(options.rate * options.duration);
    const auto interval = std::chrono::duration<double>(1.0 / options.rate);
    std::int64_t issued = 0;
    asio::steady_timer tick(io);
    std::function<void()> onTick = [&] {
        const Clock::time_point now = Clock::now();
        const auto dueBy = std::min<std::int64_t>(
            total,
            static_cast<std::int64_t>(std::chrono::duration<double>(now - start).count()
                                      * options.rate)
                + 1);
        for (; issued < dueBy; ++issued) {
            const Clock::time_point when = start
                                           + std::chrono::duration_cast<Clock::duration>(
                                               interval * static_cast<double>(issued));
            connections[static_cast<std::size_t>(issued % options.connections)]->due(when);
        }
        if (issued < total) {
            tick.expires_at(tick.expiry() + std::chrono::milliseconds(1));
            tick.async_wait([&](const beast::error_code &error) {
                if (!error)
                    onTick();
            });
        }
    };
    tick.expires_at(start);
    onTick();

    // Run until everything sent is answered or failed, or the drain time has passed.
    const Clock::time_point end = start
                                  + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(options.duration
                                                                    + options.drain));
    const auto settled = [&] {
        return issued >= total && totals.ok + totals.non200 + totals.errors >= total;
    };
    while (!settled() && Clock::now() < end)
        io.run_one_for(std::chrono::milliseconds(100));
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    const double cpu = cpuSeconds() - cpuBefore;
    std::int64_t unanswered = 0;
    for (const std::shared_ptr<Connection> &connection : connections) {
        unanswered += static_cast<std::int64_t>(connection->waiting());
        connection->close();
    }
    tick.cancel();
    keepRunning.reset();
    io.poll();

    const nlohmann::json report = {
        {"connections", options.connections},
        {"connected", totals.connected},
        {"connect_errors", totals.connectErrors},
        {"connect_seconds", connectSeconds},
        {"rate", options.rate},
        {"duration", options.duration},
        {"sent", totals.sent},
        {"ok", totals.ok},
        {"non_200", totals.non200},
        {"errors", totals.errors},
        {"unanswered", unanswered},
        {"achieved_per_second", static_cast<double>(totals.ok + totals.non200) / seconds},
        {"latency_ms", summary(totals.latencyUs)},
        {"service_ms", summary(totals.serviceUs)},
        {"cpu_seconds", cpu},
    };
    std::cout << report.dump() << '\n';
    return totals.connectErrors == 0 && totals.errors == 0 && totals.non200 == 0 && unanswered == 0
               ? 0
               : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    try {
        return run(argc, argv);
    } catch (const std::exception &error) {
        std::cerr << "bench_open_loop: " << error.what() << '\n';
        return 1;
    }
}
