// The billing jobs against a scripted loopback server: what each sends (verb, path, query,
// body, an Idempotency-Key on every mutation and the same key on a retry), what each decodes
// from the contract's shapes (docs/openapi.yaml), and the shapes they refuse.

#include "client/apiclient.h"
#include "client/apicodecs.h"
#include "client/applybillingdriftjob.h"
#include "client/billingjob.h"
#include "client/jobrecordjob.h"
#include "client/listbillingdriftjob.h"
#include "client/listjobsjob.h"
#include "client/listwebhookeventsjob.h"
#include "client/replaywebhookeventjob.h"
#include "tests/client/fakehttpserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace Tenantry;
using Tenantry::TestSupport::FakeHttpServer;

namespace {

const QJsonValue null = QJsonValue(QJsonValue::Null);

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject webhookEvent(const QString &id, const QString &status)
{
    return {{QStringLiteral("object"), QStringLiteral("webhook_event")},
            {QStringLiteral("id"), id},
            {QStringLiteral("type"), QStringLiteral("customer.subscription.updated")},
            {QStringLiteral("created"), QStringLiteral("2025-11-24T16:00:00Z")},
            {QStringLiteral("status"), status},
            {QStringLiteral("attempts"), status == u"dead" ? 3 : 0},
            {QStringLiteral("last_error"),
             status == u"dead" ? QJsonValue(QStringLiteral("unknown status sleeping")) : null},
            {QStringLiteral("next_attempt_at"), null},
            {QStringLiteral("received_at"), QStringLiteral("2025-11-24T16:00:01Z")},
            {QStringLiteral("processed_at"), null}};
}

QByteArray page(const QJsonArray &data, const QString &cursor = {})
{
    return compact({{QStringLiteral("object"), QStringLiteral("list")},
                    {QStringLiteral("data"), data},
                    {QStringLiteral("has_more"), !cursor.isEmpty()},
                    {QStringLiteral("next_cursor"), cursor.isEmpty() ? null : QJsonValue(cursor)}});
}

QByteArray billing(const QJsonValue &clock)
{
    return compact(
        {{QStringLiteral("object"), QStringLiteral("billing")},
         {QStringLiteral("provider"),
          clock.isNull() ? QStringLiteral("stripe") : QStringLiteral("simulator")},
         {QStringLiteral("test_clock"),
          clock.isNull() ? null : QJsonValue(QJsonObject{{QStringLiteral("frozen_time"), clock}})}});
}

QJsonObject jobObject(const QString &status, int done, int total)
{
    const bool finished = status == u"succeeded" || status == u"failed";
    return {{QStringLiteral("object"), QStringLiteral("job")},
            {QStringLiteral("id"), QStringLiteral("job_r3c0nc1l3")},
            {QStringLiteral("type"), QStringLiteral("billing.reconcile")},
            {QStringLiteral("status"), status},
            {QStringLiteral("progress"),
             QJsonObject{{QStringLiteral("done"), done}, {QStringLiteral("total"), total}}},
            {QStringLiteral("result"),
             status == u"succeeded" ? QJsonValue(QJsonObject{{QStringLiteral("status_mismatch"), 1}})
                                    : null},
            {QStringLiteral("error"),
             status == u"failed" ? QJsonValue(QStringLiteral("The billing provider refused"))
                                 : null},
            {QStringLiteral("created_by"), QStringLiteral("usr_owner")},
            {QStringLiteral("created_at"), QStringLiteral("2026-01-02T03:04:05Z")},
            {QStringLiteral("started_at"),
             status == u"queued" ? null : QJsonValue(QStringLiteral("2026-01-02T03:04:06Z"))},
            {QStringLiteral("finished_at"),
             finished ? QJsonValue(QStringLiteral("2026-01-02T03:04:09Z")) : null}};
}

QJsonObject driftObject(const QString &id, bool applied)
{
    return {{QStringLiteral("object"), QStringLiteral("billing_drift")},
            {QStringLiteral("id"), id},
            {QStringLiteral("job_id"), QStringLiteral("job_r3c0nc1l3")},
            {QStringLiteral("kind"), QStringLiteral("status_mismatch")},
            {QStringLiteral("tenant_id"), QStringLiteral("ten_6r3wqk2m7zt4xbhc")},
            {QStringLiteral("subscription_id"), QStringLiteral("sub_local")},
            {QStringLiteral("stripe_subscription_id"), QStringLiteral("sub_1Pgc76")},
            {QStringLiteral("local"),
             QJsonObject{{QStringLiteral("status"), QStringLiteral("active")}}},
            {QStringLiteral("provider"),
             QJsonObject{{QStringLiteral("status"), QStringLiteral("past_due")},
                         {QStringLiteral("quantity"), 2}}},
            {QStringLiteral("applied_at"),
             applied ? QJsonValue(QStringLiteral("2026-01-02T04:00:00Z")) : null},
            {QStringLiteral("applied_by"),
             applied ? QJsonValue(QStringLiteral("usr_owner")) : null}};
}

QByteArray errorBody(const char *type, const char *code)
{
    return compact({{QStringLiteral("error"),
                     QJsonObject{{QStringLiteral("type"), QLatin1String(type)},
                                 {QStringLiteral("code"), QLatin1String(code)},
                                 {QStringLiteral("message"), QStringLiteral("m")},
                                 {QStringLiteral("param"), null},
                                 {QStringLiteral("request_id"), QStringLiteral("req_billing")}}}});
}

template<typename Job>
std::unique_ptr<Job> noAutoDelete(Job *job)
{
    job->setAutoDelete(false);
    return std::unique_ptr<Job>(job);
}

bool run(ApiJob &job)
{
    QSignalSpy finished(&job, &ApiJob::finished);
    job.start();
    return finished.wait(5000) && finished.count() == 1;
}

Timestamp at(const char *text)
{
    return *parseRfc3339(text);
}

} // namespace

class TestBillingJobs : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeHttpServer> m_server;
    std::unique_ptr<ApiClient> m_client;

    const Tenantry::TestSupport::RecordedRequest &lastRequest() const
    {
        return m_server->requests().last();
    }

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

    void listsWebhookEventsWithFilters()
    {
        m_server->setScript({FakeHttpServer::response(
            200,
            page({webhookEvent(QStringLiteral("evt_dead"), QStringLiteral("dead")),
                  webhookEvent(QStringLiteral("evt_ok"), QStringLiteral("processed"))},
                 QStringLiteral("evt_ok")))});
        auto job = noAutoDelete(new ListWebhookEventsJob(m_client.get(),
                                                         QStringLiteral("dead"),
                                                         QStringLiteral("invoice.paid"),
                                                         50,
                                                         QStringLiteral("evt_before")));
        QVERIFY(run(*job));
        QVERIFY(!job->hasError());
        QCOMPARE(lastRequest().method, QByteArray("GET"));
        QCOMPARE(lastRequest().target,
                 QByteArray("/v1/webhook-events?status=dead&type=invoice.paid&limit=50"
                            "&starting_after=evt_before"));
        QVERIFY(lastRequest().header("Idempotency-Key").isEmpty());
        const ListPage<WebhookEvent> &events = job->page();
        QCOMPARE(events.data.size(), std::size_t(2));
        QVERIFY(events.hasMore);
        QCOMPARE(events.nextCursor, std::string("evt_ok"));
        const WebhookEvent &dead = events.data[0];
        QCOMPARE(dead.id, std::string("evt_dead"));
        QCOMPARE(dead.attempts, std::int64_t(3));
        QCOMPARE(dead.lastError.value_or(""), std::string("unknown status sleeping"));
        QVERIFY(!dead.nextAttemptAt);
        QCOMPARE(dead.created, at("2025-11-24T16:00:00Z"));
        QVERIFY(dead.isReplayable());
        QVERIFY(!events.data[1].isReplayable());

        // No filters: nothing but the path.
        auto all = noAutoDelete(new ListWebhookEventsJob(m_client.get()));
        QVERIFY(run(*all));
        QCOMPARE(lastRequest().target, QByteArray("/v1/webhook-events"));
    }

    void replayCarriesAKeyAndRetriesWithIt()
    {
        m_server->setScript(
            {FakeHttpServer::response(500, errorBody("api_error", "internal")),
             FakeHttpServer::response(200,
                                      compact(webhookEvent(QStringLiteral("evt_a/b"),
                                                           QStringLiteral("pending"))))});
        auto job = noAutoDelete(
            new ReplayWebhookEventJob(m_client.get(), QStringLiteral("evt_a/b")));
        QVERIFY(run(*job));
        QVERIFY(job->hasError()); // a mutation is never retried on its own
        QCOMPARE(m_server->requests().size(), 1);
        const QByteArray key = lastRequest().header("Idempotency-Key");
        QVERIFY(!key.isEmpty());
        QCOMPARE(lastRequest().method, QByteArray("POST"));
        QCOMPARE(lastRequest().target, QByteArray("/v1/webhook-events/evt_a%2Fb/replay"));

        QVERIFY(run(*job)); // the user's retry
        QVERIFY(!job->hasError());
        QCOMPARE(lastRequest().header("Idempotency-Key"), key);
        QCOMPARE(job->webhookEvent().status, std::string("pending"));

        // Two replays are two actions: two keys.
        auto other = noAutoDelete(
            new ReplayWebhookEventJob(m_client.get(), QStringLiteral("evt_c")));
        QVERIFY(other->idempotencyKey() != job->idempotencyKey());
    }

    void replayConflictIsAnError()
    {
        m_server->setScript(
            {FakeHttpServer::response(409, errorBody("invalid_request_error", "not_replayable"))});
        auto job = noAutoDelete(new ReplayWebhookEventJob(m_client.get(), QStringLiteral("evt_x")));
        QVERIFY(run(*job));
        QVERIFY(job->hasError());
        QCOMPARE(job->error()->kind(), ApiError::Kind::Conflict);
        QCOMPARE(job->error()->code(), QStringLiteral("not_replayable"));
    }

    void getsBillingWithAndWithoutClock()
    {
        m_server->setScript(
            {FakeHttpServer::response(200, billing(QStringLiteral("2026-03-01T12:00:00Z"))),
             FakeHttpServer::response(200, billing(null))});
        auto simulator = noAutoDelete(new GetBillingJob(m_client.get()));
        QVERIFY(run(*simulator));
        QVERIFY(!simulator->hasError());
        QCOMPARE(lastRequest().method, QByteArray("GET"));
        QCOMPARE(lastRequest().target, QByteArray("/v1/billing"));
        QCOMPARE(simulator->billing().provider, std::string("simulator"));
        QVERIFY(simulator->billing().hasTestClock());
        QCOMPARE(*simulator->billing().testClock, at("2026-03-01T12:00:00Z"));

        auto stripe = noAutoDelete(new GetBillingJob(m_client.get()));
        QVERIFY(run(*stripe));
        QCOMPARE(stripe->billing().provider, std::string("stripe"));
        QVERIFY(!stripe->billing().hasTestClock());
    }

    void advancesTheClockToATimeOrBySeconds()
    {
        m_server->setScript(
            {FakeHttpServer::response(200, billing(QStringLiteral("2026-04-01T12:00:00Z")))});
        auto to = noAutoDelete(new AdvanceTestClockJob(m_client.get(), at("2026-04-01T12:00:00Z")));
        QVERIFY(run(*to));
        QVERIFY(!to->hasError());
        QCOMPARE(lastRequest().method, QByteArray("POST"));
        QCOMPARE(lastRequest().target, QByteArray("/v1/billing/test-clock/advance"));
        QVERIFY(!lastRequest().header("Idempotency-Key").isEmpty());
        QCOMPARE(QJsonDocument::fromJson(lastRequest().body).object(),
                 (QJsonObject{{QStringLiteral("to"), QStringLiteral("2026-04-01T12:00:00Z")}}));
        QCOMPARE(*to->billing().testClock, at("2026-04-01T12:00:00Z"));

        auto by = noAutoDelete(new AdvanceTestClockJob(m_client.get(), std::int64_t(86400)));
        QVERIFY(run(*by));
        QCOMPARE(QJsonDocument::fromJson(lastRequest().body).object(),
                 (QJsonObject{{QStringLiteral("seconds"), 86400}}));
        QVERIFY(by->idempotencyKey() != to->idempotencyKey());
        // Longer than the client's: the server answers when everything due is done.
        QCOMPARE(by->timeoutMs(), AdvanceTestClockJob::advanceTimeoutMs);
        QVERIFY(by->timeoutMs() > m_client->timeoutMs());
    }

    void advanceRefusedWithoutSimulator()
    {
        m_server->setScript({FakeHttpServer::response(409,
                                                      errorBody("invalid_request_error",
                                                                "test_clock_unavailable"))});
        auto job = noAutoDelete(new AdvanceTestClockJob(m_client.get(), std::int64_t(60)));
        QVERIFY(run(*job));
        QVERIFY(job->hasError());
        QCOMPARE(job->error()->code(), QStringLiteral("test_clock_unavailable"));
    }

    void startsAndPollsAReconciliation()
    {
        m_server->setScript(
            {FakeHttpServer::response(202, compact(jobObject(QStringLiteral("queued"), 0, 0))),
             FakeHttpServer::response(200, compact(jobObject(QStringLiteral("running"), 3, 10))),
             FakeHttpServer::response(200, compact(jobObject(QStringLiteral("succeeded"), 10, 10))),
             FakeHttpServer::response(200, compact(jobObject(QStringLiteral("failed"), 4, 10)))});
        auto start = noAutoDelete(new StartReconciliationJob(m_client.get()));
        QVERIFY(run(*start));
        QVERIFY(!start->hasError());
        QCOMPARE(lastRequest().method, QByteArray("POST"));
        QCOMPARE(lastRequest().target, QByteArray("/v1/billing/reconcile"));
        QVERIFY(!lastRequest().header("Idempotency-Key").isEmpty());
        QCOMPARE(start->job().id, std::string("job_r3c0nc1l3"));
        QCOMPARE(start->job().status, std::string("queued"));
        QVERIFY(!start->job().isFinished());
        QVERIFY(!start->job().startedAt);

        auto running = noAutoDelete(
            new GetJobRecordJob(m_client.get(), QString::fromStdString(start->job().id)));
        QVERIFY(run(*running));
        QCOMPARE(lastRequest().method, QByteArray("GET"));
        QCOMPARE(lastRequest().target, QByteArray("/v1/jobs/job_r3c0nc1l3"));
        QCOMPARE(running->job().progressDone, std::int64_t(3));
        QCOMPARE(running->job().progressTotal, std::int64_t(10));
        QVERIFY(!running->job().isFinished());

        auto done = noAutoDelete(
            new GetJobRecordJob(m_client.get(), QStringLiteral("job_r3c0nc1l3")));
        QVERIFY(run(*done));
        QVERIFY(done->job().isFinished());
        QVERIFY(done->job().hasSucceeded());
        QCOMPARE(done->job().result.value(u"status_mismatch").toInt(), 1);
        QVERIFY(done->job().finishedAt);

        auto failed = noAutoDelete(
            new GetJobRecordJob(m_client.get(), QStringLiteral("job_r3c0nc1l3")));
        QVERIFY(run(*failed));
        QVERIFY(failed->job().isFinished());
        QVERIFY(!failed->job().hasSucceeded());
        QCOMPARE(failed->job().errorMessage, std::string("The billing provider refused"));
    }

    void listsTheLatestReconciliation()
    {
        m_server->setScript(
            {FakeHttpServer::response(200,
                                      page({jobObject(QStringLiteral("succeeded"), 10, 10)},
                                           QStringLiteral("job_r3c0nc1l3")))});
        ListJobsJob::Filter filter;
        filter.type = QStringLiteral("billing.reconcile");
        auto job = noAutoDelete(new ListJobsJob(m_client.get(), filter, 1));
        QVERIFY(run(*job));
        QVERIFY(!job->hasError());
        QCOMPARE(lastRequest().method, QByteArray("GET"));
        QCOMPARE(lastRequest().target, QByteArray("/v1/jobs?type=billing.reconcile&limit=1"));
        QCOMPARE(job->page().data.size(), std::size_t(1));
        QVERIFY(job->page().data[0].hasSucceeded());
        QVERIFY(job->page().hasMore);
    }

    void listsTheMovesOfOneTenant()
    {
        m_server->setScript({FakeHttpServer::response(200, page(QJsonArray()))});
        ListJobsJob::Filter filter;
        filter.type = QStringLiteral("tenant.move");
        filter.status = QStringLiteral("failed");
        filter.tenantId = QStringLiteral("ten_a b");
        auto job = noAutoDelete(new ListJobsJob(m_client.get(), filter, 1));
        QVERIFY(run(*job));
        QVERIFY(!job->hasError());
        QCOMPARE(lastRequest().target,
                 QByteArray("/v1/jobs?type=tenant.move&status=failed&tenant_id=ten_a%20b&limit=1"));
        QVERIFY(job->page().data.empty());
    }

    void jobErrorObjectGivesItsMessage()
    {
        QJsonObject job = jobObject(QStringLiteral("failed"), 0, 0);
        job[u"error"] = QJsonObject{{QStringLiteral("code"), QStringLiteral("provider_unavailable")},
                                    {QStringLiteral("message"), QStringLiteral("unreachable")}};
        const Result<JobRecord> decoded = ApiCodecs::decodeJobRecord(compact(job));
        QVERIFY(decoded);
        QCOMPARE(decoded->errorMessage, std::string("unreachable"));
    }

    void listsAndAppliesDrift()
    {
        m_server->setScript(
            {FakeHttpServer::response(200,
                                      page({driftObject(QStringLiteral("drf_1"), false),
                                            driftObject(QStringLiteral("drf_2"), true)})),
             FakeHttpServer::response(200, compact(driftObject(QStringLiteral("drf_1"), true)))});
        auto list = noAutoDelete(
            new ListBillingDriftJob(m_client.get(), QStringLiteral("job_r3c0nc1l3"), 100));
        QVERIFY(run(*list));
        QVERIFY(!list->hasError());
        QCOMPARE(lastRequest().target,
                 QByteArray("/v1/billing/drift?job_id=job_r3c0nc1l3&limit=100"));
        QCOMPARE(list->page().data.size(), std::size_t(2));
        const BillingDrift &first = list->page().data[0];
        QCOMPARE(first.kind, std::string("status_mismatch"));
        QCOMPARE(first.tenantId.value_or(""), std::string("ten_6r3wqk2m7zt4xbhc"));
        QCOMPARE(first.local.value(u"status").toString(), QStringLiteral("active"));
        QCOMPARE(first.provider.value(u"quantity").toInt(), 2);
        QVERIFY(!first.isApplied());
        QVERIFY(list->page().data[1].isApplied());

        auto apply = noAutoDelete(new ApplyBillingDriftJob(m_client.get(), QStringLiteral("drf_1")));
        QVERIFY(run(*apply));
        QVERIFY(!apply->hasError());
        QCOMPARE(lastRequest().method, QByteArray("POST"));
        QCOMPARE(lastRequest().target, QByteArray("/v1/billing/drift/drf_1/apply"));
        QVERIFY(!lastRequest().header("Idempotency-Key").isEmpty());
        QVERIFY(apply->drift().isApplied());
        QCOMPARE(apply->drift().appliedBy.value_or(""), std::string("usr_owner"));
    }

    void driftMissingOnOneSideDecodes()
    {
        QJsonObject drift = driftObject(QStringLiteral("drf_3"), false);
        drift[u"kind"] = QStringLiteral("missing_locally");
        drift[u"local"] = null;
        drift[u"tenant_id"] = null;
        drift[u"subscription_id"] = null;
        const Result<BillingDrift> decoded = ApiCodecs::decodeBillingDrift(compact(drift));
        QVERIFY(decoded);
        QVERIFY(decoded->local.isEmpty());
        QVERIFY(!decoded->tenantId);
        QVERIFY(!decoded->subscriptionId);
    }

    void refusesBrokenShapes_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("kind");
        QJsonObject noStatus = webhookEvent(QStringLiteral("evt_1"), QStringLiteral("dead"));
        noStatus.remove(QStringLiteral("status"));
        QTest::newRow("event without status") << compact(noStatus) << QStringLiteral("event");
        QJsonObject negative = webhookEvent(QStringLiteral("evt_1"), QStringLiteral("dead"));
        negative[u"attempts"] = -1;
        QTest::newRow("negative attempts") << compact(negative) << QStringLiteral("event");
        QTest::newRow("clock without time")
            << compact({{QStringLiteral("provider"), QStringLiteral("simulator")},
                        {QStringLiteral("test_clock"), QJsonObject{}}})
            << QStringLiteral("billing");
        QTest::newRow("clock time garbled")
            << billing(QStringLiteral("yesterday")) << QStringLiteral("billing");
        QJsonObject job = jobObject(QStringLiteral("running"), 1, 2);
        job[u"progress"] = QJsonObject{{QStringLiteral("done"), 1}};
        QTest::newRow("progress without total") << compact(job) << QStringLiteral("job");
        QJsonObject drift = driftObject(QStringLiteral("drf_1"), false);
        drift[u"provider"] = QStringLiteral("past_due");
        QTest::newRow("provider side not an object") << compact(drift) << QStringLiteral("drift");
        QTest::newRow("not JSON") << QByteArray("{") << QStringLiteral("drift");
    }

    void refusesBrokenShapes()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, kind);
        bool ok = true;
        if (kind == u"event")
            ok = bool(ApiCodecs::decodeWebhookEvent(body));
        else if (kind == u"billing")
            ok = bool(ApiCodecs::decodeBillingState(body));
        else if (kind == u"job")
            ok = bool(ApiCodecs::decodeJobRecord(body));
        else
            ok = bool(ApiCodecs::decodeBillingDrift(body));
        QVERIFY(!ok);
    }
};

QTEST_GUILESS_MAIN(TestBillingJobs)
#include "testbillingjobs.moc"
