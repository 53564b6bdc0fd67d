#include "server/store/sqlite/sqlitegroupcommit.h"

#include <sqlite3.h>

#include <algorithm>
#include <string>

namespace Tenantry::Server {

namespace {

Status execute(sqlite3 *db, const char *sql)
{
    char *message = nullptr;
    const int code = sqlite3_exec(db, sql, nullptr, nullptr, &message);
    if (code == SQLITE_OK)
        return Ok{};
    Error error{"storage_error",
                std::string(sql) + " failed: " + (message ? message : sqlite3_errstr(code)),
                {}};
    sqlite3_free(message);
    return error;
}

void rollback(sqlite3 *db)
{
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
}

// The writer connection writes only inside a batch. Should SQLite roll a batch back on its own
// (an I/O error, a full disk), the statements the transaction still runs would otherwise each
// commit on their own in autocommit mode: refuse to prepare them instead.
int writesOnlyInBatches(void *db,
                        int action,
                        const char * /*table*/,
                        const char * /*column*/,
                        const char * /*database*/,
                        const char * /*trigger*/)
{
    const bool writes = action == SQLITE_INSERT || action == SQLITE_UPDATE
                        || action == SQLITE_DELETE;
    if (writes && sqlite3_get_autocommit(static_cast<sqlite3 *>(db)) != 0)
        return SQLITE_DENY;
    return SQLITE_OK;
}

} // namespace

SqliteGroupCommit::SqliteGroupCommit(sqlite3 *db,
                                     std::size_t maxTransactions,
                                     std::chrono::microseconds maxDelay)
    : m_db(db)
    , m_maxTransactions(std::max<std::size_t>(1, maxTransactions))
    , m_maxDelay(maxDelay)
{
    sqlite3_set_authorizer(m_db, writesOnlyInBatches, m_db);
}

SqliteGroupCommit::~SqliteGroupCommit()
{
    sqlite3_set_authorizer(m_db, nullptr, nullptr);
}

void SqliteGroupCommit::takeConnection(std::unique_lock<std::mutex> &lock)
{
    ++m_waiting;
    m_connectionFree.wait(lock, [this] { return !m_owned; });
    --m_waiting;
    m_owned = true;
}

Result<sqlite3 *> SqliteGroupCommit::acquire()
{
    std::unique_lock lock(m_mutex);
    takeConnection(lock);
    if (m_batch)
        return m_db; // continue the open batch

    // Others may line up meanwhile: they wait for m_owned, not for the mutex.
    lock.unlock();
    Status begun = execute(m_db, "BEGIN IMMEDIATE");
    lock.lock();
    if (!begun) {
        handOver();
        return begun.error();
    }
    m_batch = std::make_shared<Batch>();
    m_batch->opened = std::chrono::steady_clock::now();
    return m_db;
}

Status SqliteGroupCommit::join()
{
    std::unique_lock lock(m_mutex);
    const std::shared_ptr<Batch> batch = m_batch;
    if (batchWasLost(lock))
        return batch->outcome;
    ++batch->transactions;
    if (shouldCommit(*batch))
        return finishBatch(lock);
    handOver();
    waitFor(lock, batch);
    return batch->outcome;
}

void SqliteGroupCommit::joinDeferred(std::function<void(const Status &)> durable)
{
    std::unique_lock lock(m_mutex);
    const std::shared_ptr<Batch> batch = m_batch;
    if (batchWasLost(lock)) {
        lock.unlock();
        durable(batch->outcome);
        return;
    }
    ++batch->transactions;
    batch->durable.push_back(std::move(durable));
    // Not for being alone: the caller flush()es when it has nothing more to write.
    if (isFull(*batch)) {
        static_cast<void>(finishBatch(lock));
        return;
    }
    handOver();
}

Status SqliteGroupCommit::flush()
{
    std::unique_lock lock(m_mutex);
    if (!m_batch)
        return Ok{};
    takeConnection(lock);
    const std::shared_ptr<Batch> batch = m_batch;
    if (!batch) { // another writer committed it meanwhile
        handOver();
        return Ok{};
    }
    if (batchWasLost(lock))
        return batch->outcome;
    return finishBatch(lock);
}

void SqliteGroupCommit::leave()
{
    std::unique_lock lock(m_mutex);
    const std::shared_ptr<Batch> batch = m_batch;
    if (batchWasLost(lock))
        return;
    if (batch->transactions == 0) {
        // Nothing of anyone's to make durable: keep the batch open for the next writer, or
        // end it so that the write lock is not held while nobody writes.
        if (m_waiting == 0)
            static_cast<void>(finishBatch(lock));
        else
            handOver();
        return;
    }
    if (shouldCommit(*batch)) {
        // Its outcome is the joined transactions' to report.
        static_cast<void>(finishBatch(lock));
        return;
    }
    handOver();
    waitFor(lock, batch);
}

SqliteGroupCommit::Statistics SqliteGroupCommit::statistics() const
{
    const std::lock_guard lock(m_mutex);
    return m_statistics;
}

std::size_t SqliteGroupCommit::waitingWriters() const
{
    const std::lock_guard lock(m_mutex);
    return m_waiting;
}

bool SqliteGroupCommit::shouldCommit(const Batch &batch) const
{
    return m_waiting == 0 || isFull(batch);
}

bool SqliteGroupCommit::isFull(const Batch &batch) const
{
    return batch.transactions >= m_maxTransactions
           || std::chrono::steady_clock::now() - batch.opened >= m_maxDelay;
}

Status SqliteGroupCommit::finishBatch(std::unique_lock<std::mutex> &lock)
{
    const std::shared_ptr<Batch> batch = m_batch;
    const bool empty = batch->transactions == 0;
    // The connection stays ours (m_owned) while the mutex is free: writers arriving during the
    // fsync line up for the next batch.
    lock.unlock();
    Status outcome = Ok{};
    if (empty) {
        rollback(m_db); // nothing was released into it
    } else {
        outcome = execute(m_db, "COMMIT");
        if (!outcome && sqlite3_get_autocommit(m_db) == 0)
            rollback(m_db); // e.g. SQLITE_BUSY on COMMIT leaves it open
    }
    lock.lock();
    m_batch.reset();
    batch->done = true;
    batch->outcome = outcome;
    if (!empty) {
        ++m_statistics.batches;
        m_statistics.transactions += batch->transactions;
    }
    handOver();
    m_batchDone.notify_all();
    report(lock, *batch);
    return outcome;
}

void SqliteGroupCommit::report(std::unique_lock<std::mutex> &lock, Batch &batch)
{
    if (batch.durable.empty())
        return;
    // Nobody else touches a done batch's list; the callbacks may take other locks.
    const std::vector<std::function<void(const Status &)>> durable = std::move(batch.durable);
    lock.unlock();
    for (const auto &callback : durable)
        callback(batch.outcome);
    lock.lock();
}

bool SqliteGroupCommit::batchWasLost(std::unique_lock<std::mutex> &lock)
{
    if (sqlite3_get_autocommit(m_db) == 0)
        return false;
    const std::shared_ptr<Batch> batch = std::move(m_batch);
    batch->done = true;
    batch->outcome = Error{"storage_error",
                           "SQLite rolled back the open write batch after an error; none of its "
                           "transactions was committed",
                           {}};
    if (batch->transactions > 0) {
        ++m_statistics.batches;
        m_statistics.transactions += batch->transactions;
    }
    handOver();
    m_batchDone.notify_all();
    report(lock, *batch);
    return true;
}

void SqliteGroupCommit::handOver()
{
    m_owned = false;
    m_connectionFree.notify_one();
}

void SqliteGroupCommit::waitFor(std::unique_lock<std::mutex> &lock,
                                const std::shared_ptr<Batch> &batch)
{
    m_batchDone.wait(lock, [&batch] { return batch->done; });
}

} // namespace Tenantry::Server
