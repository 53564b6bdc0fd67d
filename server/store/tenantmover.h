#pragma once

#include "core/result.h"
#include "core/tenant.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace Tenantry::Server {

// Moves one tenant's rows between the pool and its silo (docs/tenancy.md, "Moves"). Only the
// PostgreSQL store has one (Store::tenantMover()); on SQLite there is no silo.
//
// A move runs in steps, each recorded in the store before the next begins, so that a run that
// stops (a restart, kill -9) is taken up where it stopped: copy (one table at a time), verify
// (row count and checksum of each table, source against copy), switch (the placement, in one
// transaction), cleanup (the old copy). From the moment it is recorded until the switch,
// writes to the tenant are refused ("tenant_moving"); reads go on from the old placement.
class TenantMover
{
public:
    using Progress = std::function<void(std::int64_t done, std::int64_t total)>;

    struct TableCheck
    {
        std::string table;
        std::int64_t rows = 0;
        std::string checksum; // md5 of the table's rows of the tenant, in order
    };
    struct Report
    {
        Isolation source = Isolation::Pool;
        Isolation target = Isolation::Pool;
        std::vector<TableCheck> tables; // empty when the tenant was there already
    };

    virtual ~TenantMover() = default;

    // Runs the move that job `jobId` stands for, from the step a previous run of it reached.
    // Errors: "interrupted" (`stopping` seen between steps: run again to go on), "canceled"
    // (rolled back as asked: the tenant stays where it was), "conflict" (another move of the
    // tenant is in progress), "not_found" (no such tenant), "verify_failed" (a copy differs
    // from its source: run again to copy anew, or roll back), "storage_error".
    virtual Result<Report> run(const std::string &jobId,
                               const std::string &tenantId,
                               Isolation target,
                               const Progress &progress,
                               const std::atomic<bool> &stopping)
        = 0;

    // Asks the move of job `jobId` to roll back; its run does it (the running one between two
    // steps, or the next one). "not_found": no move of that job is in progress; "conflict": it
    // has switched already (only its cleanup is left; move back with a new move).
    virtual Status requestRollback(const std::string &jobId) = 0;

    // Tests only: a pause after every step (copying or verifying one table, switching), so that
    // a test can act while a move is in progress.
    virtual void setStepDelay(std::chrono::milliseconds delay) = 0;
};

} // namespace Tenantry::Server
