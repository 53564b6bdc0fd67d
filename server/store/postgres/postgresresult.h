#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

struct pg_result;

namespace Tenantry::Server {

// The rows of one libpq result, in text format. Owns the PGresult.
class PostgresResult
{
public:
    explicit PostgresResult(pg_result *result);

    // True for a command or query that succeeded (PGRES_COMMAND_OK, PGRES_TUPLES_OK).
    bool isOk() const;
    const pg_result *raw() const { return m_result.get(); }

    int rows() const;
    // Rows changed by an INSERT, UPDATE or DELETE.
    std::int64_t affectedRows() const;

    bool isNull(int row, int column) const;
    std::string text(int row, int column) const;
    std::int64_t integer(int row, int column) const; // 0 for NULL or non-numeric text
    std::optional<std::string> optionalText(int row, int column) const;
    std::optional<std::int64_t> optionalInteger(int row, int column) const;

private:
    struct Deleter
    {
        void operator()(pg_result *result) const;
    };
    std::unique_ptr<pg_result, Deleter> m_result;
};

// One row of a PostgresResult, read by column the way SqliteStatement reads the current row.
class PostgresRow
{
public:
    PostgresRow(const PostgresResult &result, int row)
        : m_result(&result)
        , m_row(row)
    {}

    std::string text(int column) const { return m_result->text(m_row, column); }
    std::int64_t integer(int column) const { return m_result->integer(m_row, column); }
    std::optional<std::string> optionalText(int column) const
    {
        return m_result->optionalText(m_row, column);
    }
    std::optional<std::int64_t> optionalInteger(int column) const
    {
        return m_result->optionalInteger(m_row, column);
    }

private:
    const PostgresResult *m_result;
    int m_row;
};

} // namespace Tenantry::Server
