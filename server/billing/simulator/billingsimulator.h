#pragma once

#include "server/billing/billingprovider.h"
#include "server/billing/stripe/stripesignature.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

struct sqlite3;

namespace Tenantry::Server {

// Stripe in test mode on this machine: customers, prices, subscriptions and their invoices,
// driven by a test clock (frozen time that only advance() moves), emitting the events Stripe
// would send, in Stripe's shapes, signed with the webhook endpoint secret like Stripe signs
// them. Everything (objects, the clock, idempotency keys, events not yet delivered) lives in
// its own SQLite file, so that a restart continues where it stopped.
//
// The lifecycle, as Stripe runs it (simplified where said):
// - createSubscription: `trialing` when trialDays > 0 (customer.subscription.created);
//   otherwise the first invoice is created, finalized and paid at once when the customer's
//   payments succeed → `active` (the created event already carries `active`, as Stripe's does
//   when the payment succeeds within the request), or → `incomplete` when they fail, and
//   `incomplete_expired` 23 hours later if still unpaid. Setting the customer's outcome back to
//   "succeeds" pays its open invoices at once (standing in for the customer confirming the
//   payment).
// - customer.subscription.trial_will_end 3 days before a trial of at least 3 days ends; at
//   the trial's end the first invoice → `active`, or `past_due` when its payment fails.
// - At each period end: the next period, a renewal invoice (invoice.created, .finalized, then
//   .paid + .payment_succeeded or .payment_failed) and customer.subscription.updated. A failed
//   payment makes the subscription `past_due` and is retried 3, 5 and 7 days after each failure
//   (Stripe's classic schedule); a success makes it `active` again; after the last failed
//   retry it becomes `canceled` (customer.subscription.deleted) or `unpaid` (Options). An
//   `unpaid` subscription is not renewed any further (Stripe would keep issuing draft
//   invoices).
// - cancel_at_period_end: deleted at the period's end (the trial's end while trialing).
// - A price or quantity change outside a trial prorates: two pending invoice items (the unused
//   time of the old price as a credit, the remaining time at the new price) go onto the next
//   renewal invoice, as Stripe's proration_behavior=create_prorations does; the billing period
//   stays (also across a month/year interval change, where Stripe would reset the anchor).
//
// Event order: the objects' events are emitted in the order the changes happened; all carry
// `created` = the test clock's time. The clock is frozen, with one exception: an operation
// that starts in the same second as events an earlier operation emitted moves it on by one
// second first, so that the events of separate operations never share a `created` (the
// webhook processor orders and drops stale events by `created`: the events of an earlier
// change, still in the inbox, must not undo a later one that the API already wrote). Delivery is separate: eventsReady (Options) is called
// after a change that emitted events, and deliverPending() hands them, oldest first, to the
// webhook intake, signed at the wall-clock time of delivery.
//
// Safe to call from several threads at once (one mutex for the objects, one for delivery).
class BillingSimulator final : public BillingProvider
{
public:
    struct Options
    {
        std::string path;          // the SQLite file, created when missing
        std::string webhookSecret; // "whsec_…": signs the events
        // After a change that emitted events (outside the simulator's locks).
        std::function<void()> eventsReady;
        // After the last failed retry: true → canceled, false → unpaid.
        bool cancelAfterFailedRetries = true;
        // The wall clock (the test clock starts there when first created; signatures use it).
        std::function<std::chrono::system_clock::time_point()> wallClock;
        // Where a new test clock starts instead of the wall clock (tests).
        std::optional<Timestamp> startAt;
    };

    // Receives one signed event; true when it was taken (stored or a known duplicate).
    using Delivery = std::function<bool(const std::string &signatureHeader, const std::string &body)>;

    static Result<std::unique_ptr<BillingSimulator>> open(Options options);
    ~BillingSimulator() override;
    BillingSimulator(const BillingSimulator &) = delete;
    BillingSimulator &operator=(const BillingSimulator &) = delete;

    std::string_view name() const override { return "simulator"; }
    Result<std::string> createCustomer(const CustomerDraft &draft,
                                       const std::string &idempotencyKey) override;
    Result<std::string> createPrice(const Plan &plan, const std::string &idempotencyKey) override;
    Result<StripeSubscription> createSubscription(const SubscriptionDraft &draft,
                                                  const std::string &idempotencyKey) override;
    Result<StripeSubscription> changeSubscription(const std::string &subscriptionId,
                                                  const std::string &priceId,
                                                  std::int64_t quantity,
                                                  const std::string &idempotencyKey) override;
    Result<StripeSubscription> cancelSubscription(const std::string &subscriptionId,
                                                  bool atPeriodEnd,
                                                  const std::string &idempotencyKey) override;
    Result<StripeSubscription> resumeSubscription(const std::string &subscriptionId,
                                                  const std::string &idempotencyKey) override;
    Result<StripeSubscription> extendTrial(const std::string &subscriptionId,
                                           Timestamp trialEnd,
                                           const std::string &idempotencyKey) override;
    Result<StripeSubscription> retrieveSubscription(const std::string &subscriptionId) override;
    Result<SubscriptionPage> listSubscriptions(const std::optional<std::string> &startingAfter,
                                               int limit) override;

    // The test clock's frozen time (whole seconds, like Stripe's).
    Timestamp frozenTime() const;
    // Moves a new test clock (one that has no customers, prices or subscriptions yet) back or
    // forth to `at`, as Stripe lets a test clock be created at any time: the demo starts its
    // history there. Errors: "invalid_state" once the simulator holds objects.
    Status startClockAt(Timestamp at);
    // Runs every transition due up to `to`, in time order, then sets the clock to `to`. Returns
    // how many events that emitted. Errors: "invalid_value" when `to` is before the clock.
    Result<std::int64_t> advance(Timestamp to);

    // Whether the customer's payments succeed (the default) or fail. "not_found" for an unknown
    // customer.
    Status setPaymentOutcome(const std::string &customerId, bool succeeds);
    // Objects made elsewhere with their own ids (the demo's), taken over as they are: no events,
    // no invoices; ids the simulator knows already are left alone. From then on the clock runs
    // them like the others (renewals at their period ends, ...).
    struct Import
    {
        struct ImportedCustomer
        {
            std::string id;
            std::string tenantId;
            std::string name;
        };
        struct ImportedSubscription
        {
            std::string id;
            std::string customer;
            std::string price;
            std::string tenantId;
            std::int64_t quantity = 1;
            SubscriptionStatus status = SubscriptionStatus::Active;
            Timestamp created;
            Timestamp periodStart;
            Timestamp periodEnd;
            std::optional<Timestamp> trialEnd;
            bool cancelAtPeriodEnd = false;
            std::optional<Timestamp> canceledAt;
        };
        std::vector<ImportedCustomer> customers;
        std::vector<std::pair<std::string, Plan>> prices; // price id, plan
        std::vector<ImportedSubscription> subscriptions;
    };
    Status importObjects(const Import &objects);

    // The customer of a tenant (the metadata tenant_id), if the simulator has one.
    std::optional<std::string> customerOfTenant(const std::string &tenantId) const;

    // Hands the events not yet delivered to `deliver`, oldest first, each signed at `signedAt`
    // (the wall clock when empty; "t=<unix seconds>,v1=<hex>"), until one is refused (it stays
    // for the next call). Returns how many were taken. Deliveries are serialized.
    int deliverPending(const Delivery &deliver, const std::function<Timestamp()> &signedAt = {});
    // The same, a batch (of up to 500) at a time: `deliver` returns how many of the batch it
    // took, from the first; the rest stay for the next call.
    using BatchDelivery = std::function<std::size_t(const std::vector<SignedPayload> &events)>;
    int deliverPendingBatches(const BatchDelivery &deliver,
                              const std::function<Timestamp()> &signedAt = {});
    // Whether eventsReady (Options) is called after changes (the default); off while a caller
    // delivers the events itself (the demo's history, which delivers them month by month).
    void setNotifying(bool notifying) { m_notifying = notifying; }
    std::size_t pendingEventCount() const;

    // Every invoice of a subscription, oldest first, in Stripe's shape (tests, reconciliation).
    std::vector<nlohmann::json> invoicesOf(const std::string &subscriptionId) const;

    // The Stripe-Signature header for `body` at `timestamp`.
    static std::string signatureHeader(const std::string &secret,
                                       std::int64_t timestamp,
                                       const std::string &body);

    struct InvoiceLine
    {
        std::string id;
        std::int64_t amount = 0;
        std::string description;
        bool proration = false;
        std::int64_t periodStart = 0;
        std::int64_t periodEnd = 0;
        std::string price;
        std::int64_t quantity = 1;
    };
    struct Customer
    {
        std::string id;
        std::string tenantId;
        std::string name;
        std::string email;
        std::int64_t created = 0;
        bool paymentsSucceed = true;
    };
    struct Price
    {
        std::string id;
        std::string product;
        std::string planId;
        std::int64_t unitAmount = 0;
        std::string currency;
        std::string interval; // "month" or "year"
        std::int64_t created = 0;
    };
    struct Subscription
    {
        std::string id;
        std::string item; // "si_…"
        std::string customer;
        std::string price;
        std::string tenantId;
        std::int64_t quantity = 1;
        std::string status;
        std::int64_t created = 0;
        std::int64_t periodStart = 0;
        std::int64_t periodEnd = 0;
        std::int64_t trialStart = 0; // 0: none
        std::int64_t trialEnd = 0;
        bool trialWillEndSent = false;
        bool cancelAtPeriodEnd = false;
        std::int64_t canceledAt = 0;
        std::int64_t endedAt = 0;
        std::int64_t incompleteExpiresAt = 0;
        std::string latestInvoice;
        std::vector<InvoiceLine> pendingItems; // prorations for the next invoice
    };
    struct Invoice
    {
        std::string id;
        std::string customer;
        std::string subscription;
        std::string status; // draft, open, paid, void
        std::int64_t amountDue = 0;
        std::int64_t amountPaid = 0;
        std::string currency;
        std::int64_t periodStart = 0;
        std::int64_t periodEnd = 0;
        std::int64_t created = 0;
        std::string billingReason;
        std::int64_t attemptCount = 0;
        std::int64_t nextPaymentAttempt = 0; // 0: none scheduled
        bool retries = true;                 // false: the first invoice of an incomplete one
        std::int64_t finalizedAt = 0;
        std::int64_t paidAt = 0;
        std::vector<InvoiceLine> lines;
    };

private:
    explicit BillingSimulator(Options options);

    struct Idempotent
    {
        std::string operation;
        std::string response; // JSON: {"ok": value} or {"error": {code, message}}
    };

    Status load();
    void notifyIfPending(); // outside m_mutex
    Status flush();
    std::int64_t now() const { return m_clock; }
    // Moves the clock one second on when events were emitted in the current second.
    void tick()
    {
        if (m_lastEventAt >= m_clock)
            m_clock = m_lastEventAt + 1;
    }
    std::string newId(std::string_view prefix) const;

    // Runs `action` once per key: a key seen before returns the stored answer.
    // `emits`: the operation may emit events (then the clock ticks first, see above).
    Result<nlohmann::json> once(const std::string &operation,
                                const std::string &idempotencyKey,
                                const std::function<Result<nlohmann::json>()> &action,
                                bool emits = true);
    Result<StripeSubscription> subscriptionResult(Result<nlohmann::json> result);
    Result<Subscription *> findLive(const std::string &subscriptionId);

    void emitEvent(const std::string &type, nlohmann::json object);
    void emitSubscription(const std::string &type, const Subscription &subscription);
    void emitInvoice(const std::string &type, const Invoice &invoice);

    Invoice &createInvoice(Subscription &subscription,
                           const std::string &reason,
                           bool retries,
                           std::int64_t periodStart,
                           std::int64_t periodEnd);
    // Finalizes (draft → open) and attempts the payment; true when paid.
    bool finalizeAndPay(Invoice &invoice);
    bool attemptPayment(Invoice &invoice);
    bool hasOpenInvoice(const Subscription &subscription) const;
    void endSubscription(Subscription &subscription);
    void beginPeriod(Subscription &subscription, std::int64_t start);

    // The earliest transition due at or before `limit`: its time, or 0 for none.
    std::int64_t nextDue(std::int64_t limit) const;
    void runDue(std::int64_t at);

    nlohmann::json subscriptionJson(const Subscription &subscription) const;
    nlohmann::json invoiceJson(const Invoice &invoice) const;
    nlohmann::json priceJson(const Price &price) const;

    Options m_options;
    sqlite3 *m_db = nullptr;
    mutable std::mutex m_mutex;
    std::mutex m_deliveryMutex;
    std::int64_t m_clock = 0;
    std::int64_t m_lastEventAt = 0; // `created` of the last event emitted
    std::map<std::string, Customer> m_customers;
    std::map<std::string, Price> m_prices;
    std::map<std::string, Subscription> m_subscriptions;
    std::map<std::string, Invoice> m_invoices;
    std::set<std::string> m_openInvoices; // ids of the invoices whose status is "open"
    std::map<std::string, Idempotent> m_idempotency;
    // Changed since the last flush: (kind, id).
    std::set<std::pair<std::string, std::string>> m_dirty;
    struct PendingEvent
    {
        std::int64_t seq = 0; // 0: not stored yet
        std::string body;
    };
    std::deque<PendingEvent> m_events;
    std::int64_t m_emitted = 0; // events emitted by the operation in progress
    std::atomic<bool> m_notifying{true};
};

} // namespace Tenantry::Server
