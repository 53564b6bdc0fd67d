// The console when the server goes away, against real tenantryd processes, offscreen: the server
// is killed while the main window is open, the search typed next fails, the banner says the
// server cannot be reached and "Offline" shows; a server comes back on the same port and data
// folder, "Retry now" reconnects, the banner goes, the typed search is still there and the list
// loads it. Also: saved tenant filters keep every field.

#include "tests/ui/uitestsupport.h"
#include "ui/connectionbanner.h"
#include "ui/mainwindow.h"
#include "ui/savedtenantfilters.h"
#include "ui/tenantsview.h"
#include "ui/tenanttablemodel.h"

#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace Tenantry;
using namespace Tenantry::TestSupport;

namespace {
constexpr int timeoutMs = 30000;
}

class TestConnectionBanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!TenantrydProcess::binary().isEmpty(), "TENANTRYD_BIN is not set");
    }

    void bannerRetriesAndKeepsWhatWasTyped()
    {
        TenantrydProcess first(QStringList{QStringLiteral("--demo")});
        QString error;
        QVERIFY2(first.start(&error), qPrintable(error));
        SignedIn support = signIn(first, "support");
        QVERIFY(support.client);
        support.client->setMaxRetries(0); // the banner, not the client's own retries, is tested
        MainWindow window(support.client.get());
        window.show();
        QSignalSpy started(&window, &MainWindow::sessionStarted);
        window.startSession();
        QVERIFY(window.hasSession() || started.wait(timeoutMs));
        TenantsView *tenants = window.tenantsView();
        QTRY_VERIFY_WITH_TIMEOUT(tenants->model()->rowCount() > 0 && !tenants->model()->isLoading(),
                                 timeoutMs);

        const quint16 port = first.port();
        first.kill(); // the data folder stays until `first` goes

        ConnectionBanner *banner = window.connectionBanner();
        QVERIFY(!banner->isUnreachable());
        QTest::keyClicks(tenants->searchField(), QStringLiteral("re"));
        QTRY_VERIFY_WITH_TIMEOUT(banner->isUnreachable(), timeoutMs);
        QVERIFY(banner->isVisible());
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("connectionState"))->text(),
                 QStringLiteral("Offline"));

        TenantrydProcess second(QStringList{QStringLiteral("--listen"),
                                            QStringLiteral("127.0.0.1:%1").arg(port)},
                                first.dataDir());
        QVERIFY2(second.start(&error), qPrintable(error));
        QCOMPARE(second.port(), port);

        QSignalSpy reconnected(banner, &ConnectionBanner::reconnected);
        banner->retryNow();
        QVERIFY(reconnected.wait(timeoutMs));
        QVERIFY(!banner->isUnreachable());
        QVERIFY(!banner->isVisible());
        QCOMPARE(tenants->searchField()->text(), QStringLiteral("re"));
        QTRY_VERIFY_WITH_TIMEOUT(tenants->model()->query().search == QStringLiteral("re")
                                     && !tenants->model()->isLoading() && !tenants->model()->error()
                                     && tenants->model()->rowCount() > 0,
                                 timeoutMs);
    }

    void savedFiltersKeepEveryField()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("filters.ini"));
        TenantQuery query;
        query.search = QStringLiteral("acme");
        query.status = TenantStatus::Suspended;
        query.planId = QStringLiteral("pln_pro");
        query.isolation = Isolation::Silo;
        query.region = QStringLiteral("eu-west-1");
        {
            SavedTenantFilters filters(file);
            filters.save(QStringLiteral("Suspended EU silos"), query);
            filters.save(QStringLiteral("All"), TenantQuery{});
        }
        SavedTenantFilters reopened(file); // as after a restart
        QCOMPARE(reopened.names(),
                 (QStringList{QStringLiteral("All"), QStringLiteral("Suspended EU silos")}));
        const std::optional<TenantQuery> back = reopened.filter(
            QStringLiteral("Suspended EU silos"));
        QVERIFY(back);
        QCOMPARE(back->search, query.search);
        QVERIFY(back->status == query.status);
        QCOMPARE(back->planId, query.planId);
        QVERIFY(back->isolation == query.isolation);
        QCOMPARE(back->region, query.region);
        const std::optional<TenantQuery> all = reopened.filter(QStringLiteral("All"));
        QVERIFY(all && !all->status && !all->isolation && all->search.isEmpty());
        reopened.remove(QStringLiteral("All"));
        QCOMPARE(reopened.names(), QStringList{QStringLiteral("Suspended EU silos")});
        QVERIFY(!reopened.filter(QStringLiteral("All")));
    }
};

QTEST_MAIN(TestConnectionBanner)
#include "testconnectionbanner.moc"
