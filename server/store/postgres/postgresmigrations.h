#pragma once

#include "core/result.h"

#include <string>
#include <string_view>
#include <vector>

namespace Tenantry::Server {

class PostgresConnection;

// The tenant-scoped tables a silo holds (everything of one tenant but its `tenants` row, which
// stays in the pool: it is where its placement is recorded).
inline constexpr std::string_view kSiloTables[] = {"tenant_notes",
                                                   "feature_overrides",
                                                   "tenant_users",
                                                   "tenant_api_keys",
                                                   "subscriptions",
                                                   "mrr_events",
                                                   "invoices",
                                                   "audit_events"};

struct PostgresMigration
{
    int version;
    std::string_view description;
    std::string sql;
};

// The PostgreSQL schema, oldest first: the tables of the SQLite store (sqlitemigrations.cpp)
// in PostgreSQL's dialect, then what only PostgreSQL has (row-level security).
const std::vector<PostgresMigration> &postgresMigrations();

// Brings the database up to the newest version and returns it. Runs on a connection of the
// schema owner, in one transaction under an advisory lock: of many servers starting at once,
// one migrates and the others wait, then find nothing left to do. When `runtimeRole` is set
// (and is not the owner), grants it what the server needs: data access, not DDL.
Result<int> applyPostgresMigrations(PostgresConnection &owner, const std::string &runtimeRole);

} // namespace Tenantry::Server
