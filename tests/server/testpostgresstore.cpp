// The PostgreSQL store on a private cluster (scripts/with-postgres, the ctest fixture
// "postgres"): migrations under concurrent start-up, the runtime role's privileges, conflicts,
// concurrent read-then-write, the pool, and the isolation matrix of row-level security through
// the store and through direct SQL as the server's runtime role.

#include "server/api/apicontext.h"
#include "server/auth/sessiontoken.h"
#include "server/billing/secretbox.h"
#include "server/billing/stripe/stripekeystore.h"
#include "server/config/serverconfig.h"
#include "server/ratelimit/loginthrottle.h"
#include "server/ratelimit/tokenbucketratelimiter.h"
#include "server/services/entitlementservice.h"
#include "server/services/tenantapikeyservice.h"
#include "server/store/postgres/postgresconnection.h"
#include "server/store/postgres/postgresmigrations.h"
#include "server/store/postgres/postgresstore.h"
#include "tests/server/support/tenantrydprocess.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <set>
#include <thread>
#include <vector>

using namespace Tenantry;
using namespace Tenantry::Server;
using Tenantry::TestSupport::TenantrydProcess;

namespace {

constexpr std::string_view kTenantA = "ten_a";
constexpr std::string_view kTenantB = "ten_b";

Tenant makeTenant(const std::string &id, int i)
{
    Tenant tenant;
    tenant.id = id;
    tenant.slug = "tenant-" + std::to_string(i);
    tenant.name = "Tenant " + std::to_string(i);
    tenant.region = "eu-west-1";
    tenant.createdAt = Timestamp(std::chrono::seconds(1'700'000'000 + i));
    tenant.updatedAt = tenant.createdAt;
    return tenant;
}

// A tenant-scoped table, the column naming the tenant, and an INSERT of one row of tenant
// {T} with an id made unique by {N}.
struct ScopedTable
{
    const char *table;
    const char *column;
    const char *insert;
};

const std::vector<ScopedTable> &scopedTables()
{
    static const std::vector<ScopedTable> tables = {
        {"tenants",
         "id",
         "INSERT INTO tenants (id, slug, name, status, isolation, region, created_at, updated_at, "
         "version) VALUES ('{T}', 'slug-{N}', 'n', 'active', 'pool', 'eu', 0, 0, 1)"},
        {"tenant_notes",
         "tenant_id",
         "INSERT INTO tenant_notes (tenant_id, id, author_id, body, created_at) "
         "VALUES ('{T}', 'note_{N}', 'usr_1', 'secret of {T}', 0)"},
        {"feature_overrides",
         "tenant_id",
         "INSERT INTO feature_overrides (tenant_id, feature_key, enabled, reason, created_by, "
         "created_at, updated_at, version) VALUES ('{T}', 'f_{N}', 1, 'r', 'usr_1', 0, 0, 1)"},
        {"tenant_users",
         "tenant_id",
         "INSERT INTO tenant_users (tenant_id, id, email, name, role, created_at, version) "
         "VALUES ('{T}', 'tus_{N}', '{N}@example.com', 'n', 'member', 0, 1)"},
        {"subscriptions",
         "tenant_id",
         "INSERT INTO subscriptions (tenant_id, id, plan_id, quantity, status, "
         "current_period_start, current_period_end, cancel_at_period_end, created_at, "
         "updated_at, version) VALUES ('{T}', 'sub_{N}', 'pln_1', 1, 'active', 0, 0, 0, 0, 0, 1)"},
        {"mrr_events",
         "tenant_id",
         "INSERT INTO mrr_events (tenant_id, id, subscription_id, at, mrr, currency, recorded_at) "
         "VALUES ('{T}', 'mrr_{N}', 'sub_1', 0, 100, 'usd', 0)"},
        {"invoices",
         "tenant_id",
         "INSERT INTO invoices (tenant_id, id, subscription_id, status, amount_due, amount_paid, "
         "currency, period_start, period_end, created_at) "
         "VALUES ('{T}', 'in_{N}', 'sub_1', 'paid', 100, 100, 'usd', 0, 0, 0)"},
        {"audit_events",
         "tenant_id",
         "INSERT INTO audit_events (id, tenant_id, actor_id, actor_email, action, target_type, "
         "target_id, request_id, created_at) "
         "VALUES ('aud_{N}', '{T}', 'usr_1', 'a@example.com', 'x', 'tenant', '{T}', 'req', 0)"},
        {"tenant_api_keys",
         "tenant_id",
         "INSERT INTO tenant_api_keys (tenant_id, id, name, key_hash, created_at, created_by) "
         "VALUES ('{T}', 'tak_{N}', 'key of {T}', 'hash_{N}', 0, 'usr_1')"},
    };
    return tables;
}

const std::vector<const char *> &staffOnlyTables()
{
    static const std::vector<const char *> tables = {"users",
                                                     "sessions",
                                                     "webhook_events",
                                                     "acquisition_spend",
                                                     "idempotency_keys",
                                                     "secrets",
                                                     "jobs",
                                                     "billing_drift"};
    return tables;
}

std::string fill(std::string sql, std::string_view tenant, int n)
{
    for (const auto &[from, to] : {std::pair<std::string, std::string>{"{T}", std::string(tenant)},
                                   {"{N}", std::to_string(n)}}) {
        for (auto at = sql.find(from); at != std::string::npos; at = sql.find(from, at))
            sql.replace(at, from.size(), to);
    }
    return sql;
}

std::string join(std::initializer_list<std::string_view> parts)
{
    std::string text;
    for (const std::string_view part : parts)
        text += part;
    return text;
}

std::int64_t count(PostgresConnection &connection, const std::string &sql)
{
    Result<PostgresResult> result = connection.execute(sql, {});
    if (!result) {
        qWarning("%s: %s", sql.c_str(), result.error().message.c_str());
        return -1;
    }
    return result->integer(0, 0);
}

} // namespace

class TestPostgresStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void concurrentStartsMigrateOnce();
    void runtimeRoleIsNotPrivileged();
    void conflictsNameTheField();
    void concurrentReadThenWriteLosesNothing();
    void poolWaitsThenTimesOut();
    void feedReadersMissNoConcurrentInsert();
    void closedConnectionsAreReplaced();
    void storeTenantPathSeesOneTenant();
    void directSqlIsolationMatrix();
    void tenantKeyPathSeesOneTenantWithoutWhere();
    void pooledConnectionCarriesNothingOver();
    void secretsAsRuntimeRole();

private:
    std::string urlOf(const char *role, const QString &database) const;
    std::unique_ptr<PostgresStore> openStore(const QString &database, std::size_t poolSize = 4);
    std::unique_ptr<PostgresConnection> connect(const char *role, const QString &database) const;
    // A database with two tenants, A and B, each with a row in every tenant-scoped table, and a
    // row in every staff-only table; written in the staff scope.
    QString seededDatabase();

    QString m_seeded;
};

void TestPostgresStore::initTestCase()
{
    if (!TenantrydProcess::usesPostgres())
        QSKIP("TENANTRY_TEST_STORE is not postgres: run through ctest (fixture \"postgres\")");
    m_seeded = seededDatabase();
    QVERIFY(!m_seeded.isEmpty());
}

std::string TestPostgresStore::urlOf(const char *role, const QString &database) const
{
    const QString base = TenantrydProcess::postgresSetting(
        QString::fromLatin1(role) == QStringLiteral("owner")
            ? QStringLiteral("TENANTRY_TEST_PG_OWNER_URL")
            : QStringLiteral("TENANTRY_TEST_PG_APP_URL"));
    return QString(base + QLatin1Char('/') + database).toStdString();
}

std::unique_ptr<PostgresStore> TestPostgresStore::openStore(const QString &database,
                                                            std::size_t poolSize)
{
    PostgresStoreOptions options;
    options.uri = urlOf("app", database);
    options.ownerUri = urlOf("owner", database);
    options.poolSize = poolSize;
    Result<std::unique_ptr<PostgresStore>> store = PostgresStore::open(options);
    if (!store) {
        qWarning("%s", store.error().message.c_str());
        return nullptr;
    }
    return std::move(store).value();
}

std::unique_ptr<PostgresConnection> TestPostgresStore::connect(const char *role,
                                                               const QString &database) const
{
    Result<std::unique_ptr<PostgresConnection>> connection = PostgresConnection::open(
        urlOf(role, database));
    if (!connection) {
        qWarning("%s", connection.error().message.c_str());
        return nullptr;
    }
    return std::move(connection).value();
}

QString TestPostgresStore::seededDatabase()
{
    QString error;
    QString database = TenantrydProcess::createPostgresDatabase(&error);
    if (database.isEmpty()) {
        qWarning("%s", qPrintable(error));
        return {};
    }
    if (!openStore(database)) // migrates
        return {};
    std::unique_ptr<PostgresConnection> app = connect("app", database);
    if (!app)
        return {};
    std::string sql = "BEGIN; SELECT set_config('app.scope', 'staff', true);"
                      "INSERT INTO plans (id, key, name, price_amount, currency, interval, "
                      "trial_days, active, created_at, updated_at, version) "
                      "VALUES ('pln_1', 'basic', 'Basic', 100, 'usd', 'month', 0, 1, 0, 0, 1);"
                      "INSERT INTO users (id, email, name, role, password_hash, created_at) "
                      "VALUES ('usr_1', 'a@example.com', 'A', 'owner', 'x', 0);"
                      "INSERT INTO sessions VALUES ('hash', 'usr_1', 0, 0);"
                      "INSERT INTO webhook_events (id, type, created, payload, received_at, "
                      "status) VALUES ('evt_1', 't', 0, '{}', 0, 'pending');"
                      "INSERT INTO acquisition_spend (id, month, currency, amount, created_at, "
                      "updated_at, version) VALUES ('spd_1', '2026-01', 'usd', 1, 0, 0, 1);"
                      "INSERT INTO idempotency_keys VALUES ('usr_1', 'k', 'h', 'completed', 201, "
                      "'', '', 0);"
                      "INSERT INTO secrets VALUES ('seeded', '\\x00ff10', 0);";
    for (int n = 0; n < 100; ++n)
        sql += "INSERT INTO features (key, name, description) VALUES ('f_" + std::to_string(n)
               + "', 'F', 'D');";
    int n = 0;
    for (const std::string_view tenant : {kTenantA, kTenantB}) {
        for (const ScopedTable &table : scopedTables())
            sql += fill(table.insert, tenant, ++n) + ";";
    }
    sql += "COMMIT";
    if (Status seeded = app->run(sql); !seeded) {
        qWarning("seeding failed: %s", seeded.error().message.c_str());
        return {};
    }
    return database;
}

void TestPostgresStore::concurrentStartsMigrateOnce()
{
    QString error;
    const QString database = TenantrydProcess::createPostgresDatabase(&error);
    QVERIFY2(!database.isEmpty(), qPrintable(error));
    constexpr int Starts = 6;
    std::vector<int> versions(Starts, -1);
    std::vector<std::thread> threads;
    threads.reserve(Starts);
    for (int i = 0; i < Starts; ++i) {
        threads.emplace_back([&, i] {
            const std::unique_ptr<PostgresStore> store = openStore(database, 1);
            versions[static_cast<std::size_t>(i)] = store ? store->schemaVersion() : 0;
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    const int newest = postgresMigrations().back().version;
    for (const int version : versions)
        QCOMPARE(version, newest);
    std::unique_ptr<PostgresConnection> owner = connect("owner", database);
    QVERIFY(owner);
    QCOMPARE(count(*owner, "SELECT count(*) FROM schema_migrations"),
             std::int64_t(postgresMigrations().size()));
}

void TestPostgresStore::runtimeRoleIsNotPrivileged()
{
    std::unique_ptr<PostgresConnection> app = connect("app", m_seeded);
    QVERIFY(app);
    QCOMPARE(count(*app,
                   "SELECT count(*) FROM pg_roles WHERE rolname = current_user AND NOT rolsuper "
                   "AND NOT rolbypassrls AND NOT rolcreaterole AND NOT rolcreatedb"),
             std::int64_t(1));
    QCOMPARE(count(*app,
                   "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' "
                   "AND tableowner = current_user"),
             std::int64_t(0));
    // Every table of the schema has row-level security on and forced.
    QCOMPARE(count(*app,
                   "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                   "WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> "
                   "'schema_migrations' AND NOT (c.relrowsecurity AND c.relforcerowsecurity)"),
             std::int64_t(0));
    // No DDL, and the migration history is read-only.
    QVERIFY(!app->run("CREATE TABLE sneaky (x int)"));
    QVERIFY(!app->run("DELETE FROM schema_migrations"));
    QVERIFY(!app->run("ALTER TABLE tenant_notes DISABLE ROW LEVEL SECURITY"));

    // It can run a server on a migrated database without the owner's URI, but not migrate one.
    PostgresStoreOptions runtimeOnly;
    runtimeOnly.uri = urlOf("app", m_seeded);
    QVERIFY(PostgresStore::open(runtimeOnly));
    QString error;
    const QString empty = TenantrydProcess::createPostgresDatabase(&error);
    QVERIFY2(!empty.isEmpty(), qPrintable(error));
    runtimeOnly.uri = urlOf("app", empty);
    QVERIFY(!PostgresStore::open(runtimeOnly));
}

void TestPostgresStore::conflictsNameTheField()
{
    QString error;
    const QString database = TenantrydProcess::createPostgresDatabase(&error);
    QVERIFY2(!database.isEmpty(), qPrintable(error));
    std::unique_ptr<PostgresStore> store = openStore(database);
    QVERIFY(store);
    {
        auto transaction = store->begin(Store::Mode::Write);
        QVERIFY(transaction);
        QVERIFY((*transaction)->insertTenant(makeTenant("ten_1", 1)));
        QVERIFY((*transaction)->commit());
    }
    auto transaction = store->begin(Store::Mode::Write);
    QVERIFY(transaction);
    Tenant taken = makeTenant("ten_2", 1); // same slug
    const Status refused = (*transaction)->insertTenant(taken);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, std::string("conflict"));
    QCOMPARE(refused.error().path, std::string("slug"));

    auto users = store->begin(Store::Mode::Write);
    QVERIFY(users);
    const TenantUserRecord user{"ten_1", "tus_1", "a@example.com", "A", "member", {}, 1};
    QVERIFY((*users)->insertTenantUser(user));
    TenantUserRecord sameEmail = user;
    sameEmail.id = "tus_2";
    const Status emailTaken = (*users)->insertTenantUser(sameEmail);
    QVERIFY(!emailTaken);
    QVERIFY2(emailTaken.error().code == "conflict", emailTaken.error().message.c_str());
    QVERIFY2(emailTaken.error().path == "email",
             (emailTaken.error().path + " / " + emailTaken.error().message).c_str());
}

// What the services do on a PATCH: read the row, check its version, write version + 1. On
// SQLite writers are serialised; here the row lock must give the same: no increment is lost.
void TestPostgresStore::concurrentReadThenWriteLosesNothing()
{
    QString error;
    const QString database = TenantrydProcess::createPostgresDatabase(&error);
    QVERIFY2(!database.isEmpty(), qPrintable(error));
    std::unique_ptr<PostgresStore> store = openStore(database, 8);
    QVERIFY(store);
    {
        auto transaction = store->begin(Store::Mode::Write);
        QVERIFY(transaction);
        QVERIFY((*transaction)->insertTenant(makeTenant("ten_1", 1)));
        QVERIFY((*transaction)->commit());
    }
    constexpr int Threads = 8;
    constexpr int Increments = 25;
    std::atomic<int> failures = 0;
    std::vector<std::thread> threads;
    threads.reserve(Threads);
    for (int t = 0; t < Threads; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < Increments; ++i) {
                auto transaction = store->begin(Store::Mode::Write);
                if (!transaction) {
                    ++failures;
                    continue;
                }
                Result<std::optional<Tenant>> tenant = (*transaction)->tenantById("ten_1");
                if (!tenant || !*tenant) {
                    ++failures;
                    continue;
                }
                Tenant changed = **tenant;
                ++changed.version;
                if (!(*transaction)->updateTenant(changed) || !(*transaction)->commit())
                    ++failures;
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(failures.load(), 0);
    auto reader = store->begin(Store::Mode::Read);
    QVERIFY(reader);
    Result<std::optional<Tenant>> tenant = (*reader)->tenantById("ten_1");
    QVERIFY(tenant && *tenant);
    QCOMPARE((*tenant)->version, std::int64_t(1 + Threads * Increments));
}

void TestPostgresStore::poolWaitsThenTimesOut()
{
    PostgresStoreOptions options;
    options.uri = urlOf("app", m_seeded);
    options.ownerUri = urlOf("owner", m_seeded);
    options.poolSize = 2;
    options.acquireTimeout = std::chrono::milliseconds(200);
    Result<std::unique_ptr<PostgresStore>> store = PostgresStore::open(options);
    QVERIFY(store);
    auto first = (*store)->begin(Store::Mode::Read);
    auto second = (*store)->begin(Store::Mode::Write);
    QVERIFY(first && second);
    const auto before = std::chrono::steady_clock::now();
    auto third = (*store)->begin(Store::Mode::Read);
    QVERIFY(!third);
    QCOMPARE(third.error().code, std::string("storage_error"));
    QVERIFY(std::chrono::steady_clock::now() - before >= std::chrono::milliseconds(190));
    // One comes back while another waits: the waiter gets it.
    std::thread giveBack([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        first = Error{"released", {}, {}};
    });
    auto fourth = (*store)->begin(Store::Mode::Read);
    giveBack.join();
    QVERIFY(fourth);
    QVERIFY((*fourth)->listPlans({}));
}

// The MRR feed is resumed after the last id a client has: with writers committing in parallel,
// a reader following the feed must still get every event exactly once.
void TestPostgresStore::feedReadersMissNoConcurrentInsert()
{
    QString error;
    const QString database = TenantrydProcess::createPostgresDatabase(&error);
    QVERIFY2(!database.isEmpty(), qPrintable(error));
    std::unique_ptr<PostgresStore> store = openStore(database, 8);
    QVERIFY(store);
    {
        auto transaction = store->begin(Store::Mode::Write);
        QVERIFY(transaction);
        QVERIFY((*transaction)->insertTenant(makeTenant("ten_1", 1)));
        QVERIFY((*transaction)->commit());
    }
    constexpr int Writers = 6;
    constexpr int EventsEach = 40;
    std::atomic<int> failures = 0;
    std::atomic<bool> writing = true;
    std::vector<std::thread> writers;
    writers.reserve(Writers);
    for (int w = 0; w < Writers; ++w) {
        writers.emplace_back([&, w] {
            for (int i = 0; i < EventsEach; ++i) {
                auto transaction = store->begin(Store::Mode::Write);
                const MrrEventRecord event{"mrr_" + std::to_string(w) + "_" + std::to_string(i),
                                           MrrEvent{"ten_1",
                                                    "sub_1",
                                                    Timestamp{},
                                                    100,
                                                    *Currency::fromCode("usd"),
                                                    std::nullopt},
                                           Timestamp{}};
                if (!transaction || !(*transaction)->insertMrrEvent(event))
                    ++failures;
                // Hold the transaction open a little so that commits interleave.
                std::this_thread::sleep_for(std::chrono::microseconds(200 * (w % 3)));
                if (transaction && !(*transaction)->commit())
                    ++failures;
            }
        });
    }
    std::set<std::string> seen;
    std::optional<std::string> last;
    int duplicates = 0;
    auto follow = [&] {
        for (;;) {
            auto reader = store->begin(Store::Mode::Read);
            if (!reader)
                return false;
            Result<Page<MrrEventRecord>> page = (*reader)->listMrrEvents({}, {100, last});
            if (!page)
                return false;
            for (const MrrEventRecord &event : page->items) {
                if (!seen.insert(event.id).second)
                    ++duplicates;
                last = event.id;
            }
            if (!page->hasMore)
                return true;
        }
    };
    std::thread stopper([&] {
        for (std::thread &writer : writers)
            writer.join();
        writing = false;
    });
    while (writing.load())
        QVERIFY(follow());
    stopper.join();
    QVERIFY(follow());
    QCOMPARE(failures.load(), 0);
    QCOMPARE(duplicates, 0);
    QCOMPARE(seen.size(), std::size_t(Writers * EventsEach));
}

// PostgreSQL closed the pooled connections (a restart, a failover): the next transactions get
// new ones instead of failing.
void TestPostgresStore::closedConnectionsAreReplaced()
{
    QString error;
    const QString database = TenantrydProcess::createPostgresDatabase(&error);
    QVERIFY2(!database.isEmpty(), qPrintable(error));
    std::unique_ptr<PostgresStore> store = openStore(database, 3);
    QVERIFY(store);
    {
        auto first = store->begin(Store::Mode::Read);
        auto second = store->begin(Store::Mode::Write);
        auto third = store->begin(Store::Mode::Read);
        QVERIFY(first && second && third);
    }
    std::unique_ptr<PostgresConnection> killer = connect("app", database);
    QVERIFY(killer);
    QCOMPARE(count(*killer,
                   "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                   "WHERE datname = current_database() AND pid <> pg_backend_pid()"),
             std::int64_t(3));
    for (int i = 0; i < 5; ++i) {
        auto transaction = store->begin(i % 2 ? Store::Mode::Write : Store::Mode::Read);
        QVERIFY2(transaction, transaction ? "" : transaction.error().message.c_str());
        QVERIFY((*transaction)->listTenants({}, {}));
    }
}

void TestPostgresStore::storeTenantPathSeesOneTenant()
{
    std::unique_ptr<PostgresStore> store = openStore(m_seeded);
    QVERIFY(store);
    auto transaction = store->beginForTenant(Store::Mode::Read, std::string(kTenantA));
    QVERIFY(transaction);
    StoreTransaction &tenantA = **transaction;
    QVERIFY(tenantA.tenantById(std::string(kTenantA))->has_value());
    QVERIFY(!tenantA.tenantById(std::string(kTenantB))->has_value());
    Result<Page<Tenant>> tenants = tenantA.listTenants({}, {});
    QVERIFY(tenants);
    QCOMPARE(tenants->items.size(), std::size_t(1));
    QCOMPARE(tenants->items.front().id, std::string(kTenantA));
    // A handler that forgot its WHERE clause still gets only A's rows.
    Result<Page<Subscription>> subscriptions = tenantA.listSubscriptions({}, {});
    QVERIFY(subscriptions);
    QCOMPARE(subscriptions->items.size(), std::size_t(1));
    QCOMPARE(subscriptions->items.front().tenantId, std::string(kTenantA));
    QCOMPARE(tenantA.listNotes(std::string(kTenantB), {})->items.size(), std::size_t(0));
    QCOMPARE(tenantA.listInvoices({std::string(kTenantB), {}, {}}, {})->items.size(),
             std::size_t(0));
    QCOMPARE(tenantA.listMrrEvents({}, {})->items.size(), std::size_t(1));
    QCOMPARE(tenantA.listAudit({}, {})->items.size(), std::size_t(1));
    QCOMPARE(tenantA.overridesOf(std::string(kTenantB))->size(), std::size_t(0));
    // Staff-only tables are empty to it; reference tables are readable.
    QCOMPARE(tenantA.listUsers({})->items.size(), std::size_t(0));
    QVERIFY(!tenantA.sessionByTokenHash("hash")->has_value());
    QCOMPARE(tenantA.listWebhookEvents({}, {})->items.size(), std::size_t(0));
    QCOMPARE(tenantA.listSpend({}, {})->items.size(), std::size_t(0));
    QCOMPARE(tenantA.listPlans({})->items.size(), std::size_t(1));

    // Writes to B are refused.
    auto writer = store->beginForTenant(Store::Mode::Write, std::string(kTenantA));
    QVERIFY(writer);
    const Status note = (*writer)->insertNote(
        {std::string(kTenantB), "note_x", "usr_1", "planted", {}});
    QVERIFY(!note);
    auto deleter = store->beginForTenant(Store::Mode::Write, std::string(kTenantA));
    QVERIFY(deleter);
    QCOMPARE((*deleter)->deleteTenantUser(std::string(kTenantB), "tus_12").error().code,
             std::string("not_found"));
}

void TestPostgresStore::directSqlIsolationMatrix()
{
    std::unique_ptr<PostgresConnection> app = connect("app", m_seeded);
    QVERIFY(app);
    const std::string a(kTenantA);
    const std::string b(kTenantB);
    const std::string beginAsA = join(
        {"BEGIN; SELECT set_config('app.tenant_id', '", a, "', true)"});
    int n = 50; // ids after the seeded ones; f_50… are seeded features
    for (const ScopedTable &table : scopedTables()) {
        const std::string_view name = table.table;
        const std::string_view column = table.column;
        const std::string countAll = join({"SELECT count(*) FROM ", name});
        const std::string ofB = join({" WHERE ", column, " = '", b, "'"});
        // Without app.tenant_id (and without the staff scope): nothing.
        QVERIFY(app->run("BEGIN"));
        QCOMPARE(count(*app, countAll), std::int64_t(0));
        QVERIFY(!app->run(fill(table.insert, a, ++n)));
        QVERIFY(app->run("ROLLBACK"));

        // As tenant A.
        QVERIFY(app->run(beginAsA));
        QCOMPARE(count(*app, countAll), std::int64_t(1));
        QCOMPARE(count(*app, join({countAll, ofB})), std::int64_t(0));
        Result<PostgresResult> updated = app->execute(
            join({"UPDATE ", name, " SET ", column, " = ", column, ofB}), {});
        QVERIFY(updated);
        QCOMPARE(updated->affectedRows(), std::int64_t(0));
        Result<PostgresResult> deleted = app->execute(join({"DELETE FROM ", name, ofB}), {});
        QVERIFY(deleted);
        QCOMPARE(deleted->affectedRows(), std::int64_t(0));
        QVERIFY(app->run("ROLLBACK"));

        // Without any WHERE clause, as A: only A's row is touched.
        QVERIFY(app->run(beginAsA));
        Result<PostgresResult> updatedAll = app->execute(
            join({"UPDATE ", name, " SET ", column, " = ", column}), {});
        QVERIFY2(updatedAll, table.table);
        QCOMPARE(updatedAll->affectedRows(), std::int64_t(1));
        if (name != "tenants") { // other tables refer to tenants
            Result<PostgresResult> deletedAll = app->execute(join({"DELETE FROM ", name}), {});
            QVERIFY2(deletedAll, table.table);
            QCOMPARE(deletedAll->affectedRows(), std::int64_t(1));
            // B's row is still there (seen from the staff scope after the rollback).
        }
        QVERIFY(app->run("ROLLBACK"));

        // Inserting a row of B, or moving A's row to B, is refused.
        QVERIFY(app->run(beginAsA));
        QVERIFY2(!app->run(fill(table.insert, b, ++n)), table.table);
        QVERIFY(app->run("ROLLBACK"));
        if (name != "tenants") {
            QVERIFY(app->run(beginAsA));
            QVERIFY2(!app->run(join({"UPDATE ", name, " SET ", column, " = '", b, "'"})),
                     table.table);
            QVERIFY(app->run("ROLLBACK"));
            // A's own rows it may write.
            QVERIFY(app->run(beginAsA));
            QVERIFY2(app->run(fill(table.insert, a, ++n)), table.table);
            QVERIFY(app->run("ROLLBACK"));
        }

        // The staff scope sees both.
        QVERIFY(app->run("BEGIN; SELECT set_config('app.scope', 'staff', true)"));
        QCOMPARE(count(*app, countAll), std::int64_t(2));
        QVERIFY(app->run("ROLLBACK"));
    }
    for (const char *table : staffOnlyTables()) {
        const std::string countAll = join({"SELECT count(*) FROM ", table});
        QVERIFY(app->run(beginAsA));
        QCOMPARE(count(*app, countAll), std::int64_t(0));
        QVERIFY(app->run("ROLLBACK"));
        QCOMPARE(count(*app, countAll), std::int64_t(0));
    }
}

// The store path of the tenant-key handlers (TenantApiKeyService, as GET /v1/tenant… runs it)
// for tenant A while B's rows exist: its answers are A's, and a query without any tenant WHERE
// clause through its transaction (a handler that forgot one) returns A's rows only, where the
// same query on the staff path returns both tenants'.
void TestPostgresStore::tenantKeyPathSeesOneTenantWithoutWhere()
{
    std::unique_ptr<PostgresStore> store = openStore(m_seeded);
    QVERIFY(store);
    TokenBucketRateLimiter limiter(1000, 1000);
    LoginThrottle throttle;
    ApiContext context(*store, limiter, throttle, std::chrono::hours(1), [](const std::string &line) {
        qWarning("%s", line.c_str());
    });
    const EntitlementService entitlements(context);
    const TenantApiKeyService service(context, entitlements);
    const std::string a(kTenantA);
    const std::string b(kTenantB);
    const TenantPrincipal keyOfA{a, "tak_1"};

    // The handlers' answers.
    Outcome<Tenant> tenant = service.ownTenant(keyOfA, "req_test");
    QVERIFY(!failed(tenant));
    QCOMPARE(std::get<Tenant>(tenant).id, a);
    Outcome<Subscription> subscription = service.ownSubscription(keyOfA, "req_test");
    QVERIFY(!failed(subscription));
    QCOMPARE(std::get<Subscription>(subscription).tenantId, a);
    Outcome<std::vector<Entitlement>> resolved = service.ownEntitlements(keyOfA, "req_test");
    QVERIFY(!failed(resolved));
    QCOMPARE(std::get<0>(resolved).size(), std::size_t(100)); // one per seeded feature
    // A key whose tenant RLS hides (B's id given as A's is impossible, but a key of a tenant
    // that is not there) finds nothing rather than someone else's.
    QCOMPARE(std::get<ApiError>(service.ownTenant({"ten_nobody", "tak_2"}, "req_test")).status, 404);

    // WHERE-less queries through the handlers' transaction.
    Outcome<std::unique_ptr<StoreTransaction>> opened = service.tenantRead(keyOfA, "req_test");
    QVERIFY(!failed(opened));
    StoreTransaction &asA = *std::get<0>(opened);
    Result<Page<Tenant>> tenants = asA.listTenants({}, {100, std::nullopt});
    QVERIFY(tenants);
    QCOMPARE(tenants->items.size(), std::size_t(1));
    QCOMPARE(tenants->items.front().id, a);
    Result<Page<Subscription>> subscriptions = asA.listSubscriptions({}, {100, std::nullopt});
    QVERIFY(subscriptions);
    QCOMPARE(subscriptions->items.size(), std::size_t(1));
    QCOMPARE(subscriptions->items.front().tenantId, a);
    QCOMPARE(asA.listInvoices({}, {100, std::nullopt})->items.size(), std::size_t(1));
    QCOMPARE(asA.listMrrEvents({}, {100, std::nullopt})->items.size(), std::size_t(1));
    QCOMPARE(asA.listAudit({}, {100, std::nullopt})->items.size(), std::size_t(1));
    // Asked for B by name: nothing.
    QVERIFY(!asA.tenantById(b)->has_value());
    QVERIFY(!asA.liveSubscriptionOf(b)->has_value());
    QCOMPARE(asA.listTenantApiKeys(b, {})->items.size(), std::size_t(0));
    QCOMPARE(asA.overridesOf(b)->size(), std::size_t(0));
    // The key look-up by hash finds A's key, never B's, on this path.
    const std::string hashOfA = asA.listTenantApiKeys(a, {})->items.at(0).keyHash;
    QVERIFY(asA.tenantApiKeyByHash(hashOfA)->has_value());

    // The same queries on the staff path see both tenants: B's rows exist.
    auto staff = store->begin(Store::Mode::Read);
    QVERIFY(staff);
    QCOMPARE((*staff)->listTenants({}, {100, std::nullopt})->items.size(), std::size_t(2));
    QCOMPARE((*staff)->listSubscriptions({}, {100, std::nullopt})->items.size(), std::size_t(2));
    const std::string hashOfB = (*staff)->listTenantApiKeys(b, {})->items.at(0).keyHash;
    QVERIFY((*staff)->tenantApiKeyByHash(hashOfB)->has_value());
    QVERIFY(!asA.tenantApiKeyByHash(hashOfB)->has_value());

    // Writing a key of B through A's tenant path is refused; revoking B's key finds nothing.
    auto writer = store->beginForTenant(Store::Mode::Write, a);
    QVERIFY(writer);
    TenantApiKeyRecord planted{
        b, "tak_planted", "planted", SessionToken::hash("x"), {}, "usr_1", {}, {}};
    QVERIFY(!(*writer)->insertTenantApiKey(planted));
    auto revoker = store->beginForTenant(Store::Mode::Write, a);
    QVERIFY(revoker);
    const std::string idOfB = (*staff)->listTenantApiKeys(b, {})->items.at(0).id;
    QCOMPARE((*revoker)->revokeTenantApiKey(b, idOfB, {}).error().code, std::string("not_found"));
}

void TestPostgresStore::pooledConnectionCarriesNothingOver()
{
    std::unique_ptr<PostgresStore> store = openStore(m_seeded, 1); // one connection: reused
    QVERIFY(store);
    {
        auto transaction = store->beginForTenant(Store::Mode::Read, std::string(kTenantA));
        QVERIFY(transaction);
        QCOMPARE((*transaction)->listNotes(std::string(kTenantA), {})->items.size(), std::size_t(1));
        QVERIFY((*transaction)->commit());
    }
    {
        // Rolled back instead of committed: the setting goes with it too.
        auto transaction = store->beginForTenant(Store::Mode::Write, std::string(kTenantA));
        QVERIFY(transaction);
    }
    Result<std::unique_ptr<PostgresConnection>> connection = store->acquire();
    QVERIFY(connection);
    for (const ScopedTable &table : scopedTables()) {
        QCOMPARE(count(**connection, std::string("SELECT count(*) FROM ") + table.table),
                 std::int64_t(0));
    }
    QCOMPARE(count(**connection,
                   "SELECT count(*) FROM (SELECT current_setting('app.tenant_id', true) AS t, "
                   "current_setting('app.scope', true) AS s) x WHERE coalesce(t, '') = '' "
                   "AND coalesce(s, '') = ''"),
             std::int64_t(1));
    store->release(std::move(connection).value());
}

// The sealed Stripe key's table through the store, connected as the runtime role: every byte
// value survives the bytea round trip, a put replaces, the tenant path sees nothing, and
// loadStripeApiKey saves then opens the key.
void TestPostgresStore::secretsAsRuntimeRole()
{
    std::unique_ptr<PostgresStore> store = openStore(m_seeded);
    QVERIFY(store);
    std::string bytes;
    for (int i = 0; i < 256; ++i)
        bytes += static_cast<char>(255 - i);
    {
        auto transaction = store->begin(Store::Mode::Write);
        QVERIFY(transaction);
        QCOMPARE(*(*transaction)->secret("pg_secret"), std::optional<std::string>());
        QVERIFY((*transaction)->putSecret("pg_secret", "first"));
        QVERIFY((*transaction)->putSecret("pg_secret", bytes));
        QVERIFY((*transaction)->commit());
    }
    {
        auto transaction = store->begin(Store::Mode::Read);
        QVERIFY(transaction);
        QCOMPARE(*(*transaction)->secret("pg_secret"), std::optional<std::string>(bytes));
        QCOMPARE(*(*transaction)->secret("seeded"),
                 std::optional<std::string>(std::string("\x00\xff\x10", 3)));
    }
    {
        auto transaction = store->beginForTenant(Store::Mode::Read, std::string(kTenantA));
        QVERIFY(transaction);
        QCOMPARE(*(*transaction)->secret("pg_secret"), std::optional<std::string>());
    }

    QTemporaryDir dir;
    ServerConfig config;
    config.dataDir = dir.path().toStdString();
    config.stripeApiKey = "sk_test_pg";
    Result<std::string> saved = loadStripeApiKey(config, *store);
    QVERIFY2(saved, saved ? "" : saved.error().message.c_str());
    config.stripeApiKey.clear();
    Result<std::string> loaded = loadStripeApiKey(config, *store);
    QVERIFY2(loaded, loaded ? "" : loaded.error().message.c_str());
    QCOMPARE(*loaded, std::string("sk_test_pg"));
}

QTEST_APPLESS_MAIN(TestPostgresStore)

#include "testpostgresstore.moc"
