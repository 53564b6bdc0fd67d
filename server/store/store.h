#pragma once

#include "core/result.h"
#include "server/store/storetransaction.h"
#include "server/store/tenantmover.h"

#include <memory>
#include <string>

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

    // A transaction for one tenant's own requests (tenant API keys). PostgreSQL: app.tenant_id
    // is set for the transaction and row-level security hides (and refuses writes to) every
    // other tenant's rows and the staff-only tables, whatever the query. SQLite has no
    // row-level security: this is begin(), and the code that uses it passes only the key's
    // tenant to the store (docs/tenancy.md, "Tenant API keys").
    virtual Result<std::unique_ptr<StoreTransaction>>
    beginForTenant(Mode mode, const std::string &tenantId) = 0;

    // True once migrations have run and the store answers queries.
    virtual bool isReady() const = 0;

    // What moves tenants between the pool and their silos; nullptr when the store has no silos
    // (SQLite).
    virtual TenantMover *tenantMover() { return nullptr; }

    // True when write transactions committed in a DeferredCommits scope are acknowledged before
    // they are durable and reported later (SQLite with group commit); then flushDeferred()
    // makes whatever such a scope left pending durable now. See WriteLane.
    virtual bool defersCommits() const { return false; }
    virtual Status flushDeferred() { return Ok{}; }
};

} // namespace Tenantry::Server
