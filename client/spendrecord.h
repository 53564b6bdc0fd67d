#pragma once

#include "core/acquisitionspend.h"
#include "core/timestamp.h"

#include <cstdint>
#include <string>

namespace Tenantry {

// One item of GET /v1/metrics/spend: a month's spend in one currency. A correction keeps the id
// and moves updatedAt (the incremental sync's high-water mark).
struct SpendRecord
{
    std::string id;
    AcquisitionSpend spend;
    Timestamp updatedAt{};
    std::int64_t version = 1;

    bool operator==(const SpendRecord &other) const = default;
};

} // namespace Tenantry
