// Stripe webhooks against a real tenantryd with demo data: signed intake into the inbox,
// duplicates, signature failures, the worker applying subscription and invoice events exactly
// once and never backwards (shuffled deliveries end where in-order ones do), ignored types,
// retries into dead letters and their replay, and nothing lost to a kill -9 between intake and
// processing. Payloads are Stripe's own example objects (tests/data/stripe) with ids, statuses
// and times changed, signed with StripeSignature::sign.

#include "server/billing/stripe/stripesignature.h"
#include "tests/server/support/apiassertions.h"
#include "tests/server/support/apiclient.h"
#include "tests/server/support/tenantrydprocess.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QtTest>

#include <latch>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

using namespace Tenantry::TestSupport;

namespace {

const std::string kSecret = "whsec_test_tenantry_webhooks";

QJsonObject fixture(const QString &name)
{
    static const QJsonObject resources = [] {
        QFile file(QStringLiteral(TENANTRY_TEST_DATA_DIR "/stripe/fixtures.json"));
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot read the Stripe fixtures");
        return QJsonDocument::fromJson(file.readAll()).object()[u"resources"].toObject();
    }();
    return resources[name].toObject();
}

qint64 timeOfSeconds(const QJsonValue &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODate).toSecsSinceEpoch();
}

QJsonValue optionalTime(const std::optional<qint64> &seconds)
{
    return seconds ? QJsonValue(*seconds) : QJsonValue(QJsonValue::Null);
}

// What a test sets of a Stripe Subscription; the rest is the fixture's.
struct SubscriptionShape
{
    QString id;
    QString customer;
    QString status;
    QString price;
    int quantity = 1;
    qint64 periodStart = 0;
    qint64 periodEnd = 0;
    std::optional<qint64> trialEnd;
    bool cancelAtPeriodEnd = false;
    std::optional<qint64> canceledAt;
    qint64 created = 0;
    bool legacyPeriod = false; // current_period_* on the subscription (API before 2025-03-31)
};

SubscriptionShape shaped(const QString &id,
                         const QString &customer,
                         const QString &status,
                         const QString &price,
                         int quantity,
                         qint64 periodStart,
                         qint64 periodEnd)
{
    SubscriptionShape shape;
    shape.id = id;
    shape.customer = customer;
    shape.status = status;
    shape.price = price;
    shape.quantity = quantity;
    shape.periodStart = periodStart;
    shape.periodEnd = periodEnd;
    return shape;
}

QJsonObject subscriptionObject(const SubscriptionShape &shape)
{
    QJsonObject object = fixture(QStringLiteral("subscription"));
    object[u"id"] = shape.id;
    object[u"customer"] = shape.customer;
    object[u"status"] = shape.status;
    object[u"created"] = shape.created;
    object[u"start_date"] = shape.created;
    object[u"trial_start"] = shape.trialEnd ? QJsonValue(shape.created)
                                            : QJsonValue(QJsonValue::Null);
    object[u"trial_end"] = optionalTime(shape.trialEnd);
    object[u"cancel_at_period_end"] = shape.cancelAtPeriodEnd;
    object[u"cancel_at"] = QJsonValue(QJsonValue::Null);
    object[u"canceled_at"] = optionalTime(shape.canceledAt);
    object[u"ended_at"] = optionalTime(shape.canceledAt);
    QJsonObject items = object[u"items"].toObject();
    QJsonArray data = items[u"data"].toArray();
    QJsonObject item = data[0].toObject();
    QJsonObject price = item[u"price"].toObject();
    price[u"id"] = shape.price;
    item[u"price"] = price;
    QJsonObject plan = item[u"plan"].toObject();
    plan[u"id"] = shape.price;
    item[u"plan"] = plan;
    item[u"quantity"] = shape.quantity;
    item[u"subscription"] = shape.id;
    if (shape.legacyPeriod) {
        item.remove(QStringLiteral("current_period_start"));
        item.remove(QStringLiteral("current_period_end"));
        object[u"current_period_start"] = shape.periodStart;
        object[u"current_period_end"] = shape.periodEnd;
    } else {
        item[u"current_period_start"] = shape.periodStart;
        item[u"current_period_end"] = shape.periodEnd;
    }
    data[0] = item;
    items[u"data"] = data;
    items[u"url"] = QString(QStringLiteral("/v1/subscription_items?subscription=") + shape.id);
    object[u"items"] = items;
    return object;
}

QJsonObject invoiceObject(const QString &id,
                          const QString &customer,
                          const QString &subscription,
                          const QString &status,
                          qint64 amount,
                          qint64 created)
{
    QJsonObject object = fixture(QStringLiteral("invoice"));
    object[u"id"] = id;
    object[u"customer"] = customer;
    object[u"status"] = status;
    object[u"amount_due"] = amount;
    object[u"amount_paid"] = status == u"paid" ? amount : 0;
    object[u"amount_remaining"] = status == u"paid" ? 0 : amount;
    object[u"created"] = created;
    object[u"period_start"] = created;
    object[u"period_end"] = created;
    QJsonObject parent = object[u"parent"].toObject();
    parent[u"type"] = QStringLiteral("subscription_details");
    QJsonObject details = parent[u"subscription_details"].toObject();
    details[u"subscription"] = subscription;
    parent[u"subscription_details"] = details;
    parent.remove(QStringLiteral("quote_details"));
    object[u"parent"] = parent;
    return object;
}

QByteArray eventBody(const QString &id,
                     const QString &type,
                     qint64 created,
                     const QJsonObject &object)
{
    QJsonObject event = fixture(QStringLiteral("event"));
    event[u"id"] = id;
    event[u"type"] = type;
    event[u"created"] = created;
    event[u"api_version"] = QStringLiteral("2025-03-31.basil");
    event[u"data"] = QJsonObject{{QStringLiteral("object"), object}};
    return QJsonDocument(event).toJson(QJsonDocument::Compact);
}

QByteArray signatureOf(const QByteArray &body, const std::string &secret = kSecret)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const std::string v1 = Tenantry::Server::StripeSignature::sign(secret, now, body.toStdString());
    return "t=" + QByteArray::number(now) + ",v1=" + QByteArray::fromStdString(v1);
}

} // namespace

class TestApiWebhooks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void withoutSecretAnswers503();
    void validEventIsStoredAndApplied();
    void badSignatureStoresNothing();
    void fiveDeliveriesApplyOnce();
    void shuffledLifecycleEndsAsInOrder();
    void unknownTypeIsStoredAsIgnored();
    void concurrentDeliveriesAreStoredOnce();
    void failingEventGoesDeadAndCanBeReplayed();
    void invoiceWaitsForItsSubscription();
    void killNineBetweenIntakeAndProcessingLosesNothing();
    void cleanupTestCase();

private:
    struct FreeTenant
    {
        QString id;
        QString customer; // cus_demo_<slug>
    };

    FreeTenant takeTenant();
    ApiResponse deliver(const QByteArray &body, const QByteArray &signature);
    ApiResponse deliver(const QByteArray &body) { return deliver(body, signatureOf(body)); }
    // The inbox's record of an event (empty when it is not among the newest 100).
    QJsonObject inboxEvent(const QString &id);
    // Polls until the event has `status`; its record then (or the last one seen).
    QJsonObject waitForStatus(const QString &id, const QString &status, int timeoutMs = 20000);
    QJsonObject subscriptionOf(const QString &tenantId);
    // The MRR events of one subscription (demo tenants have a history of their own).
    QJsonArray mrrEventsOf(const QString &tenantId, const QString &subscriptionId);
    QJsonArray auditOf(const QString &targetId);
    qint64 planPrice(const QString &key);
    void startClients();

    std::unique_ptr<TenantrydProcess> m_server;
    std::unique_ptr<TenantrydProcess> m_first; // kept after a restart: it owns the data folder
    std::unique_ptr<ApiClient> m_owner;
    std::unique_ptr<ApiClient> m_finance;
    std::unique_ptr<ApiClient> m_stripe; // no token: what Stripe is
    QJsonObject m_plans;                 // "key" (usd) -> plan
    QList<FreeTenant> m_freeTenants;     // active demo tenants without a live subscription
    qint64 m_base = 0;                   // Unix seconds for event times
};

void TestApiWebhooks::startClients()
{
    m_owner = std::make_unique<ApiClient>(m_server->baseUrl());
    QVERIFY(m_owner->signIn(QStringLiteral("owner@demo.tenantry.dev"),
                            m_server->demoPassword(QStringLiteral("owner"))));
    m_finance = std::make_unique<ApiClient>(m_server->baseUrl());
    QVERIFY(m_finance->signIn(QStringLiteral("finance@demo.tenantry.dev"),
                              m_server->demoPassword(QStringLiteral("finance"))));
    m_stripe = std::make_unique<ApiClient>(m_server->baseUrl());
}

void TestApiWebhooks::initTestCase()
{
    m_server = std::make_unique<TenantrydProcess>(
        QStringList{QStringLiteral("--demo"),
                    QStringLiteral("--stripe-webhook-secret"),
                    QStringLiteral("whsec_old_secret,") + QString::fromStdString(kSecret),
                    QStringLiteral("--webhook-max-attempts"),
                    QStringLiteral("3"),
                    QStringLiteral("--webhook-retry-base-ms"),
                    QStringLiteral("50"),
                    QStringLiteral("--rate-limit"),
                    QStringLiteral("100000"),
                    QStringLiteral("--rate-burst"),
                    QStringLiteral("100000")});
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    startClients();
    m_base = QDateTime::currentSecsSinceEpoch() - 7200;

    const ApiResponse plans = m_owner->get(QStringLiteral("/v1/plans?limit=100"));
    QCOMPARE(plans.status, 200);
    const QJsonArray data = plans.json()[u"data"].toArray();
    for (const QJsonValue plan : data) {
        if (plan[u"price"][u"currency"].toString() == u"usd")
            m_plans.insert(plan[u"key"].toString(), plan.toObject());
    }
    QVERIFY(m_plans.contains(QStringLiteral("pro")));
    QVERIFY(m_plans.contains(QStringLiteral("enterprise")));

    // Demo tenants that churned: active, on no plan, so without a live subscription.
    QString after;
    while (m_freeTenants.size() < 10) {
        const ApiResponse page = m_owner->get(
            QStringLiteral("/v1/tenants?status=active&limit=100")
            + (after.isEmpty() ? QString() : QStringLiteral("&starting_after=") + after));
        QVERIFY2(page.status == 200, qPrintable(bodyOf(page)));
        const QJsonArray tenants = page.json()[u"data"].toArray();
        for (const QJsonValue tenant : tenants) {
            if (tenant[u"plan_id"].isNull())
                m_freeTenants.append({tenant[u"id"].toString(),
                                      QStringLiteral("cus_demo_") + tenant[u"slug"].toString()});
        }
        if (!page.json()[u"has_more"].toBool())
            break;
        after = tenants.last()[u"id"].toString();
    }
    QVERIFY2(m_freeTenants.size() >= 8, "the demo has too few tenants without a plan");
}

TestApiWebhooks::FreeTenant TestApiWebhooks::takeTenant()
{
    return m_freeTenants.takeFirst();
}

ApiResponse TestApiWebhooks::deliver(const QByteArray &body, const QByteArray &signature)
{
    return m_stripe->request("POST",
                             QStringLiteral("/v1/webhooks/stripe"),
                             body,
                             {{"Stripe-Signature", signature},
                              {"Content-Type", "application/json; charset=utf-8"}});
}

QJsonObject TestApiWebhooks::inboxEvent(const QString &id)
{
    const ApiResponse list = m_finance->get(QStringLiteral("/v1/webhook-events?limit=100"));
    const QJsonArray data = list.json()[u"data"].toArray();
    for (const QJsonValue event : data) {
        if (event[u"id"].toString() == id)
            return event.toObject();
    }
    return {};
}

QJsonObject TestApiWebhooks::waitForStatus(const QString &id, const QString &status, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    QJsonObject event;
    while (!deadline.hasExpired()) {
        event = inboxEvent(id);
        if (event[u"status"].toString() == status)
            return event;
        QTest::qWait(50);
    }
    qWarning() << "event" << id << "is" << event;
    return event;
}

QJsonObject TestApiWebhooks::subscriptionOf(const QString &tenantId)
{
    const ApiResponse list = m_owner->get(QStringLiteral("/v1/subscriptions?tenant_id=") + tenantId);
    return list.json()[u"data"].toArray().first().toObject();
}

QJsonArray TestApiWebhooks::mrrEventsOf(const QString &tenantId, const QString &subscriptionId)
{
    const QJsonArray all = m_finance
                               ->get(QStringLiteral("/v1/metrics/events?limit=1000&tenant_id=")
                                     + tenantId)
                               .json()[u"data"]
                               .toArray();
    QJsonArray mine;
    for (const QJsonValue event : all) {
        if (event[u"subscription_id"].toString() == subscriptionId)
            mine.append(event);
    }
    return mine;
}

QJsonArray TestApiWebhooks::auditOf(const QString &targetId)
{
    return m_owner->get(QStringLiteral("/v1/audit-events?limit=100&target=") + targetId)
        .json()[u"data"]
        .toArray();
}

qint64 TestApiWebhooks::planPrice(const QString &key)
{
    return m_plans[key].toObject()[u"price"][u"amount"].toInteger();
}

void TestApiWebhooks::withoutSecretAnswers503()
{
    // No provider: the simulator would sign its events with a secret of its own.
    TenantrydProcess bare({QStringLiteral("--billing"), QStringLiteral("none")});
    QString error;
    QVERIFY2(bare.start(&error), qPrintable(error));
    ApiClient stripe(bare.baseUrl());
    const QByteArray body = eventBody(QStringLiteral("evt_unconfigured"),
                                      QStringLiteral("invoice.paid"),
                                      m_base,
                                      QJsonObject{});
    const ApiResponse response = stripe.request("POST",
                                                QStringLiteral("/v1/webhooks/stripe"),
                                                body,
                                                {{"Stripe-Signature", signatureOf(body)}});
    QVERIFY2(errorMismatch(response,
                           503,
                           QStringLiteral("api_error"),
                           QStringLiteral("webhooks_not_configured"))
                 .isEmpty(),
             qPrintable(bodyOf(response)));
    QCOMPARE(bare.stop(), 0);
    // The startup line says whether a secret is set, never what it is.
    QVERIFY(!m_server->standardError().contains(QByteArray::fromStdString(kSecret)));
}

void TestApiWebhooks::validEventIsStoredAndApplied()
{
    const FreeTenant tenant = takeTenant();
    const QString eventId = QStringLiteral("evt_applied_1");
    SubscriptionShape shape = shaped(QStringLiteral("sub_applied_1"),
                                     tenant.customer,
                                     QStringLiteral("active"),
                                     QStringLiteral("price_demo_pro_usd"),
                                     2,
                                     m_base,
                                     m_base + 30 * qint64(86400));
    shape.created = m_base;
    const ApiResponse delivered = deliver(eventBody(eventId,
                                                    QStringLiteral("customer.subscription.created"),
                                                    m_base + 1,
                                                    subscriptionObject(shape)));
    QVERIFY2(delivered.status == 200, qPrintable(bodyOf(delivered)));
    QCOMPARE(delivered.json(), (QJsonObject{{QStringLiteral("received"), true}}));

    const QJsonObject event = waitForStatus(eventId, QStringLiteral("processed"));
    QCOMPARE(event[u"status"].toString(), QStringLiteral("processed"));
    QCOMPARE(event[u"type"].toString(), QStringLiteral("customer.subscription.created"));
    QCOMPARE(event[u"attempts"].toInt(), 0);

    const QJsonObject subscription = subscriptionOf(tenant.id);
    QCOMPARE(subscription[u"status"].toString(), QStringLiteral("active"));
    QCOMPARE(subscription[u"stripe_subscription_id"].toString(), QStringLiteral("sub_applied_1"));
    QCOMPARE(subscription[u"quantity"].toInt(), 2);
    QCOMPARE(subscription[u"plan_id"].toString(),
             m_plans.value(QStringLiteral("pro"))[u"id"].toString());
    const QJsonArray events = mrrEventsOf(tenant.id, subscription[u"id"].toString());
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.last()[u"mrr"].toInteger(), 2 * planPrice(QStringLiteral("pro")));
    QCOMPARE(events.last()[u"subscription_id"].toString(), subscription[u"id"].toString());
    const QJsonObject owned = m_owner->get(QStringLiteral("/v1/tenants/") + tenant.id).json();
    QCOMPARE(owned[u"plan_id"].toString(), m_plans.value(QStringLiteral("pro"))[u"id"].toString());

    const QJsonArray audit = auditOf(subscription[u"id"].toString());
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit[0][u"actor_id"].toString(), QStringLiteral("stripe"));
    QCOMPARE(audit[0][u"action"].toString(), QStringLiteral("subscription.created"));
    QCOMPARE(audit[0][u"request_id"].toString(), eventId);
    QCOMPARE(audit[0][u"after"][u"stripe_event_id"].toString(), eventId);
}

void TestApiWebhooks::badSignatureStoresNothing()
{
    const FreeTenant tenant = takeTenant();
    SubscriptionShape shape = shaped(QStringLiteral("sub_unsigned"),
                                     tenant.customer,
                                     QStringLiteral("active"),
                                     QStringLiteral("price_demo_pro_usd"),
                                     1,
                                     m_base,
                                     m_base + 30 * qint64(86400));
    shape.created = m_base;
    const QByteArray body = eventBody(QStringLiteral("evt_unsigned"),
                                      QStringLiteral("customer.subscription.created"),
                                      m_base,
                                      subscriptionObject(shape));

    const ApiResponse wrongSecret = deliver(body, signatureOf(body, "whsec_someone_else"));
    QVERIFY2(errorMismatch(wrongSecret,
                           400,
                           QStringLiteral("invalid_request_error"),
                           QStringLiteral("signature_invalid"))
                 .isEmpty(),
             qPrintable(bodyOf(wrongSecret)));
    QVERIFY(errorOf(wrongSecret)[u"message"].toString().contains(u"No v1 signature matches"));

    const ApiResponse missing = m_stripe->request("POST",
                                                  QStringLiteral("/v1/webhooks/stripe"),
                                                  body);
    QCOMPARE(missing.status, 400);
    QCOMPARE(missing.errorCode(), QStringLiteral("signature_invalid"));

    const QByteArray stale = "t=" + QByteArray::number(m_base) + ",v1="
                             + QByteArray::fromStdString(
                                 Tenantry::Server::StripeSignature::sign(kSecret,
                                                                         m_base,
                                                                         body.toStdString()));
    const ApiResponse old = deliver(body, stale);
    QCOMPARE(old.status, 400);
    QVERIFY(errorOf(old)[u"message"].toString().contains(u"seconds away"));

    QByteArray tampered = body;
    tampered.replace("\"active\"", "\"trialing\"");
    const ApiResponse changed = deliver(tampered, signatureOf(body));
    QCOMPARE(changed.status, 400);

    const QByteArray notAnEvent = "{\"hello\":\"world\"}";
    const ApiResponse invalid = deliver(notAnEvent);
    QVERIFY2(errorMismatch(invalid,
                           400,
                           QStringLiteral("invalid_request_error"),
                           QStringLiteral("invalid_event"))
                 .isEmpty(),
             qPrintable(bodyOf(invalid)));

    QVERIFY(inboxEvent(QStringLiteral("evt_unsigned")).isEmpty());
    QTest::qWait(200);
    // (The churned demo tenant has canceled subscriptions of its own, none from Stripe.)
    const QJsonArray subscriptions = m_owner
                                         ->get(QStringLiteral("/v1/subscriptions?tenant_id=")
                                               + tenant.id)
                                         .json()[u"data"]
                                         .toArray();
    for (const QJsonValue subscription : subscriptions)
        QVERIFY(subscription[u"stripe_subscription_id"].toString() != u"sub_unsigned");
}

void TestApiWebhooks::fiveDeliveriesApplyOnce()
{
    const FreeTenant tenant = takeTenant();
    const QString eventId = QStringLiteral("evt_five_times");
    SubscriptionShape shape = shaped(QStringLiteral("sub_five_times"),
                                     tenant.customer,
                                     QStringLiteral("active"),
                                     QStringLiteral("price_demo_enterprise_usd"),
                                     1,
                                     m_base,
                                     m_base + 30 * qint64(86400));
    shape.created = m_base;
    shape.legacyPeriod = true;
    const QByteArray body = eventBody(eventId,
                                      QStringLiteral("customer.subscription.created"),
                                      m_base,
                                      subscriptionObject(shape));
    for (int i = 0; i < 5; ++i) {
        const ApiResponse delivered = deliver(body);
        QVERIFY2(delivered.status == 200, qPrintable(bodyOf(delivered)));
        QCOMPARE(delivered.json()[u"duplicate"].toBool(), i > 0);
    }
    QCOMPARE(waitForStatus(eventId, QStringLiteral("processed"))[u"status"].toString(),
             QStringLiteral("processed"));
    const QJsonObject subscription = subscriptionOf(tenant.id);
    QCOMPARE(subscription[u"status"].toString(), QStringLiteral("active"));
    QCOMPARE(timeOfSeconds(subscription[u"current_period_end"]), m_base + 30 * qint64(86400));
    const QJsonArray events = mrrEventsOf(tenant.id, subscription[u"id"].toString());
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0][u"mrr"].toInteger(), planPrice(QStringLiteral("enterprise")));
    QCOMPARE(auditOf(subscription[u"id"].toString()).size(), 1);
}

void TestApiWebhooks::shuffledLifecycleEndsAsInOrder()
{
    // created (trialing) -> active -> past_due -> active -> deleted (canceled), one second apart.
    const auto lifecycle = [this](const QString &subscriptionId, const QString &customer) {
        const qint64 start = m_base + 100;
        const qint64 trialEnd = start + 14 * qint64(86400);
        QList<QByteArray> bodies;
        const QList<QPair<QString, QString>> steps = {
            {QStringLiteral("customer.subscription.created"), QStringLiteral("trialing")},
            {QStringLiteral("customer.subscription.updated"), QStringLiteral("active")},
            {QStringLiteral("customer.subscription.updated"), QStringLiteral("past_due")},
            {QStringLiteral("customer.subscription.updated"), QStringLiteral("active")},
            {QStringLiteral("customer.subscription.deleted"), QStringLiteral("canceled")},
        };
        for (int i = 0; i < steps.size(); ++i) {
            SubscriptionShape shape = shaped(subscriptionId,
                                             customer,
                                             steps[i].second,
                                             QStringLiteral("price_demo_pro_usd"),
                                             3,
                                             i == 0 ? start : trialEnd,
                                             i == 0 ? trialEnd : trialEnd + 30 * qint64(86400));
            shape.created = start;
            shape.trialEnd = trialEnd;
            if (steps[i].second == u"canceled")
                shape.canceledAt = start + i;
            bodies.append(eventBody(QStringLiteral("evt_%1_%2").arg(subscriptionId).arg(i),
                                    steps[i].first,
                                    start + i,
                                    subscriptionObject(shape)));
        }
        return bodies;
    };
    const FreeTenant inOrder = takeTenant();
    const FreeTenant shuffled = takeTenant();
    const QList<QByteArray> ordered = lifecycle(QStringLiteral("sub_in_order"), inOrder.customer);
    const QList<QByteArray> mixed = lifecycle(QStringLiteral("sub_shuffled"), shuffled.customer);
    for (const QByteArray &body : ordered) {
        const ApiResponse delivered = deliver(body);
        QVERIFY2(delivered.status == 200, qPrintable(bodyOf(delivered)));
        // Stripe does not wait, but each in-order step should be seen on its own here.
        const QString id = QJsonDocument::fromJson(body).object()[u"id"].toString();
        QCOMPARE(waitForStatus(id, QStringLiteral("processed"))[u"status"].toString(),
                 QStringLiteral("processed"));
    }
    for (const int i : {4, 1, 3, 0, 2}) {
        const ApiResponse delivered = deliver(mixed[i]);
        QVERIFY2(delivered.status == 200, qPrintable(bodyOf(delivered)));
    }
    for (int i = 0; i < 5; ++i)
        QCOMPARE(waitForStatus(QStringLiteral("evt_sub_shuffled_%1").arg(i),
                               QStringLiteral("processed"))[u"status"]
                     .toString(),
                 QStringLiteral("processed"));

    const QJsonObject a = subscriptionOf(inOrder.id);
    const QJsonObject b = subscriptionOf(shuffled.id);
    for (const char16_t *field : {u"status",
                                  u"plan_id",
                                  u"quantity",
                                  u"current_period_start",
                                  u"current_period_end",
                                  u"trial_end",
                                  u"cancel_at_period_end",
                                  u"canceled_at"}) {
        QVERIFY2(a[field] == b[field],
                 qPrintable(QStringView(field).toString() + QStringLiteral(": ")
                            + QString::fromUtf8(QJsonDocument(a).toJson()) + QStringLiteral(" vs ")
                            + QString::fromUtf8(QJsonDocument(b).toJson())));
    }
    QCOMPARE(a[u"status"].toString(), QStringLiteral("canceled"));
    // In order, the MRR went 0 (trial) -> 3×pro (active; past_due still counts) -> 0 (canceled).
    const QJsonArray events = mrrEventsOf(inOrder.id, a[u"id"].toString());
    QCOMPARE(events.size(), 2);
    QCOMPARE(events[0][u"mrr"].toInteger(), 3 * planPrice(QStringLiteral("pro")));
    QCOMPARE(events[1][u"mrr"].toInteger(), 0);
    // Both tenants are left on no plan.
    for (const QString &tenantId : {inOrder.id, shuffled.id})
        QVERIFY(m_owner->get(QStringLiteral("/v1/tenants/") + tenantId).json()[u"plan_id"].isNull());
}

void TestApiWebhooks::unknownTypeIsStoredAsIgnored()
{
    const QByteArray body = eventBody(QStringLiteral("evt_customer_created"),
                                      QStringLiteral("customer.created"),
                                      m_base,
                                      QJsonObject{{QStringLiteral("id"), QStringLiteral("cus_new")},
                                                  {QStringLiteral("object"),
                                                   QStringLiteral("customer")}});
    const ApiResponse delivered = deliver(body);
    QVERIFY2(delivered.status == 200, qPrintable(bodyOf(delivered)));
    const QJsonObject event = inboxEvent(QStringLiteral("evt_customer_created"));
    QCOMPARE(event[u"status"].toString(), QStringLiteral("ignored"));
    QVERIFY(event[u"last_error"].toString().contains(u"customer.created"));

    const ApiResponse filtered = m_finance->get(
        QStringLiteral("/v1/webhook-events?status=ignored&type=customer.created"));
    QCOMPARE(idsOf(filtered), QStringList{QStringLiteral("evt_customer_created")});
    const ApiResponse badFilter = m_finance->get(QStringLiteral("/v1/webhook-events?status=x"));
    QCOMPARE(badFilter.status, 400);
}

void TestApiWebhooks::concurrentDeliveriesAreStoredOnce()
{
    // Concurrent deliveries share a write transaction on the server: each event is still
    // stored once, exactly one of its deliveries is not a duplicate, and every one is answered
    // only after it is stored.
    constexpr int Events = 8;
    constexpr int Copies = 4;
    const QString type = QStringLiteral("customer.discount.created");
    std::vector<QByteArray> bodies;
    for (int i = 0; i < Events; ++i)
        bodies.push_back(
            eventBody(QStringLiteral("evt_concurrent_%1").arg(i),
                      type,
                      m_base + i,
                      QJsonObject{{QStringLiteral("id"), QStringLiteral("di_%1").arg(i)},
                                  {QStringLiteral("object"), QStringLiteral("discount")}}));
    const QString baseUrl = m_server->baseUrl();
    std::vector<ApiResponse> responses(Events * Copies);
    std::latch ready(Events * Copies);
    std::vector<std::thread> threads;
    for (int i = 0; i < Events * Copies; ++i) {
        threads.emplace_back([&, i] {
            ApiClient client(baseUrl);
            const QByteArray &body = bodies[static_cast<std::size_t>(i % Events)];
            ready.arrive_and_wait();
            responses[static_cast<std::size_t>(i)] = client.request(
                "POST",
                QStringLiteral("/v1/webhooks/stripe"),
                body,
                {{"Stripe-Signature", signatureOf(body)},
                 {"Content-Type", "application/json; charset=utf-8"}});
        });
    }
    for (std::thread &thread : threads)
        thread.join();

    std::vector<int> firsts(Events, 0);
    for (int i = 0; i < Events * Copies; ++i) {
        const ApiResponse &response = responses[static_cast<std::size_t>(i)];
        QVERIFY2(response.status == 200, qPrintable(bodyOf(response)));
        if (!response.json()[u"duplicate"].toBool())
            ++firsts[static_cast<std::size_t>(i % Events)];
    }
    for (int i = 0; i < Events; ++i)
        QCOMPARE(firsts[static_cast<std::size_t>(i)], 1);
    // Answered means stored: the inbox lists every event at once, each once.
    const ApiResponse listed = m_finance->get(QStringLiteral("/v1/webhook-events?limit=100&type=")
                                              + type);
    QStringList ids = idsOf(listed);
    ids.sort();
    QStringList expected;
    for (int i = 0; i < Events; ++i)
        expected.append(QStringLiteral("evt_concurrent_%1").arg(i));
    expected.sort();
    QCOMPARE(ids, expected);
}

void TestApiWebhooks::failingEventGoesDeadAndCanBeReplayed()
{
    const FreeTenant tenant = takeTenant();
    SubscriptionShape shape = shaped(QStringLiteral("sub_broken"),
                                     tenant.customer,
                                     QStringLiteral(
                                         "sleeping"), // not a Stripe status: the handler fails
                                     QStringLiteral("price_demo_pro_usd"),
                                     1,
                                     m_base,
                                     m_base + 30 * qint64(86400));
    shape.created = m_base;
    const QString eventId = QStringLiteral("evt_broken");
    QCOMPARE(deliver(eventBody(eventId,
                               QStringLiteral("customer.subscription.updated"),
                               m_base,
                               subscriptionObject(shape)))
                 .status,
             200);
    QJsonObject event = waitForStatus(eventId, QStringLiteral("dead"));
    QCOMPARE(event[u"status"].toString(), QStringLiteral("dead"));
    QCOMPARE(event[u"attempts"].toInt(), 3);
    QVERIFY2(event[u"last_error"].toString().contains(u"sleeping"),
             qPrintable(event[u"last_error"].toString()));
    QVERIFY(event[u"next_attempt_at"].isNull());
    QCOMPARE(idsOf(m_finance->get(QStringLiteral("/v1/webhook-events?status=dead"))),
             QStringList{eventId});

    // Finance may look but not replay; the owner may.
    const QString replayPath = QStringLiteral("/v1/webhook-events/%1/replay").arg(eventId);
    QCOMPARE(m_finance->post(replayPath, {}).status, 403);
    const ApiResponse replayed = m_owner->post(replayPath, {});
    QVERIFY2(replayed.status == 200, qPrintable(bodyOf(replayed)));
    QCOMPARE(replayed.json()[u"status"].toString(), QStringLiteral("pending"));
    QCOMPARE(replayed.json()[u"attempts"].toInt(), 0);
    const QJsonArray audit = auditOf(eventId);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit[0][u"action"].toString(), QStringLiteral("webhook_event.replayed"));
    // Still broken: dead again after the retries.
    event = waitForStatus(eventId, QStringLiteral("dead"));
    QCOMPARE(event[u"attempts"].toInt(), 3);

    QCOMPARE(m_owner->post(QStringLiteral("/v1/webhook-events/evt_nope/replay"), {}).status, 404);
    const ApiResponse processed = m_owner->post(QStringLiteral(
                                                    "/v1/webhook-events/evt_applied_1/replay"),
                                                {});
    QCOMPARE(processed.status, 409);
    QCOMPARE(processed.errorCode(), QStringLiteral("not_replayable"));
}

void TestApiWebhooks::invoiceWaitsForItsSubscription()
{
    // Stripe may deliver an invoice before its subscription: the invoice fails (the
    // subscription is not known yet), goes dead here (3 quick attempts), and a replay once the
    // subscription has arrived applies it.
    const FreeTenant tenant = takeTenant();
    const QString invoiceEvent = QStringLiteral("evt_invoice_early");
    QCOMPARE(deliver(eventBody(invoiceEvent,
                               QStringLiteral("invoice.paid"),
                               m_base + 10,
                               invoiceObject(QStringLiteral("in_early"),
                                             tenant.customer,
                                             QStringLiteral("sub_late"),
                                             QStringLiteral("paid"),
                                             4900,
                                             m_base + 10)))
                 .status,
             200);
    QJsonObject event = waitForStatus(invoiceEvent, QStringLiteral("dead"));
    QVERIFY2(event[u"last_error"].toString().contains(u"sub_late"),
             qPrintable(event[u"last_error"].toString()));

    SubscriptionShape shape = shaped(QStringLiteral("sub_late"),
                                     tenant.customer,
                                     QStringLiteral("active"),
                                     QStringLiteral("price_demo_pro_usd"),
                                     1,
                                     m_base,
                                     m_base + 30 * qint64(86400));
    shape.created = m_base;
    QCOMPARE(deliver(eventBody(QStringLiteral("evt_sub_late"),
                               QStringLiteral("customer.subscription.created"),
                               m_base + 5,
                               subscriptionObject(shape)))
                 .status,
             200);
    QCOMPARE(waitForStatus(QStringLiteral("evt_sub_late"), QStringLiteral("processed"))[u"status"]
                 .toString(),
             QStringLiteral("processed"));
    QCOMPARE(m_owner->post(QStringLiteral("/v1/webhook-events/%1/replay").arg(invoiceEvent), {})
                 .status,
             200);
    QCOMPARE(waitForStatus(invoiceEvent, QStringLiteral("processed"))[u"status"].toString(),
             QStringLiteral("processed"));
    const QJsonObject subscription = subscriptionOf(tenant.id);
    const ApiResponse invoices = m_owner->get(QStringLiteral("/v1/invoices?subscription_id=")
                                              + subscription[u"id"].toString());
    const QJsonArray data = invoices.json()[u"data"].toArray();
    QCOMPARE(data.size(), 1);
    QCOMPARE(data[0][u"stripe_invoice_id"].toString(), QStringLiteral("in_early"));
    QCOMPARE(data[0][u"status"].toString(), QStringLiteral("paid"));
    QCOMPARE(data[0][u"amount_paid"][u"amount"].toInteger(), 4900);
    QCOMPARE(data[0][u"tenant_id"].toString(), tenant.id);
}

void TestApiWebhooks::killNineBetweenIntakeAndProcessingLosesNothing()
{
    const FreeTenant tenant = takeTenant();
    const FreeTenant second = takeTenant();
    const FreeTenant broken = takeTenant();
    const QString dataDir = m_server->dataDir();
    QCOMPARE(m_server->stop(), 0);
    const QStringList common{QStringLiteral("--demo"),
                             QStringLiteral("--stripe-webhook-secret"),
                             QString::fromStdString(kSecret)};

    // A server that receives but does not process (as if it died right after the intake).
    auto paused = std::make_unique<TenantrydProcess>(
        common + QStringList{QStringLiteral("--webhook-worker"), QStringLiteral("off")}, dataDir);
    QString error;
    QVERIFY2(paused->start(&error), qPrintable(error));
    ApiClient stripe(paused->baseUrl());
    // Three events that the restarted worker applies in one batch (one transaction): the
    // middle one fails, and takes nothing of the other two with it.
    const auto deliverPaused = [&](const QString &eventId,
                                   const QString &subscriptionId,
                                   const FreeTenant &owner,
                                   const QString &status,
                                   qint64 created) {
        SubscriptionShape shape = shaped(subscriptionId,
                                         owner.customer,
                                         status,
                                         QStringLiteral("price_demo_pro_usd"),
                                         1,
                                         m_base,
                                         m_base + 30 * qint64(86400));
        shape.created = created;
        const QByteArray body = eventBody(eventId,
                                          QStringLiteral("customer.subscription.created"),
                                          created,
                                          subscriptionObject(shape));
        return stripe.request("POST",
                              QStringLiteral("/v1/webhooks/stripe"),
                              body,
                              {{"Stripe-Signature", signatureOf(body)}});
    };
    ApiResponse delivered = deliverPaused(QStringLiteral("evt_survivor"),
                                          QStringLiteral("sub_survivor"),
                                          tenant,
                                          QStringLiteral("active"),
                                          m_base);
    QVERIFY2(delivered.status == 200, qPrintable(bodyOf(delivered)));
    delivered = deliverPaused(QStringLiteral("evt_survivor_broken"),
                              QStringLiteral("sub_survivor_broken"),
                              broken,
                              QStringLiteral("sleeping"), // not a Stripe status
                              m_base + 1);
    QVERIFY2(delivered.status == 200, qPrintable(bodyOf(delivered)));
    delivered = deliverPaused(QStringLiteral("evt_survivor_2"),
                              QStringLiteral("sub_survivor_2"),
                              second,
                              QStringLiteral("active"),
                              m_base + 2);
    QVERIFY2(delivered.status == 200, qPrintable(bodyOf(delivered)));
    paused->kill();

    m_first = std::move(m_server);
    m_server = std::make_unique<TenantrydProcess>(common, dataDir);
    QVERIFY2(m_server->start(&error), qPrintable(error));
    startClients();
    for (const QString &id : {QStringLiteral("evt_survivor"), QStringLiteral("evt_survivor_2")})
        QCOMPARE(waitForStatus(id, QStringLiteral("processed"))[u"status"].toString(),
                 QStringLiteral("processed"));
    const QJsonObject subscription = subscriptionOf(tenant.id);
    QCOMPARE(subscription[u"stripe_subscription_id"].toString(), QStringLiteral("sub_survivor"));
    QCOMPARE(mrrEventsOf(tenant.id, subscription[u"id"].toString()).size(), 1);
    const QJsonObject secondSubscription = subscriptionOf(second.id);
    QCOMPARE(secondSubscription[u"stripe_subscription_id"].toString(),
             QStringLiteral("sub_survivor_2"));
    QCOMPARE(mrrEventsOf(second.id, secondSubscription[u"id"].toString()).size(), 1);
    // The failing event was tried, and its failure recorded; nothing of it was applied.
    const QJsonObject failed = inboxEvent(QStringLiteral("evt_survivor_broken"));
    QVERIFY2(failed[u"attempts"].toInt() >= 1, QJsonDocument(failed).toJson().constData());
    QVERIFY2(failed[u"last_error"].toString().contains(u"sleeping"),
             QJsonDocument(failed).toJson().constData());
    const QJsonArray brokenTenants = m_owner
                                         ->get(QStringLiteral("/v1/subscriptions?tenant_id=")
                                               + broken.id)
                                         .json()[u"data"]
                                         .toArray();
    for (const QJsonValue listed : brokenTenants)
        QVERIFY(listed[u"stripe_subscription_id"].toString()
                != QStringLiteral("sub_survivor_broken"));
}

void TestApiWebhooks::cleanupTestCase()
{
    if (m_server)
        QCOMPARE(m_server->stop(), 0);
}

QTEST_GUILESS_MAIN(TestApiWebhooks)
#include "testapiwebhooks.moc"
