#pragma once

#include "core/result.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace Tenantry::Server {

// tenantryd's settings. load() merges four sources, each overriding the ones before it:
// the defaults below < the config file < environment variables < command-line flags.
//
//   setting                flag              environment          file key               range
//   listenAddress, port    --listen          TENANTRY_LISTEN      listen                 host:port
//   dataDir                --data-dir        TENANTRY_DATA_DIR    data_dir               non-empty
//   database               --database        TENANTRY_DATABASE    database               postgresql://…
//   databaseOwner          --database-owner  TENANTRY_DATABASE_OWNER database_owner      postgresql://…
//   databasePoolSize       --database-pool-size                   database_pool_size     1..1000
//   threads                --threads         TENANTRY_THREADS     threads                1..1024
//   tlsCertificateFile     --tls-cert        TENANTRY_TLS_CERT    tls_certificate_file   path
//   tlsPrivateKeyFile      --tls-key         TENANTRY_TLS_KEY     tls_private_key_file   path
//   allowTls12             --tls12                                allow_tls12            bool
//   logLevel               --log-level       TENANTRY_LOG_LEVEL   log_level              see below
//   maxBodyBytes           --max-body-bytes                       max_body_bytes         1..1 GiB
//   headerTimeoutMs                                               header_timeout_ms      100..3600000
//   idleTimeoutMs                                                 idle_timeout_ms        100..86400000
//   maxConnections                                                max_connections        1..1000000
//   rateLimitPerSecond     --rate-limit                           rate_limit_per_second  >0..1e6
//   rateLimitBurst         --rate-burst                           rate_limit_burst       1..1e9
//   sessionTtlHours                                               session_ttl_hours      1..8760
//   sessionCacheTtlMs      --session-cache-ttl-ms                 session_cache_ttl_ms   0..60000
//   demo                   --demo                                 demo                   bool
//   demoCustomers          --demo-customers                       demo_customers         10..100000
//   synchronous            --synchronous                          synchronous            full|normal
//   groupCommit            --group-commit                         group_commit           on|off
//   writeLane              --write-lane                           write_lane             on|off
//   stripeWebhookSecrets   --stripe-webhook-secret  TENANTRY_STRIPE_WEBHOOK_SECRET
//                                                                 stripe_webhook_secret  S1[,S2]
//   stripeWebhookTolerance --stripe-webhook-tolerance             stripe_webhook_tolerance 1..86400
//   stripeApiKey           --stripe-api-key  TENANTRY_STRIPE_API_KEY
//                                                                 stripe_api_key         sk_…/rk_…
//   stripeApiBase          --stripe-api-base                      stripe_api_base        https://…
//   masterKeyFile          --master-key-file TENANTRY_MASTER_KEY_FILE
//                                                                 master_key_file        path
//   webhookMaxAttempts     --webhook-max-attempts                 webhook_max_attempts   1..100
//   webhookRetryBaseMs     --webhook-retry-base-ms                webhook_retry_base_ms  1..86400000
//   webhookWorker          --webhook-worker                       webhook_worker         on|off
//   billing                --billing         TENANTRY_BILLING     billing                simulator|stripe|none
//   billingAfterRetries    --billing-after-retries                billing_after_retries  canceled|unpaid
//   jobStaleAfterMs        --job-stale-after-ms                   job_stale_after_ms     1000..3600000
//   moveStepDelayMs        --move-step-delay-ms                   move_step_delay_ms     0..60000 (tests)
//   (the file itself)      --config          TENANTRY_CONFIG
//
// Flags take "--name value" or "--name=value"; --tls12 and --demo take no value. The file is
// one JSON object (comments allowed); its numbers are JSON numbers, its booleans JSON booleans.
// An empty environment variable counts as unset. Relative paths are used as given, i.e.
// relative to the working directory (the systemd unit sets one).
//
// "listen" is "host:port", "[ipv6]:port" or ":port"; ":port" keeps the default loopback
// address 127.0.0.1 (exposing the server takes an explicit "0.0.0.0:port" or "[::]:port").
// Port 0 asks the system for a free port (integration tests).
// Fields are grouped by meaning, not size: there is one instance, so padding does not matter.
struct ServerConfig // NOLINT(clang-analyzer-optin.performance.Padding)
{
    std::string listenAddress = "127.0.0.1"; // without brackets: "::1", not "[::1]"
    std::uint16_t port = 8080;
    std::string dataDir = "./tenantry-data";
    // Empty: the embedded SQLite store in dataDir. A libpq URI: the PostgreSQL store, connecting
    // as the server's runtime role; databaseOwner (optional) is the schema owner's URI, used only
    // to apply migrations. Both may hold passwords: never logged (describe() says "set").
    std::string database;
    std::string databaseOwner;
    int databasePoolSize = 16; // PostgreSQL connections at most
    int threads = defaultThreads();
    std::string tlsCertificateFile; // PEM; empty = plain HTTP. Both files or neither.
    std::string tlsPrivateKeyFile;  // PEM
    bool allowTls12 = false;        // TLS 1.3 only unless set
    std::string logLevel = "info";  // "debug", "info", "warn" or "error"
    std::size_t maxBodyBytes = std::size_t(1) << 20; // 1 MiB
    std::int64_t headerTimeoutMs = 10'000;
    std::int64_t idleTimeoutMs = 60'000;
    std::size_t maxConnections = 20'000;
    double rateLimitPerSecond = 50; // token bucket refill, per credential and per address
    double rateLimitBurst = 100;    // token bucket capacity
    int sessionTtlHours = 12;
    // How long the request guard trusts what the store said about a bearer token (0 = ask the
    // store on every request): a session ended by another process sharing the database is
    // refused here at most this long after. See SessionCache.
    std::int64_t sessionCacheTtlMs = 5'000;
    bool demo = false;
    // How many customers the demo data has (two years of their history; fewer start faster).
    std::int64_t demoCustomers = 2'000;
    std::string synchronous = "full"; // SQLite PRAGMA synchronous: "full" or "normal"
    // "on": concurrent writes share one SQLite COMMIT (group commit); "off": one COMMIT each.
    std::string groupCommit = "on";
    // "on": on SQLite with group commit, the plain store writes (POST routes marked
    // RequestGuard::Lane::Write) run one after another on one thread (WriteLane); "off": on
    // the thread that read the request, like every other route.
    std::string writeLane = "on";
    // Stripe webhook endpoint secrets ("whsec_…"): one, or two while rotating (a delivery signed
    // with either is accepted). Empty: POST /v1/webhooks/stripe answers 503. Never logged.
    std::vector<std::string> stripeWebhookSecrets;
    std::int64_t stripeWebhookToleranceSeconds = 300; // how far Stripe-Signature's t may be off
    // Stripe's secret (or restricted) API key for the Stripe billing provider. When set, it is
    // sealed under the master key and saved in the store (secrets, "stripe_api_key"); when not,
    // the saved one is used (see loadStripeApiKey). Never logged: describe() says "set"/"unset".
    std::string stripeApiKey;
    // Stripe's API base URL; "http://" only for loopback hosts (tests against a fake Stripe).
    std::string stripeApiBase = "https://api.stripe.com";
    // The 32-byte master key that seals secrets in the store (AES-256-GCM). Empty: masterKeyPath()
    // is <dataDir>/master.key. Created (mode 0600) when missing; refused when group or others may
    // read it. Keep it out of database backups: a backup and the key together open the secrets.
    std::string masterKeyFile;
    // A webhook event whose processing fails is retried after base, 2×base, 4×base, … and parked
    // as "dead" after this many attempts.
    int webhookMaxAttempts = 8;
    std::int64_t webhookRetryBaseMs = 30'000;
    // "off": webhook events are received and stored but not applied until a start with "on"
    // (maintenance, and tests of what a crash between intake and processing leaves).
    std::string webhookWorker = "on";
    // Where subscriptions live: "simulator" (Stripe's test mode on this machine, with a test
    // clock; its file is dataDir/billing-simulator.sqlite), "stripe" (Stripe's API) or "none"
    // (no provider: staff actions decide the status locally).
    std::string billing = "simulator";
    // A running job whose heartbeat is older than this was left by a process that died and is
    // queued again (JobRunner::Options::staleAfter; heartbeats come 4 times as often, at most
    // every 5 s).
    std::int64_t jobStaleAfterMs = 20'000;
    // Tests only: a pause after every step of a tenant move (TenantMover::setStepDelay).
    std::int64_t moveStepDelayMs = 0;
    // What the simulator does after the last failed payment retry: "canceled" or "unpaid".
    std::string billingAfterRetries = "canceled";

    // `arguments` is the command line without the program name; `environment` holds the
    // process environment (only the TENANTRY_* names above are read; other TENANTRY_* names
    // are ignored: the console's tools share the prefix). Unknown flags, unknown file keys,
    // unreadable or invalid files and bad values give an Error (code "invalid_config") whose
    // message names the flag, the environment variable or the file and key.
    static Result<ServerConfig> load(const std::vector<std::string> &arguments,
                                     const std::map<std::string, std::string> &environment);

    // One line for the startup log: "listen=127.0.0.1:8080 tls=off data_dir=... threads=4 ...".
    // Keep it free of secrets: a future password or API key setting shows as "set"/"unset",
    // never its value. (File paths, including the TLS key's path, are not secrets.)
    std::string describe() const;

    // masterKeyFile, or <dataDir>/master.key when that is empty.
    std::string masterKeyPath() const;

    // std::thread::hardware_concurrency(), at least 2.
    static int defaultThreads();
};

} // namespace Tenantry::Server
