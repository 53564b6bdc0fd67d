#include "core/json/codecs.h"
#include "core/json/jsonreader.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <functional>
#include <limits>
#include <string>
#include <vector>

// Readable QCOMPARE output for std::string.
namespace QTest {
template<>
inline char *toString(const std::string &value)
{
    return qstrdup(value.c_str());
}
} // namespace QTest

using namespace Tenantry;
using Json = nlohmann::json;

namespace {

Timestamp timestamp(std::string_view text)
{
    const Result<Timestamp> result = parseRfc3339(text);
    Q_ASSERT(result);
    return result ? result.value() : Timestamp();
}

Currency currency(std::string_view code)
{
    const std::optional<Currency> result = Currency::fromCode(code);
    Q_ASSERT(result);
    return result.value_or(*Currency::fromCode("usd"));
}

Json parsed(const std::string &text)
{
    const Result<Json> json = parseJson(text);
    Q_ASSERT(json);
    return json ? json.value() : Json();
}

QByteArray dumped(const Json &json)
{
    return QByteArray::fromStdString(json.dump());
}

// One fully populated, Stripe-shaped document per type (every optional field present), and
// the names of its optional fields.
struct Sample
{
    const char *type;
    const char *text;
    std::vector<std::string> optionalFields;
};

const std::vector<Sample> &samples()
{
    static const std::vector<Sample> all{
        {"money", R"({"amount":4900,"currency":"usd"})", {}},
        {"feature",
         R"({"key":"sso","name":"Single sign-on","description":"SAML and OIDC login"})",
         {"description"}},
        {"plan",
         R"({"id":"pln_01HZX3","key":"pro","name":"Pro","price":{"amount":4900,"currency":"usd"},
             "interval":"month","features":["blog","sso"],"active":true,"trial_days":14,
             "created_at":"2025-01-01T00:00:00Z","updated_at":"2025-01-02T00:00:00Z",
             "version":2})",
         {}},
        {"tenant",
         R"({"id":"ten_01HZX4","slug":"acme","name":"Acme Corp","status":"suspended",
             "isolation":"silo","region":"eu-west-1","plan_id":"pln_01HZX3",
             "contact_email":"ops@acme.example","notes":"Prefers email",
             "created_at":"2025-01-15T08:30:00Z","updated_at":"2025-02-01T12:00:00.123456Z",
             "deleted_at":"2025-03-01T00:00:00Z","version":3})",
         {"plan_id", "contact_email", "notes", "deleted_at"}},
        {"subscription",
         R"({"id":"sub_01HZX5","tenant_id":"ten_01HZX4","plan_id":"pln_01HZX3","quantity":3,
             "status":"past_due","current_period_start":"2025-02-01T00:00:00Z",
             "current_period_end":"2025-03-01T00:00:00Z","trial_end":"2025-01-29T00:00:00Z",
             "cancel_at_period_end":true,"canceled_at":"2025-02-20T10:15:00Z",
             "created_at":"2025-01-15T08:30:00Z","updated_at":"2025-02-20T10:15:00.500000Z",
             "version":7,"stripe_subscription_id":"sub_1PqR2sLkdIwHu7ixAbCdEfGh"})",
         {"trial_end", "canceled_at", "stripe_subscription_id"}},
        {"invoice",
         R"({"id":"inv_01HZX6","tenant_id":"ten_01HZX4","subscription_id":"sub_01HZX5",
             "status":"uncollectible","amount_due":{"amount":4900,"currency":"usd"},
             "amount_paid":{"amount":0,"currency":"usd"},"period_start":"2025-02-01T00:00:00Z",
             "period_end":"2025-03-01T00:00:00Z","created_at":"2025-03-01T00:05:00Z",
             "stripe_invoice_id":"in_1QbC3dLkdIwHu7ixXyZ"})",
         {"stripe_invoice_id"}},
        {"acquisition_spend", R"({"month":"2025-01","amount":1500000,"currency":"usd"})", {}},
        {"mrr_event",
         R"({"tenant_id":"ten_01HZX4","subscription_id":"sub_01HZX5",
             "at":"2025-02-01T00:00:00Z","mrr":4900,"currency":"usd","plan_id":"pln_01HZX3"})",
         {"plan_id"}},
    };
    return all;
}

Json sampleJson(const std::string &type)
{
    for (const Sample &sample : samples()) {
        if (sample.type == type)
            return parsed(sample.text);
    }
    Q_ASSERT(false);
    return {};
}

bool isOptional(const Sample &sample, const std::string &field)
{
    return std::find(sample.optionalFields.begin(), sample.optionalFields.end(), field)
           != sample.optionalFields.end();
}

// Decodes `json` as `type` and encodes the result again, so every decoder can be driven from
// one data table.
Result<Json> decodeAndEncode(const std::string &type, const Json &json, const std::string &path)
{
    const auto run = [&](auto decode) -> Result<Json> {
        auto value = decode(json, path);
        if (!value)
            return value.error();
        return toJson(value.value());
    };
    if (type == "money")
        return run(&decodeMoney);
    if (type == "feature")
        return run(&decodeFeature);
    if (type == "plan")
        return run(&decodePlan);
    if (type == "tenant")
        return run(&decodeTenant);
    if (type == "subscription")
        return run(&decodeSubscription);
    if (type == "invoice")
        return run(&decodeInvoice);
    if (type == "acquisition_spend")
        return run(&decodeAcquisitionSpend);
    if (type == "mrr_event")
        return run(&decodeMrrEvent);
    Q_ASSERT(false);
    return Error{"test", "unknown type", {}, 0};
}

// Wrong-typed replacements for a value: nothing a decoder may accept in its place.
std::vector<std::pair<std::string, Json>> wrongTypedValues(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::string:
        return {{"integer", 42},
                {"boolean", true},
                {"object", Json::object()},
                {"array", Json::array()}};
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
        return {{"string", "42"}, {"boolean", true}, {"float", 49.0}, {"array", Json::array()}};
    case Json::value_t::boolean:
        return {{"string", "true"}, {"integer", 1}, {"null-like 0", 0}};
    case Json::value_t::object:
        return {{"string", "49.00"}, {"integer", 4900}, {"array", Json::array()}};
    case Json::value_t::array:
        return {{"string", "blog"}, {"object", Json::object()}};
    default:
        break;
    }
    return {};
}

template<typename T>
using Decoder = Result<T> (*)(const Json &, const std::string &);

// decode(toJson(value)) == value, directly and through the serialized text.
template<typename T>
void verifyRoundTrip(const T &value, Decoder<T> decode)
{
    const Json json = toJson(value);
    const Result<T> decoded = decode(json, std::string());
    QVERIFY2(decoded, decoded ? "" : decoded.error().toString().c_str());
    QVERIFY2(decoded.value() == value, json.dump().c_str());

    const Result<Json> reparsed = parseJson(json.dump());
    QVERIFY(reparsed);
    const Result<T> fromText = decode(reparsed.value(), std::string());
    QVERIFY2(fromText, fromText ? "" : fromText.error().toString().c_str());
    QVERIFY2(fromText.value() == value, json.dump().c_str());
}

void addErrorColumns()
{
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QByteArray>("code"); // empty: decoding must succeed
    QTest::addColumn<QByteArray>("path");
}

std::vector<MrrEvent> sampleEvents(int count)
{
    std::vector<MrrEvent> events;
    events.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        events.push_back(
            MrrEvent{"ten_" + std::to_string(i),
                     "sub_" + std::to_string(i),
                     timestamp("2025-01-01T00:00:00Z") + std::chrono::hours(i),
                     4900 + i,
                     currency("usd"),
                     i % 2 == 0 ? std::optional<std::string>("pln_pro") : std::nullopt});
    }
    return events;
}

Json eventsArray(const std::vector<MrrEvent> &events)
{
    Json array = Json::array();
    for (const MrrEvent &event : events)
        array.push_back(toJson(event));
    return array;
}

} // namespace

class TestCodecs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void samplesDecodeAndEncodeCanonically_data();
    void samplesDecodeAndEncodeCanonically();
    void sampleValues();
    void optionalFieldsOmittedWhenAbsent();
    void roundTripMoney();
    void roundTripFeature();
    void roundTripPlan();
    void roundTripTenant();
    void roundTripSubscription();
    void roundTripInvoice();
    void roundTripAcquisitionSpend();
    void roundTripMrrEvent();

    void missingField_data();
    void missingField();
    void wrongType_data();
    void wrongType();
    void values_data();
    void values();
    void nonObject_data();
    void nonObject();
    void unknownFieldsIgnored_data();
    void unknownFieldsIgnored();
    void pathPrefix();

    void mrrEventsArray();
    void mrrEventsArrayErrors_data();
    void mrrEventsArrayErrors();
    void acquisitionSpendsArray();

    void mrrEventLines_data();
    void mrrEventLines();
    void mrrEventLinesContent();

    void parseJson_data();
    void parseJson();
    void parseJsonHostileInput();

    void readerPointerEscaping();
    void readerFirstErrorWins();
    void readerNonObject();
    void readerOptionalAndEnum();
};

// ---- Canonical samples and round trips -------------------------------------------------------

void TestCodecs::samplesDecodeAndEncodeCanonically_data()
{
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QByteArray>("document");
    for (const Sample &sample : samples()) {
        const Json full = parsed(sample.text);
        QTest::addRow("%s full", sample.type) << QByteArray(sample.type) << dumped(full);
        if (!sample.optionalFields.empty()) {
            Json minimal = full;
            for (const std::string &field : sample.optionalFields)
                minimal.erase(field);
            QTest::addRow("%s minimal", sample.type) << QByteArray(sample.type) << dumped(minimal);
        }
    }
}

void TestCodecs::samplesDecodeAndEncodeCanonically()
{
    QFETCH(QByteArray, type);
    QFETCH(QByteArray, document);
    const Json json = parsed(document.toStdString());
    const Result<Json> encoded = decodeAndEncode(type.toStdString(), json, {});
    QVERIFY2(encoded, encoded ? "" : encoded.error().toString().c_str());
    // toJson writes exactly the fields that were read: enums as strings, money as objects,
    // timestamps as RFC 3339, absent optionals omitted.
    QCOMPARE(encoded.value().dump(), json.dump());
}

void TestCodecs::sampleValues()
{
    const Result<Subscription> subscription = decodeSubscription(sampleJson("subscription"));
    QVERIFY(subscription);
    QCOMPARE(subscription->id, std::string("sub_01HZX5"));
    QCOMPARE(subscription->tenantId, std::string("ten_01HZX4"));
    QCOMPARE(subscription->planId, std::string("pln_01HZX3"));
    QCOMPARE(subscription->quantity, std::int64_t(3));
    QVERIFY(subscription->status == SubscriptionStatus::PastDue);
    QVERIFY(subscription->currentPeriodStart == timestamp("2025-02-01T00:00:00Z"));
    QVERIFY(subscription->currentPeriodEnd == timestamp("2025-03-01T00:00:00Z"));
    QVERIFY(subscription->trialEnd == timestamp("2025-01-29T00:00:00Z"));
    QVERIFY(subscription->cancelAtPeriodEnd);
    QVERIFY(subscription->canceledAt == timestamp("2025-02-20T10:15:00Z"));
    QVERIFY(subscription->updatedAt
            == timestamp("2025-02-20T10:15:00Z") + std::chrono::milliseconds(500));
    QCOMPARE(subscription->version, std::int64_t(7));
    QCOMPARE(subscription->stripeSubscriptionId.value_or(std::string()),
             std::string("sub_1PqR2sLkdIwHu7ixAbCdEfGh"));

    const Result<Plan> plan = decodePlan(sampleJson("plan"));
    QVERIFY(plan);
    QVERIFY(plan->price == Money(4900, currency("usd")));
    QVERIFY(plan->interval == BillingInterval::Month);
    QVERIFY(plan->features == std::vector<std::string>({"blog", "sso"}));
    QVERIFY(plan->active);

    const Result<Invoice> invoice = decodeInvoice(sampleJson("invoice"));
    QVERIFY(invoice);
    QVERIFY(invoice->status == InvoiceStatus::Uncollectible);
    QVERIFY(invoice->amountDue == Money(4900, currency("usd")));
    QVERIFY(invoice->amountPaid == Money(0, currency("usd")));

    const Result<AcquisitionSpend> spend = decodeAcquisitionSpend(sampleJson("acquisition_spend"));
    QVERIFY(spend);
    QVERIFY(spend->month == YearMonth(2025, 1));
    QVERIFY(spend->amount == Money(1500000, currency("usd")));

    // An offset is applied; an upper-case currency code is accepted and written back lower case.
    Json event = sampleJson("mrr_event");
    event["at"] = "2025-02-01T02:00:00+02:00";
    event["currency"] = "EUR";
    const Result<MrrEvent> decoded = decodeMrrEvent(event);
    QVERIFY(decoded);
    QVERIFY(decoded->at == timestamp("2025-02-01T00:00:00Z"));
    QVERIFY(decoded->currency == currency("eur"));
    QCOMPARE(toJson(*decoded)["at"].get<std::string>(), std::string("2025-02-01T00:00:00Z"));
    QCOMPARE(toJson(*decoded)["currency"].get<std::string>(), std::string("eur"));
}

void TestCodecs::optionalFieldsOmittedWhenAbsent()
{
    const MrrEvent event{
        "ten_1", "sub_1", timestamp("2025-01-01T00:00:00Z"), 0, currency("usd"), std::nullopt};
    const Json json = toJson(event);
    QVERIFY(!json.contains("plan_id"));
    QCOMPARE(json.dump(),
             std::string(R"({"at":"2025-01-01T00:00:00Z","currency":"usd","mrr":0,)"
                         R"("subscription_id":"sub_1","tenant_id":"ten_1"})"));

    QCOMPARE(toJson(Money(-1, currency("jpy"))).dump(),
             std::string(R"({"amount":-1,"currency":"jpy"})"));
    QCOMPARE(toJson(AcquisitionSpend{YearMonth(2025, 1), Money(1500000, currency("usd"))}).dump(),
             std::string(R"({"amount":1500000,"currency":"usd","month":"2025-01"})"));
    QVERIFY(!toJson(Feature{"sso", "SSO", {}}).contains("description"));

    Subscription subscription;
    subscription.id = "sub_1";
    const Json subscriptionJson = toJson(subscription);
    QVERIFY(!subscriptionJson.contains("trial_end"));
    QVERIFY(!subscriptionJson.contains("canceled_at"));
    QVERIFY(!subscriptionJson.contains("stripe_subscription_id"));
    QCOMPARE(subscriptionJson["status"].get<std::string>(), std::string("incomplete"));

    Tenant tenant;
    QVERIFY(!toJson(tenant).contains("plan_id"));
}

void TestCodecs::roundTripMoney()
{
    for (const Money &money : {Money(4900, currency("usd")),
                               Money(0, currency("jpy")),
                               Money(-250, currency("eur")),
                               Money(1234567891, currency("kwd")),
                               Money(std::numeric_limits<std::int64_t>::max(), currency("usd")),
                               Money(std::numeric_limits<std::int64_t>::min(), currency("usd"))}) {
        verifyRoundTrip<Money>(money, &decodeMoney);
        if (QTest::currentTestFailed())
            return;
    }
}

void TestCodecs::roundTripFeature()
{
    for (const Feature &feature : {Feature{"sso", "Single sign-on", "SAML and OIDC"},
                                   Feature{"api_access", "API access", {}},
                                   Feature{"ünïcödé", "名前", "\"quoted\" \\ / \n"}}) {
        verifyRoundTrip<Feature>(feature, &decodeFeature);
        if (QTest::currentTestFailed())
            return;
    }
}

void TestCodecs::roundTripPlan()
{
    const Plan monthly{"pln_1",
                       "pro",
                       "Pro",
                       Money(4900, currency("usd")),
                       BillingInterval::Month,
                       {"blog", "sso"},
                       true};
    const Plan yearly{"pln_2",
                      "pro_yearly",
                      "Pro (yearly)",
                      Money(49000, currency("eur")),
                      BillingInterval::Year,
                      {},
                      false};
    const Plan yen{"pln_3",
                   "basic",
                   "Basic",
                   Money(980, currency("jpy")),
                   BillingInterval::Month,
                   {"blog"},
                   true};
    for (const Plan &plan : {monthly, yearly, yen}) {
        verifyRoundTrip<Plan>(plan, &decodePlan);
        if (QTest::currentTestFailed())
            return;
    }
}

void TestCodecs::roundTripTenant()
{
    for (const TenantStatus status :
         {TenantStatus::Active, TenantStatus::Suspended, TenantStatus::Deleted}) {
        for (const Isolation isolation : {Isolation::Pool, Isolation::Silo, Isolation::Hybrid}) {
            Tenant tenant;
            tenant.id = "ten_1";
            tenant.slug = "acme";
            tenant.name = "Acme Corp";
            tenant.status = status;
            tenant.isolation = isolation;
            tenant.region = "us-east-1";
            tenant.planId = isolation == Isolation::Silo ? std::optional<std::string>("pln_1")
                                                         : std::nullopt;
            tenant.createdAt = timestamp("2024-12-31T23:59:59.999999Z");
            tenant.updatedAt = timestamp("2025-01-01T00:00:00.000001Z");
            tenant.version = 42;
            verifyRoundTrip<Tenant>(tenant, &decodeTenant);
            if (QTest::currentTestFailed())
                return;
        }
    }
}

void TestCodecs::roundTripSubscription()
{
    for (const SubscriptionStatus status : {SubscriptionStatus::Incomplete,
                                            SubscriptionStatus::IncompleteExpired,
                                            SubscriptionStatus::Trialing,
                                            SubscriptionStatus::Active,
                                            SubscriptionStatus::PastDue,
                                            SubscriptionStatus::Canceled,
                                            SubscriptionStatus::Unpaid,
                                            SubscriptionStatus::Paused}) {
        for (const bool withOptionals : {false, true}) {
            Subscription subscription;
            subscription.id = "sub_1";
            subscription.tenantId = "ten_1";
            subscription.planId = "pln_1";
            subscription.status = status;
            subscription.currentPeriodStart = timestamp("2025-01-01T00:00:00Z");
            subscription.currentPeriodEnd = timestamp("2025-02-01T00:00:00Z");
            subscription.cancelAtPeriodEnd = withOptionals;
            subscription.createdAt = timestamp("2024-12-15T10:00:00.123Z");
            subscription.updatedAt = timestamp("2025-01-01T00:00:00.5Z");
            subscription.version = 3;
            if (withOptionals) {
                subscription.trialEnd = timestamp("2024-12-29T10:00:00Z");
                subscription.canceledAt = timestamp("2025-01-20T08:00:00Z");
                subscription.stripeSubscriptionId = "sub_1PqR2sLkdIwHu7ix";
            }
            verifyRoundTrip<Subscription>(subscription, &decodeSubscription);
            if (QTest::currentTestFailed())
                return;
        }
    }
}

void TestCodecs::roundTripInvoice()
{
    for (const InvoiceStatus status : {InvoiceStatus::Draft,
                                       InvoiceStatus::Open,
                                       InvoiceStatus::Paid,
                                       InvoiceStatus::Uncollectible,
                                       InvoiceStatus::Void}) {
        const Invoice invoice{"inv_1",
                              "ten_1",
                              "sub_1",
                              status,
                              Money(4900, currency("usd")),
                              Money(status == InvoiceStatus::Paid ? 4900 : 0, currency("usd")),
                              timestamp("2025-01-01T00:00:00Z"),
                              timestamp("2025-02-01T00:00:00Z"),
                              timestamp("2025-02-01T00:03:12.25Z"),
                              status == InvoiceStatus::Draft
                                  ? std::nullopt
                                  : std::optional<std::string>("in_1QbC3dLkdIwHu7ix")};
        verifyRoundTrip<Invoice>(invoice, &decodeInvoice);
        if (QTest::currentTestFailed())
            return;
    }
}

void TestCodecs::roundTripAcquisitionSpend()
{
    for (const AcquisitionSpend &spend :
         {AcquisitionSpend{YearMonth(2025, 1), Money(1500000, currency("usd"))},
          AcquisitionSpend{YearMonth(1970, 12), Money(0, currency("jpy"))},
          AcquisitionSpend{YearMonth(9999, 6), Money(1, currency("kwd"))}}) {
        verifyRoundTrip<AcquisitionSpend>(spend, &decodeAcquisitionSpend);
        if (QTest::currentTestFailed())
            return;
    }
}

void TestCodecs::roundTripMrrEvent()
{
    for (const MrrEvent &event : sampleEvents(4)) {
        verifyRoundTrip<MrrEvent>(event, &decodeMrrEvent);
        if (QTest::currentTestFailed())
            return;
    }
    const MrrEvent ended{"ten_1",
                         "sub_1",
                         timestamp("2025-03-31T23:59:59.999999Z"),
                         0,
                         currency("jpy"),
                         std::nullopt};
    verifyRoundTrip<MrrEvent>(ended, &decodeMrrEvent);
}

// ---- Decoding errors, one data table per rule ------------------------------------------------

static void checkDecode()
{
    QFETCH(QByteArray, type);
    QFETCH(QByteArray, document);
    QFETCH(QByteArray, code);
    QFETCH(QByteArray, path);

    const Json json = parsed(document.toStdString());
    const Result<Json> result = decodeAndEncode(type.toStdString(), json, {});
    if (code.isEmpty()) {
        QVERIFY2(result, result ? "" : result.error().toString().c_str());
        return;
    }
    QVERIFY2(!result, document.constData());
    QCOMPARE(result.error().code, code.toStdString());
    QCOMPARE(result.error().path, path.toStdString());
    QCOMPARE(result.error().line, std::size_t(0));
    QVERIFY(!result.error().message.empty());
    QVERIFY(result.error().message.back() != '.');
}

void TestCodecs::missingField_data()
{
    addErrorColumns();
    for (const Sample &sample : samples()) {
        const Json full = parsed(sample.text);
        for (const auto &[field, value] : full.items()) {
            Json document = full;
            document.erase(field);
            const bool optional = isOptional(sample, field);
            QTest::addRow("%s without %s", sample.type, field.c_str())
                << QByteArray(sample.type) << dumped(document)
                << QByteArray(optional ? "" : "missing_field")
                << QByteArray::fromStdString("/" + field);

            // Fields of nested objects (money) are required as well.
            if (value.is_object()) {
                for (const auto &nested : value.items()) {
                    Json inner = full;
                    inner[field].erase(nested.key());
                    QTest::addRow("%s without %s/%s", sample.type, field.c_str(), nested.key().c_str())
                        << QByteArray(sample.type) << dumped(inner) << QByteArray("missing_field")
                        << QByteArray::fromStdString("/" + field + "/" + nested.key());
                }
            }
        }
        // Everything missing: the first field read is reported.
        QTest::addRow("%s empty object", sample.type)
            << QByteArray(sample.type) << QByteArray("{}") << QByteArray("missing_field")
            << QByteArray::fromStdString(std::string("/")
                                         + (sample.type == std::string("acquisition_spend")
                                                ? "month"
                                            : sample.type == std::string("mrr_event") ? "tenant_id"
                                            : sample.type == std::string("money")     ? "amount"
                                            : sample.type == std::string("feature")   ? "key"
                                                                                      : "id"));
    }
}

void TestCodecs::missingField()
{
    checkDecode();
}

void TestCodecs::wrongType_data()
{
    addErrorColumns();
    for (const Sample &sample : samples()) {
        const Json full = parsed(sample.text);
        for (const auto &[field, value] : full.items()) {
            for (const auto &[kind, wrong] : wrongTypedValues(value)) {
                Json document = full;
                document[field] = wrong;
                QTest::addRow("%s %s as %s", sample.type, field.c_str(), kind.c_str())
                    << QByteArray(sample.type) << dumped(document) << QByteArray("invalid_type")
                    << QByteArray::fromStdString("/" + field);
            }
            if (value.is_object()) {
                for (const auto &nested : value.items()) {
                    for (const auto &[kind, wrong] : wrongTypedValues(nested.value())) {
                        Json document = full;
                        document[field][nested.key()] = wrong;
                        QTest::addRow("%s %s/%s as %s",
                                      sample.type,
                                      field.c_str(),
                                      nested.key().c_str(),
                                      kind.c_str())
                            << QByteArray(sample.type) << dumped(document)
                            << QByteArray("invalid_type")
                            << QByteArray::fromStdString("/" + field + "/" + nested.key());
                    }
                }
            }

            // null: "absent" for an optional field, a wrong type for a required one.
            Json document = full;
            document[field] = nullptr;
            const bool optional = isOptional(sample, field);
            QTest::addRow("%s %s as null", sample.type, field.c_str())
                << QByteArray(sample.type) << dumped(document)
                << QByteArray(optional ? "" : "invalid_type")
                << QByteArray::fromStdString("/" + field);
        }
    }
}

void TestCodecs::wrongType()
{
    checkDecode();
}

void TestCodecs::values_data()
{
    addErrorColumns();
    // type, JSON pointer to replace in the sample, replacement (JSON text), code ("" = valid),
    // expected error path.
    struct Row
    {
        const char *name;
        const char *type;
        const char *pointer;
        const char *replacement;
        const char *code;
        const char *path;
    };
    const Row rows[] = {
        // mrr: integer minor units, never negative, never a float.
        {"mrr float 49.0", "mrr_event", "/mrr", "49.0", "invalid_type", "/mrr"},
        {"mrr float 49.5", "mrr_event", "/mrr", "49.5", "invalid_type", "/mrr"},
        {"mrr exponent", "mrr_event", "/mrr", "4.9e3", "invalid_type", "/mrr"},
        {"mrr string", "mrr_event", "/mrr", R"("4900")", "invalid_type", "/mrr"},
        {"mrr boolean", "mrr_event", "/mrr", "true", "invalid_type", "/mrr"},
        {"quantity zero", "subscription", "/quantity", "0", "invalid_value", "/quantity"},
        {"quantity string", "subscription", "/quantity", R"("2")", "invalid_type", "/quantity"},
        {"mrr negative", "mrr_event", "/mrr", "-1", "invalid_value", "/mrr"},
        {"mrr int64 min", "mrr_event", "/mrr", "-9223372036854775808", "invalid_value", "/mrr"},
        {"mrr zero", "mrr_event", "/mrr", "0", "", ""},
        {"mrr int64 max", "mrr_event", "/mrr", "9223372036854775807", "", ""},
        {"mrr int64 max + 1", "mrr_event", "/mrr", "9223372036854775808", "invalid_value", "/mrr"},
        {"mrr uint64 max", "mrr_event", "/mrr", "18446744073709551615", "invalid_value", "/mrr"},
        {"mrr beyond uint64", "mrr_event", "/mrr", "100000000000000000000", "invalid_type", "/mrr"},
        // Timestamps: RFC 3339 strings.
        {"at february 30", "mrr_event", "/at", R"("2025-02-30T00:00:00Z")", "invalid_value", "/at"},
        {"at hour 24", "mrr_event", "/at", R"("2025-01-31T24:00:00Z")", "invalid_value", "/at"},
        {"at 9 fraction digits", "mrr_event", "/at", R"("2025-01-31T23:59:59.123456789Z")", "", ""},
        {"at no zone", "mrr_event", "/at", R"("2025-01-31T23:59:59")", "invalid_value", "/at"},
        {"at words", "mrr_event", "/at", R"("yesterday")", "invalid_value", "/at"},
        {"at empty", "mrr_event", "/at", R"("")", "invalid_value", "/at"},
        {"at unix seconds", "mrr_event", "/at", "1738368000", "invalid_type", "/at"},
        {"at lower case t z", "mrr_event", "/at", R"("2025-01-31t23:59:59z")", "", ""},
        {"at offset", "mrr_event", "/at", R"("2025-01-31T23:59:59.5-05:00")", "", ""},
        // Currencies: active ISO 4217 codes.
        {"currency unknown", "mrr_event", "/currency", R"("xyz")", "invalid_value", "/currency"},
        {"currency too long", "mrr_event", "/currency", R"("usdx")", "invalid_value", "/currency"},
        {"currency too short", "mrr_event", "/currency", R"("us")", "invalid_value", "/currency"},
        {"currency empty", "mrr_event", "/currency", R"("")", "invalid_value", "/currency"},
        {"currency numeric code", "mrr_event", "/currency", "840", "invalid_type", "/currency"},
        {"currency upper case", "mrr_event", "/currency", R"("USD")", "", ""},
        {"currency jpy", "mrr_event", "/currency", R"("jpy")", "", ""},
        {"plan_id null", "mrr_event", "/plan_id", "null", "", ""},
        // Stripe subscription statuses.
        {"subscription incomplete", "subscription", "/status", R"("incomplete")", "", ""},
        {"subscription incomplete_expired",
         "subscription",
         "/status",
         R"("incomplete_expired")",
         "",
         ""},
        {"subscription trialing", "subscription", "/status", R"("trialing")", "", ""},
        {"subscription active", "subscription", "/status", R"("active")", "", ""},
        {"subscription canceled", "subscription", "/status", R"("canceled")", "", ""},
        {"subscription unpaid", "subscription", "/status", R"("unpaid")", "", ""},
        {"subscription paused", "subscription", "/status", R"("paused")", "", ""},
        {"subscription sleeping",
         "subscription",
         "/status",
         R"("sleeping")",
         "unknown_enum_value",
         "/status"},
        {"subscription cancelled (british)",
         "subscription",
         "/status",
         R"("cancelled")",
         "unknown_enum_value",
         "/status"},
        {"subscription Active",
         "subscription",
         "/status",
         R"("Active")",
         "unknown_enum_value",
         "/status"},
        {"subscription past-due",
         "subscription",
         "/status",
         R"("past-due")",
         "unknown_enum_value",
         "/status"},
        {"subscription empty status",
         "subscription",
         "/status",
         R"("")",
         "unknown_enum_value",
         "/status"},
        {"subscription trial_end invalid",
         "subscription",
         "/trial_end",
         R"("2025-13-01T00:00:00Z")",
         "invalid_value",
         "/trial_end"},
        {"subscription canceled_at invalid",
         "subscription",
         "/canceled_at",
         R"("soon")",
         "invalid_value",
         "/canceled_at"},
        {"subscription version float", "subscription", "/version", "7.0", "invalid_type", "/version"},
        // Stripe invoice statuses.
        {"invoice draft", "invoice", "/status", R"("draft")", "", ""},
        {"invoice open", "invoice", "/status", R"("open")", "", ""},
        {"invoice paid", "invoice", "/status", R"("paid")", "", ""},
        {"invoice void", "invoice", "/status", R"("void")", "", ""},
        {"invoice deleted", "invoice", "/status", R"("deleted")", "unknown_enum_value", "/status"},
        {"invoice paid_out", "invoice", "/status", R"("paid_out")", "unknown_enum_value", "/status"},
        {"invoice amount_due float",
         "invoice",
         "/amount_due/amount",
         "49.99",
         "invalid_type",
         "/amount_due/amount"},
        {"invoice amount_paid bad currency",
         "invoice",
         "/amount_paid/currency",
         R"("dollars")",
         "invalid_value",
         "/amount_paid/currency"},
        {"invoice amount_due huge",
         "invoice",
         "/amount_due/amount",
         "9223372036854775808",
         "invalid_value",
         "/amount_due/amount"},
        {"invoice period_end invalid",
         "invoice",
         "/period_end",
         R"("2025-02-29T00:00:00Z")",
         "invalid_value",
         "/period_end"},
        // Tenants.
        {"tenant active", "tenant", "/status", R"("active")", "", ""},
        {"tenant deleted", "tenant", "/status", R"("deleted")", "", ""},
        {"tenant archived", "tenant", "/status", R"("archived")", "unknown_enum_value", "/status"},
        {"tenant isolation pool", "tenant", "/isolation", R"("pool")", "", ""},
        {"tenant isolation hybrid", "tenant", "/isolation", R"("hybrid")", "", ""},
        {"tenant isolation shared",
         "tenant",
         "/isolation",
         R"("shared")",
         "unknown_enum_value",
         "/isolation"},
        {"tenant created_at invalid",
         "tenant",
         "/created_at",
         R"("2025-01-15")",
         "invalid_value",
         "/created_at"},
        {"tenant version huge",
         "tenant",
         "/version",
         "18446744073709551615",
         "invalid_value",
         "/version"},
        // Plans.
        {"plan yearly", "plan", "/interval", R"("year")", "", ""},
        {"plan weekly", "plan", "/interval", R"("weekly")", "unknown_enum_value", "/interval"},
        {"plan monthly", "plan", "/interval", R"("monthly")", "unknown_enum_value", "/interval"},
        {"plan feature not a string", "plan", "/features/1", "7", "invalid_type", "/features/1"},
        {"plan feature null", "plan", "/features/0", "null", "invalid_type", "/features/0"},
        {"plan no features", "plan", "/features", "[]", "", ""},
        {"plan price float", "plan", "/price/amount", "49.0", "invalid_type", "/price/amount"},
        {"plan price currency",
         "plan",
         "/price/currency",
         R"("zzz")",
         "invalid_value",
         "/price/currency"},
        {"plan price eur", "plan", "/price/currency", R"("eur")", "", ""},
        // Features.
        {"feature description null", "feature", "/description", "null", "", ""},
        {"feature description empty", "feature", "/description", R"("")", "", ""},
        // Acquisition spend: flat, amount >= 0, "YYYY-MM".
        {"spend month 13", "acquisition_spend", "/month", R"("2025-13")", "invalid_value", "/month"},
        {"spend month one digit",
         "acquisition_spend",
         "/month",
         R"("2025-1")",
         "invalid_value",
         "/month"},
        {"spend month words",
         "acquisition_spend",
         "/month",
         R"("January 2025")",
         "invalid_value",
         "/month"},
        {"spend month with day",
         "acquisition_spend",
         "/month",
         R"("2025-01-01")",
         "invalid_value",
         "/month"},
        {"spend amount negative", "acquisition_spend", "/amount", "-1", "invalid_value", "/amount"},
        {"spend amount zero", "acquisition_spend", "/amount", "0", "", ""},
        {"spend amount float", "acquisition_spend", "/amount", "15000.5", "invalid_type", "/amount"},
        {"spend currency unknown",
         "acquisition_spend",
         "/currency",
         R"("abc")",
         "invalid_value",
         "/currency"},
        // Money on its own may be negative (refunds, credits).
        {"money negative", "money", "/amount", "-4900", "", ""},
        {"money float", "money", "/amount", "49.5", "invalid_type", "/amount"},
    };

    for (const Row &row : rows) {
        Json document = sampleJson(row.type);
        document[Json::json_pointer(row.pointer)] = parsed(row.replacement);
        QTest::newRow(row.name) << QByteArray(row.type) << dumped(document) << QByteArray(row.code)
                                << QByteArray(row.path);
    }
}

void TestCodecs::values()
{
    checkDecode();
}

void TestCodecs::nonObject_data()
{
    addErrorColumns();
    for (const Sample &sample : samples()) {
        for (const char *document : {"[]", R"("text")", "null", "42", "true", "[{}]"}) {
            QTest::addRow("%s from %s", sample.type, document)
                << QByteArray(sample.type) << QByteArray(document) << QByteArray("invalid_type")
                << QByteArray();
        }
    }
}

void TestCodecs::nonObject()
{
    checkDecode();
}

void TestCodecs::unknownFieldsIgnored_data()
{
    QTest::addColumn<QByteArray>("type");
    for (const Sample &sample : samples())
        QTest::newRow(sample.type) << QByteArray(sample.type);
}

void TestCodecs::unknownFieldsIgnored()
{
    QFETCH(QByteArray, type);
    Json document = sampleJson(type.toStdString());
    document["livemode"] = false;
    document["metadata"] = Json{{"order_id", "6735"}};
    document["x_new_server_field"] = Json::array({1, 2.5, nullptr});
    const Result<Json> encoded = decodeAndEncode(type.toStdString(), document, {});
    QVERIFY2(encoded, encoded ? "" : encoded.error().toString().c_str());
    QCOMPARE(encoded.value().dump(), sampleJson(type.toStdString()).dump());
}

void TestCodecs::pathPrefix()
{
    Json tenant = sampleJson("tenant");
    tenant.erase("slug");
    const Result<Tenant> missing = decodeTenant(tenant, "/data/0");
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, std::string("missing_field"));
    QCOMPARE(missing.error().path, std::string("/data/0/slug"));

    Json plan = sampleJson("plan");
    plan["price"]["amount"] = "49.00";
    const Result<Plan> nested = decodePlan(plan, "/plans/2");
    QVERIFY(!nested);
    QCOMPARE(nested.error().path, std::string("/plans/2/price/amount"));

    const Result<Invoice> notAnObject = decodeInvoice(Json::array(), "/invoices/5");
    QVERIFY(!notAnObject);
    QCOMPARE(notAnObject.error().code, std::string("invalid_type"));
    QCOMPARE(notAnObject.error().path, std::string("/invoices/5"));

    const Result<Money> money = decodeMoney(Json{{"amount", 1}}, "/price");
    QVERIFY(!money);
    QCOMPARE(money.error().path, std::string("/price/currency"));
    QCOMPARE(money.error().toString().rfind("/price/currency: ", 0), std::size_t(0));
}

// ---- Arrays ----------------------------------------------------------------------------------

void TestCodecs::mrrEventsArray()
{
    const std::vector<MrrEvent> events = sampleEvents(20);
    const Result<std::vector<MrrEvent>> decoded = decodeMrrEvents(eventsArray(events));
    QVERIFY2(decoded, decoded ? "" : decoded.error().toString().c_str());
    QVERIFY(decoded.value() == events);

    const Result<std::vector<MrrEvent>> empty = decodeMrrEvents(Json::array());
    QVERIFY(empty);
    QVERIFY(empty->empty());
}

void TestCodecs::mrrEventsArrayErrors_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<QByteArray>("errorPath");

    const Json events = eventsArray(sampleEvents(20));
    Json stringMrr = events;
    stringMrr[17]["mrr"] = "4900";
    QTest::newRow("element 17 string mrr")
        << dumped(stringMrr) << QByteArray() << QByteArray("invalid_type") << QByteArray("/17/mrr");
    QTest::newRow("element 17 string mrr under /events")
        << dumped(stringMrr) << QByteArray("/events") << QByteArray("invalid_type")
        << QByteArray("/events/17/mrr");

    Json floatMrr = events;
    floatMrr[3]["mrr"] = 49.5;
    floatMrr[17]["mrr"] = "4900";
    QTest::newRow("first bad element wins")
        << dumped(floatMrr) << QByteArray() << QByteArray("invalid_type") << QByteArray("/3/mrr");

    Json negative = events;
    negative[0]["mrr"] = -4900;
    QTest::newRow("element 0 negative mrr")
        << dumped(negative) << QByteArray("/events") << QByteArray("invalid_value")
        << QByteArray("/events/0/mrr");

    Json missing = events;
    missing[19].erase("at");
    QTest::newRow("last element missing at")
        << dumped(missing) << QByteArray() << QByteArray("missing_field") << QByteArray("/19/at");

    Json notObject = events;
    notObject[5] = "ten_5";
    QTest::newRow("element 5 not an object")
        << dumped(notObject) << QByteArray("/events") << QByteArray("invalid_type")
        << QByteArray("/events/5");

    Json nullElement = events;
    nullElement[11] = nullptr;
    QTest::newRow("element 11 null")
        << dumped(nullElement) << QByteArray() << QByteArray("invalid_type") << QByteArray("/11");

    QTest::newRow("object instead of array") << dumped(events[0]) << QByteArray("/events")
                                             << QByteArray("invalid_type") << QByteArray("/events");
    QTest::newRow("null instead of array")
        << QByteArray("null") << QByteArray() << QByteArray("invalid_type") << QByteArray();
}

void TestCodecs::mrrEventsArrayErrors()
{
    QFETCH(QByteArray, document);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, code);
    QFETCH(QByteArray, errorPath);

    const Result<std::vector<MrrEvent>> result = decodeMrrEvents(parsed(document.toStdString()),
                                                                 path.toStdString());
    QVERIFY(!result);
    QCOMPARE(result.error().code, code.toStdString());
    QCOMPARE(result.error().path, errorPath.toStdString());
}

void TestCodecs::acquisitionSpendsArray()
{
    const std::vector<AcquisitionSpend> spends{
        {YearMonth(2025, 1), Money(1500000, currency("usd"))},
        {YearMonth(2025, 2), Money(0, currency("usd"))},
        {YearMonth(2025, 3), Money(990000, currency("eur"))},
    };
    Json array = Json::array();
    for (const AcquisitionSpend &spend : spends)
        array.push_back(toJson(spend));

    const Result<std::vector<AcquisitionSpend>> decoded = decodeAcquisitionSpends(array);
    QVERIFY2(decoded, decoded ? "" : decoded.error().toString().c_str());
    QVERIFY(decoded.value() == spends);

    array[2]["amount"] = -5;
    const Result<std::vector<AcquisitionSpend>> negative = decodeAcquisitionSpends(array, "/spend");
    QVERIFY(!negative);
    QCOMPARE(negative.error().code, std::string("invalid_value"));
    QCOMPARE(negative.error().path, std::string("/spend/2/amount"));

    array[1]["month"] = "2025-00";
    const Result<std::vector<AcquisitionSpend>> badMonth = decodeAcquisitionSpends(array);
    QVERIFY(!badMonth);
    QCOMPARE(badMonth.error().code, std::string("invalid_value"));
    QCOMPARE(badMonth.error().path, std::string("/1/month"));

    const Result<std::vector<AcquisitionSpend>> notArray = decodeAcquisitionSpends(Json::object(),
                                                                                   "/spend");
    QVERIFY(!notArray);
    QCOMPARE(notArray.error().code, std::string("invalid_type"));
    QCOMPARE(notArray.error().path, std::string("/spend"));
}

// ---- JSON Lines ------------------------------------------------------------------------------

void TestCodecs::mrrEventLines_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("count"); // events decoded, or -1 for an error
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<int>("line");
    QTest::addColumn<QByteArray>("path");

    const QByteArray e1
        = R"({"tenant_id":"ten_1","subscription_id":"sub_1","at":"2025-01-01T00:00:00Z","mrr":4900,"currency":"usd"})";
    const QByteArray e2
        = R"({"tenant_id":"ten_2","subscription_id":"sub_2","at":"2025-01-02T00:00:00Z","mrr":0,"currency":"eur","plan_id":null})";
    const QByteArray stringMrr
        = R"({"tenant_id":"ten_3","subscription_id":"sub_3","at":"2025-01-03T00:00:00Z","mrr":"4900","currency":"usd"})";
    const QByteArray noCurrency
        = R"({"tenant_id":"ten_4","subscription_id":"sub_4","at":"2025-01-04T00:00:00Z","mrr":1})";

    QTest::newRow("two lines") << e1 + '\n' + e2 + '\n' << 2 << QByteArray() << 0 << QByteArray();
    QTest::newRow("no trailing newline")
        << e1 + '\n' + e2 << 2 << QByteArray() << 0 << QByteArray();
    QTest::newRow("windows line endings") << e1 + "\r\n" + e2 + "\r\n"
                                          << 2 << QByteArray() << 0 << QByteArray();
    QTest::newRow("blank and whitespace-only lines") << "\n" + e1 + "\n   \n\t\r\n" + e2 + "\n\n"
                                                     << 2 << QByteArray() << 0 << QByteArray();
    QTest::newRow("empty input") << QByteArray() << 0 << QByteArray() << 0 << QByteArray();
    QTest::newRow("only blank lines")
        << QByteArray("\n\r\n  \n") << 0 << QByteArray() << 0 << QByteArray();
    QTest::newRow("byte order mark") << "\xEF\xBB\xBF" + e1 + '\n'
                                     << 1 << QByteArray() << 0 << QByteArray();

    QTest::newRow("error on line 3 after blank line 2")
        << e1 + "\n\n" + stringMrr + '\n' + e2 << -1 << QByteArray("invalid_type") << 3
        << QByteArray("/mrr");
    QTest::newRow("error on line 3 with windows line endings")
        << e1 + "\r\n\r\n" + stringMrr + "\r\n"
        << -1 << QByteArray("invalid_type") << 3 << QByteArray("/mrr");
    QTest::newRow("missing field on line 5")
        << e1 + '\n' + e2 + "\n\n  \n" + noCurrency + '\n'
        << -1 << QByteArray("missing_field") << 5 << QByteArray("/currency");
    QTest::newRow("error on line 1")
        << stringMrr + '\n' + e1 << -1 << QByteArray("invalid_type") << 1 << QByteArray("/mrr");
    QTest::newRow("invalid JSON on line 2") << e1 + "\n{\"tenant_id\": \n" + e2 << -1
                                            << QByteArray("invalid_json") << 2 << QByteArray();
    QTest::newRow("object split over two lines")
        << QByteArray("{\"tenant_id\":\"ten_1\",\n\"mrr\":1}") << -1 << QByteArray("invalid_json")
        << 1 << QByteArray();
    QTest::newRow("two objects on one line")
        << e1 + ' ' + e2 + '\n'
        << -1 << QByteArray("invalid_json") << 1 << QByteArray();
    QTest::newRow("array line") << e1 + "\n[" + e2 + "]\n"
                                << -1 << QByteArray("invalid_type") << 2 << QByteArray();
    QTest::newRow("negative mrr line 2")
        << e1 + '\n' + QByteArray(e2).replace("\"mrr\":0", "\"mrr\":-1") << -1
        << QByteArray("invalid_value") << 2 << QByteArray("/mrr");
}

void TestCodecs::mrrEventLines()
{
    QFETCH(QByteArray, text);
    QFETCH(int, count);
    QFETCH(QByteArray, code);
    QFETCH(int, line);
    QFETCH(QByteArray, path);

    const Result<std::vector<MrrEvent>> result = decodeMrrEventLines(
        std::string_view(text.constData(), static_cast<std::size_t>(text.size())));
    if (count >= 0) {
        QVERIFY2(result, result ? "" : result.error().toString().c_str());
        QCOMPARE(result->size(), static_cast<std::size_t>(count));
        return;
    }
    QVERIFY(!result);
    QCOMPARE(result.error().code, code.toStdString());
    QCOMPARE(result.error().line, static_cast<std::size_t>(line));
    QCOMPARE(result.error().path, path.toStdString());
    const std::string prefix = "line " + std::to_string(line) + ": "
                               + (path.isEmpty() ? std::string() : path.toStdString() + ": ");
    QCOMPARE(result.error().toString().substr(0, prefix.size()), prefix);
    if (code == "invalid_json")
        QVERIFY2(result.error().message.find("byte offset ") != std::string::npos,
                 result.error().message.c_str());
}

void TestCodecs::mrrEventLinesContent()
{
    const std::vector<MrrEvent> events = sampleEvents(3);
    std::string text;
    for (const MrrEvent &event : events)
        text += toJson(event).dump() + "\r\n\r\n";
    const Result<std::vector<MrrEvent>> decoded = decodeMrrEventLines(text);
    QVERIFY2(decoded, decoded ? "" : decoded.error().toString().c_str());
    QVERIFY(decoded.value() == events);

    // The offset of invalid JSON is counted within its line.
    const Result<std::vector<MrrEvent>> invalid = decodeMrrEventLines(toJson(events[0]).dump()
                                                                      + "\n\ntru!\n");
    QVERIFY(!invalid);
    QCOMPARE(invalid.error().line, std::size_t(3));
    QVERIFY2(invalid.error().message.find("byte offset 3:") != std::string::npos,
             invalid.error().message.c_str());
}

// ---- parseJson -------------------------------------------------------------------------------

void TestCodecs::parseJson_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("offset"); // 0-based byte offset of the error, -1 when valid

    QTest::newRow("object") << QByteArray(R"({"a":1})") << -1;
    QTest::newRow("array with spaces") << QByteArray("  [1, 2.5, \"x\", null]\n") << -1;
    QTest::newRow("scalar") << QByteArray("42") << -1;
    QTest::newRow("empty") << QByteArray() << 0;
    QTest::newRow("whitespace only") << QByteArray("   ") << 3;
    QTest::newRow("bad literal") << QByteArray("tru!") << 3;
    QTest::newRow("truncated literal") << QByteArray("nul") << 3;
    QTest::newRow("trailing comma in object") << QByteArray(R"({"a":1,})") << 7;
    QTest::newRow("trailing comma in array") << QByteArray("[1,]") << 3;
    QTest::newRow("unterminated array") << QByteArray("[1,2") << 4;
    QTest::newRow("missing colon") << QByteArray(R"({"a" 1})") << 5;
    QTest::newRow("unterminated string") << QByteArray(R"({"a":"x})") << 8;
    QTest::newRow("trailing garbage") << QByteArray("{} x") << 3;
    QTest::newRow("second document") << QByteArray(R"({"a":1}})") << 7;
    QTest::newRow("invalid utf-8 in string") << QByteArray("\"\xff\"") << 1;
    QTest::newRow("nul after document") << QByteArray("{}\0garbage", 10) << 2;
    QTest::newRow("nul inside document") << QByteArray("{\"a\":\0}", 7) << 5;
    QTest::newRow("error before nul") << QByteArray("[1,]\0", 5) << 3;
    QTest::newRow("single quotes") << QByteArray("{'a':1}") << 1;
}

void TestCodecs::parseJson()
{
    QFETCH(QByteArray, text);
    QFETCH(int, offset);

    const Result<Json> result = Tenantry::parseJson(
        std::string_view(text.constData(), static_cast<std::size_t>(text.size())));
    if (offset < 0) {
        QVERIFY2(result, result ? "" : result.error().toString().c_str());
        return;
    }
    QVERIFY(!result);
    QCOMPARE(result.error().code, std::string("invalid_json"));
    QVERIFY(result.error().path.empty());
    QCOMPARE(result.error().line, std::size_t(0));
    const std::string expected = "byte offset " + std::to_string(offset) + ":";
    QVERIFY2(result.error().message.find(expected) != std::string::npos,
             result.error().message.c_str());
    // nlohmann's exception prefix and echo of the input stay out of the message.
    QVERIFY(result.error().message.find("json.exception") == std::string::npos);
    QVERIFY(result.error().message.find("last read") == std::string::npos);
}

void TestCodecs::parseJsonHostileInput()
{
    // Deeply nested input: an error value, no crash and no exception.
    const std::string unterminated(100000, '[');
    const Result<Json> deep = Tenantry::parseJson(unterminated);
    QVERIFY(!deep);
    QCOMPARE(deep.error().code, std::string("invalid_json"));

    const std::string nested = std::string(10000, '[') + std::string(10000, ']');
    const Result<Json> valid = Tenantry::parseJson(nested);
    QVERIFY(valid);
    const Result<std::vector<MrrEvent>> events = decodeMrrEvents(valid.value());
    QVERIFY(!events);
    QCOMPARE(events.error().path, std::string("/0"));

    // A number beyond double: an error with an offset, not nlohmann's out_of_range exception.
    const Result<Json> huge = Tenantry::parseJson(R"({"mrr":1e999999})");
    QVERIFY(!huge);
    QCOMPARE(huge.error().code, std::string("invalid_json"));
    QVERIFY2(huge.error().message.find("byte offset ") != std::string::npos,
             huge.error().message.c_str());
}

// ---- JsonReader ------------------------------------------------------------------------------

void TestCodecs::readerPointerEscaping()
{
    const Json json = parsed(R"({"a/b":1,"m~n":"x","~1":true})");
    JsonReader reader(json, "/root");
    QCOMPARE(reader.fieldPath("a/b"), std::string("/root/a~1b"));
    QCOMPARE(reader.fieldPath("m~n"), std::string("/root/m~0n"));
    QCOMPARE(reader.fieldPath("~1"), std::string("/root/~01"));
    QCOMPARE(reader.fieldPath(""), std::string("/root/"));

    QCOMPARE(reader.requiredInt64("a/b"), std::int64_t(1));
    QCOMPARE(reader.requiredString("m~n"), std::string("x"));
    QVERIFY(reader.requiredBool("~1"));
    QVERIFY(!reader.failed());

    reader.requiredString("a/b");
    QVERIFY(reader.failed());
    QCOMPARE(reader.error().code, std::string("invalid_type"));
    QCOMPARE(reader.error().path, std::string("/root/a~1b"));

    // The escaped pointer resolves to the field again.
    QCOMPARE(json.at(Json::json_pointer("/m~0n")).get<std::string>(), std::string("x"));
}

void TestCodecs::readerFirstErrorWins()
{
    const Json json = parsed(R"({"id":5,"mrr":49.5,"active":true,"name":"Acme"})");
    JsonReader reader(json, {});
    QCOMPARE(reader.requiredString("id"), std::string());
    QCOMPARE(reader.requiredInt64("mrr"), std::int64_t(0));
    QCOMPARE(reader.requiredString("missing"), std::string());
    // After the first error every accessor returns a neutral value.
    QCOMPARE(reader.requiredString("name"), std::string());
    QVERIFY(!reader.requiredBool("active"));
    QVERIFY(reader.failed());
    QCOMPARE(reader.error().code, std::string("invalid_type"));
    QCOMPARE(reader.error().path, std::string("/id"));
    QCOMPARE(reader.error().message, std::string("expected a string, got an integer"));

    reader.fail(Error{"other", "later", "/x", 0});
    QCOMPARE(reader.error().code, std::string("invalid_type"));
}

void TestCodecs::readerNonObject()
{
    const Json array = Json::array({1, 2});
    JsonReader reader(array, "/events/3");
    QVERIFY(reader.failed());
    QCOMPARE(reader.error().code, std::string("invalid_type"));
    QCOMPARE(reader.error().path, std::string("/events/3"));
    QCOMPARE(reader.error().message, std::string("expected an object, got an array"));
    QCOMPARE(reader.requiredString("id"), std::string());
    QCOMPARE(reader.error().path, std::string("/events/3"));
}

void TestCodecs::readerOptionalAndEnum()
{
    const Json json = parsed(R"({"absent_is_fine":null,"status":"trialing","bad":"sleeping",
                                 "tags":["a","b"],"price":{"amount":980,"currency":"JPY"},
                                 "at":"2025-01-31T23:59:59.123456Z","month":"2025-12"})");
    JsonReader reader(json, "/x");
    QVERIFY(!reader.optionalString("absent_is_fine"));
    QVERIFY(!reader.optionalString("not_there"));
    QVERIFY(!reader.optionalTimestamp("absent_is_fine"));
    QVERIFY(reader.requiredEnum("status", &subscriptionStatusFromString)
            == SubscriptionStatus::Trialing);
    QVERIFY(reader.requiredStringArray("tags") == std::vector<std::string>({"a", "b"}));
    QVERIFY(reader.requiredMoney("price") == Money(980, currency("jpy")));
    QVERIFY(reader.requiredTimestamp("at")
            == timestamp("2025-01-31T23:59:59Z") + std::chrono::microseconds(123456));
    QVERIFY(reader.requiredYearMonth("month") == YearMonth(2025, 12));
    QVERIFY(!reader.failed());

    QVERIFY(!reader.requiredEnum("bad", &subscriptionStatusFromString));
    QVERIFY(reader.failed());
    QCOMPARE(reader.error().code, std::string("unknown_enum_value"));
    QCOMPARE(reader.error().path, std::string("/x/bad"));
    QVERIFY(reader.error().message.find("sleeping") != std::string::npos);

    JsonReader money(json, "/x");
    QVERIFY(!money.requiredMoney("price", 1000));
    QCOMPARE(money.error().code, std::string("invalid_value"));
    QCOMPARE(money.error().path, std::string("/x/price/amount"));
}

QTEST_APPLESS_MAIN(TestCodecs)

#include "testcodecs.moc"
