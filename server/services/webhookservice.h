#pragma once

#include "server/api/apicontext.h"
#include "server/api/apihelpers.h"
#include "server/api/principal.h"
#include "server/billing/stripe/stripesignature.h"

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace Tenantry::Server {

// The Stripe webhook inbox as the API sees it: intake of signed deliveries, the staff list and
// replay. Processing is StripeWebhookProcessor's, on the worker thread that `wake` nudges.
class WebhookService
{
public:
    static constexpr std::size_t kMaxPayloadBytes = std::size_t(1) << 20; // 1 MiB

    // `verifier` is empty when no webhook secret is configured: intake then answers 503.
    WebhookService(ApiContext &context,
                   std::optional<StripeSignature> verifier,
                   std::function<void()> wake)
        : m_context(context)
        , m_verifier(std::move(verifier))
        , m_wake(std::move(wake))
    {}

    struct Received
    {
        bool duplicate = false;
    };

    // Verifies the signature (400 signature_invalid, nothing stored), reads the event (400
    // invalid_event) and stores it in one transaction: "pending" when a handler exists for its
    // type, "ignored" otherwise. A known event id changes nothing (duplicate). Returns once the
    // event is committed. Concurrent deliveries share one transaction (see Intake).
    Outcome<Received> receive(const std::string &signatureHeader,
                              const std::string &body,
                              const std::string &requestId) const;

    // Several deliveries in one transaction (the billing simulator's): returns how many were
    // taken (stored, or known already), from the first; it stops before the first that fails
    // the checks of receive(), and takes none when the store fails.
    std::size_t receiveAll(const std::vector<SignedPayload> &deliveries,
                           const std::string &requestId) const;

    Outcome<Page<WebhookEventRecord>> list(const WebhookEventFilter &filter,
                                           const PageRequest &page,
                                           const std::string &requestId) const;

    // A dead or ignored event back to pending (attempts start again from 0), audited; 404 for an
    // unknown id, 409 not_replayable for a pending or processed one.
    Outcome<WebhookEventRecord> replay(const Principal &actor,
                                       const std::string &requestId,
                                       const std::string &id) const;

private:
    // Concurrent receive() calls combine their inserts: the first caller to find no insert
    // running becomes the leader, takes every queued record, inserts them all in one write
    // transaction and commits it, hands the lead to the first caller queued meanwhile, then
    // hands each caller of its group its outcome. One hand-off of SQLite's
    // writer per group instead of one per delivery. Should anything of the group fail, every
    // caller in it stores its event alone instead (the transaction of one delivery).
    struct Intake
    {
        enum State { Queued, Done, Lead };

        const WebhookEventRecord *record = nullptr;
        bool alone = false; // the group failed: store this delivery on its own
        bool inserted = false;
        // Set (and notified) by the leader; the caller sleeps on it without the mutex, so that
        // a finished group wakes its callers without a herd on m_intakeMutex.
        std::atomic<int> state = Queued;
    };

    // The transaction of one delivery (no grouping).
    Outcome<Received> store(const WebhookEventRecord &record, const std::string &requestId) const;
    // Leader only: inserts `group` in one transaction; false when it did not commit.
    bool storeGroup(const std::vector<std::shared_ptr<Intake>> &group) const;
    // The caller that leads: stores groups until it has handed the lead on or nobody queues.
    void lead() const;

    // The checks of receive() (signature, size, envelope): the record to store.
    Outcome<WebhookEventRecord> check(const std::string &signatureHeader,
                                      const std::string &body,
                                      Timestamp now) const;

    ApiContext &m_context;
    std::optional<StripeSignature> m_verifier;
    std::function<void()> m_wake;

    mutable std::mutex m_intakeMutex;
    mutable std::vector<std::shared_ptr<Intake>> m_intakeQueue;
    mutable bool m_intakeLeader = false;
};

// {"object":"webhook_event","id","type","created","status","attempts","last_error",
//  "next_attempt_at","received_at","processed_at"}: the payload stays on the server.
nlohmann::json webhookEventJson(const WebhookEventRecord &event);

} // namespace Tenantry::Server
