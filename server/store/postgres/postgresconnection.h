#pragma once

#include "core/result.h"
#include "server/store/postgres/postgresresult.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

struct pg_conn;

namespace Tenantry::Server {

// A parameter of a statement: NULL, an integer or text (sent in text format).
using PostgresValue = std::variant<std::monostate, std::int64_t, std::string>;

// One libpq connection and the statements prepared on it. Statements are written with `?`
// placeholders, as for SQLite (none of them has a `?` inside a literal), and numbered $1, $2, …
// here; each distinct text is prepared once per connection (PQprepare) and then executed with
// PQexecPrepared. Used by one thread at a time.
//
// Errors: "conflict" for a unique violation (SQLSTATE 23505) with Error::path naming the last
// column of the violated key (as SQLite's "UNIQUE constraint failed: t.a, t.b" names b);
// "serialization_failure" for 40001 and 40P01 (the transaction may be retried as a whole);
// "storage_error" for everything else. Messages are for the server log: they may contain
// values of rows, never the connection URI or its password.
class PostgresConnection
{
public:
    static Result<std::unique_ptr<PostgresConnection>> open(const std::string &uri);
    ~PostgresConnection();
    PostgresConnection(const PostgresConnection &) = delete;
    PostgresConnection &operator=(const PostgresConnection &) = delete;

    // Runs `sql` with `values` (prepared on first use).
    Result<PostgresResult> execute(std::string_view sql, const std::vector<PostgresValue> &values);
    // Runs one or more statements without parameters (simple query protocol).
    Status run(std::string_view sql);

    // The last column of each unique key, by constraint name: a unique violation names its
    // constraint, but on a table with row-level security PostgreSQL leaves out the detail that
    // names the columns (it would show values). PostgresStore reads the catalog once.
    using ConstraintColumns = std::unordered_map<std::string, std::string>;
    void setConstraintColumns(std::shared_ptr<const ConstraintColumns> columns)
    {
        m_constraintColumns = std::move(columns);
    }

    // False once the connection broke; the pool then replaces it.
    bool isHealthy() const;
    // True when no transaction is open (PQTRANS_IDLE).
    bool isIdle() const;
    std::string errorMessage() const;

private:
    explicit PostgresConnection(pg_conn *connection)
        : m_connection(connection)
    {}

    Error errorOf(const pg_result *result) const;

    pg_conn *m_connection;
    std::unordered_map<std::string, std::string> m_prepared; // statement text -> name
    std::shared_ptr<const ConstraintColumns> m_constraintColumns;
};

// `sql` with its `?` placeholders numbered $1, $2, …
std::string numberPlaceholders(std::string_view sql);

} // namespace Tenantry::Server
