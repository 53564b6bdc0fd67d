#pragma once

#include "server/store/tenantmover.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

namespace Tenantry::Server {

class PostgresConnection;
class PostgresStore;

// TenantMover on PostgreSQL: silo schemas "tenant_<id>" created, linked (INHERIT) and dropped
// through the SECURITY DEFINER functions of migration 6, the move's state in tenant_moves, the
// write block through the trigger tenant_moving (postgresmigrations.cpp, siloSchema()).
//
// pool -> silo: copy each table's rows of the tenant from the pool table (ONLY) into the new
// silo table, verify, then switch in one transaction: delete the tenant's pool rows, link the
// silo tables to the pool tables, set the placement. silo -> pool: copy each silo table into a
// staging schema "tenant_<id>_move" (not linked: staff reads do not see it), verify, then
// switch: insert the staged rows into the pool tables, unlink the silo, set the placement;
// cleanup drops the silo and the staging schema. The switch compares the rows it deleted or
// inserted per table with the verified counts and rolls back on any difference.
//
// Its transactions run in the staff scope with app.moving_tenant set to the tenant, which lets
// them write to it while the trigger refuses everyone else.
class PostgresTenantMover final : public TenantMover
{
public:
    explicit PostgresTenantMover(PostgresStore &store)
        : m_store(store)
    {}

    Result<Report> run(const std::string &jobId,
                       const std::string &tenantId,
                       Isolation target,
                       const Progress &progress,
                       const std::atomic<bool> &stopping) override;
    Status requestRollback(const std::string &jobId) override;
    void setStepDelay(std::chrono::milliseconds delay) override { m_stepDelay = delay.count(); }

private:
    PostgresStore &m_store;
    std::atomic<std::int64_t> m_stepDelay = 0; // milliseconds
};

} // namespace Tenantry::Server
