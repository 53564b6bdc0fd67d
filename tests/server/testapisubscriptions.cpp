// Subscriptions of a real tenantryd with demo data: the lifecycle (create, change plan or
// quantity, cancel at the period's end, resume, cancel now, subscribe again), trials and their
// extension, the MRR events each change records (and only those), the tenant's plan following
// its subscription, validation and conflicts, optimistic concurrency, idempotent retries,
// filters, invoices and the audit trail.

#include "core/timestamp.h"
#include "tests/server/support/apiassertions.h"
#include "tests/server/support/apiclient.h"
#include "tests/server/support/tenantrydprocess.h"

#include <QJsonArray>
#include <QtTest>

#include <memory>

using namespace Tenantry::TestSupport;

namespace {

Tenantry::Timestamp timeOf(const QJsonValue &value)
{
    const Tenantry::Result<Tenantry::Timestamp> parsed = Tenantry::parseRfc3339(
        value.toString().toStdString());
    return parsed ? *parsed : Tenantry::Timestamp{};
}

} // namespace

class TestApiSubscriptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void lifecycleRecordsEveryMrrChange();
    void trialsBringNoMrrUntilTheyEnd();
    void extendTrialOnlyWhileTrialing();
    void refusesWhatCannotBe();
    void staleIfMatchGetsTheCurrentSubscription();
    void retriedChangeRecordsOneEvent();
    void filtersAndInvoicesOfTheDemo();
    void everyChangeIsAudited();
    void cleanupTestCase();

private:
    // A new tenant (active, on no plan); its id.
    QString newTenant(const QString &name);
    // Subscribes `tenantId`; the response.
    ApiResponse subscribe(const QString &tenantId,
                          const QString &planId,
                          int quantity = 1,
                          int trialDays = 0);
    ApiResponse action(const QString &subscriptionId,
                       const QString &name,
                       const QJsonObject &body = {},
                       const QByteArray &key = {});
    // The MRR events of a tenant, oldest first (through the finance feed).
    QJsonArray eventsOf(const QString &tenantId);
    QString tenantPlan(const QString &tenantId);

    TenantrydProcess m_server{{QStringLiteral("--demo")}};
    std::unique_ptr<ApiClient> m_support;
    std::unique_ptr<ApiClient> m_finance;
    std::unique_ptr<ApiClient> m_viewer;
    QJsonObject m_plans; // "key/currency" -> plan
    int m_tenants = 0;
};

void TestApiSubscriptions::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    m_support = std::make_unique<ApiClient>(m_server.baseUrl());
    QVERIFY(m_support->signIn(QStringLiteral("support@demo.tenantry.dev"),
                              m_server.demoPassword(QStringLiteral("support"))));
    m_finance = std::make_unique<ApiClient>(m_server.baseUrl());
    QVERIFY(m_finance->signIn(QStringLiteral("finance@demo.tenantry.dev"),
                              m_server.demoPassword(QStringLiteral("finance"))));
    m_viewer = std::make_unique<ApiClient>(m_server.baseUrl());
    QVERIFY(m_viewer->signIn(QStringLiteral("viewer@demo.tenantry.dev"),
                             m_server.demoPassword(QStringLiteral("viewer"))));
    const ApiResponse plans = m_support->get(QStringLiteral("/v1/plans?limit=100"));
    QCOMPARE(plans.status, 200);
    const QJsonArray data = plans.json()[u"data"].toArray();
    for (const QJsonValue plan : data)
        m_plans.insert(plan[u"key"].toString() + QLatin1Char('/')
                           + plan[u"price"][u"currency"].toString(),
                       plan.toObject());
    QVERIFY(m_plans.contains(QStringLiteral("pro/usd")));
    QVERIFY(m_plans.contains(QStringLiteral("enterprise/usd")));
    QVERIFY(m_plans.contains(QStringLiteral("pro-yearly/usd")));
}

QString TestApiSubscriptions::newTenant(const QString &name)
{
    const ApiResponse created = m_support->post(
        QStringLiteral("/v1/tenants"),
        {{QStringLiteral("name"), QString(name + QStringLiteral(" %1").arg(++m_tenants))},
         {QStringLiteral("region"), QStringLiteral("us-east-1")}});
    if (created.status != 201)
        qWarning() << bodyOf(created);
    return created.json()[u"id"].toString();
}

ApiResponse TestApiSubscriptions::subscribe(const QString &tenantId,
                                            const QString &planId,
                                            int quantity,
                                            int trialDays)
{
    return m_support->post(QStringLiteral("/v1/subscriptions"),
                           {{QStringLiteral("tenant_id"), tenantId},
                            {QStringLiteral("plan_id"), planId},
                            {QStringLiteral("quantity"), quantity},
                            {QStringLiteral("trial_days"), trialDays}});
}

ApiResponse TestApiSubscriptions::action(const QString &subscriptionId,
                                         const QString &name,
                                         const QJsonObject &body,
                                         const QByteArray &key)
{
    return m_support->post(QStringLiteral("/v1/subscriptions/%1/%2").arg(subscriptionId, name),
                           body,
                           key);
}

QJsonArray TestApiSubscriptions::eventsOf(const QString &tenantId)
{
    const ApiResponse events = m_finance->get(
        QStringLiteral("/v1/metrics/events?limit=1000&tenant_id=") + tenantId);
    if (events.status != 200)
        qWarning() << bodyOf(events);
    return events.json()[u"data"].toArray();
}

QString TestApiSubscriptions::tenantPlan(const QString &tenantId)
{
    return m_support->get(QStringLiteral("/v1/tenants/") + tenantId).json()[u"plan_id"].toString();
}

void TestApiSubscriptions::lifecycleRecordsEveryMrrChange()
{
    const QJsonObject pro = m_plans[QStringLiteral("pro/usd")].toObject();
    const QJsonObject enterprise = m_plans[QStringLiteral("enterprise/usd")].toObject();
    const qint64 proPrice = pro[u"price"][u"amount"].toInteger();
    const qint64 enterprisePrice = enterprise[u"price"][u"amount"].toInteger();
    const QString tenantId = newTenant(QStringLiteral("Lifecycle"));
    QVERIFY(tenantId.startsWith(QStringLiteral("ten_")));

    // Created without a trial: active for one calendar month, on the tenant's plan.
    const ApiResponse created = subscribe(tenantId, pro[u"id"].toString(), 2);
    QVERIFY2(created.status == 201, qPrintable(bodyOf(created)));
    const QJsonObject subscription = created.json();
    const QString id = subscription[u"id"].toString();
    QVERIFY(id.startsWith(QStringLiteral("sub_")));
    QCOMPARE(created.header("Location"), QByteArray("/v1/subscriptions/") + id.toUtf8());
    QCOMPARE(created.header("ETag"), QByteArray("\"1\""));
    QCOMPARE(subscription[u"status"].toString(), QStringLiteral("active"));
    QCOMPARE(subscription[u"quantity"].toInt(), 2);
    QVERIFY(subscription[u"trial_end"].isNull());
    QVERIFY(timeOf(subscription[u"current_period_end"])
            == Tenantry::addCalendarMonths(timeOf(subscription[u"current_period_start"]), 1));
    QCOMPARE(tenantPlan(tenantId), pro[u"id"].toString());

    // More seats, then another plan: expansion events with the new MRR.
    ApiResponse changed = action(id,
                                 QStringLiteral("change-plan"),
                                 {{QStringLiteral("quantity"), 3}});
    QVERIFY2(changed.status == 200, qPrintable(bodyOf(changed)));
    QCOMPARE(changed.json()[u"version"].toInt(), 2);
    changed = action(id,
                     QStringLiteral("change-plan"),
                     {{QStringLiteral("plan_id"), enterprise[u"id"].toString()}});
    QVERIFY2(changed.status == 200, qPrintable(bodyOf(changed)));
    QCOMPARE(changed.json()[u"plan_id"].toString(), enterprise[u"id"].toString());
    QCOMPARE(changed.json()[u"quantity"].toInt(), 3);
    QCOMPARE(tenantPlan(tenantId), enterprise[u"id"].toString());

    // Cancel at the period's end and call it off: no MRR changes.
    ApiResponse scheduled = action(id, QStringLiteral("cancel"));
    QVERIFY2(scheduled.status == 200, qPrintable(bodyOf(scheduled)));
    QCOMPARE(scheduled.json()[u"status"].toString(), QStringLiteral("active"));
    QVERIFY(scheduled.json()[u"cancel_at_period_end"].toBool());
    const ApiResponse resumed = action(id, QStringLiteral("resume"));
    QVERIFY2(resumed.status == 200, qPrintable(bodyOf(resumed)));
    QVERIFY(!resumed.json()[u"cancel_at_period_end"].toBool());
    QVERIFY2(action(id, QStringLiteral("resume")).errorCode() == u"not_resumable",
             "resuming what is not set to end");

    // Cancel now: churn to 0, the tenant on no plan, the subscription closed for changes.
    const ApiResponse canceled = action(id,
                                        QStringLiteral("cancel"),
                                        {{QStringLiteral("at_period_end"), false}});
    QVERIFY2(canceled.status == 200, qPrintable(bodyOf(canceled)));
    QCOMPARE(canceled.json()[u"status"].toString(), QStringLiteral("canceled"));
    QVERIFY(!canceled.json()[u"canceled_at"].isNull());
    QVERIFY(m_support->get(QStringLiteral("/v1/tenants/") + tenantId).json()[u"plan_id"].isNull());
    const ApiResponse afterEnd = action(id,
                                        QStringLiteral("change-plan"),
                                        {{QStringLiteral("quantity"), 1}});
    QVERIFY2(errorMismatch(afterEnd,
                           409,
                           QStringLiteral("invalid_request_error"),
                           QStringLiteral("subscription_ended"))
                 .isEmpty(),
             qPrintable(bodyOf(afterEnd)));

    // Coming back is a new subscription: a reactivation.
    const ApiResponse again = subscribe(tenantId, pro[u"id"].toString(), 1);
    QVERIFY2(again.status == 201, qPrintable(bodyOf(again)));
    const QString second = again.json()[u"id"].toString();
    QVERIFY(second != id);

    const QJsonArray events = eventsOf(tenantId);
    QCOMPARE(events.size(), 5);
    const qint64 expected[] = {2 * proPrice, 3 * proPrice, 3 * enterprisePrice, 0, proPrice};
    const QString subscriptions[] = {id, id, id, id, second};
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QJsonObject event = events[i].toObject();
        QCOMPARE(event[u"object"].toString(), QStringLiteral("mrr_event"));
        QCOMPARE(event[u"mrr"].toInteger(), expected[i]);
        QCOMPARE(event[u"currency"].toString(), QStringLiteral("usd"));
        QCOMPARE(event[u"subscription_id"].toString(), subscriptions[i]);
        QCOMPARE(event[u"tenant_id"].toString(), tenantId);
        if (i > 0)
            QVERIFY(timeOf(event[u"at"]) >= timeOf(events[i - 1][u"at"]));
    }
}

void TestApiSubscriptions::trialsBringNoMrrUntilTheyEnd()
{
    const QJsonObject yearly = m_plans[QStringLiteral("pro-yearly/usd")].toObject();
    const QString tenantId = newTenant(QStringLiteral("Trial"));
    // trial_days absent: the plan's own trial.
    const ApiResponse created = m_support->post(QStringLiteral("/v1/subscriptions"),
                                                {{QStringLiteral("tenant_id"), tenantId},
                                                 {QStringLiteral("plan_id"),
                                                  yearly[u"id"].toString()}});
    QVERIFY2(created.status == 201, qPrintable(bodyOf(created)));
    const QJsonObject subscription = created.json();
    QCOMPARE(subscription[u"status"].toString(), QStringLiteral("trialing"));
    const qint64 trialDays = yearly[u"trial_days"].toInteger();
    QVERIFY(trialDays > 0);
    QVERIFY(timeOf(subscription[u"trial_end"])
            == timeOf(subscription[u"created_at"]) + std::chrono::days(trialDays));
    QVERIFY(timeOf(subscription[u"current_period_end"]) == timeOf(subscription[u"trial_end"]));
    // A plan change during the trial changes no MRR either.
    const ApiResponse more = action(subscription[u"id"].toString(),
                                    QStringLiteral("change-plan"),
                                    {{QStringLiteral("quantity"), 4}});
    QVERIFY2(more.status == 200, qPrintable(bodyOf(more)));
    QCOMPARE(eventsOf(tenantId).size(), 0);
    QCOMPARE(tenantPlan(tenantId), yearly[u"id"].toString());
}

void TestApiSubscriptions::extendTrialOnlyWhileTrialing()
{
    const QString pro = m_plans[QStringLiteral("pro/usd")][u"id"].toString();
    const QString trialTenant = newTenant(QStringLiteral("Extend"));
    const ApiResponse trial = subscribe(trialTenant, pro, 1, 5);
    QVERIFY2(trial.status == 201, qPrintable(bodyOf(trial)));
    const QString id = trial.json()[u"id"].toString();
    const ApiResponse extended = action(id,
                                        QStringLiteral("extend-trial"),
                                        {{QStringLiteral("days"), 10}});
    QVERIFY2(extended.status == 200, qPrintable(bodyOf(extended)));
    QVERIFY(timeOf(extended.json()[u"trial_end"])
            == timeOf(trial.json()[u"trial_end"]) + std::chrono::days(10));
    QVERIFY(timeOf(extended.json()[u"current_period_end"]) == timeOf(extended.json()[u"trial_end"]));
    QCOMPARE(extended.json()[u"status"].toString(), QStringLiteral("trialing"));

    for (const int days : {0, 366}) {
        const ApiResponse refused = action(id,
                                           QStringLiteral("extend-trial"),
                                           {{QStringLiteral("days"), days}});
        QVERIFY2(errorMismatch(refused,
                               422,
                               QStringLiteral("invalid_request_error"),
                               QStringLiteral("parameter_invalid"),
                               QStringLiteral("days"))
                     .isEmpty(),
                 qPrintable(bodyOf(refused)));
    }
    const ApiResponse missing = action(id, QStringLiteral("extend-trial"));
    QCOMPARE(missing.errorCode(), QStringLiteral("parameter_missing"));

    const QString paidTenant = newTenant(QStringLiteral("Paid"));
    const ApiResponse paid = subscribe(paidTenant, pro);
    QVERIFY2(paid.status == 201, qPrintable(bodyOf(paid)));
    const ApiResponse notTrialing = action(paid.json()[u"id"].toString(),
                                           QStringLiteral("extend-trial"),
                                           {{QStringLiteral("days"), 3}});
    QVERIFY2(errorMismatch(notTrialing,
                           409,
                           QStringLiteral("invalid_request_error"),
                           QStringLiteral("not_trialing"))
                 .isEmpty(),
             qPrintable(bodyOf(notTrialing)));
}

void TestApiSubscriptions::refusesWhatCannotBe()
{
    const QString pro = m_plans[QStringLiteral("pro/usd")][u"id"].toString();
    const QString proEur = m_plans[QStringLiteral("pro/eur")][u"id"].toString();
    const QString tenantId = newTenant(QStringLiteral("Refusals"));
    const QString type = QStringLiteral("invalid_request_error");

    QVERIFY(errorMismatch(subscribe(QStringLiteral("ten_nosuchtenant000"), pro),
                          422,
                          type,
                          QStringLiteral("resource_missing"),
                          QStringLiteral("tenant_id"))
                .isEmpty());
    QVERIFY(errorMismatch(subscribe(tenantId, QStringLiteral("pln_nosuchplan0000")),
                          422,
                          type,
                          QStringLiteral("resource_missing"),
                          QStringLiteral("plan_id"))
                .isEmpty());
    QVERIFY(errorMismatch(subscribe(tenantId, pro, 0),
                          422,
                          type,
                          QStringLiteral("parameter_invalid"),
                          QStringLiteral("quantity"))
                .isEmpty());
    QVERIFY(errorMismatch(subscribe(tenantId, pro, 1, -1),
                          422,
                          type,
                          QStringLiteral("parameter_invalid"),
                          QStringLiteral("trial_days"))
                .isEmpty());
    const ApiResponse wrongType = m_support->post(QStringLiteral("/v1/subscriptions"),
                                                  {{QStringLiteral("tenant_id"), tenantId},
                                                   {QStringLiteral("plan_id"), pro},
                                                   {QStringLiteral("quantity"),
                                                    QStringLiteral("two")}});
    QVERIFY2(errorMismatch(wrongType,
                           422,
                           type,
                           QStringLiteral("parameter_invalid"),
                           QStringLiteral("quantity"))
                 .isEmpty(),
             qPrintable(bodyOf(wrongType)));
    const ApiResponse statusFromClient = m_support->post(QStringLiteral("/v1/subscriptions"),
                                                         {{QStringLiteral("tenant_id"), tenantId},
                                                          {QStringLiteral("plan_id"), pro},
                                                          {QStringLiteral("status"),
                                                           QStringLiteral("active")}});
    QCOMPARE(statusFromClient.errorCode(), QStringLiteral("parameter_unknown"));

    const ApiResponse first = subscribe(tenantId, pro);
    QVERIFY2(first.status == 201, qPrintable(bodyOf(first)));
    const ApiResponse second = subscribe(tenantId, pro);
    QVERIFY2(errorMismatch(second,
                           409,
                           type,
                           QStringLiteral("subscription_exists"),
                           QStringLiteral("tenant_id"))
                 .isEmpty(),
             qPrintable(bodyOf(second)));
    const ApiResponse otherCurrency = action(first.json()[u"id"].toString(),
                                             QStringLiteral("change-plan"),
                                             {{QStringLiteral("plan_id"), proEur}});
    QVERIFY2(errorMismatch(otherCurrency,
                           422,
                           type,
                           QStringLiteral("currency_mismatch"),
                           QStringLiteral("plan_id"))
                 .isEmpty(),
             qPrintable(bodyOf(otherCurrency)));
    const ApiResponse nothing = action(first.json()[u"id"].toString(),
                                       QStringLiteral("change-plan"));
    QCOMPARE(nothing.errorCode(), QStringLiteral("parameter_missing"));
    QCOMPARE(m_support->get(QStringLiteral("/v1/subscriptions/sub_nosuchsub00000")).status, 404);

    // A suspended tenant cannot take a new subscription.
    const QString suspended = newTenant(QStringLiteral("Suspended"));
    QCOMPARE(m_support->post(QStringLiteral("/v1/tenants/%1/suspend").arg(suspended), {}).status,
             200);
    QVERIFY(errorMismatch(subscribe(suspended, pro), 409, type, QStringLiteral("tenant_not_active"))
                .isEmpty());

    // Viewers read subscriptions but change none.
    const ApiResponse denied = m_viewer->post(
        QStringLiteral("/v1/subscriptions/%1/cancel").arg(first.json()[u"id"].toString()), {});
    QCOMPARE(denied.status, 403);
    QCOMPARE(m_viewer->get(QStringLiteral("/v1/subscriptions/") + first.json()[u"id"].toString())
                 .status,
             200);
}

void TestApiSubscriptions::staleIfMatchGetsTheCurrentSubscription()
{
    const QString pro = m_plans[QStringLiteral("pro/usd")][u"id"].toString();
    const ApiResponse created = subscribe(newTenant(QStringLiteral("Stale")), pro);
    QVERIFY2(created.status == 201, qPrintable(bodyOf(created)));
    const QString id = created.json()[u"id"].toString();
    QCOMPARE(action(id, QStringLiteral("change-plan"), {{QStringLiteral("quantity"), 2}}).status,
             200);

    const ApiResponse stale = m_support->request(
        "POST",
        QStringLiteral("/v1/subscriptions/%1/change-plan").arg(id),
        QJsonDocument(QJsonObject{{QStringLiteral("quantity"), 5}}).toJson(QJsonDocument::Compact),
        {{"Idempotency-Key", "stale-if-match-1"}, {"If-Match", "\"1\""}});
    QVERIFY2(errorMismatch(stale,
                           412,
                           QStringLiteral("invalid_request_error"),
                           QStringLiteral("version_mismatch"))
                 .isEmpty(),
             qPrintable(bodyOf(stale)));
    QCOMPARE(stale.header("ETag"), QByteArray("\"2\""));
    const QJsonObject current = errorOf(stale)[u"current"].toObject();
    QCOMPARE(current[u"quantity"].toInt(), 2);
    QCOMPARE(current[u"version"].toInt(), 2);

    const ApiResponse fresh = m_support->request(
        "POST",
        QStringLiteral("/v1/subscriptions/%1/change-plan").arg(id),
        QJsonDocument(QJsonObject{{QStringLiteral("quantity"), 5}}).toJson(QJsonDocument::Compact),
        {{"Idempotency-Key", "stale-if-match-2"}, {"If-Match", "\"2\""}});
    QVERIFY2(fresh.status == 200, qPrintable(bodyOf(fresh)));
    QCOMPARE(fresh.json()[u"quantity"].toInt(), 5);
}

void TestApiSubscriptions::retriedChangeRecordsOneEvent()
{
    const QString pro = m_plans[QStringLiteral("pro/usd")][u"id"].toString();
    const QString tenantId = newTenant(QStringLiteral("Retry"));
    const ApiResponse created = subscribe(tenantId, pro);
    QVERIFY2(created.status == 201, qPrintable(bodyOf(created)));
    const QString id = created.json()[u"id"].toString();

    const QJsonObject body{{QStringLiteral("quantity"), 7}};
    const ApiResponse first = action(id, QStringLiteral("change-plan"), body, "retry-change-1");
    QVERIFY2(first.status == 200, qPrintable(bodyOf(first)));
    const ApiResponse replay = action(id, QStringLiteral("change-plan"), body, "retry-change-1");
    QCOMPARE(replay.status, 200);
    QCOMPARE(replay.header("Idempotent-Replayed"), QByteArray("true"));
    QCOMPARE(replay.body, first.body);
    QCOMPARE(eventsOf(tenantId).size(), 2); // created, then 7 seats: once

    const ApiResponse reused = action(id,
                                      QStringLiteral("change-plan"),
                                      {{QStringLiteral("quantity"), 8}},
                                      "retry-change-1");
    QCOMPARE(reused.status, 409);
    QCOMPARE(reused.json()[u"error"][u"type"].toString(), QStringLiteral("idempotency_error"));
    QCOMPARE(m_support->get(QStringLiteral("/v1/subscriptions/") + id).json()[u"quantity"].toInt(),
             7);
}

void TestApiSubscriptions::filtersAndInvoicesOfTheDemo()
{
    // Every past-due subscription of the demo, across tenants, and nothing else.
    QStringList pastDue;
    QString cursor;
    for (;;) {
        const ApiResponse page = m_support->get(
            QStringLiteral("/v1/subscriptions?status=past_due&limit=100")
            + (cursor.isEmpty() ? QString() : QStringLiteral("&starting_after=") + cursor));
        QVERIFY2(page.status == 200, qPrintable(bodyOf(page)));
        const QJsonArray data = page.json()[u"data"].toArray();
        for (const QJsonValue item : data) {
            QCOMPARE(item[u"status"].toString(), QStringLiteral("past_due"));
            pastDue << item[u"id"].toString();
        }
        if (!page.json()[u"has_more"].toBool())
            break;
        cursor = page.json()[u"next_cursor"].toString();
    }
    // About 1% of the demo's customers are past due (4 of 300, 20 of 2,000).
    QVERIFY2(pastDue.size() >= 2, qPrintable(QString::number(pastDue.size())));

    // A past-due subscription's last invoice is open; the ones before are paid, each the plan's
    // price for the quantity billed.
    const QJsonObject subscription = m_support
                                         ->get(QStringLiteral("/v1/subscriptions/")
                                               + pastDue.first())
                                         .json();
    const ApiResponse invoices = m_support->get(QStringLiteral("/v1/invoices?limit=100&"
                                                               "subscription_id=")
                                                + pastDue.first());
    QVERIFY2(invoices.status == 200, qPrintable(bodyOf(invoices)));
    const QJsonArray data = invoices.json()[u"data"].toArray();
    QVERIFY(!data.isEmpty());
    QCOMPARE(data.first()[u"status"].toString(), QStringLiteral("open")); // newest first
    QCOMPARE(data.first()[u"amount_paid"][u"amount"].toInteger(), 0);
    for (qsizetype i = 1; i < data.size(); ++i) {
        QCOMPARE(data[i][u"status"].toString(), QStringLiteral("paid"));
        QCOMPARE(data[i][u"amount_paid"], data[i][u"amount_due"]);
    }
    for (const QJsonValue invoice : data) {
        QCOMPARE(invoice[u"tenant_id"].toString(), subscription[u"tenant_id"].toString());
        QVERIFY(invoice[u"amount_due"][u"amount"].toInteger() > 0);
        QVERIFY(timeOf(invoice[u"period_end"]) > timeOf(invoice[u"period_start"]));
    }

    // renews_before: only subscriptions whose period ends before the time.
    const ApiResponse soon = m_support->get(
        QStringLiteral("/v1/subscriptions?status=active&limit=100&renews_before=")
        + QString::fromStdString(Tenantry::formatRfc3339(timeOf(subscription[u"current_period_end"])
                                                         + std::chrono::hours(1))));
    QVERIFY2(soon.status == 200, qPrintable(bodyOf(soon)));
    for (const QJsonValue item : soon.json()[u"data"].toArray())
        QVERIFY(timeOf(item[u"current_period_end"])
                < timeOf(subscription[u"current_period_end"]) + std::chrono::hours(1));
    QCOMPARE(m_support->get(QStringLiteral("/v1/subscriptions?status=late")).status, 400);
    QCOMPARE(m_support->get(QStringLiteral("/v1/subscriptions?renews_before=soon")).status, 400);
    QCOMPARE(m_support->get(QStringLiteral("/v1/invoices?status=due")).status, 400);
}

void TestApiSubscriptions::everyChangeIsAudited()
{
    const QString pro = m_plans[QStringLiteral("pro/usd")][u"id"].toString();
    const ApiResponse created = subscribe(newTenant(QStringLiteral("Audited")), pro);
    QVERIFY2(created.status == 201, qPrintable(bodyOf(created)));
    const QString id = created.json()[u"id"].toString();
    QCOMPARE(action(id, QStringLiteral("change-plan"), {{QStringLiteral("quantity"), 4}}).status,
             200);

    ApiClient admin(m_server.baseUrl());
    QVERIFY(admin.signIn(QStringLiteral("admin@demo.tenantry.dev"),
                         m_server.demoPassword(QStringLiteral("admin"))));
    const ApiResponse audit = admin.get(QStringLiteral("/v1/audit-events?target=") + id);
    QVERIFY2(audit.status == 200, qPrintable(bodyOf(audit)));
    const QJsonArray events = audit.json()[u"data"].toArray();
    QCOMPARE(events.size(), 2);
    const QJsonObject change = events[0].toObject(); // newest first
    QCOMPARE(change[u"action"].toString(), QStringLiteral("subscription.plan_changed"));
    QCOMPARE(change[u"actor_email"].toString(), QStringLiteral("support@demo.tenantry.dev"));
    QCOMPARE(change[u"tenant_id"].toString(), created.json()[u"tenant_id"].toString());
    QCOMPARE(change[u"before"][u"quantity"].toInt(), 1);
    QCOMPARE(change[u"after"][u"quantity"].toInt(), 4);
    QCOMPARE(change[u"after"][u"mrr"][u"amount"].toInteger(),
             4 * m_plans[QStringLiteral("pro/usd")][u"price"][u"amount"].toInteger());
    QCOMPARE(events[1][u"action"].toString(), QStringLiteral("subscription.created"));
    QVERIFY(events[1][u"before"].isNull());
}

void TestApiSubscriptions::cleanupTestCase()
{
    QCOMPARE(m_server.stop(), 0);
}

QTEST_GUILESS_MAIN(TestApiSubscriptions)

#include "testapisubscriptions.moc"
