// The real MainWindow against a real tenantryd --demo, offscreen: sign in through the dialog,
// search, open a tenant, suspend one from the context menu as support (and see the badge
// change), find the action disabled as viewer, find a tenant with the command palette, and
// export a filtered list to CSV that parses back to the same rows; a session that ends on the
// server asks to sign in once and keeps the page; signing out ends the session on the server;
// open the finance dashboard, which syncs the metrics feeds and shows exactly what core's
// engine computes from the demo history (tenantry-metrics' figures), and find it disabled for
// a role without metrics.read.

#include "client/apiclient.h"
#include "client/getmejob.h"
#include "client/signinjob.h"
#include "client/signoutjob.h"
#include "core/demo/demodatagenerator.h"
#include "core/metrics/mrrledger.h"
#include "core/metrics/series.h"
#include "tests/server/support/apiclient.h"
#include "tests/server/support/tenantrydprocess.h"
#include "ui/commandpalette.h"
#include "ui/commandpalettemodel.h"
#include "ui/dashboardview.h"
#include "ui/kpicard.h"
#include "ui/mainwindow.h"
#include "ui/signindialog.h"
#include "ui/tenantcsvexporter.h"
#include "ui/tenantdetailview.h"
#include "ui/tenantsview.h"
#include "ui/tenanttablemodel.h"

#include <QComboBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace Tenantry;
using Tenantry::TestSupport::TenantrydProcess;

namespace {

constexpr int timeoutMs = 30000;

QString email(const QString &role)
{
    return role + QStringLiteral("@demo.tenantry.dev");
}

bool loadAll(TenantTableModel *model)
{
    QElapsedTimer timer;
    timer.start();
    while (!model->hasLoadedAll() && !model->error() && timer.elapsed() < 120000) {
        if (model->canFetchMore({}))
            model->fetchMore({});
        QTest::qWait(20);
    }
    return model->hasLoadedAll();
}

// RFC 4180 records.
QList<QStringList> parseCsv(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            record.append(field);
            field.clear();
        } else if (c == QLatin1Char('\r')) {
            continue;
        } else if (c == QLatin1Char('\n')) {
            record.append(field);
            field.clear();
            records.append(record);
            record.clear();
        } else {
            field += c;
        }
    }
    return records;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TenantrydProcess> m_server;

    // A signed-in window (through SignInJob, for the tests that are not about signing in).
    bool signIn(ApiClient &client, MainWindow &window, const QString &role)
    {
        client.setBaseUrl(QUrl(m_server->baseUrl()));
        SignInJob job(&client, email(role), m_server->demoPassword(role));
        job.setAutoDelete(false);
        QSignalSpy finished(&job, &ApiJob::finished);
        job.start();
        if (!finished.wait(timeoutMs) || job.hasError())
            return false;
        client.setToken(job.session().token);
        window.startSession();
        window.show();
        QSignalSpy started(&window, &MainWindow::sessionStarted);
        return window.hasSession() || started.wait(timeoutMs);
    }

    // Runs a job of the test's own to its one outcome; false when none came in time.
    static bool finish(ApiJob &job)
    {
        job.setAutoDelete(false);
        QSignalSpy finished(&job, &ApiJob::finished);
        job.start();
        return finished.wait(timeoutMs) && finished.count() == 1;
    }

    static bool waitForRows(TenantsView *view)
    {
        TenantTableModel *model = view->model();
        QElapsedTimer timer;
        timer.start();
        while ((model->isLoading() || model->rowCount() == 0) && timer.elapsed() < timeoutMs)
            QTest::qWait(20);
        return model->rowCount() > 0 && !model->isLoading();
    }

    static QMenu *contextMenuAt(TenantsView *view, int row)
    {
        QTableView *table = view->table();
        const QModelIndex index = table->model()->index(row, 0);
        Q_EMIT table->customContextMenuRequested(table->visualRect(index).center());
        return view->findChild<QMenu *>(QStringLiteral("tenantContextMenu"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY2(!TenantrydProcess::binary().isEmpty(), "TENANTRYD_BIN is not set");
        // Several signed-in windows from one address in quick succession: a limit above the
        // default per-address one (the tenant page alone loads eight sections at once).
        // The demo the console opens on (2,000 customers), not the other tests' smaller one.
        m_server = std::make_unique<TenantrydProcess>(
            QStringList{QStringLiteral("--demo"),
                        QStringLiteral("--demo-customers"),
                        QStringLiteral("2000"),
                        QStringLiteral("--rate-limit"),
                        QStringLiteral("1000"),
                        QStringLiteral("--rate-burst"),
                        QStringLiteral("2000")});
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
    }

    void cleanupTestCase() { m_server.reset(); }

    // First, while the demo history is as the generator made it.
    void dashboardShowsTheEnginesFigures()
    {
        ApiClient client;
        MainWindow window(&client);
        QVERIFY(signIn(client, window, QStringLiteral("finance")));
        window.showPage(MainWindow::Page::Dashboard);
        DashboardView *dashboard = window.dashboardView();
        QVERIFY(dashboard);
        QVERIFY(QTest::qWaitFor(
            [dashboard] {
                return dashboard->isReady() && !dashboard->isSyncing()
                       && !dashboard->report().isEmpty();
            },
            60000));
        QVERIFY(dashboard->dataAgeText().contains(QStringLiteral("just now")));

        // The demo's history, regenerated as tenantryd --demo made it (see testapimetrics).
        TestSupport::ApiClient finance(m_server->baseUrl());
        QVERIFY(finance.signIn(email(QStringLiteral("finance")),
                               m_server->demoPassword(QStringLiteral("finance"))));
        const TestSupport::ApiResponse plans = finance.get(QStringLiteral("/v1/plans?limit=1"));
        QCOMPARE(plans.status, 200);
        const Result<Timestamp> start = parseRfc3339(
            plans.json()[u"data"][0][u"created_at"].toString().toStdString());
        QVERIFY(start);
        DemoDataOptions options;
        options.seed = 1;
        options.customers = 2000;
        options.months = 24;
        options.start = YearMonth::containing(*start);
        const DemoDataSet demo = DemoDataGenerator(options).generate();
        QVERIFY(dashboard->report().currency.has_value());
        const Result<MrrLedger> ledger = MrrLedger::build(demo.events,
                                                          *dashboard->report().currency);
        QVERIFY(ledger);
        const Result<std::vector<PeriodMetrics>> expected = computeSeries(*ledger, demo.spend);
        QVERIFY(expected);
        QVERIFY(dashboard->report().series == *expected);

        const std::optional<YearMonth> month = dashboard->selectedMonth();
        QVERIFY(month);
        for (const PeriodMetrics &metrics : *expected) {
            if (metrics.period.firstMonth() == *month) {
                QCOMPARE(dashboard->card(DashboardView::Kpi::Mrr)->rawValue().toLongLong(),
                         metrics.endMrr);
                QCOMPARE(dashboard->card(DashboardView::Kpi::Customers)->rawValue().toLongLong(),
                         metrics.customersEnd);
            }
        }
    }

    void supportHasNoDashboard()
    {
        ApiClient client;
        MainWindow window(&client);
        QVERIFY(signIn(client, window, QStringLiteral("support")));
        auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
        QVERIFY(navigation);
        QListWidgetItem *item = navigation->item(static_cast<int>(MainWindow::Page::Dashboard));
        QVERIFY(!(item->flags() & Qt::ItemIsEnabled));
        QVERIFY(item->toolTip().contains(QLatin1String("metrics.read")));
    }

    void signsInSearchesOpensAndSuspends()
    {
        ApiClient client;
        MainWindow window(&client);
        window.show();
        SignInDialog *dialog = window.requestSignIn();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));

        // A wrong password: the server's message and the request id, and the dialog stays.
        dialog->findChild<QLineEdit *>(QStringLiteral("urlEdit"))->setText(m_server->baseUrl());
        dialog->findChild<QLineEdit *>(QStringLiteral("emailEdit"))
            ->setText(email(QStringLiteral("support")));
        auto *password = dialog->findChild<QLineEdit *>(QStringLiteral("passwordEdit"));
        auto *button = dialog->findChild<QPushButton *>(QStringLiteral("signInButton"));
        auto *error = dialog->findChild<QLabel *>(QStringLiteral("errorLabel"));
        QVERIFY(password && button && error);
        password->setText(QStringLiteral("not the password"));
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), timeoutMs);
        QVERIFY2(error->text().contains(QLatin1String("req_")), qPrintable(error->text()));
        QVERIFY(dialog->isVisible());

        password->setText(m_server->demoPassword(QStringLiteral("support")));
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(window.hasSession(), timeoutMs);
        QCOMPARE(QString::fromStdString(window.user().role), QStringLiteral("support"));
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("userLabel"))
                    ->text()
                    .contains(email(QStringLiteral("support"))));
        QCOMPARE(window.currentPage(), MainWindow::Page::Tenants);

        // Search as you type: every row matches, and the tenant searched for is there.
        TenantsView *view = window.tenantsView();
        QVERIFY(waitForRows(view));
        const Tenant wanted = *view->model()->tenantAt(7);
        const QString name = QString::fromStdString(wanted.name);
        QTest::keyClicks(view->searchField(), name);
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->query().search, name, timeoutMs);
        QVERIFY(waitForRows(view));
        QVERIFY(view->model()->rowOf(QString::fromStdString(wanted.id)) >= 0);
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            const Tenant *tenant = view->model()->tenantAt(row);
            const QString haystack = QString::fromStdString(tenant->name + ' ' + tenant->slug + ' '
                                                            + tenant->contactEmail.value_or(""));
            QVERIFY2(haystack.contains(name, Qt::CaseInsensitive), qPrintable(haystack));
        }

        // Enter opens the tenant: the detail page shows it.
        const int row = view->table()->model()->index(0, 0).row();
        view->table()->setCurrentIndex(view->table()->model()->index(row, 0));
        view->table()->setFocus();
        const QString openedId = view->currentTenantId();
        QTest::keyClick(view->table(), Qt::Key_Return);
        QCOMPARE(window.currentPage(), MainWindow::Page::TenantDetail);
        QCOMPARE(window.tenantDetailView()->tenantId(), openedId);
        const Tenant *opened = view->model()->tenantAt(row);
        QVERIFY(opened);
        const QString openedName = QString::fromStdString(opened->name);
        auto *nameLabel = window.tenantDetailView()->findChild<QLabel *>(
            QStringLiteral("tenantNameLabel"));
        QVERIFY(nameLabel);
        QTRY_COMPARE_WITH_TIMEOUT(nameLabel->text(), openedName, 10000);
        window.showPage(MainWindow::Page::Tenants);

        // Suspend an active tenant from the context menu.
        auto *status = view->findChild<QComboBox *>(QStringLiteral("statusFilter"));
        view->searchField()->clear();
        status->setCurrentIndex(status->findData(QStringLiteral("active")));
        QVERIFY(waitForRows(view));
        const QString target = view->table()
                                   ->model()
                                   ->index(0, 0)
                                   .data(TenantTableModel::TenantIdRole)
                                   .toString();
        QMenu *menu = contextMenuAt(view, 0);
        QVERIFY(menu);
        auto *suspend = menu->findChild<QAction *>(QStringLiteral("suspendAction"));
        QVERIFY(suspend);
        QVERIFY(suspend->isEnabled());
        suspend->trigger();
        menu->hide();
        auto *reason = view->findChild<QInputDialog *>(QStringLiteral("suspendDialog"));
        QVERIFY(reason);
        reason->setTextValue(QStringLiteral("Unpaid invoices (test)"));
        reason->done(QDialog::Accepted);
        const int targetRow = view->model()->rowOf(target);
        QTRY_COMPARE_WITH_TIMEOUT(int(view->model()->tenantAt(targetRow)->status),
                                  int(TenantStatus::Suspended),
                                  timeoutMs);
        QCOMPARE(view->model()->index(targetRow, TenantTableModel::Status).data().toString(),
                 tr("Suspended"));

        // Now it can be reactivated, not suspended.
        menu = contextMenuAt(view, view->table()->model()->index(0, 0).row());
        QVERIFY(menu);
        menu->hide();
    }

    void expiredSessionAsksToSignInOnceAndKeepsThePlace()
    {
        ApiClient client;
        MainWindow window(&client);
        QVERIFY(signIn(client, window, QStringLiteral("support")));
        window.showPage(MainWindow::Page::AuditLog);

        // The session ends on the server (another client signs it out).
        ApiClient other;
        other.setBaseUrl(client.baseUrl());
        other.setToken(client.token());
        SignOutJob end(&other);
        QVERIFY(finish(end) && !end.hasError());

        // Two calls fail with 401: one dialog, with the reason, and the page stays.
        auto *refresh = window.findChild<QAction *>(QStringLiteral("refreshAction"));
        QVERIFY(refresh);
        refresh->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(window.signInDialog() != nullptr, timeoutMs);
        SignInDialog *dialog = window.signInDialog();
        refresh->trigger();
        QTest::qWait(300);
        QCOMPARE(window.findChildren<SignInDialog *>().size(), 1);
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("signInReason"))
                    ->text()
                    .contains(QLatin1String("session has ended")));
        QVERIFY(window.currentPage() == MainWindow::Page::AuditLog);

        QSignalSpy signedIn(&window, &MainWindow::signedIn);
        dialog->findChild<QLineEdit *>(QStringLiteral("passwordEdit"))
            ->setText(m_server->demoPassword(QStringLiteral("support")));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("signInButton")),
                          Qt::LeftButton);
        QVERIFY(signedIn.wait(timeoutMs));
        QVERIFY(client.hasToken());
        QVERIFY(client.token() != other.token());
        QVERIFY(window.currentPage() == MainWindow::Page::AuditLog);
        QVERIFY(window.hasSession());
    }

    void signOutEndsTheSessionOnTheServer()
    {
        ApiClient client;
        MainWindow window(&client);
        QVERIFY(signIn(client, window, QStringLiteral("viewer")));
        const QString token = client.token();

        QSignalSpy signedOut(&window, &MainWindow::signedOut);
        auto *signOut = window.findChild<QAction *>(QStringLiteral("signOutAction"));
        QVERIFY(signOut && signOut->isEnabled());
        signOut->trigger();
        QVERIFY(signedOut.wait(timeoutMs));
        QVERIFY(!client.hasToken());
        QTRY_VERIFY_WITH_TIMEOUT(window.signInDialog() != nullptr, timeoutMs);
        QVERIFY(window.signInDialog()
                    ->findChild<QLabel *>(QStringLiteral("signInReason"))
                    ->text()
                    .contains(QLatin1String("signed out")));

        // The old token no longer works.
        ApiClient stale;
        stale.setBaseUrl(client.baseUrl());
        stale.setToken(token);
        GetMeJob me(&stale);
        QVERIFY(finish(me));
        QVERIFY(me.hasError());
        QVERIFY(me.error()->kind() == ApiError::Kind::Unauthorized);
        window.signInDialog()->close();
    }

    void viewerCannotSuspend()
    {
        ApiClient client;
        MainWindow window(&client);
        QVERIFY(signIn(client, window, QStringLiteral("viewer")));
        TenantsView *view = window.tenantsView();
        QVERIFY(waitForRows(view));
        QMenu *menu = contextMenuAt(view, 0);
        QVERIFY(menu);
        auto *suspend = menu->findChild<QAction *>(QStringLiteral("suspendAction"));
        QVERIFY(suspend);
        QVERIFY(!suspend->isEnabled());
        QVERIFY(suspend->toolTip().contains(QLatin1String("tenants.write")));
        menu->hide();
    }

    void paletteFindsATenant()
    {
        ApiClient client;
        MainWindow window(&client);
        QVERIFY(signIn(client, window, QStringLiteral("admin")));
        TenantsView *view = window.tenantsView();
        QVERIFY(waitForRows(view));
        const Tenant wanted = *view->model()->tenantAt(11);
        window.openPalette();
        CommandPalette *palette = window.commandPalette();
        QVERIFY(palette->isVisible());
        QTest::keyClicks(palette->input(), QString::fromStdString(wanted.name));
        const QString id = QString::fromStdString(wanted.id);
        const auto found = [&] {
            for (int row = 0; row < palette->model()->rowCount(); ++row) {
                if (palette->model()->index(row).data(CommandPaletteModel::TenantIdRole) == id)
                    return row;
            }
            return -1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(found() >= 0, timeoutMs);
        // Keyboard only: Down to the tenant, Enter.
        for (int i = 0; i < found(); ++i)
            QTest::keyClick(palette->input(), Qt::Key_Down);
        QTest::keyClick(palette->input(), Qt::Key_Return);
        QVERIFY(!palette->isVisible());
        QCOMPARE(window.currentPage(), MainWindow::Page::TenantDetail);
        QCOMPARE(window.tenantDetailView()->tenantId(), id);
        auto *nameLabel = window.tenantDetailView()->findChild<QLabel *>(
            QStringLiteral("tenantNameLabel"));
        QVERIFY(nameLabel);
        QTRY_COMPARE_WITH_TIMEOUT(nameLabel->text(), QString::fromStdString(wanted.name), 10000);

        // Views and actions too.
        window.openPalette();
        QTest::keyClicks(palette->input(), tr("Audit"));
        QTest::keyClick(palette->input(), Qt::Key_Return);
        QCOMPARE(window.currentPage(), MainWindow::Page::AuditLog);
    }

    void exportsTheFilteredListToCsv()
    {
        ApiClient client;
        MainWindow window(&client);
        QVERIFY(signIn(client, window, QStringLiteral("finance")));
        TenantsView *view = window.tenantsView();
        QVERIFY(waitForRows(view));
        auto *region = view->findChild<QComboBox *>(QStringLiteral("regionFilter"));
        region->setCurrentIndex(region->findData(QStringLiteral("eu-west-1")));
        QTest::keyClicks(view->searchField(), QStringLiteral("a"));
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->query().search, QStringLiteral("a"), timeoutMs);
        QVERIFY(loadAll(view->model()));
        const int rows = view->model()->rowCount();
        QVERIFY(rows > TenantTableModel::pageSize); // more than one page
        QVERIFY(rows < 2000);

        QTemporaryDir dir;
        const QString fileName = dir.filePath(QStringLiteral("tenants.csv"));
        TenantCsvExporter *exporter = view->exportCsvTo(fileName);
        QSignalSpy finished(exporter, &TenantCsvExporter::finished);
        QVERIFY(finished.wait(120000));
        QVERIFY2(!exporter->hasError(), qPrintable(exporter->errorMessage()));
        QFile file(fileName);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QStringList> records = parseCsv(file.readAll());
        QCOMPARE(records.size(), rows + 1);
        QCOMPARE(records.at(0).join(QLatin1Char(',')),
                 QString::fromLatin1(TenantCsvExporter::header()).trimmed());
        for (int row = 0; row < rows; ++row) {
            const Tenant *tenant = view->model()->tenantAt(row);
            const QStringList &record = records.at(row + 1);
            QCOMPARE(record.size(), 11);
            QCOMPARE(record.at(0), QString::fromStdString(tenant->id));
            QCOMPARE(record.at(1), QString::fromStdString(tenant->slug));
            QCOMPARE(record.at(2), QString::fromStdString(tenant->name));
            QCOMPARE(record.at(7), QStringLiteral("eu-west-1"));
            QCOMPARE(record.at(8), QString::fromStdString(tenant->contactEmail.value_or("")));
        }
    }
};

QTEST_MAIN(TestMainWindow)
#include "testmainwindow.moc"
