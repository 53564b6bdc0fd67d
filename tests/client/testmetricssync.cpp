// MetricsSync and MetricsCache against a real tenantryd --demo: the first sync copies the whole
// event, spend and tenant feeds into a new cache file (paged, with progress), a second sync asks
// only for what changed since (one request per feed, no event rows, without the late-commit
// window) and changes nothing (with it), new rows and a renamed tenant on the server arrive with
// the next sync, an event that commits after a newer one was synced arrives too, the cache opens
// and loads with no server, a
// version 1 cache gains the tenants table and keeps its rows, and a corrupt or old-schema cache
// file is rebuilt instead of failing.

#include "client/apiclient.h"
#include "client/metricscache.h"
#include "client/metricsreport.h"
#include "client/metricssync.h"
#include "client/signinjob.h"
#include "tests/server/support/apiclient.h"
#include "tests/server/support/tenantrydprocess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <map>
#include <memory>

using namespace Tenantry;
using Tenantry::TestSupport::TenantrydProcess;

class TestMetricsSync : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TenantrydProcess> m_server;
    std::unique_ptr<Tenantry::ApiClient> m_client;
    std::unique_ptr<TestSupport::ApiClient> m_finance;
    std::unique_ptr<TestSupport::ApiClient> m_support;
    QTemporaryDir m_directory;

    QString cachePath() const { return m_directory.filePath(QStringLiteral("metrics.sqlite")); }

    // Runs a sync to its end; false if it did not finish in time.
    static bool runSync(MetricsSync &sync)
    {
        QSignalSpy finished(&sync, &MetricsSync::finished);
        sync.start();
        return finished.wait(120000) && finished.count() == 1;
    }

    // Every tenant the server lists (id -> name), through GET /v1/tenants page by page.
    std::map<QString, QString> serverTenants()
    {
        std::map<QString, QString> tenants;
        QString cursor;
        for (;;) {
            const TestSupport::ApiResponse page = m_finance->get(
                QStringLiteral("/v1/tenants?limit=100")
                + (cursor.isEmpty() ? QString() : QStringLiteral("&starting_after=") + cursor));
            if (page.status != 200)
                return {};
            const QJsonArray data = page.json()[u"data"].toArray();
            for (const QJsonValue &tenant : data)
                tenants[tenant[u"id"].toString()] = tenant[u"name"].toString();
            if (!page.json()[u"has_more"].toBool())
                return tenants;
            cursor = page.json()[u"next_cursor"].toString();
        }
    }

    qint64 serverEventCount()
    {
        qint64 count = 0;
        QString cursor;
        for (;;) {
            const TestSupport::ApiResponse page = m_finance->get(
                QStringLiteral("/v1/metrics/events?limit=1000")
                + (cursor.isEmpty() ? QString() : QStringLiteral("&starting_after=") + cursor));
            if (page.status != 200)
                return -1;
            count += page.json()[u"data"].toArray().size();
            if (!page.json()[u"has_more"].toBool())
                return count;
            cursor = page.json()[u"next_cursor"].toString();
        }
    }

    // A new tenant with a subscription to Pro (no trial): one new MRR event; the subscription's
    // id, or empty on failure.
    QString subscribeNewTenant(const QString &name)
    {
        const TestSupport::ApiResponse tenant = m_support->post(QStringLiteral("/v1/tenants"),
                                                                {{QStringLiteral("name"), name},
                                                                 {QStringLiteral("region"),
                                                                  QStringLiteral("us-east-1")}});
        if (tenant.status != 201)
            return {};
        const TestSupport::ApiResponse subscription = m_support->post(
            QStringLiteral("/v1/subscriptions"),
            {{QStringLiteral("tenant_id"), tenant.json()[u"id"].toString()},
             {QStringLiteral("plan_id"), m_support->planId(QStringLiteral("pro"))},
             {QStringLiteral("trial_days"), 0}});
        if (subscription.status != 201)
            return {};
        return subscription.json()[u"id"].toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_directory.isValid());
        QVERIFY2(!TenantrydProcess::binary().isEmpty(), "TENANTRYD_BIN is not set");
        // The console's demo (2,000 customers): a feed of several pages.
        m_server = std::make_unique<TenantrydProcess>(
            QStringList{QStringLiteral("--demo"),
                        QStringLiteral("--demo-customers"),
                        QStringLiteral("2000")});
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        const QString password = m_server->demoPassword(QStringLiteral("finance"));
        m_client = std::make_unique<Tenantry::ApiClient>(QUrl(m_server->baseUrl()));
        SignInJob signIn(m_client.get(), QStringLiteral("finance@demo.tenantry.dev"), password);
        signIn.setAutoDelete(false);
        QSignalSpy finished(&signIn, &ApiJob::finished);
        signIn.start();
        QVERIFY(finished.wait(30000));
        QVERIFY(!signIn.hasError());
        m_client->setToken(signIn.session().token);
        m_finance = std::make_unique<TestSupport::ApiClient>(m_server->baseUrl());
        QVERIFY(m_finance->signIn(QStringLiteral("finance@demo.tenantry.dev"), password));
        m_support = std::make_unique<TestSupport::ApiClient>(m_server->baseUrl());
        QVERIFY(m_support->signIn(QStringLiteral("support@demo.tenantry.dev"),
                                  m_server->demoPassword(QStringLiteral("support"))));
    }

    void firstSyncCopiesTheFeeds()
    {
        const qint64 expectedEvents = serverEventCount();
        QVERIFY(expectedEvents > 1000); // more than one page
        MetricsSync sync(m_client.get(), cachePath());
        QSignalSpy progress(&sync, &MetricsSync::progressChanged);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(runSync(sync));
        QVERIFY2(!sync.hasError(), qPrintable(sync.errorMessage()));
        QVERIFY(sync.isFullSync());
        qInfo("first sync: %lld events, %lld spend records, %d requests in %lld ms",
              sync.eventRowCount(),
              sync.spendRowCount(),
              sync.requestCount(),
              timer.elapsed());
        QCOMPARE(sync.eventRowCount(), expectedEvents);
        QVERIFY(sync.spendRowCount() > 0);
        const int eventPages = static_cast<int>(expectedEvents / 1000 + 1);
        QVERIFY(progress.count() >= eventPages);
        QCOMPARE(progress.last().at(0).toInt(), sync.pageCount() - 1); // the plans page follows
        QVERIFY(sync.finishedAt().isValid());

        MetricsCache cache;
        QVERIFY(cache.open(cachePath()));
        QVERIFY(!cache.wasRebuilt());
        QCOMPARE(cache.eventCount(), expectedEvents);
        QCOMPARE(cache.spendCount(), sync.spendRowCount());
        QVERIFY(cache.lastSync().isValid());
        MetricsData data;
        QVERIFY(cache.load(data));
        QCOMPARE(qint64(data.events.size()), expectedEvents);
        QVERIFY(!data.plans.empty());
        QVERIFY(!data.plans.front().currency.empty());

        // Every tenant's name, and a name for every tenant the events name.
        const std::map<QString, QString> tenants = serverTenants();
        QVERIFY(tenants.size() > 100); // more than one page
        QCOMPARE(sync.tenantRowCount(), qint64(tenants.size()));
        QCOMPARE(cache.tenantCount(), qint64(tenants.size()));
        QCOMPARE(data.tenantNames.size(), tenants.size());
        for (const auto &[id, name] : tenants)
            QCOMPARE(QString::fromStdString(data.tenantNames.at(id.toStdString())), name);
        for (const MrrEvent &event : data.events)
            QVERIFY(data.tenantNames.count(event.tenantId) == 1);
    }

    void secondSyncFetchesOnlyWhatChanged()
    {
        qint64 version = 0;
        {
            MetricsCache cache;
            QVERIFY(cache.open(cachePath()));
            version = cache.dataVersion();
        }
        // As the console syncs: what was stamped within the late-commit window comes again (the
        // demo's tenants were all written at start-up) and changes nothing.
        {
            MetricsSync again(m_client.get(), cachePath());
            QVERIFY(runSync(again));
            QVERIFY2(!again.hasError(), qPrintable(again.errorMessage()));
            QVERIFY(!again.isFullSync());
            QCOMPARE(again.changedRowCount(), qint64(0));
            QVERIFY(again.tenantRowCount() > 0);
            qInfo("second sync with the late-commit window: %d requests, %lld event rows, %lld "
                  "tenant rows",
                  again.requestCount(),
                  again.eventRowCount(),
                  again.tenantRowCount());
            MetricsCache cache;
            QVERIFY(cache.open(cachePath()));
            QCOMPARE(cache.dataVersion(), version);
        }
        // Without the window: only the rows of the newest instant held come again.
        MetricsSync sync(m_client.get(), cachePath());
        sync.setLateCommitWindow(std::nullopt);
        QVERIFY(runSync(sync));
        QVERIFY2(!sync.hasError(), qPrintable(sync.errorMessage()));
        QVERIFY(!sync.isFullSync());
        QCOMPARE(sync.eventRowCount(), qint64(0));
        // updated_since is inclusive: the spend records of the newest instant held come again
        // (the demo seeds them all at once), and change nothing.
        QCOMPARE(sync.changedRowCount(), qint64(0));
        QCOMPARE(sync.requestCount(), 4); // events, spend, tenants, plans: one page each
        // updated_since is inclusive: only the tenants of the newest instant held come again.
        QVERIFY2(sync.tenantRowCount() < 100, qPrintable(QString::number(sync.tenantRowCount())));
        MetricsCache cache;
        QVERIFY(cache.open(cachePath()));
        QCOMPARE(cache.dataVersion(), version); // nothing changed: a report snapshot stays valid
        qInfo("second sync: %d requests, %lld event rows, %lld spend rows",
              sync.requestCount(),
              sync.eventRowCount(),
              sync.spendRowCount());
    }

    void newRowsArriveWithTheNextSync()
    {
        MetricsCache before;
        QVERIFY(before.open(cachePath()));
        const qint64 eventsBefore = before.eventCount();
        const qint64 spendBefore = before.spendCount();
        // The dashboard's report snapshot: kept exactly, used only for its data version and key.
        MetricsData data;
        QVERIFY(before.load(data));
        QVERIFY(data.dataVersion > 0);
        const MetricsReport report = MetricsReport::compute(data, std::nullopt);
        QVERIFY(!report.isEmpty());
        const QByteArray key = MetricsReport::snapshotKey(std::nullopt, SeriesOptions());
        QVERIFY(before.putReportSnapshot(data.dataVersion, key, report.toSnapshot()));
        const std::optional<QByteArray> held = before.reportSnapshot(before.dataVersion(), key);
        QVERIFY(held.has_value());
        const std::optional<MetricsReport> restored = MetricsReport::fromSnapshot(*held);
        QVERIFY(restored.has_value());
        QVERIFY(restored->series == report.series);
        QVERIFY(restored->cohorts == report.cohorts);
        QVERIFY(restored->currency == report.currency);
        QVERIFY(restored->currencies == report.currencies);
        SeriesOptions otherFloor;
        otherFloor.churnFloor = 0.02;
        QVERIFY(!before.reportSnapshot(data.dataVersion,
                                       MetricsReport::snapshotKey(std::nullopt, otherFloor)));
        QVERIFY(!MetricsReport::fromSnapshot(held->left(held->size() - 3)));

        const TestSupport::ApiResponse tenant = m_support->post(QStringLiteral("/v1/tenants"),
                                                                {{QStringLiteral("name"),
                                                                  QStringLiteral("Sync me")},
                                                                 {QStringLiteral("region"),
                                                                  QStringLiteral("us-east-1")}});
        QCOMPARE(tenant.status, 201);
        QCOMPARE(m_support
                     ->post(QStringLiteral("/v1/subscriptions"),
                            {{QStringLiteral("tenant_id"), tenant.json()[u"id"].toString()},
                             {QStringLiteral("plan_id"), m_support->planId(QStringLiteral("pro"))},
                             {QStringLiteral("trial_days"), 0}})
                     .status,
                 201);
        const TestSupport::ApiResponse created = m_finance->post(
            QStringLiteral("/v1/metrics/spend"),
            {{QStringLiteral("month"), QStringLiteral("2031-03")},
             {QStringLiteral("amount"), 1250000},
             {QStringLiteral("currency"), QStringLiteral("usd")}});
        QCOMPARE(created.status, 201);

        MetricsSync sync(m_client.get(), cachePath());
        sync.setLateCommitWindow(std::nullopt); // for exact counts: nothing read twice
        QVERIFY(runSync(sync));
        QVERIFY2(!sync.hasError(), qPrintable(sync.errorMessage()));
        QCOMPARE(sync.eventRowCount(), qint64(1));
        QCOMPARE(sync.changedRowCount(), qint64(3)); // the event, the spend record, the tenant
        QCOMPARE(sync.requestCount(), 4);

        MetricsCache after;
        QVERIFY(after.open(cachePath()));
        QCOMPARE(after.eventCount(), eventsBefore + 1);
        QCOMPARE(after.spendCount(), spendBefore + 1);
        MetricsData names;
        QVERIFY(after.load(names));
        QCOMPARE(names.tenantNames.at(tenant.json()[u"id"].toString().toStdString()),
                 std::string("Sync me"));
        // New data: the snapshot computed before it is stale.
        QVERIFY(after.dataVersion() > data.dataVersion);
        QVERIFY(!after.reportSnapshot(after.dataVersion(), key));
    }

    void renamedTenantArrivesWithTheNextSync()
    {
        const TestSupport::ApiResponse list = m_support->get(QStringLiteral("/v1/tenants?limit=1"));
        QCOMPARE(list.status, 200);
        const QString id = list.json()[u"data"].toArray().at(0)[u"id"].toString();
        const TestSupport::ApiResponse current = m_support->get(QStringLiteral("/v1/tenants/") + id);
        QCOMPARE(current.status, 200);
        const TestSupport::ApiResponse renamed = m_support->patch(
            QStringLiteral("/v1/tenants/") + id,
            {{QStringLiteral("name"), QStringLiteral("Renamed for the dashboard")}},
            current.header("ETag"));
        QCOMPARE(renamed.status, 200);

        MetricsSync sync(m_client.get(), cachePath());
        sync.setLateCommitWindow(std::nullopt); // for exact counts: nothing read twice
        QVERIFY(runSync(sync));
        QVERIFY2(!sync.hasError(), qPrintable(sync.errorMessage()));
        QCOMPARE(sync.changedRowCount(), qint64(1)); // the renamed tenant only
        QCOMPARE(sync.requestCount(), 4);
        MetricsCache cache;
        QVERIFY(cache.open(cachePath()));
        MetricsData data;
        QVERIFY(cache.load(data));
        QCOMPARE(data.tenantNames.at(id.toStdString()), std::string("Renamed for the dashboard"));
    }

    void lateCommittedEventArrivesWithTheNextSync()
    {
        // With concurrent writers (server processes on PostgreSQL), an event can commit after a
        // newer one was synced, with a place in the feed before it. Played on the server's
        // SQLite file: the first new event is taken out (not yet committed), the second is
        // synced, then the first comes back with its seq and id (the late commit).
        if (TenantrydProcess::usesPostgres())
            QSKIP("plays the late commit on the server's SQLite file");
        const QString late = subscribeNewTenant(QStringLiteral("Late commit"));
        QVERIFY(!late.isEmpty());
        QSqlDatabase server = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                        QStringLiteral("server"));
        server.setDatabaseName(m_server->dataDir() + QStringLiteral("/tenantry.db"));
        server.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        QVERIFY(server.open());
        {
            QSqlQuery query(server);
            QVERIFY(query.exec(QStringLiteral("CREATE TEMP TABLE held AS SELECT * FROM mrr_events "
                                              "WHERE subscription_id = '%1'")
                                   .arg(late)));
            QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM temp.held")) && query.next());
            QCOMPARE(query.value(0).toInt(), 1);
            QVERIFY(query.exec(
                QStringLiteral("DELETE FROM mrr_events WHERE subscription_id = '%1'").arg(late)));
        }
        const QString newer = subscribeNewTenant(QStringLiteral("Committed first"));
        QVERIFY(!newer.isEmpty());

        const auto holds = [this](const QString &subscriptionId) {
            MetricsCache cache;
            MetricsData data;
            if (!cache.open(cachePath()) || !cache.load(data))
                return false;
            return std::any_of(data.events.begin(), data.events.end(), [&](const MrrEvent &event) {
                return event.subscriptionId == subscriptionId.toStdString();
            });
        };
        MetricsSync sync(m_client.get(), cachePath());
        QVERIFY(runSync(sync));
        QVERIFY2(!sync.hasError(), qPrintable(sync.errorMessage()));
        QVERIFY(holds(newer));
        QVERIFY(!holds(late));

        {
            QSqlQuery query(server);
            QVERIFY(query.exec(QStringLiteral("INSERT INTO mrr_events SELECT * FROM temp.held")));
        }
        server.close();
        server = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("server"));

        // Resuming after the newest event held only (no window) misses it for good...
        MetricsSync resumeOnly(m_client.get(), cachePath());
        resumeOnly.setLateCommitWindow(std::nullopt);
        QVERIFY(runSync(resumeOnly));
        QVERIFY2(!resumeOnly.hasError(), qPrintable(resumeOnly.errorMessage()));
        QCOMPARE(resumeOnly.eventRowCount(), qint64(0));
        QVERIFY(!holds(late));
        // ...the console's sync reads the window again and finds it, once.
        MetricsSync windowed(m_client.get(), cachePath());
        QVERIFY(runSync(windowed));
        QVERIFY2(!windowed.hasError(), qPrintable(windowed.errorMessage()));
        QVERIFY(windowed.eventRowCount() >= 2); // the late event, and the newer one again
        QCOMPARE(windowed.changedRowCount(), qint64(1));
        QVERIFY(holds(late));
        MetricsCache cache;
        QVERIFY(cache.open(cachePath()));
        QCOMPARE(cache.eventCount(), serverEventCount());
    }

    void versionOneCacheGainsTenantNames()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("v1.sqlite"));
        {
            MetricsCache cache;
            QVERIFY(cache.open(path));
            MrrEvent event{"ten_x",
                           "sub_x",
                           Timestamp(std::chrono::seconds(1735689600)),
                           4900,
                           *Currency::fromCode("usd"),
                           std::string("pln_x")};
            QVERIFY(cache.addEvents({{"mrr_1", event, event.at}}));
        }
        {
            // What version 1 of the schema was: no tenants table.
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                        QStringLiteral("v1"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("DROP TABLE tenants")));
            QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 1")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));
        MetricsCache cache;
        QVERIFY2(cache.open(path, MetricsCache::Check::Integrity), qPrintable(cache.errorMessage()));
        QVERIFY(!cache.wasRebuilt());
        QCOMPARE(cache.eventCount(), qint64(1));
        QVERIFY(!cache.newestTenantUpdate().has_value());
        Tenant tenant;
        tenant.id = "ten_x";
        tenant.name = "Xylophone Ltd";
        tenant.updatedAt = Timestamp(std::chrono::seconds(1735689600));
        qint64 changed = 0;
        QVERIFY(cache.putTenants({tenant}, &changed));
        QCOMPARE(changed, qint64(1));
        QVERIFY(cache.putTenants({tenant}, &changed)); // the boundary row again: no change
        QCOMPARE(changed, qint64(0));
        QVERIFY(cache.newestTenantUpdate() == tenant.updatedAt);
        MetricsData data;
        QVERIFY(cache.load(data));
        QCOMPARE(data.tenantNames.at("ten_x"), std::string("Xylophone Ltd"));
    }

    void cacheOpensWithoutTheServer()
    {
        // Nobody listens on port 9 of loopback: the sync fails, the cache stays as it was.
        Tenantry::ApiClient offline(QUrl(QStringLiteral("http://127.0.0.1:9")));
        offline.setToken(QStringLiteral("t"));
        offline.setMaxRetries(0);
        MetricsCache before;
        QVERIFY(before.open(cachePath()));
        const qint64 events = before.eventCount();
        MetricsSync sync(&offline, cachePath());
        QVERIFY(runSync(sync));
        QVERIFY(sync.hasError());
        QVERIFY(sync.apiError().has_value());
        QVERIFY(sync.apiError()->kind() == ApiError::Kind::Network);

        MetricsCache cache;
        QVERIFY(cache.open(cachePath()));
        MetricsData data;
        QVERIFY(cache.load(data));
        QCOMPARE(qint64(data.events.size()), events);
        QVERIFY(data.lastSync.isValid());
    }

    void cancelStopsSilently()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("cancelled.sqlite"));
        MetricsSync sync(m_client.get(), path);
        QSignalSpy finished(&sync, &MetricsSync::finished);
        QSignalSpy progress(&sync, &MetricsSync::progressChanged);
        sync.start();
        QVERIFY(progress.wait(60000));
        sync.cancel();
        QVERIFY(!sync.isRunning());
        QTest::qWait(300);
        QCOMPARE(finished.count(), 0);
        // What was written stays; the next sync continues after it.
        MetricsSync again(m_client.get(), path);
        QVERIFY(runSync(again));
        QVERIFY(!again.hasError());
        QVERIFY(!again.isFullSync());
        MetricsCache cache;
        QVERIFY(cache.open(path));
        QCOMPARE(cache.eventCount(), serverEventCount());
    }

    void corruptCacheIsRebuilt()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("corrupt.sqlite"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, 'x'));
        file.close();
        {
            MetricsCache cache;
            QVERIFY2(cache.open(path), qPrintable(cache.errorMessage()));
            QVERIFY(cache.wasRebuilt());
            QCOMPARE(cache.eventCount(), qint64(0));
        }
        {
            MetricsCache cache;
            QVERIFY(cache.open(path));
            QVERIFY(!cache.wasRebuilt());
        }
        // A damaged page in the middle of a real, synced cache file.
        MetricsSync sync(m_client.get(), path);
        QVERIFY(runSync(sync));
        QVERIFY(!sync.hasError());
        QVERIFY(sync.isFullSync());
        QFile damaged(path);
        QVERIFY(damaged.open(QIODevice::ReadWrite));
        constexpr qint64 pageSize = 4096; // SQLite's default page size
        QVERIFY(damaged.size() > 3 * pageSize);
        damaged.seek(2 * pageSize);
        damaged.write(QByteArray(pageSize, '\xff'));
        damaged.close();
        {
            // Only the schema is checked on every open (each page the sync writes): the damage
            // is found by the integrity check of the next sync or dashboard load.
            MetricsCache cache;
            QVERIFY(cache.open(path));
            QVERIFY(!cache.wasRebuilt());
        }
        MetricsCache cache;
        QVERIFY2(cache.open(path, MetricsCache::Check::Integrity), qPrintable(cache.errorMessage()));
        QVERIFY(cache.wasRebuilt());
        QCOMPARE(cache.eventCount(), qint64(0));
    }

    void oldSchemaIsRebuilt()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("old.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                        QStringLiteral("old"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("CREATE TABLE mrr_events (id TEXT)")));
            QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 0")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("old"));
        MetricsCache cache;
        QVERIFY2(cache.open(path), qPrintable(cache.errorMessage()));
        QVERIFY(cache.wasRebuilt());
        QCOMPARE(cache.eventCount(), qint64(0));
        QVERIFY(cache.lastEventId().isEmpty());
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_finance.reset();
        m_support.reset();
        m_server.reset();
    }
};

QTEST_GUILESS_MAIN(TestMetricsSync)
#include "testmetricssync.moc"
