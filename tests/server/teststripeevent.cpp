// StripeEvent::parse: the whole event (the worker) and its envelope (the webhook intake, which
// stores the raw body and builds nothing of data.object), on Stripe's own example event.

#include "server/billing/stripe/stripeevent.h"

#include <QFile>
#include <QtTest>

#include <nlohmann/json.hpp>

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

} // namespace

class TestStripeEvent : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wholeAndEnvelopeAgree();
    void envelopeStillChecksTheWholeBody_data();
    void envelopeStillChecksTheWholeBody();
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

QTEST_APPLESS_MAIN(TestStripeEvent)
#include "teststripeevent.moc"
