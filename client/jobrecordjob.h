#pragma once

#include "client/apijob.h"
#include "client/jobrecord.h"

#include <optional>

namespace Tenantry {

// The jobs whose answer is a background job of the server.
class JobRecordJob : public ApiJob
{
    Q_OBJECT

public:
    // After success only.
    const JobRecord &job() const { return *m_job; }

protected:
    JobRecordJob(
        ApiClient *client, QByteArray verb, QString path, Idempotency idempotency, QObject *parent);
    void handleSuccess(const QByteArray &body) override;

private:
    std::optional<JobRecord> m_job;
};

// POST /v1/billing/reconcile (billing.write): starts a reconciliation (202, the job queued).
// Poll GetJobRecordJob until the job isFinished(), then list its drift (ListBillingDriftJob).
class StartReconciliationJob : public JobRecordJob
{
    Q_OBJECT

public:
    explicit StartReconciliationJob(ApiClient *client, QObject *parent = nullptr);
};

// POST /v1/tenants/{id}/move (tenants.delete): starts moving the tenant's rows to `target`
// ("pool" or "silo"); 202 with the tenant.move job queued. Poll GetJobRecordJob until it
// isFinished(). 409 `moves_need_postgresql` on a server with the SQLite store.
class MoveTenantJob : public JobRecordJob
{
    Q_OBJECT

public:
    MoveTenantJob(ApiClient *client,
                  const QString &tenantId,
                  const QString &target,
                  QObject *parent = nullptr);
};

// POST /v1/jobs/{id}/resume (tenants.delete): queues a failed or stalled tenant move again from
// the step it reached; 202 with the job.
class ResumeTenantMoveJob : public JobRecordJob
{
    Q_OBJECT

public:
    ResumeTenantMoveJob(ApiClient *client, const QString &jobId, QObject *parent = nullptr);
};

// POST /v1/jobs/{id}/rollback (tenants.delete): abandons a tenant move that has not switched
// yet; its run drops the copy and ends the job `canceled`. 202 with the job.
class RollbackTenantMoveJob : public JobRecordJob
{
    Q_OBJECT

public:
    RollbackTenantMoveJob(ApiClient *client, const QString &jobId, QObject *parent = nullptr);
};

// GET /v1/jobs/{id}: the job's status and progress now.
class GetJobRecordJob : public JobRecordJob
{
    Q_OBJECT

public:
    GetJobRecordJob(ApiClient *client, const QString &jobId, QObject *parent = nullptr);
};

} // namespace Tenantry
