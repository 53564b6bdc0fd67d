#include "server/store/postgres/postgresmigrations.h"

#include "server/store/postgres/postgresconnection.h"

#include <libpq-fe.h>

namespace Tenantry::Server {

namespace {

// Pool model: every tenant-scoped table has tenant_id leading its primary key and its indexes,
// so that a Citus distribution by tenant_id co-locates a tenant's rows (docs/tenancy.md).
// seq orders lists (newest or oldest first) as SQLite's seq does. Times are microseconds since
// the Unix epoch, UTC; booleans are 0/1 integers, as on SQLite, so that both stores read rows
// the same way.
constexpr std::string_view kSchema = R"sql(
CREATE TABLE users (
    seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id);
CREATE TABLE tenants (
    seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    isolation TEXT NOT NULL,
    region TEXT NOT NULL,
    plan_id TEXT,
    contact_email TEXT,
    notes TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT,
    version BIGINT NOT NULL,
    stripe_customer_id TEXT UNIQUE
);
CREATE INDEX tenants_by_updated_at ON tenants(updated_at);
CREATE INDEX tenants_by_plan ON tenants(plan_id);
CREATE TABLE tenant_notes (
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    id TEXT NOT NULL,
    seq BIGINT GENERATED ALWAYS AS IDENTITY,
    author_id TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX tenant_notes_by_seq ON tenant_notes(tenant_id, seq);
CREATE TABLE features (
    seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL
);
CREATE TABLE plans (
    seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    price_amount BIGINT NOT NULL,
    currency TEXT NOT NULL,
    interval TEXT NOT NULL,
    trial_days BIGINT NOT NULL,
    active BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL,
    stripe_price_id TEXT UNIQUE,
    UNIQUE (key, currency)
);
CREATE TABLE plan_features (
    plan_id TEXT NOT NULL REFERENCES plans(id),
    feature_key TEXT NOT NULL REFERENCES features(key),
    position BIGINT NOT NULL,
    PRIMARY KEY (plan_id, feature_key)
);
CREATE TABLE audit_events (
    seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id TEXT PRIMARY KEY,
    tenant_id TEXT,
    actor_id TEXT NOT NULL,
    actor_email TEXT NOT NULL,
    action TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT NOT NULL,
    before TEXT,
    after TEXT,
    request_id TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX audit_by_tenant ON audit_events(tenant_id, seq);
CREATE INDEX audit_by_target ON audit_events(target_id);
CREATE INDEX audit_by_actor ON audit_events(actor_id);
CREATE TABLE idempotency_keys (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    state TEXT NOT NULL,
    status BIGINT NOT NULL,
    response_body TEXT NOT NULL,
    response_headers TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_by_created_at ON idempotency_keys(created_at);
CREATE TABLE subscriptions (
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    id TEXT NOT NULL UNIQUE,
    seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    plan_id TEXT NOT NULL REFERENCES plans(id),
    quantity BIGINT NOT NULL,
    status TEXT NOT NULL,
    current_period_start BIGINT NOT NULL,
    current_period_end BIGINT NOT NULL,
    trial_end BIGINT,
    cancel_at_period_end BIGINT NOT NULL,
    canceled_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL,
    stripe_subscription_id TEXT UNIQUE,
    provider_updated_at BIGINT,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX subscriptions_by_tenant ON subscriptions(tenant_id, status, seq);
CREATE INDEX subscriptions_by_status ON subscriptions(status, current_period_end);
CREATE INDEX subscriptions_by_updated_at ON subscriptions(updated_at);
CREATE TABLE mrr_events (
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    id TEXT NOT NULL UNIQUE,
    seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    subscription_id TEXT NOT NULL,
    at BIGINT NOT NULL,
    mrr BIGINT NOT NULL,
    currency TEXT NOT NULL,
    plan_id TEXT,
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX mrr_events_by_tenant ON mrr_events(tenant_id, seq);
CREATE INDEX mrr_events_by_recorded_at ON mrr_events(recorded_at);
CREATE TABLE invoices (
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    id TEXT NOT NULL UNIQUE,
    seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    subscription_id TEXT NOT NULL,
    status TEXT NOT NULL,
    amount_due BIGINT NOT NULL,
    amount_paid BIGINT NOT NULL,
    currency TEXT NOT NULL,
    period_start BIGINT NOT NULL,
    period_end BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    stripe_invoice_id TEXT UNIQUE,
    provider_updated_at BIGINT,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX invoices_by_tenant ON invoices(tenant_id, seq);
CREATE INDEX invoices_by_subscription ON invoices(tenant_id, subscription_id);
CREATE TABLE feature_overrides (
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    feature_key TEXT NOT NULL REFERENCES features(key),
    enabled BIGINT NOT NULL,
    reason TEXT NOT NULL,
    expires_at BIGINT,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, feature_key)
);
CREATE TABLE tenant_users (
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    id TEXT NOT NULL,
    seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    version BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, email)
);
CREATE INDEX tenant_users_by_seq ON tenant_users(tenant_id, seq);
CREATE TABLE acquisition_spend (
    seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id TEXT PRIMARY KEY,
    month TEXT NOT NULL,
    currency TEXT NOT NULL,
    amount BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL,
    UNIQUE (month, currency)
);
CREATE INDEX acquisition_spend_by_updated_at ON acquisition_spend(updated_at);
CREATE TABLE webhook_events (
    seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    created BIGINT NOT NULL,
    payload TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'processed', 'ignored', 'dead')),
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error TEXT,
    next_attempt_at BIGINT,
    processed_at BIGINT
);
CREATE INDEX webhook_events_due ON webhook_events(status, created, seq);
CREATE INDEX webhook_events_by_type ON webhook_events(type);
)sql";

// Migration 3 (SQLite's 4): secrets sealed by SecretBox (version | nonce | ciphertext | tag). A
// control-plane table: staff only, like users and the webhook inbox. The runtime role gets its
// privileges from the GRANT ... ON ALL TABLES that follows every migration run.
constexpr std::string_view kSecretsSchema = R"sql(
CREATE TABLE secrets (
    name TEXT PRIMARY KEY,
    value BYTEA NOT NULL,
    updated_at BIGINT NOT NULL
);
ALTER TABLE secrets ENABLE ROW LEVEL SECURITY;
ALTER TABLE secrets FORCE ROW LEVEL SECURITY;
CREATE POLICY staff_access ON secrets USING (current_setting('app.scope', true) = 'staff')
    WITH CHECK (current_setting('app.scope', true) = 'staff');
)sql";

// Background jobs and billing drift (the SQLite schema's version 5): control-plane tables, staff
// only. Version 3 is the encrypted provider secrets.
constexpr std::string_view kJobsSchema = R"sql(
CREATE TABLE jobs (
    seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    status TEXT NOT NULL
        CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'canceled')),
    progress_done BIGINT NOT NULL DEFAULT 0,
    progress_total BIGINT NOT NULL DEFAULT 0,
    params TEXT NOT NULL,
    result TEXT,
    error TEXT,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    started_at BIGINT,
    finished_at BIGINT,
    updated_at BIGINT NOT NULL,
    heartbeat_at BIGINT
);
CREATE INDEX jobs_by_status ON jobs(status, seq);
CREATE INDEX jobs_by_type ON jobs(type, seq);
CREATE TABLE billing_drift (
    seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id TEXT PRIMARY KEY,
    job_id TEXT NOT NULL REFERENCES jobs(id),
    kind TEXT NOT NULL CHECK (kind IN ('missing_locally', 'missing_at_provider',
                                       'status_mismatch', 'price_mismatch',
                                       'quantity_mismatch')),
    tenant_id TEXT,
    subscription_id TEXT,
    stripe_subscription_id TEXT NOT NULL,
    local TEXT,
    provider TEXT,
    created_at BIGINT NOT NULL,
    applied_at BIGINT,
    applied_by TEXT
);
CREATE INDEX billing_drift_by_job ON billing_drift(job_id, seq);
ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE jobs FORCE ROW LEVEL SECURITY;
CREATE POLICY staff_access ON jobs USING (current_setting('app.scope', true) = 'staff')
    WITH CHECK (current_setting('app.scope', true) = 'staff');
ALTER TABLE billing_drift ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing_drift FORCE ROW LEVEL SECURITY;
CREATE POLICY staff_access ON billing_drift USING (current_setting('app.scope', true) = 'staff')
    WITH CHECK (current_setting('app.scope', true) = 'staff');
)sql";

// Row-level security (pool model). Every table is ENABLEd and FORCEd (the owner too is subject
// to the policies; only superusers and BYPASSRLS roles are not, and the server's runtime role is
// neither). Policies are permissive, so a row is visible when any of them admits it:
//   tenant_isolation  the row's tenant is app.tenant_id (set per transaction by the tenant path)
//   staff_access      app.scope = 'staff' (set per transaction by the staff path only)
//   reference_read    plans and features (reference tables) are readable by everyone
// current_setting(…, true) is NULL or '' when nothing is set: no tenant policy matches then, so
// a transaction with neither setting sees nothing and can write nothing.
// Tenant-scoped API keys (version 5): tenant_id leads the primary key; the hash of the secret
// is unique on its own, because a presented key is looked up by it before its tenant is known
// (through the staff path: docs/tenancy.md, "Tenant API keys"). Row-level security as on every
// tenant table: tenant isolation on app.tenant_id, and the staff scope.
std::string tenantApiKeysSchema()
{
    const std::string tenant = "current_setting('app.tenant_id', true)";
    const std::string staff = "current_setting('app.scope', true) = 'staff'";
    return "CREATE TABLE tenant_api_keys (\n"
           "    tenant_id TEXT NOT NULL REFERENCES tenants(id),\n"
           "    id TEXT NOT NULL,\n"
           "    seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,\n"
           "    name TEXT NOT NULL,\n"
           "    key_hash TEXT NOT NULL UNIQUE,\n"
           "    created_at BIGINT NOT NULL,\n"
           "    created_by TEXT NOT NULL,\n"
           "    revoked_at BIGINT,\n"
           "    last_used_at BIGINT,\n"
           "    PRIMARY KEY (tenant_id, id)\n"
           ");\n"
           "CREATE INDEX tenant_api_keys_by_seq ON tenant_api_keys(tenant_id, seq);\n"
           "ALTER TABLE tenant_api_keys ENABLE ROW LEVEL SECURITY;\n"
           "ALTER TABLE tenant_api_keys FORCE ROW LEVEL SECURITY;\n"
           "CREATE POLICY staff_access ON tenant_api_keys USING ("
           + staff + ") WITH CHECK (" + staff
           + ");\n"
             "CREATE POLICY tenant_isolation ON tenant_api_keys USING (tenant_id = "
           + tenant + ") WITH CHECK (tenant_id = " + tenant + ");\n";
}

std::string rowLevelSecurity()
{
    const std::string tenant = "current_setting('app.tenant_id', true)";
    const std::string staff = "current_setting('app.scope', true) = 'staff'";
    std::string sql;
    auto enable = [&sql, &staff](const std::string &table) {
        sql += "ALTER TABLE " + table + " ENABLE ROW LEVEL SECURITY;\n";
        sql += "ALTER TABLE " + table + " FORCE ROW LEVEL SECURITY;\n";
        sql += "CREATE POLICY staff_access ON " + table + " USING (" + staff + ") WITH CHECK ("
               + staff + ");\n";
    };
    // The tenant-scoped tables and the column naming the tenant.
    const std::pair<const char *, const char *> tenantScoped[] = {
        {"tenants", "id"},
        {"tenant_notes", "tenant_id"},
        {"feature_overrides", "tenant_id"},
        {"tenant_users", "tenant_id"},
        {"subscriptions", "tenant_id"},
        {"mrr_events", "tenant_id"},
        {"invoices", "tenant_id"},
        {"audit_events", "tenant_id"}, // entries about no tenant: staff only
    };
    for (const auto &[table, column] : tenantScoped) {
        enable(table);
        const std::string mine = std::string(column) + " = " + tenant;
        sql += "CREATE POLICY tenant_isolation ON ";
        sql += table;
        sql += " USING (";
        sql += mine;
        sql += ") WITH CHECK (";
        sql += mine;
        sql += ");\n";
    }
    // Reference tables: everyone reads, staff writes.
    for (const char *table : {"plans", "features", "plan_features"}) {
        enable(table);
        sql += std::string("CREATE POLICY reference_read ON ") + table
               + " FOR SELECT USING (true);\n";
    }
    // The control plane's own tables: staff only.
    for (const char *table :
         {"users", "sessions", "webhook_events", "acquisition_spend", "idempotency_keys"}) {
        enable(table);
    }
    return sql;
}

} // namespace

const std::vector<PostgresMigration> &postgresMigrations()
{
    static const std::vector<PostgresMigration> migrations = {
        {1,
         "the SQLite schema up to its version 3 (users to the Stripe webhook inbox), tenant_id "
         "leading the keys of tenant-scoped tables",
         std::string(kSchema)},
        {2,
         "row-level security: tenant isolation on app.tenant_id, the staff scope, reference "
         "tables",
         rowLevelSecurity()},
        {3, "secrets at rest (the sealed Stripe API key), staff only", std::string(kSecretsSchema)},
        {4, "background jobs and the billing drift of reconciliations", std::string(kJobsSchema)},
        {5, "tenant-scoped API keys (hashed), with row-level security", tenantApiKeysSchema()},
    };
    return migrations;
}

Result<int> applyPostgresMigrations(PostgresConnection &owner, const std::string &runtimeRole)
{
    // Up to date and nothing to grant (the runtime role connected itself): no lock, no DDL, so
    // a server without the owner's URI starts on a migrated database.
    Result<PostgresResult> upToDate = owner.execute(
        "SELECT to_regclass('schema_migrations') IS NOT NULL AND current_user = ?", {runtimeRole});
    if (!upToDate)
        return upToDate.error();
    if (upToDate->text(0, 0) == "t") {
        Result<PostgresResult> current = owner.execute(
            "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {});
        if (!current)
            return current.error();
        const int version = static_cast<int>(current->integer(0, 0));
        if (version >= postgresMigrations().back().version)
            return version;
    }

    // Any constant both processes agree on: "tenantry" in ASCII.
    constexpr std::string_view kLock = "SELECT pg_advisory_xact_lock(7310593858020046201)";
    if (Status begun = owner.run("BEGIN"); !begun)
        return begun.error();
    auto fail = [&owner](Error error) -> Result<int> {
        (void) owner.run("ROLLBACK");
        return error;
    };
    if (Status locked = owner.run(kLock); !locked)
        return fail(locked.error());
    // The owner is subject to row-level security too (FORCE): a migration that moves data
    // does so in the staff scope.
    if (Status scoped = owner.run("SELECT set_config('app.scope', 'staff', true)"); !scoped)
        return fail(scoped.error());
    if (Status created = owner.run("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                   "version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
                                   "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
        !created) {
        return fail(created.error());
    }
    Result<PostgresResult> current = owner.execute(
        "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {});
    if (!current)
        return fail(current.error());
    int version = static_cast<int>(current->integer(0, 0));
    for (const PostgresMigration &migration : postgresMigrations()) {
        if (migration.version <= version)
            continue;
        if (Status applied = owner.run(migration.sql); !applied) {
            Error error = applied.error();
            error.message = "migration " + std::to_string(migration.version)
                            + " failed: " + error.message;
            return fail(error);
        }
        if (Result<PostgresResult> recorded = owner.execute(
                "INSERT INTO schema_migrations (version, description) VALUES (?, ?)",
                {std::int64_t(migration.version), std::string(migration.description)});
            !recorded) {
            return fail(recorded.error());
        }
        version = migration.version;
    }
    if (!runtimeRole.empty()) {
        Result<PostgresResult> self = owner.execute("SELECT current_user", {});
        if (!self)
            return fail(self.error());
        if (self->text(0, 0) != runtimeRole) {
            const std::string role = "\"" + runtimeRole + "\"";
            if (runtimeRole.find('"') != std::string::npos)
                return fail(Error{"storage_error", "unusable role name " + runtimeRole, {}});
            if (Status granted = owner.run(
                    "GRANT USAGE ON SCHEMA public TO " + role
                    + "; GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "
                    + role + "; REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM " + role
                    + "; GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO " + role);
                !granted) {
                return fail(granted.error());
            }
        }
    }
    if (Status committed = owner.run("COMMIT"); !committed)
        return fail(committed.error());
    return version;
}

} // namespace Tenantry::Server
