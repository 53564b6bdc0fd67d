#include "client/jobrecordjob.h"

#include "client/apicodecs.h"

namespace Tenantry {

JobRecordJob::JobRecordJob(
    ApiClient *client, QByteArray verb, QString path, Idempotency idempotency, QObject *parent)
    : ApiJob(client, std::move(verb), std::move(path), idempotency, parent)
{}

void JobRecordJob::handleSuccess(const QByteArray &body)
{
    decodeInBackground<JobRecord>(body, &ApiCodecs::decodeJobRecord, [this](JobRecord &&job) {
        m_job = std::move(job);
    });
}

StartReconciliationJob::StartReconciliationJob(ApiClient *client, QObject *parent)
    : JobRecordJob(client,
                   QByteArrayLiteral("POST"),
                   QStringLiteral("/v1/billing/reconcile"),
                   Idempotency::Key,
                   parent)
{}

GetJobRecordJob::GetJobRecordJob(ApiClient *client, const QString &jobId, QObject *parent)
    : JobRecordJob(client,
                   QByteArrayLiteral("GET"),
                   QStringLiteral("/v1/jobs/") + segment(jobId),
                   Idempotency::None,
                   parent)
{}

} // namespace Tenantry
