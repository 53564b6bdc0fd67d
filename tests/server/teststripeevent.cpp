// StripeEvent::parse: the whole event (the worker) and its envelope (the webhook intake, which
// stores the raw body and builds nothing of data.object), on Stripe's own example event.

#include "server/billing/stripe/jsonscanner.h"
#include "server/billing/stripe/stripeevent.h"

#include <QFile>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <random>
#include <string>

using namespace Tenantry;
using namespace Tenantry::Server;

namespace {

// Stripe's example event with a subscription as its object (tests/data/stripe/fixtures.json).
nlohmann::json exampleEvent()
{
    QFile file(QStringLiteral(TENANTRY_TEST_DATA_DIR "/stripe/fixtures.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read the Stripe fixtures");
    const nlohmann::json resources = nlohmann::json::parse(file.readAll().toStdString())
                                         .at("resources");
    nlohmann::json event = resources.at("event");
    event["id"] = "evt_1";
    event["type"] = "customer.subscription.updated";
    event["created"] = 1700000000;
    event["data"] = {{"object", resources.at("subscription")}};
    return event;
}

// JsonScanner's verdict on a whole text: one value, then only whitespace.
bool scannerAccepts(std::string_view text)
{
    JsonScanner scanner(text);
    return scanner.skipValue() && scanner.atEnd();
}

// How `part` (an envelope or handled parse) differs from the whole parse of the same body in
// what both read: acceptance, the error, and the envelope's fields. Empty when it does not.
QString differsFromWhole(const Result<StripeEvent> &whole, const Result<StripeEvent> &part)
{
    if (bool(part) != bool(whole))
        return whole ? QStringLiteral("refused a body the whole parse takes")
                     : QStringLiteral("took a body the whole parse refuses");
    if (!whole) {
        if (part.error().code != whole.error().code || part.error().message != whole.error().message
            || part.error().path != whole.error().path)
            return QStringLiteral("another error: ") + QString::fromStdString(part.error().message);
        return {};
    }
    if (part->id != whole->id || part->type != whole->type || part->created != whole->created)
        return QStringLiteral("another id, type or created");
    return {};
}

// An expandable id as Part::Handled keeps it: an object with only its id, anything else whole.
nlohmann::json idOnly(const nlohmann::json &value)
{
    if (!value.is_object())
        return value;
    nlohmann::json kept = nlohmann::json::object();
    if (const auto id = value.find("id"); id != value.end())
        kept["id"] = *id;
    return kept;
}

// `items` as Part::Handled keeps it (StripeEvent::Part says what; written here from that, not
// from the scanner's code): data's first element, with price and plan ids, quantity and period.
nlohmann::json itemsKept(const nlohmann::json &items)
{
    if (!items.is_object())
        return items;
    nlohmann::json kept = nlohmann::json::object();
    const auto data = items.find("data");
    if (data == items.end())
        return kept;
    if (!data->is_array()) {
        kept["data"] = *data;
        return kept;
    }
    nlohmann::json first = nlohmann::json::array();
    if (!data->empty()) {
        const nlohmann::json &item = data->front();
        if (!item.is_object()) {
            first.push_back(item);
        } else {
            nlohmann::json itemKept = nlohmann::json::object();
            for (const char *key : {"price", "plan"}) {
                if (const auto found = item.find(key); found != item.end())
                    itemKept[key] = idOnly(*found);
            }
            for (const char *key : {"quantity", "current_period_start", "current_period_end"}) {
                if (const auto found = item.find(key); found != item.end())
                    itemKept[key] = *found;
            }
            first.push_back(std::move(itemKept));
        }
    }
    kept["data"] = std::move(first);
    return kept;
}

// data.object as Part::Handled builds it: the listed members only, the large ones pruned.
nlohmann::json handledOnly(const nlohmann::json &object)
{
    nlohmann::json kept = nlohmann::json::object();
    for (const std::string_view key : StripeEvent::kHandledFields) {
        const auto found = object.find(key);
        if (found == object.end())
            continue;
        if (key == "items")
            kept[std::string(key)] = itemsKept(*found);
        else if (key == "customer" || key == "subscription")
            kept[std::string(key)] = idOnly(*found);
        else
            kept[std::string(key)] = *found;
    }
    return kept;
}

// Where the two readers read `b` otherwise than `a` (empty when they agree, failures included).
QString readsDiffer(const nlohmann::json &a, const nlohmann::json &b)
{
    const Result<StripeSubscription> subscriptionA = StripeSubscription::read(a);
    const Result<StripeSubscription> subscriptionB = StripeSubscription::read(b);
    if (bool(subscriptionA) != bool(subscriptionB))
        return QStringLiteral("StripeSubscription::read succeeds on one only");
    if (!subscriptionA && subscriptionA.error().message != subscriptionB.error().message)
        return QString::fromStdString("subscription errors differ: " + subscriptionA.error().message
                                      + " / " + subscriptionB.error().message);
    if (subscriptionA
        && (subscriptionA->id != subscriptionB->id
            || subscriptionA->customer != subscriptionB->customer
            || subscriptionA->priceId != subscriptionB->priceId
            || subscriptionA->quantity != subscriptionB->quantity
            || subscriptionA->currentPeriodStart != subscriptionB->currentPeriodStart
            || subscriptionA->currentPeriodEnd != subscriptionB->currentPeriodEnd))
        return QStringLiteral("the subscriptions differ");
    const Result<StripeInvoice> invoiceA = StripeInvoice::read(a);
    const Result<StripeInvoice> invoiceB = StripeInvoice::read(b);
    if (bool(invoiceA) != bool(invoiceB))
        return QStringLiteral("StripeInvoice::read succeeds on one only");
    if (!invoiceA && invoiceA.error().message != invoiceB.error().message)
        return QString::fromStdString("invoice errors differ: " + invoiceA.error().message + " / "
                                      + invoiceB.error().message);
    if (invoiceA
        && (invoiceA->customer != invoiceB->customer
            || invoiceA->subscription != invoiceB->subscription))
        return QStringLiteral("the invoices differ");
    return {};
}

} // namespace

class TestStripeEvent : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wholeAndEnvelopeAgree();
    void envelopeStillChecksTheWholeBody_data();
    void envelopeStillChecksTheWholeBody();
    void envelopeReadsLikeTheWholeEvent_data();
    void envelopeReadsLikeTheWholeEvent();
    void handledPartReadsLikeTheWholeEvent_data();
    void handledPartReadsLikeTheWholeEvent();
    void scannerAcceptsWhatNlohmannAccepts_data();
    void scannerAcceptsWhatNlohmannAccepts();
    void scannerReadsStringsAndNumbersLikeNlohmann_data();
    void scannerReadsStringsAndNumbersLikeNlohmann();
    void mutatedEventsReadAlikeInEveryPart();
};

void TestStripeEvent::wholeAndEnvelopeAgree()
{
    const nlohmann::json example = exampleEvent();
    const std::string body = example.dump();
    const Result<StripeEvent> whole = StripeEvent::parse(body);
    const Result<StripeEvent> envelope = StripeEvent::parse(body, StripeEvent::Part::Envelope);
    QVERIFY(whole);
    QVERIFY(envelope);
    QCOMPARE(envelope->id, whole->id);
    QCOMPARE(envelope->type, whole->type);
    QVERIFY(envelope->created == whole->created);
    QCOMPARE(whole->id, std::string("evt_1"));
    // The whole event carries data.object as sent; the envelope an empty object.
    QVERIFY(whole->object == example["data"]["object"]);
    QVERIFY(envelope->object.is_object());
    QVERIFY(envelope->object.empty());
    QVERIFY(StripeSubscription::read(whole->object));
}

void TestStripeEvent::envelopeStillChecksTheWholeBody_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("message");
    const std::string good = exampleEvent().dump();
    // A syntax error deep inside data.object.
    const std::string objectStart = R"("data":{"object":{)";
    const std::size_t at = good.find(objectStart);
    QVERIFY(at != std::string::npos);
    const std::size_t cut = at + objectStart.size();
    const std::string broken = good.substr(0, cut) + "," + good.substr(cut);
    QTest::newRow("syntax error inside data.object")
        << QString::fromStdString(broken) << QStringLiteral("not valid JSON");
    nlohmann::json noObject = exampleEvent();
    noObject["data"].erase("object");
    QTest::newRow("no data.object")
        << QString::fromStdString(noObject.dump()) << QStringLiteral("data.object");
    nlohmann::json scalarObject = exampleEvent();
    scalarObject["data"]["object"] = 42;
    QTest::newRow("data.object not an object")
        << QString::fromStdString(scalarObject.dump()) << QStringLiteral("data.object");
    nlohmann::json noId = exampleEvent();
    noId.erase("id");
    QTest::newRow("no id") << QString::fromStdString(noId.dump()) << QStringLiteral("evt_");
}

void TestStripeEvent::envelopeStillChecksTheWholeBody()
{
    QFETCH(QString, body);
    QFETCH(QString, message);
    for (const StripeEvent::Part part : {StripeEvent::Part::Whole, StripeEvent::Part::Envelope}) {
        const Result<StripeEvent> parsed = StripeEvent::parse(body.toStdString(), part);
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().code, std::string("invalid_event"));
        QVERIFY2(QString::fromStdString(parsed.error().message).contains(message),
                 parsed.error().message.c_str());
    }
}

void TestStripeEvent::envelopeReadsLikeTheWholeEvent_data()
{
    // The envelope is read from the parser's events, the whole event from a document: the two
    // must take and refuse the same bodies, with the same messages and the same fields.
    QTest::addColumn<QString>("body");
    const auto row = [](const char *name, const std::string &body) {
        QTest::newRow(name) << QString::fromStdString(body);
    };
    const std::string data = R"("data":{"object":{"id":"sub_1","items":{"data":[{"id":"x"}]}}})";
    row("minimal", R"({"id":"evt_1","type":"a.b","created":1,)" + data + "}");
    row("object is event", R"({"object":"event","id":"evt_1","type":"a","created":1,)" + data + "}");
    row("object is not event",
        R"({"object":"invoice","id":"evt_1","type":"a","created":1,)" + data + "}");
    row("object is null", R"({"object":null,"id":"evt_1","type":"a","created":1,)" + data + "}");
    row("object is a number", R"({"object":7,"id":"evt_1","type":"a","created":1,)" + data + "}");
    row("root is an array", R"([{"id":"evt_1","type":"a","created":1,)" + data + "}]");
    row("root is a string", R"("evt_1")");
    row("trailing garbage", R"({"id":"evt_1","type":"a","created":1,)" + data + "} x");
    row("id twice, the last wins",
        R"({"id":"evt_1","id":"nope","type":"a","created":1,)" + data + "}");
    row("id twice, valid last", R"({"id":7,"id":"evt_2","type":"a","created":1,)" + data + "}");
    row("id not a string", R"({"id":["evt_1"],"type":"a","created":1,)" + data + "}");
    row("id too long",
        R"({"id":"evt_)" + std::string(300, 'x') + R"(","type":"a","created":1,)" + data + "}");
    row("type empty", R"({"id":"evt_1","type":"","created":1,)" + data + "}");
    row("type an object", R"({"id":"evt_1","type":{"a":1},"created":1,)" + data + "}");
    row("created a float", R"({"id":"evt_1","type":"a","created":1.5,)" + data + "}");
    row("created negative", R"({"id":"evt_1","type":"a","created":-5,)" + data + "}");
    row("created a string", R"({"id":"evt_1","type":"a","created":"1",)" + data + "}");
    row("created huge", R"({"id":"evt_1","type":"a","created":18446744073709551615,)" + data + "}");
    row("data null", R"({"id":"evt_1","type":"a","created":1,"data":null})");
    row("data.object null", R"({"id":"evt_1","type":"a","created":1,"data":{"object":null}})");
    row("data.object an array", R"({"id":"evt_1","type":"a","created":1,"data":{"object":[{}]}})");
    row("data twice, the last has no object",
        R"({"id":"evt_1","type":"a","created":1,)" + data + R"(,"data":{"previous":{}}})");
    row("data twice, the last has an object",
        R"({"id":"evt_1","type":"a","created":1,"data":{"x":1},)" + data + "}");
    row("data.object twice, the last is not an object",
        R"({"id":"evt_1","type":"a","created":1,"data":{"object":{},"object":1}})");
    row("keys named like the envelope's deeper down",
        R"({"id":"evt_1","type":"a","created":1,"data":{"object":{"id":"x","data":{"object":1}},)"
        R"("object_list":[{"object":2}]},"extra":{"id":"evt_no","type":"","created":"x"}})");
    row("envelope keys inside an array at the top",
        R"({"list":[{"id":"evt_2"}],"id":"evt_1","type":"a","created":1,)" + data + "}");
}

void TestStripeEvent::envelopeReadsLikeTheWholeEvent()
{
    QFETCH(QString, body);
    const std::string text = body.toStdString();
    const Result<StripeEvent> whole = StripeEvent::parse(text);
    const Result<StripeEvent> envelope = StripeEvent::parse(text, StripeEvent::Part::Envelope);
    const Result<StripeEvent> handled = StripeEvent::parse(text, StripeEvent::Part::Handled);
    for (const Result<StripeEvent> *part : {&envelope, &handled}) {
        const QString difference = differsFromWhole(whole, *part);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }
    if (!whole)
        return;
    QVERIFY(envelope->object.is_object() && envelope->object.empty());
    QVERIFY(handled->object == handledOnly(whole->object));
}

void TestStripeEvent::handledPartReadsLikeTheWholeEvent_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("object");
    QFile fixtures(QStringLiteral(TENANTRY_TEST_DATA_DIR "/stripe/fixtures.json"));
    QFile apiObjects(QStringLiteral(TENANTRY_TEST_DATA_DIR "/stripe/api-objects.json"));
    QVERIFY(fixtures.open(QIODevice::ReadOnly) && apiObjects.open(QIODevice::ReadOnly));
    const nlohmann::json resources = nlohmann::json::parse(fixtures.readAll().toStdString())
                                         .at("resources");
    const nlohmann::json api = nlohmann::json::parse(apiObjects.readAll().toStdString());
    const auto row = [](const char *name, const char *type, const nlohmann::json &object) {
        QTest::newRow(name) << QString::fromLatin1(type) << QString::fromStdString(object.dump());
    };
    row("fixtures subscription", "customer.subscription.updated", resources.at("subscription"));
    row("fixtures invoice", "invoice.paid", resources.at("invoice"));
    row("api subscription", "customer.subscription.created", api.at("subscription"));
    nlohmann::json expanded = resources.at("subscription");
    expanded["customer"] = api.at("customer");
    row("expanded customer", "customer.subscription.updated", expanded);
    nlohmann::json parent = resources.at("invoice");
    parent.erase("subscription");
    parent["parent"] = {{"subscription_details", {{"subscription", "sub_parent"}}}};
    row("invoice with parent", "invoice.paid", parent);
}

void TestStripeEvent::handledPartReadsLikeTheWholeEvent()
{
    // What the worker parses (Part::Handled) must read exactly as the whole event does.
    QFETCH(QString, type);
    QFETCH(QString, object);
    nlohmann::json event = exampleEvent();
    event["type"] = type.toStdString();
    event["data"] = {{"object", nlohmann::json::parse(object.toStdString())},
                     {"previous_attributes", {{"status", "active"}, {"items", {{"x", 1}}}}}};
    const std::string body = event.dump();
    const Result<StripeEvent> whole = StripeEvent::parse(body);
    const Result<StripeEvent> handled = StripeEvent::parse(body, StripeEvent::Part::Handled);
    QVERIFY(whole);
    QVERIFY(handled);
    QVERIFY(handled->object == handledOnly(whole->object));
    QVERIFY(handled->object.size() < whole->object.size());
    if (type.startsWith(QStringLiteral("invoice."))) {
        const Result<StripeInvoice> a = StripeInvoice::read(whole->object);
        const Result<StripeInvoice> b = StripeInvoice::read(handled->object);
        QVERIFY(a);
        QVERIFY(b);
        QCOMPARE(b->id, a->id);
        QCOMPARE(b->customer, a->customer);
        QVERIFY(b->subscription == a->subscription);
        QVERIFY(b->status == a->status);
        QCOMPARE(b->amountDue, a->amountDue);
        QCOMPARE(b->amountPaid, a->amountPaid);
        QVERIFY(b->currency == a->currency);
        QVERIFY(b->periodStart == a->periodStart && b->periodEnd == a->periodEnd);
        QVERIFY(b->created == a->created);
    } else {
        const Result<StripeSubscription> a = StripeSubscription::read(whole->object);
        const Result<StripeSubscription> b = StripeSubscription::read(handled->object);
        QVERIFY(a);
        QVERIFY(b);
        QCOMPARE(b->id, a->id);
        QCOMPARE(b->customer, a->customer);
        QVERIFY(b->status == a->status);
        QCOMPARE(b->priceId, a->priceId);
        QCOMPARE(b->quantity, a->quantity);
        QVERIFY(b->currentPeriodStart == a->currentPeriodStart);
        QVERIFY(b->currentPeriodEnd == a->currentPeriodEnd);
        QVERIFY(b->trialEnd == a->trialEnd);
        QCOMPARE(b->cancelAtPeriodEnd, a->cancelAtPeriodEnd);
        QVERIFY(b->canceledAt == a->canceledAt);
        QVERIFY(b->created == a->created);
    }
}

void TestStripeEvent::scannerAcceptsWhatNlohmannAccepts_data()
{
    // The bodies that the envelope and handled parts walk with JsonScanner must be valid JSON
    // exactly when nlohmann::json (the whole part) takes them.
    QTest::addColumn<QByteArray>("text");
    const std::vector<std::pair<const char *, std::string>> rows = {
        {"empty", ""},
        {"space only", " \t\r\n"},
        {"empty object", "{}"},
        {"empty array", "[ ]"},
        {"spaced members", " { \"a\" : [ 1 , 2 ] , \"b\" : { } } "},
        {"trailing comma in array", "[1,]"},
        {"trailing comma in object", "{\"a\":1,}"},
        {"leading comma", "[,1]"},
        {"missing comma", "[1 2]"},
        {"missing colon", "{\"a\" 1}"},
        {"key not a string", "{1:2}"},
        {"key without value", "{\"a\"}"},
        {"unclosed array", "[1,2"},
        {"unclosed object", "{\"a\":1"},
        {"mismatched close", "[1}"},
        {"two values", "{} {}"},
        {"trailing newline", "{}\n"},
        {"zero", "0"},
        {"minus zero", "-0"},
        {"leading zero", "01"},
        {"leading zero negative", "-01"},
        {"minus alone", "-"},
        {"plus sign", "+1"},
        {"point without digits", "1."},
        {"point first", ".5"},
        {"exponent without digits", "1e"},
        {"exponent sign without digits", "1e+"},
        {"exponent", "1E-5"},
        {"fraction and exponent", "-12.5e+10"},
        {"huge exponent", "1e400"},
        {"huge negative exponent", "-1.5e999"},
        {"tiny exponent", "1e-400"},
        {"zero with huge exponent", "0e99999"},
        {"uint64 max", "18446744073709551615"},
        {"uint64 max plus one", "18446744073709551616"},
        {"int64 min", "-9223372036854775808"},
        {"int64 min minus one", "-9223372036854775809"},
        {"four hundred digits", std::string(400, '9')},
        {"hex number", "0x10"},
        {"true", "true"},
        {"false", "false"},
        {"null", "null"},
        {"truncated literal", "tru"},
        {"literal with tail", "nullx"},
        {"capital literal", "True"},
        {"plain string", "\"abc\""},
        {"unterminated string", "\"abc"},
        {"simple escapes", "\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\""},
        {"unknown escape", "\"\\x\""},
        {"escape at end", "\"\\"},
        {"unicode escape", "\"\\u00e9\\u20AC\""},
        {"short unicode escape", "\"\\u12\""},
        {"bad hex", "\"\\u12g4\""},
        {"surrogate pair", "\"\\ud83d\\ude00\""},
        {"lone high surrogate", "\"\\ud83d\""},
        {"high surrogate then text", "\"\\ud83dxx\""},
        {"high surrogate then non-low", "\"\\ud83d\\u0041\""},
        {"lone low surrogate", "\"\\ude00\""},
        {"raw tab", "\"a\tb\""},
        {"raw newline", "\"a\nb\""},
        {"raw nul", std::string("\"a\0b\"", 5)},
        {"raw delete", "\"\x7f\""},
        {"two-byte utf-8", "\"\xc3\xa9\""},
        {"three-byte utf-8", "\"\xe2\x82\xac\""},
        {"four-byte utf-8", "\"\xf0\x9f\x98\x80\""},
        {"overlong two-byte", "\"\xc0\xaf\""},
        {"overlong three-byte", "\"\xe0\x80\xaf\""},
        {"encoded surrogate", "\"\xed\xa0\x80\""},
        {"above U+10FFFF", "\"\xf4\x90\x80\x80\""},
        {"truncated sequence", "\"\xe2\x82\""},
        {"lone continuation", "\"\x80\""},
        {"byte ff", "\"\xff\""},
        {"utf-8 outside strings", "\xc3\xa9"},
        {"byte order mark", "\xef\xbb\xbf{}"},
        {"byte order mark alone", "\xef\xbb\xbf"},
        {"partial byte order mark", "\xef\xbb{}"},
        {"byte order mark after space", " \xef\xbb\xbf{}"},
        {"deep nesting", std::string(5000, '[') + std::string(5000, ']')},
        {"deep nesting unclosed", std::string(5000, '[') + std::string(4999, ']')},
        {"deep objects",
         [] {
             std::string text;
             for (int i = 0; i < 2000; ++i)
                 text += "{\"a\":";
             return text + "1" + std::string(2000, '}');
         }()},
    };
    for (const auto &[name, text] : rows)
        QTest::newRow(name) << QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

void TestStripeEvent::scannerAcceptsWhatNlohmannAccepts()
{
    QFETCH(QByteArray, text);
    const std::string_view view(text.constData(), static_cast<std::size_t>(text.size()));
    QCOMPARE(scannerAccepts(view), nlohmann::json::accept(view));
}

void TestStripeEvent::scannerReadsStringsAndNumbersLikeNlohmann_data()
{
    QTest::addColumn<QByteArray>("text");
    for (const char *text : {"\"plain\"",
                             "\"tab\\tquote\\\"slash\\/back\\\\\"",
                             "\"\\u00e9t\\u00E9 \\u20ac \\ud83d\\ude00 \\u0000 end\"",
                             "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"",
                             "0",
                             "-0",
                             "1700000000",
                             "-5",
                             "9223372036854775807",
                             "-9223372036854775808",
                             "18446744073709551615",
                             "18446744073709551616",
                             "1.5",
                             "1e3"})
        QTest::newRow(text) << QByteArray(text);
}

void TestStripeEvent::scannerReadsStringsAndNumbersLikeNlohmann()
{
    QFETCH(QByteArray, text);
    const std::string body = text.toStdString();
    const nlohmann::json parsed = nlohmann::json::parse(body);
    JsonScanner scanner(body);
    if (parsed.is_string()) {
        std::string read;
        QVERIFY(scanner.readString(&read));
        QVERIFY(scanner.atEnd());
        QCOMPARE(read, parsed.get<std::string>());
        return;
    }
    bool isInteger = false;
    long long integer = 0;
    QVERIFY(scanner.readNumber(isInteger, integer));
    QVERIFY(scanner.atEnd());
    QCOMPARE(isInteger, parsed.is_number_integer());
    if (isInteger)
        QCOMPARE(integer, parsed.get<std::int64_t>());
}

void TestStripeEvent::mutatedEventsReadAlikeInEveryPart()
{
    // Stripe's example subscription and invoice events, each mutated at random thousands of
    // times (a byte changed to one that matters to JSON, removed, doubled, or the text cut):
    // the envelope and handled parts take and refuse exactly what the whole parse does, with
    // the same error and the same fields.
    QFile fixtures(QStringLiteral(TENANTRY_TEST_DATA_DIR "/stripe/fixtures.json"));
    QVERIFY(fixtures.open(QIODevice::ReadOnly));
    const nlohmann::json resources = nlohmann::json::parse(fixtures.readAll().toStdString())
                                         .at("resources");
    nlohmann::json invoiceEvent = exampleEvent();
    invoiceEvent["type"] = "invoice.paid";
    invoiceEvent["data"] = {{"object", resources.at("invoice")},
                            {"previous_attributes", {{"status", "open"}}}};
    const std::string bodies[] = {exampleEvent().dump(), invoiceEvent.dump(2)};
    const std::string interesting = std::string("\"\\{}[],: 0123456789-.eE+utfnal\t\n")
                                    + std::string("\0\x1f\x7f\x80\xbf\xc3\xe2\xed\xf0\xff", 10);
    std::mt19937 random(20261127);
    int valid = 0;
    int events = 0;
    for (const std::string &body : bodies) {
        for (int round = 0; round < 6000; ++round) {
            std::string text = body;
            const int edits = 1 + static_cast<int>(random() % 3);
            for (int edit = 0; edit < edits && !text.empty(); ++edit) {
                const std::size_t at = random() % text.size();
                switch (random() % 4) {
                case 0:
                    text[at] = interesting[random() % interesting.size()];
                    break;
                case 1:
                    text.erase(at, 1);
                    break;
                case 2:
                    text.insert(at, 1, text[at]);
                    break;
                default:
                    if (random() % 8 == 0)
                        text.resize(at);
                    else
                        text[at] = interesting[random() % interesting.size()];
                }
            }
            const bool accepted = nlohmann::json::accept(text);
            QVERIFY2(scannerAccepts(text) == accepted, text.c_str());
            valid += accepted ? 1 : 0;
            const Result<StripeEvent> whole = StripeEvent::parse(text);
            const Result<StripeEvent> envelope = StripeEvent::parse(text,
                                                                    StripeEvent::Part::Envelope);
            const Result<StripeEvent> handled = StripeEvent::parse(text, StripeEvent::Part::Handled);
            for (const Result<StripeEvent> *part : {&envelope, &handled}) {
                const QString difference = differsFromWhole(whole, *part);
                QVERIFY2(difference.isEmpty(),
                         qPrintable(difference + u'\n' + QString::fromStdString(text)));
            }
            if (whole) {
                ++events;
                QVERIFY2(handled->object == handledOnly(whole->object), text.c_str());
                const QString difference = readsDiffer(whole->object, handled->object);
                QVERIFY2(difference.isEmpty(),
                         qPrintable(difference + u'\n' + QString::fromStdString(text)));
            }
        }
    }
    // Enough of them stay valid JSON, and valid events, for the comparison to mean something.
    qInfo("%d of 12000 mutated bodies were valid JSON, %d valid events", valid, events);
    QVERIFY(valid > 1000);
    QVERIFY(events > 1000);
}

QTEST_APPLESS_MAIN(TestStripeEvent)
#include "teststripeevent.moc"
