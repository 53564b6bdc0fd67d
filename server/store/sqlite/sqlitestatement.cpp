#include "server/store/sqlite/sqlitestatement.h"

#include "server/store/sqlite/sqlitestatementcache.h"

#include <sqlite3.h>

#include <utility>

namespace Tenantry::Server {

Result<SqliteStatement> SqliteStatement::prepare(sqlite3 *db, std::string_view sql)
{
    sqlite3_stmt *statement = nullptr;
    const int code = sqlite3_prepare_v2(db,
                                        sql.data(),
                                        static_cast<int>(sql.size()),
                                        &statement,
                                        nullptr);
    if (code != SQLITE_OK) {
        return Error{"storage_error",
                     std::string("prepare failed: ") + sqlite3_errmsg(db)
                         + " in: " + std::string(sql),
                     {}};
    }
    return SqliteStatement(db, statement);
}

SqliteStatement::SqliteStatement(sqlite3 *db,
                                 SqliteStatementCache *cache,
                                 SqliteStatementMap::node_type node)
    : m_db(db)
    , m_statement(node.mapped())
    , m_cache(cache)
    , m_node(std::move(node))
{}

SqliteStatement::SqliteStatement(SqliteStatement &&other) noexcept
    : m_db(other.m_db)
    , m_statement(std::exchange(other.m_statement, nullptr))
    , m_cache(std::exchange(other.m_cache, nullptr))
    , m_node(std::move(other.m_node))
{}

SqliteStatement &SqliteStatement::operator=(SqliteStatement &&other) noexcept
{
    if (this != &other) {
        finish();
        m_db = other.m_db;
        m_statement = std::exchange(other.m_statement, nullptr);
        m_cache = std::exchange(other.m_cache, nullptr);
        m_node = std::move(other.m_node);
    }
    return *this;
}

SqliteStatement::~SqliteStatement()
{
    finish();
}

void SqliteStatement::finish()
{
    if (m_cache && !m_node.empty())
        m_cache->giveBack(std::move(m_node));
    else
        sqlite3_finalize(m_statement);
    m_statement = nullptr;
    m_cache = nullptr;
}

sqlite3_stmt *SqliteStatement::release()
{
    return std::exchange(m_statement, nullptr);
}

void SqliteStatement::bind(int index, std::int64_t value)
{
    sqlite3_bind_int64(m_statement, index, value);
}

void SqliteStatement::bind(int index, std::string_view value)
{
    sqlite3_bind_text(m_statement,
                      index,
                      value.data(),
                      static_cast<int>(value.size()),
                      SQLITE_TRANSIENT);
}

void SqliteStatement::bind(int index, const std::optional<std::string> &value)
{
    if (value)
        bind(index, std::string_view(*value));
    else
        bindNull(index);
}

void SqliteStatement::bind(int index, const std::optional<std::int64_t> &value)
{
    if (value)
        bind(index, *value);
    else
        bindNull(index);
}

void SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_statement, index);
}

Result<bool> SqliteStatement::step()
{
    const int code = sqlite3_step(m_statement);
    if (code == SQLITE_ROW)
        return true;
    if (code == SQLITE_DONE)
        return false;
    return error(code);
}

Status SqliteStatement::execute()
{
    for (;;) {
        Result<bool> row = step();
        if (!row)
            return row.error();
        if (!*row)
            return Ok{};
    }
}

std::int64_t SqliteStatement::integer(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

void SqliteStatement::bindBlob(int index, std::string_view bytes)
{
    sqlite3_bind_blob64(m_statement,
                        index,
                        bytes.data(),
                        static_cast<sqlite3_uint64>(bytes.size()),
                        SQLITE_TRANSIENT);
}

std::string SqliteStatement::blob(int column) const
{
    const void *data = sqlite3_column_blob(m_statement, column);
    const int size = sqlite3_column_bytes(m_statement, column);
    if (!data || size <= 0)
        return {};
    return {static_cast<const char *>(data), static_cast<std::size_t>(size)};
}

std::string SqliteStatement::text(int column) const
{
    const auto *data = sqlite3_column_text(m_statement, column);
    const int size = sqlite3_column_bytes(m_statement, column);
    if (!data)
        return {};
    return {reinterpret_cast<const char *>(data), static_cast<std::size_t>(size)};
}

std::optional<std::string> SqliteStatement::optionalText(int column) const
{
    if (sqlite3_column_type(m_statement, column) == SQLITE_NULL)
        return std::nullopt;
    return text(column);
}

std::optional<std::int64_t> SqliteStatement::optionalInteger(int column) const
{
    if (sqlite3_column_type(m_statement, column) == SQLITE_NULL)
        return std::nullopt;
    return integer(column);
}

Error SqliteStatement::error(int code) const
{
    const std::string message = sqlite3_errmsg(m_db);
    const int extended = sqlite3_extended_errcode(m_db);
    if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
        // "UNIQUE constraint failed: tenants.slug" -> "slug"
        std::string column;
        if (const auto dot = message.rfind('.'); dot != std::string::npos)
            column = message.substr(dot + 1);
        return Error{"conflict", message, column};
    }
    return Error{"storage_error", message + " (" + sqlite3_errstr(code) + ")", {}};
}

} // namespace Tenantry::Server
