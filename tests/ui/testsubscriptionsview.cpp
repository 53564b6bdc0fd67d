// SubscriptionsView against a real tenantryd --demo, offscreen: filtered by past_due it shows
// only past_due rows and pages to the end; Enter on a row opens its tenant.

#include "client/listsubscriptionsjob.h"
#include "tests/ui/uitestsupport.h"
#include "ui/subscriptionsview.h"
#include "ui/subscriptiontablemodel.h"

#include <QComboBox>
#include <QLabel>
#include <QTableView>
#include <QtTest>

using namespace Tenantry;
using namespace Tenantry::TestSupport;

class TestSubscriptionsView : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TenantrydProcess> m_server;
    SignedIn m_support;

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY2(!TenantrydProcess::binary().isEmpty(), "TENANTRYD_BIN is not set");
        m_server = std::make_unique<TenantrydProcess>(QStringList{QStringLiteral("--demo")});
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        m_support = signIn(*m_server, "support");
        QVERIFY(m_support.client);
    }

    void cleanupTestCase()
    {
        m_support.client.reset();
        if (m_server)
            QCOMPARE(m_server->stop(), 0);
    }

    void pastDueFilterShowsOnlyPastDueAndPagesToTheEnd()
    {
        SubscriptionQuery all;
        all.status = SubscriptionStatus::PastDue;
        all.limit = 100;
        ListSubscriptionsJob expected(m_support.client.get(), all);
        QVERIFY(runJob(expected));
        const auto expectedCount = static_cast<int>(expected.page().data.size());

        SubscriptionsView view(m_support.client.get(), m_support.me);
        view.resize(1100, 600);
        view.show();
        SubscriptionTableModel *model = view.model();
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0, 30000);

        // Small pages, so that the filter takes several.
        SubscriptionQuery small = model->query();
        small.limit = 2;
        model->setQuery(small);

        auto *status = view.findChild<QComboBox *>(QStringLiteral("statusFilter"));
        QVERIFY(status);
        const int pastDue = status->findData(QStringLiteral("past_due"));
        QVERIFY(pastDue > 0);
        status->setCurrentIndex(pastDue);
        QVERIFY(model->query().status == SubscriptionStatus::PastDue);
        QCOMPARE(model->query().limit, 2);

        auto *table = view.findChild<QTableView *>(QStringLiteral("subscriptionsTable"));
        QVERIFY(table);
        // Scroll to the end until the last page came.
        for (int i = 0; i < 100 && (model->hasMore() || model->isLoading()); ++i) {
            table->scrollToBottom();
            if (model->canFetchMore({}))
                model->fetchMore({});
            QTest::qWait(50);
        }
        QTRY_VERIFY_WITH_TIMEOUT(!model->hasMore() && !model->isLoading(), 30000);
        QCOMPARE(model->rowCount(), expectedCount);
        for (int row = 0; row < model->rowCount(); ++row)
            QCOMPARE(model->index(row, 0).data(SubscriptionTableModel::StatusRole).toString(),
                     QStringLiteral("past_due"));
        auto *label = view.findChild<QLabel *>(QStringLiteral("statusLabel"));
        QVERIFY(label->text().contains(QStringLiteral("all shown")));

        // The tenant column names the tenant once its name came.
        QTRY_VERIFY_WITH_TIMEOUT(!model->index(0, SubscriptionTableModel::TenantColumn)
                                      .data()
                                      .toString()
                                      .startsWith(QStringLiteral("ten_")),
                                 30000);

        // Enter on a row opens the tenant.
        QSignalSpy activated(&view, &SubscriptionsView::tenantActivated);
        table->setFocus();
        table->setCurrentIndex(model->index(0, 0));
        QTest::keyClick(table, Qt::Key_Return);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).toString(),
                 QString::fromStdString(model->subscription(0)->tenantId));

        view.grab().save(QStringLiteral("/tmp/tenantry-subscriptionsview.png"));
    }
};

QTEST_MAIN(TestSubscriptionsView)
#include "testsubscriptionsview.moc"
