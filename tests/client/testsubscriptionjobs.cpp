// The subscription, invoice, entitlement, feature-override and tenant-user jobs against a real
// tenantryd --demo on loopback: each job's success path and one error (403, 409, 412 or 422) as
// the ApiError the console gets, and a retried change-plan (the same Idempotency-Key) that the
// server applies once.

#include "client/addtenantuserjob.h"
#include "client/apiclient.h"
#include "client/cancelsubscriptionjob.h"
#include "client/changesubscriptionplanjob.h"
#include "client/clearfeatureoverridejob.h"
#include "client/createsubscriptionjob.h"
#include "client/createtenantjob.h"
#include "client/extendtrialjob.h"
#include "client/getentitlementsjob.h"
#include "client/getmejob.h"
#include "client/getsubscriptionjob.h"
#include "client/listauditeventsjob.h"
#include "client/listfeatureoverridesjob.h"
#include "client/listinvoicesjob.h"
#include "client/listplansjob.h"
#include "client/listsubscriptionsjob.h"
#include "client/listtenantusersjob.h"
#include "client/removetenantuserjob.h"
#include "client/resumesubscriptionjob.h"
#include "client/setfeatureoverridejob.h"
#include "client/signinjob.h"
#include "tests/server/support/tenantrydprocess.h"

#include <QSignalSpy>
#include <QUuid>
#include <QtTest>

#include <algorithm>
#include <memory>
#include <set>

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

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

QString uniqueSlug(const char *prefix)
{
    return QLatin1String(prefix) + QLatin1Char('-')
           + QUuid::createUuid().toString(QUuid::Id128).left(12);
}

} // namespace

#define RUN(job) QVERIFY2(run(job), "the job did not finish")
#define RUN_OK(job) \
    do { \
        RUN(job); \
        QVERIFY2(!(job).hasError(), qPrintable(errorText(job))); \
    } while (false)
#define RUN_FAILS(job, errorKind, errorCode) \
    do { \
        RUN(job); \
        QVERIFY2((job).hasError(), "the job should have failed"); \
        QCOMPARE((job).error()->kind(), errorKind); \
        QCOMPARE((job).error()->code(), QStringLiteral(errorCode)); \
        QVERIFY(!(job).error()->requestId().isEmpty()); \
    } while (false)

class TestSubscriptionJobs : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TenantrydProcess> m_server;
    std::unique_ptr<ApiClient> m_support;
    std::vector<Plan> m_plans;
    std::vector<Subscription> m_active; // active demo subscriptions, each used by one test
    std::size_t m_nextActive = 0;

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

    // An active demo subscription no other test has used.
    Subscription takeActive()
    {
        if (m_nextActive >= m_active.size())
            return {};
        return m_active[m_nextActive++];
    }

    const Plan *plan(const std::string &key, const char *currency) const
    {
        for (const Plan &candidate : m_plans) {
            if (candidate.key == key && candidate.price.currency().code() == currency
                && candidate.interval == BillingInterval::Month)
                return &candidate;
        }
        return nullptr;
    }

    const Plan *planById(const std::string &id) const
    {
        for (const Plan &candidate : m_plans) {
            if (candidate.id == id)
                return &candidate;
        }
        return nullptr;
    }

    // A new tenant (as support); empty id on failure.
    Tenant createTenant()
    {
        TenantDraft draft;
        draft.name = QStringLiteral("Subscription test");
        draft.slug = uniqueSlug("subs");
        draft.region = QStringLiteral("eu-west-1");
        CreateTenantJob job(m_support.get(), draft);
        if (!run(job) || job.hasError())
            return {};
        return job.tenant();
    }

    int auditCount(const std::string &targetId, const QString &action)
    {
        AuditEventQuery query;
        query.targetId = q(targetId);
        query.action = action;
        query.limit = 100;
        ListAuditEventsJob job(m_support.get(), query);
        if (!run(job) || job.hasError())
            return -1;
        return static_cast<int>(job.page().data.size());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!TenantrydProcess::binary().isEmpty(), "TENANTRYD_BIN is not set");
        m_server = std::make_unique<TenantrydProcess>(QStringList{QStringLiteral("--demo")});
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        m_support = signedIn("support");
        QVERIFY(m_support);

        ListPlansJob plans(m_support.get(), 100);
        RUN_OK(plans);
        m_plans = plans.page().data;
        QVERIFY(plan("pro", "usd"));

        SubscriptionQuery query;
        query.status = SubscriptionStatus::Active;
        query.limit = 100;
        ListSubscriptionsJob active(m_support.get(), query);
        RUN_OK(active);
        for (const Subscription &subscription : active.page().data) {
            if (!subscription.cancelAtPeriodEnd)
                m_active.push_back(subscription);
        }
        QVERIFY(m_active.size() >= 8);
    }

    void cleanupTestCase()
    {
        m_support.reset();
        if (m_server)
            QCOMPARE(m_server->stop(), 0);
    }

    void meCarriesThePermissions()
    {
        GetMeJob me(m_support.get());
        RUN_OK(me);
        QVERIFY(me.user().hasPermissionList());
        QVERIFY(me.user().hasPermission("subscriptions.write"));
        QVERIFY(me.user().hasPermission("tenants.write"));
        QVERIFY(!me.user().hasPermission("tenants.delete"));

        const std::unique_ptr<ApiClient> viewer = signedIn("viewer");
        QVERIFY(viewer);
        GetMeJob viewerMe(viewer.get());
        RUN_OK(viewerMe);
        QVERIFY(viewerMe.user().hasPermission("subscriptions.read"));
        QVERIFY(!viewerMe.user().hasPermission("subscriptions.write"));
    }

    void listFiltersByStatusAndPagesToTheEnd()
    {
        SubscriptionQuery query;
        query.status = SubscriptionStatus::PastDue;
        query.limit = 2;
        std::set<std::string> seen;
        for (int page = 0; page < 100; ++page) {
            ListSubscriptionsJob job(m_support.get(), query);
            RUN_OK(job);
            for (const Subscription &subscription : job.page().data) {
                QCOMPARE(static_cast<int>(subscription.status),
                         static_cast<int>(SubscriptionStatus::PastDue));
                QVERIFY(seen.insert(subscription.id).second);
            }
            if (!job.page().hasMore)
                break;
            query.startingAfter = q(job.page().nextCursor);
        }
        QVERIFY(!seen.empty());

        SubscriptionQuery renewing;
        renewing.renewsBefore = std::chrono::time_point_cast<std::chrono::microseconds>(
            std::chrono::system_clock::now() + std::chrono::days(10));
        renewing.limit = 100;
        ListSubscriptionsJob soon(m_support.get(), renewing);
        RUN_OK(soon);
        for (const Subscription &subscription : soon.page().data)
            QVERIFY(subscription.currentPeriodEnd < *renewing.renewsBefore);
    }

    void listWithAnInvalidFilterIsAValidationError()
    {
        SubscriptionQuery query;
        query.planId = QStringLiteral("pln_x");
        query.startingAfter = QStringLiteral("sub_doesnotexist");
        ListSubscriptionsJob job(m_support.get(), query);
        RUN_FAILS(job, ApiError::Kind::Validation, "parameter_invalid");
        QCOMPARE(job.error()->param(), QStringLiteral("starting_after"));
    }

    void getAnswersTheSubscriptionWithItsVersion()
    {
        const Subscription active = m_active.front();
        GetSubscriptionJob job(m_support.get(), q(active.id));
        RUN_OK(job);
        QCOMPARE(job.subscription().id, active.id);
        QCOMPARE(job.etag(),
                 '"' + QByteArray::number(static_cast<qlonglong>(job.subscription().version)) + '"');

        GetSubscriptionJob missing(m_support.get(), QStringLiteral("sub_0000000000000000"));
        RUN_FAILS(missing, ApiError::Kind::NotFound, "resource_missing");
    }

    void retriedChangePlanRecordsOneChange()
    {
        const Subscription active = takeActive();
        QVERIFY(!active.id.empty());
        const std::int64_t quantity = active.quantity + 2;

        ChangeSubscriptionPlanJob change(m_support.get(),
                                         q(active.id),
                                         std::nullopt,
                                         quantity,
                                         active.version);
        RUN_OK(change);
        QCOMPARE(change.subscription().quantity, quantity);
        QCOMPARE(change.subscription().version, active.version + 1);
        QVERIFY(!change.isReplayed());
        const QByteArray key = change.idempotencyKey();
        QVERIFY(!key.isEmpty());

        // The answer was lost: the same action again, with the same key.
        ChangeSubscriptionPlanJob retry(m_support.get(),
                                        q(active.id),
                                        std::nullopt,
                                        quantity,
                                        active.version);
        retry.setIdempotencyKey(key);
        RUN_OK(retry);
        QVERIFY(retry.isReplayed());
        QCOMPARE(retry.subscription().version, active.version + 1);

        GetSubscriptionJob get(m_support.get(), q(active.id));
        RUN_OK(get);
        QCOMPARE(get.subscription().version, active.version + 1);
        QCOMPARE(get.subscription().quantity, quantity);
        QCOMPARE(auditCount(active.id, QStringLiteral("subscription.plan_changed")), 1);
    }

    void changePlanWithAStaleVersionIsPreconditionFailed()
    {
        const Subscription active = takeActive();
        ChangeSubscriptionPlanJob first(m_support.get(),
                                        q(active.id),
                                        std::nullopt,
                                        active.quantity + 1);
        RUN_OK(first);

        ChangeSubscriptionPlanJob stale(m_support.get(),
                                        q(active.id),
                                        std::nullopt,
                                        active.quantity + 3,
                                        active.version);
        RUN_FAILS(stale, ApiError::Kind::PreconditionFailed, "version_mismatch");
        QVERIFY(stale.error()->hasCurrent());
        QCOMPARE(stale.error()->current().value(QStringLiteral("version")).toInteger(),
                 static_cast<qint64>(active.version + 1));
    }

    void changePlanToAnotherCurrencyIsUnprocessable()
    {
        const Subscription active = takeActive();
        const Plan *current = planById(active.planId);
        QVERIFY(current);
        const char *other = current->price.currency().code() == "usd" ? "eur" : "usd";
        const Plan *foreign = plan("pro", other);
        if (!foreign)
            QSKIP("the demo has no pro plan in the other currency");
        ChangeSubscriptionPlanJob job(m_support.get(), q(active.id), q(foreign->id), std::nullopt);
        RUN_FAILS(job, ApiError::Kind::Validation, "currency_mismatch");
        QCOMPARE(job.error()->httpStatus(), 422);
    }

    void viewerCannotChangeAPlan()
    {
        const std::unique_ptr<ApiClient> viewer = signedIn("viewer");
        QVERIFY(viewer);
        ChangeSubscriptionPlanJob job(viewer.get(), q(m_active.front().id), std::nullopt, 9);
        RUN_FAILS(job, ApiError::Kind::Forbidden, "permission_denied");
    }

    void createThenASecondCreateIsAConflict()
    {
        const Tenant tenant = createTenant();
        QVERIFY(!tenant.id.empty());
        const Plan *pro = plan("pro", "usd");
        CreateSubscriptionJob create(m_support.get(), q(tenant.id), q(pro->id), 3, 0);
        RUN_OK(create);
        QCOMPARE(create.httpStatus(), 201);
        QCOMPARE(create.subscription().tenantId, tenant.id);
        QCOMPARE(create.subscription().quantity, std::int64_t(3));
        QCOMPARE(static_cast<int>(create.subscription().status),
                 static_cast<int>(SubscriptionStatus::Active));

        CreateSubscriptionJob again(m_support.get(), q(tenant.id), q(pro->id), 1);
        RUN_FAILS(again, ApiError::Kind::Conflict, "subscription_exists");
    }

    void cancelAtPeriodEndResumeAndCancelNow()
    {
        const Subscription active = takeActive();
        CancelSubscriptionJob atEnd(m_support.get(), q(active.id), true, active.version);
        RUN_OK(atEnd);
        QVERIFY(atEnd.subscription().cancelAtPeriodEnd);
        QCOMPARE(static_cast<int>(atEnd.subscription().status),
                 static_cast<int>(SubscriptionStatus::Active));

        ResumeSubscriptionJob resume(m_support.get(), q(active.id), atEnd.subscription().version);
        RUN_OK(resume);
        QVERIFY(!resume.subscription().cancelAtPeriodEnd);

        ResumeSubscriptionJob notResumable(m_support.get(), q(active.id));
        RUN_FAILS(notResumable, ApiError::Kind::Conflict, "not_resumable");

        CancelSubscriptionJob now(m_support.get(), q(active.id), false);
        RUN_OK(now);
        QCOMPARE(static_cast<int>(now.subscription().status),
                 static_cast<int>(SubscriptionStatus::Canceled));
        QVERIFY(now.subscription().canceledAt.has_value());

        CancelSubscriptionJob ended(m_support.get(), q(active.id), false);
        RUN_FAILS(ended, ApiError::Kind::Conflict, "subscription_ended");
    }

    void extendTrialMovesTheTrialEnd()
    {
        const Tenant tenant = createTenant();
        QVERIFY(!tenant.id.empty());
        CreateSubscriptionJob create(m_support.get(), q(tenant.id), q(plan("pro", "usd")->id), 1, 14);
        RUN_OK(create);
        QCOMPARE(static_cast<int>(create.subscription().status),
                 static_cast<int>(SubscriptionStatus::Trialing));
        QVERIFY(create.subscription().trialEnd);

        ExtendTrialJob extend(m_support.get(), q(create.subscription().id), 7);
        RUN_OK(extend);
        QVERIFY(extend.subscription().trialEnd);
        QCOMPARE(*extend.subscription().trialEnd - *create.subscription().trialEnd,
                 std::chrono::microseconds(std::chrono::days(7)));

        ExtendTrialJob notTrialing(m_support.get(), q(m_active.front().id), 7);
        RUN_FAILS(notTrialing, ApiError::Kind::Conflict, "not_trialing");

        ExtendTrialJob tooLong(m_support.get(), q(create.subscription().id), 400);
        RUN(tooLong);
        QVERIFY(tooLong.hasError());
        QCOMPARE(tooLong.error()->httpStatus(), 422);
    }

    void invoicesOfATenant()
    {
        const Subscription active = m_active.back();
        InvoiceQuery query;
        query.tenantId = q(active.tenantId);
        query.limit = 100;
        ListInvoicesJob job(m_support.get(), query);
        RUN_OK(job);
        QVERIFY(!job.page().data.empty());
        for (const Invoice &invoice : job.page().data)
            QCOMPARE(invoice.tenantId, active.tenantId);

        InvoiceQuery bad;
        bad.startingAfter = QStringLiteral("inv_doesnotexist");
        ListInvoicesJob invalid(m_support.get(), bad);
        RUN_FAILS(invalid, ApiError::Kind::Validation, "parameter_invalid");
    }

    void overrideChangesTheEntitlementSource()
    {
        const Subscription active = takeActive();
        const QString tenantId = q(active.tenantId);

        GetEntitlementsJob before(m_support.get(), tenantId);
        RUN_OK(before);
        QCOMPARE(before.page().data.size(), std::size_t(6));

        const auto expires = std::chrono::time_point_cast<std::chrono::microseconds>(
                                 std::chrono::system_clock::now())
                             + std::chrono::days(30);
        SetFeatureOverrideJob set(m_support.get(),
                                  tenantId,
                                  QStringLiteral("audit_logs"),
                                  true,
                                  QStringLiteral("Pilot"),
                                  expires);
        RUN_OK(set);
        QVERIFY(set.isCreated());
        QCOMPARE(set.featureOverride().featureKey, std::string("audit_logs"));
        QCOMPARE(set.featureOverride().version, std::int64_t(1));

        GetEntitlementsJob after(m_support.get(), tenantId);
        RUN_OK(after);
        const auto entitlement = std::find_if(after.page().data.begin(),
                                              after.page().data.end(),
                                              [](const Entitlement &e) {
                                                  return e.featureKey == "audit_logs";
                                              });
        QVERIFY(entitlement != after.page().data.end());
        QVERIFY(entitlement->source == EntitlementSource::Override);
        QVERIFY(entitlement->enabled);
        QCOMPARE(entitlement->reason, std::optional<std::string>("Pilot"));
        QVERIFY(entitlement->planWouldGrant.has_value());

        ListFeatureOverridesJob list(m_support.get(), tenantId);
        RUN_OK(list);
        QVERIFY(std::any_of(list.page().data.begin(),
                            list.page().data.end(),
                            [](const FeatureOverride &o) { return o.featureKey == "audit_logs"; }));

        ClearFeatureOverrideJob stale(m_support.get(), tenantId, QStringLiteral("audit_logs"), 5);
        RUN_FAILS(stale, ApiError::Kind::PreconditionFailed, "version_mismatch");

        ClearFeatureOverrideJob clear(m_support.get(), tenantId, QStringLiteral("audit_logs"), 1);
        RUN_OK(clear);
        QCOMPARE(clear.featureOverride().reason, std::string("Pilot"));

        GetEntitlementsJob cleared(m_support.get(), tenantId);
        RUN_OK(cleared);
        for (const Entitlement &e : cleared.page().data)
            QVERIFY(e.source != EntitlementSource::Override || e.featureKey != "audit_logs");

        SetFeatureOverrideJob unknown(m_support.get(),
                                      tenantId,
                                      QStringLiteral("teleportation"),
                                      true,
                                      QStringLiteral("No such feature"));
        RUN_FAILS(unknown, ApiError::Kind::Validation, "resource_missing");
    }

    void tenantUsersAreAddedListedAndRemoved()
    {
        const Tenant tenant = createTenant();
        QVERIFY(!tenant.id.empty());
        const QString tenantId = q(tenant.id);
        AddTenantUserJob add(m_support.get(),
                             tenantId,
                             QStringLiteral("Road.Runner@acme.example"),
                             QStringLiteral("Road Runner"),
                             QStringLiteral("admin"));
        RUN_OK(add);
        QCOMPARE(add.httpStatus(), 201);
        QCOMPARE(add.tenantUser().email, std::string("road.runner@acme.example"));
        QCOMPARE(add.tenantUser().role, std::string("admin"));

        AddTenantUserJob taken(m_support.get(),
                               tenantId,
                               QStringLiteral("road.runner@acme.example"),
                               QStringLiteral("Road Runner again"));
        RUN_FAILS(taken, ApiError::Kind::Conflict, "email_taken");

        ListTenantUsersJob list(m_support.get(), tenantId);
        RUN_OK(list);
        QCOMPARE(list.page().data.size(), std::size_t(1));
        QCOMPARE(list.page().data.front(), add.tenantUser());

        RemoveTenantUserJob stale(m_support.get(), tenantId, q(add.tenantUser().id), 7);
        RUN_FAILS(stale, ApiError::Kind::PreconditionFailed, "version_mismatch");

        RemoveTenantUserJob remove(m_support.get(),
                                   tenantId,
                                   q(add.tenantUser().id),
                                   add.tenantUser().version);
        RUN_OK(remove);
        QCOMPARE(remove.tenantUser().id, add.tenantUser().id);

        ListTenantUsersJob empty(m_support.get(), tenantId);
        RUN_OK(empty);
        QVERIFY(empty.page().data.empty());
    }
};

QTEST_GUILESS_MAIN(TestSubscriptionJobs)
#include "testsubscriptionjobs.moc"
