#include "server/services/tenantmoveservice.h"

#include "server/services/auditwriter.h"
#include "server/services/readtransaction.h"
#include "server/store/ambienttransaction.h"

namespace Tenantry::Server {

namespace {

ApiError needsPostgres()
{
    return ApiError::conflict("moves_need_postgresql",
                              "Moving a tenant between the pool and a silo needs the PostgreSQL "
                              "store (tenantryd --database postgresql://…): the embedded SQLite "
                              "store keeps every tenant in its one file");
}

nlohmann::json reportJson(const std::string &tenantId, const TenantMover::Report &report)
{
    nlohmann::json tables = nlohmann::json::array();
    for (const TenantMover::TableCheck &check : report.tables)
        tables.push_back(
            {{"table", check.table}, {"rows", check.rows}, {"checksum", check.checksum}});
    return {{"tenant_id", tenantId},
            {"source", toString(report.source)},
            {"target", toString(report.target)},
            {"tables", std::move(tables)}};
}

} // namespace

Outcome<JobRecord> TenantMoveService::start(const Principal &actor,
                                            const std::string &requestId,
                                            const std::string &tenantId,
                                            Isolation target) const
{
    if (!m_context.store().tenantMover())
        return needsPostgres();
    Outcome<std::optional<Tenant>> found = inReadTransaction<std::optional<Tenant>>(
        m_context,
        [&](StoreTransaction &store) { return store.tenantById(tenantId); },
        [&](const Error &error) { return m_context.storageFailure(error, requestId); });
    if (failed(found))
        return std::get<ApiError>(found);
    const std::optional<Tenant> &tenant = std::get<0>(found);
    if (!tenant)
        return ApiError::notFound("No tenant " + tenantId, "id");
    if (tenant->status == TenantStatus::Deleted)
        return ApiError::conflict("tenant_deleted", "Tenant " + tenantId + " is deleted");
    if (tenant->isolation == target)
        return ApiError::conflict("already_placed",
                                  "Tenant " + tenantId + " is in the "
                                      + std::string(toString(target)) + " already",
                                  "target");
    // One move of a tenant at a time: a second one would only fail when it starts.
    for (const JobStatus status : {JobStatus::Queued, JobStatus::Running}) {
        JobFilter filter;
        filter.type = std::string(JobType);
        filter.status = status;
        Outcome<Page<JobRecord>> jobs = inReadTransaction<Page<JobRecord>>(
            m_context,
            [&](StoreTransaction &store) {
                return store.listJobs(filter, PageRequest{100, {}});
            },
            [&](const Error &error) { return m_context.storageFailure(error, requestId); });
        if (failed(jobs))
            return std::get<ApiError>(jobs);
        for (const JobRecord &job : std::get<Page<JobRecord>>(jobs).items) {
            const nlohmann::json params = nlohmann::json::parse(job.params, nullptr, false);
            if (params.is_object() && params.value("tenant_id", std::string()) == tenantId)
                return ApiError::conflict("move_in_progress",
                                          "Tenant " + tenantId + " is being moved already (job "
                                              + job.id + ")");
        }
    }
    return m_jobs.enqueue(actor,
                          requestId,
                          std::string(JobType),
                          {{"tenant_id", tenantId}, {"target", toString(target)}});
}

Outcome<JobRecord> TenantMoveService::moveJob(StoreTransaction &store,
                                              const std::string &requestId,
                                              const std::string &jobId) const
{
    Result<std::optional<JobRecord>> found = store.job(jobId);
    if (!found)
        return m_context.storageFailure(found.error(), requestId);
    if (!*found)
        return ApiError::notFound("No job " + jobId, "id");
    if ((*found)->type != JobType)
        return ApiError::conflict("job_not_a_move",
                                  "Only tenant moves (jobs of type tenant.move) can be resumed or "
                                  "rolled back; job "
                                      + jobId + " is a " + (*found)->type);
    if ((*found)->status == JobStatus::Succeeded || (*found)->status == JobStatus::Canceled)
        return ApiError::conflict("job_finished",
                                  "Job " + jobId + " has ended ("
                                      + std::string(toString((*found)->status)) + ")");
    return std::move(**found);
}

bool TenantMoveService::isStale(const JobRecord &job) const
{
    return !job.heartbeatAt
           || m_context.now() - *job.heartbeatAt
                  > std::chrono::duration_cast<std::chrono::microseconds>(m_staleAfter);
}

Outcome<JobRecord> TenantMoveService::save(StoreTransaction &store,
                                           const Principal &actor,
                                           const std::string &requestId,
                                           JobRecord job,
                                           bool requeue,
                                           const std::string &action) const
{
    const nlohmann::json before = jobJson(job);
    const Timestamp now = m_context.now();
    if (requeue) {
        job.status = JobStatus::Queued;
        job.heartbeatAt.reset();
        job.finishedAt.reset();
        job.error.reset();
        job.updatedAt = now;
        if (Status updated = store.updateJob(job); !updated)
            return m_context.storageFailure(updated.error(), requestId);
    }
    const nlohmann::json after = jobJson(job);
    if (Status audited = writeAudit(
            store, actor, requestId, now, {action, "job", job.id, std::nullopt, &before, &after});
        !audited) {
        return m_context.storageFailure(audited.error(), requestId);
    }
    if (Status committed = store.commit(); !committed)
        return m_context.storageFailure(committed.error(), requestId);
    if (m_wake)
        AmbientTransaction::afterEnd(m_wake);
    return job;
}

Outcome<JobRecord> TenantMoveService::resume(const Principal &actor,
                                             const std::string &requestId,
                                             const std::string &jobId) const
{
    if (!m_context.store().tenantMover())
        return needsPostgres();
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return m_context.storageFailure(transaction.error(), requestId);
    Outcome<JobRecord> job = moveJob(**transaction, requestId, jobId);
    if (failed(job))
        return job;
    JobRecord &found = std::get<JobRecord>(job);
    if (found.status == JobStatus::Running && !isStale(found))
        return ApiError::conflict("job_running",
                                  "Job " + jobId + " is running; it goes on by itself");
    const bool requeue = found.status != JobStatus::Queued;
    return save(**transaction, actor, requestId, std::move(found), requeue, "job.resumed");
}

Outcome<JobRecord> TenantMoveService::rollback(const Principal &actor,
                                               const std::string &requestId,
                                               const std::string &jobId) const
{
    TenantMover *mover = m_context.store().tenantMover();
    if (!mover)
        return needsPostgres();
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return m_context.storageFailure(transaction.error(), requestId);
    Outcome<JobRecord> job = moveJob(**transaction, requestId, jobId);
    if (failed(job))
        return job;
    JobRecord &found = std::get<JobRecord>(job);
    if (Status asked = mover->requestRollback(jobId); !asked) {
        if (asked.error().code == "conflict")
            return ApiError::conflict("move_switched",
                                      "The move has switched the tenant's placement already: "
                                      "only its cleanup is left. Move the tenant back with a new "
                                      "move");
        if (asked.error().code != "not_found")
            return m_context.storageFailure(asked.error(), requestId);
        // Nothing recorded: the job has not started moving anything.
        if (found.status == JobStatus::Running && !isStale(found))
            return ApiError::conflict("job_running",
                                      "Job " + jobId
                                          + " is starting; ask again once it shows progress");
        const nlohmann::json before = jobJson(found);
        const Timestamp now = m_context.now();
        found.status = JobStatus::Canceled;
        found.error = "Rolled back before it moved anything";
        found.finishedAt = now;
        found.updatedAt = now;
        if (Status updated = (*transaction)->updateJob(found); !updated)
            return m_context.storageFailure(updated.error(), requestId);
        return save(**transaction, actor, requestId, std::move(found), false, "job.rolled_back");
    }
    // The run does the rollback: the running one between two steps, or the next one.
    const bool requeue = found.status == JobStatus::Failed
                         || (found.status == JobStatus::Running && isStale(found));
    return save(**transaction, actor, requestId, std::move(found), requeue, "job.rollback_requested");
}

JobRunner::Handler TenantMoveService::jobHandler() const
{
    return [this](const JobRunner::Run &run) -> Result<nlohmann::json> {
        TenantMover *mover = m_context.store().tenantMover();
        if (!mover)
            return Error{"failed", "Moving a tenant needs the PostgreSQL store", {}};
        const nlohmann::json params = nlohmann::json::parse(run.job.params, nullptr, false);
        const std::string tenantId = params.is_object() ? params.value("tenant_id", std::string())
                                                        : std::string();
        const std::optional<Isolation> target = isolationFromString(
            params.is_object() ? params.value("target", std::string()) : std::string());
        if (tenantId.empty() || !target || *target == Isolation::Hybrid)
            return Error{"failed", "The job names no tenant or no target (pool or silo)", {}};
        Result<TenantMover::Report> report = mover->run(run.job.id,
                                                        tenantId,
                                                        *target,
                                                        run.progress,
                                                        run.stopping);
        if (report)
            return reportJson(tenantId, *report);
        const Error &error = report.error();
        if (error.code == "interrupted" || error.code == "canceled")
            return error;
        if (error.code == "storage_error") {
            m_context.logError("job " + run.job.id + " (tenant.move): " + error.message);
            return Error{"failed",
                         "The move stopped on a database error (see the server log); resume it "
                         "to go on, or roll it back",
                         {}};
        }
        return Error{"failed", error.message, {}};
    };
}

} // namespace Tenantry::Server
