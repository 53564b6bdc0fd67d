#include "server/services/webhookservice.h"

#include "server/billing/stripe/stripeevent.h"
#include "server/billing/stripe/stripewebhookprocessor.h"
#include "server/services/auditwriter.h"
#include "server/services/readtransaction.h"
#include "server/store/ambienttransaction.h"

#include <chrono>
#include <utility>

namespace Tenantry::Server {

namespace {

nlohmann::json optionalTime(const std::optional<Timestamp> &time)
{
    return time ? nlohmann::json(formatRfc3339(*time)) : nlohmann::json(nullptr);
}

} // namespace

nlohmann::json webhookEventJson(const WebhookEventRecord &event)
{
    return {{"object", "webhook_event"},
            {"id", event.id},
            {"type", event.type},
            {"created", formatRfc3339(event.created)},
            {"status", toString(event.status)},
            {"attempts", event.attempts},
            {"last_error", event.lastError ? nlohmann::json(*event.lastError) : nullptr},
            {"next_attempt_at", optionalTime(event.nextAttemptAt)},
            {"received_at", formatRfc3339(event.receivedAt)},
            {"processed_at", optionalTime(event.processedAt)}};
}

Outcome<WebhookEventRecord> WebhookService::check(const std::string &signatureHeader,
                                                  std::string body,
                                                  Timestamp now) const
{
    if (!m_verifier) {
        ApiError error = ApiError::unavailable(
            "Stripe webhooks are not configured on this server: set --stripe-webhook-secret "
            "(or TENANTRY_STRIPE_WEBHOOK_SECRET)");
        error.code = "webhooks_not_configured";
        return error;
    }
    if (body.size() > kMaxPayloadBytes)
        return ApiError::payloadTooLarge("A webhook payload may be at most 1 MiB");
    if (Status verified = m_verifier->verify(
            signatureHeader,
            body,
            std::chrono::time_point_cast<std::chrono::system_clock::duration>(now));
        !verified) {
        return ApiError::badRequest("signature_invalid",
                                    verified.error().message,
                                    "Stripe-Signature");
    }
    Result<StripeEvent> event = StripeEvent::parse(body, StripeEvent::Part::Envelope);
    if (!event)
        return ApiError::badRequest("invalid_event", event.error().message, event.error().path);

    WebhookEventRecord record;
    record.id = event->id;
    record.type = event->type;
    record.created = event->created;
    record.payload = std::move(body);
    record.receivedAt = now;
    if (!StripeWebhookProcessor::handles(record.type)) {
        record.status = WebhookEventStatus::Ignored;
        record.lastError = "no handler for events of type " + record.type;
        record.processedAt = now;
    }
    return record;
}

WebhookService::~WebhookService()
{
    stopIntake();
}

void WebhookService::receive(const std::string &signatureHeader,
                             std::string body,
                             const std::string &requestId,
                             ReceiveDone done) const
{
    Outcome<WebhookEventRecord> checked = check(signatureHeader, std::move(body), m_context.now());
    if (failed(checked))
        return done(std::get<ApiError>(std::move(checked)));
    // Inside a transaction of the caller's (none on the Stripe route today), the insert is part
    // of it: no grouping with other threads' deliveries.
    if (AmbientTransaction::current())
        return done(store(std::get<WebhookEventRecord>(checked), requestId));

    {
        const std::lock_guard lock(m_intakeMutex);
        m_intakeQueue.push_back(
            Intake{std::get<WebhookEventRecord>(std::move(checked)), requestId, std::move(done)});
        if (!m_intakeThread.joinable()) {
            m_intakeStopping = false;
            m_intakeThread = std::thread([this] { runIntake(); });
        }
    }
    m_intakeArrived.notify_one();
}

void WebhookService::stopIntake() const
{
    std::thread thread;
    {
        const std::lock_guard lock(m_intakeMutex);
        m_intakeStopping = true;
        thread = std::move(m_intakeThread);
    }
    m_intakeArrived.notify_one();
    if (thread.joinable())
        thread.join();
}

void WebhookService::runIntake() const
{
    std::vector<Intake> group;
    for (;;) {
        group.clear();
        {
            std::unique_lock lock(m_intakeMutex);
            m_intakeArrived.wait(lock,
                                 [this] { return m_intakeStopping || !m_intakeQueue.empty(); });
            if (m_intakeQueue.empty())
                return; // stopping, with nothing left to answer
            group.swap(m_intakeQueue);
        }
        const bool committed = storeGroup(group);
        bool pending = false;
        for (const Intake &member : group)
            pending = pending
                      || (committed && member.inserted
                          && member.record.status == WebhookEventStatus::Pending);
        if (pending && m_wake)
            m_wake();
        for (Intake &member : group) {
            Outcome<Received> outcome = committed ? Outcome<Received>(Received{!member.inserted})
                                                  : store(member.record, member.requestId);
            member.done(std::move(outcome));
        }
    }
}

bool WebhookService::storeGroup(std::vector<Intake> &group) const
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return false;
    for (Intake &member : group) {
        Result<bool> inserted = (*transaction)->insertWebhookEvent(member.record);
        if (!inserted)
            return false; // rolled back: each stores its own, and meets its own error
        member.inserted = *inserted;
    }
    return bool((*transaction)->commit());
}

Outcome<WebhookService::Received> WebhookService::store(const WebhookEventRecord &record,
                                                        const std::string &requestId) const
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return m_context.storageFailure(transaction.error(), requestId);
    Result<bool> inserted = (*transaction)->insertWebhookEvent(record);
    if (!inserted)
        return m_context.storageFailure(inserted.error(), requestId);
    if (!*inserted)
        return Received{true};
    if (Status committed = (*transaction)->commit(); !committed)
        return m_context.storageFailure(committed.error(), requestId);
    if (record.status == WebhookEventStatus::Pending && m_wake)
        m_wake();
    return Received{false};
}

std::size_t WebhookService::receiveAll(const std::vector<SignedPayload> &deliveries,
                                       const std::string &requestId) const
{
    const Timestamp now = m_context.now();
    std::vector<WebhookEventRecord> records;
    records.reserve(deliveries.size());
    for (const SignedPayload &delivery : deliveries) {
        Outcome<WebhookEventRecord> checked = check(delivery.signatureHeader, delivery.body, now);
        if (failed(checked)) {
            m_context.logError("request " + requestId + ": a webhook delivery was refused: "
                               + std::get<ApiError>(checked).message);
            break;
        }
        records.push_back(std::get<WebhookEventRecord>(std::move(checked)));
    }
    if (records.empty())
        return 0;

    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction) {
        m_context.storageFailure(transaction.error(), requestId);
        return 0;
    }
    bool pending = false;
    for (const WebhookEventRecord &record : records) {
        Result<bool> inserted = (*transaction)->insertWebhookEvent(record);
        if (!inserted) {
            m_context.storageFailure(inserted.error(), requestId);
            return 0;
        }
        pending = pending || (*inserted && record.status == WebhookEventStatus::Pending);
    }
    if (Status committed = (*transaction)->commit(); !committed) {
        m_context.storageFailure(committed.error(), requestId);
        return 0;
    }
    if (pending && m_wake)
        m_wake();
    return records.size();
}

Outcome<Page<WebhookEventRecord>> WebhookService::list(const WebhookEventFilter &filter,
                                                       const PageRequest &page,
                                                       const std::string &requestId) const
{
    return inReadTransaction<Page<WebhookEventRecord>>(
        m_context,
        [&](StoreTransaction &store) { return store.listWebhookEvents(filter, page); },
        [&](const Error &error) {
            if (error.code == "cursor_not_found")
                return ApiError::badRequest("parameter_invalid",
                                            "starting_after names no object of this list",
                                            "starting_after");
            return m_context.storageFailure(error, requestId);
        });
}

Outcome<WebhookEventRecord> WebhookService::replay(const Principal &actor,
                                                   const std::string &requestId,
                                                   const std::string &id) const
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return m_context.storageFailure(transaction.error(), requestId);
    StoreTransaction &store = **transaction;
    Result<std::optional<WebhookEventRecord>> found = store.webhookEvent(id);
    if (!found)
        return m_context.storageFailure(found.error(), requestId);
    if (!*found)
        return ApiError::notFound("No webhook event " + id, "id");
    const WebhookEventRecord before = **found;
    if (before.status != WebhookEventStatus::Dead && before.status != WebhookEventStatus::Ignored)
        return ApiError::conflict("not_replayable",
                                  "Only a dead or ignored event can be replayed; this one is "
                                      + std::string(toString(before.status)));
    WebhookEventRecord after = before;
    after.status = WebhookEventStatus::Pending;
    after.attempts = 0;
    after.nextAttemptAt.reset();
    after.processedAt.reset();
    if (Status updated = store.updateWebhookEvent(after); !updated)
        return m_context.storageFailure(updated.error(), requestId);
    const nlohmann::json beforeJson = webhookEventJson(before);
    const nlohmann::json afterJson = webhookEventJson(after);
    if (Status audited = writeAudit(store,
                                    actor,
                                    requestId,
                                    m_context.now(),
                                    {"webhook_event.replayed",
                                     "webhook_event",
                                     after.id,
                                     std::nullopt,
                                     &beforeJson,
                                     &afterJson});
        !audited) {
        return m_context.storageFailure(audited.error(), requestId);
    }
    if (Status committed = store.commit(); !committed)
        return m_context.storageFailure(committed.error(), requestId);
    // The worker reads the event in a transaction of its own: wake it once the request's
    // transaction (the request guard's, which this one is part of) has ended.
    if (m_wake)
        AmbientTransaction::afterEnd(m_wake);
    return after;
}

} // namespace Tenantry::Server
