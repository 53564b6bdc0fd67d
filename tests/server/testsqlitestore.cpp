// The embedded store: migrations, transactions, cursors, conflicts and concurrent writers.

#include "server/store/nestedtransaction.h"
#include "server/store/sqlite/sqlitemigrations.h"
#include "server/store/sqlite/sqlitestore.h"

#include <sqlite3.h>

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <functional>
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

// Options under which a batch ends only when no writer waits (or after 256 transactions):
// the tests line writers up and need the batch to wait for them however slow the machine is.
SqliteStoreOptions batchingOptions(const std::string &path)
{
    SqliteStoreOptions options{path, true};
    options.groupCommitMaxDelay = std::chrono::hours(1);
    return options;
}

std::size_t countTenants(Store &store)
{
    auto read = std::move(store.begin(Store::Mode::Read)).value();
    std::size_t count = 0;
    PageRequest page{100, std::nullopt};
    for (;;) {
        const Page<Tenant> result = read->listTenants({}, page).value();
        count += result.items.size();
        if (!result.hasMore)
            return count;
        page.startingAfter = result.items.back().id;
    }
}

bool hasTenant(Store &store, int i)
{
    auto read = std::move(store.begin(Store::Mode::Read)).value();
    return read->tenantById(makeTenant(i).id).value().has_value();
}

// Writers lined up behind a write transaction that the test holds open: each runs on its own
// thread, waits in begin(Write) and then runs its part on its transaction. lineUp() returns
// once all of them wait, so that the held transaction's commit() finds them waiting and they
// all end up in its batch.
class WriterLine
{
public:
    using Work = std::function<void(std::unique_ptr<StoreTransaction> transaction)>;

    explicit WriterLine(SqliteStore &store)
        : m_store(store)
    {}
    ~WriterLine() { join(); }

    void add(Work work)
    {
        m_threads.emplace_back([this, work = std::move(work)] {
            auto transaction = m_store.begin(Store::Mode::Write);
            if (transaction)
                work(std::move(transaction).value());
        });
    }

    void lineUp() const
    {
        while (m_store.waitingWriters() < m_threads.size())
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }

    void join()
    {
        for (std::thread &thread : m_threads)
            thread.join();
        m_threads.clear();
    }

private:
    SqliteStore &m_store;
    std::vector<std::thread> m_threads;
};

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

    // Migration 8 moves the webhook payloads out of webhook_events: a data folder written
    // before it keeps every payload, and new events store theirs in the new table.
    void webhookPayloadsSurviveTheirMove()
    {
        const auto atMicros = [](std::int64_t micros) {
            return Timestamp(std::chrono::microseconds(micros));
        };
        QVERIFY(QDir().mkpath(QFileInfo(QString::fromStdString(m_path)).absolutePath()));
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(m_path.c_str(), &db), SQLITE_OK);
        const auto exec = [db](const std::string &sql) {
            char *message = nullptr;
            const int code = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
            const std::string error = message ? message : "";
            sqlite3_free(message);
            return code == SQLITE_OK ? std::string() : error + " in: " + sql.substr(0, 80);
        };
        QCOMPARE(exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description "
                      "TEXT NOT NULL, applied_at INTEGER NOT NULL)"),
                 std::string());
        for (const SqliteMigration &migration : sqliteMigrations()) {
            if (migration.version >= 8)
                break;
            QCOMPARE(exec(std::string(migration.sql)), std::string());
            QCOMPARE(exec("INSERT INTO schema_migrations VALUES ("
                          + std::to_string(migration.version) + ", 'before', 0)"),
                     std::string());
        }
        QCOMPARE(exec(
                     "INSERT INTO webhook_events (id, type, created, payload, received_at, status) "
                     "VALUES ('evt_old', 'invoice.paid', 1, '{\"id\":\"evt_old\"}', 2, "
                     "'pending')"),
                 std::string());
        sqlite3_close(db);

        auto store = std::move(SqliteStore::open({m_path, true})).value();
        QCOMPARE(store->schemaVersion(), sqliteMigrations().back().version);
        {
            auto write = std::move(store->begin(Store::Mode::Write)).value();
            WebhookEventRecord event;
            event.id = "evt_new";
            event.type = "invoice.paid";
            event.created = atMicros(3);
            event.payload = R"({"id":"evt_new"})";
            event.receivedAt = atMicros(4);
            QCOMPARE(write->insertWebhookEvent(event).value(), true);
            event.payload = R"({"id":"evt_new","again":true})";
            QCOMPARE(write->insertWebhookEvent(event).value(), false); // a known id
            QVERIFY(write->commit().hasValue());
        }
        auto read = std::move(store->begin(Store::Mode::Read)).value();
        QCOMPARE(read->webhookEvent("evt_old").value()->payload, std::string(R"({"id":"evt_old"})"));
        QCOMPARE(read->webhookEvent("evt_new").value()->payload, std::string(R"({"id":"evt_new"})"));
        auto due = read->dueWebhookEvents(atMicros(10), 10).value();
        QCOMPARE(due.size(), std::size_t(2));
        QCOMPARE(due[0].payload, std::string(R"({"id":"evt_old"})"));
        QCOMPARE(due[1].payload, std::string(R"({"id":"evt_new"})"));
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

    // Group commit: many threads, many commits, every one on disk after a reopen.
    void groupCommitKeepsEveryCommit()
    {
        constexpr int threads = 8;
        constexpr int commits = 50;
        std::atomic<int> failures = 0;
        {
            auto store = std::move(SqliteStore::open({m_path, true})).value();
            std::vector<std::thread> writers;
            writers.reserve(threads);
            for (int w = 0; w < threads; ++w) {
                writers.emplace_back([&, w] {
                    for (int i = 0; i < commits; ++i) {
                        auto transaction = store->begin(Store::Mode::Write);
                        if (!transaction || !(*transaction)->insertTenant(makeTenant(w * 1000 + i))
                            || !(*transaction)->commit())
                            ++failures;
                    }
                });
            }
            for (std::thread &writer : writers)
                writer.join();
            const SqliteGroupCommit::Statistics statistics = store->groupCommitStatistics();
            QCOMPARE(statistics.transactions, std::uint64_t(threads * commits));
            QVERIFY(statistics.batches >= 1);
            QVERIFY(statistics.batches <= statistics.transactions);
        }
        QCOMPARE(failures.load(), 0);
        auto reopened = std::move(SqliteStore::open({m_path, true})).value();
        QCOMPARE(countTenants(*reopened), std::size_t(threads * commits));
        for (int w = 0; w < threads; ++w)
            QVERIFY(hasTenant(*reopened, w * 1000 + commits - 1));
    }

    // commit() returns only once its batch is COMMITted: right after the first writer's
    // commit() returns, a reader on its own connection sees the whole batch, including the
    // writers that were lined up behind it.
    void commitReturnsWhenTheBatchIsDurable()
    {
        auto store = std::move(SqliteStore::open(batchingOptions(m_path))).value();
        auto first = std::move(store->begin(Store::Mode::Write)).value();
        QVERIFY(first->insertTenant(makeTenant(1)).hasValue());

        std::atomic<int> failures = 0;
        std::atomic<int> unseenAfterCommit = 0;
        WriterLine line(*store);
        for (int i = 2; i <= 3; ++i) {
            line.add([&, i](std::unique_ptr<StoreTransaction> transaction) {
                if (!transaction->insertTenant(makeTenant(i)) || !transaction->commit())
                    ++failures;
                else if (!hasTenant(*store, i))
                    ++unseenAfterCommit;
            });
        }
        line.lineUp();
        QVERIFY(!hasTenant(*store, 1)); // not before commit()
        QVERIFY(first->commit().hasValue());
        QVERIFY(hasTenant(*store, 1));
        QVERIFY(hasTenant(*store, 2));
        QVERIFY(hasTenant(*store, 3));
        line.join();
        QCOMPARE(failures.load(), 0);
        QCOMPARE(unseenAfterCommit.load(), 0);
        const SqliteGroupCommit::Statistics statistics = store->groupCommitStatistics();
        QCOMPARE(statistics.batches, std::uint64_t(1));
        QCOMPARE(statistics.transactions, std::uint64_t(3));
    }

    // A transaction destroyed uncommitted in the middle of a batch takes only its own changes.
    void rollbackInsideABatchKeepsTheOthers()
    {
        {
            auto store = std::move(SqliteStore::open(batchingOptions(m_path))).value();
            auto first = std::move(store->begin(Store::Mode::Write)).value();
            QVERIFY(first->insertTenant(makeTenant(1)).hasValue());

            std::atomic<int> failures = 0;
            WriterLine line(*store);
            line.add([&](std::unique_ptr<StoreTransaction> transaction) {
                if (!transaction->insertTenant(makeTenant(2)))
                    ++failures;
                transaction.reset(); // rolled back
            });
            line.add([&](std::unique_ptr<StoreTransaction> transaction) {
                if (!transaction->insertTenant(makeTenant(3)) || !transaction->commit())
                    ++failures;
            });
            line.lineUp();
            QVERIFY(first->commit().hasValue());
            line.join();
            QCOMPARE(failures.load(), 0);
            const SqliteGroupCommit::Statistics statistics = store->groupCommitStatistics();
            QCOMPARE(statistics.batches, std::uint64_t(1));
            QCOMPARE(statistics.transactions, std::uint64_t(2));
        }
        auto reopened = std::move(SqliteStore::open({m_path, true})).value();
        QVERIFY(hasTenant(*reopened, 1));
        QVERIFY(!hasTenant(*reopened, 2));
        QVERIFY(hasTenant(*reopened, 3));
    }

    // A failing statement (a taken slug) fails that statement only: its transaction and the
    // batch around it commit.
    void conflictInsideABatchDoesNotPoisonIt()
    {
        {
            auto store = std::move(SqliteStore::open(batchingOptions(m_path))).value();
            auto first = std::move(store->begin(Store::Mode::Write)).value();
            QVERIFY(first->insertTenant(makeTenant(1)).hasValue());

            std::atomic<int> failures = 0;
            std::atomic<int> conflicts = 0;
            WriterLine line(*store);
            line.add([&](std::unique_ptr<StoreTransaction> transaction) {
                Tenant sameSlug = makeTenant(4);
                sameSlug.slug = makeTenant(1).slug; // taken by the first, same batch
                const Status conflict = transaction->insertTenant(sameSlug);
                if (!conflict && conflict.error().code == "conflict")
                    ++conflicts;
                if (!transaction->insertTenant(makeTenant(2)) || !transaction->commit())
                    ++failures;
            });
            line.add([&](std::unique_ptr<StoreTransaction> transaction) {
                if (!transaction->insertTenant(makeTenant(3)) || !transaction->commit())
                    ++failures;
            });
            line.lineUp();
            QVERIFY(first->commit().hasValue());
            line.join();
            QCOMPARE(conflicts.load(), 1);
            QCOMPARE(failures.load(), 0);
            QCOMPARE(store->groupCommitStatistics().batches, std::uint64_t(1));
        }
        auto reopened = std::move(SqliteStore::open({m_path, true})).value();
        QCOMPARE(countTenants(*reopened), std::size_t(3));
        QVERIFY(!hasTenant(*reopened, 4));
    }

    // With group commit off, writers lined up the same way each get a COMMIT of their own.
    void groupCommitCanBeTurnedOff()
    {
        SqliteStoreOptions options = batchingOptions(m_path);
        options.groupCommit = false;
        auto store = std::move(SqliteStore::open(options)).value();
        auto first = std::move(store->begin(Store::Mode::Write)).value();
        QVERIFY(first->insertTenant(makeTenant(1)).hasValue());
        std::atomic<int> failures = 0;
        WriterLine line(*store);
        for (int i = 2; i <= 3; ++i) {
            line.add([&, i](std::unique_ptr<StoreTransaction> transaction) {
                if (!transaction->insertTenant(makeTenant(i)) || !transaction->commit())
                    ++failures;
            });
        }
        line.lineUp();
        QVERIFY(first->commit().hasValue());
        line.join();
        QCOMPARE(failures.load(), 0);
        const SqliteGroupCommit::Statistics statistics = store->groupCommitStatistics();
        QCOMPARE(statistics.batches, std::uint64_t(3));
        QCOMPARE(statistics.transactions, std::uint64_t(3));
        QCOMPARE(countTenants(*store), std::size_t(3));
    }

    // NestedTransaction on a write transaction: commit() keeps its changes in the outer one,
    // destruction drops them (and those of transactions nested in it), and nothing is visible
    // to readers or durable before the outer commit.
    void nestedTransactionsAreSavepoints()
    {
        {
            auto store = std::move(SqliteStore::open({m_path, true})).value();
            auto outer = std::move(store->begin(Store::Mode::Write)).value();
            QVERIFY(outer->insertTenant(makeTenant(1)).hasValue());
            {
                auto kept = std::move(NestedTransaction::open(*outer, "kept")).value();
                QVERIFY(kept->insertTenant(makeTenant(2)).hasValue());
                QVERIFY(kept->commit().hasValue());
                QVERIFY(!kept->commit().hasValue()); // once only
            }
            {
                auto dropped = std::move(NestedTransaction::open(*outer, "dropped")).value();
                QVERIFY(dropped->insertTenant(makeTenant(3)).hasValue());
                QVERIFY(dropped->tenantById(makeTenant(1).id).value().has_value());
            }
            {
                auto middle = std::move(NestedTransaction::open(*outer, "middle")).value();
                QVERIFY(middle->insertTenant(makeTenant(4)).hasValue());
                auto inner = std::move(NestedTransaction::open(*middle, "inner")).value();
                QVERIFY(inner->insertTenant(makeTenant(5)).hasValue());
                QVERIFY(inner->commit().hasValue()); // into `middle`, which then rolls back
            }
            // The outer transaction sees what it kept; a reader sees nothing yet.
            QVERIFY(outer->tenantById(makeTenant(2).id).value().has_value());
            QVERIFY(!outer->tenantById(makeTenant(3).id).value().has_value());
            QVERIFY(!outer->tenantById(makeTenant(5).id).value().has_value());
            QCOMPARE(countTenants(*store), std::size_t(0));
            // A taken slug inside a nested transaction fails that statement only.
            {
                auto conflicting = std::move(NestedTransaction::open(*outer, "conflicting")).value();
                Tenant sameSlug = makeTenant(6);
                sameSlug.slug = makeTenant(1).slug;
                const Status conflict = conflicting->insertTenant(sameSlug);
                QVERIFY(!conflict.hasValue());
                QCOMPARE(conflict.error().code, std::string("conflict"));
            }
            QVERIFY(outer->commit().hasValue());
            QCOMPARE(countTenants(*store), std::size_t(2));
        }
        auto reopened = std::move(SqliteStore::open({m_path, true})).value();
        QVERIFY(hasTenant(*reopened, 1));
        QVERIFY(hasTenant(*reopened, 2));
        for (const int gone : {3, 4, 5, 6})
            QVERIFY(!hasTenant(*reopened, gone));
    }

    // A nested transaction's commit is not durable on its own: the outer rollback takes it.
    void outerRollbackTakesNestedCommits()
    {
        auto store = std::move(SqliteStore::open({m_path, true})).value();
        {
            auto outer = std::move(store->begin(Store::Mode::Write)).value();
            auto nested = std::move(NestedTransaction::open(*outer, "nested")).value();
            QVERIFY(nested->insertTenant(makeTenant(1)).hasValue());
            QVERIFY(nested->commit().hasValue());
        } // the outer one destroyed without commit
        QCOMPARE(countTenants(*store), std::size_t(0));
        // The writer is free again and the savepoint names can be used again.
        auto outer = std::move(store->begin(Store::Mode::Write)).value();
        auto nested = std::move(NestedTransaction::open(*outer, "nested")).value();
        QVERIFY(nested->insertTenant(makeTenant(2)).hasValue());
        QVERIFY(nested->commit().hasValue());
        QVERIFY(outer->commit().hasValue());
        QVERIFY(hasTenant(*store, 2));
    }

    // Nested transactions inside write transactions that share a group-commit batch: a rolled
    // back nested one takes only its own changes, a rolled back outer one all of its own, and
    // the batch commits the rest once.
    void nestedTransactionsInsideABatch()
    {
        {
            auto store = std::move(SqliteStore::open(batchingOptions(m_path))).value();
            auto first = std::move(store->begin(Store::Mode::Write)).value();
            QVERIFY(first->insertTenant(makeTenant(1)).hasValue());

            std::atomic<int> failures = 0;
            WriterLine line(*store);
            line.add([&](std::unique_ptr<StoreTransaction> transaction) {
                // Savepoints nest like a stack: `kept` writes before `dropped` opens in it.
                auto kept = NestedTransaction::open(*transaction, "nested_1");
                if (!kept || !(*kept)->insertTenant(makeTenant(2))) {
                    ++failures;
                    return;
                }
                auto dropped = NestedTransaction::open(**kept, "nested_2");
                if (!dropped || !(*dropped)->insertTenant(makeTenant(3))) {
                    ++failures;
                    return;
                }
                dropped->reset();
                if (!(*kept)->commit() || !transaction->commit())
                    ++failures;
            });
            line.add([&](std::unique_ptr<StoreTransaction> transaction) {
                auto nested = NestedTransaction::open(*transaction, "nested_1");
                if (!nested || !(*nested)->insertTenant(makeTenant(4)) || !(*nested)->commit())
                    ++failures;
                // `transaction` goes uncommitted: tenant 4 with it.
            });
            line.lineUp();
            QVERIFY(first->commit().hasValue());
            line.join();
            QCOMPARE(failures.load(), 0);
            QCOMPARE(store->groupCommitStatistics().batches, std::uint64_t(1));
        }
        auto reopened = std::move(SqliteStore::open({m_path, true})).value();
        QVERIFY(hasTenant(*reopened, 1));
        QVERIFY(hasTenant(*reopened, 2));
        QVERIFY(!hasTenant(*reopened, 3));
        QVERIFY(!hasTenant(*reopened, 4));
    }

private:
    std::unique_ptr<QTemporaryDir> m_directory;
    std::string m_path;
};

QTEST_APPLESS_MAIN(TestSqliteStore)
#include "testsqlitestore.moc"
