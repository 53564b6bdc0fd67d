// TenantTableModel against a real tenantryd --demo, under QAbstractItemModelTester: fetchMore
// until every one of the 2,000 demo tenants is loaded, each once; a filtered query loads only
// matching rows; updateTenant() changes one row in place.

#include "client/apiclient.h"
#include "client/signinjob.h"
#include "tests/server/support/tenantrydprocess.h"
#include "ui/tenanttablemodel.h"

#include <QAbstractItemModelTester>
#include <QSet>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace Tenantry;
using Tenantry::TestSupport::TenantrydProcess;

namespace {

constexpr int demoTenants = TestSupport::TenantrydProcess::demoCustomers;

// fetchMore() until the model has everything; false on an error or after two minutes.
bool loadAll(TenantTableModel &model)
{
    QElapsedTimer timer;
    timer.start();
    while (!model.hasLoadedAll()) {
        if (model.error() || timer.elapsed() > 120000)
            return false;
        if (model.canFetchMore({}))
            model.fetchMore({});
        QSignalSpy loaded(&model, &TenantTableModel::loadingChanged);
        if (model.isLoading() && !loaded.wait(30000))
            return false;
    }
    return true;
}

} // namespace

class TestTenantTableModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TenantrydProcess> m_server;
    std::unique_ptr<ApiClient> m_client;

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
        m_server.reset();
    }

    void pagesThroughEveryTenantOnce()
    {
        TenantTableModel model(m_client.get());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.columnCount(), int(TenantTableModel::ColumnCount));
        // Nothing is fetched before a query is set (the tester itself calls fetchMore()).
        QVERIFY(!model.isLoading());
        QVERIFY(!model.canFetchMore({}));
        model.setQuery(TenantQuery{});
        QVERIFY(loadAll(model));
        QCOMPARE(model.rowCount(), demoTenants);
        QVERIFY(!model.canFetchMore({}));
        QSet<QString> ids;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString id = model.index(row, 0).data(TenantTableModel::TenantIdRole).toString();
            QVERIFY(id.startsWith(QLatin1String("ten_")));
            ids.insert(id);
            QCOMPARE(model.rowOf(id), row);
        }
        QCOMPARE(ids.size(), demoTenants);
        QVERIFY(!model.index(0, TenantTableModel::Name).data().toString().isEmpty());
        QVERIFY(!model.headerData(TenantTableModel::Status, Qt::Horizontal).toString().isEmpty());
    }

    void loadsOnlyWhatTheQueryMatches()
    {
        TenantTableModel model(m_client.get());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        TenantQuery query;
        query.status = TenantStatus::Active;
        query.region = QStringLiteral("eu-west-1");
        model.setQuery(query);
        QVERIFY(loadAll(model));
        QVERIFY(model.rowCount() > 0);
        QVERIFY(model.rowCount() < demoTenants);
        for (int row = 0; row < model.rowCount(); ++row) {
            const Tenant *tenant = model.tenantAt(row);
            QVERIFY(tenant);
            QCOMPARE(int(tenant->status), int(TenantStatus::Active));
            QCOMPARE(QString::fromStdString(tenant->region), QStringLiteral("eu-west-1"));
        }
    }

    void updatesOneRowInPlace()
    {
        TenantTableModel model(m_client.get());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reload();
        QSignalSpy loaded(&model, &TenantTableModel::pageLoaded);
        QVERIFY(loaded.wait(30000));
        QCOMPARE(model.rowCount(), TenantTableModel::pageSize);
        Tenant changed = *model.tenantAt(3);
        changed.name = "Renamed for the test";
        QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
        model.updateTenant(changed);
        QCOMPARE(dataChanged.count(), 1);
        QCOMPARE(model.index(3, TenantTableModel::Name).data().toString(),
                 QStringLiteral("Renamed for the test"));
        QCOMPARE(model.rowCount(), TenantTableModel::pageSize);
    }
};

QTEST_MAIN(TestTenantTableModel)
#include "testtenanttablemodel.moc"
