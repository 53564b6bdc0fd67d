#include "server/billing/stripe/stripeevent.h"

#include "server/billing/stripe/jsonscanner.h"

#include <algorithm>
#include <span>

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

// What parse() checks of an event, read from a parsed document or straight from the parser's
// events: the top-level object, id, type, created, and the kinds of data and data.object. A key
// given twice counts with its last value, as in a parsed document.
enum class Kind { Absent, String, Integer, Object, Other };

struct EnvelopeField
{
    Kind kind = Kind::Absent;
    std::string text;         // a String's
    std::int64_t integer = 0; // an Integer's
};

struct EnvelopeFields
{
    bool rootIsObject = false;
    EnvelopeField object;
    EnvelopeField id;
    EnvelopeField type;
    EnvelopeField created;
    Kind data = Kind::Absent;
    Kind dataObject = Kind::Absent; // data.object, when data is an object

    static EnvelopeField fieldOf(const Json &object, const char *key)
    {
        EnvelopeField field;
        const auto found = object.find(key);
        if (found == object.end())
            return field;
        if (found->is_string()) {
            field.kind = Kind::String;
            field.text = found->get<std::string>();
        } else if (found->is_number_integer()) {
            field.kind = Kind::Integer;
            field.integer = found->get<std::int64_t>();
        } else {
            field.kind = found->is_object() ? Kind::Object : Kind::Other;
        }
        return field;
    }

    static EnvelopeFields of(const Json &root)
    {
        EnvelopeFields fields;
        fields.rootIsObject = root.is_object();
        if (!fields.rootIsObject)
            return fields;
        fields.object = fieldOf(root, "object");
        fields.id = fieldOf(root, "id");
        fields.type = fieldOf(root, "type");
        fields.created = fieldOf(root, "created");
        const auto data = root.find("data");
        if (data != root.end()) {
            fields.data = data->is_object() ? Kind::Object : Kind::Other;
            if (data->is_object())
                fields.dataObject = fieldOf(*data, "object").kind;
        }
        return fields;
    }
};

// Reads an envelope member's value: its kind, and a string's text or an integer's value.
bool readField(JsonScanner &scanner, EnvelopeField &field)
{
    field = EnvelopeField{};
    const char next = scanner.peek();
    if (next == '"') {
        field.kind = Kind::String;
        return scanner.readString(&field.text);
    }
    if (next == '-' || (next >= '0' && next <= '9')) {
        bool isInteger = false;
        long long integer = 0;
        if (!scanner.readNumber(isInteger, integer))
            return false;
        field.kind = isInteger ? Kind::Integer : Kind::Other;
        field.integer = isInteger ? integer : 0;
        return true;
    }
    field.kind = next == '{' ? Kind::Object : Kind::Other;
    return scanner.skipValue();
}

bool isHandledField(const std::string &name)
{
    return std::find(StripeEvent::kHandledFields.begin(), StripeEvent::kHandledFields.end(), name)
           != StripeEvent::kHandledFields.end();
}

// What the readers take of a value (see StripeEvent::Part): of an object, `members` only (each
// read with its own Prune; nullptr: whole); of an array, its first element (read with
// `firstElement`). A value of another kind is read whole.
struct Prune;
struct PruneMember
{
    std::string_view name;
    const Prune *prune;
};
struct Prune
{
    std::span<const PruneMember> members;
    const Prune *firstElement = nullptr;
};

constexpr PruneMember kIdMembers[] = {{"id", nullptr}};
constexpr Prune kIdOnly{kIdMembers};
constexpr PruneMember kItemMembers[] = {{"price", &kIdOnly},
                                        {"plan", &kIdOnly},
                                        {"quantity", nullptr},
                                        {"current_period_start", nullptr},
                                        {"current_period_end", nullptr}};
constexpr Prune kItem{kItemMembers};
constexpr Prune kFirstItem{{}, &kItem};
constexpr PruneMember kItemsMembers[] = {{"data", &kFirstItem}};
constexpr Prune kItems{kItemsMembers};

const Prune *pruneOf(std::string_view handledField)
{
    if (handledField == "items")
        return &kItems;
    if (handledField == "customer" || handledField == "subscription")
        return &kIdOnly;
    return nullptr;
}

// Reads the next value into `out` as `prune` says (nullptr: whole); the parts left out are
// skipped, checked for syntax. A key given twice counts with its last value.
bool readPruned(JsonScanner &scanner, const Prune *prune, Json &out)
{
    const char next = scanner.peek();
    if (prune && prune->firstElement && next == '[') {
        scanner.consume('[');
        out = Json::array();
        if (scanner.consume(']'))
            return true;
        Json first;
        if (!readPruned(scanner, prune->firstElement, first))
            return false;
        out.push_back(std::move(first));
        while (scanner.consume(',')) {
            if (!scanner.skipValue())
                return false;
        }
        return scanner.consume(']');
    }
    if (prune && !prune->members.empty() && next == '{') {
        scanner.consume('{');
        out = Json::object();
        return scanner.readMembers([&scanner, prune, &out](const std::string &key) {
            const auto member = std::find_if(prune->members.begin(),
                                             prune->members.end(),
                                             [&key](const PruneMember &m) { return m.name == key; });
            if (member == prune->members.end())
                return scanner.skipValue();
            Json value;
            if (!readPruned(scanner, member->prune, value))
                return false;
            out[key] = std::move(value);
            return true;
        });
    }
    const std::size_t from = scanner.position();
    if (!scanner.skipValue())
        return false;
    out = Json::parse(scanner.slice(from, scanner.position()), nullptr, false);
    return !out.is_discarded();
}

// Reads the members of data.object (its '{' consumed) that kHandledFields lists into `object`,
// pruned to what the readers take; the rest is skipped, checked for syntax.
bool readHandledMembers(JsonScanner &scanner, Json &object)
{
    object = Json::object();
    return scanner.readMembers([&scanner, &object](const std::string &name) {
        if (!isHandledField(name))
            return scanner.skipValue();
        Json value;
        if (!readPruned(scanner, pruneOf(name), value))
            return false;
        object[name] = std::move(value); // a member given twice: the last wins
        return true;
    });
}

// Reads the envelope of an event (and with `object`, data.object's handled members) straight
// from the text: the whole body is checked for syntax, only those members are built. A key
// given twice counts with its last value, as in a parsed document; false when the body is not
// valid JSON.
bool scanEvent(std::string_view body, EnvelopeFields &fields, Json *object)
{
    JsonScanner scanner(body);
    if (!scanner.consume('{'))
        return scanner.skipValue() && scanner.atEnd(); // valid, but not an object
    fields.rootIsObject = true;
    const auto readDataMember = [&scanner, &fields, object](const std::string &key) {
        if (key != "object")
            return scanner.skipValue();
        const bool isObject = scanner.peek() == '{';
        fields.dataObject = isObject ? Kind::Object : Kind::Other;
        if (!object || !isObject)
            return scanner.skipValue();
        scanner.consume('{');
        return readHandledMembers(scanner, *object);
    };
    const auto readRootMember = [&](const std::string &key) {
        EnvelopeField *field = key == "object"    ? &fields.object
                               : key == "id"      ? &fields.id
                               : key == "type"    ? &fields.type
                               : key == "created" ? &fields.created
                                                  : nullptr;
        if (field)
            return readField(scanner, *field);
        if (key != "data")
            return scanner.skipValue();
        // A repeated data replaces the earlier one.
        fields.dataObject = Kind::Absent;
        if (object)
            *object = Json::object();
        if (!scanner.consume('{')) {
            fields.data = Kind::Other;
            return scanner.skipValue();
        }
        fields.data = Kind::Object;
        return scanner.readMembers(readDataMember);
    };
    return scanner.readMembers(readRootMember) && scanner.atEnd();
}

} // namespace

const std::vector<std::string_view> StripeEvent::kHandledFields = {
    // StripeSubscription::read
    "id",
    "customer",
    "status",
    "items",
    "current_period_start",
    "current_period_end",
    "trial_end",
    "cancel_at_period_end",
    "canceled_at",
    "created",
    // StripeInvoice::read (id, customer, status, created above)
    "subscription",
    "parent",
    "amount_due",
    "amount_paid",
    "currency",
    "period_start",
    "period_end"};

Result<StripeEvent> StripeEvent::parse(std::string_view body, Part part)
{
    EnvelopeFields envelope;
    Json root;
    Json handled;
    if (part != Part::Whole) {
        // The envelope (the intake stores the raw body), or with data.object's handled members
        // (the worker): the rest is checked for syntax but not built.
        if (!scanEvent(body, envelope, part == Part::Handled ? &handled : nullptr))
            return invalid("invalid_event", "The body is not valid JSON");
    } else {
        root = Json::parse(body, nullptr, false);
        if (root.is_discarded())
            return invalid("invalid_event", "The body is not valid JSON");
        envelope = EnvelopeFields::of(root);
    }
    if (!envelope.rootIsObject)
        return invalid("invalid_event", "The body is not a JSON object");
    if (envelope.object.kind != Kind::Absent
        && !(envelope.object.kind == Kind::String && envelope.object.text == "event"))
        return invalid("invalid_event", "The body is not a Stripe event (object is not \"event\")");
    StripeEvent event;
    if (envelope.id.kind != Kind::String || !envelope.id.text.starts_with("evt_")
        || envelope.id.text.size() > 255)
        return invalid("invalid_event", "The event needs an id \"evt_…\"", "id");
    event.id = std::move(envelope.id.text);
    if (envelope.type.kind != Kind::String || envelope.type.text.empty()
        || envelope.type.text.size() > 255)
        return invalid("invalid_event", "The event needs a type", "type");
    event.type = std::move(envelope.type.text);
    if (envelope.created.kind != Kind::Integer)
        return invalid("invalid_event",
                       "The event needs created, a time in Unix seconds",
                       "created");
    event.created = fromUnixSeconds(envelope.created.integer);
    if (envelope.data != Kind::Object || envelope.dataObject != Kind::Object)
        return invalid("invalid_event", "The event needs data.object, an object", "data");
    switch (part) {
    case Part::Envelope:
        event.object = Json::object();
        break;
    case Part::Handled:
        event.object = std::move(handled);
        break;
    case Part::Whole:
        event.object = std::move(root["data"]["object"]);
        break;
    }
    return event;
}

void StripeSubscription::applyTo(Subscription &subscription) const
{
    subscription.quantity = quantity;
    subscription.status = status;
    subscription.currentPeriodStart = currentPeriodStart;
    subscription.currentPeriodEnd = currentPeriodEnd;
    subscription.trialEnd = trialEnd;
    subscription.cancelAtPeriodEnd = cancelAtPeriodEnd;
    subscription.canceledAt = canceledAt;
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
