#pragma once

#include "core/timestamp.h"

#include <optional>
#include <string>

namespace Tenantry {

// One Stripe event of the webhook inbox (GET /v1/webhook-events): pending until the worker
// applies it (processed), finds nothing it maps to (ignored) or gives up (dead). The payload is
// not part of it.
struct WebhookEvent
{
    std::string id; // Stripe's "evt_…"
    std::string type;
    Timestamp created{}; // at Stripe
    std::string status;  // "pending", "processed", "ignored", "dead"
    std::int64_t attempts = 0;
    std::optional<std::string> lastError;
    std::optional<Timestamp> nextAttemptAt;
    Timestamp receivedAt{};
    std::optional<Timestamp> processedAt;

    // Only dead and ignored events can be replayed (others get 409 not_replayable).
    bool isReplayable() const { return status == "dead" || status == "ignored"; }
};

} // namespace Tenantry
