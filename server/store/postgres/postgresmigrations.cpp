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

// Silo placement and online moves (version 6, docs/tenancy.md "Silo and hybrid").
//
// A siloed tenant's rows live in a schema "tenant_<id>" holding the tables of kSiloTables,
// created LIKE the pool tables (INCLUDING ALL but the identity: `seq` takes its numbers from
// the pool table's sequence, so that seq stays unique and ordered across placements), with
// row-level security enabled and forced and the same two policies. Once a move has switched,
// the silo tables INHERIT the pool tables: a query on a pool table (every staff read: lists,
// feeds, the audit log, reads by id, UPDATE and DELETE) also reaches the rows of every silo,
// under the pool table's policies, while a tenant-scoped transaction of a siloed tenant runs
// with search_path = "tenant_<id>", public and reads its silo alone.
//
// The runtime role gets no DDL right: it calls the SECURITY DEFINER functions below, owned by
// the owner role, EXECUTE revoked from PUBLIC and granted to the runtime role only. Each takes
// a tenant id (checked against a narrow pattern before it names a schema) and refuses to run
// unless a move of that tenant is recorded in tenant_moves (a row only the staff scope can
// write); tenantry_drop_silo also refuses to drop the schema a tenant is placed in.
//
// tenant_moves holds each move in progress (one per tenant) and the step it reached, so that a
// move survives a restart. While its blocks_writes is set, the trigger tenant_moving on every
// tenant-scoped table (pool and silos) and on tenants refuses writes to that tenant with
// SQLSTATE TM001 (the API's 503 tenant_moving), except from the move itself (app.moving_tenant
// set to that tenant, which only the mover sets). The trigger takes KEY SHARE on the tenant's
// row first and the move takes FOR UPDATE on it before it records itself, so a write that
// started before the move has committed before the copy begins, and any later one is refused.
std::string siloSchema()
{
    std::string tables;
    for (const std::string_view table : kSiloTables) {
        tables += tables.empty() ? "'" : ", '";
        tables += table;
        tables += "'";
    }
    std::string sql = R"sql(
UPDATE tenants SET isolation = 'pool' WHERE isolation <> 'pool';
CREATE TABLE tenant_moves (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants(id),
    job_id TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('pool', 'silo')),
    target TEXT NOT NULL CHECK (target IN ('pool', 'silo')),
    step TEXT NOT NULL CHECK (step IN ('copy', 'verify', 'switch', 'cleanup')),
    tables_done BIGINT NOT NULL DEFAULT 0,
    checks TEXT NOT NULL DEFAULT '[]',
    blocks_writes BIGINT NOT NULL DEFAULT 1,
    rollback_requested BIGINT NOT NULL DEFAULT 0,
    started_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX tenant_moves_by_job ON tenant_moves(job_id);
ALTER TABLE tenant_moves ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_moves FORCE ROW LEVEL SECURITY;
CREATE POLICY staff_access ON tenant_moves USING (current_setting('app.scope', true) = 'staff')
    WITH CHECK (current_setting('app.scope', true) = 'staff');
CREATE POLICY tenant_isolation ON tenant_moves FOR SELECT
    USING (tenant_id = current_setting('app.tenant_id', true));

CREATE FUNCTION tenantry_refuse_moving_writes() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
    tenant TEXT;
BEGIN
    IF TG_OP = 'DELETE' THEN
        tenant := to_jsonb(OLD) ->> TG_ARGV[0];
    ELSE
        tenant := to_jsonb(NEW) ->> TG_ARGV[0];
    END IF;
    IF tenant IS NOT NULL
       AND tenant IS DISTINCT FROM current_setting('app.moving_tenant', true) THEN
        PERFORM 1 FROM public.tenants WHERE id = tenant FOR KEY SHARE;
        IF EXISTS (SELECT 1 FROM public.tenant_moves
                   WHERE tenant_id = tenant AND blocks_writes = 1) THEN
            RAISE EXCEPTION 'tenant % is moving', tenant USING ERRCODE = 'TM001';
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$fn$;
CREATE TRIGGER tenant_moving BEFORE UPDATE OR DELETE ON tenants
    FOR EACH ROW EXECUTE FUNCTION tenantry_refuse_moving_writes('id');

CREATE FUNCTION tenantry_silo_name(tenant TEXT, staging BOOLEAN) RETURNS TEXT
LANGUAGE plpgsql IMMUTABLE AS $fn$
BEGIN
    IF tenant IS NULL OR tenant !~ '^[A-Za-z0-9_]{1,40}$' THEN
        RAISE EXCEPTION 'unusable tenant id for a silo: %', tenant;
    END IF;
    RETURN 'tenant_' || lower(tenant) || CASE WHEN staging THEN '_move' ELSE '' END;
END
$fn$;

CREATE FUNCTION tenantry_require_move(tenant TEXT) RETURNS VOID
LANGUAGE plpgsql AS $fn$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM public.tenant_moves WHERE tenant_id = tenant) THEN
        RAISE EXCEPTION 'no move of tenant % is in progress', tenant;
    END IF;
END
$fn$;

-- Creates the silo schema of `tenant` (or, with `staging`, the schema a move back to the pool
-- copies into) with every tenant-scoped table, unless it exists: it is created in one
-- transaction, so when it exists it is whole.
CREATE FUNCTION tenantry_create_silo(tenant TEXT, staging BOOLEAN) RETURNS TEXT
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
    silo TEXT := tenantry_silo_name(tenant, staging);
    t TEXT;
    mine TEXT := 'tenant_id = current_setting(''app.tenant_id'', true)';
    staff TEXT := 'current_setting(''app.scope'', true) = ''staff''';
BEGIN
    PERFORM tenantry_require_move(tenant);
    IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = silo) THEN
        RETURN silo;
    END IF;
    EXECUTE format('CREATE SCHEMA %I', silo);
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', silo, session_user);
    FOREACH t IN ARRAY ARRAY[@TABLES@] LOOP
        EXECUTE format('CREATE TABLE %I.%I (LIKE public.%I INCLUDING ALL EXCLUDING IDENTITY)',
                       silo, t, t);
        IF EXISTS (SELECT 1 FROM pg_attribute
                   WHERE attrelid = format('public.%I', t)::regclass AND attname = 'seq') THEN
            EXECUTE format('ALTER TABLE %I.%I ALTER COLUMN seq SET DEFAULT nextval(%L::regclass)',
                           silo, t, pg_get_serial_sequence(format('public.%I', t), 'seq'));
        END IF;
        EXECUTE format('ALTER TABLE %I.%I ENABLE ROW LEVEL SECURITY', silo, t);
        EXECUTE format('ALTER TABLE %I.%I FORCE ROW LEVEL SECURITY', silo, t);
        EXECUTE format('CREATE POLICY staff_access ON %I.%I USING (%s) WITH CHECK (%s)',
                       silo, t, staff, staff);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I.%I USING (%s) WITH CHECK (%s)',
                       silo, t, mine, mine);
        EXECUTE format('CREATE TRIGGER tenant_moving BEFORE INSERT OR UPDATE OR DELETE ON %I.%I '
                       'FOR EACH ROW EXECUTE FUNCTION '
                       'public.tenantry_refuse_moving_writes(''tenant_id'')', silo, t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I.%I TO %I',
                       silo, t, session_user);
    END LOOP;
    RETURN silo;
END
$fn$;

-- Links the silo tables of `tenant` to the pool tables (INHERIT: staff reads of the pool
-- tables reach them) or unlinks them (NO INHERIT).
CREATE FUNCTION tenantry_link_silo(tenant TEXT, linked BOOLEAN) RETURNS VOID
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
    silo TEXT := tenantry_silo_name(tenant, false);
    t TEXT;
BEGIN
    PERFORM tenantry_require_move(tenant);
    FOREACH t IN ARRAY ARRAY[@TABLES@] LOOP
        IF linked THEN
            EXECUTE format('ALTER TABLE %I.%I INHERIT public.%I', silo, t, t);
        ELSE
            EXECUTE format('ALTER TABLE %I.%I NO INHERIT public.%I', silo, t, t);
        END IF;
    END LOOP;
END
$fn$;

-- Drops the silo (or staging) schema of `tenant`; never the one the tenant is placed in.
CREATE FUNCTION tenantry_drop_silo(tenant TEXT, staging BOOLEAN) RETURNS VOID
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
    silo TEXT := tenantry_silo_name(tenant, staging);
BEGIN
    PERFORM tenantry_require_move(tenant);
    IF NOT staging
       AND EXISTS (SELECT 1 FROM tenants WHERE id = tenant AND isolation = 'silo') THEN
        RAISE EXCEPTION 'tenant % is placed in its silo', tenant;
    END IF;
    EXECUTE format('DROP SCHEMA IF EXISTS %I CASCADE', silo);
END
$fn$;
REVOKE ALL ON FUNCTION tenantry_create_silo(TEXT, BOOLEAN) FROM PUBLIC;
REVOKE ALL ON FUNCTION tenantry_link_silo(TEXT, BOOLEAN) FROM PUBLIC;
REVOKE ALL ON FUNCTION tenantry_drop_silo(TEXT, BOOLEAN) FROM PUBLIC;
)sql";
    for (std::size_t at = sql.find("@TABLES@"); at != std::string::npos;
         at = sql.find("@TABLES@", at))
        sql.replace(at, 8, tables);
    for (const std::string_view table : kSiloTables) {
        sql += "CREATE TRIGGER tenant_moving BEFORE INSERT OR UPDATE OR DELETE ON ";
        sql += table;
        sql += " FOR EACH ROW EXECUTE FUNCTION tenantry_refuse_moving_writes('tenant_id');\n";
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
        {6,
         "silo placement: tenant moves, the write block during a move, and the definer "
         "functions that create, link and drop silo schemas",
         siloSchema()},
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
                    + "; GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO " + role
                    + "; GRANT EXECUTE ON FUNCTION tenantry_create_silo(TEXT, BOOLEAN), "
                      "tenantry_link_silo(TEXT, BOOLEAN), tenantry_drop_silo(TEXT, BOOLEAN) TO "
                    + role);
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
