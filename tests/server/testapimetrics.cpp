// The finance feeds of a real tenantryd with demo data: GET /v1/metrics/events and
// /v1/metrics/spend carry exactly the history core's demo generator made (so the metrics the
// console computes from them equal tenantry-metrics' figures), page oldest first, resume after
// the last id, filter by updated_since; POST /v1/metrics/spend creates, corrects and refuses.

#include "core/demo/demodatagenerator.h"
#include "core/json/codecs.h"
#include "core/metrics/metricsformat.h"
#include "core/metrics/mrrledger.h"
#include "core/metrics/series.h"
#include "tests/server/support/apiassertions.h"
#include "tests/server/support/apiclient.h"
#include "tests/server/support/tenantrydprocess.h"

#include <nlohmann/json.hpp>

#include <QJsonArray>
#include <QSet>
#include <QtTest>

#include <memory>

using namespace Tenantry::TestSupport;

namespace {

nlohmann::json toNlohmann(const QJsonObject &object)
{
    return nlohmann::json::parse(QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString());
}

} // namespace

class TestApiMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void feedsCarryTheWholeHistory();
    void eventFeedResumesAfterTheLastId();
    void updatedSinceReturnsOnlyNewerRows();
    void spendIsCreatedCorrectedAndValidated();
    void feedParametersAreChecked();
    void cleanupTestCase();

private:
    // Every item of a feed, walking its pages; empty (and a failure recorded) on an error.
    QJsonArray walk(const QString &path, int limit, int *requests = nullptr);

    TenantrydProcess m_server{{QStringLiteral("--demo")}};
    std::unique_ptr<ApiClient> m_finance;
    std::unique_ptr<ApiClient> m_support;
};

void TestApiMetrics::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    m_finance = std::make_unique<ApiClient>(m_server.baseUrl());
    QVERIFY(m_finance->signIn(QStringLiteral("finance@demo.tenantry.dev"),
                              m_server.demoPassword(QStringLiteral("finance"))));
    m_support = std::make_unique<ApiClient>(m_server.baseUrl());
    QVERIFY(m_support->signIn(QStringLiteral("support@demo.tenantry.dev"),
                              m_server.demoPassword(QStringLiteral("support"))));
}

QJsonArray TestApiMetrics::walk(const QString &path, int limit, int *requests)
{
    QJsonArray items;
    QString cursor;
    const QChar separator = path.contains(u'?') ? u'&' : u'?';
    for (int page = 0; page < 100000; ++page) {
        const ApiResponse response = m_finance->get(
            path + separator + QStringLiteral("limit=%1").arg(limit)
            + (cursor.isEmpty() ? QString() : QStringLiteral("&starting_after=") + cursor));
        if (requests)
            ++*requests;
        if (response.status != 200) {
            qWarning() << bodyOf(response);
            return {};
        }
        const QJsonArray data = response.json()[u"data"].toArray();
        for (const QJsonValue item : data)
            items.append(item);
        if (!response.json()[u"has_more"].toBool())
            break;
        cursor = response.json()[u"next_cursor"].toString();
        if (cursor != data.last()[u"id"].toString())
            return {}; // the cursor must be the last item's id
    }
    return items;
}

void TestApiMetrics::feedsCarryTheWholeHistory()
{
    // The demo's history starts when its plans were created; regenerate it with the same
    // options as the server (seed 1, the test servers' demo customers, 24 months): the
    // simulator's run must have produced exactly the generator's MRR movements.
    const ApiResponse plans = m_finance->get(QStringLiteral("/v1/plans?limit=1"));
    QCOMPARE(plans.status, 200);
    const Tenantry::Result<Tenantry::Timestamp> start = Tenantry::parseRfc3339(
        plans.json()[u"data"][0][u"created_at"].toString().toStdString());
    QVERIFY(start);
    Tenantry::DemoDataOptions options;
    options.seed = 1;
    options.customers = TenantrydProcess::demoCustomers;
    options.months = 24;
    options.start = Tenantry::YearMonth::containing(*start);
    const Tenantry::DemoDataSet expected = Tenantry::DemoDataGenerator(options).generate();

    int requests = 0;
    const QJsonArray events = walk(QStringLiteral("/v1/metrics/events"), 1000, &requests);
    QCOMPARE(events.size(), qsizetype(expected.events.size()));
    QCOMPARE(requests, int(expected.events.size() / 1000 + 1));
    std::vector<Tenantry::MrrEvent> fetched;
    QSet<QString> ids;
    for (const QJsonValue item : events) {
        QCOMPARE(item[u"object"].toString(), QStringLiteral("mrr_event"));
        ids.insert(item[u"id"].toString());
        Tenantry::Result<Tenantry::MrrEvent> event = Tenantry::decodeMrrEvent(
            toNlohmann(item.toObject()));
        QVERIFY2(event, event ? "" : event.error().message.c_str());
        fetched.push_back(*event);
    }
    QCOMPARE(ids.size(), events.size());
    QVERIFY(fetched == expected.events); // the same events, in the same (time) order

    const QJsonArray spendItems = walk(QStringLiteral("/v1/metrics/spend"), 7);
    std::vector<Tenantry::AcquisitionSpend> spend;
    for (const QJsonValue item : spendItems) {
        Tenantry::Result<Tenantry::AcquisitionSpend> record = Tenantry::decodeAcquisitionSpend(
            toNlohmann(item.toObject()));
        QVERIFY(record);
        spend.push_back(*record);
    }
    QVERIFY(spend == expected.spend);

    // So the metrics computed from the feeds are the generator's, in both currencies.
    for (const char *code : {"usd", "eur"}) {
        const Tenantry::Currency currency = *Tenantry::Currency::fromCode(code);
        auto fromFeed = Tenantry::MrrLedger::build(fetched, currency);
        auto fromGenerator = Tenantry::MrrLedger::build(expected.events, currency);
        QVERIFY(fromFeed && fromGenerator);
        auto feedSeries = Tenantry::computeSeries(*fromFeed, spend);
        auto generatorSeries = Tenantry::computeSeries(*fromGenerator, expected.spend);
        QVERIFY(feedSeries && generatorSeries);
        QCOMPARE(feedSeries->size(), std::size_t(24));
        QCOMPARE(QByteArray::fromStdString(Tenantry::seriesCsv(*feedSeries)),
                 QByteArray::fromStdString(Tenantry::seriesCsv(*generatorSeries)));
    }
}

void TestApiMetrics::eventFeedResumesAfterTheLastId()
{
    const QJsonArray before = walk(QStringLiteral("/v1/metrics/events"), 1000);
    QVERIFY(!before.isEmpty());
    const QString lastId = before.last()[u"id"].toString();

    // A new paying customer records one event after the last one.
    const ApiResponse tenant = m_support->post(QStringLiteral("/v1/tenants"),
                                               {{QStringLiteral("name"),
                                                 QStringLiteral("Feed resume")},
                                                {QStringLiteral("region"),
                                                 QStringLiteral("us-east-1")}});
    QCOMPARE(tenant.status, 201);
    const ApiResponse subscribed = m_support->post(
        QStringLiteral("/v1/subscriptions"),
        {{QStringLiteral("tenant_id"), tenant.json()[u"id"].toString()},
         {QStringLiteral("plan_id"), m_support->planId(QStringLiteral("enterprise"))},
         {QStringLiteral("trial_days"), 0}});
    QVERIFY2(subscribed.status == 201, qPrintable(bodyOf(subscribed)));

    const ApiResponse newer = m_finance->get(QStringLiteral("/v1/metrics/events?starting_after=")
                                             + lastId);
    QCOMPARE(newer.status, 200);
    const QJsonArray data = newer.json()[u"data"].toArray();
    QCOMPARE(data.size(), 1);
    QCOMPARE(data[0][u"tenant_id"].toString(), tenant.json()[u"id"].toString());
    QCOMPARE(data[0][u"subscription_id"].toString(), subscribed.json()[u"id"].toString());
    QVERIFY(!newer.json()[u"has_more"].toBool());

    const ApiResponse unknown = m_finance->get(
        QStringLiteral("/v1/metrics/events?starting_after=mrr_nosuchevent00"));
    QVERIFY2(errorMismatch(unknown,
                           400,
                           QStringLiteral("invalid_request_error"),
                           QStringLiteral("parameter_invalid"),
                           QStringLiteral("starting_after"))
                 .isEmpty(),
             qPrintable(bodyOf(unknown)));
}

void TestApiMetrics::updatedSinceReturnsOnlyNewerRows()
{
    // Rows recorded from now on: one event and one spend correction.
    const ApiResponse me = m_finance->get(QStringLiteral("/v1/me"));
    QCOMPARE(me.status, 200);
    const QString since = QString::fromStdString(Tenantry::formatRfc3339(
        std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now())));
    QTest::qWait(5);

    const ApiResponse tenant = m_support->post(QStringLiteral("/v1/tenants"),
                                               {{QStringLiteral("name"),
                                                 QStringLiteral("Feed since")},
                                                {QStringLiteral("region"),
                                                 QStringLiteral("us-east-1")}});
    QCOMPARE(tenant.status, 201);
    QCOMPARE(m_support
                 ->post(QStringLiteral("/v1/subscriptions"),
                        {{QStringLiteral("tenant_id"), tenant.json()[u"id"].toString()},
                         {QStringLiteral("plan_id"), m_support->planId(QStringLiteral("pro"))},
                         {QStringLiteral("trial_days"), 0}})
                 .status,
             201);
    const QJsonArray spend = walk(QStringLiteral("/v1/metrics/spend"), 100);
    QVERIFY(!spend.isEmpty());
    const QJsonObject first = spend.first().toObject();
    const ApiResponse corrected = m_finance->post(QStringLiteral("/v1/metrics/spend"),
                                                  {{QStringLiteral("month"), first[u"month"]},
                                                   {QStringLiteral("amount"),
                                                    first[u"amount"].toInteger() + 100},
                                                   {QStringLiteral("currency"),
                                                    first[u"currency"]}});
    QVERIFY2(corrected.status == 200, qPrintable(bodyOf(corrected)));

    const QJsonArray events = walk(QStringLiteral("/v1/metrics/events?updated_since=") + since, 100);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0][u"tenant_id"].toString(), tenant.json()[u"id"].toString());
    const QJsonArray changedSpend = walk(QStringLiteral("/v1/metrics/spend?updated_since=") + since,
                                         100);
    QCOMPARE(changedSpend.size(), 1);
    QCOMPARE(changedSpend[0][u"id"].toString(), first[u"id"].toString());
    QCOMPARE(changedSpend[0][u"amount"].toInteger(), first[u"amount"].toInteger() + 100);
}

void TestApiMetrics::spendIsCreatedCorrectedAndValidated()
{
    const QJsonObject body{{QStringLiteral("month"), QStringLiteral("2031-03")},
                           {QStringLiteral("amount"), 1250000},
                           {QStringLiteral("currency"), QStringLiteral("eur")}};
    const ApiResponse created = m_finance->post(QStringLiteral("/v1/metrics/spend"), body);
    QVERIFY2(created.status == 201, qPrintable(bodyOf(created)));
    QCOMPARE(created.json()[u"object"].toString(), QStringLiteral("acquisition_spend"));
    QCOMPARE(created.json()[u"amount"].toInteger(), 1250000);
    QCOMPARE(created.header("ETag"), QByteArray("\"1\""));
    const QString id = created.json()[u"id"].toString();
    QVERIFY(id.startsWith(QStringLiteral("spd_")));

    // The same figure again (another key) changes nothing; a new figure is a correction.
    const ApiResponse same = m_finance->post(QStringLiteral("/v1/metrics/spend"), body);
    QCOMPARE(same.status, 200);
    QCOMPARE(same.json()[u"version"].toInt(), 1);
    QJsonObject higher = body;
    higher[QStringLiteral("amount")] = 1300000;
    const ApiResponse correction = m_finance->post(QStringLiteral("/v1/metrics/spend"), higher);
    QCOMPARE(correction.status, 200);
    QCOMPARE(correction.json()[u"id"].toString(), id);
    QCOMPARE(correction.json()[u"version"].toInt(), 2);
    QCOMPARE(correction.json()[u"amount"].toInteger(), 1300000);

    // Another currency of the same month is a row of its own.
    QJsonObject dollars = body;
    dollars[QStringLiteral("currency")] = QStringLiteral("usd");
    QCOMPARE(m_finance->post(QStringLiteral("/v1/metrics/spend"), dollars).status, 201);

    const QString type = QStringLiteral("invalid_request_error");
    const struct
    {
        const char *field;
        QJsonValue value;
        const char *code;
    } invalid[] = {
        {"month", QStringLiteral("2031-13"), "parameter_invalid"},
        {"month", QJsonValue(), "parameter_missing"},
        {"amount", -1, "parameter_invalid"},
        {"amount", 12.5, "parameter_invalid"},
        {"currency", QStringLiteral("xyz"), "parameter_invalid"},
    };
    for (const auto &[field, value, code] : invalid) {
        QJsonObject bad = body;
        if (value.isNull())
            bad.remove(QLatin1StringView(field));
        else
            bad[QLatin1StringView(field)] = value;
        const ApiResponse refused = m_finance->post(QStringLiteral("/v1/metrics/spend"), bad);
        QVERIFY2(errorMismatch(refused, 422, type, QLatin1StringView(code), QLatin1StringView(field))
                     .isEmpty(),
                 qPrintable(QLatin1StringView(field) + QStringLiteral(": ") + bodyOf(refused)));
    }
    QCOMPARE(m_support->post(QStringLiteral("/v1/metrics/spend"), body).status, 403);

    // Corrections are audited with the figures before and after.
    ApiClient admin(m_server.baseUrl());
    QVERIFY(admin.signIn(QStringLiteral("admin@demo.tenantry.dev"),
                         m_server.demoPassword(QStringLiteral("admin"))));
    const ApiResponse audit = admin.get(QStringLiteral("/v1/audit-events?target=") + id);
    const QJsonArray entries = audit.json()[u"data"].toArray();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries[0][u"action"].toString(), QStringLiteral("spend.set"));
    QCOMPARE(entries[0][u"before"][u"amount"].toInteger(), 1250000);
    QCOMPARE(entries[0][u"after"][u"amount"].toInteger(), 1300000);
}

void TestApiMetrics::feedParametersAreChecked()
{
    QCOMPARE(m_finance->get(QStringLiteral("/v1/metrics/events?limit=1000")).status, 200);
    for (const char *query : {"limit=1001", "limit=0", "updated_since=yesterday"}) {
        const ApiResponse refused = m_finance->get(QStringLiteral("/v1/metrics/events?")
                                                   + QLatin1StringView(query));
        QVERIFY2(refused.status == 400, qPrintable(bodyOf(refused)));
    }
    QCOMPARE(m_support->get(QStringLiteral("/v1/metrics/events")).status, 403);
}

void TestApiMetrics::cleanupTestCase()
{
    QCOMPARE(m_server.stop(), 0);
}

QTEST_GUILESS_MAIN(TestApiMetrics)

#include "testapimetrics.moc"
