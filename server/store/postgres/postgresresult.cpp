#include "server/store/postgres/postgresresult.h"

#include <libpq-fe.h>

#include <charconv>
#include <cstdlib>

namespace Tenantry::Server {

void PostgresResult::Deleter::operator()(pg_result *result) const
{
    PQclear(result);
}

PostgresResult::PostgresResult(pg_result *result)
    : m_result(result)
{}

bool PostgresResult::isOk() const
{
    const ExecStatusType status = PQresultStatus(m_result.get());
    return m_result && (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK);
}

int PostgresResult::rows() const
{
    return PQntuples(m_result.get());
}

std::int64_t PostgresResult::affectedRows() const
{
    const char *count = PQcmdTuples(m_result.get());
    std::int64_t value = 0;
    if (count && *count)
        std::from_chars(count, count + std::char_traits<char>::length(count), value);
    return value;
}

bool PostgresResult::isNull(int row, int column) const
{
    return PQgetisnull(m_result.get(), row, column) != 0;
}

std::string PostgresResult::text(int row, int column) const
{
    return {PQgetvalue(m_result.get(), row, column),
            static_cast<std::size_t>(PQgetlength(m_result.get(), row, column))};
}

std::int64_t PostgresResult::integer(int row, int column) const
{
    const char *data = PQgetvalue(m_result.get(), row, column);
    const int length = PQgetlength(m_result.get(), row, column);
    std::int64_t value = 0;
    std::from_chars(data, data + length, value);
    return value;
}

std::optional<std::string> PostgresResult::optionalText(int row, int column) const
{
    if (isNull(row, column))
        return std::nullopt;
    return text(row, column);
}

std::optional<std::int64_t> PostgresResult::optionalInteger(int row, int column) const
{
    if (isNull(row, column))
        return std::nullopt;
    return integer(row, column);
}

} // namespace Tenantry::Server
