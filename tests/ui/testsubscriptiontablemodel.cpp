// SubscriptionTableModel against a real tenantryd --demo, under QAbstractItemModelTester: the
// server-side status filter, lazy paging to the last page, and a reset on a new query.

#include "client/listsubscriptionsjob.h"
#include "tests/ui/uitestsupport.h"
#include "ui/subscriptiontablemodel.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace Tenantry;
using namespace Tenantry::TestSupport;

class TestSubscriptionTableModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TenantrydProcess> m_server;
    SignedIn m_finance;

    // Fetches pages until the last one; false when a page does not come.
    bool fetchAll(SubscriptionTableModel &model)
    {
        for (int page = 0; page < 200; ++page) {
            if (model.isLoading()) {
                QSignalSpy loaded(&model, &SubscriptionTableModel::loadingChanged);
                if (!loaded.wait(30000))
                    return false;
                continue;
            }
            if (model.lastError())
                return false;
            if (!model.canFetchMore({}))
                return true;
            model.fetchMore({});
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!TenantrydProcess::binary().isEmpty(), "TENANTRYD_BIN is not set");
        m_server = std::make_unique<TenantrydProcess>(QStringList{QStringLiteral("--demo")});
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        m_finance = signIn(*m_server, "finance");
        QVERIFY(m_finance.client);
    }

    void cleanupTestCase()
    {
        m_finance.client.reset();
        if (m_server)
            QCOMPARE(m_server->stop(), 0);
    }

    void pastDuePagesToTheEnd()
    {
        SubscriptionQuery all;
        all.status = SubscriptionStatus::PastDue;
        all.limit = 100;
        ListSubscriptionsJob expected(m_finance.client.get(), all);
        QVERIFY(runJob(expected));
        const auto expectedCount = static_cast<int>(expected.page().data.size());
        QVERIFY(expectedCount >= 2);

        SubscriptionTableModel model(m_finance.client.get());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        SubscriptionQuery query;
        query.status = SubscriptionStatus::PastDue;
        query.limit = 2; // several pages
        model.setQuery(query);
        QCOMPARE(model.rowCount(), 0);
        // The tester may have asked for the first page already.
        QVERIFY(model.canFetchMore({}) || model.isLoading());
        QVERIFY(fetchAll(model));
        QVERIFY(!model.hasMore());
        QCOMPARE(model.rowCount(), expectedCount);
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(model.index(row, 0).data(SubscriptionTableModel::StatusRole).toString(),
                     QStringLiteral("past_due"));
            QCOMPARE(model.index(row, SubscriptionTableModel::StatusColumn).data().toString(),
                     QStringLiteral("Past due"));
        }

        // A new query starts over.
        SubscriptionQuery trialing;
        trialing.status = SubscriptionStatus::Trialing;
        model.setQuery(trialing);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(fetchAll(model));
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.index(row, 0).data(SubscriptionTableModel::StatusRole).toString(),
                     QStringLiteral("trialing"));
    }

    void anErrorStopsPagingUntilRetried()
    {
        SubscriptionTableModel model(m_finance.client.get());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        SubscriptionQuery query;
        query.limit = 1000; // over the API's 100: 400 parameter_invalid
        model.setQuery(query);
        model.fetchMore({});
        QTRY_VERIFY_WITH_TIMEOUT(model.lastError().has_value(), 30000);
        QCOMPARE(model.lastError()->kind(), ApiError::Kind::Validation);
        QCOMPARE(model.lastError()->param(), QStringLiteral("limit"));
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestSubscriptionTableModel)
#include "testsubscriptiontablemodel.moc"
