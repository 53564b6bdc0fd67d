// Billing through a real tenantryd with the simulator (the default provider): a subscription
// created through the API lives at the simulator (its id stored locally, one MRR event even
// after the simulator's own events arrive); the test clock drives renewals, payment failures,
// dunning and trials, and what the simulator's signed events say reaches local state through
// the webhook inbox and its worker. And with --billing none there is no test clock.

#include "core/timestamp.h"
#include "tests/server/support/apiassertions.h"
#include "tests/server/support/apiclient.h"
#include "tests/server/support/tenantrydprocess.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QThread>
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

QString rfc3339(Tenantry::Timestamp time)
{
    return QString::fromStdString(Tenantry::formatRfc3339(time));
}

const QString kOwnerEmail = QStringLiteral("owner@billing.example");
const QString kPassword = QStringLiteral("billing-test-password-1");

} // namespace

class TestApiBilling : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void billingObjectNamesTheSimulator();
    void createdSubscriptionLivesAtTheProvider();
    void retriedCreateMakesOneSubscription();
    void renewalInvoiceArrivesThroughWebhooks();
    void failedPaymentsMakeItPastDueThenCanceled();
    void failingCustomerStartsIncomplete();
    void trialWarnsThenBecomesActive();
    void cancelAtPeriodEndEndsAtTheEnd();
    void planChangeCreatesThePriceOnce();
    void clockRefusesWhatCannotBe();
    void restartKeepsTheSimulator();
    void noTestClockWithBillingNone();

private:
    // Starts `server`, adds the owner, signs `client` in.
    static bool startWithOwner(TenantrydProcess &server, std::unique_ptr<ApiClient> &client);
    QString newTenant(ApiClient &client);
    ApiResponse subscribe(const QString &tenantId, const QString &planId, int trialDays = 0);
    ApiResponse advance(const QJsonObject &body);
    // Waits until the webhook inbox has nothing pending (the worker applied every event).
    bool settled();
    QJsonObject subscription(const QString &id);
    QJsonArray invoicesOf(const QString &subscriptionId);
    QJsonArray mrrEventsOf(const QString &tenantId);
    Tenantry::Timestamp frozenTime();

    TenantrydProcess m_server{{QStringLiteral("--rate-limit"),
                               QStringLiteral("100000"),
                               QStringLiteral("--rate-burst"),
                               QStringLiteral("100000")}};
    std::unique_ptr<ApiClient> m_owner;
    QString m_monthly; // 2000 usd a month
    QString m_yearly;  // 24000 usd a year
    int m_tenants = 0;
};

bool TestApiBilling::startWithOwner(TenantrydProcess &server, std::unique_ptr<ApiClient> &client)
{
    QString error;
    if (!server.start(&error)) {
        qWarning() << error;
        return false;
    }
    if (!server.addUser(kOwnerEmail, QStringLiteral("owner"), kPassword))
        return false;
    client = std::make_unique<ApiClient>(server.baseUrl());
    return client->signIn(kOwnerEmail, kPassword);
}

void TestApiBilling::initTestCase()
{
    QVERIFY(startWithOwner(m_server, m_owner));
    for (const auto &[key, amount, interval, target] :
         {std::tuple{QStringLiteral("monthly"), 2000, QStringLiteral("month"), &m_monthly},
          std::tuple{QStringLiteral("yearly"), 24000, QStringLiteral("year"), &m_yearly}}) {
        const ApiResponse created = m_owner->post(QStringLiteral("/v1/plans"),
                                                  {{QStringLiteral("key"), key},
                                                   {QStringLiteral("name"), key},
                                                   {QStringLiteral("price"),
                                                    QJsonObject{{QStringLiteral("amount"), amount},
                                                                {QStringLiteral("currency"),
                                                                 QStringLiteral("usd")}}},
                                                   {QStringLiteral("interval"), interval}});
        QVERIFY2(created.status == 201, qPrintable(bodyOf(created)));
        *target = created.json()[u"id"].toString();
    }
}

QString TestApiBilling::newTenant(ApiClient &client)
{
    const ApiResponse created = client.post(QStringLiteral("/v1/tenants"),
                                            {{QStringLiteral("name"),
                                              QStringLiteral("Billing %1").arg(++m_tenants)},
                                             {QStringLiteral("region"),
                                              QStringLiteral("eu-west-1")}});
    if (created.status != 201)
        qWarning() << bodyOf(created);
    return created.json()[u"id"].toString();
}

ApiResponse TestApiBilling::subscribe(const QString &tenantId, const QString &planId, int trialDays)
{
    return m_owner->post(QStringLiteral("/v1/subscriptions"),
                         {{QStringLiteral("tenant_id"), tenantId},
                          {QStringLiteral("plan_id"), planId},
                          {QStringLiteral("trial_days"), trialDays}});
}

ApiResponse TestApiBilling::advance(const QJsonObject &body)
{
    return m_owner->post(QStringLiteral("/v1/billing/test-clock/advance"), body);
}

bool TestApiBilling::settled()
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 30000) {
        const ApiResponse pending = m_owner->get(
            QStringLiteral("/v1/webhook-events?status=pending&limit=1"));
        if (pending.status != 200) {
            qWarning() << bodyOf(pending);
            return false;
        }
        if (pending.json()[u"data"].toArray().isEmpty())
            return true;
        QThread::msleep(50);
    }
    qWarning() << "webhook events still pending after 30 s";
    return false;
}

QJsonObject TestApiBilling::subscription(const QString &id)
{
    return m_owner->get(QStringLiteral("/v1/subscriptions/") + id).json();
}

QJsonArray TestApiBilling::invoicesOf(const QString &subscriptionId)
{
    return m_owner->get(QStringLiteral("/v1/invoices?limit=100&subscription_id=") + subscriptionId)
        .json()[u"data"]
        .toArray();
}

QJsonArray TestApiBilling::mrrEventsOf(const QString &tenantId)
{
    return m_owner->get(QStringLiteral("/v1/metrics/events?limit=1000&tenant_id=") + tenantId)
        .json()[u"data"]
        .toArray();
}

Tenantry::Timestamp TestApiBilling::frozenTime()
{
    return timeOf(m_owner->get(QStringLiteral("/v1/billing")).json()[u"test_clock"][u"frozen_time"]);
}

void TestApiBilling::billingObjectNamesTheSimulator()
{
    const ApiResponse billing = m_owner->get(QStringLiteral("/v1/billing"));
    QVERIFY2(billing.status == 200, qPrintable(bodyOf(billing)));
    QCOMPARE(billing.json()[u"object"].toString(), QStringLiteral("billing"));
    QCOMPARE(billing.json()[u"provider"].toString(), QStringLiteral("simulator"));
    const Tenantry::Timestamp frozen = frozenTime();
    // A new test clock starts at the wall clock.
    QVERIFY(std::chrono::abs(frozen
                             - std::chrono::time_point_cast<std::chrono::microseconds>(
                                 std::chrono::system_clock::now()))
            < std::chrono::minutes(5));
}

void TestApiBilling::createdSubscriptionLivesAtTheProvider()
{
    const QString tenantId = newTenant(*m_owner);
    const ApiResponse created = subscribe(tenantId, m_monthly);
    QVERIFY2(created.status == 201, qPrintable(bodyOf(created)));
    const QJsonObject body = created.json();
    QCOMPARE(body[u"status"].toString(), QStringLiteral("active"));
    QVERIFY(body[u"stripe_subscription_id"].toString().startsWith(QStringLiteral("sub_")));
    QCOMPARE(timeOf(body[u"current_period_start"]), frozenTime());
    QVERIFY(settled());
    // The simulator's customer.subscription.created and invoice events changed nothing twice.
    const QJsonObject after = subscription(body[u"id"].toString());
    QCOMPARE(after[u"version"].toInteger(), 1);
    QCOMPARE(after[u"status"].toString(), QStringLiteral("active"));
    const QJsonArray events = mrrEventsOf(tenantId);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0][u"mrr"].toInteger(), 2000);
    const ApiResponse all = m_owner->get(QStringLiteral("/v1/subscriptions?tenant_id=") + tenantId);
    QCOMPARE(all.json()[u"data"].toArray().size(), 1);
    // The first invoice, paid, recorded from the simulator's invoice events.
    const QJsonArray invoices = invoicesOf(body[u"id"].toString());
    QCOMPARE(invoices.size(), 1);
    QCOMPARE(invoices[0][u"status"].toString(), QStringLiteral("paid"));
    QCOMPARE(invoices[0][u"amount_paid"][u"amount"].toInteger(), 2000);
    // The tenant's customer and the plan's price are remembered: a second tenant reuses the
    // price (and the first one's customer is its own).
    const ApiResponse webhookEvents = m_owner->get(
        QStringLiteral("/v1/webhook-events?type=customer.subscription.created&limit=100"));
    QVERIFY(!webhookEvents.json()[u"data"].toArray().isEmpty());
    QCOMPARE(webhookEvents.json()[u"data"][0][u"status"].toString(), QStringLiteral("processed"));
}

void TestApiBilling::retriedCreateMakesOneSubscription()
{
    const QString tenantId = newTenant(*m_owner);
    const QJsonObject request = {{QStringLiteral("tenant_id"), tenantId},
                                 {QStringLiteral("plan_id"), m_yearly}};
    const ApiResponse first = m_owner->post(QStringLiteral("/v1/subscriptions"),
                                            request,
                                            "billing-retry-1");
    QVERIFY2(first.status == 201, qPrintable(bodyOf(first)));
    const ApiResponse retried = m_owner->post(QStringLiteral("/v1/subscriptions"),
                                              request,
                                              "billing-retry-1");
    QCOMPARE(retried.status, 201);
    QCOMPARE(retried.json()[u"id"].toString(), first.json()[u"id"].toString());
    QVERIFY(settled());
    QCOMPARE(m_owner->get(QStringLiteral("/v1/subscriptions?tenant_id=") + tenantId)
                 .json()[u"data"]
                 .toArray()
                 .size(),
             1);
    const QJsonArray events = mrrEventsOf(tenantId);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0][u"mrr"].toInteger(), 2000); // 24000 a year
}

void TestApiBilling::renewalInvoiceArrivesThroughWebhooks()
{
    const QString tenantId = newTenant(*m_owner);
    const ApiResponse created = subscribe(tenantId, m_monthly);
    QVERIFY2(created.status == 201, qPrintable(bodyOf(created)));
    const QString id = created.json()[u"id"].toString();
    const Tenantry::Timestamp periodEnd = timeOf(created.json()[u"current_period_end"]);
    const ApiResponse advanced = advance({{QStringLiteral("to"), rfc3339(periodEnd)}});
    QVERIFY2(advanced.status == 200, qPrintable(bodyOf(advanced)));
    QCOMPARE(advanced.json()[u"object"].toString(), QStringLiteral("billing"));
    QCOMPARE(timeOf(advanced.json()[u"test_clock"][u"frozen_time"]), periodEnd);
    QVERIFY(settled());
    const QJsonArray invoices = invoicesOf(id);
    QCOMPARE(invoices.size(), 2);
    bool renewal = false;
    for (const QJsonValue invoice : invoices) {
        if (timeOf(invoice[u"period_start"]) == periodEnd) {
            renewal = true;
            QCOMPARE(invoice[u"status"].toString(), QStringLiteral("paid"));
            QCOMPARE(invoice[u"amount_due"][u"amount"].toInteger(), 2000);
        }
    }
    QVERIFY(renewal);
    const QJsonObject renewed = subscription(id);
    QCOMPARE(timeOf(renewed[u"current_period_start"]), periodEnd);
    QCOMPARE(renewed[u"status"].toString(), QStringLiteral("active"));
    QCOMPARE(mrrEventsOf(tenantId).size(), 1); // a renewal changes no MRR
}

void TestApiBilling::failedPaymentsMakeItPastDueThenCanceled()
{
    const QString tenantId = newTenant(*m_owner);
    const ApiResponse created = subscribe(tenantId, m_monthly);
    QVERIFY2(created.status == 201, qPrintable(bodyOf(created)));
    const QString id = created.json()[u"id"].toString();
    const ApiResponse fails = m_owner->post(
        QStringLiteral("/v1/billing/customers/%1/payment-outcome").arg(tenantId),
        {{QStringLiteral("outcome"), QStringLiteral("fails")}});
    QVERIFY2(fails.status == 200, qPrintable(bodyOf(fails)));
    QCOMPARE(fails.json()[u"outcome"].toString(), QStringLiteral("fails"));
    QVERIFY(fails.json()[u"customer"].toString().startsWith(QStringLiteral("cus_")));

    const Tenantry::Timestamp periodEnd = timeOf(created.json()[u"current_period_end"]);
    const Tenantry::Timestamp clockBefore = frozenTime();
    QCOMPARE(advance({{QStringLiteral("to"), rfc3339(periodEnd)}}).status, 200);
    QVERIFY(settled());
    QCOMPARE(subscription(id)[u"status"].toString(), QStringLiteral("past_due"));

    // Both staff actions are in the audit log: who, on what, and what changed.
    const QJsonArray outcomeAudit = m_owner
                                        ->get(QStringLiteral("/v1/audit-events?action=tenant."
                                                             "payment_outcome_set&target=")
                                              + tenantId)
                                        .json()[u"data"]
                                        .toArray();
    QCOMPARE(outcomeAudit.size(), 1);
    QCOMPARE(outcomeAudit[0][u"actor_email"].toString(), kOwnerEmail);
    QCOMPARE(outcomeAudit[0][u"target_type"].toString(), QStringLiteral("tenant"));
    QCOMPARE(outcomeAudit[0][u"after"][u"outcome"].toString(), QStringLiteral("fails"));
    QCOMPARE(outcomeAudit[0][u"after"][u"customer"].toString(),
             fails.json()[u"customer"].toString());
    QCOMPARE(outcomeAudit[0][u"request_id"].toString(),
             QString::fromUtf8(fails.header("Request-Id")));
    const QJsonArray clockAudit = m_owner
                                      ->get(QStringLiteral(
                                          "/v1/audit-events?action=test_clock.advanced&limit=1"))
                                      .json()[u"data"]
                                      .toArray();
    QCOMPARE(clockAudit.size(), 1);
    QCOMPARE(clockAudit[0][u"actor_email"].toString(), kOwnerEmail);
    QCOMPARE(clockAudit[0][u"target_type"].toString(), QStringLiteral("test_clock"));
    QCOMPARE(timeOf(clockAudit[0][u"before"][u"frozen_time"]), clockBefore);
    QCOMPARE(timeOf(clockAudit[0][u"after"][u"frozen_time"]), periodEnd);
    QVERIFY(clockAudit[0][u"after"][u"transitions"].toInteger() >= 1);
    QCOMPARE(mrrEventsOf(tenantId).size(), 1); // past_due still brings in its MRR
    bool open = false;
    for (const QJsonValue invoice : invoicesOf(id))
        open = open || invoice[u"status"].toString() == u"open";
    QVERIFY(open);

    // The retries of 3, 5 and 7 days fail: canceled 15 days after the renewal.
    QCOMPARE(advance({{QStringLiteral("seconds"), 16 * 86400}}).status, 200);
    QVERIFY(settled());
    const QJsonObject canceled = subscription(id);
    QCOMPARE(canceled[u"status"].toString(), QStringLiteral("canceled"));
    const QJsonArray events = mrrEventsOf(tenantId);
    QCOMPARE(events.size(), 2);
    QCOMPARE(events[1][u"mrr"].toInteger(), 0);
    QCOMPARE(timeOf(events[1][u"at"]), periodEnd + std::chrono::days(15));
    QVERIFY(m_owner->get(QStringLiteral("/v1/tenants/") + tenantId).json()[u"plan_id"].isNull());
}

void TestApiBilling::failingCustomerStartsIncomplete()
{
    const QString tenantId = newTenant(*m_owner);
    QCOMPARE(m_owner
                 ->post(QStringLiteral("/v1/billing/customers/%1/payment-outcome").arg(tenantId),
                        {{QStringLiteral("outcome"), QStringLiteral("fails")}})
                 .status,
             200);
    const ApiResponse created = subscribe(tenantId, m_monthly);
    QVERIFY2(created.status == 201, qPrintable(bodyOf(created)));
    QCOMPARE(created.json()[u"status"].toString(), QStringLiteral("incomplete"));
    QCOMPARE(advance({{QStringLiteral("seconds"), 23 * 3600}}).status, 200);
    QVERIFY(settled());
    QCOMPARE(subscription(created.json()[u"id"].toString())[u"status"].toString(),
             QStringLiteral("incomplete_expired"));
    QCOMPARE(mrrEventsOf(tenantId).size(), 0);
}

void TestApiBilling::trialWarnsThenBecomesActive()
{
    const QString tenantId = newTenant(*m_owner);
    const ApiResponse created = subscribe(tenantId, m_monthly, 7);
    QVERIFY2(created.status == 201, qPrintable(bodyOf(created)));
    QCOMPARE(created.json()[u"status"].toString(), QStringLiteral("trialing"));
    const QString id = created.json()[u"id"].toString();
    const QString stripeId = created.json()[u"stripe_subscription_id"].toString();
    QCOMPARE(advance({{QStringLiteral("seconds"), 4 * 86400}}).status, 200);
    QVERIFY(settled());
    const ApiResponse warned = m_owner->get(
        QStringLiteral("/v1/webhook-events?type=customer.subscription.trial_will_end&limit=100"));
    QCOMPARE(warned.status, 200);
    QVERIFY(!warned.json()[u"data"].toArray().isEmpty());
    QCOMPARE(subscription(id)[u"status"].toString(), QStringLiteral("trialing"));
    QCOMPARE(mrrEventsOf(tenantId).size(), 0);

    QCOMPARE(advance({{QStringLiteral("seconds"), 3 * 86400}}).status, 200);
    QVERIFY(settled());
    const QJsonObject active = subscription(id);
    QCOMPARE(active[u"status"].toString(), QStringLiteral("active"));
    QCOMPARE(active[u"stripe_subscription_id"].toString(), stripeId);
    const QJsonArray events = mrrEventsOf(tenantId);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0][u"mrr"].toInteger(), 2000);
    QCOMPARE(timeOf(events[0][u"at"]), timeOf(created.json()[u"trial_end"]));
    QCOMPARE(invoicesOf(id).size(), 1);
}

void TestApiBilling::cancelAtPeriodEndEndsAtTheEnd()
{
    const QString tenantId = newTenant(*m_owner);
    const ApiResponse created = subscribe(tenantId, m_monthly);
    QVERIFY2(created.status == 201, qPrintable(bodyOf(created)));
    const QString id = created.json()[u"id"].toString();
    const ApiResponse scheduled = m_owner->post(QStringLiteral("/v1/subscriptions/%1/cancel").arg(id),
                                                {{QStringLiteral("at_period_end"), true}});
    QVERIFY2(scheduled.status == 200, qPrintable(bodyOf(scheduled)));
    QVERIFY(scheduled.json()[u"cancel_at_period_end"].toBool());
    // A plan change at the provider: prorated there, the quantity here.
    const ApiResponse changed = m_owner->post(QStringLiteral("/v1/subscriptions/%1/change-plan")
                                                  .arg(id),
                                              {{QStringLiteral("quantity"), 2}});
    QVERIFY2(changed.status == 200, qPrintable(bodyOf(changed)));
    QCOMPARE(changed.json()[u"quantity"].toInteger(), 2);
    const Tenantry::Timestamp periodEnd = timeOf(created.json()[u"current_period_end"]);
    QCOMPARE(advance({{QStringLiteral("to"), rfc3339(periodEnd)}}).status, 200);
    QVERIFY(settled());
    QCOMPARE(subscription(id)[u"status"].toString(), QStringLiteral("canceled"));
    const QJsonArray events = mrrEventsOf(tenantId);
    QCOMPARE(events.size(), 3); // 2000, 4000, 0
    QCOMPARE(events[1][u"mrr"].toInteger(), 4000);
    QCOMPARE(events[2][u"mrr"].toInteger(), 0);
    QCOMPARE(timeOf(events[2][u"at"]), periodEnd);
    // The ended subscription refuses changes (here) and a new one can start.
    const ApiResponse again = subscribe(tenantId, m_monthly);
    QVERIFY2(again.status == 201, qPrintable(bodyOf(again)));
}

void TestApiBilling::planChangeCreatesThePriceOnce()
{
    const ApiResponse plan = m_owner->post(QStringLiteral("/v1/plans"),
                                           {{QStringLiteral("key"), QStringLiteral("bigger")},
                                            {QStringLiteral("name"), QStringLiteral("Bigger")},
                                            {QStringLiteral("price"),
                                             QJsonObject{{QStringLiteral("amount"), 5000},
                                                         {QStringLiteral("currency"),
                                                          QStringLiteral("usd")}}},
                                            {QStringLiteral("interval"), QStringLiteral("month")}});
    QVERIFY2(plan.status == 201, qPrintable(bodyOf(plan)));
    const QString bigger = plan.json()[u"id"].toString();
    for (int round = 0; round < 2; ++round) {
        const QString tenantId = newTenant(*m_owner);
        const ApiResponse created = subscribe(tenantId, m_monthly);
        QVERIFY2(created.status == 201, qPrintable(bodyOf(created)));
        const QString id = created.json()[u"id"].toString();
        const ApiResponse changed = m_owner->post(QStringLiteral("/v1/subscriptions/%1/change-plan")
                                                      .arg(id),
                                                  {{QStringLiteral("plan_id"), bigger}});
        QVERIFY2(changed.status == 200, qPrintable(bodyOf(changed)));
        QCOMPARE(changed.json()[u"plan_id"].toString(), bigger);
        QVERIFY(settled());
        // The simulator's customer.subscription.updated maps its price back to this plan.
        const QJsonObject after = subscription(id);
        QCOMPARE(after[u"plan_id"].toString(), bigger);
        QCOMPARE(after[u"version"].toInteger(), 2);
        const QJsonArray events = mrrEventsOf(tenantId);
        QCOMPARE(events.size(), 2);
        QCOMPARE(events[1][u"mrr"].toInteger(), 5000);
    }
}

void TestApiBilling::clockRefusesWhatCannotBe()
{
    const Tenantry::Timestamp now = frozenTime();
    const ApiResponse backwards = advance(
        {{QStringLiteral("to"), rfc3339(now - std::chrono::hours(1))}});
    QVERIFY2(errorMismatch(backwards,
                           400,
                           QStringLiteral("invalid_request_error"),
                           QStringLiteral("parameter_invalid"),
                           QStringLiteral("to"))
                 .isEmpty(),
             qPrintable(bodyOf(backwards)));
    const ApiResponse tooFar = advance({{QStringLiteral("seconds"), 3 * 366 * 86400}});
    QCOMPARE(tooFar.status, 400);
    const ApiResponse both = advance({{QStringLiteral("seconds"), 10},
                                      {QStringLiteral("to"), rfc3339(now + std::chrono::hours(1))}});
    QCOMPARE(both.status, 400);
    const ApiResponse neither = advance({});
    QCOMPARE(neither.status, 400);
    QCOMPARE(frozenTime(), now);
    const ApiResponse unknown = m_owner->post(
        QStringLiteral("/v1/billing/customers/ten_missing/payment-outcome"),
        {{QStringLiteral("outcome"), QStringLiteral("fails")}});
    QCOMPARE(unknown.status, 404);
    const ApiResponse bad = m_owner->post(
        QStringLiteral("/v1/billing/customers/%1/payment-outcome").arg(newTenant(*m_owner)),
        {{QStringLiteral("outcome"), QStringLiteral("sometimes")}});
    QCOMPARE(bad.status, 422);
}

void TestApiBilling::restartKeepsTheSimulator()
{
    const QString tenantId = newTenant(*m_owner);
    const ApiResponse created = subscribe(tenantId, m_monthly);
    QVERIFY2(created.status == 201, qPrintable(bodyOf(created)));
    QCOMPARE(advance({{QStringLiteral("seconds"), 3600}}).status, 200);
    const Tenantry::Timestamp frozen = frozenTime();
    QVERIFY(settled());
    QCOMPARE(m_server.stop(), 0);

    TenantrydProcess restarted({}, m_server.dataDir());
    QString error;
    QVERIFY2(restarted.start(&error), qPrintable(error));
    ApiClient owner(restarted.baseUrl());
    QVERIFY(owner.signIn(kOwnerEmail, kPassword));
    const ApiResponse billing = owner.get(QStringLiteral("/v1/billing"));
    QCOMPARE(timeOf(billing.json()[u"test_clock"][u"frozen_time"]), frozen);
    // The simulator still holds the subscription: cancelling goes through it.
    const ApiResponse canceled = owner.post(QStringLiteral("/v1/subscriptions/%1/cancel")
                                                .arg(created.json()[u"id"].toString()),
                                            {{QStringLiteral("at_period_end"), false}});
    QVERIFY2(canceled.status == 200, qPrintable(bodyOf(canceled)));
    QCOMPARE(canceled.json()[u"status"].toString(), QStringLiteral("canceled"));
    QCOMPARE(restarted.stop(), 0);
    QVERIFY2(m_server.start(&error), qPrintable(error));
    m_owner = std::make_unique<ApiClient>(m_server.baseUrl());
    QVERIFY(m_owner->signIn(kOwnerEmail, kPassword));
}

void TestApiBilling::noTestClockWithBillingNone()
{
    TenantrydProcess none({QStringLiteral("--billing"), QStringLiteral("none")});
    std::unique_ptr<ApiClient> owner;
    QVERIFY(startWithOwner(none, owner));
    const ApiResponse billing = owner->get(QStringLiteral("/v1/billing"));
    QCOMPARE(billing.status, 200);
    QCOMPARE(billing.json()[u"provider"].toString(), QStringLiteral("none"));
    QVERIFY(billing.json()[u"test_clock"].isNull());
    const ApiResponse refused = owner->post(QStringLiteral("/v1/billing/test-clock/advance"),
                                            {{QStringLiteral("seconds"), 60}});
    QVERIFY2(errorMismatch(refused,
                           409,
                           QStringLiteral("invalid_request_error"),
                           QStringLiteral("test_clock_unavailable"))
                 .isEmpty(),
             qPrintable(bodyOf(refused)));
    // Subscriptions are decided locally: active at once, no provider id.
    const ApiResponse plan = owner->post(QStringLiteral("/v1/plans"),
                                         {{QStringLiteral("key"), QStringLiteral("local")},
                                          {QStringLiteral("name"), QStringLiteral("Local")},
                                          {QStringLiteral("price"),
                                           QJsonObject{{QStringLiteral("amount"), 500},
                                                       {QStringLiteral("currency"),
                                                        QStringLiteral("usd")}}},
                                          {QStringLiteral("interval"), QStringLiteral("month")}});
    QVERIFY2(plan.status == 201, qPrintable(bodyOf(plan)));
    const QString tenantId = newTenant(*owner);
    const ApiResponse outcome = owner->post(
        QStringLiteral("/v1/billing/customers/%1/payment-outcome").arg(tenantId),
        {{QStringLiteral("outcome"), QStringLiteral("fails")}});
    QCOMPARE(outcome.status, 409);
    const ApiResponse created = owner->post(QStringLiteral("/v1/subscriptions"),
                                            {{QStringLiteral("tenant_id"), tenantId},
                                             {QStringLiteral("plan_id"),
                                              plan.json()[u"id"].toString()}});
    QVERIFY2(created.status == 201, qPrintable(bodyOf(created)));
    QCOMPARE(created.json()[u"status"].toString(), QStringLiteral("active"));
    QVERIFY(created.json()[u"stripe_subscription_id"].isNull());
}

QTEST_GUILESS_MAIN(TestApiBilling)
#include "testapibilling.moc"
