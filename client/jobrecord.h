#pragma once

#include "core/timestamp.h"

#include <QJsonObject>

#include <cstdint>
#include <optional>
#include <string>

namespace Tenantry {

// A background job of the server (POST /v1/billing/reconcile, POST /v1/tenants/{id}/move,
// GET /v1/jobs/{id}): its status and progress. `params` is what it was started with (a move:
// `tenant_id`, `target`); `result` is the job's own summary (empty while it runs);
// `errorMessage` says why a failed job failed, or what became of a canceled one.
struct JobRecord
{
    std::string id;     // "job_…"
    std::string type;   // "billing.reconcile", "tenant.move"
    std::string status; // "queued", "running", "succeeded", "failed", "canceled"
    std::int64_t progressDone = 0;
    std::int64_t progressTotal = 0;
    QJsonObject params;
    QJsonObject result;
    std::string errorMessage;
    std::string createdBy;
    Timestamp createdAt{};
    std::optional<Timestamp> startedAt;
    std::optional<Timestamp> finishedAt;

    bool isFinished() const
    {
        return status == "succeeded" || status == "failed" || status == "canceled";
    }
    bool hasSucceeded() const { return status == "succeeded"; }
};

} // namespace Tenantry
