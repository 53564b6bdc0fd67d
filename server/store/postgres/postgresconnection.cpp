#include "server/store/postgres/postgresconnection.h"

#include <libpq-fe.h>

namespace Tenantry::Server {

namespace {

std::string trimmed(std::string text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    return text;
}

// "Key (tenant_id, email)=(ten_1, a@b.c) already exists." -> "email"
std::string lastKeyColumn(const char *detail)
{
    if (!detail)
        return {};
    const std::string text(detail);
    const auto open = text.find('(');
    const auto close = text.find(')', open == std::string::npos ? 0 : open);
    if (open == std::string::npos || close == std::string::npos)
        return {};
    std::string columns = text.substr(open + 1, close - open - 1);
    if (const auto comma = columns.rfind(','); comma != std::string::npos)
        columns = columns.substr(comma + 1);
    while (!columns.empty() && columns.front() == ' ')
        columns.erase(columns.begin());
    return columns;
}

} // namespace

std::string numberPlaceholders(std::string_view sql)
{
    std::string numbered;
    numbered.reserve(sql.size() + 16);
    int next = 1;
    for (const char c : sql) {
        if (c == '?')
            numbered += '$' + std::to_string(next++);
        else
            numbered += c;
    }
    return numbered;
}

Result<std::unique_ptr<PostgresConnection>> PostgresConnection::open(const std::string &uri)
{
    PGconn *connection = PQconnectdb(uri.c_str());
    if (!connection)
        return Error{"storage_error", "cannot connect to PostgreSQL: out of memory", {}};
    if (PQstatus(connection) != CONNECTION_OK) {
        // libpq's message names host and port, never the password.
        const std::string message = trimmed(PQerrorMessage(connection));
        PQfinish(connection);
        return Error{"storage_error", "cannot connect to PostgreSQL: " + message, {}};
    }
    return std::unique_ptr<PostgresConnection>(new PostgresConnection(connection));
}

PostgresConnection::~PostgresConnection()
{
    PQfinish(m_connection);
}

bool PostgresConnection::isHealthy() const
{
    return PQstatus(m_connection) == CONNECTION_OK;
}

bool PostgresConnection::isIdle() const
{
    return PQtransactionStatus(m_connection) == PQTRANS_IDLE;
}

std::string PostgresConnection::errorMessage() const
{
    return trimmed(PQerrorMessage(m_connection));
}

Error PostgresConnection::errorOf(const pg_result *result) const
{
    const char *state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const std::string message = result ? trimmed(PQresultErrorMessage(result)) : errorMessage();
    const std::string sqlState = state ? state : "";
    if (sqlState == "23505") {
        std::string column = lastKeyColumn(PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL));
        const char *constraint = PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME);
        if (column.empty() && constraint && m_constraintColumns) {
            if (const auto found = m_constraintColumns->find(constraint);
                found != m_constraintColumns->end())
                column = found->second;
        }
        return Error{"conflict", message, column};
    }
    // Raised by the trigger tenant_moving (PostgreSQL migration 6): a write to a tenant that a
    // move has blocked.
    if (sqlState == "TM001")
        return Error{"tenant_moving", message, {}};
    if (sqlState == "40001" || sqlState == "40P01")
        return Error{"serialization_failure", message, {}};
    return Error{"storage_error", message.empty() ? std::string("PostgreSQL failed") : message, {}};
}

Result<PostgresResult> PostgresConnection::execute(std::string_view sql,
                                                   const std::vector<PostgresValue> &values)
{
    std::string key(sql);
    auto prepared = m_prepared.find(key);
    if (prepared == m_prepared.end()) {
        std::string name = "s" + std::to_string(m_prepared.size() + 1);
        const std::string numbered = numberPlaceholders(sql);
        const PostgresResult done(
            PQprepare(m_connection, name.c_str(), numbered.c_str(), 0, nullptr));
        if (!done.isOk()) {
            Error error = errorOf(done.raw());
            error.message += " (preparing: " + numbered + ")";
            return error;
        }
        prepared = m_prepared.emplace(std::move(key), std::move(name)).first;
    }

    std::vector<std::string> texts(values.size());
    std::vector<const char *> parameters(values.size(), nullptr);
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (const auto *integer = std::get_if<std::int64_t>(&values[i])) {
            texts[i] = std::to_string(*integer);
            parameters[i] = texts[i].c_str();
        } else if (const auto *text = std::get_if<std::string>(&values[i])) {
            parameters[i] = text->c_str();
        }
    }
    PostgresResult result(PQexecPrepared(m_connection,
                                         prepared->second.c_str(),
                                         static_cast<int>(parameters.size()),
                                         parameters.data(),
                                         nullptr,
                                         nullptr,
                                         0));
    if (!result.isOk())
        return errorOf(result.raw());
    return result;
}

Status PostgresConnection::run(std::string_view sql)
{
    PostgresResult result(PQexec(m_connection, std::string(sql).c_str()));
    if (!result.isOk())
        return errorOf(result.raw());
    return Ok{};
}

} // namespace Tenantry::Server
