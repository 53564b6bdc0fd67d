// Moving a tenant between the pool and a silo from TenantDetailView, against a real tenantryd
// --demo, offscreen, signed in as an admin (tenants.delete). The Edit dialog no longer offers the
// placement; the placement label says what the API says; support may not move. On SQLite
// (testtenantmove) a move is refused with the moves_need_postgresql explanation and nothing
// changes. On PostgreSQL (testtenantmove_postgres) a move pool -> silo runs with a progress bar
// that moves and reaches its end, the label says "Moving to silo…" meanwhile (and writes are
// disabled), then the silo's schema; the tenant moves back to the pool; a running move rolls back
// from the view; and a view opened during a move finds it and follows it.
//
// The server runs with --move-step-delay-ms so that a move lasts long enough to watch.

#include "client/gettenantjob.h"
#include "client/listjobsjob.h"
#include "client/listtenantsjob.h"
#include "client/tenantquery.h"
#include "tests/ui/uitestsupport.h"
#include "ui/actiondialog.h"
#include "ui/sectionwidget.h"
#include "ui/tenantdetailview.h"

#include <QComboBox>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QtTest>

#include <set>

using namespace Tenantry;
using namespace Tenantry::TestSupport;

namespace {

constexpr int timeoutMs = 30000;
constexpr int moveTimeoutMs = 120000;

} // namespace

class TestTenantMove : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TenantrydProcess> m_server;
    SignedIn m_admin;
    QStringList m_tenants; // active demo tenants, in the pool

    template<typename T>
    T *child(const QObject &parent, const char *name)
    {
        return parent.findChild<T *>(QLatin1String(name));
    }

    std::optional<Tenant> tenant(const QString &id)
    {
        GetTenantJob job(m_admin.client.get(), id);
        if (!runJob(job))
            return std::nullopt;
        return job.tenant();
    }

    // Shows `tenantId` and waits until its overview and permissions are there.
    void open(TenantDetailView &view, const QString &tenantId)
    {
        view.resize(1280, 900);
        view.show();
        view.showTenant(tenantId);
        QTRY_VERIFY_WITH_TIMEOUT(child<SectionWidget>(view, "overviewSection")->state()
                                     == SectionWidget::State::Content,
                                 timeoutMs);
    }

    // Runs the move the button offers, through its dialog; the dialog closes once the job is
    // queued.
    void confirmMove(TenantDetailView &view, const QString &buttonText)
    {
        auto *move = child<QPushButton>(view, "moveTenantButton");
        QTRY_VERIFY_WITH_TIMEOUT(move->isEnabled(), timeoutMs);
        QCOMPARE(move->text(), buttonText);
        move->click();
        QPointer<ActionDialog> dialog = child<ActionDialog>(view, "moveTenantDialog");
        QVERIFY(dialog);
        QVERIFY(dialog->consequence().contains(QStringLiteral("paused")));
        dialog->accept();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, timeoutMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY2(!TenantrydProcess::binary().isEmpty(), "TENANTRYD_BIN is not set");
        m_server = std::make_unique<TenantrydProcess>(
            QStringList{QStringLiteral("--demo"),
                        QStringLiteral("--move-step-delay-ms"),
                        QStringLiteral("250")});
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        m_admin = signIn(*m_server, "admin");
        QVERIFY(m_admin.client);
        QVERIFY(m_admin.me.hasPermission("tenants.delete"));

        TenantQuery query;
        query.status = TenantStatus::Active;
        query.limit = 5;
        ListTenantsJob tenants(m_admin.client.get(), query);
        QVERIFY(runJob(tenants));
        for (const Tenant &item : tenants.page().data) {
            QVERIFY(item.isolation == Isolation::Pool);
            m_tenants.append(QString::fromStdString(item.id));
        }
        QVERIFY(m_tenants.size() >= 4);
    }

    void cleanupTestCase()
    {
        m_admin.client.reset();
        if (m_server)
            QCOMPARE(m_server->stop(), 0);
    }

    void editDialogHasNoPlacement()
    {
        TenantDetailView view(m_admin.client.get(), m_admin.me);
        open(view, m_tenants.at(0));
        QCOMPARE(child<QLabel>(view, "isolationLabel")->text(),
                 QStringLiteral("Pool (shared tables)"));
        auto *edit = child<QPushButton>(view, "editTenantButton");
        QTRY_VERIFY_WITH_TIMEOUT(edit->isEnabled(), timeoutMs);
        QVERIFY(!edit->toolTip().contains(QStringLiteral("isolation")));
        edit->click();
        QPointer<ActionDialog> dialog = child<ActionDialog>(view, "editTenantDialog");
        QVERIFY(dialog);
        QVERIFY(!dialog->findChild<QComboBox *>(QStringLiteral("isolationCombo")));
        QVERIFY(dialog->findChildren<QComboBox *>().isEmpty());
        for (const QLabel *label : dialog->findChildren<QLabel *>()) {
            QVERIFY2(!label->text().contains(QStringLiteral("Isolation"))
                         && !label->text().contains(QStringLiteral("Placement")),
                     qPrintable(label->text()));
        }
        dialog->reject();
        QTRY_VERIFY(!dialog);
    }

    void supportMayNotMove()
    {
        const SignedIn support = signIn(*m_server, "support");
        QVERIFY(support.client);
        TenantDetailView view(support.client.get(), support.me);
        open(view, m_tenants.at(0));
        auto *move = child<QPushButton>(view, "moveTenantButton");
        QVERIFY(!move->isEnabled());
        QVERIFY(move->toolTip().contains(QStringLiteral("tenants.delete")));
        QVERIFY(child<QPushButton>(view, "editTenantButton")->isEnabled()); // support may edit
    }

    void moveOnSqliteExplainsPostgres()
    {
        if (TenantrydProcess::usesPostgres())
            QSKIP("PostgreSQL moves tenants");
        const QString tenantId = m_tenants.at(1);
        const std::optional<Tenant> before = tenant(tenantId);
        QVERIFY(before);
        TenantDetailView view(m_admin.client.get(), m_admin.me);
        QSignalSpy changed(&view, &TenantDetailView::tenantChanged);
        open(view, tenantId);

        auto *move = child<QPushButton>(view, "moveTenantButton");
        QTRY_VERIFY_WITH_TIMEOUT(move->isEnabled(), timeoutMs);
        QCOMPARE(move->text(), QStringLiteral("Move to silo\u2026"));
        move->click();
        QPointer<ActionDialog> dialog = child<ActionDialog>(view, "moveTenantDialog");
        QVERIFY(dialog);
        dialog->accept();
        auto *error = child<QLabel>(*dialog, "errorLabel");
        QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), timeoutMs);
        QVERIFY2(error->text().contains(QStringLiteral("SQLite"))
                     && error->text().contains(QStringLiteral("needs a server that runs on "
                                                              "PostgreSQL")),
                 qPrintable(error->text()));
        QVERIFY(error->text().contains(QStringLiteral("Request id: req_")));
        // A retry would be refused the same way.
        QVERIFY(!dialog->confirmButton()->isEnabled());
        dialog->reject();
        QTRY_VERIFY(!dialog);

        // Nothing changed: the tenant, its placement, and no move job.
        QCOMPARE(changed.count(), 0);
        QVERIFY(!child<QWidget>(view, "movePanel")->isVisible());
        QCOMPARE(child<QLabel>(view, "isolationLabel")->text(),
                 QStringLiteral("Pool (shared tables)"));
        const std::optional<Tenant> after = tenant(tenantId);
        QVERIFY(after);
        QVERIFY(after->isolation == Isolation::Pool);
        QCOMPARE(after->version, before->version);
        ListJobsJob::Filter moves;
        moves.type = QStringLiteral("tenant.move");
        moves.tenantId = tenantId;
        ListJobsJob jobs(m_admin.client.get(), moves);
        QVERIFY(runJob(jobs));
        QVERIFY(jobs.page().data.empty());
    }

    void moveToSiloAndBackShowsProgress()
    {
        if (!TenantrydProcess::usesPostgres())
            QSKIP("silos need PostgreSQL");
        const QString tenantId = m_tenants.at(2);
        TenantDetailView view(m_admin.client.get(), m_admin.me);
        QSignalSpy changed(&view, &TenantDetailView::tenantChanged);
        open(view, tenantId);
        auto *placement = child<QLabel>(view, "isolationLabel");
        auto *bar = child<QProgressBar>(view, "moveProgressBar");
        auto *status = child<QLabel>(view, "moveStatusLabel");
        auto *edit = child<QPushButton>(view, "editTenantButton");
        QCOMPARE(placement->text(), QStringLiteral("Pool (shared tables)"));
        QVERIFY(!bar->isVisible());

        std::set<int> values;
        connect(bar, &QProgressBar::valueChanged, this, [&values](int value) {
            values.insert(value);
        });
        bool sawMoving = false;
        bool sawWritesPaused = false;
        QTimer watch;
        connect(&watch, &QTimer::timeout, this, [&] {
            if (placement->text() == QStringLiteral("Moving to silo\u2026"))
                sawMoving = true;
            if (bar->isVisible() && !edit->isEnabled()
                && edit->toolTip().contains(QStringLiteral("paused")))
                sawWritesPaused = true;
        });
        watch.start(10);

        confirmMove(view, QStringLiteral("Move to silo\u2026"));
        QVERIFY(bar->isVisible());
        const QString schema = QStringLiteral("tenant_") + tenantId.toLower();
        QTRY_COMPARE_WITH_TIMEOUT(placement->text(),
                                  QStringLiteral("Silo (schema %1)").arg(schema),
                                  moveTimeoutMs);
        watch.stop();
        QVERIFY(sawMoving);
        QVERIFY(sawWritesPaused);
        // The bar moved through the steps and ended full: 2 x 8 tables + 2.
        QCOMPARE(bar->maximum(), 18);
        QCOMPARE(bar->value(), bar->maximum());
        QVERIFY(bar->isVisible());
        QVERIFY2(std::any_of(values.begin(),
                             values.end(),
                             [bar](int value) { return value > 0 && value < bar->maximum(); }),
                 "no step between the first and the last was shown");
        QCOMPARE(status->text(), QStringLiteral("The tenant was moved to a silo."));
        QTRY_VERIFY_WITH_TIMEOUT(edit->isEnabled(), timeoutMs);
        QVERIFY(changed.count() >= 2); // started, then finished
        std::optional<Tenant> moved = tenant(tenantId);
        QVERIFY(moved);
        QVERIFY(moved->isolation == Isolation::Silo);

        // A view opened now shows the silo and no move in progress.
        {
            TenantDetailView fresh(m_admin.client.get(), m_admin.me);
            open(fresh, tenantId);
            QCOMPARE(child<QLabel>(fresh, "isolationLabel")->text(),
                     QStringLiteral("Silo (schema %1)").arg(schema));
            QTRY_COMPARE_WITH_TIMEOUT(child<QPushButton>(fresh, "moveTenantButton")->text(),
                                      QStringLiteral("Move to pool\u2026"),
                                      timeoutMs);
            QTest::qWait(500); // the lookup of a running move has answered
            QVERIFY(!child<QWidget>(fresh, "movePanel")->isVisible());
        }

        // And back.
        confirmMove(view, QStringLiteral("Move to pool\u2026"));
        QTRY_COMPARE_WITH_TIMEOUT(placement->text(),
                                  QStringLiteral("Pool (shared tables)"),
                                  moveTimeoutMs);
        QCOMPARE(bar->value(), bar->maximum());
        QCOMPARE(status->text(), QStringLiteral("The tenant was moved to the pool."));
        moved = tenant(tenantId);
        QVERIFY(moved);
        QVERIFY(moved->isolation == Isolation::Pool);
    }

    void aRunningMoveRollsBack()
    {
        if (!TenantrydProcess::usesPostgres())
            QSKIP("silos need PostgreSQL");
        const QString tenantId = m_tenants.at(1);
        TenantDetailView view(m_admin.client.get(), m_admin.me);
        open(view, tenantId);
        auto *bar = child<QProgressBar>(view, "moveProgressBar");
        auto *rollback = child<QPushButton>(view, "rollbackMoveButton");
        QVERIFY(!rollback->isVisible());
        confirmMove(view, QStringLiteral("Move to silo\u2026"));
        QVERIFY(!child<QPushButton>(view, "resumeMoveButton")->isVisible()); // not failed
        QTRY_VERIFY_WITH_TIMEOUT(bar->maximum() > 0 && bar->value() >= 1, timeoutMs);
        QVERIFY(rollback->isVisible() && rollback->isEnabled());
        rollback->click();
        QPointer<ActionDialog> dialog = child<ActionDialog>(view, "rollbackMoveDialog");
        QVERIFY(dialog);
        dialog->accept();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, timeoutMs);
        auto *status = child<QLabel>(view, "moveStatusLabel");
        QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(
                                     QStringLiteral("The move was rolled back: ")),
                                 moveTimeoutMs);
        QVERIFY(!bar->isVisible());
        QVERIFY(!rollback->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(view, "isolationLabel")->text(),
                                  QStringLiteral("Pool (shared tables)"),
                                  timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(child<QPushButton>(view, "editTenantButton")->isEnabled(),
                                 timeoutMs);
        const std::optional<Tenant> after = tenant(tenantId);
        QVERIFY(after);
        QVERIFY(after->isolation == Isolation::Pool);
    }

    void aMoveInProgressIsShownWhenTheTenantOpens()
    {
        if (!TenantrydProcess::usesPostgres())
            QSKIP("silos need PostgreSQL");
        const QString tenantId = m_tenants.at(3);
        TenantDetailView starter(m_admin.client.get(), m_admin.me);
        open(starter, tenantId);
        confirmMove(starter, QStringLiteral("Move to silo\u2026"));

        // Another view of the same tenant (another staff member) finds the running move.
        TenantDetailView other(m_admin.client.get(), m_admin.me);
        open(other, tenantId);
        QTRY_VERIFY_WITH_TIMEOUT(child<QWidget>(other, "movePanel")->isVisible(), timeoutMs);
        QVERIFY(!child<QPushButton>(other, "moveTenantButton")->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(other, "isolationLabel")
                                     ->text()
                                     .startsWith(QStringLiteral("Silo (schema tenant_")),
                                 moveTimeoutMs);
        QCOMPARE(child<QProgressBar>(other, "moveProgressBar")->value(),
                 child<QProgressBar>(other, "moveProgressBar")->maximum());
    }
};

QTEST_MAIN(TestTenantMove)
#include "testtenantmove.moc"
