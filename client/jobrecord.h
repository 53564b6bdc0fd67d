#pragma once

#include "core/timestamp.h"

#include <QJsonObject>

#include <cstdint>
#include <optional>
#include <string>

namespace Tenantry {

// A background job of the server (POST /v1/billing/reconcile, GET /v1/jobs/{id}): its status and
// progress. `result` is the job's own summary (empty while it runs); `errorMessage` says why a
// failed job failed.
struct JobRecord
{
    std::string id;     // "job_…"
    std::string type;   // "billing.reconcile"
    std::string status; // "queued", "running", "succeeded", "failed", "canceled"
    std::int64_t progressDone = 0;
    std::int64_t progressTotal = 0;
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
