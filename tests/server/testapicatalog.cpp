// The catalog of a real tenantryd with demo data: plans (list, read with ETag, create,
// versioned updates) and features, and who may change them.

#include "tests/server/support/apiassertions.h"
#include "tests/server/support/apiclient.h"
#include "tests/server/support/tenantrydprocess.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QUuid>
#include <QtTest>

#include <memory>
#include <tuple>

using namespace Tenantry::TestSupport;

namespace {

QJsonObject planBody(const QString &key,
                     qint64 amount = 4900,
                     const QString &currency = QStringLiteral("usd"))
{
    return {{QStringLiteral("key"), key},
            {QStringLiteral("name"), QString(QStringLiteral("Plan ") + key)},
            {QStringLiteral("price"),
             QJsonObject{{QStringLiteral("amount"), amount},
                         {QStringLiteral("currency"), currency}}},
            {QStringLiteral("interval"), QStringLiteral("month")}};
}

const QStringList kFeatureKeys = {QStringLiteral("blog"),
                                  QStringLiteral("contact_form"),
                                  QStringLiteral("analytics"),
                                  QStringLiteral("api_access"),
                                  QStringLiteral("sso"),
                                  QStringLiteral("audit_logs")};

} // namespace

class TestApiCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
        for (const auto &[client, role] : {std::pair{&m_admin, "admin"},
                                           std::pair{&m_support, "support"},
                                           std::pair{&m_viewer, "viewer"}}) {
            *client = std::make_unique<ApiClient>(m_server.baseUrl());
            const QString name = QLatin1StringView(role);
            QVERIFY((*client)->signIn(name + QStringLiteral("@demo.tenantry.dev"),
                                      m_server.demoPassword(name)));
        }
    }

    void demoPlansAreListed()
    {
        const ApiResponse list = m_viewer->get(QStringLiteral("/v1/plans?limit=100"));
        QVERIFY2(list.status == 200, qPrintable(bodyOf(list)));
        QCOMPARE(list.json()[u"object"].toString(), QStringLiteral("list"));
        QCOMPARE(list.json()[u"has_more"].toBool(), false);
        QVERIFY(list.json()[u"next_cursor"].isNull());
        const QJsonArray plans = list.json()[u"data"].toArray();
        QCOMPARE(plans.size(), 7);
        static const QRegularExpression currency(QStringLiteral("^[a-z]{3}$"));
        for (const QJsonValue plan : plans) {
            const QString context = QString::fromUtf8(QJsonDocument(plan.toObject()).toJson());
            QCOMPARE(plan[u"object"].toString(), QStringLiteral("plan"));
            QVERIFY2(plan[u"id"].toString().startsWith(QStringLiteral("pln_")), qPrintable(context));
            QVERIFY2(!plan[u"key"].toString().isEmpty(), qPrintable(context));
            QVERIFY2(!plan[u"name"].toString().isEmpty(), qPrintable(context));
            QVERIFY2(plan[u"price"][u"amount"].isDouble(), qPrintable(context));
            QVERIFY2(plan[u"price"][u"amount"].toDouble() >= 0, qPrintable(context));
            QVERIFY2(currency.match(plan[u"price"][u"currency"].toString()).hasMatch(),
                     qPrintable(context));
            QVERIFY2(plan[u"interval"].toString() == u"month"
                         || plan[u"interval"].toString() == u"year",
                     qPrintable(context));
            QVERIFY2(plan[u"trial_days"].toInt(-1) >= 0, qPrintable(context));
            QVERIFY2(plan[u"active"].isBool(), qPrintable(context));
            QVERIFY2(plan[u"version"].toInt() >= 1, qPrintable(context));
            QVERIFY2(!plan[u"created_at"].toString().isEmpty(), qPrintable(context));
            QVERIFY2(!plan[u"updated_at"].toString().isEmpty(), qPrintable(context));
            const QJsonArray features = plan[u"features"].toArray();
            for (const QJsonValue feature : features)
                QVERIFY2(kFeatureKeys.contains(feature.toString()), qPrintable(context));
        }

        // The default page holds them all; small pages walk the same list.
        QCOMPARE(idsOf(m_support->get(QStringLiteral("/v1/plans"))), idsOf(list));
        QStringList walked;
        QString cursor;
        for (int page = 0; page < 10; ++page) {
            const ApiResponse response = m_viewer->get(
                QStringLiteral("/v1/plans?limit=3")
                + (cursor.isEmpty() ? QString() : QStringLiteral("&starting_after=") + cursor));
            QCOMPARE(response.status, 200);
            walked += idsOf(response);
            if (!response.json()[u"has_more"].toBool())
                break;
            cursor = response.json()[u"next_cursor"].toString();
            QCOMPARE(cursor, walked.last());
        }
        QCOMPARE(walked, idsOf(list));

        // The demo's plans by key and currency: free (usd only), and pro, pro-yearly and
        // enterprise in usd and eur; their ids are opaque, so they are found by lookup.
        QSet<QString> demoIds;
        for (const auto &[key, code, interval] : {std::tuple{"free", "usd", "month"},
                                                  std::tuple{"pro", "usd", "month"},
                                                  std::tuple{"pro", "eur", "month"},
                                                  std::tuple{"pro-yearly", "usd", "year"},
                                                  std::tuple{"pro-yearly", "eur", "year"},
                                                  std::tuple{"enterprise", "usd", "month"},
                                                  std::tuple{"enterprise", "eur", "month"}}) {
            const QString name = QLatin1StringView(key) + QLatin1Char('/')
                                 + QLatin1StringView(code);
            const QString id = m_viewer->planId(QLatin1StringView(key), QLatin1StringView(code));
            QVERIFY2(!id.isEmpty(), qPrintable(name + QStringLiteral(" is not listed")));
            demoIds.insert(id);
            const ApiResponse plan = m_viewer->get(QStringLiteral("/v1/plans/") + id);
            QVERIFY2(plan.status == 200, qPrintable(name + QStringLiteral(": ") + bodyOf(plan)));
            QCOMPARE(plan.json()[u"interval"].toString(), QString(QLatin1StringView(interval)));
        }
        QCOMPARE(demoIds.size(), 7);
        QVERIFY(m_viewer->planId(QStringLiteral("free"), QStringLiteral("eur")).isEmpty());
        QVERIFY(m_viewer->planId(QStringLiteral("pro_yearly")).isEmpty());
    }

    void plansMatchTheSchema()
    {
        // docs/openapi.yaml: a plan id is `pln_` and 25 (demo and older ids: 16)
        // lower-case Crockford base32 characters; the demo's plans are listed like any other.
        static const QRegularExpression id(
            QStringLiteral("^pln_[0-9a-hjkmnp-tv-z]{16}(?:[0-9a-hjkmnp-tv-z]{9})?$"));
        const ApiResponse list = m_viewer->get(QStringLiteral("/v1/plans?limit=100"));
        QCOMPARE(list.status, 200);
        QStringList departing;
        const QJsonArray plans = list.json()[u"data"].toArray();
        for (const QJsonValue plan : plans) {
            if (!id.match(plan[u"id"].toString()).hasMatch())
                departing << plan[u"id"].toString();
        }
        QVERIFY2(departing.isEmpty(),
                 qPrintable(QStringLiteral("plan ids not of the documented form: ")
                            + departing.join(QStringLiteral(", "))));
    }

    void planReadCarriesItsETag()
    {
        const QString proId = m_viewer->planId(QStringLiteral("pro"));
        QVERIFY(!proId.isEmpty());
        const ApiResponse plan = m_viewer->get(QStringLiteral("/v1/plans/") + proId);
        QVERIFY2(plan.status == 200, qPrintable(bodyOf(plan)));
        QCOMPARE(plan.json()[u"id"].toString(), proId);
        QCOMPARE(plan.json()[u"key"].toString(), QStringLiteral("pro"));
        QCOMPARE(plan.header("ETag"),
                 QByteArray('"' + QByteArray::number(plan.json()[u"version"].toInt()) + '"'));
        QCOMPARE(plan.json()[u"price"][u"currency"].toString(), QStringLiteral("usd"));

        const ApiResponse missing = m_viewer->get(QStringLiteral("/v1/plans/pln_nosuchplan"));
        const QString mismatch = errorMismatch(missing,
                                               404,
                                               QStringLiteral("invalid_request_error"),
                                               QStringLiteral("resource_missing"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    void adminCreatesAPlan()
    {
        QJsonObject body = planBody(QStringLiteral("growth"));
        body[QStringLiteral("trial_days")] = 21;
        body[QStringLiteral("features")] = QJsonArray{QStringLiteral("sso"),
                                                      QStringLiteral("blog"),
                                                      QStringLiteral("analytics")};
        const QByteArray key = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        const ApiResponse created = m_admin->post(QStringLiteral("/v1/plans"), body, key);
        QVERIFY2(created.status == 201, qPrintable(bodyOf(created)));
        QCOMPARE(created.header("ETag"), QByteArray("\"1\""));
        const QJsonObject plan = created.json();
        QCOMPARE(plan[u"object"].toString(), QStringLiteral("plan"));
        QVERIFY2(QRegularExpression(
                     QStringLiteral("^pln_[0-9a-hjkmnp-tv-z]{16}(?:[0-9a-hjkmnp-tv-z]{9})?$"))
                     .match(plan[u"id"].toString())
                     .hasMatch(),
                 qPrintable(plan[u"id"].toString()));
        QCOMPARE(plan[u"key"].toString(), QStringLiteral("growth"));
        QCOMPARE(plan[u"name"].toString(), QStringLiteral("Plan growth"));
        QCOMPARE(plan[u"price"].toObject(), body[u"price"].toObject());
        QCOMPARE(plan[u"interval"].toString(), QStringLiteral("month"));
        QCOMPARE(plan[u"trial_days"].toInt(), 21);
        QCOMPARE(plan[u"features"].toArray(), body[u"features"].toArray()); // in the given order
        QCOMPARE(plan[u"active"].toBool(), true);
        QCOMPARE(plan[u"version"].toInt(), 1);
        QCOMPARE(plan[u"updated_at"], plan[u"created_at"]);

        const QString id = plan[u"id"].toString();
        const ApiResponse read = m_viewer->get(QStringLiteral("/v1/plans/") + id);
        QCOMPARE(read.status, 200);
        QCOMPARE(read.json(), plan);
        QCOMPARE(read.header("ETag"), QByteArray("\"1\""));

        // Newest first in the list; a retry with the key replays without a second plan.
        const ApiResponse replay = m_admin->post(QStringLiteral("/v1/plans"), body, key);
        QCOMPARE(replay.status, 201);
        QCOMPARE(replay.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(replay.body, created.body);
        const QStringList ids = idsOf(m_viewer->get(QStringLiteral("/v1/plans?limit=100")));
        QCOMPARE(ids.size(), 8);
        QCOMPARE(ids.first(), id);

        // Defaults: no features, no trial.
        const ApiResponse minimal = m_admin->post(QStringLiteral("/v1/plans"),
                                                  planBody(QStringLiteral("minimal")));
        QVERIFY2(minimal.status == 201, qPrintable(bodyOf(minimal)));
        QCOMPARE(minimal.json()[u"features"].toArray(), QJsonArray());
        QCOMPARE(minimal.json()[u"trial_days"].toInt(), 0);

        // The creation is audited.
        const ApiResponse audit = m_admin->get(QStringLiteral("/v1/audit-events?target=") + id);
        QCOMPARE(audit.status, 200);
        const QJsonArray events = audit.json()[u"data"].toArray();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.at(0)[u"action"].toString(), QStringLiteral("plan.created"));
        QCOMPARE(events.at(0)[u"actor_email"].toString(), QStringLiteral("admin@demo.tenantry.dev"));
        QVERIFY(events.at(0)[u"before"].isNull());
        QCOMPARE(events.at(0)[u"after"][u"key"].toString(), QStringLiteral("growth"));
    }

    void unknownFeaturesAreRefused()
    {
        const qsizetype before = idsOf(m_viewer->get(QStringLiteral("/v1/plans?limit=100"))).size();
        QJsonObject body = planBody(QStringLiteral("featureful"));
        body[QStringLiteral("features")] = QJsonArray{QStringLiteral("blog"),
                                                      QStringLiteral("teleportation")};
        const ApiResponse unknown = m_admin->post(QStringLiteral("/v1/plans"), body);
        QString mismatch = errorMismatch(unknown,
                                         422,
                                         QStringLiteral("invalid_request_error"),
                                         QStringLiteral("resource_missing"),
                                         QStringLiteral("features"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QVERIFY(unknown.json()[u"error"][u"message"].toString().contains(
            QStringLiteral("teleportation")));

        body[QStringLiteral("features")] = QJsonArray{QStringLiteral("blog"),
                                                      QStringLiteral("blog")};
        mismatch = errorMismatch(m_admin->post(QStringLiteral("/v1/plans"), body),
                                 422,
                                 QStringLiteral("invalid_request_error"),
                                 QStringLiteral("parameter_invalid"),
                                 QStringLiteral("features"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(idsOf(m_viewer->get(QStringLiteral("/v1/plans?limit=100"))).size(), before);
    }

    void keyAndCurrencyAreUnique()
    {
        // A demo plan's key in its currency, then a new key twice.
        QString mismatch = errorMismatch(m_admin->post(QStringLiteral("/v1/plans"),
                                                       planBody(QStringLiteral("pro"))),
                                         409,
                                         QStringLiteral("invalid_request_error"),
                                         QStringLiteral("plan_key_taken"),
                                         QStringLiteral("key"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(m_admin->post(QStringLiteral("/v1/plans"), planBody(QStringLiteral("scale"))).status,
                 201);
        mismatch = errorMismatch(m_admin->post(QStringLiteral("/v1/plans"),
                                               planBody(QStringLiteral("scale"), 9900)),
                                 409,
                                 QStringLiteral("invalid_request_error"),
                                 QStringLiteral("plan_key_taken"),
                                 QStringLiteral("key"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        // The same key in another currency is another plan.
        const ApiResponse otherCurrency = m_admin->post(QStringLiteral("/v1/plans"),
                                                        planBody(QStringLiteral("scale"),
                                                                 8900,
                                                                 QStringLiteral("eur")));
        QVERIFY2(otherCurrency.status == 201, qPrintable(bodyOf(otherCurrency)));
        QCOMPARE(otherCurrency.json()[u"price"][u"currency"].toString(), QStringLiteral("eur"));
    }

    void invalidPlansAreRefused_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value"); // Undefined: remove the field
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("param");
        const QString invalid = QStringLiteral("parameter_invalid");
        const QString missing = QStringLiteral("parameter_missing");
        QTest::newRow("no key") << QStringLiteral("key") << QJsonValue(QJsonValue::Undefined)
                                << missing << QStringLiteral("key");
        QTest::newRow("key with spaces")
            << QStringLiteral("key") << QJsonValue(QStringLiteral("Big Plan")) << invalid
            << QStringLiteral("key");
        QTest::newRow("no name") << QStringLiteral("name") << QJsonValue(QJsonValue::Undefined)
                                 << missing << QStringLiteral("name");
        QTest::newRow("no price") << QStringLiteral("price") << QJsonValue(QJsonValue::Undefined)
                                  << missing << QStringLiteral("price");
        QTest::newRow("fractional amount")
            << QStringLiteral("price")
            << QJsonValue(QJsonObject{{QStringLiteral("amount"), 49.99},
                                      {QStringLiteral("currency"), QStringLiteral("usd")}})
            << invalid << QStringLiteral("price");
        QTest::newRow("negative amount")
            << QStringLiteral("price")
            << QJsonValue(QJsonObject{{QStringLiteral("amount"), -100},
                                      {QStringLiteral("currency"), QStringLiteral("usd")}})
            << invalid << QStringLiteral("price");
        QTest::newRow("price as a number")
            << QStringLiteral("price") << QJsonValue(4900) << invalid << QStringLiteral("price");
        QTest::newRow("weekly") << QStringLiteral("interval") << QJsonValue(QStringLiteral("week"))
                                << invalid << QStringLiteral("interval");
        QTest::newRow("negative trial") << QStringLiteral("trial_days") << QJsonValue(-1) << invalid
                                        << QStringLiteral("trial_days");
        QTest::newRow("trial as text")
            << QStringLiteral("trial_days") << QJsonValue(QStringLiteral("14")) << invalid
            << QStringLiteral("trial_days");
        QTest::newRow("features as text")
            << QStringLiteral("features") << QJsonValue(QStringLiteral("blog")) << invalid
            << QStringLiteral("features");
        QTest::newRow("unknown field")
            << QStringLiteral("colour") << QJsonValue(QStringLiteral("red"))
            << QStringLiteral("parameter_unknown") << QStringLiteral("colour");
    }

    void invalidPlansAreRefused()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, code);
        QFETCH(QString, param);
        QJsonObject body = planBody(QStringLiteral("invalid-%1").arg(++m_counter));
        if (value.isUndefined())
            body.remove(field);
        else
            body[field] = value;
        const QString mismatch = errorMismatch(m_admin->post(QStringLiteral("/v1/plans"), body),
                                               422,
                                               QStringLiteral("invalid_request_error"),
                                               code,
                                               param);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    void planUpdatesNeedTheCurrentVersion()
    {
        QJsonObject body = planBody(QStringLiteral("seasonal"));
        body[QStringLiteral("features")] = QJsonArray{QStringLiteral("blog"), QStringLiteral("sso")};
        const ApiResponse created = m_admin->post(QStringLiteral("/v1/plans"), body);
        QVERIFY2(created.status == 201, qPrintable(bodyOf(created)));
        const QString path = QStringLiteral("/v1/plans/") + created.json()[u"id"].toString();

        const ApiResponse retired = m_admin->patch(path,
                                                   {{QStringLiteral("active"), false}},
                                                   "\"1\"");
        QVERIFY2(retired.status == 200, qPrintable(bodyOf(retired)));
        QCOMPARE(retired.json()[u"active"].toBool(), false);
        QCOMPARE(retired.json()[u"version"].toInt(), 2);
        QCOMPARE(retired.header("ETag"), QByteArray("\"2\""));
        QCOMPARE(retired.json()[u"features"], created.json()[u"features"]);
        QCOMPARE(retired.json()[u"price"], created.json()[u"price"]);
        QCOMPARE(retired.json()[u"key"], created.json()[u"key"]);

        QString mismatch = errorMismatch(m_admin->patch(path,
                                                        {{QStringLiteral("active"), true}},
                                                        {}),
                                         428,
                                         QStringLiteral("invalid_request_error"),
                                         QStringLiteral("if_match_required"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        const ApiResponse stale = m_admin->patch(path, {{QStringLiteral("active"), true}}, "\"1\"");
        mismatch = errorMismatch(stale,
                                 412,
                                 QStringLiteral("invalid_request_error"),
                                 QStringLiteral("version_mismatch"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(stale.header("ETag"), QByteArray("\"2\""));
        QCOMPARE(stale.json()[u"error"][u"current"].toObject(), retired.json());

        const ApiResponse refeatured = m_admin->patch(path,
                                                      {{QStringLiteral("features"),
                                                        QJsonArray{QStringLiteral("analytics")}},
                                                       {QStringLiteral("trial_days"), 7},
                                                       {QStringLiteral("name"),
                                                        QStringLiteral("Seasonal")}},
                                                      "\"2\"");
        QVERIFY2(refeatured.status == 200, qPrintable(bodyOf(refeatured)));
        QCOMPARE(refeatured.json()[u"features"].toArray(), QJsonArray{QStringLiteral("analytics")});
        QCOMPARE(refeatured.json()[u"trial_days"].toInt(), 7);
        QCOMPARE(refeatured.json()[u"name"].toString(), QStringLiteral("Seasonal"));
        QCOMPARE(refeatured.json()[u"active"].toBool(), false);
        QCOMPARE(refeatured.json()[u"version"].toInt(), 3);

        // Refused changes leave the plan alone.
        mismatch = errorMismatch(m_admin->patch(path,
                                                {{QStringLiteral("features"),
                                                  QJsonArray{QStringLiteral("warp_drive")}}},
                                                "\"3\""),
                                 422,
                                 QStringLiteral("invalid_request_error"),
                                 QStringLiteral("resource_missing"),
                                 QStringLiteral("features"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        for (const auto &[name, value] : {std::pair{"trial_days", QJsonValue(731)},
                                          std::pair{"active", QJsonValue(QStringLiteral("no"))},
                                          std::pair{"name", QJsonValue(QString())},
                                          std::pair{"key", QJsonValue(QStringLiteral("renamed"))}}) {
            const ApiResponse refused = m_admin->patch(path,
                                                       {{QLatin1StringView(name), value}},
                                                       "\"3\"");
            QVERIFY2(refused.status == 422
                         && refused.json()[u"error"][u"type"].toString() == u"invalid_request_error",
                     qPrintable(QLatin1StringView(name) + QStringLiteral(": ") + bodyOf(refused)));
        }
        const ApiResponse read = m_viewer->get(path);
        QCOMPARE(read.json(), refeatured.json());
        QCOMPARE(read.header("ETag"), QByteArray("\"3\""));

        // The audit trail has the before and after of the change.
        const ApiResponse audit = m_admin->get(
            QStringLiteral("/v1/audit-events?action=plan.updated&target=")
            + created.json()[u"id"].toString());
        QCOMPARE(audit.status, 200);
        const QJsonArray events = audit.json()[u"data"].toArray();
        QCOMPARE(events.size(), 2);
        QCOMPARE(events.at(1)[u"before"][u"active"].toBool(), true);
        QCOMPARE(events.at(1)[u"after"][u"active"].toBool(), false);
        QCOMPARE(events.at(0)[u"after"][u"features"].toArray(),
                 QJsonArray{QStringLiteral("analytics")});
    }

    void featuresAreListed()
    {
        const ApiResponse list = m_viewer->get(QStringLiteral("/v1/features"));
        QVERIFY2(list.status == 200, qPrintable(bodyOf(list)));
        const QJsonArray features = list.json()[u"data"].toArray();
        QCOMPARE(features.size(), 6);
        QCOMPARE(list.json()[u"has_more"].toBool(), false);
        QStringList keys = idsOf(list, u"key");
        QCOMPARE(QSet<QString>(keys.cbegin(), keys.cend()),
                 QSet<QString>(kFeatureKeys.cbegin(), kFeatureKeys.cend()));
        for (const QJsonValue feature : features) {
            QCOMPARE(feature[u"object"].toString(), QStringLiteral("feature"));
            QVERIFY(!feature[u"name"].toString().isEmpty());
            QVERIFY(!feature[u"description"].toString().isEmpty());
        }

        // Pages of two, following next_cursor (a feature's key).
        QStringList walked;
        QString cursor;
        for (int page = 0; page < 10; ++page) {
            const ApiResponse response = m_viewer->get(
                QStringLiteral("/v1/features?limit=2")
                + (cursor.isEmpty() ? QString() : QStringLiteral("&starting_after=") + cursor));
            QVERIFY2(response.status == 200, qPrintable(bodyOf(response)));
            walked += idsOf(response, u"key");
            if (!response.json()[u"has_more"].toBool()) {
                QVERIFY(response.json()[u"next_cursor"].isNull());
                break;
            }
            cursor = response.json()[u"next_cursor"].toString();
            QCOMPARE(cursor, walked.last());
        }
        QCOMPARE(walked, keys);
        const QString mismatch = errorMismatch(m_viewer->get(QStringLiteral(
                                                   "/v1/features?starting_after=warp_drive")),
                                               400,
                                               QStringLiteral("invalid_request_error"),
                                               QStringLiteral("parameter_invalid"),
                                               QStringLiteral("starting_after"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    void onlyPlanWritersChangeTheCatalog()
    {
        const QString freePlanPath = QStringLiteral("/v1/plans/")
                                     + m_admin->planId(QStringLiteral("free"));
        QVERIFY(freePlanPath.startsWith(QStringLiteral("/v1/plans/pln_")));
        for (ApiClient *client : {m_support.get(), m_viewer.get()}) {
            const ApiResponse create = client->post(QStringLiteral("/v1/plans"),
                                                    planBody(QStringLiteral("sneaky")));
            QString mismatch = errorMismatch(create,
                                             403,
                                             QStringLiteral("permission_error"),
                                             QStringLiteral("permission_denied"));
            QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
            QVERIFY(create.json()[u"error"][u"message"].toString().contains(
                QStringLiteral("plans.write")));
            const ApiResponse patch = client->patch(freePlanPath,
                                                    {{QStringLiteral("active"), false}},
                                                    "\"1\"");
            mismatch = errorMismatch(patch,
                                     403,
                                     QStringLiteral("permission_error"),
                                     QStringLiteral("permission_denied"));
            QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
            QCOMPARE(client->get(QStringLiteral("/v1/plans")).status, 200);
            QCOMPARE(client->get(QStringLiteral("/v1/features")).status, 200);
        }
        const ApiResponse freePlan = m_admin->get(freePlanPath);
        QCOMPARE(freePlan.status, 200);
        QCOMPARE(freePlan.json()[u"active"].toBool(), true);
        QCOMPARE(freePlan.json()[u"version"].toInt(), 1);
        const ApiResponse keys = m_admin->get(QStringLiteral("/v1/plans?limit=100"));
        for (const QJsonValue plan : keys.json()[u"data"].toArray())
            QVERIFY(plan[u"key"].toString() != u"sneaky");
    }

    void cleanupTestCase() { QCOMPARE(m_server.stop(), 0); }

private:
    TenantrydProcess m_server{{QStringLiteral("--demo"),
                               QStringLiteral("--rate-limit"),
                               QStringLiteral("100000"),
                               QStringLiteral("--rate-burst"),
                               QStringLiteral("100000")}};
    std::unique_ptr<ApiClient> m_admin;
    std::unique_ptr<ApiClient> m_support;
    std::unique_ptr<ApiClient> m_viewer;
    int m_counter = 0;
};

QTEST_GUILESS_MAIN(TestApiCatalog)
#include "testapicatalog.moc"
