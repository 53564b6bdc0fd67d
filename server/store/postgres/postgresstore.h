#pragma once

#include "server/store/postgres/postgresconnection.h"
#include "server/store/store.h"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace Tenantry::Server {

struct PostgresStoreOptions
{
    // libpq connection URIs ("postgresql://user:password@host:port/database"). `uri` is the
    // server's runtime role (neither owner, superuser nor BYPASSRLS); `ownerUri` the schema
    // owner's, used only to migrate (empty: migrate through `uri`, for a role that owns the
    // schema itself). Never logged: they may hold passwords.
    std::string uri;
    std::string ownerUri;
    std::size_t poolSize = 16; // connections at most; opened on demand
    std::chrono::milliseconds acquireTimeout{10'000};
};

// The store on PostgreSQL (libpq), pool model: all tenants share the tables, and row-level
// security keeps a tenant-scoped transaction to its tenant's rows (docs/tenancy.md).
//
// Transactions take a connection from a fixed-size pool (waiting up to acquireTimeout for one
// to come back) and give it back when they end. Reads run at REPEATABLE READ READ ONLY: one
// snapshot, as SQLite's read transactions. Writes run at READ COMMITTED and lock the rows they
// read by key (SELECT … FOR UPDATE), so that a read-then-write (a version check, then the
// update) sees the newest committed row and no concurrent writer slips in between: what SQLite
// gives by serialising writers, without serialising writers on different rows. A unique key
// taken by a concurrent writer is a "conflict", as on SQLite. Commits are durable when
// PostgreSQL's synchronous_commit is on (its default).
class PostgresStore final : public Store
{
public:
    static Result<std::unique_ptr<PostgresStore>> open(const PostgresStoreOptions &options);
    ~PostgresStore() override;

    // The staff path: sees every tenant (sets app.scope = 'staff' for the transaction). Every
    // route of the control-plane API but the tenant-key routes (/v1/tenant/…) is a staff request.
    Result<std::unique_ptr<StoreTransaction>> begin(Mode mode) override;
    // The tenant path: sets app.tenant_id for the transaction only; row-level security hides
    // (and refuses writes to) every other tenant's rows and all staff-only tables.
    Result<std::unique_ptr<StoreTransaction>> beginForTenant(Mode mode,
                                                             const std::string &tenantId) override;
    bool isReady() const override { return true; }
    TenantMover *tenantMover() override { return m_mover.get(); }

    int schemaVersion() const { return m_schemaVersion; }

    // A pooled connection, waiting up to acquireTimeout; give it back with release().
    Result<std::unique_ptr<PostgresConnection>> acquire();
    // Rolls back what is left open; a broken connection is closed (the pool opens another).
    void release(std::unique_ptr<PostgresConnection> connection);

private:
    explicit PostgresStore(PostgresStoreOptions options);

    Result<std::unique_ptr<StoreTransaction>> start(Mode mode, const std::string *tenantId);

    PostgresStoreOptions m_options;
    int m_schemaVersion = 0;
    std::mutex m_mutex;
    std::condition_variable m_returned;
    std::vector<std::unique_ptr<PostgresConnection>> m_idle;
    std::size_t m_open = 0; // idle and lent out
    std::shared_ptr<const PostgresConnection::ConstraintColumns> m_constraintColumns;
    std::unique_ptr<TenantMover> m_mover;
};

} // namespace Tenantry::Server
