// TenantPager against a real tenantryd --demo: it walks all 2,000 demo tenants through the
// cursor pages (each once) while the calling thread's event loop keeps turning,
// honours filters and page sizes, stops silently when cancelled, and ends with the error when
// a page fails.

#include "client/apiclient.h"
#include "client/signinjob.h"
#include "client/tenantpager.h"
#include "tests/server/support/tenantrydprocess.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTimer>
#include <QtTest>

#include <memory>
#include <set>

using namespace Tenantry;
using Tenantry::TestSupport::TenantrydProcess;

namespace {

constexpr std::size_t demoTenants = TenantrydProcess::demoCustomers; // --demo seeds this many

struct Walk
{
    std::vector<Tenant> tenants;
    int pages = 0;
    bool lastHadMore = true;
};

} // namespace

class TestTenantPager : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TenantrydProcess> m_server;
    std::unique_ptr<ApiClient> m_client;

    // Walks to the end; false if the walk did not finish in time.
    bool walk(TenantPager &pager, Walk &result)
    {
        connect(&pager,
                &TenantPager::pageFetched,
                this,
                [&result](const std::vector<Tenant> &tenants, bool hasMore) {
                    result.tenants.insert(result.tenants.end(), tenants.begin(), tenants.end());
                    ++result.pages;
                    result.lastHadMore = hasMore;
                });
        QSignalSpy finished(&pager, &TenantPager::finished);
        pager.start();
        return finished.wait(120000) && finished.count() == 1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!TenantrydProcess::binary().isEmpty(), "TENANTRYD_BIN is not set");
        m_server = std::make_unique<TenantrydProcess>(QStringList{QStringLiteral("--demo")});
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        m_client = std::make_unique<ApiClient>(QUrl(m_server->baseUrl()));
        SignInJob signIn(m_client.get(),
                         QStringLiteral("admin@demo.tenantry.dev"),
                         m_server->demoPassword(QStringLiteral("admin")));
        signIn.setAutoDelete(false);
        QSignalSpy finished(&signIn, &ApiJob::finished);
        signIn.start();
        QVERIFY(finished.wait(30000));
        QVERIFY(!signIn.hasError());
        m_client->setToken(signIn.session().token);
    }

    void cleanupTestCase()
    {
        m_client.reset();
        if (m_server)
            QCOMPARE(m_server->stop(), 0);
    }

    void walksEveryDemoTenantOnce()
    {
        TenantPager pager(m_client.get(), TenantQuery{});

        // The event loop of this thread keeps turning while pages are fetched and decoded.
        QElapsedTimer sinceTick;
        qint64 longestStall = 0;
        QTimer ticker;
        ticker.setInterval(5);
        connect(&ticker, &QTimer::timeout, this, [&] {
            longestStall = std::max(longestStall, sinceTick.restart());
        });
        sinceTick.start();
        ticker.start();

        QElapsedTimer clock;
        clock.start();
        Walk result;
        QVERIFY(walk(pager, result));
        const qint64 elapsed = clock.elapsed();
        ticker.stop();

        QVERIFY2(!pager.hasError(),
                 qPrintable(pager.error() ? pager.error()->toLogString() : QString()));
        QCOMPARE(result.tenants.size(), demoTenants);
        QCOMPARE(pager.tenantCount(), qsizetype(demoTenants));
        QCOMPARE(result.pages, int((demoTenants + 99) / 100)); // 100 a page
        QCOMPARE(pager.pageCount(), int((demoTenants + 99) / 100));
        QVERIFY(!result.lastHadMore);

        std::set<std::string> ids;
        for (const Tenant &tenant : result.tenants)
            ids.insert(tenant.id);
        QCOMPARE(ids.size(), demoTenants);

        qInfo("walked %zu tenants in %d pages in %lld ms; longest event-loop stall %lld ms",
              result.tenants.size(),
              result.pages,
              static_cast<long long>(elapsed),
              static_cast<long long>(longestStall));
        QVERIFY2(longestStall < 500, qPrintable(QString::number(longestStall)));
    }

    void smallerPagesGiveTheSameTenants()
    {
        TenantQuery query;
        query.limit = 37;
        TenantPager pager(m_client.get(), query);
        Walk result;
        QVERIFY(walk(pager, result));
        QVERIFY(!pager.hasError());
        QCOMPARE(result.pages, int((demoTenants + 36) / 37));
        std::set<std::string> ids;
        for (const Tenant &tenant : result.tenants)
            ids.insert(tenant.id);
        QCOMPARE(ids.size(), demoTenants);
    }

    void filtersApplyToEveryPage()
    {
        TenantQuery query;
        query.status = TenantStatus::Active;
        query.region = QStringLiteral("eu-west-1");
        TenantPager pager(m_client.get(), query);
        Walk result;
        QVERIFY(walk(pager, result));
        QVERIFY(!pager.hasError());
        QVERIFY(!result.tenants.empty());
        QVERIFY(result.tenants.size() < demoTenants);
        for (const Tenant &tenant : result.tenants) {
            QVERIFY(tenant.status == TenantStatus::Active);
            QCOMPARE(tenant.region, std::string("eu-west-1"));
        }
    }

    void cancelStopsTheWalk()
    {
        TenantPager pager(m_client.get(), TenantQuery{});
        int pages = 0;
        connect(&pager, &TenantPager::pageFetched, this, [&pages, &pager] {
            ++pages;
            pager.cancel();
        });
        QSignalSpy finished(&pager, &TenantPager::finished);
        pager.start();
        QTRY_COMPARE_WITH_TIMEOUT(pages, 1, 30000);
        QTest::qWait(500);
        QCOMPARE(pages, 1);
        QCOMPARE(finished.count(), 0);
        QVERIFY(pager.isCancelled());
        QVERIFY(!pager.isRunning());

        // A cancelled pager can walk again from the start.
        pages = 0;
        pager.start();
        pager.cancel(); // before the first page arrives
        QTest::qWait(500);
        QCOMPARE(pages, 0);
        QCOMPARE(finished.count(), 0);
    }

    void aFailingPageEndsTheWalkWithItsError()
    {
        ApiClient stranger{QUrl(m_server->baseUrl())};
        TenantPager pager(&stranger, TenantQuery{});
        Walk result;
        QVERIFY(walk(pager, result));
        QVERIFY(pager.hasError());
        QCOMPARE(pager.error()->kind(), ApiError::Kind::Unauthorized);
        QCOMPARE(result.pages, 0);
    }
};

QTEST_GUILESS_MAIN(TestTenantPager)
#include "testtenantpager.moc"
