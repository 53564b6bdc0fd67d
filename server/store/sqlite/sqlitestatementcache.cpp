#include "server/store/sqlite/sqlitestatementcache.h"

#include <sqlite3.h>

namespace Tenantry::Server {

SqliteStatementCache::~SqliteStatementCache()
{
    for (const auto &[sql, statement] : m_idle)
        sqlite3_finalize(statement);
}

Result<SqliteStatement> SqliteStatementCache::prepare(std::string_view sql)
{
    if (const auto it = m_idle.find(sql); it != m_idle.end())
        return SqliteStatement(m_db, this, m_idle.extract(it));
    Result<SqliteStatement> fresh = SqliteStatement::prepare(m_db, sql);
    if (!fresh || m_idle.size() >= 512)
        return fresh; // an error, or a cache that is full of one-off SQL: not kept
    Map scratch;
    scratch.emplace(std::string(sql), fresh->release());
    return SqliteStatement(m_db, this, scratch.extract(scratch.begin()));
}

void SqliteStatementCache::giveBack(Map::node_type node)
{
    sqlite3_reset(node.mapped());
    sqlite3_clear_bindings(node.mapped());
    const auto result = m_idle.insert(std::move(node));
    if (!result.inserted)
        sqlite3_finalize(result.node.mapped()); // the same SQL came back first
}

} // namespace Tenantry::Server
