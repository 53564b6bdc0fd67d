#pragma once

#include "server/store/store.h"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

struct sqlite3;

namespace Tenantry::Server {

struct SqliteStoreOptions
{
    std::string path;            // the database file; created with its folder if missing
    bool synchronousFull = true; // PRAGMA synchronous=FULL (durable commits) or NORMAL
};

// The embedded store: one SQLite file in WAL mode, a pool of connections (one per concurrent
// transaction), writers serialised by a mutex so that they never spin on SQLITE_BUSY, readers
// concurrent with them. Migrations run in open().
class SqliteStore final : public Store
{
public:
    static Result<std::unique_ptr<SqliteStore>> open(const SqliteStoreOptions &options);
    ~SqliteStore() override;

    Result<std::unique_ptr<StoreTransaction>> begin(Mode mode) override;
    bool isReady() const override { return true; }

    int schemaVersion() const { return m_schemaVersion; }

    // Used by transactions to give their connection back.
    void release(sqlite3 *connection);

private:
    explicit SqliteStore(SqliteStoreOptions options)
        : m_options(std::move(options))
    {}

    Result<sqlite3 *> openConnection() const;
    Result<sqlite3 *> acquire();

    SqliteStoreOptions m_options;
    int m_schemaVersion = 0;
    std::mutex m_poolMutex;
    std::vector<sqlite3 *> m_idle;
    std::vector<sqlite3 *> m_all;
    std::mutex m_writeMutex;
};

} // namespace Tenantry::Server
