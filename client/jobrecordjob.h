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

// GET /v1/jobs/{id}: the job's status and progress now.
class GetJobRecordJob : public JobRecordJob
{
    Q_OBJECT

public:
    GetJobRecordJob(ApiClient *client, const QString &jobId, QObject *parent = nullptr);
};

} // namespace Tenantry
