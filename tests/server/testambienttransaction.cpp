// AmbientTransaction and AmbientStore on a real SQLite store: the first write opens the
// ambient transaction (running its hook first), every later begin() is a savepoint in it, the
// owner commits once or rolls everything back, the write lock is not held before the first
// write nor after a failed hook, and what waits for the end runs after it.

#include "server/store/ambientstore.h"
#include "server/store/ambienttransaction.h"
#include "server/store/sqlite/sqlitestore.h"

#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <future>
#include <string>
#include <vector>

using namespace Tenantry;
using namespace Tenantry::Server;

namespace {

Tenant makeTenant(int i)
{
    Tenant tenant;
    tenant.id = "ten_" + std::to_string(100000 + i);
    tenant.slug = "tenant-" + std::to_string(i);
    tenant.name = "Tenant " + std::to_string(i);
    tenant.region = "eu-west-1";
    tenant.createdAt = Timestamp(std::chrono::seconds(1'700'000'000 + i));
    tenant.updatedAt = tenant.createdAt;
    return tenant;
}

// Committed state, as another connection sees it.
bool hasTenant(Store &store, int i)
{
    auto read = std::move(store.begin(Store::Mode::Read)).value();
    return read->tenantById(makeTenant(i).id).value().has_value();
}

// What a service does: a write transaction of its own that inserts one tenant.
Status insertInOwnTransaction(Store &store, int i, bool commit = true)
{
    Result<std::unique_ptr<StoreTransaction>> transaction = store.begin(Store::Mode::Write);
    if (!transaction)
        return transaction.error();
    if (Status inserted = (*transaction)->insertTenant(makeTenant(i)); !inserted)
        return inserted;
    return commit ? (*transaction)->commit() : Status(Ok{});
}

// A write on another thread (through the store itself); false if it has not finished within
// a few seconds (it waits for the write lock).
bool writesFromAnotherThread(SqliteStore &store, int i)
{
    std::future<bool> done = std::async(std::launch::async, [&store, i] {
        return insertInOwnTransaction(store, i).hasValue();
    });
    if (done.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
        done.wait();
        return false;
    }
    return done.get();
}

} // namespace

class TestAmbientTransaction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_directory = std::make_unique<QTemporaryDir>();
        QVERIFY(m_directory->isValid());
        SqliteStoreOptions options{
            m_directory->filePath(QStringLiteral("tenantry.db")).toStdString(), true};
        m_store = std::move(SqliteStore::open(options)).value();
        m_ambientStore = std::make_unique<AmbientStore>(*m_store);
    }

    void cleanup()
    {
        m_ambientStore.reset();
        m_store.reset();
        m_directory.reset();
    }

    void withoutOneBeginPassesThrough()
    {
        QVERIFY(AmbientTransaction::current() == nullptr);
        QVERIFY(insertInOwnTransaction(*m_ambientStore, 1).hasValue());
        QVERIFY(hasTenant(*m_store, 1));
        bool ran = false;
        AmbientTransaction::afterEnd([&ran] { ran = true; });
        QVERIFY(ran); // no ambient transaction: at once
    }

    void everythingCommitsOnceWithTheHookFirst()
    {
        const SqliteGroupCommit::Statistics before = m_store->groupCommitStatistics();
        int hooks = 0;
        std::vector<std::string> order;
        {
            AmbientTransaction ambient(*m_store, [&](StoreTransaction &transaction) {
                ++hooks;
                order.emplace_back("hook");
                // The hook runs before any of the code's changes.
                if (transaction.tenantById(makeTenant(1).id).value().has_value())
                    return Status(Error{"storage_error", "the hook ran late", {}});
                return transaction.insertTenant(makeTenant(100));
            });
            QVERIFY(AmbientTransaction::current() == &ambient);
            // Reads before the first write are ordinary read transactions.
            QVERIFY(m_ambientStore->begin(Store::Mode::Read).hasValue());
            QVERIFY(!ambient.isOpen());

            QVERIFY(insertInOwnTransaction(*m_ambientStore, 1).hasValue());
            QVERIFY(ambient.isOpen());
            QVERIFY(insertInOwnTransaction(*m_ambientStore, 2).hasValue());
            // Rolled back on its own: the others stay.
            QVERIFY(insertInOwnTransaction(*m_ambientStore, 3, false).hasValue());
            // Reads now join it and see its changes; other connections see nothing yet.
            auto read = std::move(m_ambientStore->begin(Store::Mode::Read)).value();
            QVERIFY(read->tenantById(makeTenant(2).id).value().has_value());
            read.reset();
            QVERIFY(!hasTenant(*m_store, 1));
            AmbientTransaction::afterEnd([&order] { order.emplace_back("after end"); });
            QCOMPARE(order.size(), std::size_t(1));

            QVERIFY(ambient.commit().hasValue());
            QCOMPARE(order.back(), std::string("after end"));
            QVERIFY(!ambient.commit().hasValue()); // once only
        }
        QVERIFY(AmbientTransaction::current() == nullptr);
        QCOMPARE(hooks, 1);
        for (const int present : {100, 1, 2})
            QVERIFY(hasTenant(*m_store, present));
        QVERIFY(!hasTenant(*m_store, 3));
        // One logical write transaction, one commit.
        const SqliteGroupCommit::Statistics after = m_store->groupCommitStatistics();
        QCOMPARE(after.transactions - before.transactions, std::uint64_t(1));
    }

    void destructionRollsEverythingBack()
    {
        bool ended = false;
        {
            AmbientTransaction ambient(*m_store, [](StoreTransaction &transaction) {
                return transaction.insertTenant(makeTenant(100));
            });
            QVERIFY(insertInOwnTransaction(*m_ambientStore, 1).hasValue()); // committed, nested
            AmbientTransaction::afterEnd([&ended] { ended = true; });
            QVERIFY(!ended);
        }
        QVERIFY(ended);
        QVERIFY(!hasTenant(*m_store, 100));
        QVERIFY(!hasTenant(*m_store, 1));
        // The write lock is free again.
        QVERIFY(writesFromAnotherThread(*m_store, 2));
    }

    void theWriteLockIsTakenAtTheFirstWriteOnly()
    {
        AmbientTransaction ambient(*m_store, nullptr);
        // Slow work before the first write (password hashing) does not keep others waiting.
        QVERIFY(writesFromAnotherThread(*m_store, 1));
        QVERIFY(insertInOwnTransaction(*m_ambientStore, 2).hasValue());
        QVERIFY(ambient.commit().hasValue());
        QVERIFY(hasTenant(*m_store, 1));
        QVERIFY(hasTenant(*m_store, 2));
    }

    void aFailedHookRefusesWritesAndFreesTheWriteLock()
    {
        int hooks = 0;
        AmbientTransaction ambient(*m_store, [&hooks](StoreTransaction &transaction) {
            ++hooks;
            static_cast<void>(transaction.insertTenant(makeTenant(100)));
            return Status(Error{"superseded", "another request came first", {}});
        });
        const Status refused = insertInOwnTransaction(*m_ambientStore, 1);
        QVERIFY(!refused.hasValue());
        QCOMPARE(refused.error().code, std::string("superseded"));
        QVERIFY(!ambient.isOpen());
        // Given up at once: another writer need not wait for the end of the request.
        QVERIFY(writesFromAnotherThread(*m_store, 2));
        // Later writes get the same answer without another attempt; reads still work.
        QCOMPARE(insertInOwnTransaction(*m_ambientStore, 3).error().code, std::string("superseded"));
        QCOMPARE(ambient.open().error().code, std::string("superseded"));
        QCOMPARE(hooks, 1);
        QVERIFY(m_ambientStore->begin(Store::Mode::Read).hasValue());
        QVERIFY(!hasTenant(*m_store, 100));
        QVERIFY(!hasTenant(*m_store, 1));
    }

    void anotherThreadIsNotAffected()
    {
        AmbientTransaction ambient(*m_store, nullptr);
        std::future<bool> separate = std::async(std::launch::async, [this] {
            return AmbientTransaction::current() == nullptr
                   && insertInOwnTransaction(*m_ambientStore, 1).hasValue();
        });
        QVERIFY(separate.get());
        QVERIFY(hasTenant(*m_store, 1)); // committed on its own
        QVERIFY(!ambient.isOpen());
    }

private:
    std::unique_ptr<QTemporaryDir> m_directory;
    std::unique_ptr<SqliteStore> m_store;
    std::unique_ptr<AmbientStore> m_ambientStore;
};

QTEST_APPLESS_MAIN(TestAmbientTransaction)
#include "testambienttransaction.moc"
