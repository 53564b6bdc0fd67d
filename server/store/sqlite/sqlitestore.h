#pragma once

#include "server/store/sqlite/sqlitegroupcommit.h"
#include "server/store/sqlite/sqlitestatementcache.h"
#include "server/store/store.h"

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

struct sqlite3;

namespace Tenantry::Server {

struct SqliteStoreOptions
{
    std::string path;            // the database file; created with its folder if missing
    bool synchronousFull = true; // PRAGMA synchronous=FULL (durable commits) or NORMAL
    // Group commit: concurrent write transactions share one SQLite COMMIT (one fsync), which
    // ends when no other writer is waiting, after this many transactions or this long after
    // the batch began. Off: every write transaction has a COMMIT of its own. The delay only
    // matters while writers keep queueing (a lone writer commits at once); 10 ms rather than
    // 1 ms: under POST load a 1 ms batch held about three requests, and the larger batches
    // gave 25-30% more durable POSTs per second at lower p99 latency (run-http-bench, 2 cores).
    bool groupCommit = true;
    std::size_t groupCommitMaxTransactions = 256;
    std::chrono::microseconds groupCommitMaxDelay{10'000};
    // The writer checkpoints the WAL into the database file once a COMMIT leaves this many
    // pages in it (SQLite's default is 1000). The checkpoint runs inside that COMMIT, while
    // every other writer waits, and copies each page once however often the WAL holds it: the
    // hot pages (table and index tails) of a POST stream are copied less often with a larger
    // window. 4000 pages (16 MiB of WAL) gave about 10% more durable POSTs per second than
    // 1000; 16000 gave no more, with longer pauses.
    int checkpointPages = 4000;
};

// The embedded store: one SQLite file in WAL mode. Write transactions run one at a time on a
// dedicated writer connection, each inside a SAVEPOINT of a SQLite transaction it shares with
// the write transactions around it (SqliteGroupCommit): writers are serialised there so that
// they never spin on SQLITE_BUSY, and commit() returns once the shared transaction is
// COMMITted, so that an acknowledged write is durable. Read transactions take connections from
// a pool (one per concurrent reader) and see committed data only. Migrations run in open().
class SqliteStore final : public Store
{
public:
    static Result<std::unique_ptr<SqliteStore>> open(const SqliteStoreOptions &options);
    ~SqliteStore() override;

    Result<std::unique_ptr<StoreTransaction>> begin(Mode mode) override;
    // begin(): SQLite has no row-level security (see Store::beginForTenant).
    Result<std::unique_ptr<StoreTransaction>> beginForTenant(Mode mode, const std::string &) override
    {
        return begin(mode);
    }
    bool isReady() const override { return true; }
    // With group commit on (a batch may hold more than one transaction).
    bool defersCommits() const override;
    Status flushDeferred() override;

    int schemaVersion() const { return m_schemaVersion; }

    // Batches committed and the write transactions in them, and writers waiting right now.
    SqliteGroupCommit::Statistics groupCommitStatistics() const;
    std::size_t waitingWriters() const;

    // Used by read transactions to give their connection back.
    void release(sqlite3 *connection);

private:
    explicit SqliteStore(SqliteStoreOptions options)
        : m_options(std::move(options))
    {}

    Result<sqlite3 *> openConnection() const;
    Result<sqlite3 *> acquire();
    // The prepared statements of `connection` (made on first use).
    SqliteStatementCache &statementsOf(sqlite3 *connection);

    SqliteStoreOptions m_options;
    int m_schemaVersion = 0;
    std::mutex m_poolMutex;
    std::vector<sqlite3 *> m_idle;
    std::vector<sqlite3 *> m_all;
    sqlite3 *m_writer = nullptr; // also in m_all
    std::unordered_map<sqlite3 *, std::unique_ptr<SqliteStatementCache>> m_statements;
    std::unique_ptr<SqliteGroupCommit> m_groupCommit;
};

} // namespace Tenantry::Server
