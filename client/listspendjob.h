#pragma once

#include "client/apilistjob.h"
#include "client/spendrecord.h"
#include "core/timestamp.h"

#include <optional>

namespace Tenantry {

// GET /v1/metrics/spend: one page of the acquisition spend feed, oldest first (by creation).
// `updatedSince` keeps records created or corrected at or after that instant (corrections keep
// their place in the feed, so an incremental sync asks by time, not by cursor); `startingAfter`
// pages through one such result. `limit` 0 leaves the page size to the server (up to 1000).
// Needs spend.read.
class ListSpendJob : public ApiListJob<SpendRecord>
{
    Q_OBJECT

public:
    static constexpr int maxLimit = 1000;

    ListSpendJob(ApiClient *client,
                 int limit = 0,
                 const QString &startingAfter = {},
                 std::optional<Timestamp> updatedSince = {},
                 QObject *parent = nullptr);
};

} // namespace Tenantry
