#pragma once

#include "server/api/apicontext.h"
#include "server/api/apihelpers.h"
#include "server/api/principal.h"
#include "server/billing/stripe/stripesignature.h"

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
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

    using ReceiveDone = std::function<void(Outcome<Received> outcome)>;

    // Verifies the signature (400 signature_invalid, nothing stored), reads the event (400
    // invalid_event) and stores it: "pending" when a handler exists for its type, "ignored"
    // otherwise. A known event id changes nothing (duplicate). `done` gets the outcome once the
    // event is committed, on the intake thread (or on this one, before this returns, for a
    // refused delivery or inside a transaction of the caller's): concurrent deliveries share one
    // transaction, so the caller does not wait for the writer with a thread of its own.
    void receive(const std::string &signatureHeader,
                 std::string body,
                 const std::string &requestId,
                 ReceiveDone done) const;

    // Stops the intake thread once every delivery it holds is committed and answered (also done
    // by the destructor). A delivery received later starts it again.
    void stopIntake() const;

    ~WebhookService();
    WebhookService(const WebhookService &) = delete;
    WebhookService &operator=(const WebhookService &) = delete;

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
    // Group commit: receive() queues the checked record with its caller's `done`; the intake
    // thread takes everything queued, inserts it in one write transaction, commits, wakes the
    // worker once and answers each delivery. One hand-off of the store's writer per group
    // instead of one per delivery, and no server thread blocked on it. Should anything of the
    // group fail, each delivery is stored alone (the transaction of one delivery) and meets its
    // own error.
    struct Intake
    {
        WebhookEventRecord record;
        std::string requestId;
        ReceiveDone done;
        bool inserted = false;
    };

    // The transaction of one delivery (no grouping).
    Outcome<Received> store(const WebhookEventRecord &record, const std::string &requestId) const;
    // Inserts `group` in one transaction; false when it did not commit.
    bool storeGroup(std::vector<Intake> &group) const;
    void runIntake() const;

    // The checks of receive() (signature, size, envelope): the record to store.
    Outcome<WebhookEventRecord> check(const std::string &signatureHeader,
                                      std::string body,
                                      Timestamp now) const;

    ApiContext &m_context;
    std::optional<StripeSignature> m_verifier;
    std::function<void()> m_wake;

    mutable std::mutex m_intakeMutex;
    mutable std::condition_variable m_intakeArrived;
    mutable std::vector<Intake> m_intakeQueue;
    mutable bool m_intakeStopping = false;
    mutable std::thread m_intakeThread;
};

// {"object":"webhook_event","id","type","created","status","attempts","last_error",
//  "next_attempt_at","received_at","processed_at"}: the payload stays on the server.
nlohmann::json webhookEventJson(const WebhookEventRecord &event);

} // namespace Tenantry::Server
