#pragma once

#include "core/timestamp.h"

#include <cstdint>
#include <optional>
#include <string>

namespace Tenantry {

// Support's decision that one tenant has (or has not) one feature, whatever its plan says:
// a pilot of an enterprise feature, or a feature switched off while an abuse case is looked
// into. It lapses at `expiresAt` when that is set.
// JSON: {"tenant_id","feature_key","enabled","reason","expires_at"?,"created_by",
//        "created_at","updated_at","version"}.
struct FeatureOverride
{
    std::string tenantId;
    std::string featureKey;
    bool enabled = true;
    std::string reason;
    std::optional<Timestamp> expiresAt;
    std::string createdBy; // the staff user who set it
    Timestamp createdAt{};
    Timestamp updatedAt{};
    std::int64_t version = 1;

    // Whether the override still applies at `now` (an expiry is exclusive: at expiresAt it has
    // lapsed).
    bool isActiveAt(Timestamp now) const { return !expiresAt || now < *expiresAt; }

    bool operator==(const FeatureOverride &other) const = default;
};

} // namespace Tenantry
