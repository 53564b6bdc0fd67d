#include "server/billing/stripe/stripewebhookprocessor.h"

#include "server/api/apihelpers.h"
#include "server/auth/sessiontoken.h"
#include "server/services/auditwriter.h"
#include "server/services/subscriptionstate.h"
#include "server/store/nestedtransaction.h"

#include <algorithm>
#include <array>

namespace Tenantry::Server {

namespace {

constexpr std::array<std::string_view, 6> kSubscriptionTypes = {
    "customer.subscription.created",
    "customer.subscription.updated",
    "customer.subscription.deleted",
    "customer.subscription.paused",
    "customer.subscription.resumed",
    "customer.subscription.trial_will_end",
};

constexpr std::array<std::string_view, 6> kInvoiceTypes = {
    "invoice.created",
    "invoice.finalized",
    "invoice.paid",
    "invoice.payment_succeeded",
    "invoice.payment_failed",
    "invoice.payment_action_required",
};

bool contains(const auto &list, std::string_view type)
{
    return std::find(list.begin(), list.end(), type) != list.end();
}

// An error of the event itself, not of the store: the message is safe to keep in last_error.
Error handlerError(std::string message)
{
    return Error{"handler_error", std::move(message), {}};
}

// What a store failure leaves in last_error: its code, not the SQL detail (which goes to the
// server log).
std::string describeFailure(const Error &error)
{
    if (error.code == "storage_error")
        return "storage error (see the server log)";
    return error.message.empty() ? error.code : error.message;
}

// The audit action for a change Stripe reported: "subscription.updated", ...
std::string subscriptionAction(std::string_view type, bool created)
{
    if (created)
        return "subscription.created";
    if (type == "customer.subscription.deleted")
        return "subscription.canceled";
    const std::string_view suffix = type.substr(type.rfind('.') + 1);
    if (suffix == "paused" || suffix == "resumed")
        return "subscription." + std::string(suffix);
    return "subscription.updated";
}

} // namespace

std::chrono::milliseconds WebhookRetryPolicy::delayAfter(int attempts) const
{
    std::chrono::milliseconds delay = base;
    for (int i = 1; i < attempts && delay < maximum; ++i)
        delay *= 2;
    return std::min(delay, maximum);
}

bool StripeWebhookProcessor::handles(std::string_view type)
{
    return contains(kSubscriptionTypes, type) || contains(kInvoiceTypes, type);
}

const Principal &StripeWebhookProcessor::stripePrincipal()
{
    static const Principal principal = [] {
        UserRecord user;
        user.id = "stripe";
        user.email = "stripe";
        user.name = "Stripe webhooks";
        user.role = Role::Owner;
        return Principal{user, {}};
    }();
    return principal;
}

Result<std::optional<Timestamp>> StripeWebhookProcessor::nextDue() const
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Read);
    if (!transaction)
        return transaction.error();
    return (*transaction)->nextWebhookAttempt();
}

Result<int> StripeWebhookProcessor::processDue(int limit, const std::atomic<bool> &stop)
{
    std::vector<WebhookEventRecord> due;
    {
        Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
            Store::Mode::Read);
        if (!transaction)
            return transaction.error();
        Result<std::vector<WebhookEventRecord>>
            found = (*transaction)->dueWebhookEvents(m_context.now(), limit);
        if (!found)
            return found.error();
        due = std::move(found).value();
    }
    int taken = 0;
    for (std::size_t first = 0; first < due.size() && !stop.load();) {
        const std::size_t end = std::min(first + kEventsPerTransaction, due.size());
        Result<std::size_t> batch = processBatch(due, first, end, stop);
        if (batch) {
            taken += static_cast<int>(*batch);
        } else {
            // The batch's transaction failed as a whole (the store): nothing of it was applied.
            // One transaction per event then, so that a failure is pinned on its own event.
            m_context.logError("webhook events: a batch failed (" + batch.error().message
                               + "); applying its events one by one");
            for (std::size_t i = first; i < end && !stop.load(); ++i) {
                processOne(due[i].id);
                ++taken;
            }
        }
        first = end;
    }
    return taken;
}

Result<std::size_t> StripeWebhookProcessor::processBatch(const std::vector<WebhookEventRecord> &due,
                                                         std::size_t first,
                                                         std::size_t end,
                                                         const std::atomic<bool> &stop)
{
    // Parsing is the costly part of an event: done before the write transaction begins, so
    // that the intake's inserts do not wait for it.
    std::vector<Parsed> parsed;
    parsed.reserve(end - first);
    for (std::size_t i = first; i < end; ++i)
        parsed.push_back(Parsed{StripeEvent::parse(due[i].payload, StripeEvent::Part::Handled)});

    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return transaction.error();
    StoreTransaction &outer = **transaction;
    std::size_t taken = 0;
    for (std::size_t i = first; i < end && !stop.load(); ++i, ++taken) {
        const std::string &eventId = due[i].id;
        const std::string savepoint = "event_" + std::to_string(i - first);
        Error failure;
        {
            Result<std::unique_ptr<StoreTransaction>> nested = NestedTransaction::open(outer,
                                                                                       savepoint);
            if (!nested)
                return nested.error();
            Result<bool> applied = applyOne(**nested, eventId, &parsed[i - first]);
            if (applied && *applied) {
                if (Status released = (*nested)->commit(); !released)
                    return released.error();
                continue;
            }
            if (applied)
                continue; // no longer pending: nothing to do
            failure = applied.error();
        } // the event's savepoint rolls back here: nothing of it is applied
        if (failure.code == "storage_error")
            return failure; // the store, not the event: the whole batch again, one by one
        Result<std::unique_ptr<StoreTransaction>> nested = NestedTransaction::open(
            outer, savepoint + "_failure");
        if (!nested)
            return nested.error();
        if (Status recorded = recordFailureIn(**nested, eventId, describeFailure(failure));
            !recorded)
            return recorded.error();
        if (Status released = (*nested)->commit(); !released)
            return released.error();
    }
    if (Status committed = outer.commit(); !committed)
        return committed.error();
    return taken;
}

Result<bool> StripeWebhookProcessor::applyOne(StoreTransaction &store,
                                              const std::string &eventId,
                                              const Parsed *parsed)
{
    // Read again inside the write transaction: a replay or another pass may have moved it. An
    // event's payload never changes: with the one parsed before, its state is enough.
    Result<std::optional<WebhookEventRecord>> current = parsed ? store.webhookEventState(eventId)
                                                               : store.webhookEvent(eventId);
    if (!current)
        return current.error();
    const Timestamp now = m_context.now();
    if (!*current || (*current)->status != WebhookEventStatus::Pending
        || ((*current)->nextAttemptAt && *(*current)->nextAttemptAt > now))
        return false;
    WebhookEventRecord event = std::move(**current);

    const Result<StripeEvent> parsedHere = parsed ? Result<StripeEvent>(Error{})
                                                  : StripeEvent::parse(event.payload,
                                                                       StripeEvent::Part::Handled);
    const Result<StripeEvent> &read = parsed ? parsed->event : parsedHere;
    Result<Handled> handled = read ? handle(store, *read, now)
                                   : Result<Handled>(handlerError(read.error().message));
    if (!handled)
        return handled.error();
    event.status = handled->status;
    event.lastError = handled->reason;
    event.nextAttemptAt.reset();
    event.processedAt = now;
    if (Status saved = store.updateWebhookEvent(event); !saved)
        return saved.error();
    return true;
}

void StripeWebhookProcessor::processOne(const std::string &eventId)
{
    Error failure;
    {
        Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
            Store::Mode::Write);
        if (!transaction) {
            m_context.logError("webhook event " + eventId + ": " + transaction.error().message);
            return; // the store is failing; the event stays pending for the next round
        }
        Result<bool> applied = applyOne(**transaction, eventId);
        if (applied && !*applied)
            return;
        Status saved = applied ? (*transaction)->commit() : Status(applied.error());
        if (saved)
            return;
        failure = saved.error();
    } // the failed transaction rolls back here: nothing of the event is applied
    if (failure.code == "storage_error")
        m_context.logError("webhook event " + eventId + ": " + failure.message);
    recordFailure(eventId, describeFailure(failure));
}

void StripeWebhookProcessor::recordFailure(const std::string &eventId, const std::string &message)
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction) {
        m_context.logError("webhook event " + eventId + ": " + transaction.error().message);
        return;
    }
    Status saved = recordFailureIn(**transaction, eventId, message);
    if (saved)
        saved = (*transaction)->commit();
    if (!saved)
        m_context.logError("webhook event " + eventId + ": " + saved.error().message);
}

Status StripeWebhookProcessor::recordFailureIn(StoreTransaction &store,
                                               const std::string &eventId,
                                               const std::string &message)
{
    Result<std::optional<WebhookEventRecord>> current = store.webhookEvent(eventId);
    if (!current)
        return current.error();
    if (!*current)
        return Ok{};
    WebhookEventRecord event = std::move(**current);
    const Timestamp now = m_context.now();
    event.attempts += 1;
    event.lastError = message;
    if (event.attempts >= m_policy.maxAttempts) {
        event.status = WebhookEventStatus::Dead;
        event.nextAttemptAt.reset();
        m_context.logError("webhook event " + eventId + " (" + event.type + ") is dead after "
                           + std::to_string(event.attempts) + " attempts: " + message);
    } else {
        event.nextAttemptAt = now
                              + std::chrono::duration_cast<std::chrono::microseconds>(
                                  m_policy.delayAfter(event.attempts));
    }
    return store.updateWebhookEvent(event);
}

Result<StripeWebhookProcessor::Handled> StripeWebhookProcessor::handle(StoreTransaction &store,
                                                                       const StripeEvent &event,
                                                                       Timestamp now)
{
    if (contains(kSubscriptionTypes, event.type))
        return applySubscription(store, event, now);
    if (contains(kInvoiceTypes, event.type))
        return applyInvoice(store, event, now);
    return Handled{WebhookEventStatus::Ignored, "no handler for events of type " + event.type};
}

Result<StripeWebhookProcessor::Handled> StripeWebhookProcessor::applySubscription(
    StoreTransaction &store, const StripeEvent &event, Timestamp now)
{
    Result<StripeSubscription> read = StripeSubscription::read(event.object);
    if (!read)
        return handlerError(read.error().message);
    const StripeSubscription &stripe = *read;

    Result<std::optional<Subscription>> existing = store.subscriptionByStripeId(stripe.id);
    if (!existing)
        return existing.error();
    if (*existing) {
        Result<std::optional<Timestamp>> appliedUpTo = store.subscriptionProviderUpdatedAt(
            (*existing)->id);
        if (!appliedUpTo)
            return appliedUpTo.error();
        if (*appliedUpTo && event.created < **appliedUpTo)
            return Handled{}; // older than what the subscription shows: nothing to do
    }

    Result<std::optional<Plan>> plan = store.planByStripePrice(stripe.priceId);
    if (!plan)
        return plan.error();
    if (!*plan)
        return Handled{WebhookEventStatus::Ignored,
                       "price " + stripe.priceId
                           + " maps to no plan (set the plan's "
                             "stripe_price_id)"};

    std::optional<SubscriptionState> before;
    Subscription after;
    if (*existing) {
        Result<std::optional<Plan>> currentPlan = store.planById((*existing)->planId);
        if (!currentPlan)
            return currentPlan.error();
        if (!*currentPlan)
            return handlerError("the subscription's plan " + (*existing)->planId + " is missing");
        before = SubscriptionState{**existing, **currentPlan};
        after = **existing;
    } else {
        Result<std::optional<Tenant>> tenant = store.tenantByStripeCustomer(stripe.customer);
        if (!tenant)
            return tenant.error();
        if (!*tenant)
            return Handled{WebhookEventStatus::Ignored,
                           "customer " + stripe.customer + " is linked to no tenant"};
        if (isLive(stripe.status)) {
            Result<std::optional<Subscription>> live = store.liveSubscriptionOf((*tenant)->id);
            if (!live)
                return live.error();
            // Retried: the other subscription's cancellation may be an event still on its way.
            if (*live)
                return handlerError("tenant " + (*tenant)->id
                                    + " already has the live subscription " + (*live)->id);
        }
        after.id = SessionToken::newId("sub_");
        after.tenantId = (*tenant)->id;
        after.stripeSubscriptionId = stripe.id;
        after.createdAt = stripe.created;
        after.updatedAt = now;
        after.version = 1;
    }
    after.planId = (*plan)->id;
    stripe.applyTo(after);

    if (!before || after != before->subscription) {
        const nlohmann::json context = {{"stripe_event_id", event.id},
                                        {"stripe_event_type", event.type}};
        Result<Subscription> written = applySubscriptionState(store,
                                                              {stripePrincipal(),
                                                               event.id,
                                                               now,
                                                               event.created,
                                                               subscriptionAction(event.type,
                                                                                  !before),
                                                               &context},
                                                              before,
                                                              after,
                                                              **plan);
        if (!written)
            return written.error();
    }
    if (Status marked = store.setSubscriptionProviderUpdatedAt(after.id, event.created); !marked)
        return marked.error();
    return Handled{};
}

Result<StripeWebhookProcessor::Handled> StripeWebhookProcessor::applyInvoice(
    StoreTransaction &store, const StripeEvent &event, Timestamp now)
{
    Result<StripeInvoice> read = StripeInvoice::read(event.object);
    if (!read)
        return handlerError(read.error().message);
    const StripeInvoice &stripe = *read;
    if (!stripe.subscription)
        return Handled{WebhookEventStatus::Ignored,
                       "invoice " + stripe.id + " belongs to no subscription"};

    Result<std::optional<Subscription>> subscription = store.subscriptionByStripeId(
        *stripe.subscription);
    if (!subscription)
        return subscription.error();
    if (!*subscription) {
        Result<std::optional<Tenant>> tenant = store.tenantByStripeCustomer(stripe.customer);
        if (!tenant)
            return tenant.error();
        if (!*tenant)
            return Handled{WebhookEventStatus::Ignored,
                           "customer " + stripe.customer + " is linked to no tenant"};
        // Retried: the subscription's own event may still be on its way.
        return handlerError("subscription " + *stripe.subscription + " is not known yet");
    }

    Result<std::optional<Invoice>> existing = store.invoiceByStripeId(stripe.id);
    if (!existing)
        return existing.error();
    if (*existing) {
        Result<std::optional<Timestamp>> appliedUpTo = store.invoiceProviderUpdatedAt(
            (*existing)->id);
        if (!appliedUpTo)
            return appliedUpTo.error();
        if (*appliedUpTo && event.created < **appliedUpTo)
            return Handled{};
    }

    const Currency currency = *stripe.currency;
    const Invoice invoice{*existing ? (*existing)->id : SessionToken::newId("inv_"),
                          (*subscription)->tenantId,
                          (*subscription)->id,
                          stripe.status,
                          Money(stripe.amountDue, currency),
                          Money(stripe.amountPaid, currency),
                          stripe.periodStart,
                          stripe.periodEnd,
                          stripe.created,
                          stripe.id};
    if (!*existing || invoice != **existing) {
        Status written = *existing ? store.updateInvoice(invoice) : store.insertInvoice(invoice);
        if (!written)
            return written.error();
        const nlohmann::json before = *existing ? invoiceJson(**existing) : nlohmann::json(nullptr);
        nlohmann::json after = invoiceJson(invoice);
        after["stripe_event_id"] = event.id;
        after["stripe_event_type"] = event.type;
        if (Status audited = writeAudit(store,
                                        stripePrincipal(),
                                        event.id,
                                        now,
                                        {*existing ? "invoice.updated" : "invoice.created",
                                         "invoice",
                                         invoice.id,
                                         invoice.tenantId,
                                         *existing ? &before : nullptr,
                                         &after});
            !audited) {
            return audited.error();
        }
    }
    if (Status marked = store.setInvoiceProviderUpdatedAt(invoice.id, event.created); !marked)
        return marked.error();
    return Handled{};
}

} // namespace Tenantry::Server
