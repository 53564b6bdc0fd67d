#pragma once

#include "core/result.h"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

struct sqlite3;

namespace Tenantry::Server {

// Group commit on SQLite's one writer connection: many logical write transactions share one
// SQLite transaction (a "batch"), so that one COMMIT, and one fsync, makes all of them durable.
//
// Protocol, for the thread that runs a logical transaction:
//   acquire()   waits until it owns the writer connection (writers are serialised here, so
//               they never spin on SQLITE_BUSY) and opens a batch (BEGIN IMMEDIATE) if none is
//               open. The caller then runs SAVEPOINT, its statements, and RELEASE (or ROLLBACK
//               TO + RELEASE) on the connection, and ends with exactly one of:
//   join()      its released changes belong to the batch: gives the connection up and returns
//               once the batch is COMMITted, with that COMMIT's outcome. Acknowledged = durable:
//               when COMMIT fails, every join() of that batch returns the error.
//   leave()     it rolled its savepoint back: gives the connection up without adding anything.
//               If the batch already held other transactions' changes (which this one could
//               have read), it also waits until that batch is committed, so that nothing is
//               answered from changes that are not durable yet.
//
// When does a batch commit? The thread that ends a logical transaction commits the batch
// itself when no other writer is waiting for the connection, when the batch holds
// maxTransactions, or when it was opened maxDelay ago; otherwise it hands the connection to the
// next waiting writer and sleeps until the batch is done (leader/follower). Why not a flusher
// thread: SQLite cannot run the next batch's statements while the COMMIT of the previous one
// is in progress on the same connection, so a flusher would overlap nothing and only add two
// thread hand-offs (to it and back) to every batch; the last writer of a batch is idle anyway
// and can do the COMMIT at no extra latency. maxTransactions = 1 turns batching off: every
// logical transaction is committed on its own before join() returns.
//
// Changes of the transactions in an open batch are visible to the later write transactions of
// the same batch (one connection) but to no reader (own connections, WAL snapshots) until the
// batch is committed.
//
// A thread that runs many logical transactions one after another (the write lane) ends each
// with joinDeferred() instead of join(): its changes belong to the batch as with join(), but it
// goes on at once and is told when the batch is durable (or has failed). It does not commit a
// batch for being alone (it will likely write again); it calls flush() when it runs out of
// work. Meanwhile a join() or leave() of another thread commits the batch as usual, with the
// deferred transactions in it.
class SqliteGroupCommit
{
public:
    struct Statistics
    {
        std::uint64_t batches = 0;      // batches committed (or failed) with changes in them
        std::uint64_t transactions = 0; // logical transactions joined to them
    };

    // `db` is the writer connection; it stays owned by the caller and must outlive this.
    SqliteGroupCommit(sqlite3 *db, std::size_t maxTransactions, std::chrono::microseconds maxDelay);
    ~SqliteGroupCommit();
    SqliteGroupCommit(const SqliteGroupCommit &) = delete;
    SqliteGroupCommit &operator=(const SqliteGroupCommit &) = delete;

    Result<sqlite3 *> acquire();
    Status join();
    void leave();
    // Like join(), but returns at once; `durable` runs once, on whichever thread ends the
    // batch, with that COMMIT's outcome (after the batch is done: it must not block).
    void joinDeferred(std::function<void(const Status &)> durable);
    // Commits the open batch now, if there is one (waiting for the connection first); its
    // outcome. Ok when no batch was open.
    Status flush();

    Statistics statistics() const;
    // Writers blocked in acquire() right now (for tests that line writers up into one batch).
    std::size_t waitingWriters() const;

private:
    struct Batch
    {
        std::chrono::steady_clock::time_point opened;
        std::size_t transactions = 0;
        bool done = false;
        Status outcome = Ok{};
        std::vector<std::function<void(const Status &)>> durable; // of joinDeferred()
    };

    // With the mutex held: waits until the connection is free and takes it (m_owned).
    void takeConnection(std::unique_lock<std::mutex> &lock);
    // When the writer ending a transaction commits the batch: nobody waiting, or isFull().
    bool shouldCommit(const Batch &batch) const;
    // maxTransactions reached, or maxDelay passed since the batch opened.
    bool isFull(const Batch &batch) const;
    // Owner only, with `lock` held: commits (or rolls back, when it holds nothing) the open
    // batch, then gives the connection up. Returns the COMMIT's outcome.
    Status finishBatch(std::unique_lock<std::mutex> &lock);
    // Owner only, with `lock` held: SQLite rolled the batch back on its own (an I/O error,
    // SQLITE_FULL): everything in it is lost and reported as failed.
    bool batchWasLost(std::unique_lock<std::mutex> &lock);
    // With `lock` held, once `batch` is done: runs its joinDeferred() callbacks without the lock.
    static void report(std::unique_lock<std::mutex> &lock, Batch &batch);
    void handOver();
    void waitFor(std::unique_lock<std::mutex> &lock, const std::shared_ptr<Batch> &batch);

    sqlite3 *m_db;
    const std::size_t m_maxTransactions;
    const std::chrono::microseconds m_maxDelay;

    mutable std::mutex m_mutex;
    std::condition_variable m_connectionFree; // a waiting writer may take the connection
    std::condition_variable m_batchDone;      // some batch has finished
    bool m_owned = false;
    std::size_t m_waiting = 0;
    std::shared_ptr<Batch> m_batch; // the open batch (BEGIN done, COMMIT not yet), or null
    Statistics m_statistics;
};

} // namespace Tenantry::Server
