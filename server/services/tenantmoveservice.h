#pragma once

#include "server/api/apicontext.h"
#include "server/api/apihelpers.h"
#include "server/api/principal.h"
#include "server/jobs/jobrunner.h"
#include "server/jobs/jobservice.h"

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

namespace Tenantry::Server {

// Moving a tenant between the pool and a silo (docs/tenancy.md, "Moves"): POST
// /v1/tenants/{id}/move queues a job of type tenant.move, which the JobRunner runs through the
// store's TenantMover; POST /v1/jobs/{id}/resume and …/rollback act on one that stopped. All
// three need tenants.delete (owners and admins: a tenant's lifecycle). On SQLite, which has no
// silo, each answers 409 moves_need_postgresql.
class TenantMoveService
{
public:
    static constexpr std::string_view JobType = "tenant.move";

    // `wake` nudges the JobRunner after a job was queued again; a running job whose heartbeat
    // is older than `staleAfter` belongs to a process that died (JobRunner::Options).
    TenantMoveService(ApiContext &context,
                      const JobService &jobs,
                      std::function<void()> wake,
                      std::chrono::milliseconds staleAfter)
        : m_context(context)
        , m_jobs(jobs)
        , m_wake(std::move(wake))
        , m_staleAfter(staleAfter)
    {}

    // 404 for an unknown tenant, 409 already_placed when it is in `target` already,
    // tenant_deleted for a deleted one.
    Outcome<JobRecord> start(const Principal &actor,
                             const std::string &requestId,
                             const std::string &tenantId,
                             Isolation target) const;
    // Queues the move again: one that failed (e.g. verify_failed), or that a dead process left
    // running. 409 job_running while it runs, job_finished once it ended.
    Outcome<JobRecord> resume(const Principal &actor,
                              const std::string &requestId,
                              const std::string &jobId) const;
    // Asks the move to roll back (its run drops the new copy and the tenant stays where it
    // was; the job ends canceled). 409 move_switched once the placement has switched.
    Outcome<JobRecord> rollback(const Principal &actor,
                                const std::string &requestId,
                                const std::string &jobId) const;

    JobRunner::Handler jobHandler() const;

private:
    // The job `jobId` for an update in `store`: 404, or 409 job_not_a_move for another type.
    Outcome<JobRecord> moveJob(StoreTransaction &store,
                               const std::string &requestId,
                               const std::string &jobId) const;
    bool isStale(const JobRecord &job) const;
    // Writes `job` queued again (or as it is), audits `action` and commits.
    Outcome<JobRecord> save(StoreTransaction &store,
                            const Principal &actor,
                            const std::string &requestId,
                            JobRecord job,
                            bool requeue,
                            const std::string &action) const;

    ApiContext &m_context;
    const JobService &m_jobs;
    std::function<void()> m_wake;
    std::chrono::milliseconds m_staleAfter;
};

} // namespace Tenantry::Server
