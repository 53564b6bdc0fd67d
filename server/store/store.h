#pragma once

#include "core/result.h"
#include "server/store/storetransaction.h"

#include <memory>

namespace Tenantry::Server {

// The control plane's persistent state. SqliteStore is the embedded default; a PostgreSQL
// store implements the same interface. Thread-safe: any thread may begin transactions.
class Store
{
public:
    enum class Mode { Read, Write };

    virtual ~Store() = default;

    // Write transactions are serialised by the store; read transactions see a consistent
    // snapshot and run concurrently with each other and with a writer.
    virtual Result<std::unique_ptr<StoreTransaction>> begin(Mode mode) = 0;

    // True once migrations have run and the store answers queries.
    virtual bool isReady() const = 0;
};

} // namespace Tenantry::Server
