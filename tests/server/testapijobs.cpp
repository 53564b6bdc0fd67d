// Background jobs and billing reconciliation through the API of a real tenantryd with demo
// data: GET /v1/jobs/{id} and GET /v1/jobs (404, the job shape, filters, paging, and who may read
// which type), the drift list and its permissions, POST /v1/billing/reconcile and drift apply
// without a billing provider (409 billing_provider_unavailable), a job that a server killed with
// kill -9 left running being taken up again after the restart, and, when the server has a
// billing provider (GET /v1/billing names one), the whole flow: reconcile, poll the job, list
// its drift, apply a row once.
//
// Jobs and drift rows that the API cannot create here (no provider) are written straight into
// the server's store (SQLite file or PostgreSQL database), as a crashed server or a finished
// reconciliation would have left them.

#include "server/auth/sessiontoken.h"
#include "server/store/postgres/postgresstore.h"
#include "server/store/sqlite/sqlitestore.h"
#include "tests/server/support/apiassertions.h"
#include "tests/server/support/apiclient.h"
#include "tests/server/support/tenantrydprocess.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QtTest>

#include <chrono>
#include <map>
#include <memory>
#include <vector>

using namespace Tenantry;
using namespace Tenantry::Server;
using namespace Tenantry::TestSupport;
using namespace std::chrono_literals;

namespace {

Timestamp now()
{
    return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

// The store of a test server's data folder, opened in this process.
std::unique_ptr<Store> openStore(const QString &dataDir)
{
    if (!TenantrydProcess::usesPostgres()) {
        SqliteStoreOptions options;
        options.path = QString(dataDir + QStringLiteral("/tenantry.db")).toStdString();
        Result<std::unique_ptr<SqliteStore>> store = SqliteStore::open(options);
        return store ? std::move(store).value() : nullptr;
    }
    const QStringList arguments = TenantrydProcess::storeArguments(dataDir);
    PostgresStoreOptions options;
    options.uri = arguments.value(arguments.indexOf(QStringLiteral("--database")) + 1).toStdString();
    options.ownerUri = arguments.value(arguments.indexOf(QStringLiteral("--database-owner")) + 1)
                           .toStdString();
    options.poolSize = 2;
    Result<std::unique_ptr<PostgresStore>> store = PostgresStore::open(options);
    return store ? std::move(store).value() : nullptr;
}

} // namespace

class TestApiJobs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void unknownJobIsNotFound();
    void jobShapeAndWhoMayReadIt();
    void listsFilterAndPage();
    void listsTheJobsOfOneTenant();
    void driftListAndItsPermissions();
    void reconcileWithoutAProvider();
    void commandLineReconcile();
    void aJobLeftRunningByKillNineRunsAfterRestart();
    void reconcileKilledMidwayEndsAfterRestart();
    void reconcileFlowWithAProvider();

private:
    JobRecord insertJob(const std::string &type,
                        JobStatus status,
                        std::optional<Timestamp> heartbeat = std::nullopt,
                        const std::string &params = "{}");
    QString insertDrift(const std::string &jobId);
    // The provider GET /v1/billing names ("none" when it does not exist: no provider wiring).
    QString provider();
    void signIn();
    // After m_server->kill(): a new server on the same data folder.
    void restartAfterKill();
    // Polls GET /v1/jobs/{id} until the job has ended (or the time is up); its last state.
    QJsonObject waitUntilEnded(const QString &jobId, int timeoutMs);

    std::unique_ptr<TenantrydProcess> m_server;
    // Processes killed with kill -9; the first owns the data folder that the others reuse.
    std::vector<std::unique_ptr<TenantrydProcess>> m_killed;
    std::unique_ptr<Store> m_store;
    std::map<QString, std::unique_ptr<ApiClient>> m_clients; // by role
};

void TestApiJobs::signIn()
{
    for (const QString &role : {QStringLiteral("owner"),
                                QStringLiteral("admin"),
                                QStringLiteral("support"),
                                QStringLiteral("finance"),
                                QStringLiteral("viewer")}) {
        auto client = std::make_unique<ApiClient>(m_server->baseUrl());
        QVERIFY(client->signIn(role + QStringLiteral("@demo.tenantry.dev"),
                               m_server->demoPassword(role)));
        m_clients[role] = std::move(client);
    }
}

void TestApiJobs::initTestCase()
{
    m_server = std::make_unique<TenantrydProcess>(QStringList{QStringLiteral("--demo"),
                                                              QStringLiteral("--rate-limit"),
                                                              QStringLiteral("100000"),
                                                              QStringLiteral("--rate-burst"),
                                                              QStringLiteral("100000")});
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_store = openStore(m_server->dataDir());
    QVERIFY(m_store);
    signIn();
}

JobRecord TestApiJobs::insertJob(const std::string &type,
                                 JobStatus status,
                                 std::optional<Timestamp> heartbeat,
                                 const std::string &params)
{
    JobRecord job;
    job.id = SessionToken::newId("job_");
    job.type = type;
    job.params = params;
    job.status = status;
    job.createdBy = "usr_test";
    job.createdAt = job.updatedAt = now() - 1h;
    if (status != JobStatus::Queued)
        job.startedAt = job.createdAt;
    if (status == JobStatus::Succeeded) {
        job.finishedAt = job.createdAt + 1s;
        job.progressDone = job.progressTotal = 3;
        job.result = R"({"status_mismatch":1,"total":1})";
    }
    job.heartbeatAt = heartbeat;
    auto transaction = std::move(m_store->begin(Store::Mode::Write)).value();
    if (!transaction->insertJob(job) || !transaction->commit())
        qFatal("cannot insert a job");
    return job;
}

QString TestApiJobs::insertDrift(const std::string &jobId)
{
    DriftRecord drift;
    drift.id = SessionToken::newId("drf_");
    drift.jobId = jobId;
    drift.kind = "missing_at_provider";
    drift.stripeSubscriptionId = "sub_nowhere";
    drift.local = R"({"id":"sub_x","status":"active"})";
    drift.createdAt = now();
    auto transaction = std::move(m_store->begin(Store::Mode::Write)).value();
    if (!transaction->insertDrift(drift) || !transaction->commit())
        qFatal("cannot insert a drift row");
    return QString::fromStdString(drift.id);
}

QString TestApiJobs::provider()
{
    const ApiResponse billing = m_clients[QStringLiteral("owner")]->get(
        QStringLiteral("/v1/billing"));
    if (billing.status == 404)
        return QStringLiteral("none");
    return billing.json()[u"provider"].toString();
}

void TestApiJobs::unknownJobIsNotFound()
{
    const ApiResponse missing = m_clients[QStringLiteral("owner")]->get(
        QStringLiteral("/v1/jobs/job_doesnotexist"));
    const QString mismatch = errorMismatch(missing,
                                           404,
                                           QStringLiteral("invalid_request_error"),
                                           QStringLiteral("resource_missing"));
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));

    ApiClient anonymous(m_server->baseUrl());
    QCOMPARE(anonymous.get(QStringLiteral("/v1/jobs/job_doesnotexist")).status, 401);
    QCOMPARE(anonymous.get(QStringLiteral("/v1/jobs")).status, 401);
}

void TestApiJobs::jobShapeAndWhoMayReadIt()
{
    const JobRecord job = insertJob("billing.reconcile", JobStatus::Succeeded);
    const QString path = QStringLiteral("/v1/jobs/") + QString::fromStdString(job.id);

    const ApiResponse read = m_clients[QStringLiteral("finance")]->get(path);
    QVERIFY2(read.status == 200, qPrintable(bodyOf(read)));
    const QJsonObject body = read.json();
    QCOMPARE(body[u"object"].toString(), QStringLiteral("job"));
    QCOMPARE(body[u"id"].toString(), QString::fromStdString(job.id));
    QCOMPARE(body[u"type"].toString(), QStringLiteral("billing.reconcile"));
    QCOMPARE(body[u"status"].toString(), QStringLiteral("succeeded"));
    QCOMPARE(body[u"progress"][u"done"].toInt(), 3);
    QCOMPARE(body[u"progress"][u"total"].toInt(), 3);
    QCOMPARE(body[u"result"][u"status_mismatch"].toInt(), 1);
    QVERIFY(body[u"error"].isNull());
    QCOMPARE(body[u"created_by"].toString(), QStringLiteral("usr_test"));
    QCOMPARE(body[u"created_at"].toString(), QString::fromStdString(formatRfc3339(job.createdAt)));
    QCOMPARE(body[u"started_at"].toString(), QString::fromStdString(formatRfc3339(*job.startedAt)));
    QCOMPARE(body[u"finished_at"].toString(),
             QString::fromStdString(formatRfc3339(*job.finishedAt)));

    // billing.read: owner, admin, finance; not support or viewer.
    for (const QString &role : {QStringLiteral("owner"), QStringLiteral("admin")})
        QCOMPARE(m_clients[role]->get(path).status, 200);
    for (const QString &role : {QStringLiteral("support"), QStringLiteral("viewer")}) {
        const ApiResponse denied = m_clients[role]->get(path);
        const QString mismatch = errorMismatch(denied,
                                               403,
                                               QStringLiteral("permission_error"),
                                               QStringLiteral("permission_denied"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(role + QStringLiteral(": ") + mismatch));
        QVERIFY(errorOf(denied)[u"message"].toString().contains(u"billing.read"));
    }

    // A tenant job is read with tenants.read: support may.
    const JobRecord move = insertJob("tenant.move", JobStatus::Failed);
    QCOMPARE(m_clients[QStringLiteral("support")]
                 ->get(QStringLiteral("/v1/jobs/") + QString::fromStdString(move.id))
                 .status,
             200);
}

void TestApiJobs::listsFilterAndPage()
{
    const JobRecord billing = insertJob("billing.reconcile", JobStatus::Succeeded);
    const JobRecord tenant = insertJob("tenant.move", JobStatus::Queued, now());
    const QString billingId = QString::fromStdString(billing.id);
    const QString tenantId = QString::fromStdString(tenant.id);

    // Support sees the tenant job, never a billing one; finance sees both.
    const ApiResponse support = m_clients[QStringLiteral("support")]->get(
        QStringLiteral("/v1/jobs?limit=100"));
    QCOMPARE(support.status, 200);
    QVERIFY(idsOf(support).contains(tenantId));
    QVERIFY(!idsOf(support).contains(billingId));
    for (const QString &type : idsOf(support, u"type"))
        QVERIFY2(type.startsWith(u"tenant."), qPrintable(type));
    const ApiResponse finance = m_clients[QStringLiteral("finance")]->get(
        QStringLiteral("/v1/jobs?limit=100"));
    QVERIFY(idsOf(finance).contains(tenantId));
    QVERIFY(idsOf(finance).contains(billingId));
    // Newest first.
    QVERIFY(idsOf(finance).indexOf(tenantId) < idsOf(finance).indexOf(billingId));

    // Asking support for billing jobs by type is refused outright.
    const ApiResponse byType = m_clients[QStringLiteral("support")]->get(
        QStringLiteral("/v1/jobs?type=billing.reconcile"));
    QCOMPARE(byType.status, 403);

    const ApiResponse queued = m_clients[QStringLiteral("owner")]->get(
        QStringLiteral("/v1/jobs?status=queued&limit=100"));
    QCOMPARE(queued.status, 200);
    QVERIFY(idsOf(queued).contains(tenantId));
    for (const QString &status : idsOf(queued, u"status"))
        QCOMPARE(status, QStringLiteral("queued"));
    const ApiResponse reconciles = m_clients[QStringLiteral("owner")]->get(
        QStringLiteral("/v1/jobs?type=billing.reconcile&limit=100"));
    QVERIFY(idsOf(reconciles).contains(billingId));
    QVERIFY(!idsOf(reconciles).contains(tenantId));

    const ApiResponse bad = m_clients[QStringLiteral("owner")]->get(
        QStringLiteral("/v1/jobs?status=done"));
    const QString mismatch = errorMismatch(bad,
                                           400,
                                           QStringLiteral("invalid_request_error"),
                                           QStringLiteral("parameter_invalid"),
                                           QStringLiteral("status"));
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));

    // Pages of one: the cursor moves through the list without repeating.
    const ApiResponse first = m_clients[QStringLiteral("owner")]->get(
        QStringLiteral("/v1/jobs?limit=1"));
    QCOMPARE(idsOf(first).size(), 1);
    QVERIFY(first.json()[u"has_more"].toBool());
    const ApiResponse second = m_clients[QStringLiteral("owner")]->get(
        QStringLiteral("/v1/jobs?limit=1&starting_after=") + idsOf(first).first());
    QCOMPARE(idsOf(second).size(), 1);
    QVERIFY(idsOf(second).first() != idsOf(first).first());
}

void TestApiJobs::listsTheJobsOfOneTenant()
{
    const JobRecord first = insertJob("tenant.move",
                                      JobStatus::Failed,
                                      now(),
                                      R"({"target":"silo","tenant_id":"ten_jobsfilter_a"})");
    const JobRecord other = insertJob("tenant.move",
                                      JobStatus::Queued,
                                      now(),
                                      R"({"target":"silo","tenant_id":"ten_jobsfilter_b"})");
    const JobRecord second = insertJob("tenant.move",
                                       JobStatus::Queued,
                                       now(),
                                       R"({"target":"pool","tenant_id":"ten_jobsfilter_a"})");
    insertJob("billing.reconcile", JobStatus::Succeeded);

    // Only that tenant's jobs, newest first, whoever may read tenant jobs asks.
    for (const QString &role : {QStringLiteral("owner"), QStringLiteral("support")}) {
        const ApiResponse mine = m_clients[role]->get(
            QStringLiteral("/v1/jobs?tenant_id=ten_jobsfilter_a&limit=100"));
        QCOMPARE(mine.status, 200);
        QCOMPARE(idsOf(mine),
                 QStringList({QString::fromStdString(second.id), QString::fromStdString(first.id)}));
    }
    // Combined with the other filters (AND), and paged.
    const ApiResponse failed = m_clients[QStringLiteral("owner")]->get(
        QStringLiteral("/v1/jobs?tenant_id=ten_jobsfilter_a&status=failed&type=tenant.move"));
    QCOMPARE(idsOf(failed), QStringList({QString::fromStdString(first.id)}));
    const ApiResponse newest = m_clients[QStringLiteral("owner")]->get(
        QStringLiteral("/v1/jobs?tenant_id=ten_jobsfilter_a&limit=1"));
    QCOMPARE(idsOf(newest), QStringList({QString::fromStdString(second.id)}));
    QVERIFY(newest.json()[u"has_more"].toBool());
    const ApiResponse older = m_clients[QStringLiteral("owner")]->get(
        QStringLiteral("/v1/jobs?tenant_id=ten_jobsfilter_a&limit=1&starting_after=")
        + QString::fromStdString(second.id));
    QCOMPARE(idsOf(older), QStringList({QString::fromStdString(first.id)}));
    QVERIFY(!older.json()[u"has_more"].toBool());
    const ApiResponse theOther = m_clients[QStringLiteral("owner")]->get(
        QStringLiteral("/v1/jobs?tenant_id=ten_jobsfilter_b"));
    QCOMPARE(idsOf(theOther), QStringList({QString::fromStdString(other.id)}));
    QCOMPARE(idsOf(m_clients[QStringLiteral("owner")]->get(
                 QStringLiteral("/v1/jobs?tenant_id=ten_nobody"))),
             QStringList());

    const ApiResponse empty = m_clients[QStringLiteral("owner")]->get(
        QStringLiteral("/v1/jobs?tenant_id="));
    const QString mismatch = errorMismatch(empty,
                                           400,
                                           QStringLiteral("invalid_request_error"),
                                           QStringLiteral("parameter_invalid"),
                                           QStringLiteral("tenant_id"));
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
}

void TestApiJobs::driftListAndItsPermissions()
{
    const JobRecord job = insertJob("billing.reconcile", JobStatus::Succeeded);
    const QString first = insertDrift(job.id);
    const QString second = insertDrift(job.id);
    const QString other = insertDrift(insertJob("billing.reconcile", JobStatus::Succeeded).id);
    const QString path = QStringLiteral("/v1/billing/drift?job_id=")
                         + QString::fromStdString(job.id);

    const ApiResponse list = m_clients[QStringLiteral("finance")]->get(path);
    QVERIFY2(list.status == 200, qPrintable(bodyOf(list)));
    QCOMPARE(idsOf(list), (QStringList{first, second})); // in the order found
    const QJsonObject row = list.json()[u"data"].toArray().first().toObject();
    QCOMPARE(row[u"object"].toString(), QStringLiteral("billing_drift"));
    QCOMPARE(row[u"kind"].toString(), QStringLiteral("missing_at_provider"));
    QCOMPARE(row[u"job_id"].toString(), QString::fromStdString(job.id));
    QCOMPARE(row[u"stripe_subscription_id"].toString(), QStringLiteral("sub_nowhere"));
    QCOMPARE(row[u"local"][u"status"].toString(), QStringLiteral("active"));
    QVERIFY(row[u"provider"].isNull());
    QVERIFY(row[u"applied_at"].isNull());
    QVERIFY(row[u"applied_by"].isNull());
    QVERIFY(!idsOf(list).contains(other));

    QCOMPARE(m_clients[QStringLiteral("support")]->get(path).status, 403);
    QCOMPARE(m_clients[QStringLiteral("viewer")]->get(path).status, 403);

    // Applying needs billing.write: finance may read drift but not apply it.
    const ApiResponse finance = m_clients[QStringLiteral("finance")]->post(
        QStringLiteral("/v1/billing/drift/") + first + QStringLiteral("/apply"), {});
    QCOMPARE(finance.status, 403);
    const ApiResponse unknown = m_clients[QStringLiteral("owner")]->post(
        QStringLiteral("/v1/billing/drift/drf_doesnotexist/apply"), {});
    QCOMPARE(unknown.status, 404);
}

void TestApiJobs::reconcileWithoutAProvider()
{
    // A server of its own with --billing none; insertJob and insertDrift write to its store
    // while this test runs.
    TenantrydProcess server(
        QStringList{QStringLiteral("--demo"), QStringLiteral("--billing"), QStringLiteral("none")});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    std::unique_ptr<Store> store = openStore(server.dataDir());
    QVERIFY(store);
    std::swap(m_store, store);
    struct SwapBack
    {
        std::unique_ptr<Store> &a;
        std::unique_ptr<Store> &b;
        ~SwapBack() { std::swap(a, b); }
    } swapBack{m_store, store};
    std::map<QString, std::unique_ptr<ApiClient>> clients;
    for (const QString &role :
         {QStringLiteral("owner"), QStringLiteral("finance"), QStringLiteral("support")}) {
        clients[role] = std::make_unique<ApiClient>(server.baseUrl());
        QVERIFY(clients[role]->signIn(role + QStringLiteral("@demo.tenantry.dev"),
                                      server.demoPassword(role)));
    }
    QCOMPARE(clients[QStringLiteral("owner")]
                 ->get(QStringLiteral("/v1/billing"))
                 .json()[u"provider"]
                 .toString(),
             QStringLiteral("none"));

    const ApiResponse refused = clients[QStringLiteral("owner")]->post(QStringLiteral(
                                                                           "/v1/billing/reconcile"),
                                                                       {});
    const QString mismatch = errorMismatch(refused,
                                           409,
                                           QStringLiteral("invalid_request_error"),
                                           QStringLiteral("billing_provider_unavailable"));
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    // Nothing was queued.
    const ApiResponse jobs = clients[QStringLiteral("owner")]->get(
        QStringLiteral("/v1/jobs?status=queued&type=billing.reconcile"));
    QVERIFY(idsOf(jobs).isEmpty());

    // Permission first: finance (billing.read only) and support are refused either way.
    QCOMPARE(
        clients[QStringLiteral("finance")]->post(QStringLiteral("/v1/billing/reconcile"), {}).status,
        403);
    QCOMPARE(
        clients[QStringLiteral("support")]->post(QStringLiteral("/v1/billing/reconcile"), {}).status,
        403);

    const JobRecord job = insertJob("billing.reconcile", JobStatus::Succeeded);
    const QString drift = insertDrift(job.id);
    const ApiResponse apply = clients[QStringLiteral("owner")]->post(
        QStringLiteral("/v1/billing/drift/") + drift + QStringLiteral("/apply"), {});
    QCOMPARE(apply.status, 409);
    QCOMPARE(apply.errorCode(), QStringLiteral("billing_provider_unavailable"));

    // The command line says so too, with exit status 2.
    QProcess cli;
    cli.start(TenantrydProcess::binary(),
              QStringList{QStringLiteral("billing"),
                          QStringLiteral("reconcile"),
                          QStringLiteral("--billing"),
                          QStringLiteral("none"),
                          QStringLiteral("--data-dir"),
                          server.dataDir()}
                  + TenantrydProcess::storeArguments(server.dataDir()));
    QVERIFY(cli.waitForFinished(60'000));
    QCOMPARE(cli.exitCode(), 2);
    const QString err = QString::fromUtf8(cli.readAllStandardError());
    QVERIFY2(err.contains(u"no billing provider configured"), qPrintable(err));
    QVERIFY(cli.readAllStandardOutput().isEmpty());
}

void TestApiJobs::commandLineReconcile()
{
    // tenantryd billing reconcile on the running server's store.
    QProcess cli;
    cli.start(TenantrydProcess::binary(),
              QStringList{QStringLiteral("billing"),
                          QStringLiteral("reconcile"),
                          QStringLiteral("--data-dir"),
                          m_server->dataDir()}
                  + TenantrydProcess::storeArguments(m_server->dataDir()));
    QVERIFY(cli.waitForFinished(60'000));
    const QString out = QString::fromUtf8(cli.readAllStandardOutput());
    const QString err = QString::fromUtf8(cli.readAllStandardError());
    // 0: no drift, 1: drift, one line per row.
    QVERIFY2(cli.exitCode() == 0 || cli.exitCode() == 1, qPrintable(err));
    const QStringList lines = out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(cli.exitCode() == 1, !lines.isEmpty());
    for (const QString &line : lines)
        QVERIFY2(line.startsWith(u"drf_") && line.count(u'\t') == 4, qPrintable(line));
}

void TestApiJobs::restartAfterKill()
{
    m_store.reset();
    m_killed.push_back(std::move(m_server));
    m_server = std::make_unique<TenantrydProcess>(QStringList{QStringLiteral("--rate-limit"),
                                                              QStringLiteral("100000"),
                                                              QStringLiteral("--rate-burst"),
                                                              QStringLiteral("100000")},
                                                  m_killed.front()->dataDir());
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_store = openStore(m_server->dataDir());
    QVERIFY(m_store);
    signIn();
}

QJsonObject TestApiJobs::waitUntilEnded(const QString &jobId, int timeoutMs)
{
    ApiClient &owner = *m_clients[QStringLiteral("owner")];
    QJsonObject body;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        body = owner.get(QStringLiteral("/v1/jobs/") + jobId).json();
        const QString status = body[u"status"].toString();
        if (status == u"succeeded" || status == u"failed" || status == u"canceled")
            break;
        QTest::qWait(100);
    }
    return body;
}

void TestApiJobs::aJobLeftRunningByKillNineRunsAfterRestart()
{
    // The server dies (kill -9) while running a reconciliation: the job stays running in the
    // store, its heartbeat stopped (here ten minutes ago), as the dead server left it.
    m_server->kill();
    const JobRecord job = insertJob("billing.reconcile", JobStatus::Running, now() - 10min);
    restartAfterKill();

    // Taken up again and run to its end: without a provider it fails with a clear error, with
    // one it succeeds; it never stays running.
    const QJsonObject body = waitUntilEnded(QString::fromStdString(job.id), 30000);
    QVERIFY2(body[u"status"].toString() == u"succeeded" || body[u"status"].toString() == u"failed",
             QJsonDocument(body).toJson().constData());
    QVERIFY(QDateTime::fromString(body[u"started_at"].toString(), Qt::ISODate)
            > QDateTime::fromString(QString::fromStdString(formatRfc3339(*job.startedAt)),
                                    Qt::ISODate));
    QVERIFY(!body[u"finished_at"].isNull());
    if (provider() == u"none") {
        QCOMPARE(body[u"status"].toString(), QStringLiteral("failed"));
        QVERIFY2(body[u"error"].toString().contains(u"No billing provider"),
                 qPrintable(body[u"error"].toString()));
    }
}

void TestApiJobs::reconcileKilledMidwayEndsAfterRestart()
{
    if (provider() == u"none")
        QSKIP("no billing provider on this server (GET /v1/billing answers none or 404)");
    // Killed right after queueing: the job is queued, running (its heartbeat stops) or done;
    // in every case it ends after the restart, within the 20 s that make a heartbeat stale.
    const ApiResponse started = m_clients[QStringLiteral("owner")]
                                    ->post(QStringLiteral("/v1/billing/reconcile"), {});
    QVERIFY2(started.status == 202, qPrintable(bodyOf(started)));
    const QString id = started.json()[u"id"].toString();
    m_server->kill();
    restartAfterKill();
    const QJsonObject body = waitUntilEnded(id, 60000);
    QVERIFY2(body[u"status"].toString() == u"succeeded", QJsonDocument(body).toJson().constData());
    QCOMPARE(body[u"progress"][u"done"].toInt(), body[u"progress"][u"total"].toInt());
    const ApiResponse drift = m_clients[QStringLiteral("owner")]->get(
        QStringLiteral("/v1/billing/drift?limit=100&job_id=") + id);
    QCOMPARE(idsOf(drift).size(), std::min(body[u"result"][u"total"].toInt(), 100));
}

void TestApiJobs::reconcileFlowWithAProvider()
{
    const QString name = provider();
    if (name == u"none")
        QSKIP("no billing provider on this server (GET /v1/billing answers none or 404)");
    ApiClient &owner = *m_clients[QStringLiteral("owner")];
    const ApiResponse started = owner.post(QStringLiteral("/v1/billing/reconcile"),
                                           {},
                                           "reconcile-flow-1");
    QVERIFY2(started.status == 202, qPrintable(bodyOf(started)));
    const QString id = started.json()[u"id"].toString();
    QVERIFY(id.startsWith(u"job_"));
    QCOMPARE(started.json()[u"type"].toString(), QStringLiteral("billing.reconcile"));
    QCOMPARE(QString::fromUtf8(started.header("Location")), QStringLiteral("/v1/jobs/") + id);
    // The same key again is the same job, not a second one.
    const ApiResponse replay = owner.post(QStringLiteral("/v1/billing/reconcile"),
                                          {},
                                          "reconcile-flow-1");
    QCOMPARE(replay.json()[u"id"].toString(), id);

    QJsonObject job;
    QTRY_VERIFY_WITH_TIMEOUT((job = owner.get(QStringLiteral("/v1/jobs/") + id).json(),
                              job[u"status"].toString() == u"succeeded"
                                  || job[u"status"].toString() == u"failed"),
                             60000);
    QVERIFY2(job[u"status"].toString() == u"succeeded", qPrintable(job[u"error"].toString()));
    QCOMPARE(job[u"progress"][u"done"].toInt(), job[u"progress"][u"total"].toInt());
    const QJsonObject result = job[u"result"].toObject();
    int total = 0;
    for (const char16_t *kind : {u"missing_locally",
                                 u"missing_at_provider",
                                 u"status_mismatch",
                                 u"price_mismatch",
                                 u"quantity_mismatch"}) {
        QVERIFY2(result.contains(QStringView(kind)), qPrintable(QString::fromUtf16(kind)));
        total += result[QStringView(kind)].toInt();
    }
    QCOMPARE(result[u"total"].toInt(), total);

    const ApiResponse drift = owner.get(QStringLiteral("/v1/billing/drift?limit=100&job_id=") + id);
    QCOMPARE(drift.status, 200);
    QCOMPARE(idsOf(drift).size(), std::min(total, 100));
    // Apply the first row that can be applied; a second apply of it is refused.
    for (const QString &row : idsOf(drift)) {
        const ApiResponse applied = owner.post(QStringLiteral("/v1/billing/drift/") + row
                                                   + QStringLiteral("/apply"),
                                               {});
        if (applied.status == 409)
            continue; // unmapped price or customer: staff must link it first
        QVERIFY2(applied.status == 200, qPrintable(bodyOf(applied)));
        QVERIFY(!applied.json()[u"applied_at"].isNull());
        const ApiResponse again = owner.post(QStringLiteral("/v1/billing/drift/") + row
                                                 + QStringLiteral("/apply"),
                                             {});
        QCOMPARE(again.status, 409);
        QCOMPARE(again.errorCode(), QStringLiteral("already_applied"));
        break;
    }
}

QTEST_GUILESS_MAIN(TestApiJobs)
#include "testapijobs.moc"
