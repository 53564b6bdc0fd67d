// SqliteGroupCommit on a bare SQLite connection: what happens to a batch whose COMMIT fails,
// or that SQLite rolls back on its own, and how deferred joins (the write lane's) are reported
// through a DeferredCommits scope. (The store's use of it: testsqlitestore.)

#include "server/store/deferredcommits.h"
#include "server/store/sqlite/sqlitegroupcommit.h"

#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

using namespace Tenantry;
using namespace Tenantry::Server;

namespace {

sqlite3 *openDatabase(const std::string &path)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr)
        != SQLITE_OK) {
        sqlite3_close_v2(db);
        return nullptr;
    }
    return db;
}

bool run(sqlite3 *db, const std::string &sql)
{
    return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
}

// One logical transaction's statements, as SqliteTransaction wraps them.
bool inSavepoint(sqlite3 *db, const std::string &sql)
{
    return run(db, "SAVEPOINT tx") && run(db, sql) && run(db, "RELEASE tx");
}

long long count(sqlite3 *db, const std::string &table)
{
    sqlite3_stmt *statement = nullptr;
    const std::string sql = "SELECT count(*) FROM " + table;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
        return -1;
    long long result = -1;
    if (sqlite3_step(statement) == SQLITE_ROW)
        result = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    return result;
}

} // namespace

class TestSqliteGroupCommit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_directory = std::make_unique<QTemporaryDir>();
        QVERIFY(m_directory->isValid());
        m_path = m_directory->filePath(QStringLiteral("test.db")).toStdString();
        m_writer = openDatabase(m_path);
        m_reader = openDatabase(m_path);
        QVERIFY(m_writer && m_reader);
        // child.parent_id is checked at COMMIT: a way to make one COMMIT fail on purpose.
        QVERIFY(run(m_writer,
                    "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
                    "CREATE TABLE parent (id INTEGER PRIMARY KEY); "
                    "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL "
                    "REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);"));
    }

    void cleanup()
    {
        sqlite3_close_v2(m_reader);
        sqlite3_close_v2(m_writer);
        m_reader = nullptr;
        m_writer = nullptr;
    }

    // One COMMIT for the whole batch: when it fails, every transaction in it reports the
    // failure, nothing of the batch is on disk, and the next batch works again.
    void failedCommitFailsEveryTransactionOfTheBatch()
    {
        SqliteGroupCommit groupCommit(m_writer, 256, std::chrono::hours(1));
        QVERIFY(groupCommit.acquire().hasValue());
        QVERIFY(inSavepoint(m_writer, "INSERT INTO parent VALUES (1)"));

        std::atomic<int> succeeded = 0;
        std::atomic<int> failed = 0;
        std::vector<std::thread> writers;
        for (const std::string sql : {"INSERT INTO child VALUES (1, 99)", // no parent 99
                                      "INSERT INTO parent VALUES (2)"}) {
            writers.emplace_back([&, sql] {
                if (!groupCommit.acquire() || !inSavepoint(m_writer, sql))
                    return;
                if (groupCommit.join())
                    ++succeeded;
                else
                    ++failed;
            });
        }
        while (groupCommit.waitingWriters() < writers.size())
            std::this_thread::sleep_for(std::chrono::milliseconds(1));

        const Status first = groupCommit.join();
        for (std::thread &writer : writers)
            writer.join();
        QVERIFY(!first.hasValue());
        QCOMPARE(first.error().code, std::string("storage_error"));
        QCOMPARE(failed.load(), 2);
        QCOMPARE(succeeded.load(), 0);
        QCOMPARE(count(m_reader, "parent"), 0LL);
        QCOMPARE(count(m_reader, "child"), 0LL);
        QCOMPARE(groupCommit.statistics().batches, std::uint64_t(1));

        QVERIFY(groupCommit.acquire().hasValue());
        QVERIFY(inSavepoint(m_writer, "INSERT INTO parent VALUES (3)"));
        QVERIFY(groupCommit.join().hasValue());
        QCOMPARE(count(m_reader, "parent"), 1LL);
    }

    // The request guard's nesting inside one logical transaction of a batch: savepoints in
    // its savepoint. A nested rollback takes only its own rows, a logical transaction that
    // leaves takes its nested ones with it, and one COMMIT makes the rest durable.
    void savepointsNestInsideALogicalTransaction()
    {
        SqliteGroupCommit groupCommit(m_writer, 256, std::chrono::hours(1));
        QVERIFY(groupCommit.acquire().hasValue());
        QVERIFY(inSavepoint(m_writer, "INSERT INTO parent VALUES (1)"));

        std::atomic<int> failures = 0;
        std::vector<std::thread> writers;
        writers.emplace_back([&] {
            const bool ran = groupCommit.acquire().hasValue() && run(m_writer, "SAVEPOINT tx")
                             && run(m_writer, "INSERT INTO parent VALUES (10)")
                             && run(m_writer, "SAVEPOINT nested_1")
                             && run(m_writer, "INSERT INTO parent VALUES (11)")
                             && run(m_writer, "ROLLBACK TO SAVEPOINT nested_1")
                             && run(m_writer, "RELEASE SAVEPOINT nested_1")
                             && run(m_writer, "SAVEPOINT nested_2")
                             && run(m_writer, "INSERT INTO parent VALUES (12)")
                             && run(m_writer, "RELEASE SAVEPOINT nested_2")
                             && run(m_writer, "RELEASE tx");
            if (!ran || !groupCommit.join())
                ++failures;
        });
        writers.emplace_back([&] {
            const bool ran = groupCommit.acquire().hasValue() && run(m_writer, "SAVEPOINT tx")
                             && run(m_writer, "SAVEPOINT nested_1")
                             && run(m_writer, "INSERT INTO parent VALUES (20)")
                             && run(m_writer, "RELEASE SAVEPOINT nested_1")
                             && run(m_writer, "ROLLBACK TO tx") && run(m_writer, "RELEASE tx");
            if (!ran)
                ++failures;
            groupCommit.leave();
        });
        while (groupCommit.waitingWriters() < writers.size())
            std::this_thread::sleep_for(std::chrono::milliseconds(1));

        QVERIFY(groupCommit.join().hasValue());
        for (std::thread &writer : writers)
            writer.join();
        QCOMPARE(failures.load(), 0);
        QCOMPARE(count(m_reader, "parent"), 3LL); // 1, 10 and 12
        QCOMPARE(groupCommit.statistics().batches, std::uint64_t(1));
        QCOMPARE(groupCommit.statistics().transactions, std::uint64_t(2));
    }

    // SQLite may roll a whole transaction back on its own (an I/O error, a full disk). The
    // transactions already joined to that batch then fail, and the writer connection refuses
    // writes until the next batch instead of committing them one by one.
    void batchRolledBackBySqliteFailsItsTransactions()
    {
        SqliteGroupCommit groupCommit(m_writer, 256, std::chrono::hours(1));
        QVERIFY(groupCommit.acquire().hasValue());
        QVERIFY(inSavepoint(m_writer, "INSERT INTO parent VALUES (1)"));

        std::atomic<bool> refused = false;
        std::atomic<bool> secondFailed = false;
        std::thread second([&] {
            if (!groupCommit.acquire())
                return;
            run(m_writer, "SAVEPOINT tx");
            run(m_writer, "ROLLBACK"); // what SQLite does after such an error
            refused = sqlite3_exec(m_writer,
                                   "INSERT INTO parent VALUES (2)",
                                   nullptr,
                                   nullptr,
                                   nullptr)
                      == SQLITE_AUTH;
            secondFailed = !groupCommit.join();
        });
        while (groupCommit.waitingWriters() < 1)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));

        const Status first = groupCommit.join();
        second.join();
        QVERIFY(!first.hasValue());
        QVERIFY(refused.load());
        QVERIFY(secondFailed.load());
        QCOMPARE(count(m_reader, "parent"), 0LL);

        QVERIFY(groupCommit.acquire().hasValue());
        QVERIFY(inSavepoint(m_writer, "INSERT INTO parent VALUES (3)"));
        QVERIFY(groupCommit.join().hasValue());
        QCOMPARE(count(m_reader, "parent"), 1LL);
    }

    // A transaction that rolls back with nobody else in its batch and nobody waiting ends the
    // batch: no COMMIT, and the write lock is given back to other processes.
    void leaveEndsAnEmptyBatch()
    {
        SqliteGroupCommit groupCommit(m_writer, 256, std::chrono::hours(1));
        QVERIFY(groupCommit.acquire().hasValue());
        QVERIFY(run(m_writer,
                    "SAVEPOINT tx; INSERT INTO parent VALUES (1); ROLLBACK TO tx; "
                    "RELEASE tx"));
        groupCommit.leave();
        QCOMPARE(sqlite3_get_autocommit(m_writer), 1); // the write lock is not held
        QCOMPARE(groupCommit.statistics().batches, std::uint64_t(0));
        QCOMPARE(count(m_reader, "parent"), 0LL);
    }

    // The write lane's way: transactions join one after another without waiting, none is
    // told it is durable (nor visible to a reader) before the batch commits, and flush()
    // commits them all at once.
    void deferredJoinsReportOnceTheBatchIsCommitted()
    {
        SqliteGroupCommit groupCommit(m_writer, 256, std::chrono::hours(1));
        std::vector<Status> reports;
        for (int id = 1; id <= 3; ++id) {
            QVERIFY(groupCommit.acquire().hasValue());
            QVERIFY(inSavepoint(m_writer, "INSERT INTO parent VALUES (" + std::to_string(id) + ")"));
            groupCommit.joinDeferred(
                [&reports](const Status &outcome) { reports.push_back(outcome); });
        }
        QVERIFY(reports.empty());
        QCOMPARE(count(m_reader, "parent"), 0LL);
        QCOMPARE(sqlite3_get_autocommit(m_writer), 0); // the batch is still open

        QVERIFY(groupCommit.flush().hasValue());
        QCOMPARE(reports.size(), std::size_t(3));
        for (const Status &report : reports)
            QVERIFY(report.hasValue());
        QCOMPARE(count(m_reader, "parent"), 3LL);
        QCOMPARE(groupCommit.statistics().batches, std::uint64_t(1));
        QCOMPARE(groupCommit.statistics().transactions, std::uint64_t(3));
        QVERIFY(groupCommit.flush().hasValue()); // nothing open: nothing to do
        QCOMPARE(groupCommit.statistics().batches, std::uint64_t(1));
    }

    // Another thread's join() commits a batch that holds deferred transactions (it is alone:
    // nobody waits), and a batch that reaches maxTransactions commits in joinDeferred itself.
    void deferredTransactionsCommitWithOthersOrWhenTheBatchIsFull()
    {
        {
            SqliteGroupCommit groupCommit(m_writer, 256, std::chrono::hours(1));
            QVERIFY(groupCommit.acquire().hasValue());
            QVERIFY(inSavepoint(m_writer, "INSERT INTO parent VALUES (1)"));
            std::atomic<int> reported = 0;
            groupCommit.joinDeferred(
                [&reported](const Status &outcome) { reported += outcome.hasValue() ? 1 : 100; });
            std::atomic<bool> joined = false;
            std::thread other([&] {
                if (groupCommit.acquire() && inSavepoint(m_writer, "INSERT INTO parent VALUES (2)"))
                    joined = groupCommit.join().hasValue();
            });
            other.join();
            QVERIFY(joined.load());
            QCOMPARE(reported.load(), 1);
            QCOMPARE(count(m_reader, "parent"), 2LL);
        }
        {
            SqliteGroupCommit groupCommit(m_writer, 2, std::chrono::hours(1));
            int reported = 0;
            for (int id = 3; id <= 4; ++id) {
                QVERIFY(groupCommit.acquire().hasValue());
                QVERIFY(inSavepoint(m_writer,
                                    "INSERT INTO parent VALUES (" + std::to_string(id) + ")"));
                groupCommit.joinDeferred([&reported](const Status &) { ++reported; });
            }
            QCOMPARE(reported, 2);
            QCOMPARE(count(m_reader, "parent"), 4LL);
        }
    }

    // A COMMIT that fails reports the failure to every deferred transaction of the batch.
    void aFailedCommitReportsToDeferredTransactions()
    {
        SqliteGroupCommit groupCommit(m_writer, 256, std::chrono::hours(1));
        std::vector<Status> reports;
        for (const std::string sql : {"INSERT INTO parent VALUES (1)",
                                      "INSERT INTO child VALUES (1, 99)"}) { // no parent 99
            QVERIFY(groupCommit.acquire().hasValue());
            QVERIFY(inSavepoint(m_writer, sql));
            groupCommit.joinDeferred(
                [&reports](const Status &outcome) { reports.push_back(outcome); });
        }
        QVERIFY(!groupCommit.flush().hasValue());
        QCOMPARE(reports.size(), std::size_t(2));
        for (const Status &report : reports)
            QVERIFY(!report.hasValue());
        QCOMPARE(count(m_reader, "parent"), 0LL);
    }

    // The scope a store's commit reports to: the answer is due only after finish() and after
    // every deferred commit reported, with the first failure; nothing deferred: at finish().
    void deferredCommitsReportOnceAllAreIn()
    {
        QVERIFY(!DeferredCommits::current());
        std::vector<Status> outcomes;
        {
            DeferredCommits scope(
                [&outcomes](const Status &outcome) { outcomes.push_back(outcome); });
            QCOMPARE(DeferredCommits::current(), &scope);
            const DeferredCommits::Report first = scope.defer();
            const DeferredCommits::Report second = scope.defer();
            first(Ok{});
            scope.finish();
            QVERIFY(!DeferredCommits::current()); // later commits are not deferred
            QVERIFY(outcomes.empty());            // the second is still out
            second(Error{"storage_error", "disk full", {}});
            QCOMPARE(outcomes.size(), std::size_t(1));
            QCOMPARE(outcomes.front().error().message, std::string("disk full"));
        }
        QCOMPARE(outcomes.size(), std::size_t(1)); // once
        {
            DeferredCommits scope(
                [&outcomes](const Status &outcome) { outcomes.push_back(outcome); });
        } // nothing deferred: reported when the scope ends
        QCOMPARE(outcomes.size(), std::size_t(2));
        QVERIFY(outcomes.back().hasValue());
    }

private:
    std::unique_ptr<QTemporaryDir> m_directory;
    std::string m_path;
    sqlite3 *m_writer = nullptr;
    sqlite3 *m_reader = nullptr;
};

QTEST_APPLESS_MAIN(TestSqliteGroupCommit)
#include "testsqlitegroupcommit.moc"
