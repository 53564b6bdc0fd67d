#include "client/jobrecordjob.h"

#include "client/apicodecs.h"

#include <QJsonDocument>
#include <QJsonObject>

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

MoveTenantJob::MoveTenantJob(ApiClient *client,
                             const QString &tenantId,
                             const QString &target,
                             QObject *parent)
    : JobRecordJob(client,
                   QByteArrayLiteral("POST"),
                   QStringLiteral("/v1/tenants/") + segment(tenantId) + QStringLiteral("/move"),
                   Idempotency::Key,
                   parent)
{
    setBody(QJsonDocument(QJsonObject{{QStringLiteral("target"), target}})
                .toJson(QJsonDocument::Compact));
}

ResumeTenantMoveJob::ResumeTenantMoveJob(ApiClient *client, const QString &jobId, QObject *parent)
    : JobRecordJob(client,
                   QByteArrayLiteral("POST"),
                   QStringLiteral("/v1/jobs/") + segment(jobId) + QStringLiteral("/resume"),
                   Idempotency::Key,
                   parent)
{}

RollbackTenantMoveJob::RollbackTenantMoveJob(ApiClient *client,
                                             const QString &jobId,
                                             QObject *parent)
    : JobRecordJob(client,
                   QByteArrayLiteral("POST"),
                   QStringLiteral("/v1/jobs/") + segment(jobId) + QStringLiteral("/rollback"),
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
