#include "server/store/sqlite/sqlitestore.h"

#include "server/store/sqlite/sqlitemigrations.h"
#include "server/store/sqlite/sqlitetransaction.h"

#include <sqlite3.h>

#include <filesystem>

namespace Tenantry::Server {

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const SqliteStoreOptions &options)
{
    // SQLite's memory statistics take a process-wide mutex around every allocation of every
    // connection; nothing here reads them. Only possible before SQLite's first use in the process
    // (otherwise SQLITE_MISUSE, and the statistics stay on).
    static const int memoryStatisticsOff = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    static_cast<void>(memoryStatisticsOff);
    std::error_code error;
    const std::filesystem::path folder = std::filesystem::path(options.path).parent_path();
    if (!folder.empty())
        std::filesystem::create_directories(folder, error);
    if (error)
        return Error{"storage_error",
                     "cannot create " + folder.string() + ": " + error.message(),
                     {}};

    std::unique_ptr<SqliteStore> store(new SqliteStore(options));
    Result<sqlite3 *> first = store->openConnection();
    if (!first)
        return first.error();
    store->m_all.push_back(*first);
    Result<int> version = applySqliteMigrations(*first);
    if (!version)
        return version.error();
    store->m_schemaVersion = *version;
    // The connection that migrated becomes the writer; readers open their own on demand.
    store->m_writer = *first;
    sqlite3_wal_autocheckpoint(store->m_writer, options.checkpointPages);
    store->m_groupCommit = std::make_unique<SqliteGroupCommit>(
        store->m_writer,
        options.groupCommit ? options.groupCommitMaxTransactions : 1,
        options.groupCommitMaxDelay);
    return store;
}

SqliteStore::~SqliteStore()
{
    m_groupCommit.reset();
    m_statements.clear(); // finalized before their connections close
    for (sqlite3 *connection : m_all)
        sqlite3_close_v2(connection);
}

Result<sqlite3 *> SqliteStore::openConnection() const
{
    sqlite3 *db = nullptr;
    const int code = sqlite3_open_v2(m_options.path.c_str(),
                                     &db,
                                     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                         | SQLITE_OPEN_NOMUTEX,
                                     nullptr);
    if (code != SQLITE_OK) {
        const std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
        sqlite3_close_v2(db);
        return Error{"storage_error", "cannot open " + m_options.path + ": " + message, {}};
    }
    sqlite3_busy_timeout(db, 10'000);
    const std::string pragmas = std::string("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; ")
                                + "PRAGMA temp_store=MEMORY; " + "PRAGMA synchronous="
                                + (m_options.synchronousFull ? "FULL" : "NORMAL") + ";";
    char *message = nullptr;
    if (sqlite3_exec(db, pragmas.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        Error error{"storage_error", message ? message : "PRAGMA failed", {}};
        sqlite3_free(message);
        sqlite3_close_v2(db);
        return error;
    }
    return db;
}

Result<sqlite3 *> SqliteStore::acquire()
{
    {
        const std::lock_guard lock(m_poolMutex);
        if (!m_idle.empty()) {
            sqlite3 *connection = m_idle.back();
            m_idle.pop_back();
            return connection;
        }
    }
    Result<sqlite3 *> connection = openConnection();
    if (connection) {
        const std::lock_guard lock(m_poolMutex);
        m_all.push_back(*connection);
    }
    return connection;
}

void SqliteStore::release(sqlite3 *connection)
{
    const std::lock_guard lock(m_poolMutex);
    m_idle.push_back(connection);
}

bool SqliteStore::defersCommits() const
{
    return m_options.groupCommit && m_options.groupCommitMaxTransactions > 1;
}

Status SqliteStore::flushDeferred()
{
    return m_groupCommit->flush();
}

SqliteGroupCommit::Statistics SqliteStore::groupCommitStatistics() const
{
    return m_groupCommit->statistics();
}

std::size_t SqliteStore::waitingWriters() const
{
    return m_groupCommit->waitingWriters();
}

SqliteStatementCache &SqliteStore::statementsOf(sqlite3 *connection)
{
    const std::lock_guard lock(m_poolMutex);
    std::unique_ptr<SqliteStatementCache> &cache = m_statements[connection];
    if (!cache)
        cache = std::make_unique<SqliteStatementCache>(connection);
    return *cache;
}

Result<std::unique_ptr<StoreTransaction>> SqliteStore::begin(Mode mode)
{
    const bool write = mode == Mode::Write;
    Result<sqlite3 *> connection = write ? m_groupCommit->acquire() : acquire();
    if (!connection)
        return connection.error();
    // From here on the transaction gives the connection back (or the writer up) when it goes.
    auto transaction = std::make_unique<SqliteTransaction>(*this,
                                                           *connection,
                                                           write ? m_groupCommit.get() : nullptr,
                                                           statementsOf(*connection));
    if (Status begun = transaction->start(mode == Mode::Write); !begun)
        return begun.error();
    return std::unique_ptr<StoreTransaction>(std::move(transaction));
}

} // namespace Tenantry::Server
