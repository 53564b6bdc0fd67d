// ApiJob against a scripted loopback server: the headers every request carries, the retry policy
// of reads (503, 429 with Retry-After, bounded), Idempotency-Key reuse on a retried mutation,
// timeouts, refused connections, unreadable answers, abort() and the transport policy.

#include "client/apiclient.h"
#include "client/createtenantjob.h"
#include "client/getmejob.h"
#include "client/gettenantjob.h"
#include "client/listtenantsjob.h"
#include "client/updatetenantjob.h"
#include "tests/client/fakehttpserver.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QtTest>

#include <memory>

using namespace Tenantry;
using Tenantry::TestSupport::FakeHttpServer;

namespace {

QByteArray userBody()
{
    return QJsonDocument(
               QJsonObject{{QStringLiteral("object"), QStringLiteral("user")},
                           {QStringLiteral("id"), QStringLiteral("usr_8f3k2m9q7w4x1r6t")},
                           {QStringLiteral("email"), QStringLiteral("ada@example.com")},
                           {QStringLiteral("name"), QStringLiteral("Ada Lovelace")},
                           {QStringLiteral("role"), QStringLiteral("admin")},
                           {QStringLiteral("created_at"), QStringLiteral("2025-11-20T09:30:00Z")}})
        .toJson(QJsonDocument::Compact);
}

QByteArray tenantBody(int version)
{
    return QJsonDocument(
               QJsonObject{{QStringLiteral("object"), QStringLiteral("tenant")},
                           {QStringLiteral("id"), QStringLiteral("ten_6r3wqk2m7zt4xbhc")},
                           {QStringLiteral("slug"), QStringLiteral("acme")},
                           {QStringLiteral("name"), QStringLiteral("Acme Corp")},
                           {QStringLiteral("status"), QStringLiteral("active")},
                           {QStringLiteral("isolation"), QStringLiteral("pool")},
                           {QStringLiteral("region"), QStringLiteral("eu-west-1")},
                           {QStringLiteral("plan_id"), QJsonValue(QJsonValue::Null)},
                           {QStringLiteral("contact_email"), QJsonValue(QJsonValue::Null)},
                           {QStringLiteral("notes"), QJsonValue(QJsonValue::Null)},
                           {QStringLiteral("created_at"), QStringLiteral("2025-11-22T10:00:00Z")},
                           {QStringLiteral("updated_at"), QStringLiteral("2025-11-22T10:00:00Z")},
                           {QStringLiteral("deleted_at"), QJsonValue(QJsonValue::Null)},
                           {QStringLiteral("version"), version}})
        .toJson(QJsonDocument::Compact);
}

QByteArray errorBody(const char *type, const char *code)
{
    return QJsonDocument(
               QJsonObject{{QStringLiteral("error"),
                            QJsonObject{{QStringLiteral("type"), QLatin1String(type)},
                                        {QStringLiteral("code"), QLatin1String(code)},
                                        {QStringLiteral("message"), QStringLiteral("m")},
                                        {QStringLiteral("param"), QJsonValue(QJsonValue::Null)},
                                        {QStringLiteral("request_id"),
                                         QStringLiteral("req_fakefakefakefake")}}}})
        .toJson(QJsonDocument::Compact);
}

template<typename Job>
std::unique_ptr<Job> noAutoDelete(Job *job)
{
    job->setAutoDelete(false);
    return std::unique_ptr<Job>(job);
}

} // namespace

class TestApiJob : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeHttpServer> m_server;
    std::unique_ptr<ApiClient> m_client;

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeHttpServer>();
        QVERIFY(m_server->listen());
        m_client = std::make_unique<ApiClient>(QUrl(m_server->baseUrl()));
        m_client->setToken(QStringLiteral("tnt_testtoken"));
        m_client->setRetryBaseDelayMs(20);
        m_client->setTimeoutMs(5000);
    }

    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void sendsTheHeadersEveryRequestNeeds()
    {
        m_server->setScript({FakeHttpServer::response(200, userBody())});
        auto job = noAutoDelete(new GetMeJob(m_client.get()));
        QSignalSpy finished(job.get(), &ApiJob::finished);
        job->start();
        QCOMPARE(finished.count(), 0); // never from inside start()
        QVERIFY(finished.wait(5000));
        QVERIFY2(!job->hasError(),
                 qPrintable(job->error() ? job->error()->toLogString() : QString()));
        QCOMPARE(job->user().email, std::string("ada@example.com"));
        QCOMPARE(job->requestId(), QStringLiteral("req_fakefakefakefake"));
        QCOMPARE(job->httpStatus(), 200);

        QCOMPARE(m_server->requests().size(), 1);
        const auto &request = m_server->requests().first();
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(request.target, QByteArray("/v1/me"));
        QCOMPARE(request.header("User-Agent"), ApiClient::userAgent());
        QVERIFY(request.header("User-Agent").startsWith("Tenantry/"));
        QCOMPARE(request.header("Authorization"), QByteArray("Bearer tnt_testtoken"));
        QCOMPARE(request.header("Accept"), QByteArray("application/json"));
        QVERIFY(request.header("Idempotency-Key").isEmpty());

        QTest::qWait(100);
        QCOMPARE(finished.count(), 1);
    }

    void retriesReadsOnUnavailable()
    {
        m_server->setScript({FakeHttpServer::response(503, errorBody("api_error", "unavailable")),
                             FakeHttpServer::response(503, errorBody("api_error", "unavailable")),
                             FakeHttpServer::response(200, userBody())});
        auto job = noAutoDelete(new GetMeJob(m_client.get()));
        QSignalSpy finished(job.get(), &ApiJob::finished);
        job->start();
        QVERIFY(finished.wait(5000));
        QVERIFY(!job->hasError());
        QCOMPARE(job->attempts(), 3);
        QCOMPARE(m_server->requests().size(), 3);
        QCOMPARE(finished.count(), 1);
    }

    void honoursRetryAfter()
    {
        m_server->setScript({FakeHttpServer::response(429,
                                                      errorBody("rate_limit_error", "rate_limited"),
                                                      {{"Retry-After", "1"}}),
                             FakeHttpServer::response(200, userBody())});
        auto job = noAutoDelete(new GetMeJob(m_client.get()));
        QSignalSpy finished(job.get(), &ApiJob::finished);
        QElapsedTimer clock;
        clock.start();
        job->start();
        QVERIFY(finished.wait(10000));
        QVERIFY(!job->hasError());
        QCOMPARE(job->attempts(), 2);
        QVERIFY2(clock.elapsed() >= 1000, qPrintable(QString::number(clock.elapsed())));
    }

    void givesUpAfterMaxRetries()
    {
        m_client->setMaxRetries(2);
        m_server->setScript({FakeHttpServer::response(503, errorBody("api_error", "unavailable"))});
        auto job = noAutoDelete(new GetMeJob(m_client.get()));
        QSignalSpy finished(job.get(), &ApiJob::finished);
        job->start();
        QVERIFY(finished.wait(5000));
        QVERIFY(job->hasError());
        QCOMPARE(job->error()->kind(), ApiError::Kind::Server);
        QCOMPARE(job->error()->httpStatus(), 503);
        QCOMPARE(job->attempts(), 3);
        QCOMPARE(m_server->requests().size(), 3);
        QTest::qWait(200);
        QCOMPARE(m_server->requests().size(), 3);
        QCOMPARE(finished.count(), 1);
    }

    void backoffGrows()
    {
        m_client->setMaxRetries(3);
        m_client->setRetryBaseDelayMs(100);
        m_server->setScript({FakeHttpServer::response(503, errorBody("api_error", "unavailable"))});
        auto job = noAutoDelete(new GetMeJob(m_client.get()));
        QSignalSpy finished(job.get(), &ApiJob::finished);
        QElapsedTimer clock;
        clock.start();
        job->start();
        QVERIFY(finished.wait(10000));
        // 100 + 200 + 400 ms of waiting between the four attempts.
        QVERIFY2(clock.elapsed() >= 700, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(job->attempts(), 4);
    }

    void reportsARetryAfterTooLongToWait()
    {
        m_server->setScript({FakeHttpServer::response(429,
                                                      errorBody("rate_limit_error", "rate_limited"),
                                                      {{"Retry-After", "900"}})});
        auto job = noAutoDelete(new GetMeJob(m_client.get()));
        QSignalSpy finished(job.get(), &ApiJob::finished);
        job->start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(job->error()->kind(), ApiError::Kind::RateLimited);
        QCOMPARE(job->error()->retryAfterSeconds(), 900);
        QCOMPARE(job->attempts(), 1);
    }

    void doesNotRetryClientErrors()
    {
        m_server->setScript(
            {FakeHttpServer::response(404, errorBody("invalid_request_error", "resource_missing"))});
        auto job = noAutoDelete(new GetTenantJob(m_client.get(), QStringLiteral("ten_x")));
        QSignalSpy finished(job.get(), &ApiJob::finished);
        job->start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(job->error()->kind(), ApiError::Kind::NotFound);
        QCOMPARE(job->attempts(), 1);
    }

    void retriedMutationKeepsItsIdempotencyKey()
    {
        m_server->setScript({FakeHttpServer::response(503, errorBody("api_error", "unavailable")),
                             FakeHttpServer::response(201, tenantBody(1))});
        TenantDraft draft;
        draft.name = QStringLiteral("Acme Corp");
        draft.region = QStringLiteral("eu-west-1");
        auto job = noAutoDelete(new CreateTenantJob(m_client.get(), draft));
        const QByteArray key = job->idempotencyKey();
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-"
                                                  "[89ab][0-9a-f]{3}-[0-9a-f]{12}$"))
                    .match(QString::fromLatin1(key))
                    .hasMatch());
        QSignalSpy finished(job.get(), &ApiJob::finished);
        job->start();
        QVERIFY(finished.wait(5000));
        QVERIFY(job->hasError()); // a mutation is not retried behind the caller's back
        QCOMPARE(job->attempts(), 1);

        job->start(); // the same action again
        QVERIFY(finished.wait(5000));
        QVERIFY(!job->hasError());
        QCOMPARE(job->tenant().id, std::string("ten_6r3wqk2m7zt4xbhc"));

        QCOMPARE(m_server->requests().size(), 2);
        for (const auto &request : m_server->requests()) {
            QCOMPARE(request.method, QByteArray("POST"));
            QCOMPARE(request.target, QByteArray("/v1/tenants"));
            QCOMPARE(request.header("Idempotency-Key"), key);
            QCOMPARE(request.header("Content-Type"), QByteArray("application/json"));
            const QJsonObject body = QJsonDocument::fromJson(request.body).object();
            QCOMPARE(body.value(QStringLiteral("name")).toString(), QStringLiteral("Acme Corp"));
            QVERIFY(!body.contains(QStringLiteral("slug")));
        }

        auto other = noAutoDelete(new CreateTenantJob(m_client.get(), draft));
        QVERIFY(other->idempotencyKey() != key);
    }

    void updateSendsIfMatchAndOnlyTheChangedFields()
    {
        m_server->setScript({FakeHttpServer::response(200, tenantBody(4))});
        TenantPatch patch;
        patch.name = QStringLiteral("Acme Corporation");
        patch.contactEmail = std::optional<QString>(); // clear it
        auto job = noAutoDelete(
            new UpdateTenantJob(m_client.get(), QStringLiteral("ten_6r3wqk2m7zt4xbhc"), 3, patch));
        QSignalSpy finished(job.get(), &ApiJob::finished);
        job->start();
        QVERIFY(finished.wait(5000));
        QVERIFY(!job->hasError());
        QCOMPARE(job->tenant().version, 4);
        const auto &request = m_server->requests().first();
        QCOMPARE(request.method, QByteArray("PATCH"));
        QCOMPARE(request.target, QByteArray("/v1/tenants/ten_6r3wqk2m7zt4xbhc"));
        QCOMPARE(request.header("If-Match"), QByteArray("\"3\""));
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        QCOMPARE(body.size(), 2);
        QCOMPARE(body.value(QStringLiteral("name")).toString(), QStringLiteral("Acme Corporation"));
        QVERIFY(body.value(QStringLiteral("contact_email")).isNull());
    }

    void encodesQueriesAndPaths()
    {
        m_server->setScript({FakeHttpServer::response(
            200, "{\"object\":\"list\",\"data\":[],\"has_more\":false,\"next_cursor\":null}")});
        TenantQuery query;
        query.search = QStringLiteral("a+b c&d");
        query.status = TenantStatus::Suspended;
        query.isolation = Isolation::Hybrid;
        query.limit = 50;
        query.startingAfter = QStringLiteral("ten_aaaaaaaaaaaaaaaa");
        auto job = noAutoDelete(new ListTenantsJob(m_client.get(), query));
        QSignalSpy finished(job.get(), &ApiJob::finished);
        job->start();
        QVERIFY(finished.wait(5000));
        QVERIFY(!job->hasError());
        const QByteArray target = m_server->requests().first().target;
        QVERIFY2(target.startsWith("/v1/tenants?"), target.constData());
        QVERIFY2(target.contains("q=a%2Bb%20c%26d"), target.constData());
        QVERIFY(target.contains("status=suspended"));
        QVERIFY(target.contains("isolation=hybrid"));
        QVERIFY(target.contains("limit=50"));
        QVERIFY(target.contains("starting_after=ten_aaaaaaaaaaaaaaaa"));

        m_server->setScript({FakeHttpServer::response(200, tenantBody(1))});
        auto get = noAutoDelete(new GetTenantJob(m_client.get(), QStringLiteral("../v1/me?x")));
        QSignalSpy getFinished(get.get(), &ApiJob::finished);
        get->start();
        QVERIFY(getFinished.wait(5000));
        QCOMPARE(m_server->requests().last().target, QByteArray("/v1/tenants/..%2Fv1%2Fme%3Fx"));
    }

    void timesOutAgainstASilentServer()
    {
        m_server->setScript({FakeHttpServer::silent()});
        m_client->setMaxRetries(0);
        auto job = noAutoDelete(new GetMeJob(m_client.get()));
        job->setTimeoutMs(600);
        QSignalSpy finished(job.get(), &ApiJob::finished);
        QElapsedTimer clock;
        clock.start();
        job->start();
        QVERIFY(finished.wait(10000));
        QVERIFY(job->hasError());
        QCOMPARE(job->error()->kind(), ApiError::Kind::Timeout);
        QCOMPARE(job->error()->httpStatus(), 0);
        // Qt's transfer timer is a coarse one: it may fire up to 5% early (and the clock counts
        // whole milliseconds).
        QVERIFY2(clock.elapsed() >= 550, qPrintable(QString::number(clock.elapsed())));
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    }

    void timedOutReadsAreRetried()
    {
        m_server->setScript({FakeHttpServer::silent(), FakeHttpServer::response(200, userBody())});
        auto job = noAutoDelete(new GetMeJob(m_client.get()));
        job->setTimeoutMs(300);
        QSignalSpy finished(job.get(), &ApiJob::finished);
        job->start();
        QVERIFY(finished.wait(10000));
        QVERIFY(!job->hasError());
        QCOMPARE(job->attempts(), 2);
    }

    void reportsARefusedConnection()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        ApiClient client(QUrl(QStringLiteral("http://127.0.0.1:") + QString::number(port)));
        client.setMaxRetries(2);
        client.setRetryBaseDelayMs(10);
        auto job = noAutoDelete(new GetMeJob(&client));
        QSignalSpy finished(job.get(), &ApiJob::finished);
        job->start();
        QVERIFY(finished.wait(10000));
        QCOMPARE(job->error()->kind(), ApiError::Kind::Network);
        QCOMPARE(job->attempts(), 3);
        QVERIFY(!job->error()->serverMessage().isEmpty());
    }

    void reportsAnUnreadableAnswer()
    {
        m_server->setScript({FakeHttpServer::response(200, "{\"object\":\"user\"}")});
        auto job = noAutoDelete(new GetMeJob(m_client.get()));
        QSignalSpy finished(job.get(), &ApiJob::finished);
        job->start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(job->error()->kind(), ApiError::Kind::Parse);
        QCOMPARE(job->error()->httpStatus(), 200);
        QCOMPARE(job->error()->requestId(), QStringLiteral("req_fakefakefakefake"));
        QVERIFY(job->error()->serverMessage().contains(QStringLiteral("/id")));
    }

    void abortIsSilent()
    {
        m_server->setScript({FakeHttpServer::silent()});
        auto job = noAutoDelete(new GetMeJob(m_client.get()));
        QSignalSpy finished(job.get(), &ApiJob::finished);
        QSignalSpy received(m_server.get(), &FakeHttpServer::requestReceived);
        job->start();
        QVERIFY(received.wait(5000));
        job->abort();
        QVERIFY(!job->isRunning());
        QTest::qWait(300);
        QCOMPARE(finished.count(), 0);
    }

    void reportsUnauthorizedToTheClient()
    {
        m_server->setScript(
            {FakeHttpServer::response(401, errorBody("authentication_error", "unauthenticated"))});
        QSignalSpy rejected(m_client.get(), &ApiClient::sessionRejected);
        auto job = noAutoDelete(new GetMeJob(m_client.get()));
        QSignalSpy finished(job.get(), &ApiJob::finished);
        job->start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(job->error()->kind(), ApiError::Kind::Unauthorized);
        QCOMPARE(rejected.count(), 1);
    }

    void refusesPlainHttpToARemoteHost()
    {
        ApiClient client(QUrl(QStringLiteral("http://tenantry.invalid:8080")));
        auto job = noAutoDelete(new GetMeJob(&client));
        QSignalSpy finished(job.get(), &ApiJob::finished);
        job->start();
        QCOMPARE(finished.count(), 0);
        QVERIFY(finished.wait(5000));
        QCOMPARE(job->error()->kind(), ApiError::Kind::TlsError);
        QCOMPARE(job->attempts(), 0);
    }

    void aRetryFromTheFinishedSlotKeepsTheJobAlive()
    {
        m_server->setScript(
            {FakeHttpServer::response(409, errorBody("idempotency_error", "idempotency_key_in_use")),
             FakeHttpServer::response(201, tenantBody(1))});
        TenantDraft draft;
        draft.name = QStringLiteral("Acme Corp");
        draft.region = QStringLiteral("eu-west-1");
        QPointer<CreateTenantJob> job = new CreateTenantJob(m_client.get(), draft);
        int outcomes = 0;
        std::string createdId;
        connect(job, &ApiJob::finished, this, [&outcomes, &createdId, job] {
            ++outcomes;
            if (job->hasError())
                job->start(); // retry the same action, from the slot
            else
                createdId = job->tenant().id;
        });
        job->start();
        QTRY_VERIFY_WITH_TIMEOUT(job.isNull(), 5000);
        QCOMPARE(outcomes, 2);
        QCOMPARE(createdId, std::string("ten_6r3wqk2m7zt4xbhc"));
        QCOMPARE(m_server->requests().size(), 2);
        QCOMPARE(m_server->requests().at(0).header("Idempotency-Key"),
                 m_server->requests().at(1).header("Idempotency-Key"));
    }

    void aClientGoneMidRequestEndsTheJob()
    {
        m_server->setScript({FakeHttpServer::silent()});
        auto job = noAutoDelete(new GetMeJob(m_client.get()));
        QSignalSpy finished(job.get(), &ApiJob::finished);
        QSignalSpy received(m_server.get(), &FakeHttpServer::requestReceived);
        job->start();
        QVERIFY(received.wait(5000));
        m_client.reset();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        QCOMPARE(job->error()->kind(), ApiError::Kind::Network);
        QVERIFY(!job->isRunning());
    }

    void autoDeletesAfterFinishing()
    {
        m_server->setScript({FakeHttpServer::response(200, userBody())});
        QPointer<GetMeJob> job = new GetMeJob(m_client.get());
        QVERIFY(job->autoDelete());
        bool sawUser = false;
        connect(job, &ApiJob::finished, this, [&sawUser, job] {
            sawUser = job && job->user().email == "ada@example.com";
        });
        job->start();
        QTRY_VERIFY_WITH_TIMEOUT(job.isNull(), 5000);
        QVERIFY(sawUser);
    }
};

QTEST_GUILESS_MAIN(TestApiJob)
#include "testapijob.moc"
