#pragma once

#include "core/acquisitionspend.h"
#include "core/invoice.h"
#include "core/mrrevent.h"
#include "core/plan.h"
#include "core/subscription.h"
#include "core/tenant.h"
#include "core/timestamp.h"
#include "server/auth/role.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Tenantry::Server {

// Rows of the control-plane store that have no core type of their own.

struct UserRecord
{
    std::string id;    // usr_…
    std::string email; // lower case
    std::string name;
    Role role = Role::Viewer;
    std::string passwordHash; // argon2id encoded; never leaves the server
    Timestamp createdAt;
};

struct SessionRecord
{
    std::string tokenHash; // SHA-256 hex of the bearer token; the token itself is never stored
    std::string userId;
    Timestamp createdAt;
    Timestamp expiresAt;
};

struct NoteRecord
{
    std::string tenantId;
    std::string id; // note_…
    std::string authorId;
    std::string body;
    Timestamp createdAt;
};

// A tenant-scoped API key (tenant_api_keys): the secret itself is never stored, only its
// SHA-256 (SessionToken::hash), which is unique.
struct TenantApiKeyRecord
{
    std::string tenantId;
    std::string id; // tak_…
    std::string name;
    std::string keyHash;
    Timestamp createdAt;
    std::string createdBy; // the staff user
    std::optional<Timestamp> revokedAt;
    std::optional<Timestamp> lastUsedAt;
};

struct AuditRecord
{
    std::string id; // aud_…
    std::string actorId;
    std::string actorEmail;
    std::string action;     // "tenant.created", ...
    std::string targetType; // "tenant", "plan", "user", "note"
    std::string targetId;
    std::optional<std::string> tenantId; // the tenant the change is about, if any
    std::optional<std::string> before;   // JSON text of the object before the change
    std::optional<std::string> after;    // JSON text after
    std::string requestId;
    Timestamp createdAt;
};

// A stored response to a POST with an Idempotency-Key.
struct IdempotencyRecord
{
    enum class State { InProgress, Completed };

    std::string scope; // whose key: the user id
    std::string key;
    std::string requestHash; // SHA-256 of method, path and body
    State state = State::InProgress;
    int status = 0;
    std::string responseBody;
    std::string responseHeaders; // JSON object of headers worth replaying (ETag, Location)
    Timestamp createdAt;
};

// An end user of a tenant (a person who signs in to the tenant's application), as support
// sees them. `role` is the tenant's own: "owner", "admin" or "member".
struct TenantUserRecord
{
    std::string tenantId;
    std::string id; // tus_…
    std::string email;
    std::string name;
    std::string role;
    Timestamp createdAt;
    std::int64_t version = 1;
};

// A stored MRR event: core's event with its feed id (mrr_…) and when the server recorded it
// (the `updated_since` of incremental sync; events never change once recorded).
struct MrrEventRecord
{
    std::string id;
    MrrEvent event;
    Timestamp recordedAt;
};

// One month's acquisition spend in one currency (spd_…). Written again when finance corrects
// it: the version goes up and updated_at moves.
struct SpendRecord
{
    std::string id;
    AcquisitionSpend spend;
    Timestamp createdAt;
    Timestamp updatedAt;
    std::int64_t version = 1;
};

struct PageRequest
{
    int limit = 25;
    std::optional<std::string> startingAfter; // an object id: the last item of the previous page
};

template<typename T>
struct Page
{
    std::vector<T> items;
    bool hasMore = false;
};

struct TenantFilter
{
    std::optional<std::string> query; // substring of name, slug or contact email; or an exact id
    std::optional<TenantStatus> status;
    std::optional<std::string> planId;
    std::optional<Isolation> isolation;
    std::optional<std::string> region;
    std::optional<Timestamp> updatedSince;
};

struct SubscriptionFilter
{
    std::optional<std::string> tenantId;
    std::optional<SubscriptionStatus> status;
    std::optional<std::string> planId;
    std::optional<Timestamp> renewsBefore; // current_period_end before this time
    std::optional<Timestamp> updatedSince;
};

struct InvoiceFilter
{
    std::optional<std::string> tenantId;
    std::optional<std::string> subscriptionId;
    std::optional<InvoiceStatus> status;
};

// The metrics feeds, oldest row first. MRR events never change, so a client can resume after
// the last id it has; spend records are corrected in place, so incremental sync of spend uses
// updated_since.
struct FeedFilter
{
    std::optional<std::string> tenantId; // MRR events only
    std::optional<Timestamp> updatedSince;
};

// What became of a Stripe webhook event in the inbox: "pending" until the worker applies it
// ("processed"), decides it has nothing to do ("ignored", with the reason in last_error) or gives
// up after the last retry ("dead"). Staff can replay an ignored or dead event (back to pending).
enum class WebhookEventStatus { Pending, Processed, Ignored, Dead };

inline std::string_view toString(WebhookEventStatus status)
{
    switch (status) {
    case WebhookEventStatus::Pending:
        return "pending";
    case WebhookEventStatus::Processed:
        return "processed";
    case WebhookEventStatus::Ignored:
        return "ignored";
    case WebhookEventStatus::Dead:
        return "dead";
    }
    return {};
}

inline std::optional<WebhookEventStatus> webhookEventStatusFromString(std::string_view text)
{
    for (const WebhookEventStatus status : {WebhookEventStatus::Pending,
                                            WebhookEventStatus::Processed,
                                            WebhookEventStatus::Ignored,
                                            WebhookEventStatus::Dead}) {
        if (toString(status) == text)
            return status;
    }
    return std::nullopt;
}

// One Stripe event in the webhook inbox, keyed by Stripe's event id: however often Stripe
// delivers it, it is stored (and applied) once.
struct WebhookEventRecord
{
    std::string id;      // Stripe's "evt_…"
    std::string type;    // "customer.subscription.updated", ...
    Timestamp created;   // the event's `created` (whole seconds)
    std::string payload; // the body as delivered, byte for byte
    Timestamp receivedAt;
    WebhookEventStatus status = WebhookEventStatus::Pending;
    int attempts = 0;                     // failed processing attempts so far
    std::optional<std::string> lastError; // the last failure, or why the event was ignored
    std::optional<Timestamp> nextAttemptAt;
    std::optional<Timestamp> processedAt; // processed or ignored
};

struct WebhookEventFilter
{
    std::optional<WebhookEventStatus> status;
    std::optional<std::string> type;
};

struct AuditFilter
{
    std::optional<std::string> actorId;
    std::optional<std::string> targetId;
    std::optional<std::string> action;
    std::optional<Timestamp> createdAfter;
    std::optional<Timestamp> createdBefore;
};

// A background job (job_…): queued until a JobRunner claims it, running while its handler works
// (heartbeat_at moves while it lives; one left running by a crashed server is queued again),
// then succeeded, failed or canceled. params and result are JSON text.
enum class JobStatus { Queued, Running, Succeeded, Failed, Canceled };

inline std::string_view toString(JobStatus status)
{
    switch (status) {
    case JobStatus::Queued:
        return "queued";
    case JobStatus::Running:
        return "running";
    case JobStatus::Succeeded:
        return "succeeded";
    case JobStatus::Failed:
        return "failed";
    case JobStatus::Canceled:
        return "canceled";
    }
    return {};
}

inline std::optional<JobStatus> jobStatusFromString(std::string_view text)
{
    for (const JobStatus status : {JobStatus::Queued,
                                   JobStatus::Running,
                                   JobStatus::Succeeded,
                                   JobStatus::Failed,
                                   JobStatus::Canceled}) {
        if (toString(status) == text)
            return status;
    }
    return std::nullopt;
}

struct JobRecord
{
    std::string id;   // job_…
    std::string type; // "billing.reconcile", "tenant.move", ...
    JobStatus status = JobStatus::Queued;
    std::int64_t progressDone = 0;
    std::int64_t progressTotal = 0;
    std::string params = "{}";         // JSON text
    std::optional<std::string> result; // JSON text, once succeeded
    std::optional<std::string> error;  // why it failed (safe to show to staff)
    std::string createdBy;             // a user id, or "cli"
    Timestamp createdAt;
    std::optional<Timestamp> startedAt; // the last start (a requeued job starts again)
    std::optional<Timestamp> finishedAt;
    Timestamp updatedAt;
    std::optional<Timestamp> heartbeatAt;
};

// Lists are newest first. typePrefixes: only jobs whose type starts with one of them (the
// domains the reader may see); empty: every type.
struct JobFilter
{
    std::optional<std::string> type;
    std::optional<JobStatus> status;
    std::vector<std::string> typePrefixes;
    // Only the jobs whose params name this tenant (`tenant_id`: a tenant's moves).
    std::optional<std::string> tenantId;
};

// One difference between local billing state and the provider's that a reconciliation found
// (drf_…). local and provider are JSON text (null when that side has no subscription).
struct DriftRecord
{
    std::string id;
    std::string jobId;
    std::string kind; // missing_locally, missing_at_provider, status_mismatch, ...
    std::optional<std::string> tenantId;
    std::optional<std::string> subscriptionId;
    std::string stripeSubscriptionId;
    std::optional<std::string> local;
    std::optional<std::string> provider;
    Timestamp createdAt;
    std::optional<Timestamp> appliedAt;
    std::optional<std::string> appliedBy;
};

// Lists are oldest first (the order the reconciliation found them).
struct DriftFilter
{
    std::optional<std::string> jobId;
};

} // namespace Tenantry::Server
