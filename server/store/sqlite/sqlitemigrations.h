#pragma once

#include "core/result.h"

#include <string_view>
#include <vector>

struct sqlite3;

namespace Tenantry::Server {

// The schema as an ordered list of versioned migrations. Each runs once, in its own transaction,
// recorded in schema_migrations; start-up applies the ones a database has not seen yet. A
// migration is never edited after release: changes come as new versions.
struct SqliteMigration
{
    int version;
    std::string_view description;
    std::string_view sql;
};

const std::vector<SqliteMigration> &sqliteMigrations();

// Applies the pending migrations; returns the schema version reached.
Result<int> applySqliteMigrations(sqlite3 *db);

} // namespace Tenantry::Server
