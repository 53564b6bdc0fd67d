#pragma once

#include "core/result.h"
#include "server/store/storetransaction.h"

#include <memory>

namespace Tenantry::Server {

// The control plane's persistent state. SqliteStore is the embedded default; PostgresStore
// implements the same interface on PostgreSQL. Thread-safe: any thread may begin transactions.
class Store
{
public:
    enum class Mode { Read, Write };

    virtual ~Store() = default;

    // Write transactions behave as if serialised: a row a write transaction reads by key is the
    // newest committed one and stays as read until it commits (SQLite runs one writer at a time;
    // PostgreSQL locks the rows and keys read, see PostgresStore). Read transactions see a
    // consistent snapshot and run concurrently with each other and with writers.
    virtual Result<std::unique_ptr<StoreTransaction>> begin(Mode mode) = 0;

    // True once migrations have run and the store answers queries.
    virtual bool isReady() const = 0;
};

} // namespace Tenantry::Server
