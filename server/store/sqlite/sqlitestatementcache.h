#pragma once

#include "core/result.h"
#include "server/store/sqlite/sqlitestatement.h"

#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace Tenantry::Server {

// The prepared statements of one connection, kept for reuse: parsing SQL costs more than
// running the point queries the API makes. Used by one thread at a time (whoever holds the
// connection). A statement taken from the cache goes back to it, reset and unbound, when the
// SqliteStatement is destroyed; if the same SQL is already in use, a statement of its own is
// prepared and finalized after use.
class SqliteStatementCache
{
public:
    explicit SqliteStatementCache(sqlite3 *db)
        : m_db(db)
    {}
    ~SqliteStatementCache();
    SqliteStatementCache(const SqliteStatementCache &) = delete;
    SqliteStatementCache &operator=(const SqliteStatementCache &) = delete;

    Result<SqliteStatement> prepare(std::string_view sql);

private:
    friend class SqliteStatement;

    using Map = SqliteStatementMap;

    // Takes back a statement handed out by prepare().
    void giveBack(Map::node_type node);

    sqlite3 *m_db;
    Map m_idle;
};

} // namespace Tenantry::Server
