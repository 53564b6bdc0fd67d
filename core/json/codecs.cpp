#include "core/json/codecs.h"

#include "core/json/jsonreader.h"

#include <nlohmann/json.hpp>

#include <exception>
#include <utility>

namespace Tenantry {

namespace {

// nlohmann's exception text is "[json.exception.parse_error.101] parse error at line 1,
// column 4: syntax error while parsing value - invalid literal; last read: 'tru!'". Keep the
// description, drop the prefixes (the offset is reported separately) and the echo of the input
// ("last read"), which may be long or not even valid UTF-8.
std::string describeParseError(const char *what)
{
    std::string text(what);
    if (text.rfind("[json.exception.", 0) == 0) {
        const std::string::size_type bracket = text.find("] ");
        if (bracket != std::string::npos)
            text.erase(0, bracket + 2);
    }
    if (text.rfind("parse error", 0) == 0) {
        const std::string::size_type colon = text.find(": ");
        if (colon != std::string::npos)
            text.erase(0, colon + 2);
    }
    const std::string::size_type lastRead = text.find("; last read: ");
    if (lastRead != std::string::npos) {
        const std::string::size_type expected = text.rfind("'; expected ");
        std::string tail;
        if (expected != std::string::npos && expected > lastRead)
            tail = text.substr(expected + 1);
        text.erase(lastRead);
        text += tail;
    }
    return text;
}

Error invalidJson(std::size_t offset, const std::string &detail)
{
    return Error{"invalid_json",
                 "invalid JSON at byte offset " + std::to_string(offset)
                     + (detail.empty() ? std::string() : ": " + detail),
                 {},
                 0};
}

template<typename T, typename Decode>
Result<std::vector<T>> decodeArray(const nlohmann::json &json,
                                   const std::string &path,
                                   Decode decode)
{
    if (!json.is_array()) {
        return Error{"invalid_type",
                     "expected an array, got " + JsonReader::describeType(json),
                     path,
                     0};
    }
    std::vector<T> values;
    values.reserve(json.size());
    std::size_t index = 0;
    for (const nlohmann::json &element : json) {
        Result<T> value = decode(element, path + "/" + std::to_string(index));
        if (!value)
            return value.error();
        values.push_back(std::move(value).value());
        ++index;
    }
    return values;
}

bool isBlank(std::string_view line)
{
    for (const char c : line) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\f' && c != '\v')
            return false;
    }
    return true;
}

// Builds the document with nlohmann's own DOM builder, exceptions off, and keeps the position
// and description of a syntax error (or of a number out of range, which nlohmann::json::parse
// would throw as out_of_range without a position).
class PositionRecordingSax
{
public:
    using Json = nlohmann::json;

    explicit PositionRecordingSax(Json &result)
        : m_dom(result, false)
    {}

    bool null() { return m_dom.null(); }
    bool boolean(bool value) { return m_dom.boolean(value); }
    bool number_integer(Json::number_integer_t value) { return m_dom.number_integer(value); }
    bool number_unsigned(Json::number_unsigned_t value) { return m_dom.number_unsigned(value); }
    bool number_float(Json::number_float_t value, const Json::string_t &text)
    {
        return m_dom.number_float(value, text);
    }
    bool string(Json::string_t &value) { return m_dom.string(value); }
    bool binary(Json::binary_t &value) { return m_dom.binary(value); }
    bool start_object(std::size_t size) { return m_dom.start_object(size); }
    bool key(Json::string_t &value) { return m_dom.key(value); }
    bool end_object() { return m_dom.end_object(); }
    bool start_array(std::size_t size) { return m_dom.start_array(size); }
    bool end_array() { return m_dom.end_array(); }

    bool parse_error(std::size_t position,
                     const std::string & /*lastToken*/,
                     const nlohmann::detail::exception &exception)
    {
        // `position` is the 1-based position of the offending byte (size + 1 at the end).
        m_offset = position > 0 ? position - 1 : 0;
        m_description = describeParseError(exception.what());
        return false;
    }

    std::size_t offset() const { return m_offset; }
    const std::string &description() const { return m_description; }

private:
    nlohmann::detail::json_sax_dom_parser<Json> m_dom;
    std::size_t m_offset = 0;
    std::string m_description;
};

// Parses text without NUL bytes; on failure `errorOffset` is the 0-based byte offset.
Result<nlohmann::json> parseNulFree(std::string_view text, std::size_t &errorOffset)
{
    try {
        nlohmann::json json;
        PositionRecordingSax sax(json);
        if (nlohmann::json::sax_parse(text.begin(), text.end(), &sax))
            return json;
        errorOffset = sax.offset();
        return invalidJson(errorOffset, sax.description());
    } catch (const std::exception &error) {
        // With exceptions off in the builder nothing is expected here (out of memory at most);
        // never let it escape core.
        errorOffset = 0;
        return Error{"invalid_json",
                     "JSON could not be parsed: " + std::string(error.what()),
                     {},
                     0};
    }
}

std::string toJsonString(std::string_view text)
{
    return std::string(text);
}

} // namespace

Result<nlohmann::json> parseJson(std::string_view text)
{
    // nlohmann's lexer takes a NUL byte for the end of the input, so "{}\0garbage" would parse
    // as {}. A NUL is never valid in JSON text (inside strings it must be escaped): parse what
    // precedes it and report the NUL unless that part has an earlier error.
    const std::string_view::size_type nul = text.find('\0');
    std::size_t errorOffset = 0;
    Result<nlohmann::json> json = parseNulFree(text.substr(0, nul), errorOffset);
    if (nul == std::string_view::npos || (!json && errorOffset < nul))
        return json;
    return invalidJson(nul, "unexpected NUL byte");
}

Result<Money> decodeMoney(const nlohmann::json &json, const std::string &path)
{
    JsonReader reader(json, path);
    const std::int64_t amount = reader.requiredInt64("amount");
    const std::optional<Currency> currency = reader.requiredCurrency("currency");
    if (reader.failed())
        return reader.error();
    return Money(amount, *currency);
}

Result<Feature> decodeFeature(const nlohmann::json &json, const std::string &path)
{
    JsonReader reader(json, path);
    Feature feature;
    feature.key = reader.requiredString("key");
    feature.name = reader.requiredString("name");
    feature.description = reader.optionalString("description").value_or(std::string());
    if (reader.failed())
        return reader.error();
    return feature;
}

Result<Plan> decodePlan(const nlohmann::json &json, const std::string &path)
{
    JsonReader reader(json, path);
    std::string id = reader.requiredString("id");
    std::string key = reader.requiredString("key");
    std::string name = reader.requiredString("name");
    const std::optional<Money> price = reader.requiredMoney("price");
    const std::optional<BillingInterval> interval = reader.requiredEnum("interval",
                                                                        &billingIntervalFromString);
    std::vector<std::string> features = reader.requiredStringArray("features");
    const bool active = reader.requiredBool("active");
    const std::int64_t trialDays = reader.requiredInt64("trial_days", 0);
    const Timestamp createdAt = reader.requiredTimestamp("created_at");
    const Timestamp updatedAt = reader.requiredTimestamp("updated_at");
    const std::int64_t version = reader.requiredInt64("version", 1);
    if (reader.failed())
        return reader.error();
    return Plan{std::move(id),
                std::move(key),
                std::move(name),
                *price,
                *interval,
                std::move(features),
                active,
                trialDays,
                createdAt,
                updatedAt,
                version};
}

Result<Tenant> decodeTenant(const nlohmann::json &json, const std::string &path)
{
    JsonReader reader(json, path);
    Tenant tenant;
    tenant.id = reader.requiredString("id");
    tenant.slug = reader.requiredString("slug");
    tenant.name = reader.requiredString("name");
    const std::optional<TenantStatus> status = reader.requiredEnum("status",
                                                                   &tenantStatusFromString);
    const std::optional<Isolation> isolation = reader.requiredEnum("isolation",
                                                                   &isolationFromString);
    tenant.region = reader.requiredString("region");
    tenant.planId = reader.optionalString("plan_id");
    tenant.contactEmail = reader.optionalString("contact_email");
    tenant.notes = reader.optionalString("notes");
    tenant.createdAt = reader.requiredTimestamp("created_at");
    tenant.updatedAt = reader.requiredTimestamp("updated_at");
    tenant.deletedAt = reader.optionalTimestamp("deleted_at");
    tenant.version = reader.requiredInt64("version");
    if (reader.failed())
        return reader.error();
    tenant.status = *status;
    tenant.isolation = *isolation;
    return tenant;
}

Result<Subscription> decodeSubscription(const nlohmann::json &json, const std::string &path)
{
    JsonReader reader(json, path);
    Subscription subscription;
    subscription.id = reader.requiredString("id");
    subscription.tenantId = reader.requiredString("tenant_id");
    subscription.planId = reader.requiredString("plan_id");
    subscription.quantity = reader.requiredInt64("quantity", 1);
    const std::optional<SubscriptionStatus> status = reader.requiredEnum(
        "status", &subscriptionStatusFromString);
    subscription.currentPeriodStart = reader.requiredTimestamp("current_period_start");
    subscription.currentPeriodEnd = reader.requiredTimestamp("current_period_end");
    subscription.trialEnd = reader.optionalTimestamp("trial_end");
    subscription.cancelAtPeriodEnd = reader.requiredBool("cancel_at_period_end");
    subscription.canceledAt = reader.optionalTimestamp("canceled_at");
    subscription.createdAt = reader.requiredTimestamp("created_at");
    subscription.updatedAt = reader.requiredTimestamp("updated_at");
    subscription.version = reader.requiredInt64("version");
    subscription.stripeSubscriptionId = reader.optionalString("stripe_subscription_id");
    if (reader.failed())
        return reader.error();
    subscription.status = *status;
    return subscription;
}

Result<Invoice> decodeInvoice(const nlohmann::json &json, const std::string &path)
{
    JsonReader reader(json, path);
    std::string id = reader.requiredString("id");
    std::string tenantId = reader.requiredString("tenant_id");
    std::string subscriptionId = reader.requiredString("subscription_id");
    const std::optional<InvoiceStatus> status = reader.requiredEnum("status",
                                                                    &invoiceStatusFromString);
    const std::optional<Money> amountDue = reader.requiredMoney("amount_due");
    const std::optional<Money> amountPaid = reader.requiredMoney("amount_paid");
    const Timestamp periodStart = reader.requiredTimestamp("period_start");
    const Timestamp periodEnd = reader.requiredTimestamp("period_end");
    const Timestamp createdAt = reader.requiredTimestamp("created_at");
    std::optional<std::string> stripeInvoiceId = reader.optionalString("stripe_invoice_id");
    if (reader.failed())
        return reader.error();
    return Invoice{std::move(id),
                   std::move(tenantId),
                   std::move(subscriptionId),
                   *status,
                   *amountDue,
                   *amountPaid,
                   periodStart,
                   periodEnd,
                   createdAt,
                   std::move(stripeInvoiceId)};
}

Result<AcquisitionSpend> decodeAcquisitionSpend(const nlohmann::json &json, const std::string &path)
{
    JsonReader reader(json, path);
    const std::optional<YearMonth> month = reader.requiredYearMonth("month");
    const std::int64_t amount = reader.requiredInt64("amount", 0);
    const std::optional<Currency> currency = reader.requiredCurrency("currency");
    if (reader.failed())
        return reader.error();
    return AcquisitionSpend{*month, Money(amount, *currency)};
}

Result<MrrEvent> decodeMrrEvent(const nlohmann::json &json, const std::string &path)
{
    JsonReader reader(json, path);
    std::string tenantId = reader.requiredString("tenant_id");
    std::string subscriptionId = reader.requiredString("subscription_id");
    const Timestamp at = reader.requiredTimestamp("at");
    const std::int64_t mrr = reader.requiredInt64("mrr", 0);
    const std::optional<Currency> currency = reader.requiredCurrency("currency");
    std::optional<std::string> planId = reader.optionalString("plan_id");
    if (reader.failed())
        return reader.error();
    return MrrEvent{
        std::move(tenantId), std::move(subscriptionId), at, mrr, *currency, std::move(planId)};
}

Result<std::vector<MrrEvent>> decodeMrrEvents(const nlohmann::json &json, const std::string &path)
{
    return decodeArray<MrrEvent>(json,
                                 path,
                                 [](const nlohmann::json &element, const std::string &elementPath) {
                                     return decodeMrrEvent(element, elementPath);
                                 });
}

Result<std::vector<AcquisitionSpend>> decodeAcquisitionSpends(const nlohmann::json &json,
                                                              const std::string &path)
{
    return decodeArray<AcquisitionSpend>(json,
                                         path,
                                         [](const nlohmann::json &element,
                                            const std::string &elementPath) {
                                             return decodeAcquisitionSpend(element, elementPath);
                                         });
}

Result<std::vector<MrrEvent>> decodeMrrEventLines(std::string_view text)
{
    // A UTF-8 byte order mark at the start of the file is not part of the first line's JSON.
    constexpr std::string_view byteOrderMark = "\xEF\xBB\xBF";
    if (text.substr(0, byteOrderMark.size()) == byteOrderMark)
        text.remove_prefix(byteOrderMark.size());

    std::vector<MrrEvent> events;
    std::size_t lineNumber = 0;
    while (!text.empty()) {
        ++lineNumber;
        const std::string_view::size_type newline = text.find('\n');
        std::string_view line = text.substr(0, newline);
        text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (isBlank(line))
            continue;

        Result<nlohmann::json> json = parseJson(line);
        if (!json) {
            Error error = json.error();
            error.line = lineNumber;
            return error;
        }
        Result<MrrEvent> event = decodeMrrEvent(json.value());
        if (!event) {
            Error error = event.error();
            error.line = lineNumber;
            return error;
        }
        events.push_back(std::move(event).value());
    }
    return events;
}

nlohmann::json toJson(const Money &money)
{
    return nlohmann::json{{"amount", money.amount()}, {"currency", money.currency().toString()}};
}

nlohmann::json toJson(const Feature &feature)
{
    nlohmann::json json{{"key", feature.key}, {"name", feature.name}};
    if (!feature.description.empty())
        json["description"] = feature.description;
    return json;
}

nlohmann::json toJson(const Plan &plan)
{
    return nlohmann::json{{"id", plan.id},
                          {"key", plan.key},
                          {"name", plan.name},
                          {"price", toJson(plan.price)},
                          {"interval", toJsonString(toString(plan.interval))},
                          {"features", plan.features},
                          {"active", plan.active},
                          {"trial_days", plan.trialDays},
                          {"created_at", formatRfc3339(plan.createdAt)},
                          {"updated_at", formatRfc3339(plan.updatedAt)},
                          {"version", plan.version}};
}

nlohmann::json toJson(const Tenant &tenant)
{
    nlohmann::json json{{"id", tenant.id},
                        {"slug", tenant.slug},
                        {"name", tenant.name},
                        {"status", toJsonString(toString(tenant.status))},
                        {"isolation", toJsonString(toString(tenant.isolation))},
                        {"region", tenant.region},
                        {"created_at", formatRfc3339(tenant.createdAt)},
                        {"updated_at", formatRfc3339(tenant.updatedAt)},
                        {"version", tenant.version}};
    if (tenant.planId)
        json["plan_id"] = *tenant.planId;
    if (tenant.contactEmail)
        json["contact_email"] = *tenant.contactEmail;
    if (tenant.notes)
        json["notes"] = *tenant.notes;
    if (tenant.deletedAt)
        json["deleted_at"] = formatRfc3339(*tenant.deletedAt);
    return json;
}

nlohmann::json toJson(const Subscription &subscription)
{
    nlohmann::json json{{"id", subscription.id},
                        {"tenant_id", subscription.tenantId},
                        {"plan_id", subscription.planId},
                        {"quantity", subscription.quantity},
                        {"status", toJsonString(toString(subscription.status))},
                        {"current_period_start", formatRfc3339(subscription.currentPeriodStart)},
                        {"current_period_end", formatRfc3339(subscription.currentPeriodEnd)},
                        {"cancel_at_period_end", subscription.cancelAtPeriodEnd},
                        {"created_at", formatRfc3339(subscription.createdAt)},
                        {"updated_at", formatRfc3339(subscription.updatedAt)},
                        {"version", subscription.version}};
    if (subscription.trialEnd)
        json["trial_end"] = formatRfc3339(*subscription.trialEnd);
    if (subscription.canceledAt)
        json["canceled_at"] = formatRfc3339(*subscription.canceledAt);
    if (subscription.stripeSubscriptionId)
        json["stripe_subscription_id"] = *subscription.stripeSubscriptionId;
    return json;
}

nlohmann::json toJson(const Invoice &invoice)
{
    nlohmann::json json{{"id", invoice.id},
                        {"tenant_id", invoice.tenantId},
                        {"subscription_id", invoice.subscriptionId},
                        {"status", toJsonString(toString(invoice.status))},
                        {"amount_due", toJson(invoice.amountDue)},
                        {"amount_paid", toJson(invoice.amountPaid)},
                        {"period_start", formatRfc3339(invoice.periodStart)},
                        {"period_end", formatRfc3339(invoice.periodEnd)},
                        {"created_at", formatRfc3339(invoice.createdAt)}};
    if (invoice.stripeInvoiceId)
        json["stripe_invoice_id"] = *invoice.stripeInvoiceId;
    return json;
}

nlohmann::json toJson(const AcquisitionSpend &spend)
{
    return nlohmann::json{{"month", spend.month.toString()},
                          {"amount", spend.amount.amount()},
                          {"currency", spend.amount.currency().toString()}};
}

nlohmann::json toJson(const MrrEvent &event)
{
    nlohmann::json json{{"tenant_id", event.tenantId},
                        {"subscription_id", event.subscriptionId},
                        {"at", formatRfc3339(event.at)},
                        {"mrr", event.mrr},
                        {"currency", event.currency.toString()}};
    if (event.planId)
        json["plan_id"] = *event.planId;
    return json;
}

} // namespace Tenantry
