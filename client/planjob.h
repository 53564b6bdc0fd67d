#pragma once

#include "client/apijob.h"
#include "client/plandraft.h"
#include "core/plan.h"

#include <optional>

namespace Tenantry {

// The jobs whose answer is one plan. plan().version is the ETag to send back as If-Match.
class PlanJob : public ApiJob
{
    Q_OBJECT

public:
    // After success only.
    const Plan &plan() const { return *m_plan; }

protected:
    PlanJob(ApiClient *client, QByteArray verb, QString path, QObject *parent);
    void handleSuccess(const QByteArray &body) override;

private:
    std::optional<Plan> m_plan;
};

// POST /v1/plans (plans.write). start() again after a failure retries with the same
// Idempotency-Key, so a lost answer never creates a second plan. A taken key is a 409.
class CreatePlanJob : public PlanJob
{
    Q_OBJECT

public:
    CreatePlanJob(ApiClient *client, const PlanDraft &draft, QObject *parent = nullptr);
};

// PATCH /v1/plans/{id} with If-Match (plans.write). A stale version ends in
// ApiError::Kind::PreconditionFailed whose current() is the plan as it is now.
class UpdatePlanJob : public PlanJob
{
    Q_OBJECT

public:
    UpdatePlanJob(ApiClient *client,
                  const QString &planId,
                  std::int64_t version,
                  const PlanPatch &patch,
                  QObject *parent = nullptr);
};

} // namespace Tenantry
