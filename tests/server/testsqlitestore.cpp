// The embedded store: migrations, transactions, cursors, conflicts and concurrent writers.

#include "server/store/sqlite/sqlitemigrations.h"
#include "server/store/sqlite/sqlitestore.h"

#include <QTemporaryDir>
#include <QtTest>

#include <set>
#include <thread>

using namespace Tenantry;
using namespace Tenantry::Server;

namespace {

Tenant makeTenant(int i)
{
    Tenant tenant;
    tenant.id = "ten_" + std::to_string(100000 + i);
    tenant.slug = "tenant-" + std::to_string(i);
    tenant.name = "Tenant " + std::to_string(i);
    tenant.region = i % 2 ? "eu-west-1" : "us-east-1";
    tenant.createdAt = Timestamp(std::chrono::seconds(1'700'000'000 + i));
    tenant.updatedAt = tenant.createdAt;
    return tenant;
}

} // namespace

class TestSqliteStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_directory = std::make_unique<QTemporaryDir>();
        QVERIFY(m_directory->isValid());
        m_path = m_directory->filePath(QStringLiteral("data/tenantry.db")).toStdString();
    }

    void migrationsRunOnce()
    {
        {
            auto store = SqliteStore::open({m_path, true});
            QVERIFY(store.hasValue());
            QCOMPARE((*store)->schemaVersion(), sqliteMigrations().back().version);
        }
        auto reopened = SqliteStore::open({m_path, true});
        QVERIFY(reopened.hasValue());
        QCOMPARE((*reopened)->schemaVersion(), sqliteMigrations().back().version);
    }

    void uncommittedWritesVanish()
    {
        auto store = std::move(SqliteStore::open({m_path, true})).value();
        {
            auto transaction = std::move(store->begin(Store::Mode::Write)).value();
            QVERIFY(transaction->insertTenant(makeTenant(1)).hasValue());
        } // destroyed without commit
        auto read = std::move(store->begin(Store::Mode::Read)).value();
        QVERIFY(!read->tenantById("ten_100001").value().has_value());
    }

    void conflictsNameTheField()
    {
        auto store = std::move(SqliteStore::open({m_path, true})).value();
        auto transaction = std::move(store->begin(Store::Mode::Write)).value();
        QVERIFY(transaction->insertTenant(makeTenant(1)).hasValue());
        Tenant sameSlug = makeTenant(2);
        sameSlug.slug = "tenant-1";
        const Status conflict = transaction->insertTenant(sameSlug);
        QVERIFY(!conflict.hasValue());
        QCOMPARE(conflict.error().code, std::string("conflict"));
        QCOMPARE(conflict.error().path, std::string("slug"));

        Tenant missing = makeTenant(3);
        QCOMPARE(transaction->updateTenant(missing).error().code, std::string("not_found"));
    }

    void idempotencyKeysAreUnique()
    {
        auto store = std::move(SqliteStore::open({m_path, true})).value();
        auto transaction = std::move(store->begin(Store::Mode::Write)).value();
        IdempotencyRecord record;
        record.scope = "usr_1";
        record.key = "key-1";
        record.requestHash = "abc";
        QCOMPARE(transaction->insertIdempotency(record).value(), true);
        QCOMPARE(transaction->insertIdempotency(record).value(), false);
        record.scope = "usr_2"; // keys are per user
        QCOMPARE(transaction->insertIdempotency(record).value(), true);
    }

    // A walk over all pages while rows are being inserted never repeats or skips a row that
    // existed at the start.
    void pagingIsStableUnderInserts()
    {
        auto store = std::move(SqliteStore::open({m_path, true})).value();
        {
            auto transaction = std::move(store->begin(Store::Mode::Write)).value();
            for (int i = 0; i < 250; ++i)
                QVERIFY(transaction->insertTenant(makeTenant(i)).hasValue());
            QVERIFY(transaction->commit().hasValue());
        }
        std::multiset<std::string> seen;
        PageRequest page{25, std::nullopt};
        int inserted = 1000;
        for (;;) {
            auto read = std::move(store->begin(Store::Mode::Read)).value();
            const Page<Tenant> result = read->listTenants({}, page).value();
            for (const Tenant &tenant : result.items)
                seen.insert(tenant.id);
            read.reset();
            // Someone creates tenants between two pages.
            auto write = std::move(store->begin(Store::Mode::Write)).value();
            for (int i = 0; i < 7; ++i)
                QVERIFY(write->insertTenant(makeTenant(inserted++)).hasValue());
            QVERIFY(write->commit().hasValue());
            if (!result.hasMore)
                break;
            page.startingAfter = result.items.back().id;
        }
        for (int i = 0; i < 250; ++i)
            QCOMPARE(seen.count(makeTenant(i).id), std::size_t(1));
    }

    void unknownCursorIsAnError()
    {
        auto store = std::move(SqliteStore::open({m_path, true})).value();
        auto read = std::move(store->begin(Store::Mode::Read)).value();
        const auto result = read->listTenants({}, PageRequest{10, std::string("ten_nope")});
        QVERIFY(!result.hasValue());
        QCOMPARE(result.error().code, std::string("cursor_not_found"));
    }

    void filtersAndSearch()
    {
        auto store = std::move(SqliteStore::open({m_path, true})).value();
        {
            auto transaction = std::move(store->begin(Store::Mode::Write)).value();
            for (int i = 0; i < 20; ++i)
                QVERIFY(transaction->insertTenant(makeTenant(i)).hasValue());
            Tenant percent = makeTenant(99);
            percent.name = "100% Juice";
            QVERIFY(transaction->insertTenant(percent).hasValue());
            QVERIFY(transaction->commit().hasValue());
        }
        auto read = std::move(store->begin(Store::Mode::Read)).value();
        TenantFilter filter;
        filter.region = "eu-west-1";
        QCOMPARE(read->listTenants(filter, {100, std::nullopt}).value().items.size(),
                 std::size_t(11));
        filter = {};
        filter.query = "%"; // a literal percent sign, not a wildcard
        QCOMPARE(read->listTenants(filter, {100, std::nullopt}).value().items.size(),
                 std::size_t(1));
        filter.query = "tenant-1"; // slug substring: tenant-1, tenant-10..19
        QCOMPARE(read->listTenants(filter, {100, std::nullopt}).value().items.size(),
                 std::size_t(11));
        filter = {};
        filter.updatedSince = Timestamp(std::chrono::seconds(1'700'000'015));
        QCOMPARE(read->listTenants(filter, {100, std::nullopt}).value().items.size(),
                 std::size_t(6)); // 15..19 and 99
    }

    void concurrentWritersAllLand()
    {
        auto store = std::move(SqliteStore::open({m_path, true})).value();
        std::vector<std::thread> writers;
        writers.reserve(4);
        std::atomic<int> failures = 0;
        for (int w = 0; w < 4; ++w) {
            writers.emplace_back([&, w] {
                for (int i = 0; i < 50; ++i) {
                    auto transaction = store->begin(Store::Mode::Write);
                    if (!transaction || !(*transaction)->insertTenant(makeTenant(w * 1000 + i))
                        || !(*transaction)->commit())
                        ++failures;
                }
            });
        }
        for (std::thread &writer : writers)
            writer.join();
        QCOMPARE(failures.load(), 0);
        auto read = std::move(store->begin(Store::Mode::Read)).value();
        std::size_t count = 0;
        PageRequest page{100, std::nullopt};
        for (;;) {
            const Page<Tenant> result = read->listTenants({}, page).value();
            count += result.items.size();
            if (!result.hasMore)
                break;
            page.startingAfter = result.items.back().id;
        }
        QCOMPARE(count, std::size_t(200));
    }

private:
    std::unique_ptr<QTemporaryDir> m_directory;
    std::string m_path;
};

QTEST_APPLESS_MAIN(TestSqliteStore)
#include "testsqlitestore.moc"
