// Stopping a real tenantryd: the probes, and a graceful stop (SIGTERM) in the middle of a
// stream of writes that loses none of the writes it acknowledged, as a restart on the same
// data folder shows. And crashes (kill -9): an acknowledged POST is replayed after a restart,
// and a crash in the middle of a stream of POSTs leaves no key whose change is committed but
// whose answer is not, so that retrying every key creates nothing twice.

#include "tests/server/support/apiassertions.h"
#include "tests/server/support/apiclient.h"
#include "tests/server/support/tenantrydprocess.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

using namespace Tenantry::TestSupport;

namespace {

const QStringList kServerArguments = {QStringLiteral("--rate-limit"),
                                      QStringLiteral("100000"),
                                      QStringLiteral("--rate-burst"),
                                      QStringLiteral("100000")};
const QString kEmail = QStringLiteral("writer@example.com");
const QString kPassword = QStringLiteral("a long passphrase 42");

QByteArray tenantBody(const QString &name)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("name"), name},
                                     {QStringLiteral("region"), QStringLiteral("eu-west-1")}})
        .toJson(QJsonDocument::Compact);
}

// Every tenant's name (a server without demo data has few), or a failure.
QStringList allTenantNames(ApiClient &client)
{
    QStringList names;
    QString cursor;
    for (int page = 0; page < 100; ++page) {
        const ApiResponse list = client.get(
            QStringLiteral("/v1/tenants?limit=100")
            + (cursor.isEmpty() ? QString() : QStringLiteral("&starting_after=") + cursor));
        if (list.status != 200)
            return {QStringLiteral("listing failed: ") + bodyOf(list)};
        names << idsOf(list, u"name");
        if (!list.json()[u"has_more"].toBool())
            break;
        cursor = list.json()[u"next_cursor"].toString();
    }
    return names;
}

} // namespace

class TestApiShutdown : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_first.addUser(kEmail, QStringLiteral("support"), kPassword));
        QString error;
        QVERIFY2(m_first.start(&error), qPrintable(error));
    }

    void probesAnswerWithoutAToken()
    {
        ApiClient client(m_first.baseUrl());
        const ApiResponse ready = client.get(QStringLiteral("/readyz"));
        QVERIFY2(ready.status == 200, qPrintable(bodyOf(ready)));
        QCOMPARE(ready.json()[u"status"].toString(), QStringLiteral("ready"));
        QVERIFY(!ready.header("Request-Id").isEmpty());
        const ApiResponse healthy = client.get(QStringLiteral("/healthz"));
        QVERIFY2(healthy.status == 200, qPrintable(bodyOf(healthy)));
        QCOMPARE(healthy.json()[u"status"].toString(), QStringLiteral("ok"));
    }

    void acknowledgedWritesSurviveAGracefulStop()
    {
        constexpr int Threads = 4;
        constexpr int PerThread = 50;
        constexpr int StopAfter = 40;

        ApiClient signIn(m_first.baseUrl());
        QVERIFY(signIn.signIn(kEmail, kPassword));
        const QString token = signIn.token();
        const QString baseUrl = m_first.baseUrl();

        struct Outcome
        {
            QString name;
            int status = 0;
            QString id;
            QByteArray body;
            QByteArray requestId;
        };
        std::mutex mutex;
        std::vector<Outcome> outcomes;
        std::atomic<int> acknowledged = 0;
        std::vector<std::thread> writers;
        writers.reserve(Threads);
        for (int t = 0; t < Threads; ++t) {
            writers.emplace_back([&, t] {
                ApiClient client(baseUrl);
                client.setToken(token);
                for (int i = 0; i < PerThread; ++i) {
                    Outcome outcome;
                    outcome.name = QStringLiteral("Durable %1-%2").arg(t).arg(i);
                    const ApiResponse response = client.request(
                        "POST",
                        QStringLiteral("/v1/tenants"),
                        QJsonDocument(
                            QJsonObject{{QStringLiteral("name"), outcome.name},
                                        {QStringLiteral("region"), QStringLiteral("eu-west-1")}})
                            .toJson(QJsonDocument::Compact),
                        {{"Idempotency-Key",
                          QByteArray("durable-" + QByteArray::number(t) + '-'
                                     + QByteArray::number(i))}},
                        10000);
                    outcome.status = response.status;
                    outcome.body = response.body;
                    outcome.requestId = response.header("Request-Id");
                    if (response.status == 201) {
                        outcome.id = response.json()[u"id"].toString();
                        ++acknowledged;
                    }
                    const std::lock_guard lock(mutex);
                    outcomes.push_back(std::move(outcome));
                }
            });
        }

        QDeadlineTimer deadline(30000);
        while (acknowledged.load() < StopAfter && !deadline.hasExpired())
            QThread::msleep(1);
        const int acknowledgedAtStop = acknowledged.load();
        const int exitCode = m_first.stop(); // SIGTERM, and waits
        for (std::thread &writer : writers)
            writer.join();
        QCOMPARE(exitCode, 0);
        QVERIFY2(acknowledgedAtStop >= StopAfter, "the writes were too slow to start");

        QStringList ids;
        QStringList names;
        for (const Outcome &outcome : outcomes) {
            // Each write was either acknowledged or got no answer (refused connection): a
            // stopping server must not answer with an error it made up.
            QVERIFY2(outcome.status == 201 || outcome.status == 0,
                     qPrintable(outcome.name + QStringLiteral(": HTTP ")
                                + QString::number(outcome.status) + QStringLiteral(" ")
                                + QString::fromUtf8(outcome.body)));
            if (outcome.status == 201) {
                QVERIFY(outcome.id.startsWith(QStringLiteral("ten_")));
                ids << outcome.id;
                names << outcome.name;
            }
        }
        QVERIFY2(ids.size() < qsizetype{Threads} * PerThread,
                 "the server was stopped after all the writes");

        // The access log (stdout, buffered by the server) has a line for every answered
        // request: the graceful stop flushed it.
        QSet<QString> logged;
        for (const QByteArray &line : m_first.standardOutput().split('\n')) {
            const QJsonObject entry = QJsonDocument::fromJson(line).object();
            if (!entry.isEmpty())
                logged.insert(entry[u"request_id"].toString());
        }
        for (const Outcome &outcome : outcomes) {
            if (outcome.status != 0)
                QVERIFY2(logged.contains(QString::fromLatin1(outcome.requestId)),
                         qPrintable(outcome.name + QStringLiteral(": request ")
                                    + QString::fromLatin1(outcome.requestId)
                                    + QStringLiteral(" is missing from the access log")));
        }

        // A new server on the same data folder has every acknowledged tenant.
        TenantrydProcess second(kServerArguments, m_first.dataDir());
        QString error;
        QVERIFY2(second.start(&error), qPrintable(error));
        ApiClient client(second.baseUrl());
        QCOMPARE(client.get(QStringLiteral("/readyz")).status, 200);
        QVERIFY(client.signIn(kEmail, kPassword));
        for (qsizetype i = 0; i < ids.size(); ++i) {
            const ApiResponse tenant = client.get(QStringLiteral("/v1/tenants/") + ids.at(i));
            QVERIFY2(tenant.status == 200,
                     qPrintable(ids.at(i) + QStringLiteral(" was acknowledged but is lost: ")
                                + bodyOf(tenant)));
            QCOMPARE(tenant.json()[u"name"].toString(), names.at(i));
        }
        // Nothing was stored twice.
        qsizetype stored = 0;
        QString cursor;
        for (int page = 0; page < 10; ++page) {
            const ApiResponse list = client.get(
                QStringLiteral("/v1/tenants?limit=100")
                + (cursor.isEmpty() ? QString() : QStringLiteral("&starting_after=") + cursor));
            QCOMPARE(list.status, 200);
            const QJsonArray data = list.json()[u"data"].toArray();
            stored += data.size();
            if (!list.json()[u"has_more"].toBool())
                break;
            cursor = list.json()[u"next_cursor"].toString();
        }
        QVERIFY2(stored >= ids.size() && stored <= qsizetype{Threads} * PerThread,
                 qPrintable(
                     QStringLiteral("%1 stored, %2 acknowledged").arg(stored).arg(ids.size())));
        QCOMPARE(second.stop(), 0);
    }

    void anAcknowledgedPostIsReplayedAfterACrash()
    {
        TenantrydProcess first(kServerArguments);
        QVERIFY(first.addUser(kEmail, QStringLiteral("support"), kPassword));
        QString error;
        QVERIFY2(first.start(&error), qPrintable(error));
        ApiClient client(first.baseUrl());
        QVERIFY(client.signIn(kEmail, kPassword));
        const QByteArray body = tenantBody(QStringLiteral("Crash Once"));
        const QList<QPair<QByteArray, QByteArray>> key = {{"Idempotency-Key", "crash-once"}};
        const ApiResponse created = client.request("POST", QStringLiteral("/v1/tenants"), body, key);
        QVERIFY2(created.status == 201, qPrintable(bodyOf(created)));
        first.kill(); // right after the acknowledgement: nothing drained, nothing flushed

        TenantrydProcess second(kServerArguments, first.dataDir());
        QVERIFY2(second.start(&error), qPrintable(error));
        ApiClient again(second.baseUrl());
        QVERIFY(again.signIn(kEmail, kPassword));
        const ApiResponse retry = again.request("POST", QStringLiteral("/v1/tenants"), body, key);
        QVERIFY2(retry.status == 201, qPrintable(bodyOf(retry)));
        QCOMPARE(retry.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(retry.body, created.body);
        QCOMPARE(retry.header("Location"), created.header("Location"));
        QCOMPARE(allTenantNames(again), QStringList{QStringLiteral("Crash Once")});
        QCOMPARE(second.stop(), 0);
    }

    // kill -9 while writers stream POSTs, each with its own key and name; then every key is
    // retried with its body. An acknowledged key is replayed as it was answered; any other key
    // either replays (its change and its answer were committed together before the crash) or
    // runs now (neither was): it is never "in use" and never creates a second tenant.
    void aCrashAmidPostsLeavesNothingHalfDone()
    {
        constexpr int Threads = 4;
        constexpr int PerThread = 60;
        constexpr int KillAfter = 40;

        TenantrydProcess first(kServerArguments);
        QVERIFY(first.addUser(kEmail, QStringLiteral("support"), kPassword));
        QString error;
        QVERIFY2(first.start(&error), qPrintable(error));
        ApiClient signIn(first.baseUrl());
        QVERIFY(signIn.signIn(kEmail, kPassword));
        const QString token = signIn.token();
        const QString baseUrl = first.baseUrl();

        struct Attempt
        {
            QString name;
            QByteArray key;
            int status = 0;
            QByteArray body;
        };
        std::mutex mutex;
        std::vector<Attempt> attempts;
        std::atomic<int> acknowledged = 0;
        std::atomic<bool> crashed = false;
        std::vector<std::thread> writers;
        writers.reserve(Threads);
        for (int t = 0; t < Threads; ++t) {
            writers.emplace_back([&, t] {
                ApiClient client(baseUrl);
                client.setToken(token);
                for (int i = 0; i < PerThread && !crashed.load(); ++i) {
                    Attempt attempt;
                    attempt.name = QStringLiteral("Crash %1-%2").arg(t).arg(i);
                    attempt.key = "crash-" + QByteArray::number(t) + '-' + QByteArray::number(i);
                    const ApiResponse response = client.request("POST",
                                                                QStringLiteral("/v1/tenants"),
                                                                tenantBody(attempt.name),
                                                                {{"Idempotency-Key", attempt.key}},
                                                                10000);
                    attempt.status = response.status;
                    attempt.body = response.body;
                    if (response.status == 201)
                        ++acknowledged;
                    const std::lock_guard lock(mutex);
                    attempts.push_back(std::move(attempt));
                }
            });
        }
        QDeadlineTimer deadline(30000);
        while (acknowledged.load() < KillAfter && !deadline.hasExpired())
            QThread::msleep(1);
        first.kill();
        crashed = true;
        for (std::thread &writer : writers)
            writer.join();
        QVERIFY2(acknowledged.load() >= KillAfter, "the writes were too slow to start");

        TenantrydProcess second(kServerArguments, first.dataDir());
        QVERIFY2(second.start(&error), qPrintable(error));
        ApiClient client(second.baseUrl());
        QVERIFY(client.signIn(kEmail, kPassword));
        QStringList expected;
        for (const Attempt &attempt : attempts) {
            QVERIFY2(attempt.status == 201 || attempt.status == 0,
                     qPrintable(attempt.name + QStringLiteral(": HTTP ")
                                + QString::number(attempt.status)));
            const ApiResponse retry = client.request("POST",
                                                     QStringLiteral("/v1/tenants"),
                                                     tenantBody(attempt.name),
                                                     {{"Idempotency-Key", attempt.key}});
            QVERIFY2(retry.status == 201,
                     qPrintable(attempt.name + QStringLiteral(" retried: ") + bodyOf(retry)));
            if (attempt.status == 201) {
                QCOMPARE(retry.header("Idempotent-Replayed"), QByteArray("true"));
                QCOMPARE(retry.body, attempt.body);
            }
            expected << attempt.name;
        }
        QStringList stored = allTenantNames(client);
        stored.sort();
        expected.sort();
        QCOMPARE(stored, expected); // each exactly once
        QCOMPARE(second.stop(), 0);
    }

private:
    TenantrydProcess m_first{kServerArguments};
};

QTEST_GUILESS_MAIN(TestApiShutdown)
#include "testapishutdown.moc"
