#include "server/billing/stripe/stripeevent.h"

namespace Tenantry::Server {

namespace {

using Json = nlohmann::json;

Error invalid(std::string code, std::string message, std::string path = {})
{
    return Error{std::move(code), std::move(message), std::move(path)};
}

Timestamp fromUnixSeconds(std::int64_t seconds)
{
    return Timestamp(std::chrono::seconds(seconds));
}

// Reads the fields of one Stripe object; the first problem is kept (as JsonReader does for
// the API's own types, but with Stripe's conventions: Unix-second times, expandable ids).
class StripeFields
{
public:
    StripeFields(const Json &object, std::string what)
        : m_object(object)
        , m_what(std::move(what))
    {
        if (!object.is_object())
            fail("", "is not an object");
    }

    bool failed() const { return m_error.has_value(); }
    const Error &error() const { return *m_error; }

    const Json *find(const Json &object, std::string_view key) const
    {
        if (!object.is_object())
            return nullptr;
        const auto found = object.find(key);
        if (found == object.end() || found->is_null())
            return nullptr;
        return &*found;
    }

    std::string string(std::string_view key) { return optionalString(key, true).value_or(""); }

    std::optional<std::string> optionalString(std::string_view key, bool required = false)
    {
        const Json *value = find(m_object, key);
        if (!value) {
            if (required)
                fail(key, "is missing");
            return std::nullopt;
        }
        if (!value->is_string()) {
            fail(key, "is not a string");
            return std::nullopt;
        }
        return value->get<std::string>();
    }

    // An id that Stripe may expand into the object it names ("cus_…" or {"id":"cus_…",…}).
    std::optional<std::string> expandableId(const Json &object, std::string_view key)
    {
        const Json *value = find(object, key);
        if (!value)
            return std::nullopt;
        if (value->is_string())
            return value->get<std::string>();
        if (const Json *id = find(*value, "id"); id && id->is_string())
            return id->get<std::string>();
        fail(key, "is neither an id nor an object with an id");
        return std::nullopt;
    }

    std::optional<std::int64_t> optionalInteger(const Json &object, std::string_view key)
    {
        const Json *value = find(object, key);
        if (!value)
            return std::nullopt;
        if (!value->is_number_integer()) {
            fail(key, "is not an integer");
            return std::nullopt;
        }
        return value->get<std::int64_t>();
    }

    std::int64_t integer(std::string_view key)
    {
        const std::optional<std::int64_t> value = optionalInteger(m_object, key);
        if (!value && !failed())
            fail(key, "is missing");
        return value.value_or(0);
    }

    std::optional<Timestamp> optionalTime(const Json &object, std::string_view key)
    {
        const std::optional<std::int64_t> seconds = optionalInteger(object, key);
        if (!seconds)
            return std::nullopt;
        return fromUnixSeconds(*seconds);
    }

    Timestamp time(std::string_view key)
    {
        const std::optional<Timestamp> value = optionalTime(m_object, key);
        if (!value && !failed())
            fail(key, "is missing");
        return value.value_or(Timestamp{});
    }

    bool boolean(std::string_view key)
    {
        const Json *value = find(m_object, key);
        if (!value)
            return false;
        if (!value->is_boolean()) {
            fail(key, "is not a boolean");
            return false;
        }
        return value->get<bool>();
    }

    void fail(std::string_view key, const std::string &problem)
    {
        if (m_error)
            return;
        const std::string field = key.empty() ? m_what : m_what + "." + std::string(key);
        m_error = invalid("invalid_object", field + " " + problem, "/" + std::string(key));
    }

private:
    const Json &m_object;
    std::string m_what;
    std::optional<Error> m_error;
};

} // namespace

Result<StripeEvent> StripeEvent::parse(std::string_view body, Part part)
{
    // The envelope alone: everything inside data.object is checked for syntax but not built
    // (the intake stores the raw body; the worker reads the whole event later).
    const Json::parser_callback_t envelopeOnly = [](int depth, Json::parse_event_t, Json &) {
        return depth < 3;
    };
    Json root = Json::parse(body, part == Part::Envelope ? envelopeOnly : nullptr, false);
    if (root.is_discarded())
        return invalid("invalid_event", "The body is not valid JSON");
    if (!root.is_object())
        return invalid("invalid_event", "The body is not a JSON object");
    const auto object = root.find("object");
    if (object != root.end() && *object != "event")
        return invalid("invalid_event", "The body is not a Stripe event (object is not \"event\")");
    StripeEvent event;
    const auto id = root.find("id");
    if (id == root.end() || !id->is_string() || !id->get<std::string>().starts_with("evt_")
        || id->get<std::string>().size() > 255)
        return invalid("invalid_event", "The event needs an id \"evt_…\"", "id");
    event.id = id->get<std::string>();
    const auto type = root.find("type");
    if (type == root.end() || !type->is_string() || type->get<std::string>().empty()
        || type->get<std::string>().size() > 255)
        return invalid("invalid_event", "The event needs a type", "type");
    event.type = type->get<std::string>();
    const auto created = root.find("created");
    if (created == root.end() || !created->is_number_integer())
        return invalid("invalid_event",
                       "The event needs created, a time in Unix seconds",
                       "created");
    event.created = fromUnixSeconds(created->get<std::int64_t>());
    const auto data = root.find("data");
    if (data == root.end() || !data->is_object() || !data->contains("object")
        || !(*data)["object"].is_object())
        return invalid("invalid_event", "The event needs data.object, an object", "data");
    event.object = std::move((*data)["object"]);
    return event;
}

Result<StripeSubscription> StripeSubscription::read(const nlohmann::json &object)
{
    StripeFields fields(object, "subscription");
    StripeSubscription subscription;
    subscription.id = fields.string("id");
    subscription.customer = fields.expandableId(object, "customer").value_or("");
    if (!fields.failed() && subscription.customer.empty())
        fields.fail("customer", "is missing");
    const std::string status = fields.string("status");
    if (!fields.failed()) {
        const std::optional<SubscriptionStatus> known = subscriptionStatusFromString(status);
        if (!known)
            fields.fail("status", "\"" + status + "\" is not a subscription status");
        subscription.status = known.value_or(SubscriptionStatus::Incomplete);
    }

    // The first item: its price (or legacy plan), quantity and, in newer API versions, period.
    const Json *item = nullptr;
    if (const Json *items = fields.find(object, "items")) {
        if (const Json *data = fields.find(*items, "data");
            data && data->is_array() && !data->empty())
            item = &(*data)[0];
    }
    if (!item || !item->is_object()) {
        fields.fail("items", "has no first item");
    } else {
        std::optional<std::string> price = fields.expandableId(*item, "price");
        if (!price)
            price = fields.expandableId(*item, "plan");
        if (!price)
            fields.fail("items", "first item has no price");
        subscription.priceId = price.value_or("");
        subscription.quantity = fields.optionalInteger(*item, "quantity").value_or(1);
        if (subscription.quantity < 1)
            fields.fail("items", "first item has a quantity below 1");
    }
    std::optional<Timestamp> start = item ? fields.optionalTime(*item, "current_period_start")
                                          : std::nullopt;
    std::optional<Timestamp> end = item ? fields.optionalTime(*item, "current_period_end")
                                        : std::nullopt;
    if (!start)
        start = fields.optionalTime(object, "current_period_start");
    if (!end)
        end = fields.optionalTime(object, "current_period_end");
    if (!start || !end)
        fields.fail("current_period_start", "and current_period_end are missing");
    subscription.currentPeriodStart = start.value_or(Timestamp{});
    subscription.currentPeriodEnd = end.value_or(Timestamp{});
    subscription.trialEnd = fields.optionalTime(object, "trial_end");
    subscription.cancelAtPeriodEnd = fields.boolean("cancel_at_period_end");
    subscription.canceledAt = fields.optionalTime(object, "canceled_at");
    subscription.created = fields.time("created");
    if (fields.failed())
        return fields.error();
    return subscription;
}

Result<StripeInvoice> StripeInvoice::read(const nlohmann::json &object)
{
    StripeFields fields(object, "invoice");
    StripeInvoice invoice;
    invoice.id = fields.string("id");
    invoice.customer = fields.expandableId(object, "customer").value_or("");
    invoice.subscription = fields.expandableId(object, "subscription");
    if (!invoice.subscription) {
        if (const Json *parent = fields.find(object, "parent")) {
            if (const Json *details = fields.find(*parent, "subscription_details"))
                invoice.subscription = fields.expandableId(*details, "subscription");
        }
    }
    const std::string status = fields.optionalString("status").value_or("draft");
    if (!fields.failed()) {
        const std::optional<InvoiceStatus> known = invoiceStatusFromString(status);
        if (!known)
            fields.fail("status", "\"" + status + "\" is not an invoice status");
        invoice.status = known.value_or(InvoiceStatus::Draft);
    }
    invoice.amountDue = fields.integer("amount_due");
    invoice.amountPaid = fields.integer("amount_paid");
    const std::string currency = fields.string("currency");
    if (!fields.failed()) {
        invoice.currency = Currency::fromCode(currency);
        if (!invoice.currency)
            fields.fail("currency", "\"" + currency + "\" is not a currency");
    }
    invoice.created = fields.time("created");
    invoice.periodStart = fields.optionalTime(object, "period_start").value_or(invoice.created);
    invoice.periodEnd = fields.optionalTime(object, "period_end").value_or(invoice.created);
    if (fields.failed())
        return fields.error();
    return invoice;
}

} // namespace Tenantry::Server
