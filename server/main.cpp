// tenantryd: the Tenantry control-plane API server.
//
//   tenantryd [--listen HOST:PORT] [--data-dir DIR] [--threads N] [--tls-cert F --tls-key F]
//             [--config FILE] [--demo] [--port-file FILE] ...   (see ServerConfig)
//   tenantryd user add --email E --role R [--name N] --password-stdin [--data-dir DIR]
//             [--database URI]
//   tenantryd billing reconcile [--data-dir DIR | --database URI ...]

#include "server/auth/sessiontoken.h"
#include "server/billing/billingfactory.h"
#include "server/config/serverconfig.h"
#include "server/http/bufferedlinewriter.h"
#include "server/http/httpserver.h"
#include "server/http/requestidgenerator.h"
#include "server/serverapplication.h"
#include "server/services/demoseeder.h"
#include "server/services/userservice.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <malloc.h>
#include <mutex>
#include <pthread.h>
#include <thread>

extern char **environ;

using namespace Tenantry;
using namespace Tenantry::Server;

namespace {

constexpr const char *kUsage = R"(Usage:
  tenantryd [options]                 run the control-plane API server
  tenantryd user add --email E --role owner|admin|support|finance|viewer [--name N]
            --password-stdin [--data-dir DIR] [--database URI]
  tenantryd billing reconcile [--data-dir DIR] [--database URI] [...]
                                      compare local subscriptions with the billing
                                      provider's now: progress on stderr, one line per
                                      drift on stdout; exit 0 no drift, 1 drift, 2 error

Options (flags override TENANTRY_* environment variables, which override --config FILE):
  --listen HOST:PORT     where to listen (default 127.0.0.1:8080; port 0 = any free port)
  --data-dir DIR         where the SQLite database lives (default ./tenantry-data)
  --database URI         use PostgreSQL instead of SQLite: postgresql://user:pw@host:port/db
                         (or TENANTRY_DATABASE), connecting as the server's runtime role
  --database-owner URI   the schema owner's URI, used only to apply migrations
                         (or TENANTRY_DATABASE_OWNER; default: --database)
  --database-pool-size N PostgreSQL connections at most (default 16)
  --threads N            worker threads (default: the number of cores, at least 2)
  --tls-cert F --tls-key F   serve HTTPS (TLS 1.3; --tls12 also allows TLS 1.2)
  --config FILE          a JSON file of settings
  --log-level L          debug, info, warn or error
  --demo                 fill an empty data folder with demo data and demo users; their
                         credentials go to DIR/demo-credentials.json and stdout
  --demo-customers N     how many customers the demo has (default 2000; fewer start faster)
  --port-file FILE       write the port listened on to FILE once listening
  --group-commit on|off  concurrent writes share one commit and fsync (default on)
  --write-lane on|off    on SQLite, the plain writes (creating tenants, notes, overrides,
                         end users, spend) run one after another on one thread (default on)
  --session-cache-ttl-ms N   trust a checked bearer token for N ms before asking the
                         database again (default 5000; 0 = every request asks)
  --stripe-webhook-secret S1[,S2]   Stripe webhook signing secret(s), two while rotating
                         (or TENANTRY_STRIPE_WEBHOOK_SECRET); without one the webhook answers 503
  --stripe-webhook-tolerance SECONDS   accepted clock skew of Stripe-Signature (default 300)
  --stripe-api-key KEY       Stripe secret key (sk_.../rk_...; or TENANTRY_STRIPE_API_KEY): sealed
                             under the master key and kept in the store for later starts
  --stripe-api-base URL      Stripe's API (default https://api.stripe.com)
  --master-key-file PATH     key that seals stored secrets (or TENANTRY_MASTER_KEY_FILE;
                             default <data dir>/master.key, created 0600 when missing)
  --webhook-max-attempts N   failed attempts before a webhook event is dead (default 8)
  --webhook-retry-base-ms MS first retry delay, doubled per attempt (default 30000)
  --webhook-worker on|off    apply received webhook events (default on)
  --billing simulator|stripe|none   the billing provider (or TENANTRY_BILLING; default
                         simulator: Stripe's test mode on this machine, with a test clock)
  --billing-after-retries canceled|unpaid   the simulator's subscription after the last
                         failed payment retry (default canceled)
  --help, --version
)";

std::mutex g_logMutex;

void logLine(std::ostream &stream, const std::string &line)
{
    const std::lock_guard lock(g_logMutex);
    stream << line << '\n';
    stream.flush();
}

std::map<std::string, std::string> environment()
{
    std::map<std::string, std::string> variables;
    for (char **entry = environ; entry && *entry; ++entry) {
        const std::string text(*entry);
        const auto equals = text.find('=');
        if (equals != std::string::npos && text.starts_with("TENANTRY_"))
            variables.emplace(text.substr(0, equals), text.substr(equals + 1));
    }
    return variables;
}

// Removes "--name VALUE" / "--name=VALUE" from the arguments; returns VALUE if present.
std::optional<std::string> takeOption(std::vector<std::string> &arguments, const std::string &name)
{
    for (auto it = arguments.begin(); it != arguments.end(); ++it) {
        if (*it == name && it + 1 != arguments.end()) {
            std::string value = *(it + 1);
            arguments.erase(it, it + 2);
            return value;
        }
        if (it->starts_with(name + "=")) {
            std::string value = it->substr(name.size() + 1);
            arguments.erase(it);
            return value;
        }
    }
    return std::nullopt;
}

bool takeFlag(std::vector<std::string> &arguments, const std::string &name)
{
    const auto it = std::find(arguments.begin(), arguments.end(), name);
    if (it == arguments.end())
        return false;
    arguments.erase(it);
    return true;
}

int fail(const std::string &message, int status = 2)
{
    logLine(std::cerr, "tenantryd: " + message);
    return status;
}

int addUser(std::vector<std::string> arguments)
{
    const std::optional<std::string> email = takeOption(arguments, "--email");
    const std::optional<std::string> role = takeOption(arguments, "--role");
    const std::optional<std::string> name = takeOption(arguments, "--name");
    if (!takeFlag(arguments, "--password-stdin"))
        return fail("user add reads the password from standard input: pass --password-stdin");
    if (!email || !role)
        return fail("user add needs --email and --role");
    const std::optional<Role> parsedRole = roleFromString(*role);
    if (!parsedRole)
        return fail("--role must be owner, admin, support, finance or viewer");
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r')
        password.pop_back();

    Result<ServerConfig> config = ServerConfig::load(arguments, environment());
    if (!config)
        return fail(config.error().message);
    Result<std::unique_ptr<ServerApplication>> app = ServerApplication::create(
        *config, [](const std::string &message) { logLine(std::cerr, "tenantryd: " + message); });
    if (!app)
        return fail("cannot open the store: " + app.error().message, 1);
    const UserService users((*app)->context());
    Outcome<UserRecord> user = users.create(UserService::systemPrincipal(),
                                            RequestIdGenerator::next(),
                                            {*email, password, *parsedRole, name.value_or("")});
    if (failed(user))
        return fail(std::get<ApiError>(user).message);
    const UserRecord &created = std::get<UserRecord>(user);
    std::cout << "Created user " << created.id << " (" << created.email << ", "
              << toString(created.role) << ")\n";
    return 0;
}

// tenantryd billing reconcile: a billing.reconcile job run here and now (recorded like one
// started through the API, so its drift rows can be applied there).
int reconcileBilling(const std::vector<std::string> &arguments)
{
    Result<ServerConfig> config = ServerConfig::load(arguments, environment());
    if (!config)
        return fail(config.error().message);
    Result<std::unique_ptr<ServerApplication>> app = ServerApplication::create(
        *config, [](const std::string &message) { logLine(std::cerr, "tenantryd: " + message); });
    if (!app)
        return fail("cannot open the store: " + app.error().message);
    ApiContext &context = (*app)->context();
    BillingProvider *provider = (*app)->billingProvider();
    if (!provider)
        return fail("no billing provider configured (--billing none)");

    const Reconciliation reconciliation(context, provider);
    JobRunner runner(context, JobRunner::Options{});
    runner.registerHandler(std::string(Reconciliation::JobType), reconciliation.jobHandler());

    JobRecord job;
    job.id = SessionToken::newId("job_");
    job.type = std::string(Reconciliation::JobType);
    job.params = "{}";
    job.createdBy = "cli";
    job.createdAt = context.now();
    job.updatedAt = job.createdAt;
    {
        Result<std::unique_ptr<StoreTransaction>> transaction = context.store().begin(
            Store::Mode::Write);
        Status queued = transaction ? (*transaction)->insertJob(job) : Status(transaction.error());
        if (queued)
            queued = (*transaction)->commit();
        if (!queued)
            return fail("cannot record the job: " + queued.error().message);
    }
    logLine(std::cerr,
            "tenantryd: reconciling with " + std::string(provider->name()) + " (job " + job.id
                + ")");
    // Progress at most twice a second, and where it ended.
    auto lastShown = std::chrono::steady_clock::time_point();
    auto showProgress = [](std::int64_t done, std::int64_t total) {
        logLine(std::cerr,
                "tenantryd: compared " + std::to_string(done) + " of " + std::to_string(total)
                    + " subscriptions");
    };
    Result<JobRecord> ended = runner.runJob(job.id, [&](std::int64_t done, std::int64_t total) {
        const auto now = std::chrono::steady_clock::now();
        if (now - lastShown < std::chrono::milliseconds(500))
            return;
        lastShown = now;
        showProgress(done, total);
    });
    if (!ended)
        return fail("reconciliation failed: " + ended.error().message);
    showProgress(ended->progressDone, ended->progressTotal);
    if (ended->status != JobStatus::Succeeded)
        return fail("reconciliation failed: " + ended->error.value_or("unknown error"));

    int rows = 0;
    PageRequest page;
    page.limit = 500;
    for (;;) {
        Result<std::unique_ptr<StoreTransaction>> transaction = context.store().begin(
            Store::Mode::Read);
        if (!transaction)
            return fail(transaction.error().message);
        Result<Page<DriftRecord>> found = (*transaction)->listDrift({job.id}, page);
        if (!found)
            return fail(found.error().message);
        for (const DriftRecord &drift : found->items) {
            ++rows;
            std::cout << drift.id << '\t' << drift.kind << '\t' << drift.stripeSubscriptionId
                      << '\t' << drift.tenantId.value_or("-") << '\t'
                      << drift.subscriptionId.value_or("-") << '\n';
        }
        if (!found->hasMore || found->items.empty())
            break;
        page.startingAfter = found->items.back().id;
    }
    std::cout.flush();
    logLine(std::cerr,
            "tenantryd: " + std::to_string(rows) + " drift row(s); result "
                + ended->result.value_or("{}"));
    return rows == 0 ? 0 : 1;
}

int serve(std::vector<std::string> arguments)
{
    const std::optional<std::string> portFile = takeOption(arguments, "--port-file");
    Result<ServerConfig> loaded = ServerConfig::load(arguments, environment());
    if (!loaded)
        return fail(loaded.error().message);
    const ServerConfig &config = *loaded;

    // Blocks of 1 MiB and more are mapped and unmapped on their own. glibc otherwise raises
    // that threshold to the size of the largest block freed, and each sign-in frees the 19 MiB
    // that argon2id works in: from the first sign-in on, that memory stayed in the heap, resident
    // for good (about a third of an idle server's RSS).
    mallopt(M_MMAP_THRESHOLD, 1024 * 1024);

    // Signals are taken by one thread with sigwait(); every other thread blocks them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    Result<std::unique_ptr<ServerApplication>> created = ServerApplication::create(
        config, [](const std::string &message) { logLine(std::cerr, "tenantryd: " + message); });
    if (!created)
        return fail("cannot open the store: " + created.error().message, 1);
    ServerApplication &app = **created;

    if (config.demo) {
        DemoSeeder seeder(app.context(),
                          {[&app] { return app.drainBillingEvents(); },
                           [](int done, int total) {
                               logLine(std::cerr,
                                       "tenantryd: demo: billing history through the simulator, "
                                       "month "
                                           + std::to_string(done) + " of " + std::to_string(total));
                           }});
        Result<std::vector<DemoCredential>> credentials = seeder.seed(
            static_cast<int>(config.demoCustomers));
        if (!credentials)
            return fail("cannot create the demo data: " + credentials.error().message, 1);
        if (!credentials->empty()) {
            const std::string path = config.dataDir + "/demo-credentials.json";
            if (Status written = DemoSeeder::writeCredentials(path, *credentials); !written)
                return fail(written.error().message, 1);
            std::cout << "Demo users (also in " << path << "):\n";
            for (const DemoCredential &credential : *credentials)
                std::cout << "  " << credential.role << "\t" << credential.email << "\t"
                          << credential.password << "\n";
            std::cout.flush();
        }
        // Making the demo's history allocated and freed far more than serving needs: give
        // the free pages back rather than keep them resident while the server runs.
        malloc_trim(0);
    }

    HttpServerOptions options;
    options.listenAddress = config.listenAddress;
    options.port = config.port;
    options.threads = config.threads;
    options.maxBodyBytes = config.maxBodyBytes;
    options.headerTimeout = std::chrono::milliseconds(config.headerTimeoutMs);
    options.idleTimeout = std::chrono::milliseconds(config.idleTimeoutMs);
    options.maxConnections = config.maxConnections;
    options.tlsCertificateFile = config.tlsCertificateFile;
    options.tlsPrivateKeyFile = config.tlsPrivateKeyFile;
    options.allowTls12 = config.allowTls12;
    // The access log is buffered and written by a thread of its own, at least every 100 ms:
    // one write per batch instead of a locked write and flush per request. It is flushed
    // after run() has returned (every response sent), so a graceful stop loses no line.
    // Created here, after the signal mask: its thread blocks SIGINT/SIGTERM like the others.
    BufferedLineWriter accessLog([](std::string_view text) {
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fflush(stdout);
    });
    options.accessLog = [&accessLog](const std::string &line) { accessLog.write(line); };
    options.errorLog = [](const std::string &line) { logLine(std::cerr, "tenantryd: " + line); };

    HttpServer server(options, [&app](HttpRequest &request) { return app.handle(request); });
    std::string error;
    if (!server.listen(error))
        return fail(error, 1);
    const bool tls = !config.tlsCertificateFile.empty();
    logLine(std::cerr,
            "tenantryd: " + config.describe() + "\ntenantryd: listening on "
                + (tls ? "https://" : "http://") + config.listenAddress + ":"
                + std::to_string(server.port()));
    if (portFile) {
        std::ofstream file(*portFile, std::ios::trunc);
        file << server.port() << '\n';
    }

    app.startBackgroundWork();

    // Waits for SIGTERM/SIGINT; polls `finished` so that it also ends when run() returns for
    // another reason.
    std::atomic<bool> finished = false;
    std::thread signalThread([&] {
        const timespec pollInterval{0, 200'000'000};
        while (!finished.load()) {
            if (sigtimedwait(&signals, nullptr, &pollInterval) > 0) {
                logLine(std::cerr, "tenantryd: stopping: draining in-flight requests");
                app.setDraining(true);
                server.stop();
                return;
            }
        }
    });
    server.run();
    finished = true;
    signalThread.join();
    // Requests have drained; the webhook event in progress (if any) finishes, the rest waits in
    // the inbox for the next start.
    app.stopBackgroundWork();
    accessLog.close();
    logLine(std::cerr, "tenantryd: stopped");
    return 0;
}

int run(std::vector<std::string> arguments)
{
    if (!arguments.empty() && (arguments[0] == "--help" || arguments[0] == "-h")) {
        std::cout << kUsage;
        return 0;
    }
    if (!arguments.empty() && arguments[0] == "--version") {
        std::cout << "tenantryd " << TENANTRY_VERSION << "\n";
        return 0;
    }
    if (arguments.size() >= 2 && arguments[0] == "user" && arguments[1] == "add")
        return addUser({arguments.begin() + 2, arguments.end()});
    if (arguments.size() >= 2 && arguments[0] == "billing" && arguments[1] == "reconcile")
        return reconcileBilling({arguments.begin() + 2, arguments.end()});
    return serve(std::move(arguments));
}

} // namespace

int main(int argc, char *argv[])
{
    try {
        return run(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const std::exception &error) {
        return fail(std::string("fatal: ") + error.what(), 1);
    } catch (...) {
        return fail("fatal: unknown error", 1);
    }
}
