#pragma once

#include "core/currency.h"
#include "core/invoice.h"
#include "core/result.h"
#include "core/subscription.h"
#include "core/timestamp.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Tenantry::Server {

// A Stripe event as a webhook delivers it: {"id":"evt_…","object":"event","type","created",
// "data":{"object":{…}}, …}. Only what the inbox and the handlers need is read; everything else
// is kept in the raw payload.
struct StripeEvent
{
    std::string id;
    std::string type;
    Timestamp created;     // Stripe's `created` (Unix seconds)
    nlohmann::json object; // data.object

    // What parse() builds: the whole event; its envelope (id, type, created, and data.object
    // checked to be an object but left empty: what the webhook intake needs); or the event with
    // only the members of data.object that StripeSubscription::read and StripeInvoice::read
    // look at (kHandledFields: what the webhook worker needs; a reader that looks at another
    // member must add it there). Of the members that are large in Stripe's objects, Handled
    // keeps what those readers take: of `items`, its `data`'s first element with only `price`,
    // `plan` (each an id, or an object with only its `id`), `quantity` and the period; of
    // `customer` and `subscription`, the id or an object with only its `id`. A value of another
    // kind than that is kept whole, so that the readers report it as they would.
    enum class Part { Whole, Envelope, Handled };
    static const std::vector<std::string_view> kHandledFields;

    // The event, or an Error (code "invalid_event") whose message says what is missing. Never
    // throws. The whole body is checked to be valid JSON either way.
    static Result<StripeEvent> parse(std::string_view body, Part part = Part::Whole);
};

// The fields of a Stripe Subscription object that local state follows. Stripe moved
// current_period_start/end from the subscription to its items (API 2025-03-31); both places
// are read, the item's first.
struct StripeSubscription
{
    std::string id;       // "sub_…"
    std::string customer; // "cus_…" (the id also when the customer is expanded)
    SubscriptionStatus status = SubscriptionStatus::Incomplete;
    std::string priceId; // the first item's price ("price_…"), or its legacy plan
    std::int64_t quantity = 1;
    Timestamp currentPeriodStart;
    Timestamp currentPeriodEnd;
    std::optional<Timestamp> trialEnd;
    bool cancelAtPeriodEnd = false;
    std::optional<Timestamp> canceledAt;
    Timestamp created;

    static Result<StripeSubscription> read(const nlohmann::json &object);
    // Writes the state local subscriptions follow (quantity, status, period, trial,
    // cancellation) onto `subscription`; its plan, ids and timestamps are the caller's.
    void applyTo(Subscription &subscription) const;
};

// The fields of a Stripe Invoice object that local invoices keep. The subscription is the
// top-level `subscription` (older API versions) or parent.subscription_details.subscription.
struct StripeInvoice
{
    std::string id; // "in_…"
    std::string customer;
    std::optional<std::string> subscription;
    InvoiceStatus status = InvoiceStatus::Draft;
    std::int64_t amountDue = 0;
    std::int64_t amountPaid = 0;
    std::optional<Currency> currency; // always set by read()
    Timestamp periodStart;
    Timestamp periodEnd;
    Timestamp created;

    static Result<StripeInvoice> read(const nlohmann::json &object);
};

} // namespace Tenantry::Server
