// The client's jobs against a real tenantryd --demo on loopback: signing in and out, reading and
// changing tenants, notes, plans, features and audit events, and the errors the API answers
// (401, 403, 404, 409, 412) as the ApiError the console gets. Also TLS: a certificate the
// client does not trust is a TlsError, and the profile's CA file makes it trusted.

#include "client/addtenantnotejob.h"
#include "client/apiclient.h"
#include "client/createtenantjob.h"
#include "client/deletetenantjob.h"
#include "client/getmejob.h"
#include "client/gettenantjob.h"
#include "client/listauditeventsjob.h"
#include "client/listfeaturesjob.h"
#include "client/listplansjob.h"
#include "client/listtenantnotesjob.h"
#include "client/listtenantsjob.h"
#include "client/reactivatetenantjob.h"
#include "client/signinjob.h"
#include "client/signoutjob.h"
#include "client/suspendtenantjob.h"
#include "client/updatetenantjob.h"
#include "tests/server/support/tenantrydprocess.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <memory>
#include <set>

using namespace Tenantry;
using Tenantry::TestSupport::TenantrydProcess;

namespace {

// Runs a job to its one finished(); false if it did not finish in time.
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

QString uniqueSlug(const char *prefix)
{
    return QLatin1String(prefix) + QLatin1Char('-')
           + QUuid::createUuid().toString(QUuid::Id128).left(12);
}

QString demoEmail(const char *role)
{
    return QLatin1String(role) + QStringLiteral("@demo.tenantry.dev");
}

const QRegularExpression requestIdPattern(QStringLiteral("^req_[a-z2-7]{16}$"));

} // namespace

#define RUN(job) QVERIFY2(run(job), "the job did not finish")
#define RUN_OK(job) \
    do { \
        RUN(job); \
        QVERIFY2(!(job).hasError(), qPrintable(errorText(job))); \
    } while (false)

class TestApiClientJobs : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TenantrydProcess> m_server;
    std::unique_ptr<ApiClient> m_admin;

    std::unique_ptr<ApiClient> signedIn(const char *role)
    {
        auto client = std::make_unique<ApiClient>(QUrl(m_server->baseUrl()));
        SignInJob job(client.get(), demoEmail(role), m_server->demoPassword(QLatin1String(role)));
        if (!run(job) || job.hasError()) {
            qWarning("sign-in as %s failed: %s", role, qPrintable(errorText(job)));
            return nullptr;
        }
        client->setToken(job.session().token);
        return client;
    }

    // Creates a tenant as admin; empty id on failure.
    Tenant createTenant(const QString &slug)
    {
        TenantDraft draft;
        draft.name = QStringLiteral("Client test ") + slug;
        draft.slug = slug;
        draft.region = QStringLiteral("eu-west-1");
        CreateTenantJob job(m_admin.get(), draft);
        if (!run(job) || job.hasError())
            return {};
        return job.tenant();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!TenantrydProcess::binary().isEmpty(), "TENANTRYD_BIN is not set");
        m_server = std::make_unique<TenantrydProcess>(QStringList{QStringLiteral("--demo")});
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        m_admin = signedIn("admin");
        QVERIFY(m_admin);
    }

    void cleanupTestCase()
    {
        m_admin.reset();
        if (m_server)
            QCOMPARE(m_server->stop(), 0);
    }

    void signInGivesASessionForTheUser()
    {
        ApiClient client{QUrl(m_server->baseUrl())};
        SignInJob signIn(&client,
                         demoEmail("support"),
                         m_server->demoPassword(QStringLiteral("support")));
        RUN_OK(signIn);
        QCOMPARE(signIn.httpStatus(), 201);
        QVERIFY(signIn.session().token.startsWith(QStringLiteral("tnt_")));
        QCOMPARE(signIn.session().user.email, std::string("support@demo.tenantry.dev"));
        QCOMPARE(signIn.session().user.role, std::string("support"));
        QVERIFY(signIn.session().expiresAt > std::chrono::system_clock::now());
        QVERIFY(signIn.idempotencyKey().isEmpty());

        client.setToken(signIn.session().token);
        GetMeJob me(&client);
        RUN_OK(me);
        QCOMPARE(me.user().email, std::string("support@demo.tenantry.dev"));
        QCOMPARE(me.user().id, signIn.session().user.id);
        QVERIFY(requestIdPattern.match(me.requestId()).hasMatch());
    }

    void wrongPasswordIsUnauthorized()
    {
        ApiClient client{QUrl(m_server->baseUrl())};
        SignInJob signIn(&client, demoEmail("finance"), QStringLiteral("not the password"));
        RUN(signIn);
        QVERIFY(signIn.hasError());
        QCOMPARE(signIn.error()->kind(), ApiError::Kind::Unauthorized);
        QCOMPARE(signIn.error()->httpStatus(), 401);
        QCOMPARE(signIn.error()->code(), QStringLiteral("invalid_credentials"));
        QVERIFY(requestIdPattern.match(signIn.error()->requestId()).hasMatch());
        QCOMPARE(signIn.error()->requestId(), signIn.requestId());
    }

    void badTokenIsUnauthorized()
    {
        ApiClient client{QUrl(m_server->baseUrl())};
        client.setToken(QStringLiteral("tnt_") + QString(43, QLatin1Char('A')));
        QSignalSpy rejected(&client, &ApiClient::sessionRejected);
        GetMeJob me(&client);
        RUN(me);
        QVERIFY(me.hasError());
        QCOMPARE(me.error()->kind(), ApiError::Kind::Unauthorized);
        QCOMPARE(me.error()->code(), QStringLiteral("unauthenticated"));
        QCOMPARE(me.attempts(), 1); // not retried
        QCOMPARE(rejected.count(), 1);
    }

    void viewerCannotCreateATenant()
    {
        const std::unique_ptr<ApiClient> viewer = signedIn("viewer");
        QVERIFY(viewer);
        TenantDraft draft;
        draft.name = QStringLiteral("Forbidden Inc");
        draft.region = QStringLiteral("eu-west-1");
        CreateTenantJob create(viewer.get(), draft);
        RUN(create);
        QVERIFY(create.hasError());
        QCOMPARE(create.error()->kind(), ApiError::Kind::Forbidden);
        QCOMPARE(create.error()->httpStatus(), 403);
        QCOMPARE(create.error()->code(), QStringLiteral("permission_denied"));
        QVERIFY(create.error()->serverMessage().contains(QStringLiteral("tenants.write")));

        // The viewer can read.
        TenantQuery query;
        query.limit = 1;
        ListTenantsJob list(viewer.get(), query);
        RUN_OK(list);
        QCOMPARE(list.page().data.size(), std::size_t(1));
    }

    void retriedCreateMakesOneTenant()
    {
        const QString slug = uniqueSlug("retry");
        TenantDraft draft;
        draft.name = QStringLiteral("Retry Ltd");
        draft.slug = slug;
        draft.region = QStringLiteral("us-east-1");
        draft.isolation = Isolation::Pool; // every tenant starts in the pool (a silo is a move)
        draft.contactEmail = QStringLiteral("ops@retry.example");

        CreateTenantJob create(m_admin.get(), draft);
        RUN_OK(create);
        QCOMPARE(create.httpStatus(), 201);
        QVERIFY(!create.isReplayed());
        const Tenant first = create.tenant();
        QCOMPARE(first.slug, slug.toStdString());
        QVERIFY(first.isolation == Isolation::Pool);
        QCOMPARE(first.version, 1);

        // The answer was "lost": the same job runs again, with the same Idempotency-Key.
        const QByteArray key = create.idempotencyKey();
        RUN_OK(create);
        QCOMPARE(create.idempotencyKey(), key);
        QVERIFY(create.isReplayed());
        QCOMPARE(create.tenant().id, first.id);

        // A new action (a new key) with the same slug is a conflict, not a second tenant.
        CreateTenantJob again(m_admin.get(), draft);
        QVERIFY(again.idempotencyKey() != key);
        RUN(again);
        QVERIFY(again.hasError());
        QCOMPARE(again.error()->kind(), ApiError::Kind::Conflict);

        TenantQuery query;
        query.search = slug;
        ListTenantsJob list(m_admin.get(), query);
        RUN_OK(list);
        QCOMPARE(list.page().data.size(), std::size_t(1));
        QCOMPARE(list.page().data.front().id, first.id);
    }

    void staleIfMatchIsPreconditionFailedWithTheCurrentTenant()
    {
        const Tenant tenant = createTenant(uniqueSlug("stale"));
        QVERIFY(!tenant.id.empty());
        const QString id = QString::fromStdString(tenant.id);

        TenantPatch rename;
        rename.name = QStringLiteral("Renamed once");
        rename.notes = std::optional<QString>(QStringLiteral("first note"));
        UpdateTenantJob update(m_admin.get(), id, tenant.version, rename);
        RUN_OK(update);
        QCOMPARE(update.tenant().version, tenant.version + 1);
        QCOMPARE(update.tenant().name, std::string("Renamed once"));
        QCOMPARE(update.etag(), QByteArray("\"") + QByteArray::number(tenant.version + 1) + "\"");

        TenantPatch stale;
        stale.name = QStringLiteral("Renamed from a stale copy");
        UpdateTenantJob conflicting(m_admin.get(), id, tenant.version, stale);
        RUN(conflicting);
        QVERIFY(conflicting.hasError());
        const ApiError &error = *conflicting.error();
        QCOMPARE(error.kind(), ApiError::Kind::PreconditionFailed);
        QCOMPARE(error.httpStatus(), 412);
        QCOMPARE(error.code(), QStringLiteral("version_mismatch"));
        QVERIFY(error.hasCurrent());
        const std::optional<Tenant> current = error.currentTenant();
        QVERIFY(current.has_value());
        QCOMPARE(current->id, tenant.id);
        QCOMPARE(current->version, tenant.version + 1);
        QCOMPARE(current->name, std::string("Renamed once"));
        QCOMPARE(current->notes, std::optional<std::string>("first note"));

        GetTenantJob get(m_admin.get(), id);
        RUN_OK(get);
        QCOMPARE(get.tenant().name, std::string("Renamed once"));
    }

    void unknownTenantIsNotFound()
    {
        GetTenantJob get(m_admin.get(), QStringLiteral("ten_0000000000000000"));
        RUN(get);
        QVERIFY(get.hasError());
        QCOMPARE(get.error()->kind(), ApiError::Kind::NotFound);
        QCOMPARE(get.error()->code(), QStringLiteral("resource_missing"));
        QCOMPARE(get.attempts(), 1);
    }

    void suspendReactivateDeleteAndTheirAudit()
    {
        const Tenant tenant = createTenant(uniqueSlug("life"));
        QVERIFY(!tenant.id.empty());
        const QString id = QString::fromStdString(tenant.id);

        SuspendTenantJob suspend(m_admin.get(), id, QStringLiteral("Payment failed"));
        RUN_OK(suspend);
        QVERIFY(suspend.tenant().status == TenantStatus::Suspended);
        QCOMPARE(suspend.tenant().version, 2);

        ReactivateTenantJob reactivate(m_admin.get(), id);
        RUN_OK(reactivate);
        QVERIFY(reactivate.tenant().status == TenantStatus::Active);
        QCOMPARE(reactivate.tenant().version, 3);
        RUN_OK(reactivate); // a retry of the same action replays; no fourth version
        QVERIFY(reactivate.isReplayed());
        QCOMPARE(reactivate.tenant().version, 3);

        DeleteTenantJob remove(m_admin.get(), id, reactivate.tenant().version);
        RUN_OK(remove);
        QVERIFY(remove.tenant().status == TenantStatus::Deleted);
        QVERIFY(remove.tenant().deletedAt.has_value());

        AuditEventQuery query;
        query.targetId = id;
        ListAuditEventsJob audit(m_admin.get(), query);
        RUN_OK(audit);
        std::vector<std::string> actions;
        for (const AuditEvent &event : audit.page().data) {
            QCOMPARE(event.targetId, tenant.id);
            actions.push_back(event.action);
        }
        const std::vector<std::string> expected{"tenant.deleted",
                                                "tenant.reactivated",
                                                "tenant.suspended",
                                                "tenant.created"};
        QCOMPARE(actions, expected); // newest first
        QCOMPARE(audit.page().data.front().before.value(QStringLiteral("version")).toInt(), 3);
        QVERIFY(audit.page().data.back().before.isEmpty());

        AuditEventQuery suspensions;
        suspensions.targetId = id;
        suspensions.action = QStringLiteral("tenant.suspended");
        ListAuditEventsJob filtered(m_admin.get(), suspensions);
        RUN_OK(filtered);
        QCOMPARE(filtered.page().data.size(), std::size_t(1));
        QCOMPARE(filtered.page().data.front().actorEmail, std::string("admin@demo.tenantry.dev"));
    }

    void notesAreAddedOnceAndListed()
    {
        const Tenant tenant = createTenant(uniqueSlug("notes"));
        QVERIFY(!tenant.id.empty());
        const QString id = QString::fromStdString(tenant.id);
        AddTenantNoteJob add(m_admin.get(), id, QStringLiteral("Asked for an invoice copy."));
        RUN_OK(add);
        QCOMPARE(add.note().tenantId, tenant.id);
        RUN_OK(add); // retried: the same note
        QVERIFY(add.isReplayed());

        ListTenantNotesJob list(m_admin.get(), id);
        RUN_OK(list);
        QCOMPARE(list.page().data.size(), std::size_t(1));
        QCOMPARE(list.page().data.front().body, std::string("Asked for an invoice copy."));
        QCOMPARE(list.page().data.front().id, add.note().id);
    }

    void plansOnlyNameKnownFeatures()
    {
        ListFeaturesJob features(m_admin.get(), 100);
        RUN_OK(features);
        QVERIFY(!features.page().data.empty());
        std::set<std::string> keys;
        for (const Feature &feature : features.page().data)
            keys.insert(feature.key);

        ListPlansJob plans(m_admin.get(), 100);
        RUN_OK(plans);
        QVERIFY(!plans.page().data.empty());
        for (const Plan &plan : plans.page().data) {
            QVERIFY(plan.id.rfind("pln_", 0) == 0);
            for (const std::string &key : plan.features)
                QVERIFY2(keys.count(key) == 1, key.c_str());
        }

        ListFeaturesJob firstTwo(m_admin.get(), 2);
        RUN_OK(firstTwo);
        QCOMPARE(firstTwo.page().data.size(), std::size_t(2));
        ListFeaturesJob next(m_admin.get(), 2, QString::fromStdString(firstTwo.page().nextCursor));
        RUN_OK(next);
        QVERIFY(!next.page().data.empty());
        QVERIFY(next.page().data.front().key != firstTwo.page().data.front().key);
    }

    void filtersNarrowTheList()
    {
        const Tenant tenant = createTenant(uniqueSlug("filter"));
        QVERIFY(!tenant.id.empty());
        SuspendTenantJob suspend(m_admin.get(), QString::fromStdString(tenant.id));
        RUN_OK(suspend);

        TenantQuery query;
        query.status = TenantStatus::Suspended;
        query.limit = 100;
        ListTenantsJob list(m_admin.get(), query);
        RUN_OK(list);
        QVERIFY(!list.page().data.empty());
        bool found = false;
        for (const Tenant &each : list.page().data) {
            QVERIFY(each.status == TenantStatus::Suspended);
            found = found || each.id == tenant.id;
        }
        QVERIFY(found);

        TenantQuery region;
        region.region = QStringLiteral("ap-southeast-2");
        region.limit = 100;
        ListTenantsJob inRegion(m_admin.get(), region);
        RUN_OK(inRegion);
        QVERIFY(!inRegion.page().data.empty());
        for (const Tenant &each : inRegion.page().data)
            QCOMPARE(each.region, std::string("ap-southeast-2"));

        TenantQuery invalid;
        invalid.limit = 1000;
        ListTenantsJob refused(m_admin.get(), invalid);
        RUN(refused);
        QCOMPARE(refused.error()->kind(), ApiError::Kind::Validation);
        QCOMPARE(refused.error()->param(), QStringLiteral("limit"));
    }

    void signOutEndsTheSession()
    {
        const std::unique_ptr<ApiClient> finance = signedIn("finance");
        QVERIFY(finance);
        SignOutJob signOut(finance.get());
        RUN_OK(signOut);
        QCOMPARE(signOut.httpStatus(), 204);
        GetMeJob me(finance.get());
        RUN(me);
        QCOMPARE(me.error()->kind(), ApiError::Kind::Unauthorized);
    }

    void untrustedCertificateIsATlsError()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString cert = dir.filePath(QStringLiteral("cert.pem"));
        const QString key = dir.filePath(QStringLiteral("key.pem"));
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"),
                       QStringLiteral("-x509"),
                       QStringLiteral("-newkey"),
                       QStringLiteral("ec"),
                       QStringLiteral("-pkeyopt"),
                       QStringLiteral("ec_paramgen_curve:prime256v1"),
                       QStringLiteral("-nodes"),
                       QStringLiteral("-days"),
                       QStringLiteral("2"),
                       QStringLiteral("-subj"),
                       QStringLiteral("/CN=127.0.0.1"),
                       QStringLiteral("-addext"),
                       QStringLiteral("subjectAltName=IP:127.0.0.1"),
                       QStringLiteral("-keyout"),
                       key,
                       QStringLiteral("-out"),
                       cert});
        QVERIFY2(openssl.waitForFinished(60000) && openssl.exitCode() == 0,
                 openssl.readAllStandardError().constData());

        TenantrydProcess tlsServer(
            {QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), key});
        QString error;
        QVERIFY2(tlsServer.start(&error), qPrintable(error));
        const QUrl url(QStringLiteral("https://127.0.0.1:") + QString::number(tlsServer.port()));

        ApiClient untrusting(url);
        untrusting.setMaxRetries(0);
        GetMeJob refused(&untrusting);
        RUN(refused);
        QVERIFY(refused.hasError());
        QCOMPARE(refused.error()->kind(), ApiError::Kind::TlsError);
        QVERIFY(!refused.error()->serverMessage().isEmpty());

        ApiClient trusting(url);
        QString message;
        QVERIFY2(trusting.setCaCertificatesFile(cert, &message), qPrintable(message));
        GetMeJob reached(&trusting);
        RUN(reached);
        // TLS is fine now; the server itself answers (no token: 401).
        QVERIFY(reached.hasError());
        QCOMPARE(reached.error()->kind(), ApiError::Kind::Unauthorized);
        QCOMPARE(reached.httpStatus(), 401);
    }
};

QTEST_GUILESS_MAIN(TestApiClientJobs)
#include "testapiclientjobs.moc"
