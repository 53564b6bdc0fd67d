#pragma once

#include "core/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace Tenantry::Server {

class SqliteStatementCache;

// SQL text -> prepared statement, as SqliteStatementCache keeps them (looked up by
// string_view without a copy).
struct SqliteSqlHash
{
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept
    {
        return std::hash<std::string_view>{}(text);
    }
};
using SqliteStatementMap = std::
    unordered_map<std::string, sqlite3_stmt *, SqliteSqlHash, std::equal_to<>>;

// A prepared SQLite statement: bind by position (1-based), step, read columns (0-based).
// Owns the sqlite3_stmt, or borrows it from a SqliteStatementCache and gives it back. Errors become Error{"storage_error"} or, for unique and primary key
// violations, Error{"conflict"} naming the column in Error::path.
class SqliteStatement
{
public:
    static Result<SqliteStatement> prepare(sqlite3 *db, std::string_view sql);

    SqliteStatement(SqliteStatement &&other) noexcept;
    SqliteStatement &operator=(SqliteStatement &&other) noexcept;
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;
    ~SqliteStatement();

    void bind(int index, std::int64_t value);
    void bind(int index, std::string_view value);
    void bind(int index, const std::string &value) { bind(index, std::string_view(value)); }
    void bind(int index, const std::optional<std::string> &value);
    void bind(int index, const std::optional<std::int64_t> &value);
    void bindNull(int index);
    void bindBlob(int index, std::string_view bytes);

    // true: a row is available; false: done. Error on failure.
    Result<bool> step();
    Status execute(); // steps to completion

    std::int64_t integer(int column) const;
    std::string text(int column) const;
    std::optional<std::string> optionalText(int column) const;
    std::optional<std::int64_t> optionalInteger(int column) const;
    std::string blob(int column) const; // the bytes of a BLOB (or TEXT) column

    // Gives up ownership of an uncached statement (for the cache to keep).
    sqlite3_stmt *release();

private:
    friend class SqliteStatementCache;

    SqliteStatement(sqlite3 *db, sqlite3_stmt *statement)
        : m_db(db)
        , m_statement(statement)
    {}
    SqliteStatement(sqlite3 *db, SqliteStatementCache *cache, SqliteStatementMap::node_type node);

    Error error(int code) const;
    void finish(); // finalizes, or returns the statement to its cache

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    SqliteStatementCache *m_cache = nullptr;
    SqliteStatementMap::node_type m_node; // the cache entry while borrowed
};

} // namespace Tenantry::Server
