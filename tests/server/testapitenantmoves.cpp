// Tenant placement and moves between the pool and a silo through the API of a real tenantryd
// (docs/tenancy.md, "Silo and hybrid"): the placement in the tenant JSON, PATCH refusing to
// change it, and POST /v1/tenants/{id}/move. On SQLite a move is refused (409
// moves_need_postgresql); on PostgreSQL (testapitenantmoves_postgres): pool -> silo -> pool with
// rows in every tenant-scoped table (counts and checksums per table, the tenant's API reads the
// same before and after, the rows where the placement says), writes during a move refused with
// 503 + Retry-After and landing once retried, isolation of a siloed tenant's rows from another
// tenant's session, and kill -9 in the middle of a move: the tenant is readable after the
// restart, the move resumes to its end, and another one rolls back.
//
// The server runs with --move-step-delay-ms (a pause after each step of a move) so that the
// test can act while a move is in progress, and --job-stale-after-ms 6000 so that a move a
// killed server left running is taken up again within seconds of the restart (not less: on a
// loaded machine a live move's heartbeat, every quarter of that, must not look stale).

#include "server/store/postgres/postgresconnection.h"
#include "server/store/postgres/postgresstore.h"
#include "tests/server/support/apiassertions.h"
#include "tests/server/support/apiclient.h"
#include "tests/server/support/tenantrydprocess.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QThread>
#include <QtTest>

#include <memory>
#include <vector>

using namespace Tenantry;
using namespace Tenantry::Server;
using namespace Tenantry::TestSupport;

namespace {

QStringList serverArguments(int stepDelayMs)
{
    return {QStringLiteral("--rate-limit"),
            QStringLiteral("100000"),
            QStringLiteral("--rate-burst"),
            QStringLiteral("100000"),
            QStringLiteral("--move-step-delay-ms"),
            QString::number(stepDelayMs),
            QStringLiteral("--job-stale-after-ms"),
            QStringLiteral("6000")};
}

QString argumentAfter(const QStringList &arguments, const QString &flag)
{
    return arguments.value(arguments.indexOf(flag) + 1);
}

const QStringList kTables = {QStringLiteral("tenant_notes"),
                             QStringLiteral("feature_overrides"),
                             QStringLiteral("tenant_users"),
                             QStringLiteral("tenant_api_keys"),
                             QStringLiteral("subscriptions"),
                             QStringLiteral("mrr_events"),
                             QStringLiteral("invoices"),
                             QStringLiteral("audit_events")};

} // namespace

class TestApiTenantMoves : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void placementIsShownAndPatchCannotChangeIt();
    void moveNeedsPostgresOnSqlite();
    void moveValidatesItsRequest();
    void poolToSiloToPoolKeepsEveryRow();
    void writesDuringAMoveAreRefusedThenLand();
    void siloedRowsStayInvisibleToOtherTenants();
    void killDuringAMoveThenResume();
    void killDuringAMoveThenRollBack();

private:
    void startServer(int stepDelayMs, const QString &dataDir = {});
    void killAndRestart(int stepDelayMs);
    // A tenant from the demo data with invoices (so subscriptions, MRR events and invoices),
    // given a note, a feature override, an end user and an API key.
    QString tenantWithRowsEverywhere();
    // Everything the API shows of a tenant's data (staff reads and its API key's), in one text.
    QByteArray readsOf(const QString &tenantId);
    QJsonObject startMove(const QString &tenantId, const QString &target);
    // Polls GET /v1/jobs/{id} until `done` holds for it (or 60 s pass); its last state.
    template<typename Done>
    QJsonObject waitForJob(const QString &jobId, Done done);
    QJsonObject waitUntilEnded(const QString &jobId);
    // SQL as the schema owner in the staff scope (PostgreSQL only).
    PostgresResult sql(const std::string &statement, const std::vector<PostgresValue> &values = {});
    std::int64_t rowsOf(const QString &relation, const QString &tenantId);
    bool schemaExists(const QString &name);
    QString siloOf(const QString &tenantId) const
    {
        return QStringLiteral("tenant_") + tenantId.toLower();
    }

    std::vector<std::unique_ptr<TenantrydProcess>> m_killed; // the first owns the data folder
    std::unique_ptr<TenantrydProcess> m_server;
    std::unique_ptr<ApiClient> m_owner;
    std::unique_ptr<ApiClient> m_support;
    std::unique_ptr<PostgresConnection> m_sql;
    QString m_demoOwnerPassword;
    QString m_demoSupportPassword;
    QString m_tenantKey; // secret of the API key of tenantWithRowsEverywhere()
    int m_keys = 0;
};

void TestApiTenantMoves::startServer(int stepDelayMs, const QString &dataDir)
{
    QStringList arguments = serverArguments(stepDelayMs);
    if (dataDir.isEmpty())
        arguments << QStringLiteral("--demo");
    m_server = std::make_unique<TenantrydProcess>(arguments, dataDir);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    if (dataDir.isEmpty()) {
        m_demoOwnerPassword = m_server->demoPassword(QStringLiteral("owner"));
        m_demoSupportPassword = m_server->demoPassword(QStringLiteral("support"));
    }
    m_owner = std::make_unique<ApiClient>(m_server->baseUrl());
    QVERIFY(m_owner->signIn(QStringLiteral("owner@demo.tenantry.dev"), m_demoOwnerPassword));
    m_support = std::make_unique<ApiClient>(m_server->baseUrl());
    QVERIFY(m_support->signIn(QStringLiteral("support@demo.tenantry.dev"), m_demoSupportPassword));
}

void TestApiTenantMoves::killAndRestart(int stepDelayMs)
{
    m_server->kill();
    const QString dataDir = m_killed.empty() ? m_server->dataDir() : m_killed.front()->dataDir();
    m_killed.push_back(std::move(m_server));
    startServer(stepDelayMs, dataDir);
}

void TestApiTenantMoves::initTestCase()
{
    startServer(150);
    if (TenantrydProcess::usesPostgres()) {
        const QStringList store = TenantrydProcess::storeArguments(m_server->dataDir());
        Result<std::unique_ptr<PostgresConnection>> owner = PostgresConnection::open(
            argumentAfter(store, QStringLiteral("--database-owner")).toStdString());
        QVERIFY(owner);
        m_sql = std::move(owner).value();
        QVERIFY(m_sql->run("SELECT set_config('app.scope', 'staff', false)"));
    }
}

PostgresResult TestApiTenantMoves::sql(const std::string &statement,
                                       const std::vector<PostgresValue> &values)
{
    Result<PostgresResult> result = m_sql->execute(statement, values);
    if (!result)
        qFatal("%s: %s", statement.c_str(), result.error().message.c_str());
    return std::move(result).value();
}

std::int64_t TestApiTenantMoves::rowsOf(const QString &relation, const QString &tenantId)
{
    return sql("SELECT count(*) FROM " + relation.toStdString() + " WHERE tenant_id = $1",
               {tenantId.toStdString()})
        .integer(0, 0);
}

bool TestApiTenantMoves::schemaExists(const QString &name)
{
    return sql("SELECT count(*) FROM pg_namespace WHERE nspname = $1", {name.toStdString()})
               .integer(0, 0)
           == 1;
}

QString TestApiTenantMoves::tenantWithRowsEverywhere()
{
    // The tenant of the newest invoice has a subscription, MRR events and invoices.
    const ApiResponse invoices = m_owner->get(QStringLiteral("/v1/invoices?limit=1"));
    const QString tenantId = invoices.json()[u"data"].toArray().at(0)[u"tenant_id"].toString();
    if (tenantId.isEmpty()) {
        QTest::qFail(qPrintable(bodyOf(invoices)), __FILE__, __LINE__);
        return {};
    }
    const QString base = QStringLiteral("/v1/tenants/") + tenantId;
    const QString n = QString::number(++m_keys);
    const QString email = QStringLiteral("mover") + n + QStringLiteral("@example.com");
    const std::vector<std::pair<QString, QJsonObject>> writes = {
        {QStringLiteral("/notes"),
         {{QStringLiteral("body"), QString(QStringLiteral("before ") + n)}}},
        {QStringLiteral("/feature-overrides"),
         {{QStringLiteral("feature_key"), QStringLiteral("sso")},
          {QStringLiteral("enabled"), true},
          {QStringLiteral("reason"), QStringLiteral("contract")}}},
        {QStringLiteral("/users"),
         {{QStringLiteral("email"), email}, {QStringLiteral("name"), QStringLiteral("Mover")}}}};
    for (const auto &[path, body] : writes) {
        const ApiResponse created = m_owner->post(base + path, body);
        if (created.status != 201 && created.status != 200) {
            QTest::qFail(qPrintable(path + QLatin1Char(' ') + bodyOf(created)), __FILE__, __LINE__);
            return {};
        }
    }
    const ApiResponse key = m_owner->post(base + QStringLiteral("/api-keys"),
                                          {{QStringLiteral("name"), QStringLiteral("app")}});
    if (key.status != 201) {
        QTest::qFail(qPrintable(bodyOf(key)), __FILE__, __LINE__);
        return {};
    }
    m_tenantKey = key.json()[u"secret"].toString();
    return tenantId;
}

QByteArray TestApiTenantMoves::readsOf(const QString &tenantId)
{
    QByteArray all;
    const QString base = QStringLiteral("/v1/tenants/") + tenantId;
    ApiClient tenantApp(m_server->baseUrl());
    tenantApp.setToken(m_tenantKey);
    const QString staff[] = {
        QString(base + QStringLiteral("/notes?limit=100")),
        QString(base + QStringLiteral("/feature-overrides")),
        QString(base + QStringLiteral("/users?limit=100")),
        QString(base + QStringLiteral("/api-keys?limit=100")),
        QString(base + QStringLiteral("/entitlements")),
        QString(QStringLiteral("/v1/subscriptions?limit=100&tenant_id=") + tenantId),
        QString(QStringLiteral("/v1/invoices?limit=100&tenant_id=") + tenantId),
        QString(QStringLiteral("/v1/metrics/events?limit=1000&tenant_id=") + tenantId),
        QString(QStringLiteral("/v1/audit-events?limit=100&target=") + tenantId)};
    std::vector<std::pair<ApiClient *, QString>> reads;
    for (const QString &path : staff)
        reads.emplace_back(m_owner.get(), path);
    reads.emplace_back(&tenantApp, QStringLiteral("/v1/tenant/subscription"));
    reads.emplace_back(&tenantApp, QStringLiteral("/v1/tenant/entitlements"));
    for (const auto &[client, path] : reads) {
        const ApiResponse read = client->get(path);
        if (read.status != 200)
            QTest::qFail(qPrintable(path + QLatin1Char(' ') + bodyOf(read)
                                    + QStringLiteral("\nserver: ") + m_server->state()
                                    + QStringLiteral("; its standard error ends with:\n")
                                    + QString::fromUtf8(m_server->standardError().right(4000))),
                         __FILE__,
                         __LINE__);
        all += path.toUtf8() + '\n' + read.body + '\n';
    }
    return all;
}

QJsonObject TestApiTenantMoves::startMove(const QString &tenantId, const QString &target)
{
    const ApiResponse started = m_owner->post(QStringLiteral("/v1/tenants/") + tenantId
                                                  + QStringLiteral("/move"),
                                              {{QStringLiteral("target"), target}});
    if (started.status != 202) {
        QTest::qFail(qPrintable(bodyOf(started)), __FILE__, __LINE__);
        return {};
    }
    return started.json();
}

template<typename Done>
QJsonObject TestApiTenantMoves::waitForJob(const QString &jobId, Done done)
{
    QJsonObject body;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 60000) {
        body = m_owner->get(QStringLiteral("/v1/jobs/") + jobId).json();
        if (done(body))
            return body;
        QThread::msleep(50);
    }
    QTest::qFail(QJsonDocument(body).toJson().constData(), __FILE__, __LINE__);
    return body;
}

QJsonObject TestApiTenantMoves::waitUntilEnded(const QString &jobId)
{
    return waitForJob(jobId, [](const QJsonObject &job) {
        const QString status = job[u"status"].toString();
        return status == u"succeeded" || status == u"failed" || status == u"canceled";
    });
}

void TestApiTenantMoves::placementIsShownAndPatchCannotChangeIt()
{
    const ApiResponse list = m_owner->get(QStringLiteral("/v1/tenants?limit=1&isolation=pool"));
    QCOMPARE(list.status, 200);
    const QJsonObject tenant = list.json()[u"data"].toArray().at(0).toObject();
    QCOMPARE(tenant[u"isolation"].toString(), QStringLiteral("pool"));
    const QString path = QStringLiteral("/v1/tenants/") + tenant[u"id"].toString();
    const QByteArray version = '"' + QByteArray::number(tenant[u"version"].toInteger()) + '"';

    const ApiResponse patched = m_owner->patch(path,
                                               {{QStringLiteral("isolation"),
                                                 QStringLiteral("silo")}},
                                               version);
    QCOMPARE(patched.status, 409);
    QCOMPARE(patched.errorCode(), QStringLiteral("placement_change_requires_move"));
    QVERIFY(
        patched.json()[u"error"][u"message"].toString().contains(path + QStringLiteral("/move")));
    // Naming the placement it has is no change.
    QCOMPARE(m_owner->patch(path, {{QStringLiteral("isolation"), QStringLiteral("pool")}}, version)
                 .status,
             200);
    // "hybrid" is a deployment, not a placement; a tenant starts in the pool.
    QCOMPARE(m_owner->patch(path, {{QStringLiteral("isolation"), QStringLiteral("hybrid")}}, version)
                 .status,
             422);
    QCOMPARE(m_owner->get(QStringLiteral("/v1/tenants?isolation=hybrid")).status, 400);
    const ApiResponse created = m_owner->post(QStringLiteral("/v1/tenants"),
                                              {{QStringLiteral("name"), QStringLiteral("Siloed")},
                                               {QStringLiteral("region"), QStringLiteral("eu")},
                                               {QStringLiteral("isolation"),
                                                QStringLiteral("silo")}});
    QCOMPARE(created.status, 422);
    QCOMPARE(created.json()[u"error"][u"param"].toString(), QStringLiteral("isolation"));
}

void TestApiTenantMoves::moveNeedsPostgresOnSqlite()
{
    if (TenantrydProcess::usesPostgres())
        QSKIP("PostgreSQL moves tenants");
    const QString tenantId = m_owner->get(QStringLiteral("/v1/tenants?limit=1"))
                                 .json()[u"data"]
                                 .toArray()
                                 .at(0)[u"id"]
                                 .toString();
    const ApiResponse refused = m_owner->post(QStringLiteral("/v1/tenants/") + tenantId
                                                  + QStringLiteral("/move"),
                                              {{QStringLiteral("target"), QStringLiteral("silo")}});
    QCOMPARE(refused.status, 409);
    QCOMPARE(refused.errorCode(), QStringLiteral("moves_need_postgresql"));
    QCOMPARE(m_owner->post(QStringLiteral("/v1/jobs/job_x/resume"), {}).errorCode(),
             QStringLiteral("moves_need_postgresql"));
}

void TestApiTenantMoves::moveValidatesItsRequest()
{
    const QString tenantId = m_owner->get(QStringLiteral("/v1/tenants?limit=1"))
                                 .json()[u"data"]
                                 .toArray()
                                 .at(0)[u"id"]
                                 .toString();
    const QString path = QStringLiteral("/v1/tenants/") + tenantId + QStringLiteral("/move");
    // Support staff may not move tenants (tenants.delete: owners and admins).
    QCOMPARE(m_support->post(path, {{QStringLiteral("target"), QStringLiteral("silo")}}).status,
             403);
    for (const QJsonObject &body :
         {QJsonObject{},
          QJsonObject{{QStringLiteral("target"), QStringLiteral("hybrid")}},
          QJsonObject{{QStringLiteral("target"), 1}}}) {
        const ApiResponse refused = m_owner->post(path, body);
        QCOMPARE(refused.status, 422);
        QCOMPARE(refused.json()[u"error"][u"param"].toString(), QStringLiteral("target"));
    }
    // Without an Idempotency-Key, like every POST.
    QCOMPARE(m_owner
                 ->request("POST",
                           path,
                           QJsonDocument(
                               QJsonObject{{QStringLiteral("target"), QStringLiteral("silo")}})
                               .toJson(),
                           {})
                 .errorCode(),
             QStringLiteral("idempotency_key_required"));
    QCOMPARE(m_owner
                 ->post(QStringLiteral("/v1/tenants/ten_missing/move"),
                        {{QStringLiteral("target"), QStringLiteral("silo")}})
                 .status,
             TenantrydProcess::usesPostgres() ? 404 : 409);
    if (TenantrydProcess::usesPostgres()) {
        const ApiResponse there = m_owner->post(path,
                                                {{QStringLiteral("target"),
                                                  QStringLiteral("pool")}});
        QCOMPARE(there.status, 409);
        QCOMPARE(there.errorCode(), QStringLiteral("already_placed"));
    }
}

void TestApiTenantMoves::poolToSiloToPoolKeepsEveryRow()
{
    if (!TenantrydProcess::usesPostgres())
        QSKIP("silos need PostgreSQL");
    const QString tenantId = tenantWithRowsEverywhere();
    QVERIFY(!tenantId.isEmpty());
    std::map<QString, std::int64_t> before;
    for (const QString &table : kTables) {
        before[table] = rowsOf(QStringLiteral("ONLY public.") + table, tenantId);
        QVERIFY2(before[table] > 0, qPrintable(table));
    }
    const QByteArray readsBefore = readsOf(tenantId);

    // pool -> silo
    const QJsonObject started = startMove(tenantId, QStringLiteral("silo"));
    QCOMPARE(started[u"type"].toString(), QStringLiteral("tenant.move"));
    QCOMPARE(started[u"params"][u"tenant_id"].toString(), tenantId);
    QCOMPARE(started[u"params"][u"target"].toString(), QStringLiteral("silo"));
    const QString jobId = started[u"id"].toString();
    const QJsonObject toSilo = waitUntilEnded(jobId);
    QVERIFY2(toSilo[u"status"].toString() == u"succeeded",
             QJsonDocument(toSilo).toJson().constData());
    QCOMPARE(toSilo[u"progress"][u"done"].toInt(), 2 * int(kTables.size()) + 2);
    QCOMPARE(toSilo[u"progress"][u"total"].toInt(), 2 * int(kTables.size()) + 2);
    const QJsonObject result = toSilo[u"result"].toObject();
    QCOMPARE(result[u"source"].toString(), QStringLiteral("pool"));
    QCOMPARE(result[u"target"].toString(), QStringLiteral("silo"));
    const QJsonArray checks = result[u"tables"].toArray();
    QCOMPARE(checks.size(), kTables.size());
    std::map<QString, QString> checksums;
    for (const QJsonValue &check : checks) {
        const QString table = check[u"table"].toString();
        QCOMPARE(check[u"rows"].toInteger(), before[table]);
        QCOMPARE(check[u"checksum"].toString().size(), 32);
        checksums[table] = check[u"checksum"].toString();
        // Where the placement says: all in the silo, none left in the pool table; staff reads
        // of the pool table still see them (inheritance).
        QCOMPARE(rowsOf(siloOf(tenantId) + QLatin1Char('.') + table, tenantId), before[table]);
        QCOMPARE(rowsOf(QStringLiteral("ONLY public.") + table, tenantId), 0);
        QCOMPARE(rowsOf(QStringLiteral("public.") + table, tenantId), before[table]);
    }
    const ApiResponse tenant = m_owner->get(QStringLiteral("/v1/tenants/") + tenantId);
    QCOMPARE(tenant.json()[u"isolation"].toString(), QStringLiteral("silo"));
    QCOMPARE(m_owner->get(QStringLiteral("/v1/tenants?limit=100&isolation=silo")).status, 200);
    QVERIFY(idsOf(m_owner->get(QStringLiteral("/v1/tenants?limit=100&isolation=silo")))
                .contains(tenantId));
    QCOMPARE(readsOf(tenantId), readsBefore);

    // Writes after the switch land in the silo (a staff insert is routed there).
    const ApiResponse note = m_owner->post(QStringLiteral("/v1/tenants/") + tenantId
                                               + QStringLiteral("/notes"),
                                           {{QStringLiteral("body"),
                                             QStringLiteral("in the silo")}});
    QCOMPARE(note.status, 201);
    QCOMPARE(rowsOf(siloOf(tenantId) + QStringLiteral(".tenant_notes"), tenantId),
             before[QStringLiteral("tenant_notes")] + 1);
    QCOMPARE(rowsOf(QStringLiteral("ONLY public.tenant_notes"), tenantId), 0);
    const QByteArray readsInSilo = readsOf(tenantId);

    // silo -> pool
    const QJsonObject back = waitUntilEnded(
        startMove(tenantId, QStringLiteral("pool"))[u"id"].toString());
    QVERIFY2(back[u"status"].toString() == u"succeeded", QJsonDocument(back).toJson().constData());
    for (const QJsonValue &check : back[u"result"][u"tables"].toArray()) {
        const QString table = check[u"table"].toString();
        const std::int64_t expected = before[table] + (table == u"tenant_notes" ? 1 : 0)
                                      + (table == u"audit_events" ? 1 : 0);
        QCOMPARE(check[u"rows"].toInteger(), expected);
        QCOMPARE(rowsOf(QStringLiteral("ONLY public.") + table, tenantId), expected);
        if (table != u"tenant_notes" && table != u"audit_events")
            QCOMPARE(check[u"checksum"].toString(), checksums[table]);
    }
    QVERIFY(!schemaExists(siloOf(tenantId)));
    QVERIFY(!schemaExists(siloOf(tenantId) + QStringLiteral("_move")));
    QCOMPARE(m_owner->get(QStringLiteral("/v1/tenants/") + tenantId).json()[u"isolation"].toString(),
             QStringLiteral("pool"));
    QCOMPARE(readsOf(tenantId), readsInSilo);
    QCOMPARE(sql("SELECT count(*) FROM tenant_moves").integer(0, 0), 0);
}

void TestApiTenantMoves::writesDuringAMoveAreRefusedThenLand()
{
    if (!TenantrydProcess::usesPostgres())
        QSKIP("silos need PostgreSQL");
    const QString tenantId = tenantWithRowsEverywhere();
    const QString notes = QStringLiteral("/v1/tenants/") + tenantId + QStringLiteral("/notes");
    const QByteArray notesBefore = m_owner->get(notes + QStringLiteral("?limit=100")).body;
    const QString jobId = startMove(tenantId, QStringLiteral("silo"))[u"id"].toString();
    // Once the move shows progress, it has recorded itself and writes are paused. (A job still
    // queued has not: the runner may take a while to pick it up on a busy machine.)
    waitForJob(jobId, [](const QJsonObject &job) {
        const QString status = job[u"status"].toString();
        return job[u"progress"][u"done"].toInt() >= 1
               || (status != u"running" && status != u"queued");
    });
    // One move of a tenant at a time.
    const ApiResponse second = m_owner->post(QStringLiteral("/v1/tenants/") + tenantId
                                                 + QStringLiteral("/move"),
                                             {{QStringLiteral("target"), QStringLiteral("silo")}});
    QCOMPARE(second.status, 409);
    QCOMPARE(second.errorCode(), QStringLiteral("move_in_progress"));
    QVERIFY(second.json()[u"error"][u"message"].toString().contains(jobId));
    const QJsonObject body{{QStringLiteral("body"), QStringLiteral("written during the move")}};
    const ApiResponse refused = m_owner->post(notes, body, "write-during-move-1");
    QCOMPARE(refused.status, 503);
    QCOMPARE(refused.errorCode(), QStringLiteral("tenant_moving"));
    QCOMPARE(refused.json()[u"error"][u"type"].toString(), QStringLiteral("api_error"));
    QVERIFY(refused.header("Retry-After").toInt() >= 1);
    // Other writes to the tenant too (a PATCH of the tenant, a new end user).
    const ApiResponse tenant = m_owner->get(QStringLiteral("/v1/tenants/") + tenantId);
    QCOMPARE(m_owner
                 ->patch(QStringLiteral("/v1/tenants/") + tenantId,
                         {{QStringLiteral("name"), QStringLiteral("Renamed while moving")}},
                         '"' + QByteArray::number(tenant.json()[u"version"].toInteger()) + '"')
                 .errorCode(),
             QStringLiteral("tenant_moving"));
    // Reads go on from the old placement.
    QCOMPARE(m_owner->get(notes + QStringLiteral("?limit=100")).body, notesBefore);
    QCOMPARE(m_owner->get(QStringLiteral("/v1/subscriptions?tenant_id=") + tenantId).status, 200);

    // The client retries after Retry-After with the same key until its write lands.
    ApiResponse landed;
    QElapsedTimer timer;
    timer.start();
    int attempts = 1;
    while (timer.elapsed() < 60000) {
        QThread::msleep(static_cast<unsigned long>(refused.header("Retry-After").toInt() * 1000));
        landed = m_owner->post(notes, body, "write-during-move-1");
        ++attempts;
        if (landed.status != 503)
            break;
    }
    QCOMPARE(landed.status, 201);
    QVERIFY(attempts >= 2);
    const QJsonObject job = waitUntilEnded(jobId);
    QCOMPARE(job[u"status"].toString(), QStringLiteral("succeeded"));
    // Exactly once, in the silo.
    const QJsonArray after = m_owner->get(notes + QStringLiteral("?limit=100"))
                                 .json()[u"data"]
                                 .toArray();
    int found = 0;
    for (const QJsonValue &note : after)
        found += note[u"body"].toString() == u"written during the move" ? 1 : 0;
    QCOMPARE(found, 1);
    QCOMPARE(rowsOf(siloOf(tenantId) + QStringLiteral(".tenant_notes"), tenantId),
             rowsOf(QStringLiteral("public.tenant_notes"), tenantId));
    // Back to the pool, for the tests after this one.
    QCOMPARE(waitUntilEnded(
                 startMove(tenantId, QStringLiteral("pool"))[u"id"].toString())[u"status"]
                 .toString(),
             QStringLiteral("succeeded"));
}

void TestApiTenantMoves::siloedRowsStayInvisibleToOtherTenants()
{
    if (!TenantrydProcess::usesPostgres())
        QSKIP("silos need PostgreSQL");
    const QString siloed = tenantWithRowsEverywhere();
    QCOMPARE(waitUntilEnded(startMove(siloed, QStringLiteral("silo"))[u"id"].toString())[u"status"]
                 .toString(),
             QStringLiteral("succeeded"));
    const QString other = m_owner->get(QStringLiteral("/v1/tenants?limit=1&isolation=pool"))
                              .json()[u"data"]
                              .toArray()
                              .at(0)[u"id"]
                              .toString();
    QVERIFY(!other.isEmpty());

    // Through the store the handlers use: a tenant-scoped transaction of `other` sees none of
    // the siloed tenant's rows, even when it asks for them; the siloed tenant's own sees them
    // (from its silo, through search_path).
    const QStringList store = TenantrydProcess::storeArguments(m_server->dataDir());
    PostgresStoreOptions options;
    options.uri = argumentAfter(store, QStringLiteral("--database")).toStdString();
    options.ownerUri = argumentAfter(store, QStringLiteral("--database-owner")).toStdString();
    options.poolSize = 1; // the same connection for both tenants' transactions
    Result<std::unique_ptr<PostgresStore>> opened = PostgresStore::open(options);
    QVERIFY(opened);
    PostgresStore &postgres = **opened;
    {
        auto own = postgres.beginForTenant(Store::Mode::Read, siloed.toStdString());
        QVERIFY(own);
        auto notes = (*own)->listNotes(siloed.toStdString(), PageRequest{100, {}});
        QVERIFY(notes);
        QVERIFY(!notes->items.empty());
        // …and nothing of the pool's other tenants, even without a WHERE on its tenant.
        auto subscriptions = (*own)->listSubscriptions({}, PageRequest{100, {}});
        QVERIFY(subscriptions);
        QVERIFY(!subscriptions->items.empty());
        for (const Subscription &subscription : subscriptions->items)
            QCOMPARE(QString::fromStdString(subscription.tenantId), siloed);
        auto events = (*own)->listMrrEvents({}, PageRequest{100, {}});
        QVERIFY(events);
        for (const MrrEventRecord &event : events->items)
            QCOMPARE(QString::fromStdString(event.event.tenantId), siloed);
        auto foreignTenant = (*own)->tenantById(other.toStdString());
        QVERIFY(foreignTenant);
        QVERIFY(!*foreignTenant);
        auto otherNotes = (*own)->listNotes(other.toStdString(), PageRequest{100, {}});
        QVERIFY(otherNotes);
        QVERIFY(otherNotes->items.empty());
    }
    {
        auto foreign = postgres.beginForTenant(Store::Mode::Read, other.toStdString());
        QVERIFY(foreign);
        auto notes = (*foreign)->listNotes(siloed.toStdString(), PageRequest{100, {}});
        QVERIFY(notes);
        QVERIFY(notes->items.empty());
        auto subscriptions = (*foreign)->listSubscriptions({}, PageRequest{100, {}});
        QVERIFY(subscriptions);
        for (const Subscription &subscription : subscriptions->items)
            QCOMPARE(QString::fromStdString(subscription.tenantId), other);
    }

    // Direct SQL as the runtime role: the silo's tables, named outright, show nothing to
    // another tenant's scope nor to no scope; nor can it write into them.
    Result<std::unique_ptr<PostgresConnection>> runtime = PostgresConnection::open(options.uri);
    QVERIFY(runtime);
    PostgresConnection &app = **runtime;
    const std::string silo = siloOf(siloed).toStdString();
    for (const char *scope : {"", "other"}) {
        QVERIFY(app.run("BEGIN"));
        if (*scope)
            QVERIFY(
                app.execute("SELECT set_config('app.tenant_id', $1, true)", {other.toStdString()}));
        for (const QString &table : kTables) {
            Result<PostgresResult> rows = app.execute("SELECT count(*) FROM " + silo + "."
                                                          + table.toStdString(),
                                                      {});
            QVERIFY2(rows, rows ? "" : rows.error().message.c_str());
            QCOMPARE(rows->integer(0, 0), 0);
            Result<PostgresResult> pooled = app.execute("SELECT count(*) FROM public."
                                                            + table.toStdString()
                                                            + " WHERE tenant_id = $1",
                                                        {siloed.toStdString()});
            QVERIFY(pooled);
            QCOMPARE(pooled->integer(0, 0), 0);
        }
        Result<PostgresResult> inserted = app.execute(
            "INSERT INTO " + silo
                + ".tenant_notes (tenant_id, id, author_id, body, created_at) "
                  "VALUES ($1, 'note_intruder', 'x', 'x', 0)",
            {siloed.toStdString()});
        QVERIFY(!inserted);
        QVERIFY(app.run("ROLLBACK"));
    }
    // Nor may it create or drop silos itself: no DDL, and the functions refuse without a move.
    QVERIFY(!app.run("CREATE SCHEMA tenant_intruder"));
    Result<PostgresResult> dropped = app.execute("SELECT tenantry_drop_silo($1, false)",
                                                 {siloed.toStdString()});
    QVERIFY(!dropped);
    QVERIFY(schemaExists(siloOf(siloed)));
    opened->reset();
    QCOMPARE(waitUntilEnded(startMove(siloed, QStringLiteral("pool"))[u"id"].toString())[u"status"]
                 .toString(),
             QStringLiteral("succeeded"));
}

void TestApiTenantMoves::killDuringAMoveThenResume()
{
    if (!TenantrydProcess::usesPostgres())
        QSKIP("silos need PostgreSQL");
    const QString tenantId = tenantWithRowsEverywhere();
    const QByteArray readsBefore = readsOf(tenantId);
    const QString jobId = startMove(tenantId, QStringLiteral("silo"))[u"id"].toString();
    waitForJob(jobId, [](const QJsonObject &job) { return job[u"progress"][u"done"].toInt() >= 3; });
    killAndRestart(150);

    // Readable, in its old placement, whatever the resumed move does meanwhile.
    QCOMPARE(m_owner->get(QStringLiteral("/v1/tenants/") + tenantId).json()[u"isolation"].toString(),
             QStringLiteral("pool"));
    QCOMPARE(readsOf(tenantId), readsBefore);
    // Resume (or it resumed by itself already: its heartbeat went stale).
    const ApiResponse resumed = m_owner->post(QStringLiteral("/v1/jobs/") + jobId
                                                  + QStringLiteral("/resume"),
                                              {});
    QVERIFY2(resumed.status == 202 || resumed.errorCode() == u"job_running"
                 || resumed.errorCode() == u"job_finished",
             qPrintable(bodyOf(resumed)));
    const QJsonObject job = waitUntilEnded(jobId);
    QVERIFY2(job[u"status"].toString() == u"succeeded", QJsonDocument(job).toJson().constData());
    QCOMPARE(m_owner->get(QStringLiteral("/v1/tenants/") + tenantId).json()[u"isolation"].toString(),
             QStringLiteral("silo"));
    for (const QJsonValue &check : job[u"result"][u"tables"].toArray())
        QCOMPARE(rowsOf(siloOf(tenantId) + QLatin1Char('.') + check[u"table"].toString(), tenantId),
                 check[u"rows"].toInteger());
    QCOMPARE(readsOf(tenantId), readsBefore);
    QCOMPARE(m_owner->post(QStringLiteral("/v1/jobs/") + jobId + QStringLiteral("/resume"), {})
                 .errorCode(),
             QStringLiteral("job_finished"));
}

void TestApiTenantMoves::killDuringAMoveThenRollBack()
{
    if (!TenantrydProcess::usesPostgres())
        QSKIP("silos need PostgreSQL");
    // The tenant that the test before left in its silo moves back, and is killed midway.
    const QString tenantId = idsOf(
                                 m_owner->get(QStringLiteral("/v1/tenants?limit=1&isolation=silo")))
                                 .value(0);
    QVERIFY(!tenantId.isEmpty());
    const QByteArray readsBefore = readsOf(tenantId);
    const QString jobId = startMove(tenantId, QStringLiteral("pool"))[u"id"].toString();
    waitForJob(jobId, [](const QJsonObject &job) { return job[u"progress"][u"done"].toInt() >= 2; });
    // Slow after the restart, so that the rollback comes before the resumed move switches.
    killAndRestart(1000);
    QCOMPARE(m_owner->get(QStringLiteral("/v1/tenants/") + tenantId).json()[u"isolation"].toString(),
             QStringLiteral("silo"));
    QCOMPARE(readsOf(tenantId), readsBefore);

    const ApiResponse asked = m_owner->post(QStringLiteral("/v1/jobs/") + jobId
                                                + QStringLiteral("/rollback"),
                                            {});
    QVERIFY2(asked.status == 202, qPrintable(bodyOf(asked)));
    const QJsonObject job = waitUntilEnded(jobId);
    QVERIFY2(job[u"status"].toString() == u"canceled", QJsonDocument(job).toJson().constData());
    QVERIFY(job[u"error"].toString().contains(u"silo"));
    QCOMPARE(m_owner->get(QStringLiteral("/v1/tenants/") + tenantId).json()[u"isolation"].toString(),
             QStringLiteral("silo"));
    QVERIFY(schemaExists(siloOf(tenantId)));
    QVERIFY(!schemaExists(siloOf(tenantId) + QStringLiteral("_move")));
    QCOMPARE(sql("SELECT count(*) FROM tenant_moves WHERE tenant_id = $1", {tenantId.toStdString()})
                 .integer(0, 0),
             0);
    QCOMPARE(readsOf(tenantId), readsBefore);
    // Writes go on, into the silo.
    QCOMPARE(m_owner
                 ->post(QStringLiteral("/v1/tenants/") + tenantId + QStringLiteral("/notes"),
                        {{QStringLiteral("body"), QStringLiteral("after the rollback")}})
                 .status,
             201);
    QCOMPARE(m_owner->post(QStringLiteral("/v1/jobs/") + jobId + QStringLiteral("/rollback"), {})
                 .errorCode(),
             QStringLiteral("job_finished"));
}

QTEST_GUILESS_MAIN(TestApiTenantMoves)
#include "testapitenantmoves.moc"
