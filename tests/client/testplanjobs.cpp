// The plan jobs against a real tenantryd --demo on loopback: an admin creates a plan (its money
// exactly in minor units) and edits it with If-Match; a stale version is a 412 carrying the
// plan as it is; a taken key is a 409; support may not write plans (403); a create retried with
// the same Idempotency-Key after its answer was lost makes one plan, not two.

#include "client/apiclient.h"
#include "client/listplansjob.h"
#include "client/planjob.h"
#include "client/signinjob.h"
#include "tests/server/support/tenantrydprocess.h"

#include <QSignalSpy>
#include <QUuid>
#include <QtTest>

#include <algorithm>
#include <memory>

using namespace Tenantry;
using Tenantry::TestSupport::TenantrydProcess;

namespace {

bool run(ApiJob &job, int timeoutMs = 30000)
{
    job.setAutoDelete(false);
    QSignalSpy finished(&job, &ApiJob::finished);
    job.start();
    return finished.wait(timeoutMs) && finished.count() == 1;
}

QString errorText(const ApiJob &job)
{
    return job.error()
               ? job.error()->toLogString() + QStringLiteral(": ") + job.error()->serverMessage()
               : QString();
}

QString uniqueKey(const char *prefix)
{
    return QLatin1String(prefix) + QLatin1Char('-')
           + QUuid::createUuid().toString(QUuid::Id128).left(10);
}

Money usd(std::int64_t cents)
{
    return Money(cents, *Currency::fromCode("usd"));
}

} // namespace

#define RUN_OK(job) \
    do { \
        QVERIFY2(run(job), "the job did not finish"); \
        QVERIFY2(!(job).hasError(), qPrintable(errorText(job))); \
    } while (false)
#define RUN_FAILS(job, errorKind, errorCode) \
    do { \
        QVERIFY2(run(job), "the job did not finish"); \
        QVERIFY2((job).hasError(), "the job should have failed"); \
        QVERIFY((job).error()->kind() == (errorKind)); \
        QCOMPARE((job).error()->code(), QStringLiteral(errorCode)); \
        QVERIFY(!(job).error()->requestId().isEmpty()); \
    } while (false)

class TestPlanJobs : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TenantrydProcess> m_server;

    std::unique_ptr<ApiClient> signedIn(const char *role)
    {
        auto client = std::make_unique<ApiClient>(QUrl(m_server->baseUrl()));
        SignInJob job(client.get(),
                      QLatin1String(role) + QStringLiteral("@demo.tenantry.dev"),
                      m_server->demoPassword(QLatin1String(role)));
        if (!run(job) || job.hasError())
            return nullptr;
        client->setToken(job.session().token);
        return client;
    }

    int plansWithKey(ApiClient *client, const QString &key)
    {
        int count = 0;
        QString cursor;
        for (;;) {
            ListPlansJob page(client, 100, cursor);
            if (!run(page) || page.hasError())
                return -1;
            count += static_cast<int>(
                std::count_if(page.page().data.begin(),
                              page.page().data.end(),
                              [&](const Plan &plan) { return plan.key == key.toStdString(); }));
            if (!page.page().hasMore)
                return count;
            cursor = QString::fromStdString(page.page().nextCursor);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!TenantrydProcess::binary().isEmpty(), "TENANTRYD_BIN is not set");
        m_server = std::make_unique<TenantrydProcess>(QStringList{QStringLiteral("--demo")});
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
    }

    void cleanupTestCase() { m_server.reset(); }

    void adminCreatesAndEditsAPlan()
    {
        const auto admin = signedIn("admin");
        QVERIFY(admin);
        PlanDraft draft(usd(4999));
        draft.key = uniqueKey("growth");
        draft.name = QStringLiteral("Growth");
        draft.interval = BillingInterval::Year;
        draft.trialDays = 21;
        draft.features = {QStringLiteral("blog"), QStringLiteral("sso")};
        CreatePlanJob create(admin.get(), draft);
        RUN_OK(create);
        const Plan created = create.plan();
        QVERIFY(QString::fromStdString(created.id).startsWith(QLatin1String("pln_")));
        QCOMPARE(QString::fromStdString(created.key), draft.key);
        QVERIFY(created.price == usd(4999));
        QVERIFY(created.interval == BillingInterval::Year);
        QCOMPARE(created.trialDays, std::int64_t(21));
        QVERIFY(created.active);
        QCOMPARE(created.features.size(), std::size_t(2));

        PlanPatch patch;
        patch.name = QStringLiteral("Growth (yearly)");
        patch.active = false;
        patch.features = QStringList{QStringLiteral("blog")};
        UpdatePlanJob update(admin.get(),
                             QString::fromStdString(created.id),
                             created.version,
                             patch);
        RUN_OK(update);
        QCOMPARE(QString::fromStdString(update.plan().name), QStringLiteral("Growth (yearly)"));
        QVERIFY(!update.plan().active);
        QVERIFY(update.plan().features == std::vector<std::string>{"blog"});
        QVERIFY(update.plan().price == usd(4999)); // fixed
        QVERIFY(update.plan().version > created.version);

        // The same version again is stale now: 412 with the plan as it is.
        PlanPatch late;
        late.trialDays = 3;
        UpdatePlanJob stale(admin.get(), QString::fromStdString(created.id), created.version, late);
        RUN_FAILS(stale, ApiError::Kind::PreconditionFailed, "version_mismatch");
        QVERIFY(stale.error()->hasCurrent());
        QCOMPARE(stale.error()->current()[u"name"].toString(), QStringLiteral("Growth (yearly)"));

        // The key is taken.
        PlanDraft again(usd(100));
        again.key = draft.key;
        again.name = QStringLiteral("Copy");
        CreatePlanJob duplicate(admin.get(), again);
        QVERIFY(run(duplicate));
        QVERIFY2(duplicate.hasError(), "a taken key must be refused");
        QCOMPARE(duplicate.error()->httpStatus(), 409);
    }

    void supportCannotWritePlans()
    {
        const auto support = signedIn("support");
        QVERIFY(support);
        PlanDraft draft(usd(1000));
        draft.key = uniqueKey("nope");
        draft.name = QStringLiteral("Not allowed");
        CreatePlanJob create(support.get(), draft);
        QVERIFY(run(create));
        QVERIFY(create.hasError());
        QVERIFY(create.error()->kind() == ApiError::Kind::Forbidden);
        QCOMPARE(plansWithKey(support.get(), draft.key), 0);
    }

    void retriedCreateMakesOnePlan()
    {
        const auto admin = signedIn("admin");
        QVERIFY(admin);
        PlanDraft draft(usd(2500));
        draft.key = uniqueKey("retry");
        draft.name = QStringLiteral("Retry");
        CreatePlanJob create(admin.get(), draft);
        RUN_OK(create);
        // The answer "was lost": the same job again sends the same Idempotency-Key.
        RUN_OK(create);
        QVERIFY(create.isReplayed());
        QCOMPARE(plansWithKey(admin.get(), draft.key), 1);
    }
};

QTEST_GUILESS_MAIN(TestPlanJobs)
#include "testplanjobs.moc"
