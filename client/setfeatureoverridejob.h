#pragma once

#include "client/featureoverridejob.h"
#include "core/timestamp.h"

#include <optional>

namespace Tenantry {

// POST /v1/tenants/{id}/feature-overrides: switches one feature on or off for the tenant,
// whatever its plan says, with support's reason and an optional expiry (in the future).
// Creates the override (201, isCreated()) or replaces the existing one (200). If-Match is
// optional: with `expectedVersion` the override must exist at that version (else 412).
class SetFeatureOverrideJob : public FeatureOverrideJob
{
    Q_OBJECT

public:
    SetFeatureOverrideJob(ApiClient *client,
                          const QString &tenantId,
                          const QString &featureKey,
                          bool enabled,
                          const QString &reason,
                          std::optional<Timestamp> expiresAt = std::nullopt,
                          std::optional<std::int64_t> expectedVersion = std::nullopt,
                          QObject *parent = nullptr);

    bool isCreated() const { return httpStatus() == 201; }
};

} // namespace Tenantry
