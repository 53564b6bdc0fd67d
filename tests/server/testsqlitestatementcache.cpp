// The per-connection statement cache: statements come back reset and unbound, the same SQL in
// use twice gets two statements, and errors are not cached.

#include "server/store/sqlite/sqlitestatementcache.h"

#include <sqlite3.h>

#include <QtTest>

using namespace Tenantry::Server;

class TestSqliteStatementCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QCOMPARE(sqlite3_open(":memory:", &m_db), SQLITE_OK);
        QCOMPARE(sqlite3_exec(m_db,
                              "CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1), (2), (3);",
                              nullptr,
                              nullptr,
                              nullptr),
                 SQLITE_OK);
    }

    void cleanup()
    {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }

    void reusedStatementsComeBackResetAndUnbound()
    {
        SqliteStatementCache cache(m_db);
        const char *sql = "SELECT ? IS NULL, (SELECT COUNT(*) FROM t)";
        {
            auto first = cache.prepare(sql);
            QVERIFY(first);
            first->bind(1, std::int64_t(7));
            QVERIFY(*first->step());
            QCOMPARE(first->integer(0), std::int64_t(0)); // bound
            QCOMPARE(first->integer(1), std::int64_t(3));
        } // back to the cache, mid-result
        QCOMPARE(sqlite3_exec(m_db, "INSERT INTO t VALUES (4)", nullptr, nullptr, nullptr),
                 SQLITE_OK);
        auto again = cache.prepare(sql);
        QVERIFY(again);
        QVERIFY(*again->step());
        QCOMPARE(again->integer(0), std::int64_t(1)); // the old binding is gone
        QCOMPARE(again->integer(1), std::int64_t(4)); // run afresh, not resumed
    }

    void sameSqlInUseTwiceGetsTwoStatements()
    {
        SqliteStatementCache cache(m_db);
        const char *sql = "SELECT v FROM t ORDER BY v";
        auto outer = cache.prepare(sql);
        QVERIFY(outer);
        QVERIFY(*outer->step());
        QCOMPARE(outer->integer(0), std::int64_t(1));
        {
            auto inner = cache.prepare(sql);
            QVERIFY(inner);
            QVERIFY(*inner->step());
            QCOMPARE(inner->integer(0), std::int64_t(1));
            QVERIFY(*inner->step());
            QCOMPARE(inner->integer(0), std::int64_t(2));
        }
        QVERIFY(*outer->step()); // the outer walk goes on where it was
        QCOMPARE(outer->integer(0), std::int64_t(2));
    }

    void errorsAreReportedEveryTime()
    {
        SqliteStatementCache cache(m_db);
        for (int i = 0; i < 2; ++i) {
            auto broken = cache.prepare("SELECT FROM nowhere");
            QVERIFY(!broken);
            QCOMPARE(broken.error().code, std::string("storage_error"));
        }
    }

private:
    sqlite3 *m_db = nullptr;
};

QTEST_APPLESS_MAIN(TestSqliteStatementCache)

#include "testsqlitestatementcache.moc"
