// Billing reconciliation in process on a real SQLite store, against a billing provider that
// stands in for Stripe's live API with Stripe's own subscription objects (fakebillingprovider.h):
// each kind of drift is found exactly once, equal state is no drift, the provider's list is
// walked page by page, applying a row makes the local subscription the provider's (one MRR event
// and one audit entry per change) and a second apply is refused; and the job around it (the
// result's counts, a provider that cannot be reached fails the job with a clear error).

#include "server/api/apicontext.h"
#include "server/auth/sessiontoken.h"
#include "server/billing/reconciliation.h"
#include "server/jobs/jobrunner.h"
#include "server/ratelimit/loginthrottle.h"
#include "server/ratelimit/tokenbucketratelimiter.h"
#include "server/store/sqlite/sqlitestore.h"
#include "tests/server/fakebillingprovider.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <memory>

using namespace Tenantry;
using namespace Tenantry::Server;
using namespace Tenantry::TestSupport;
using namespace std::chrono_literals;

namespace {

std::string name(JobStatus status)
{
    return std::string(toString(status));
}

const Timestamp kNow = std::chrono::time_point_cast<std::chrono::microseconds>(
    std::chrono::system_clock::now());

Principal owner()
{
    UserRecord user;
    user.id = "usr_owner";
    user.email = "owner@example.com";
    user.role = Role::Owner;
    return Principal{user, {}};
}

struct Fixture
{
    Fixture()
    {
        if (!directory.isValid())
            qFatal("no temporary directory");
        store = std::move(
                    SqliteStore::open(
                        {directory.filePath(QStringLiteral("tenantry.db")).toStdString(), false}))
                    .value();
        limiter = std::make_unique<TokenBucketRateLimiter>(1e6, 1e9);
        context = std::make_unique<ApiContext>(*store, *limiter, throttle, 12h, [](const auto &) {});
        context->setClock([] { return kNow; });
        write([](StoreTransaction &t) {
            for (const auto &[id, price, amount] : {std::tuple{"pln_basic", "price_basic", 1000},
                                                    std::tuple{"pln_pro", "price_pro", 5000}}) {
                const std::string key = std::string(id).substr(4);
                const Plan plan{id,
                                key,
                                key,
                                Money(amount, *Currency::fromCode("usd")),
                                BillingInterval::Month,
                                {},
                                true,
                                0,
                                kNow,
                                kNow,
                                1};
                QVERIFY(t.insertPlan(plan).hasValue());
                QVERIFY(t.setPlanStripePrice(id, std::string(price)).hasValue());
            }
        });
    }

    template<typename Work>
    void write(Work work)
    {
        auto transaction = std::move(store->begin(Store::Mode::Write)).value();
        work(*transaction);
        QVERIFY(transaction->commit().hasValue());
    }

    template<typename T, typename Work>
    T read(Work work)
    {
        auto transaction = std::move(store->begin(Store::Mode::Read)).value();
        return work(*transaction);
    }

    // A tenant linked to Stripe customer cus_<name>.
    void addTenant(const std::string &name)
    {
        write([&](StoreTransaction &t) {
            Tenant tenant;
            tenant.id = "ten_" + name;
            tenant.slug = name;
            tenant.name = name;
            tenant.region = "eu";
            tenant.createdAt = tenant.updatedAt = kNow;
            QVERIFY(t.insertTenant(tenant).hasValue());
            QVERIFY(t.setTenantStripeCustomer(tenant.id, "cus_" + name).hasValue());
        });
    }

    // A local subscription of tenant ten_<name> with Stripe id sub_<name>.
    void addSubscription(const std::string &name,
                         const std::string &planId,
                         SubscriptionStatus status,
                         std::int64_t quantity)
    {
        addTenant(name);
        const StripeSubscription shape = stripeSubscription("sub_" + name,
                                                            "cus_" + name,
                                                            "active",
                                                            "price_basic",
                                                            1);
        write([&](StoreTransaction &t) {
            Subscription subscription;
            subscription.id = "sub_local_" + name;
            subscription.tenantId = "ten_" + name;
            subscription.planId = planId;
            subscription.quantity = quantity;
            subscription.status = status;
            subscription.currentPeriodStart = shape.currentPeriodStart;
            subscription.currentPeriodEnd = shape.currentPeriodEnd;
            subscription.createdAt = shape.created;
            subscription.updatedAt = kNow;
            subscription.stripeSubscriptionId = "sub_" + name;
            QVERIFY(t.insertSubscription(subscription).hasValue());
        });
    }

    std::vector<DriftRecord> drift(const std::string &jobId)
    {
        return read<std::vector<DriftRecord>>([&](StoreTransaction &t) {
            PageRequest page;
            page.limit = 100;
            return std::move(t.listDrift({jobId}, page)).value().items;
        });
    }

    Subscription subscription(const std::string &stripeId)
    {
        return read<Subscription>([&](StoreTransaction &t) {
            return *std::move(t.subscriptionByStripeId(stripeId)).value();
        });
    }

    std::vector<MrrEventRecord> mrrEvents()
    {
        return read<std::vector<MrrEventRecord>>([&](StoreTransaction &t) {
            PageRequest page;
            page.limit = 1000;
            return std::move(t.listMrrEvents({}, page)).value().items;
        });
    }

    std::vector<AuditRecord> audit(const std::string &action)
    {
        return read<std::vector<AuditRecord>>([&](StoreTransaction &t) {
            AuditFilter filter;
            filter.action = action;
            PageRequest page;
            page.limit = 100;
            return std::move(t.listAudit(filter, page)).value().items;
        });
    }

    // A job row for the drift to belong to.
    std::string addJob()
    {
        JobRecord job;
        job.id = SessionToken::newId("job_");
        job.type = std::string(Reconciliation::JobType);
        job.createdBy = "usr_owner";
        job.createdAt = job.updatedAt = kNow;
        write([&](StoreTransaction &t) { QVERIFY(t.insertJob(job).hasValue()); });
        return job.id;
    }

    QTemporaryDir directory;
    std::unique_ptr<SqliteStore> store;
    std::unique_ptr<TokenBucketRateLimiter> limiter;
    LoginThrottle throttle;
    std::unique_ptr<ApiContext> context;
    FakeBillingProvider provider;
};

// One subscription per kind of drift, and one that is equal on both sides.
void driftOfEveryKind(Fixture &fixture)
{
    fixture.addSubscription("equal", "pln_basic", SubscriptionStatus::Active, 1);
    fixture.provider.subscriptions.push_back(
        stripeSubscription("sub_equal", "cus_equal", "active", "price_basic", 1));
    // Stripe canceled it; the local row never heard.
    fixture.addSubscription("status", "pln_basic", SubscriptionStatus::Active, 1);
    fixture.provider.subscriptions.push_back(
        stripeSubscription("sub_status", "cus_status", "canceled", "price_basic", 1));
    // Upgraded at Stripe.
    fixture.addSubscription("price", "pln_basic", SubscriptionStatus::Active, 1);
    fixture.provider.subscriptions.push_back(
        stripeSubscription("sub_price", "cus_price", "active", "price_pro", 1));
    // Seats added at Stripe.
    fixture.addSubscription("quantity", "pln_basic", SubscriptionStatus::Active, 1);
    fixture.provider.subscriptions.push_back(
        stripeSubscription("sub_quantity", "cus_quantity", "active", "price_basic", 3));
    // Gone at Stripe (another account, deleted test data).
    fixture.addSubscription("gone", "pln_basic", SubscriptionStatus::Active, 1);
    // Created at Stripe for a linked tenant, never seen here.
    fixture.addTenant("new");
    fixture.provider.subscriptions.push_back(
        stripeSubscription("sub_new", "cus_new", "active", "price_pro", 2));
}

const DriftRecord *rowOf(const std::vector<DriftRecord> &rows, const std::string &kind)
{
    for (const DriftRecord &row : rows) {
        if (row.kind == kind)
            return &row;
    }
    return nullptr;
}

} // namespace

class TestReconciliation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsEachKindOfDriftOnce()
    {
        Fixture fixture;
        driftOfEveryKind(fixture);
        const std::string jobId = fixture.addJob();
        const Reconciliation reconciliation(*fixture.context, &fixture.provider);
        std::vector<std::pair<std::int64_t, std::int64_t>> reports;
        const std::atomic<bool> stopping = false;
        Result<Reconciliation::Counts> counts = reconciliation.run(
            jobId,
            [&](std::int64_t done, std::int64_t total) { reports.emplace_back(done, total); },
            stopping);
        QVERIFY2(counts.hasValue(), counts ? "" : counts.error().message.c_str());

        const std::vector<DriftRecord> rows = fixture.drift(jobId);
        std::map<std::string, int> kinds;
        for (const DriftRecord &row : rows)
            ++kinds[row.kind];
        const std::map<std::string, int> expected = {{"missing_locally", 1},
                                                     {"missing_at_provider", 1},
                                                     {"status_mismatch", 1},
                                                     {"price_mismatch", 1},
                                                     {"quantity_mismatch", 1}};
        QCOMPARE(kinds, expected);
        for (const auto &[kind, count] : expected)
            QCOMPARE(counts->at(kind), std::int64_t(count));
        QCOMPARE(counts->at("total"), std::int64_t(5));

        const DriftRecord *status = rowOf(rows, "status_mismatch");
        QCOMPARE(status->stripeSubscriptionId, std::string("sub_status"));
        QCOMPARE(status->subscriptionId, std::optional<std::string>("sub_local_status"));
        QCOMPARE(status->tenantId, std::optional<std::string>("ten_status"));
        const nlohmann::json local = nlohmann::json::parse(*status->local);
        const nlohmann::json theirs = nlohmann::json::parse(*status->provider);
        QCOMPARE(local["status"].get<std::string>(), std::string("active"));
        QCOMPARE(theirs["status"].get<std::string>(), std::string("canceled"));

        const DriftRecord *missing = rowOf(rows, "missing_locally");
        QCOMPARE(missing->stripeSubscriptionId, std::string("sub_new"));
        QCOMPARE(missing->tenantId, std::optional<std::string>("ten_new")); // by its customer
        QVERIFY(!missing->subscriptionId);
        QVERIFY(!missing->local);
        const DriftRecord *gone = rowOf(rows, "missing_at_provider");
        QCOMPARE(gone->stripeSubscriptionId, std::string("sub_gone"));
        QVERIFY(!gone->provider);
        QCOMPARE(rowOf(rows, "price_mismatch")->stripeSubscriptionId, std::string("sub_price"));
        QCOMPARE(rowOf(rows, "quantity_mismatch")->stripeSubscriptionId,
                 std::string("sub_quantity"));

        // Progress ends with everything compared: 5 listed + 1 asked for by id.
        QVERIFY(!reports.empty());
        QCOMPARE(reports.back(), std::make_pair(std::int64_t(6), std::int64_t(6)));
        QCOMPARE(fixture.provider.retrieveCalls, std::vector<std::string>{"sub_gone"});
    }

    void equalStateIsNoDrift()
    {
        Fixture fixture;
        for (const std::string name : {"a", "b", "c"}) {
            fixture.addSubscription(name, "pln_pro", SubscriptionStatus::PastDue, 4);
            fixture.provider.subscriptions.push_back(
                stripeSubscription("sub_" + name, "cus_" + name, "past_due", "price_pro", 4));
        }
        const std::string jobId = fixture.addJob();
        const Reconciliation reconciliation(*fixture.context, &fixture.provider);
        Result<Reconciliation::Counts> counts = reconciliation.run(
            jobId, [](auto, auto) {}, false);
        QVERIFY(counts.hasValue());
        QCOMPARE(counts->at("total"), std::int64_t(0));
        QCOMPARE(counts->at("compared"), std::int64_t(3));
        QVERIFY(fixture.drift(jobId).empty());
        QVERIFY(fixture.provider.retrieveCalls.empty());
    }

    void walksTheProvidersPages()
    {
        Fixture fixture;
        driftOfEveryKind(fixture);
        // 5 at the provider, pages of 2: three calls, each after the last id of the one before.
        const std::string jobId = fixture.addJob();
        const Reconciliation reconciliation(*fixture.context, &fixture.provider, 2);
        Result<Reconciliation::Counts> counts = reconciliation.run(
            jobId, [](auto, auto) {}, false);
        QVERIFY(counts.hasValue());
        QCOMPARE(fixture.provider.listCalls,
                 (std::vector<std::string>{"", "sub_status", "sub_quantity"}));
        QCOMPARE(counts->at("total"), std::int64_t(5));
        // A drift on the last page is found like one on the first.
        QCOMPARE(rowOf(fixture.drift(jobId), "missing_locally")->stripeSubscriptionId,
                 std::string("sub_new"));
    }

    void manySubscriptionsInManyPages()
    {
        // 2,000 subscriptions on both sides, every 40th with another status at the provider,
        // pages of 100: 50 status drifts, nothing else.
        Fixture fixture;
        constexpr int count = 2000;
        const StripeSubscription shape = stripeSubscription("sub_x",
                                                            "cus_x",
                                                            "active",
                                                            "price_basic",
                                                            1);
        fixture.write([&](StoreTransaction &t) {
            for (int i = 0; i < count; ++i) {
                const std::string name = "bulk" + std::to_string(i);
                Tenant tenant;
                tenant.id = "ten_" + name;
                tenant.slug = name;
                tenant.name = name;
                tenant.region = "eu";
                tenant.createdAt = tenant.updatedAt = kNow;
                QVERIFY(t.insertTenant(tenant).hasValue());
                Subscription subscription;
                subscription.id = "sub_local_" + name;
                subscription.tenantId = tenant.id;
                subscription.planId = "pln_basic";
                subscription.status = SubscriptionStatus::Active;
                subscription.currentPeriodStart = shape.currentPeriodStart;
                subscription.currentPeriodEnd = shape.currentPeriodEnd;
                subscription.createdAt = subscription.updatedAt = kNow;
                subscription.stripeSubscriptionId = "sub_" + name;
                QVERIFY(t.insertSubscription(subscription).hasValue());
            }
        });
        for (int i = 0; i < count; ++i) {
            StripeSubscription theirs = shape;
            theirs.id = "sub_bulk" + std::to_string(i);
            theirs.customer = "cus_bulk" + std::to_string(i);
            theirs.status = i % 40 == 0 ? SubscriptionStatus::PastDue : SubscriptionStatus::Active;
            fixture.provider.subscriptions.push_back(theirs);
        }
        const std::string jobId = fixture.addJob();
        const Reconciliation reconciliation(*fixture.context, &fixture.provider, 100);
        QElapsedTimer timer;
        timer.start();
        Result<Reconciliation::Counts> counts = reconciliation.run(
            jobId, [](auto, auto) {}, false);
        const qint64 elapsed = timer.elapsed();
        QVERIFY(counts.hasValue());
        QCOMPARE(counts->at("status_mismatch"), std::int64_t(count / 40));
        QCOMPARE(counts->at("total"), std::int64_t(count / 40));
        QCOMPARE(counts->at("compared"), std::int64_t(count));
        QCOMPARE(fixture.provider.listCalls.size(), std::size_t(count / 100));
        QVERIFY(fixture.provider.retrieveCalls.empty());
        qInfo("reconciled %d subscriptions (%zu provider pages) in %lld ms",
              count,
              fixture.provider.listCalls.size(),
              elapsed);
    }

    void aRestartedRunReportsEachDriftOnce()
    {
        Fixture fixture;
        driftOfEveryKind(fixture);
        const std::string jobId = fixture.addJob();
        const Reconciliation reconciliation(*fixture.context, &fixture.provider);
        QVERIFY(reconciliation
                    .run(
                        jobId, [](auto, auto) {}, false)
                    .hasValue());
        QVERIFY(reconciliation
                    .run(
                        jobId, [](auto, auto) {}, false)
                    .hasValue());
        QCOMPARE(fixture.drift(jobId).size(), std::size_t(5));
    }

    void applyMakesLocalStateTheProviders_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("stripeId");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("planId");
        QTest::addColumn<qint64>("quantity");
        QTest::addColumn<qint64>("mrr");
        QTest::newRow("status") << "status_mismatch"
                                << "sub_status"
                                << "canceled"
                                << "pln_basic" << qint64(1) << qint64(0);
        QTest::newRow("price") << "price_mismatch"
                               << "sub_price"
                               << "active"
                               << "pln_pro" << qint64(1) << qint64(5000);
        QTest::newRow("quantity") << "quantity_mismatch"
                                  << "sub_quantity"
                                  << "active"
                                  << "pln_basic" << qint64(3) << qint64(3000);
        QTest::newRow("missing at provider") << "missing_at_provider"
                                             << "sub_gone"
                                             << "canceled"
                                             << "pln_basic" << qint64(1) << qint64(0);
        QTest::newRow("missing locally") << "missing_locally"
                                         << "sub_new"
                                         << "active"
                                         << "pln_pro" << qint64(2) << qint64(10000);
    }

    void applyMakesLocalStateTheProviders()
    {
        QFETCH(QString, kind);
        QFETCH(QString, stripeId);
        QFETCH(QString, status);
        QFETCH(QString, planId);
        QFETCH(qint64, quantity);
        QFETCH(qint64, mrr);
        Fixture fixture;
        driftOfEveryKind(fixture);
        const std::string jobId = fixture.addJob();
        const Reconciliation reconciliation(*fixture.context, &fixture.provider);
        QVERIFY(reconciliation
                    .run(
                        jobId, [](auto, auto) {}, false)
                    .hasValue());
        const std::vector<DriftRecord> rows = fixture.drift(jobId);
        const DriftRecord *row = rowOf(rows, kind.toStdString());
        QVERIFY(row);
        const std::string driftId = row->id;
        const std::size_t eventsBefore = fixture.mrrEvents().size();

        Outcome<DriftRecord> applied = reconciliation.apply(owner(), "req_apply", driftId);
        QVERIFY2(!failed(applied),
                 failed(applied) ? std::get<ApiError>(applied).message.c_str() : "");
        QCOMPARE(std::get<DriftRecord>(applied).appliedBy, std::optional<std::string>("usr_owner"));
        QVERIFY(std::get<DriftRecord>(applied).appliedAt);

        const Subscription after = fixture.subscription(stripeId.toStdString());
        QCOMPARE(QString::fromStdString(std::string(toString(after.status))), status);
        QCOMPARE(QString::fromStdString(after.planId), planId);
        QCOMPARE(qint64(after.quantity), quantity);

        // One MRR event, at the new MRR.
        const std::vector<MrrEventRecord> events = fixture.mrrEvents();
        QCOMPARE(events.size(), eventsBefore + 1);
        QCOMPARE(qint64(events.back().event.mrr), mrr);
        QCOMPARE(events.back().event.subscriptionId, after.id);

        // One audit entry naming the drift row.
        const std::vector<AuditRecord> entries = fixture.audit("subscription.reconciled");
        QCOMPARE(entries.size(), std::size_t(1));
        QCOMPARE(entries[0].targetId, after.id);
        QCOMPARE(entries[0].actorId, std::string("usr_owner"));
        QCOMPARE(entries[0].requestId, std::string("req_apply"));
        const nlohmann::json audited = nlohmann::json::parse(*entries[0].after);
        QCOMPARE(audited["drift_id"].get<std::string>(), driftId);
        QCOMPARE(audited["status"].get<std::string>(), status.toStdString());

        // The tenant's plan follows its live subscription.
        const std::optional<Tenant> tenant = fixture.read<std::optional<Tenant>>(
            [&](StoreTransaction &t) { return std::move(t.tenantById(after.tenantId)).value(); });
        QCOMPARE(tenant->planId, isLive(after.status) ? std::optional(after.planId) : std::nullopt);

        // Twice: refused, nothing written.
        Outcome<DriftRecord> again = reconciliation.apply(owner(), "req_again", driftId);
        QVERIFY(failed(again));
        QCOMPARE(std::get<ApiError>(again).status, 409);
        QCOMPARE(std::get<ApiError>(again).code, std::string("already_applied"));
        QCOMPARE(fixture.mrrEvents().size(), eventsBefore + 1);
        QCOMPARE(fixture.audit("subscription.reconciled").size(), std::size_t(1));
    }

    void applyNeedsTheMappings()
    {
        Fixture fixture;
        fixture.addSubscription("a", "pln_basic", SubscriptionStatus::Active, 1);
        fixture.provider.subscriptions.push_back(
            stripeSubscription("sub_a", "cus_a", "active", "price_unknown", 1));
        fixture.provider.subscriptions.push_back(
            stripeSubscription("sub_stranger", "cus_stranger", "active", "price_basic", 1));
        const std::string jobId = fixture.addJob();
        const Reconciliation reconciliation(*fixture.context, &fixture.provider);
        QVERIFY(reconciliation
                    .run(
                        jobId, [](auto, auto) {}, false)
                    .hasValue());
        const std::vector<DriftRecord> rows = fixture.drift(jobId);
        QCOMPARE(rows.size(), std::size_t(2));

        Outcome<DriftRecord> price = reconciliation.apply(owner(),
                                                          "req_1",
                                                          rowOf(rows, "price_mismatch")->id);
        QVERIFY(failed(price));
        QCOMPARE(std::get<ApiError>(price).status, 409);
        QCOMPARE(std::get<ApiError>(price).code, std::string("price_unmapped"));
        QVERIFY(std::get<ApiError>(price).message.find("price_unknown") != std::string::npos);

        const DriftRecord *stranger = rowOf(rows, "missing_locally");
        QVERIFY(!stranger->tenantId);
        Outcome<DriftRecord> customer = reconciliation.apply(owner(), "req_2", stranger->id);
        QVERIFY(failed(customer));
        QCOMPARE(std::get<ApiError>(customer).code, std::string("customer_unmapped"));
        QVERIFY(std::get<ApiError>(customer).message.find("cus_stranger") != std::string::npos);

        QCOMPARE(fixture.subscription("sub_a").planId, std::string("pln_basic"));
        QVERIFY(fixture.mrrEvents().empty());
        QVERIFY(fixture.drift(jobId)[0].appliedAt == std::nullopt);
    }

    void applyWithTheProviderDownChangesNothing()
    {
        Fixture fixture;
        driftOfEveryKind(fixture);
        const std::string jobId = fixture.addJob();
        const Reconciliation reconciliation(*fixture.context, &fixture.provider);
        QVERIFY(reconciliation
                    .run(
                        jobId, [](auto, auto) {}, false)
                    .hasValue());
        const std::vector<DriftRecord> rows = fixture.drift(jobId);
        fixture.provider.unavailable = true;
        Outcome<DriftRecord> applied = reconciliation.apply(owner(),
                                                            "req_down",
                                                            rowOf(rows, "status_mismatch")->id);
        QVERIFY(failed(applied));
        QCOMPARE(std::get<ApiError>(applied).status, 503);
        QCOMPARE(std::get<ApiError>(applied).code, std::string("provider_unavailable"));
        QVERIFY(fixture.subscription("sub_status").status == SubscriptionStatus::Active);
        const std::vector<DriftRecord> after = fixture.drift(jobId);
        QVERIFY(!rowOf(after, "status_mismatch")->appliedAt);
        QVERIFY(fixture.audit("subscription.reconciled").empty());
    }

    void withoutAProviderNothingRuns()
    {
        Fixture fixture;
        fixture.addSubscription("a", "pln_basic", SubscriptionStatus::Active, 1);
        const std::string jobId = fixture.addJob();
        const Reconciliation reconciliation(*fixture.context, nullptr);
        Result<Reconciliation::Counts> counts = reconciliation.run(
            jobId, [](auto, auto) {}, false);
        QVERIFY(!counts);
        QCOMPARE(counts.error().code, std::string("billing_provider_unavailable"));
        const std::string driftJob = fixture.addJob();
        DriftRecord drift;
        drift.id = "drf_orphan";
        drift.jobId = driftJob;
        drift.kind = "status_mismatch";
        drift.stripeSubscriptionId = "sub_a";
        drift.createdAt = kNow;
        fixture.write([&](StoreTransaction &t) { QVERIFY(t.insertDrift(drift).hasValue()); });
        Outcome<DriftRecord> applied = reconciliation.apply(owner(), "req_1", "drf_orphan");
        QVERIFY(failed(applied));
        QCOMPARE(std::get<ApiError>(applied).status, 409);
        QCOMPARE(std::get<ApiError>(applied).code, std::string("billing_provider_unavailable"));
    }

    void theJobRecordsCountsOrTheProvidersFailure()
    {
        Fixture fixture;
        driftOfEveryKind(fixture);
        const Reconciliation reconciliation(*fixture.context, &fixture.provider);
        JobRunner runner(*fixture.context, JobRunner::Options{});
        runner.registerHandler(std::string(Reconciliation::JobType), reconciliation.jobHandler());

        const std::string good = fixture.addJob();
        Result<JobRecord> ran = runner.runJob(good);
        QVERIFY(ran.hasValue());
        QCOMPARE(name(ran->status), name(JobStatus::Succeeded));
        const nlohmann::json result = nlohmann::json::parse(*ran->result);
        QCOMPARE(result["status_mismatch"].get<int>(), 1);
        QCOMPARE(result["missing_locally"].get<int>(), 1);
        QCOMPARE(result["total"].get<int>(), 5);
        QCOMPARE(ran->progressDone, std::int64_t(6));
        QCOMPARE(ran->progressTotal, std::int64_t(6));

        fixture.provider.unavailable = true;
        const std::string bad = fixture.addJob();
        Result<JobRecord> failedRun = runner.runJob(bad);
        QVERIFY(failedRun.hasValue());
        QCOMPARE(name(failedRun->status), name(JobStatus::Failed));
        QVERIFY(failedRun->error->find("could not be reached") != std::string::npos);
        QVERIFY(failedRun->finishedAt);
        QVERIFY(fixture.drift(bad).empty());
    }
};

QTEST_APPLESS_MAIN(TestReconciliation)
#include "testreconciliation.moc"
