#include "server/store/sqlite/sqlitemigrations.h"

#include "server/store/sqlite/sqlitestatement.h"

#include <sqlite3.h>

#include <string>

namespace Tenantry::Server {

namespace {

// Tenant-scoped tables lead their keys with tenant_id, as the pool model on PostgreSQL (and a
// Citus distribution by tenant) needs. Times are microseconds since the Unix epoch, UTC.
constexpr std::string_view kInitialSchema = R"sql(
CREATE TABLE users (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id);
CREATE TABLE tenants (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    isolation TEXT NOT NULL,
    region TEXT NOT NULL,
    plan_id TEXT,
    contact_email TEXT,
    notes TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    deleted_at INTEGER,
    version INTEGER NOT NULL
);
CREATE INDEX tenants_by_updated_at ON tenants(updated_at);
CREATE INDEX tenants_by_plan ON tenants(plan_id);
CREATE TABLE tenant_notes (
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    id TEXT NOT NULL,
    author_id TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE TABLE features (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL
);
CREATE TABLE plans (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    price_amount INTEGER NOT NULL,
    currency TEXT NOT NULL,
    interval TEXT NOT NULL,
    trial_days INTEGER NOT NULL,
    active INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL,
    UNIQUE (key, currency)
);
CREATE TABLE plan_features (
    plan_id TEXT NOT NULL REFERENCES plans(id),
    feature_key TEXT NOT NULL REFERENCES features(key),
    position INTEGER NOT NULL,
    PRIMARY KEY (plan_id, feature_key)
);
CREATE TABLE audit_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    tenant_id TEXT,
    actor_id TEXT NOT NULL,
    actor_email TEXT NOT NULL,
    action TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT NOT NULL,
    before TEXT,
    after TEXT,
    request_id TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX audit_by_target ON audit_events(target_id);
CREATE INDEX audit_by_actor ON audit_events(actor_id);
CREATE INDEX audit_by_tenant ON audit_events(tenant_id);
CREATE TABLE idempotency_keys (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    state TEXT NOT NULL,
    status INTEGER NOT NULL,
    response_body TEXT NOT NULL,
    response_headers TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_by_created_at ON idempotency_keys(created_at);
)sql";

// Billing history, entitlements, tenant users and acquisition spend.
constexpr std::string_view kBillingSchema = R"sql(
CREATE TABLE subscriptions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    id TEXT NOT NULL UNIQUE,
    plan_id TEXT NOT NULL REFERENCES plans(id),
    quantity INTEGER NOT NULL,
    status TEXT NOT NULL,
    current_period_start INTEGER NOT NULL,
    current_period_end INTEGER NOT NULL,
    trial_end INTEGER,
    cancel_at_period_end INTEGER NOT NULL,
    canceled_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL,
    stripe_subscription_id TEXT UNIQUE
);
CREATE INDEX subscriptions_by_tenant ON subscriptions(tenant_id, status);
CREATE INDEX subscriptions_by_status ON subscriptions(status, current_period_end);
CREATE INDEX subscriptions_by_updated_at ON subscriptions(updated_at);
CREATE TABLE mrr_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    id TEXT NOT NULL UNIQUE,
    subscription_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    mrr INTEGER NOT NULL,
    currency TEXT NOT NULL,
    plan_id TEXT,
    recorded_at INTEGER NOT NULL
);
CREATE INDEX mrr_events_by_tenant ON mrr_events(tenant_id, seq);
CREATE INDEX mrr_events_by_recorded_at ON mrr_events(recorded_at);
CREATE TABLE invoices (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    id TEXT NOT NULL UNIQUE,
    subscription_id TEXT NOT NULL,
    status TEXT NOT NULL,
    amount_due INTEGER NOT NULL,
    amount_paid INTEGER NOT NULL,
    currency TEXT NOT NULL,
    period_start INTEGER NOT NULL,
    period_end INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    stripe_invoice_id TEXT UNIQUE
);
CREATE INDEX invoices_by_tenant ON invoices(tenant_id, seq);
CREATE INDEX invoices_by_subscription ON invoices(subscription_id);
CREATE TABLE feature_overrides (
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    feature_key TEXT NOT NULL REFERENCES features(key),
    enabled INTEGER NOT NULL,
    reason TEXT NOT NULL,
    expires_at INTEGER,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, feature_key)
);
CREATE TABLE tenant_users (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    id TEXT NOT NULL,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    version INTEGER NOT NULL,
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, email)
);
CREATE TABLE acquisition_spend (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    month TEXT NOT NULL,
    currency TEXT NOT NULL,
    amount INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL,
    UNIQUE (month, currency)
);
CREATE INDEX acquisition_spend_by_updated_at ON acquisition_spend(updated_at);
)sql";

// Stripe webhooks: the inbox of deliveries (one row per Stripe event id, whatever the number of
// deliveries) and what maps Stripe's objects to local ones. provider_updated_at is the Stripe
// `created` of the last event applied to the row: an older event never overwrites it.
// The Stripe ids are nullable and unique where set (SQLite cannot add a UNIQUE column, hence the
// indexes).
constexpr std::string_view kStripeWebhookSchema = R"sql(
CREATE TABLE webhook_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    created INTEGER NOT NULL,
    payload TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'processed', 'ignored', 'dead')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    next_attempt_at INTEGER,
    processed_at INTEGER
);
CREATE INDEX webhook_events_due ON webhook_events(status, created, seq);
CREATE INDEX webhook_events_by_type ON webhook_events(type);
ALTER TABLE tenants ADD COLUMN stripe_customer_id TEXT;
CREATE UNIQUE INDEX tenants_by_stripe_customer ON tenants(stripe_customer_id);
ALTER TABLE plans ADD COLUMN stripe_price_id TEXT;
CREATE UNIQUE INDEX plans_by_stripe_price ON plans(stripe_price_id);
ALTER TABLE subscriptions ADD COLUMN provider_updated_at INTEGER;
ALTER TABLE invoices ADD COLUMN provider_updated_at INTEGER;
)sql";

// Secrets at rest (the Stripe API key), sealed by SecretBox: version | nonce | ciphertext | tag.
constexpr std::string_view kSecretsSchema = R"sql(
CREATE TABLE secrets (
    name TEXT PRIMARY KEY,
    value BLOB NOT NULL,
    updated_at INTEGER NOT NULL
);
)sql";

// Background jobs (reconciliation, tenant moves) and the billing drift that reconciliation jobs
// report. Version 4 is the encrypted provider secrets.
constexpr std::string_view kJobsSchema = R"sql(
CREATE TABLE jobs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    status TEXT NOT NULL
        CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'canceled')),
    progress_done INTEGER NOT NULL DEFAULT 0,
    progress_total INTEGER NOT NULL DEFAULT 0,
    params TEXT NOT NULL,
    result TEXT,
    error TEXT,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    started_at INTEGER,
    finished_at INTEGER,
    updated_at INTEGER NOT NULL,
    heartbeat_at INTEGER
);
CREATE INDEX jobs_by_status ON jobs(status, seq);
CREATE INDEX jobs_by_type ON jobs(type, seq);
CREATE TABLE billing_drift (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    job_id TEXT NOT NULL REFERENCES jobs(id),
    kind TEXT NOT NULL CHECK (kind IN ('missing_locally', 'missing_at_provider',
                                       'status_mismatch', 'price_mismatch',
                                       'quantity_mismatch')),
    tenant_id TEXT,
    subscription_id TEXT,
    stripe_subscription_id TEXT NOT NULL,
    local TEXT,
    provider TEXT,
    created_at INTEGER NOT NULL,
    applied_at INTEGER,
    applied_by TEXT
);
CREATE INDEX billing_drift_by_job ON billing_drift(job_id, seq);
)sql";

// Tenant-scoped API keys: only the SHA-256 of the secret is kept (unique: the look-up of a
// presented key). SQLite has no row-level security: the tenant is enforced in code
// (docs/tenancy.md, "Tenant API keys").
constexpr std::string_view kTenantApiKeysSchema = R"sql(
CREATE TABLE tenant_api_keys (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    revoked_at INTEGER,
    last_used_at INTEGER,
    UNIQUE (tenant_id, id)
);
CREATE INDEX tenant_api_keys_by_seq ON tenant_api_keys(tenant_id, seq);
)sql";

// The payload (a few KB of JSON, written once) in a table of its own: marking an event processed
// rewrote the whole row, payload and its overflow pages included, and reading its status walked
// the payload's overflow chain (the columns after it).
constexpr std::string_view kWebhookPayloadsSchema = R"sql(
CREATE TABLE webhook_event_payloads (
    seq INTEGER PRIMARY KEY,
    payload TEXT NOT NULL
);
INSERT INTO webhook_event_payloads (seq, payload) SELECT seq, payload FROM webhook_events;
ALTER TABLE webhook_events DROP COLUMN payload;
)sql";

Status run(sqlite3 *db, std::string_view sql)
{
    char *message = nullptr;
    const int code = sqlite3_exec(db, std::string(sql).c_str(), nullptr, nullptr, &message);
    if (code != SQLITE_OK) {
        Error error{"storage_error", message ? message : sqlite3_errstr(code), {}};
        sqlite3_free(message);
        return error;
    }
    return Ok{};
}

} // namespace

const std::vector<SqliteMigration> &sqliteMigrations()
{
    static const std::vector<SqliteMigration> migrations = {
        {1, "users, sessions, tenants, notes, catalog, audit log, idempotency keys", kInitialSchema},
        {2,
         "subscriptions, MRR events, invoices, feature overrides, tenant users, acquisition spend",
         kBillingSchema},
        {3,
         "Stripe webhook inbox; Stripe customer, price and provider_updated_at columns",
         kStripeWebhookSchema},
        {4, "secrets at rest (the sealed Stripe API key)", kSecretsSchema},
        {5, "background jobs and the billing drift of reconciliations", kJobsSchema},
        {6, "tenant-scoped API keys (hashed)", kTenantApiKeysSchema},
        {7,
         "placement: isolation was a label; every tenant's rows are in the one file (the pool), "
         "and the legacy per-tenant hybrid is no placement",
         "UPDATE tenants SET isolation = 'pool' WHERE isolation <> 'pool';"},
        {8,
         "webhook payloads in a table of their own, so that a status update does not rewrite them",
         kWebhookPayloadsSchema},
    };
    return migrations;
}

Result<int> applySqliteMigrations(sqlite3 *db)
{
    if (Status created = run(db,
                             "CREATE TABLE IF NOT EXISTS schema_migrations ("
                             "version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
                             "applied_at INTEGER NOT NULL)");
        !created) {
        return created.error();
    }
    Result<SqliteStatement> current = SqliteStatement::prepare(
        db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (!current)
        return current.error();
    if (Result<bool> row = current->step(); !row)
        return row.error();
    int version = static_cast<int>(current->integer(0));

    for (const SqliteMigration &migration : sqliteMigrations()) {
        if (migration.version <= version)
            continue;
        if (Status begun = run(db, "BEGIN IMMEDIATE"); !begun)
            return begun.error();
        Status applied = run(db, migration.sql);
        if (applied) {
            Result<SqliteStatement> record = SqliteStatement::prepare(
                db,
                "INSERT INTO schema_migrations (version, description, applied_at) "
                "VALUES (?, ?, CAST(strftime('%s','now') AS INTEGER) * 1000000)");
            if (!record) {
                applied = record.error();
            } else {
                record->bind(1, static_cast<std::int64_t>(migration.version));
                record->bind(2, migration.description);
                applied = record->execute();
            }
        }
        if (!applied) {
            (void) run(db, "ROLLBACK");
            Error error = applied.error();
            error.message = "migration " + std::to_string(migration.version)
                            + " failed: " + error.message;
            return error;
        }
        if (Status committed = run(db, "COMMIT"); !committed)
            return committed.error();
        version = migration.version;
    }
    return version;
}

} // namespace Tenantry::Server
