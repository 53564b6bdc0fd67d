// bench_bare_beast: the HTTP front of tenantryd with nothing behind it, the baseline that
// bench/server/run-http-bench compares tenantryd's GET /v1/tenants/{id} against. It runs the
// same HttpServer class (server/http) with a Router holding one route that answers a constant
// 200 JSON body about the size of a tenant, so that the ratio tenantryd/bare measures the
// API's own cost per request: authentication, rate limits, SQLite, JSON, the access log.
//
//   bench_bare_beast [--listen-port N] [--threads N] [--max-connections N] [--port-file F]
//
// Listens on 127.0.0.1 (port 0 = any free port) until SIGINT or SIGTERM. No access log.

#include "server/http/httpserver.h"
#include "server/http/router.h"

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <pthread.h>
#include <string>
#include <string_view>
#include <thread>

namespace {

using namespace Tenantry::Server;

// A tenant as GET /v1/tenants/{id} renders it, so that both servers send about as many bytes.
constexpr std::string_view kBody
    = R"({"id":"ten_0123456789abcdefghij","object":"tenant","slug":"acme-analytics",)"
      R"("name":"Acme Analytics","status":"active","isolation":"pool","region":"eu-west-1",)"
      R"("plan_id":"plan_growth","contact_email":"billing@acme.example","notes":null,)"
      R"("created_at":"2024-01-15T09:30:00.000000Z","updated_at":"2024-06-01T12:00:00.000000Z",)"
      R"("deleted_at":null,"version":3})";

int usage(const std::string &message)
{
    std::cerr << "bench_bare_beast: " << message
              << "\nusage: bench_bare_beast [--listen-port N] [--threads N] "
                 "[--max-connections N] [--port-file F]\n";
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    HttpServerOptions options;
    options.port = 0;
    options.threads = static_cast<int>(std::max(2U, std::thread::hardware_concurrency()));
    std::string portFile;
    for (int i = 1; i < argc; ++i) {
        const std::string_view name = argv[i];
        if (i + 1 >= argc)
            return usage("missing a value after " + std::string(name));
        const char *value = argv[++i];
        if (name == "--listen-port")
            options.port = static_cast<std::uint16_t>(std::strtoul(value, nullptr, 10));
        else if (name == "--threads")
            options.threads = static_cast<int>(std::strtol(value, nullptr, 10));
        else if (name == "--max-connections")
            options.maxConnections = std::strtoul(value, nullptr, 10);
        else if (name == "--port-file")
            portFile = value;
        else
            return usage("unknown option " + std::string(name));
    }
    options.errorLog = [](const std::string &line) {
        std::cerr << "bench_bare_beast: " << line << '\n';
    };

    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    Router router;
    router.add(HttpMethod::Get, "/v1/ping", [](HttpRequest &) {
        HttpResponse response;
        response.headers.emplace_back("Content-Type", "application/json");
        response.body = std::string(kBody);
        return response;
    });
    HttpServer server(options, [&router](HttpRequest &request) { return router.dispatch(request); });
    std::string error;
    if (!server.listen(error)) {
        std::cerr << "bench_bare_beast: " << error << '\n';
        return 1;
    }
    std::cerr << "bench_bare_beast: listening on http://127.0.0.1:" << server.port()
              << "/v1/ping with " << options.threads << " threads\n";
    if (!portFile.empty())
        std::ofstream(portFile, std::ios::trunc) << server.port() << '\n';

    std::thread signalThread([&server, &signals] {
        int signal = 0;
        sigwait(&signals, &signal);
        server.stop(std::chrono::milliseconds(2'000));
    });
    server.run();
    // run() returns only after stop(): the signal thread has finished its work.
    signalThread.join();
    return 0;
}
