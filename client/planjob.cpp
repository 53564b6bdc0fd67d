#include "client/planjob.h"

#include "client/apicodecs.h"

namespace Tenantry {

PlanJob::PlanJob(ApiClient *client, QByteArray verb, QString path, QObject *parent)
    : ApiJob(client, std::move(verb), std::move(path), Idempotency::Key, parent)
{}

void PlanJob::handleSuccess(const QByteArray &body)
{
    decodeInBackground<Plan>(body, &ApiCodecs::decodePlan, [this](Plan &&plan) {
        m_plan = std::move(plan);
    });
}

CreatePlanJob::CreatePlanJob(ApiClient *client, const PlanDraft &draft, QObject *parent)
    : PlanJob(client, QByteArrayLiteral("POST"), QStringLiteral("/v1/plans"), parent)
{
    setBody(draft.toJson());
}

UpdatePlanJob::UpdatePlanJob(ApiClient *client,
                             const QString &planId,
                             std::int64_t version,
                             const PlanPatch &patch,
                             QObject *parent)
    : PlanJob(client,
              QByteArrayLiteral("PATCH"),
              QStringLiteral("/v1/plans/") + segment(planId),
              parent)
{
    addHeader(QByteArrayLiteral("If-Match"),
              '"' + QByteArray::number(static_cast<qlonglong>(version)) + '"');
    setBody(patch.toJson());
}

} // namespace Tenantry
