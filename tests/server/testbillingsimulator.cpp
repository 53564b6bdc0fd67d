// The billing simulator alone (a temporary folder, no server): each lifecycle path and the
// events it emits, in Stripe's shapes and signed as Stripe signs; idempotency; persistence
// across a reopen. And the check: a year of test-clock time for 1,000 subscriptions,
// through the real webhook intake and processor into a SQLite store, gives an MRR series (core's
// engine) that matches the subscriptions' prices.

#include "core/metrics/mrrledger.h"
#include "core/metrics/series.h"
#include "server/api/apicontext.h"
#include "server/billing/simulator/billingsimulator.h"
#include "server/billing/stripe/stripesignature.h"
#include "server/billing/stripe/stripewebhookprocessor.h"
#include "server/ratelimit/loginthrottle.h"
#include "server/ratelimit/tokenbucketratelimiter.h"
#include "server/services/webhookservice.h"
#include "server/store/sqlite/sqlitestore.h"

#include <QTemporaryDir>
#include <QtTest>

#include <map>

using namespace Tenantry;
using namespace Tenantry::Server;

namespace {

const std::string kSecret = "whsec_simulator_test";
constexpr std::int64_t kDay = 86'400;

Timestamp at(const char *text)
{
    return parseRfc3339(text).value();
}

std::int64_t secondsOf(Timestamp time)
{
    return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

Plan plan(const std::string &id,
          std::int64_t amount,
          BillingInterval interval,
          const char *currency = "usd")
{
    return Plan{
        id, id, id, Money(amount, *Currency::fromCode(currency)), interval, {}, true, 0, {}, {}, 1};
}

// What one delivered event carried.
struct Delivered
{
    std::string type;
    std::int64_t created = 0;
    nlohmann::json object;
};

} // namespace

class TestBillingSimulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void paidSubscriptionIsActiveAtOnce();
    void failedFirstPaymentExpiresAfter23Hours();
    void confirmingThePaymentActivatesAnIncompleteOne();
    void trialWarnsThreeDaysAheadThenBills();
    void failedTrialEndIsPastDue();
    void renewalsEveryPeriod();
    void failedRenewalIsRetriedThenCanceled();
    void failedRenewalEndsUnpaidWhenSoConfigured();
    void retrySucceedsAndSubscriptionIsActiveAgain();
    void cancelAtPeriodEndDeletesAtTheEnd();
    void cancelNowAndResume();
    void planChangeProratesOnTheNextInvoice();
    void extendTrialMovesTheEnd();
    void idempotencyKeysAnswerTheSameOnce();
    void refusesWhatStripeRefuses();
    void reopenKeepsEverything();
    void clockOnlyMovesForward();
    void yearOfThousandSubscriptionsMatchesPrices();

private:
    std::unique_ptr<BillingSimulator> open(
        const QString &folder,
        bool cancelAfterRetries = true,
        std::optional<Timestamp> startAt = at("2025-01-01T00:00:00Z"));
    // Delivers the pending events, checks each signature and shape, returns them.
    std::vector<Delivered> drain(BillingSimulator &simulator);
    static std::vector<std::string> typesOf(const std::vector<Delivered> &events);

    // A customer and a monthly price of 2000 usd.
    struct Basics
    {
        std::string customer;
        std::string price;
    };
    Basics basics(BillingSimulator &simulator, std::int64_t amount = 2000);

    QTemporaryDir m_dir;
    int m_folders = 0;
};

std::unique_ptr<BillingSimulator> TestBillingSimulator::open(const QString &folder,
                                                             bool cancelAfterRetries,
                                                             std::optional<Timestamp> startAt)
{
    BillingSimulator::Options options;
    options.path = QString(folder + QStringLiteral("/billing-simulator.sqlite")).toStdString();
    options.webhookSecret = kSecret;
    options.cancelAfterFailedRetries = cancelAfterRetries;
    options.startAt = startAt;
    Result<std::unique_ptr<BillingSimulator>> simulator = BillingSimulator::open(options);
    if (!simulator) {
        qWarning() << simulator.error().message.c_str();
        return nullptr;
    }
    return std::move(simulator).value();
}

std::vector<Delivered> TestBillingSimulator::drain(BillingSimulator &simulator)
{
    const StripeSignature verifier({{kSecret}, std::chrono::seconds(300)});
    std::vector<Delivered> events;
    simulator.deliverPending([&](const std::string &header, const std::string &body) {
        const Status verified = verifier.verify(header, body, std::chrono::system_clock::now());
        if (!verified) {
            qWarning() << "signature:" << verified.error().message.c_str();
            return false;
        }
        Result<StripeEvent> event = StripeEvent::parse(body);
        if (!event) {
            qWarning() << "event:" << event.error().message.c_str();
            return false;
        }
        if (event->type.starts_with("customer.subscription.")) {
            if (Result<StripeSubscription> read = StripeSubscription::read(event->object); !read) {
                qWarning() << "subscription:" << read.error().message.c_str();
                return false;
            }
        } else if (Result<StripeInvoice> read = StripeInvoice::read(event->object); !read) {
            qWarning() << "invoice:" << read.error().message.c_str();
            return false;
        }
        events.push_back({event->type, secondsOf(event->created), event->object});
        return true;
    });
    return events;
}

std::vector<std::string> TestBillingSimulator::typesOf(const std::vector<Delivered> &events)
{
    std::vector<std::string> types;
    for (const Delivered &event : events)
        types.push_back(event.type);
    return types;
}

TestBillingSimulator::Basics TestBillingSimulator::basics(BillingSimulator &simulator,
                                                          std::int64_t amount)
{
    Result<std::string> customer = simulator.createCustomer({"ten_1", "Acme", {}}, {});
    Result<std::string> price = simulator.createPrice(plan("pln_basic",
                                                           amount,
                                                           BillingInterval::Month),
                                                      {});
    if (!customer || !price)
        return {};
    return {*customer, *price};
}

using Types = std::vector<std::string>;

void TestBillingSimulator::paidSubscriptionIsActiveAtOnce()
{
    auto simulator = open(m_dir.filePath(QString::number(++m_folders)));
    QVERIFY(simulator);
    const Basics b = basics(*simulator);
    Result<StripeSubscription> created = simulator->createSubscription(
        {b.customer, b.price, 2, 0, "ten_1"}, "k1");
    QVERIFY(created);
    QVERIFY(created->status == SubscriptionStatus::Active);
    QCOMPARE(created->quantity, 2);
    QVERIFY(created->currentPeriodStart == at("2025-01-01T00:00:00Z"));
    QVERIFY(created->currentPeriodEnd == at("2025-02-01T00:00:00Z"));
    const std::vector<Delivered> events = drain(*simulator);
    QCOMPARE(typesOf(events),
             (Types{"customer.subscription.created",
                    "invoice.created",
                    "invoice.finalized",
                    "invoice.paid",
                    "invoice.payment_succeeded"}));
    QVERIFY(events[0].object["status"] == "active");
    QVERIFY(events[4].object["amount_paid"] == 4000);
    QVERIFY(events[4].object["subscription"] == created->id);
    for (const Delivered &event : events)
        QCOMPARE(event.created, secondsOf(at("2025-01-01T00:00:00Z")));
    QCOMPARE(simulator->pendingEventCount(), std::size_t(0));
}

void TestBillingSimulator::failedFirstPaymentExpiresAfter23Hours()
{
    auto simulator = open(m_dir.filePath(QString::number(++m_folders)));
    QVERIFY(simulator);
    const Basics b = basics(*simulator);
    QVERIFY(simulator->setPaymentOutcome(b.customer, false));
    Result<StripeSubscription> created = simulator->createSubscription(
        {b.customer, b.price, 1, 0, "ten_1"}, {});
    QVERIFY(created);
    QVERIFY(created->status == SubscriptionStatus::Incomplete);
    QCOMPARE(typesOf(drain(*simulator)),
             (Types{"customer.subscription.created",
                    "invoice.created",
                    "invoice.finalized",
                    "invoice.payment_failed"}));
    QVERIFY(simulator->advance(at("2025-01-01T22:59:59Z")));
    QVERIFY(drain(*simulator).empty());
    QVERIFY(simulator->advance(at("2025-01-02T00:00:00Z")));
    const std::vector<Delivered> expired = drain(*simulator);
    QCOMPARE(typesOf(expired), (Types{"customer.subscription.updated"}));
    QVERIFY(expired[0].object["status"] == "incomplete_expired");
    QCOMPARE(expired[0].created, secondsOf(at("2025-01-01T23:00:00Z")));
    // Nothing more ever happens to it.
    QVERIFY(simulator->advance(at("2025-06-01T00:00:00Z")));
    QVERIFY(drain(*simulator).empty());
    QVERIFY(simulator->invoicesOf(created->id).front()["status"] == "void");
}

void TestBillingSimulator::confirmingThePaymentActivatesAnIncompleteOne()
{
    auto simulator = open(m_dir.filePath(QString::number(++m_folders)));
    QVERIFY(simulator);
    const Basics b = basics(*simulator);
    QVERIFY(simulator->setPaymentOutcome(b.customer, false));
    Result<StripeSubscription> created = simulator->createSubscription(
        {b.customer, b.price, 1, 0, "ten_1"}, {});
    QVERIFY(created);
    drain(*simulator);
    QVERIFY(simulator->advance(at("2025-01-01T05:00:00Z")));
    QVERIFY(simulator->setPaymentOutcome(b.customer, true));
    const std::vector<Delivered> events = drain(*simulator);
    QCOMPARE(typesOf(events),
             (Types{"invoice.paid", "invoice.payment_succeeded", "customer.subscription.updated"}));
    QVERIFY(events[2].object["status"] == "active");
    QVERIFY(simulator->advance(at("2025-01-02T00:00:00Z")));
    QVERIFY(drain(*simulator).empty()); // no expiry any more
}

void TestBillingSimulator::trialWarnsThreeDaysAheadThenBills()
{
    auto simulator = open(m_dir.filePath(QString::number(++m_folders)));
    QVERIFY(simulator);
    const Basics b = basics(*simulator);
    Result<StripeSubscription> created = simulator->createSubscription(
        {b.customer, b.price, 1, 14, "ten_1"}, {});
    QVERIFY(created);
    QVERIFY(created->status == SubscriptionStatus::Trialing);
    QVERIFY(created->trialEnd == at("2025-01-15T00:00:00Z"));
    QVERIFY(created->currentPeriodEnd == at("2025-01-15T00:00:00Z"));
    QCOMPARE(typesOf(drain(*simulator)), (Types{"customer.subscription.created"}));

    QVERIFY(simulator->advance(at("2025-01-11T23:59:59Z")));
    QVERIFY(drain(*simulator).empty());
    QVERIFY(simulator->advance(at("2025-01-12T00:00:00Z")));
    const std::vector<Delivered> warned = drain(*simulator);
    QCOMPARE(typesOf(warned), (Types{"customer.subscription.trial_will_end"}));
    QVERIFY(warned[0].object["status"] == "trialing");

    QVERIFY(simulator->advance(at("2025-01-20T00:00:00Z")));
    const std::vector<Delivered> billed = drain(*simulator);
    QCOMPARE(typesOf(billed),
             (Types{"invoice.created",
                    "invoice.finalized",
                    "invoice.paid",
                    "invoice.payment_succeeded",
                    "customer.subscription.updated"}));
    QVERIFY(billed[4].object["status"] == "active");
    QCOMPARE(billed[4].created, secondsOf(at("2025-01-15T00:00:00Z")));
    Result<StripeSubscription> now = simulator->retrieveSubscription(created->id);
    QVERIFY(now);
    QVERIFY(now->currentPeriodStart == at("2025-01-15T00:00:00Z"));
    QVERIFY(now->currentPeriodEnd == at("2025-02-15T00:00:00Z"));
}

void TestBillingSimulator::failedTrialEndIsPastDue()
{
    auto simulator = open(m_dir.filePath(QString::number(++m_folders)));
    QVERIFY(simulator);
    const Basics b = basics(*simulator);
    Result<StripeSubscription> created = simulator->createSubscription(
        {b.customer, b.price, 1, 7, "ten_1"}, {});
    QVERIFY(created);
    QVERIFY(simulator->setPaymentOutcome(b.customer, false));
    drain(*simulator);
    QVERIFY(simulator->advance(at("2025-01-08T00:00:00Z")));
    const std::vector<Delivered> events = drain(*simulator);
    QCOMPARE(typesOf(events),
             (Types{"customer.subscription.trial_will_end",
                    "invoice.created",
                    "invoice.finalized",
                    "invoice.payment_failed",
                    "customer.subscription.updated"}));
    QVERIFY(events[4].object["status"] == "past_due");
    QVERIFY(events[3].object["next_payment_attempt"] == secondsOf(at("2025-01-11T00:00:00Z")));
}

void TestBillingSimulator::renewalsEveryPeriod()
{
    auto simulator = open(m_dir.filePath(QString::number(++m_folders)));
    QVERIFY(simulator);
    const Basics b = basics(*simulator);
    Result<StripeSubscription> created = simulator->createSubscription(
        {b.customer, b.price, 1, 0, "ten_1"}, {});
    QVERIFY(created);
    drain(*simulator);
    Result<std::int64_t> emitted = simulator->advance(at("2025-04-15T00:00:00Z"));
    QVERIFY(emitted);
    QCOMPARE(*emitted, 15); // three renewals of five events each
    const std::vector<Delivered> events = drain(*simulator);
    QCOMPARE(events.size(), std::size_t(15));
    const std::vector<std::int64_t> renewals = {secondsOf(at("2025-02-01T00:00:00Z")),
                                                secondsOf(at("2025-03-01T00:00:00Z")),
                                                secondsOf(at("2025-04-01T00:00:00Z"))};
    for (std::size_t i = 0; i < 3; ++i) {
        QCOMPARE(events[i * 5].type, std::string("invoice.created"));
        QVERIFY(events[i * 5].object["billing_reason"] == "subscription_cycle");
        QCOMPARE(events[i * 5].created, renewals[i]);
        QVERIFY(events[i * 5].object["period_start"] == renewals[i]);
        QCOMPARE(events[i * 5 + 4].type, std::string("customer.subscription.updated"));
        QVERIFY(events[i * 5 + 4].object["status"] == "active");
    }
    QVERIFY(simulator->invoicesOf(created->id).size() == std::size_t(4));
    QVERIFY(simulator->frozenTime() == at("2025-04-15T00:00:00Z"));
}

void TestBillingSimulator::failedRenewalIsRetriedThenCanceled()
{
    auto simulator = open(m_dir.filePath(QString::number(++m_folders)));
    QVERIFY(simulator);
    const Basics b = basics(*simulator);
    Result<StripeSubscription> created = simulator->createSubscription(
        {b.customer, b.price, 1, 0, "ten_1"}, {});
    QVERIFY(created);
    QVERIFY(simulator->setPaymentOutcome(b.customer, false));
    drain(*simulator);
    QVERIFY(simulator->advance(at("2025-02-01T00:00:00Z")));
    const std::vector<Delivered> renewal = drain(*simulator);
    QCOMPARE(typesOf(renewal),
             (Types{"invoice.created",
                    "invoice.finalized",
                    "invoice.payment_failed",
                    "customer.subscription.updated"}));
    QVERIFY(renewal[3].object["status"] == "past_due");

    // Retries 3, 5 and 7 days after each failure: Feb 4, Feb 9, Feb 16.
    QVERIFY(simulator->advance(at("2025-03-01T00:00:00Z")));
    const std::vector<Delivered> dunning = drain(*simulator);
    QCOMPARE(typesOf(dunning),
             (Types{"invoice.payment_failed",
                    "invoice.payment_failed",
                    "invoice.payment_failed",
                    "customer.subscription.deleted"}));
    QCOMPARE(dunning[0].created, secondsOf(at("2025-02-04T00:00:00Z")));
    QCOMPARE(dunning[1].created, secondsOf(at("2025-02-09T00:00:00Z")));
    QCOMPARE(dunning[2].created, secondsOf(at("2025-02-16T00:00:00Z")));
    QVERIFY(dunning[2].object["attempt_count"] == 4);
    QVERIFY(dunning[2].object["next_payment_attempt"].is_null());
    QVERIFY(dunning[3].object["status"] == "canceled");
    QVERIFY(dunning[3].object["ended_at"] == secondsOf(at("2025-02-16T00:00:00Z")));
    // A canceled subscription is not renewed.
    QVERIFY(simulator->advance(at("2025-06-01T00:00:00Z")));
    QVERIFY(drain(*simulator).empty());
}

void TestBillingSimulator::failedRenewalEndsUnpaidWhenSoConfigured()
{
    auto simulator = open(m_dir.filePath(QString::number(++m_folders)), false);
    QVERIFY(simulator);
    const Basics b = basics(*simulator);
    Result<StripeSubscription> created = simulator->createSubscription(
        {b.customer, b.price, 1, 0, "ten_1"}, {});
    QVERIFY(created);
    QVERIFY(simulator->setPaymentOutcome(b.customer, false));
    drain(*simulator);
    QVERIFY(simulator->advance(at("2025-03-01T00:00:00Z")));
    const std::vector<Delivered> events = drain(*simulator);
    QCOMPARE(events.back().type, std::string("customer.subscription.updated"));
    QVERIFY(events.back().object["status"] == "unpaid");
    QVERIFY(simulator->retrieveSubscription(created->id)->status == SubscriptionStatus::Unpaid);
}

void TestBillingSimulator::retrySucceedsAndSubscriptionIsActiveAgain()
{
    auto simulator = open(m_dir.filePath(QString::number(++m_folders)));
    QVERIFY(simulator);
    const Basics b = basics(*simulator);
    QVERIFY(simulator->createSubscription({b.customer, b.price, 1, 0, "ten_1"}, {}));
    QVERIFY(simulator->setPaymentOutcome(b.customer, false));
    QVERIFY(simulator->advance(at("2025-02-05T00:00:00Z"))); // renewal and the first retry fail
    drain(*simulator);
    QVERIFY(simulator->setPaymentOutcome(b.customer, true));
    QVERIFY(simulator->advance(at("2025-02-10T00:00:00Z")));
    const std::vector<Delivered> events = drain(*simulator);
    QCOMPARE(typesOf(events),
             (Types{"invoice.paid", "invoice.payment_succeeded", "customer.subscription.updated"}));
    QCOMPARE(events[0].created, secondsOf(at("2025-02-09T00:00:00Z")));
    QVERIFY(events[2].object["status"] == "active");
}

void TestBillingSimulator::cancelAtPeriodEndDeletesAtTheEnd()
{
    auto simulator = open(m_dir.filePath(QString::number(++m_folders)));
    QVERIFY(simulator);
    const Basics b = basics(*simulator);
    Result<StripeSubscription> created = simulator->createSubscription(
        {b.customer, b.price, 1, 0, "ten_1"}, {});
    QVERIFY(created);
    drain(*simulator);
    QVERIFY(simulator->advance(at("2025-01-10T00:00:00Z")));
    Result<StripeSubscription> scheduled = simulator->cancelSubscription(created->id, true, {});
    QVERIFY(scheduled);
    QVERIFY(scheduled->cancelAtPeriodEnd);
    QVERIFY(scheduled->status == SubscriptionStatus::Active);
    QCOMPARE(typesOf(drain(*simulator)), (Types{"customer.subscription.updated"}));
    QVERIFY(simulator->advance(at("2025-03-01T00:00:00Z")));
    const std::vector<Delivered> ended = drain(*simulator);
    QCOMPARE(typesOf(ended), (Types{"customer.subscription.deleted"}));
    QCOMPARE(ended[0].created, secondsOf(at("2025-02-01T00:00:00Z")));
    QVERIFY(simulator->invoicesOf(created->id).size() == std::size_t(1)); // no renewal invoice
}

void TestBillingSimulator::cancelNowAndResume()
{
    auto simulator = open(m_dir.filePath(QString::number(++m_folders)));
    QVERIFY(simulator);
    const Basics b = basics(*simulator);
    Result<StripeSubscription> first = simulator->createSubscription(
        {b.customer, b.price, 1, 0, "ten_1"}, {});
    QVERIFY(first);
    QVERIFY(simulator->cancelSubscription(first->id, true, {}));
    Result<StripeSubscription> resumed = simulator->resumeSubscription(first->id, {});
    QVERIFY(resumed);
    QVERIFY(!resumed->cancelAtPeriodEnd);
    QVERIFY(!resumed->canceledAt);
    Result<StripeSubscription> canceled = simulator->cancelSubscription(first->id, false, {});
    QVERIFY(canceled);
    QVERIFY(canceled->status == SubscriptionStatus::Canceled);
    const std::vector<Delivered> events = drain(*simulator);
    QCOMPARE(events.back().type, std::string("customer.subscription.deleted"));
    Result<StripeSubscription> again = simulator->resumeSubscription(first->id, {});
    QVERIFY(!again);
    QCOMPARE(again.error().code, std::string("provider_rejected"));
}

void TestBillingSimulator::planChangeProratesOnTheNextInvoice()
{
    auto simulator = open(m_dir.filePath(QString::number(++m_folders)));
    QVERIFY(simulator);
    const Basics b = basics(*simulator, 3100); // 100 a day in January
    Result<std::string> bigger = simulator->createPrice(plan("pln_big",
                                                             6200,
                                                             BillingInterval::Month),
                                                        {});
    QVERIFY(bigger);
    Result<StripeSubscription> created = simulator->createSubscription(
        {b.customer, b.price, 1, 0, "ten_1"}, {});
    QVERIFY(created);
    QVERIFY(simulator->advance(at("2025-01-21T00:00:00Z"))); // 11 of 31 days left
    drain(*simulator);
    Result<StripeSubscription> changed = simulator->changeSubscription(created->id, *bigger, 1, {});
    QVERIFY(changed);
    QVERIFY(changed->priceId == *bigger);
    QCOMPARE(typesOf(drain(*simulator)), (Types{"customer.subscription.updated"}));
    QVERIFY(simulator->advance(at("2025-02-01T00:00:00Z")));
    const std::vector<Delivered> events = drain(*simulator);
    QCOMPARE(events[0].type, std::string("invoice.created"));
    // 6200 for February, -1100 unused on the old price, +2200 for the rest of January.
    QVERIFY(events[0].object["amount_due"] == 6200 - 1100 + 2200);
    QVERIFY(events[0].object["lines"]["data"].size() == std::size_t(3));
    QVERIFY(events[0].object["lines"]["data"][1]["parent"]["subscription_item_details"]["proration"]
            == true);
    // During a trial nothing is prorated.
    Result<std::string> other = simulator->createCustomer({"ten_2", "Beta", {}}, {});
    QVERIFY(other);
    Result<StripeSubscription> trial = simulator->createSubscription(
        {*other, b.price, 1, 30, "ten_2"}, {});
    QVERIFY(trial);
    QVERIFY(simulator->changeSubscription(trial->id, *bigger, 3, {}));
    // (created a second after the renewal events of February 1: its trial ends at 00:00:01)
    QVERIFY(simulator->advance(at("2025-03-04T00:00:00Z")));
    const std::vector<nlohmann::json> invoices = simulator->invoicesOf(trial->id);
    QCOMPARE(invoices.size(), std::size_t(1));
    QVERIFY(invoices[0]["amount_due"] == 6200 * 3);
}

void TestBillingSimulator::extendTrialMovesTheEnd()
{
    auto simulator = open(m_dir.filePath(QString::number(++m_folders)));
    QVERIFY(simulator);
    const Basics b = basics(*simulator);
    Result<StripeSubscription> trial = simulator->createSubscription(
        {b.customer, b.price, 1, 5, "ten_1"}, {});
    QVERIFY(trial);
    Result<StripeSubscription> extended = simulator->extendTrial(trial->id,
                                                                 at("2025-01-16T00:00:00Z"),
                                                                 {});
    QVERIFY(extended);
    QVERIFY(extended->trialEnd == at("2025-01-16T00:00:00Z"));
    QVERIFY(extended->currentPeriodEnd == at("2025-01-16T00:00:00Z"));
    drain(*simulator);
    QVERIFY(simulator->advance(at("2025-01-15T00:00:00Z")));
    QCOMPARE(typesOf(drain(*simulator)), (Types{"customer.subscription.trial_will_end"}));
    QVERIFY(simulator->advance(at("2025-01-16T00:00:00Z")));
    QVERIFY(drain(*simulator).back().object["status"] == "active");
    Result<StripeSubscription> late = simulator->extendTrial(trial->id,
                                                             at("2025-02-16T00:00:00Z"),
                                                             {});
    QVERIFY(!late);
    QCOMPARE(late.error().code, std::string("provider_rejected"));
}

void TestBillingSimulator::idempotencyKeysAnswerTheSameOnce()
{
    auto simulator = open(m_dir.filePath(QString::number(++m_folders)));
    QVERIFY(simulator);
    Result<std::string> customer = simulator->createCustomer({"ten_1", "Acme", {}},
                                                             "customer/ten_1");
    Result<std::string> again = simulator->createCustomer({"ten_1", "Acme", {}}, "customer/ten_1");
    QVERIFY(customer && again);
    QCOMPARE(*again, *customer);
    Result<std::string> price = simulator->createPrice(plan("pln_1", 2000, BillingInterval::Month),
                                                       "price/pln_1");
    QVERIFY(price);
    Result<StripeSubscription> first = simulator->createSubscription(
        {*customer, *price, 1, 0, "ten_1"}, "usr/key-1/create");
    QVERIFY(first);
    const std::size_t events = drain(*simulator).size();
    Result<StripeSubscription> retried = simulator->createSubscription(
        {*customer, *price, 1, 0, "ten_1"}, "usr/key-1/create");
    QVERIFY(retried);
    QCOMPARE(retried->id, first->id);
    QVERIFY(drain(*simulator).empty());
    QCOMPARE(events, std::size_t(5));
    Result<BillingProvider::SubscriptionPage> all = simulator->listSubscriptions(std::nullopt, 10);
    QVERIFY(all);
    QCOMPARE(all->data.size(), std::size_t(1));

    // A cancellation retried: one deleted event.
    QVERIFY(simulator->cancelSubscription(first->id, false, "usr/key-2/cancel"));
    QVERIFY(simulator->cancelSubscription(first->id, false, "usr/key-2/cancel"));
    QCOMPARE(typesOf(drain(*simulator)), (Types{"customer.subscription.deleted"}));
    // A refusal is answered the same way again.
    Result<StripeSubscription> refused = simulator->createSubscription(
        {"cus_nope", *price, 1, 0, {}}, "usr/key-3/create");
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, std::string("provider_rejected"));
    Result<StripeSubscription> refusedAgain = simulator->createSubscription(
        {*customer, *price, 1, 0, {}}, "usr/key-3/create");
    QVERIFY(!refusedAgain);
    // The key of another operation is refused.
    Result<StripeSubscription> reused = simulator->resumeSubscription(first->id, "usr/key-1/create");
    QVERIFY(!reused);
    QCOMPARE(reused.error().code, std::string("provider_rejected"));
}

void TestBillingSimulator::refusesWhatStripeRefuses()
{
    auto simulator = open(m_dir.filePath(QString::number(++m_folders)));
    QVERIFY(simulator);
    const Basics b = basics(*simulator);
    Result<std::string> euro = simulator->createPrice(
        plan("pln_eur", 2000, BillingInterval::Month, "eur"), {});
    QVERIFY(euro);
    Result<StripeSubscription> created = simulator->createSubscription(
        {b.customer, b.price, 1, 0, "ten_1"}, {});
    QVERIFY(created);
    QCOMPARE(simulator->changeSubscription(created->id, *euro, 1, {}).error().code,
             std::string("provider_rejected"));
    QCOMPARE(simulator->changeSubscription(created->id, b.price, 0, {}).error().code,
             std::string("provider_rejected"));
    QCOMPARE(simulator->retrieveSubscription("sub_missing").error().code, std::string("not_found"));
    QCOMPARE(simulator->cancelSubscription("sub_missing", false, {}).error().code,
             std::string("not_found"));
    QCOMPARE(simulator->setPaymentOutcome("cus_missing", false).error().code,
             std::string("not_found"));
}

void TestBillingSimulator::reopenKeepsEverything()
{
    const QString folder = m_dir.filePath(QString::number(++m_folders));
    std::string subscriptionId;
    std::string customerId;
    {
        auto simulator = open(folder);
        QVERIFY(simulator);
        const Basics b = basics(*simulator);
        customerId = b.customer;
        Result<StripeSubscription> created = simulator->createSubscription(
            {b.customer, b.price, 3, 0, "ten_1"}, "usr/persist/create");
        QVERIFY(created);
        subscriptionId = created->id;
        QVERIFY(simulator->setPaymentOutcome(b.customer, false));
        QVERIFY(simulator->advance(at("2025-01-20T00:00:00Z")));
        // Five events not delivered yet.
        QCOMPARE(simulator->pendingEventCount(), std::size_t(5));
    }
    // Another start time is ignored: the clock persists.
    auto simulator = open(folder, true, at("2030-01-01T00:00:00Z"));
    QVERIFY(simulator);
    QVERIFY(simulator->frozenTime() == at("2025-01-20T00:00:00Z"));
    QCOMPARE(simulator->pendingEventCount(), std::size_t(5));
    QCOMPARE(drain(*simulator).size(), std::size_t(5));
    Result<StripeSubscription> kept = simulator->retrieveSubscription(subscriptionId);
    QVERIFY(kept);
    QCOMPARE(kept->quantity, 3);
    QVERIFY(simulator->customerOfTenant("ten_1") == std::optional<std::string>(customerId));
    // The idempotency key still answers the same.
    Result<StripeSubscription> retried = simulator->createSubscription(
        {customerId, kept->priceId, 3, 0, "ten_1"}, "usr/persist/create");
    QVERIFY(retried);
    QCOMPARE(retried->id, subscriptionId);
    // The payment outcome persisted: the renewal fails.
    QVERIFY(simulator->advance(at("2025-02-01T00:00:00Z")));
    const std::vector<Delivered> events = drain(*simulator);
    QVERIFY(events.back().object["status"] == "past_due");
    {
        auto reopened = open(folder);
        QVERIFY(reopened);
    }
}

void TestBillingSimulator::clockOnlyMovesForward()
{
    auto simulator = open(m_dir.filePath(QString::number(++m_folders)));
    QVERIFY(simulator);
    QVERIFY(simulator->advance(at("2025-03-01T00:00:00Z")));
    Result<std::int64_t> back = simulator->advance(at("2025-02-01T00:00:00Z"));
    QVERIFY(!back);
    QCOMPARE(back.error().code, std::string("invalid_value"));
    QVERIFY(simulator->frozenTime() == at("2025-03-01T00:00:00Z"));
}

// The test: 1,000 subscriptions over a year of test-clock time, delivered through the
// webhook intake (signature checked, inbox) and applied by the processor to a SQLite store; the
// MRR series core's engine computes from the store's MRR events must match what the
// subscriptions' prices say, month by month. Without HTTP (in-process, like the server's own
// delivery): the same code paths, a hundred times faster than through sockets.
void TestBillingSimulator::yearOfThousandSubscriptionsMatchesPrices()
{
    const QString folder = m_dir.filePath(QStringLiteral("year"));
    SqliteStoreOptions storeOptions;
    storeOptions.path = QString(folder + QStringLiteral("/tenantry.db")).toStdString();
    storeOptions.synchronousFull = false;
    storeOptions.groupCommit = false;
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::open(storeOptions);
    QVERIFY2(store, store ? "" : store.error().message.c_str());
    TokenBucketRateLimiter limiter(1000, 1000);
    LoginThrottle throttle;
    ApiContext context(**store,
                       limiter,
                       throttle,
                       std::chrono::hours(1),
                       [](const std::string &message) { qWarning() << message.c_str(); });
    const WebhookService intake(context,
                                StripeSignature({{kSecret}, std::chrono::seconds(300)}),
                                [] {});
    StripeWebhookProcessor processor(context, WebhookRetryPolicy{});
    auto simulator = open(folder);
    QVERIFY(simulator);

    const std::vector<Plan> plans = {plan("pln_starter", 2900, BillingInterval::Month),
                                     plan("pln_pro", 9900, BillingInterval::Month),
                                     plan("pln_pro_yearly", 99000, BillingInterval::Year),
                                     plan("pln_team_yearly", 29900, BillingInterval::Year)};
    std::vector<std::string> prices;
    constexpr int kCount = 1000;
    std::vector<std::string> customers;
    {
        auto transaction = (*store)->begin(Store::Mode::Write);
        QVERIFY(transaction);
        for (const Plan &p : plans) {
            QVERIFY((*transaction)->insertPlan(p));
            Result<std::string> price = simulator->createPrice(p, "price/" + p.id);
            QVERIFY(price);
            prices.push_back(*price);
            QVERIFY((*transaction)->setPlanStripePrice(p.id, *price));
        }
        for (int i = 0; i < kCount; ++i) {
            Tenant tenant;
            tenant.id = "ten_" + std::to_string(i);
            tenant.slug = "t" + std::to_string(i);
            tenant.name = "Tenant " + std::to_string(i);
            tenant.region = "eu";
            tenant.createdAt = at("2025-01-01T00:00:00Z");
            tenant.updatedAt = tenant.createdAt;
            QVERIFY((*transaction)->insertTenant(tenant));
            Result<std::string> customer = simulator->createCustomer({tenant.id, tenant.name, {}},
                                                                     "customer/" + tenant.id);
            QVERIFY(customer);
            customers.push_back(*customer);
            QVERIFY((*transaction)->setTenantStripeCustomer(tenant.id, *customer));
        }
        QVERIFY((*transaction)->commit());
    }

    // Every subscription's MRR over time (each creation ticks the clock a second on: see
    // BillingSimulator; the month ends below are far from those seconds), written down independently of the server's code:
    // from `from` on it brings in `mrr`.
    struct Step
    {
        std::int64_t from;
        std::int64_t mrr;
    };
    std::vector<std::vector<Step>> expected(kCount);
    const auto mrrOfPrice = [&](int p, std::int64_t quantity) {
        const std::int64_t total = plans[std::size_t(p)].price.amount() * quantity;
        return plans[std::size_t(p)].interval == BillingInterval::Month ? total : (total + 6) / 12;
    };
    const std::int64_t start = secondsOf(at("2025-01-01T00:00:00Z"));
    std::vector<std::string> ids(kCount);
    for (int i = 0; i < kCount; ++i) {
        const int p = i % 4;
        const std::int64_t quantity = 1 + i % 3;
        const std::int64_t trialDays = i % 10 == 0 ? 14 : 0;
        Result<StripeSubscription> created = simulator->createSubscription(
            {customers[std::size_t(i)],
             prices[std::size_t(p)],
             quantity,
             trialDays,
             "ten_" + std::to_string(i)},
            "create/" + std::to_string(i));
        QVERIFY(created);
        ids[std::size_t(i)] = created->id;
        expected[std::size_t(i)].push_back({start + trialDays * kDay, mrrOfPrice(p, quantity)});
    }

    const auto pump = [&] {
        simulator->deliverPending([&](const std::string &header, const std::string &body) {
            std::promise<bool> stored;
            intake.receive(header, body, "req_test", [&stored](auto outcome) {
                stored.set_value(!failed(outcome));
            });
            return stored.get_future().get();
        });
        const std::atomic<bool> stop = false;
        for (;;) {
            Result<int> taken = processor.processDue(500, stop);
            if (!taken || *taken == 0)
                break;
        }
    };
    pump();

    // March 10: every tenth (i % 10 == 5) asks to cancel at the period's end.
    QVERIFY(simulator->advance(at("2025-03-10T00:00:00Z")));
    for (int i = 5; i < kCount; i += 10) {
        Result<StripeSubscription> scheduled = simulator->cancelSubscription(ids[std::size_t(i)],
                                                                             true,
                                                                             {});
        QVERIFY(scheduled);
        expected[std::size_t(i)].push_back({secondsOf(scheduled->currentPeriodEnd), 0});
    }
    pump();
    // May 10: i % 10 == 3 take one seat more (prorated).
    QVERIFY(simulator->advance(at("2025-05-10T00:00:00Z")));
    for (int i = 3; i < kCount; i += 10) {
        const std::int64_t quantity = 2 + i % 3;
        Result<StripeSubscription> changed = simulator->changeSubscription(
            ids[std::size_t(i)], prices[std::size_t(i % 4)], quantity, {});
        QVERIFY(changed);
        expected[std::size_t(i)].push_back(
            {secondsOf(at("2025-05-10T00:00:00Z")), mrrOfPrice(i % 4, quantity)});
    }
    pump();
    // June 15: the cards of i % 10 == 7 start failing; the monthly ones fail at the July 1
    // renewal, stay past_due (still MRR) through the retries of July 4, 9 and 16, and are
    // canceled on July 16. The yearly ones renew next January, after this year.
    QVERIFY(simulator->advance(at("2025-06-15T00:00:00Z")));
    for (int i = 7; i < kCount; i += 10) {
        QVERIFY(simulator->setPaymentOutcome(customers[std::size_t(i)], false));
        if (plans[std::size_t(i % 4)].interval == BillingInterval::Month)
            expected[std::size_t(i)].push_back({secondsOf(at("2025-07-16T00:00:00Z")), 0});
    }
    pump();
    for (const char *month : {"2025-08-01T00:00:00Z",
                              "2025-10-01T00:00:00Z",
                              "2025-12-01T00:00:00Z",
                              "2026-01-01T01:00:00Z"}) {
        QVERIFY(simulator->advance(at(month)));
        pump();
    }

    // Nothing left behind: every event processed, none dead or failing.
    {
        auto transaction = (*store)->begin(Store::Mode::Read);
        QVERIFY(transaction);
        Result<std::optional<Timestamp>> next = (*transaction)->nextWebhookAttempt();
        QVERIFY(next);
        QVERIFY(!*next);
    }

    // The MRR events the processor recorded, through core's engine.
    std::vector<MrrEvent> events;
    std::size_t invoices = 0;
    {
        auto transaction = (*store)->begin(Store::Mode::Read);
        QVERIFY(transaction);
        PageRequest page;
        page.limit = 1000;
        for (;;) {
            Result<Page<MrrEventRecord>> found = (*transaction)->listMrrEvents({}, page);
            QVERIFY(found);
            for (const MrrEventRecord &record : found->items)
                events.push_back(record.event);
            if (!found->hasMore || found->items.empty())
                break;
            page.startingAfter = found->items.back().id;
        }
        PageRequest invoicePage;
        invoicePage.limit = 100;
        for (;;) {
            Result<Page<Invoice>> found = (*transaction)->listInvoices({}, invoicePage);
            QVERIFY(found);
            invoices += found->items.size();
            if (!found->hasMore || found->items.empty())
                break;
            invoicePage.startingAfter = found->items.back().id;
        }
    }
    std::size_t simulatorInvoices = 0;
    for (const std::string &id : ids)
        simulatorInvoices += simulator->invoicesOf(id).size();
    QCOMPARE(invoices, simulatorInvoices);
    QVERIFY(simulatorInvoices > 6000); // monthly renewals, yearly first invoices, trials

    Result<MrrLedger> ledger = MrrLedger::build(events, *Currency::fromCode("usd"));
    QVERIFY(ledger);
    Result<std::vector<PeriodMetrics>> series = computeSeries(*ledger, {});
    QVERIFY(series);
    QVERIFY(series->size() >= 12);
    const char *monthEnds[] = {"2025-02-01T00:00:00Z",
                               "2025-03-01T00:00:00Z",
                               "2025-04-01T00:00:00Z",
                               "2025-05-01T00:00:00Z",
                               "2025-06-01T00:00:00Z",
                               "2025-07-01T00:00:00Z",
                               "2025-08-01T00:00:00Z",
                               "2025-09-01T00:00:00Z",
                               "2025-10-01T00:00:00Z",
                               "2025-11-01T00:00:00Z",
                               "2025-12-01T00:00:00Z",
                               "2026-01-01T00:00:00Z"};
    for (std::size_t month = 0; month < 12; ++month) {
        const std::int64_t end = secondsOf(at(monthEnds[month]));
        std::int64_t mrr = 0;
        for (const std::vector<Step> &steps : expected) {
            std::int64_t current = 0;
            for (const Step &step : steps) {
                if (step.from < end)
                    current = step.mrr;
            }
            mrr += current;
        }
        QVERIFY2((*series)[month].endMrr == mrr,
                 qPrintable(QStringLiteral("month %1: engine %2, prices %3")
                                .arg(month + 1)
                                .arg((*series)[month].endMrr)
                                .arg(mrr)));
    }
}

QTEST_APPLESS_MAIN(TestBillingSimulator)
#include "testbillingsimulator.moc"
