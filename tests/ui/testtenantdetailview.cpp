// TenantDetailView against a real tenantryd --demo, offscreen, signed in as support: a demo
// tenant with an active subscription, its quantity changed through the dialog (new quantity,
// new MRR, the audit entry in the history), an override that makes the entitlement's source
// "override"; a list longer than a page continues with "Show older"; and a viewer, whose action
// buttons are disabled with the reason.

#include "client/addtenantnotejob.h"
#include "client/changesubscriptionplanjob.h"
#include "client/createtenantjob.h"
#include "client/gettenantjob.h"
#include "client/listplansjob.h"
#include "client/listsubscriptionsjob.h"
#include "client/updatetenantjob.h"
#include "tests/ui/uitestsupport.h"
#include "ui/actiondialog.h"
#include "ui/auditeventmodel.h"
#include "ui/displayformat.h"
#include "ui/entitlementmodel.h"
#include "ui/sectionwidget.h"
#include "ui/tenantconflictdialog.h"
#include "ui/tenantdetailview.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QtTest>

using namespace Tenantry;
using namespace Tenantry::TestSupport;

namespace {

bool modelHas(const QAbstractItemModel *model, int role, const QString &value)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(role).toString() == value)
            return true;
    }
    return false;
}

int rowOf(const QAbstractItemModel *model, int role, const QString &value)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(role).toString() == value)
            return row;
    }
    return -1;
}

} // namespace

class TestTenantDetailView : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TenantrydProcess> m_server;
    SignedIn m_support;
    std::vector<Plan> m_plans;
    std::vector<Subscription> m_active;

    const Plan *planById(const std::string &id) const
    {
        for (const Plan &plan : m_plans) {
            if (plan.id == id)
                return &plan;
        }
        return nullptr;
    }

    template<typename T>
    T *child(const QObject &parent, const char *name)
    {
        return parent.findChild<T *>(QLatin1String(name));
    }

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

        ListPlansJob plans(m_support.client.get(), 100);
        QVERIFY(runJob(plans));
        m_plans = plans.page().data;
        SubscriptionQuery query;
        query.status = SubscriptionStatus::Active;
        query.limit = 50;
        ListSubscriptionsJob active(m_support.client.get(), query);
        QVERIFY(runJob(active));
        for (const Subscription &subscription : active.page().data) {
            if (!subscription.cancelAtPeriodEnd && planById(subscription.planId))
                m_active.push_back(subscription);
        }
        QVERIFY(m_active.size() >= 5);
    }

    void cleanupTestCase()
    {
        m_support.client.reset();
        if (m_server)
            QCOMPARE(m_server->stop(), 0);
    }

    void changeQuantityThroughTheDialog()
    {
        const Subscription subscription = m_active.at(0);
        const Plan *plan = planById(subscription.planId);
        const QString tenantId = QString::fromStdString(subscription.tenantId);

        // The session's user has no permission list: the view asks GET /v1/me.
        TenantDetailView view(m_support.client.get(), m_support.user);
        QSignalSpy changed(&view, &TenantDetailView::tenantChanged);
        view.resize(1280, 900);
        view.show();
        view.showTenant(tenantId);

        auto *quantity = child<QLabel>(view, "quantityLabel");
        auto *mrr = child<QLabel>(view, "mrrLabel");
        QVERIFY(quantity && mrr);
        QTRY_COMPARE_WITH_TIMEOUT(quantity->text(),
                                  QLocale().toString(static_cast<qlonglong>(subscription.quantity)),
                                  30000);
        const QString before = DisplayFormat::money(
            Money(plan->monthlyRecurringRevenue(subscription.quantity), plan->price.currency()));
        QTRY_COMPARE_WITH_TIMEOUT(mrr->text(), before + QStringLiteral(" a month"), 30000);

        auto *changePlan = child<QPushButton>(view, "changePlanButton");
        QTRY_VERIFY_WITH_TIMEOUT(changePlan->isEnabled(), 30000);
        changePlan->click();
        QPointer<ActionDialog> dialog = child<ActionDialog>(view, "changePlanDialog");
        QVERIFY(dialog);
        auto *spin = child<QSpinBox>(*dialog, "quantitySpinBox");
        const std::int64_t newQuantity = subscription.quantity + 2;
        spin->setValue(static_cast<int>(newQuantity));
        const QString after = DisplayFormat::money(
            Money(plan->monthlyRecurringRevenue(newQuantity), plan->price.currency()));
        QCOMPARE(dialog->consequence(),
                 QStringLiteral("MRR changes from %1 to %2 a month.").arg(before, after));
        dialog->accept();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000); // closed on success

        QTRY_COMPARE_WITH_TIMEOUT(quantity->text(),
                                  QLocale().toString(static_cast<qlonglong>(newQuantity)),
                                  30000);
        QTRY_COMPARE_WITH_TIMEOUT(mrr->text(), after + QStringLiteral(" a month"), 30000);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toString(), tenantId);

        auto *history = child<QTableView>(view, "historyView");
        QTRY_VERIFY_WITH_TIMEOUT(modelHas(history->model(),
                                          AuditEventModel::ActionRole,
                                          QStringLiteral("subscription.plan_changed")),
                                 30000);
        const int row = rowOf(history->model(),
                              AuditEventModel::ActionRole,
                              QStringLiteral("subscription.plan_changed"));
        QVERIFY(history->model()
                    ->index(row, AuditEventModel::ChangeColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("quantity: %1 \u2192 %2")
                                  .arg(subscription.quantity)
                                  .arg(newQuantity)));

        // Canceling at the period's end says until when the customer keeps access.
        auto *cancel = child<QPushButton>(view, "cancelSubscriptionButton");
        QVERIFY(cancel->isEnabled());
        cancel->click();
        QPointer<ActionDialog> cancelDialog = child<ActionDialog>(view, "cancelSubscriptionDialog");
        QVERIFY(cancelDialog);
        QVERIFY(cancelDialog->consequence().startsWith(
            QStringLiteral("The customer keeps access until %1")
                .arg(DisplayFormat::longDate(subscription.currentPeriodEnd))));
        QVERIFY(cancelDialog->consequence().contains(after));
        cancelDialog->reject();
        QTRY_VERIFY(!cancelDialog);

        child<QTabWidget>(view, "sectionTabs")->setCurrentIndex(4);
        QTest::qWait(100);
        view.grab().save(QStringLiteral("/tmp/tenantry-tenantdetailview.png"));
    }

    void overrideMakesTheSourceOverride()
    {
        const Subscription subscription = m_active.at(1);
        TenantDetailView view(m_support.client.get(), m_support.me);
        view.resize(1280, 900);
        view.show();
        view.showTenant(QString::fromStdString(subscription.tenantId));

        auto *entitlements = child<QTableView>(view, "entitlementsView");
        QAbstractItemModel *model = entitlements->model();
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() == 6, 30000);
        const int row = rowOf(model, EntitlementModel::FeatureKeyRole, QStringLiteral("audit_logs"));
        QVERIFY(row >= 0);
        QVERIFY(model->index(row, 0).data(EntitlementModel::SourceRole).toString()
                != QStringLiteral("override"));
        entitlements->setCurrentIndex(model->index(row, 0));

        auto *set = child<QPushButton>(view, "setOverrideButton");
        QTRY_VERIFY_WITH_TIMEOUT(set->isEnabled(), 30000);
        set->click();
        QPointer<ActionDialog> dialog = child<ActionDialog>(view, "setOverrideDialog");
        QVERIFY(dialog);
        QCOMPARE(child<QComboBox>(*dialog, "featureCombo")->currentData().toString(),
                 QStringLiteral("audit_logs"));
        QVERIFY(!dialog->confirmButton()->isEnabled());                // a reason is required
        child<QComboBox>(*dialog, "enabledCombo")->setCurrentIndex(0); // on
        child<QLineEdit>(*dialog, "reasonEdit")->setText(QStringLiteral("Pilot for the audit"));
        QVERIFY(dialog->confirmButton()->isEnabled());
        QVERIFY(dialog->consequence().contains(QStringLiteral("will be ON")));
        dialog->accept();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000);

        QTRY_COMPARE_WITH_TIMEOUT(rowOf(model,
                                        EntitlementModel::FeatureKeyRole,
                                        QStringLiteral("audit_logs"))
                                          >= 0
                                      ? model
                                            ->index(rowOf(model,
                                                          EntitlementModel::FeatureKeyRole,
                                                          QStringLiteral("audit_logs")),
                                                    0)
                                            .data(EntitlementModel::SourceRole)
                                            .toString()
                                      : QString(),
                                  QStringLiteral("override"),
                                  30000);
        const int updated = rowOf(model,
                                  EntitlementModel::FeatureKeyRole,
                                  QStringLiteral("audit_logs"));
        QCOMPARE(model->index(updated, EntitlementModel::ReasonColumn).data().toString(),
                 QStringLiteral("Pilot for the audit"));
        QVERIFY(model->index(updated, 0).data(EntitlementModel::EnabledRole).toBool());
        child<QTabWidget>(view, "sectionTabs")->setCurrentIndex(0);
        QTest::qWait(100);
        view.grab().save(QStringLiteral("/tmp/tenantry-tenantdetailview-features.png"));
    }

    void editConflictShowsBothVersionsAndReapplies()
    {
        const QString tenantId = QString::fromStdString(m_active.at(2).tenantId);
        TenantDetailView view(m_support.client.get(), m_support.me);
        view.show();
        view.showTenant(tenantId);
        auto *name = child<QLabel>(view, "tenantNameLabel");
        auto *contact = child<QLabel>(view, "contactLabel");
        auto *edit = child<QPushButton>(view, "editTenantButton");
        QTRY_VERIFY_WITH_TIMEOUT(edit->isEnabled(), 30000);

        // Someone else renames the tenant after the view loaded it.
        GetTenantJob get(m_support.client.get(), tenantId);
        QVERIFY(runJob(get));
        TenantPatch rename;
        rename.name = QStringLiteral("Renamed elsewhere");
        UpdateTenantJob other(m_support.client.get(), tenantId, get.tenant().version, rename);
        QVERIFY(runJob(other));

        edit->click();
        QPointer<ActionDialog> dialog = child<ActionDialog>(view, "editTenantDialog");
        QVERIFY(dialog);
        child<QLineEdit>(*dialog, "contactEdit")->setText(QStringLiteral("ops@example.com"));
        dialog->accept();
        QPointer<TenantConflictDialog> conflict;
        QTRY_VERIFY_WITH_TIMEOUT((conflict = view.findChild<TenantConflictDialog *>(
                                      QStringLiteral("tenantConflictDialog"))),
                                 30000);
        QVERIFY(conflict->fields().contains(QStringLiteral("Name")));
        QVERIFY(conflict->fields().contains(QStringLiteral("Contact email")));
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("errorLabel"))
                    ->text()
                    .contains(QStringLiteral("Request id: req_")));
        child<QPushButton>(*conflict, "reapplyButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(contact->text(), QStringLiteral("ops@example.com"), 30000);
        QCOMPARE(name->text(), QStringLiteral("Renamed elsewhere"));
    }

    void staleChangePlanShowsTheCurrentSubscription()
    {
        const Subscription subscription = m_active.at(4);
        TenantDetailView view(m_support.client.get(), m_support.me);
        view.show();
        view.showTenant(QString::fromStdString(subscription.tenantId));
        auto *quantity = child<QLabel>(view, "quantityLabel");
        QTRY_COMPARE_WITH_TIMEOUT(quantity->text(),
                                  QLocale().toString(static_cast<qlonglong>(subscription.quantity)),
                                  30000);
        auto *changePlan = child<QPushButton>(view, "changePlanButton");
        QTRY_VERIFY_WITH_TIMEOUT(changePlan->isEnabled(), 30000);
        changePlan->click();
        QPointer<ActionDialog> dialog = child<ActionDialog>(view, "changePlanDialog");
        QVERIFY(dialog);

        // Meanwhile someone else changes the quantity.
        const std::int64_t theirs = subscription.quantity + 5;
        ChangeSubscriptionPlanJob other(m_support.client.get(),
                                        QString::fromStdString(subscription.id),
                                        std::nullopt,
                                        theirs);
        QVERIFY(runJob(other));

        child<QSpinBox>(*dialog, "quantitySpinBox")
            ->setValue(static_cast<int>(subscription.quantity + 1));
        dialog->accept();
        auto *error = dialog->findChild<QLabel *>(QStringLiteral("errorLabel"));
        QTRY_VERIFY_WITH_TIMEOUT(!error->isHidden(), 30000);
        QVERIFY(error->text().contains(QStringLiteral("Someone else changed")));
        QVERIFY(!dialog->confirmButton()->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(quantity->text(),
                                  QLocale().toString(static_cast<qlonglong>(theirs)),
                                  30000);
        dialog->reject();
        QTRY_VERIFY(!dialog);
    }

    void forbiddenIsShownWithTheRequestId()
    {
        // The console believes it may (stale permissions); the server says no.
        const SignedIn viewer = signIn(*m_server, "viewer");
        QVERIFY(viewer.client);
        TenantDetailView view(viewer.client.get(), m_support.me);
        QSignalSpy failed(&view, &TenantDetailView::errorOccurred);
        view.show();
        view.showTenant(QString::fromStdString(m_active.at(3).tenantId));
        auto *changePlan = child<QPushButton>(view, "changePlanButton");
        QTRY_VERIFY_WITH_TIMEOUT(changePlan->isEnabled(), 30000);
        changePlan->click();
        QPointer<ActionDialog> dialog = child<ActionDialog>(view, "changePlanDialog");
        QVERIFY(dialog);
        auto *spin = child<QSpinBox>(*dialog, "quantitySpinBox");
        spin->setValue(spin->value() + 1);
        failed.clear();
        dialog->accept();
        auto *error = dialog->findChild<QLabel *>(QStringLiteral("errorLabel"));
        QTRY_VERIFY_WITH_TIMEOUT(!error->isHidden(), 30000);
        QVERIFY(dialog); // stays open: the user sees what happened
        QVERIFY(error->text().contains(QStringLiteral("subscriptions.write")));
        QVERIFY(error->text().contains(QStringLiteral("Request id: req_")));
        QVERIFY(error->textInteractionFlags() & Qt::TextSelectableByMouse);
        QVERIFY(dialog->confirmButton()->isEnabled()); // and can try again
        QVERIFY(!failed.isEmpty());
        QCOMPARE(failed.last().at(0).value<ApiError>().kind(), ApiError::Kind::Forbidden);
        dialog->grab().save(QStringLiteral("/tmp/tenantry-forbidden-dialog.png"));
        dialog->reject();
    }

    void subscribeATenantWithoutSubscription()
    {
        TenantDraft draft;
        draft.name = QStringLiteral("New Customer");
        draft.slug = QStringLiteral("new-customer-gui");
        draft.region = QStringLiteral("eu-west-1");
        CreateTenantJob create(m_support.client.get(), draft);
        QVERIFY(runJob(create));
        const QString tenantId = QString::fromStdString(create.tenant().id);

        TenantDetailView view(m_support.client.get(), m_support.me);
        view.show();
        view.showTenant(tenantId);
        auto *subscribe = child<QPushButton>(view, "createSubscriptionButton");
        QTRY_VERIFY_WITH_TIMEOUT(subscribe->isEnabled(), 30000);
        QVERIFY(child<QLabel>(view, "noSubscriptionLabel")->isVisible());
        QVERIFY(!child<QPushButton>(view, "changePlanButton")->isEnabled());
        subscribe->click();
        QPointer<ActionDialog> dialog = child<ActionDialog>(view, "createSubscriptionDialog");
        QVERIFY(dialog);
        auto *plans = child<QComboBox>(*dialog, "planCombo");
        const Plan *pro = nullptr;
        for (const Plan &plan : m_plans) {
            if (plan.key == "pro" && plan.price.currency().code() == "usd"
                && plan.interval == BillingInterval::Month)
                pro = &plan;
        }
        QVERIFY(pro);
        plans->setCurrentIndex(plans->findData(QString::fromStdString(pro->id)));
        child<QSpinBox>(*dialog, "quantitySpinBox")->setValue(2);
        child<QSpinBox>(*dialog, "trialDaysSpinBox")->setValue(0);
        const QString mrr = DisplayFormat::money(
            Money(pro->monthlyRecurringRevenue(2), pro->price.currency()));
        QCOMPARE(dialog->consequence(),
                 QStringLiteral("Active from now: MRR becomes %1 a month.").arg(mrr));
        dialog->accept();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(view, "mrrLabel")->text(),
                                  mrr + QStringLiteral(" a month"),
                                  30000);
        QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(view, "planLabel")->text(),
                                  QString::fromStdString(pro->name),
                                  30000);
        QVERIFY(!subscribe->isVisible());
    }

    void longListsContinueWithShowOlder()
    {
        TenantDraft draft;
        draft.name = QStringLiteral("Many notes");
        draft.slug = QStringLiteral("many-notes");
        draft.region = QStringLiteral("eu-west-1");
        CreateTenantJob create(m_support.client.get(), draft);
        QVERIFY(runJob(create));
        const QString tenantId = QString::fromStdString(create.tenant().id);
        constexpr int notes = 103; // more than one page of 100
        for (int n = 1; n <= notes; ++n) {
            AddTenantNoteJob add(m_support.client.get(), tenantId, QStringLiteral("Note %1").arg(n));
            bool added = runJob(add);
            // The default rate limit (burst 100) may ask to wait: the same job again, same key.
            for (int attempt = 0; !added && attempt < 10; ++attempt) {
                QVERIFY(add.error() && add.error()->kind() == ApiError::Kind::RateLimited);
                QTest::qWait(1000);
                added = runJob(add);
            }
            QVERIFY2(added, qPrintable(QStringLiteral("note %1").arg(n)));
        }

        TenantDetailView view(m_support.client.get(), m_support.me);
        view.show();
        view.showTenant(tenantId);
        auto *section = child<SectionWidget>(view, "notesSection");
        QTRY_VERIFY_WITH_TIMEOUT(section->state() == SectionWidget::State::Content, 30000);
        const QAbstractItemModel *model = child<QTableView>(view, "notesView")->model();
        QCOMPARE(model->rowCount(), 100);
        QVERIFY(section->isMoreAvailable());
        auto *more = section->findChild<QPushButton *>(QStringLiteral("moreButton"));
        QVERIFY(more && more->isEnabled());
        QTest::mouseClick(more, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), notes, 30000);
        QVERIFY(!section->isMoreAvailable());
        // Newest first, and the oldest note came with the second page.
        QStringList bodies;
        for (int row = 0; row < model->rowCount(); ++row) {
            for (int column = 0; column < model->columnCount(); ++column)
                bodies << model->index(row, column).data().toString();
        }
        QVERIFY(bodies.contains(QStringLiteral("Note 1")));
        QVERIFY(bodies.contains(QStringLiteral("Note 103")));
    }

    void viewerActionsAreDisabled()
    {
        const SignedIn viewer = signIn(*m_server, "viewer");
        QVERIFY(viewer.client);
        QVERIFY(viewer.me.hasPermissionList());
        TenantDetailView view(viewer.client.get(), viewer.me);
        view.show();
        view.showTenant(QString::fromStdString(m_active.at(0).tenantId));
        QTRY_VERIFY_WITH_TIMEOUT(child<SectionWidget>(view, "subscriptionSection")->state()
                                     == SectionWidget::State::Content,
                                 30000);
        QTRY_VERIFY_WITH_TIMEOUT(child<SectionWidget>(view, "overviewSection")->state()
                                     == SectionWidget::State::Content,
                                 30000);
        for (const char *name : {"editTenantButton",
                                 "suspendButton",
                                 "moveTenantButton",
                                 "addNoteButton",
                                 "changePlanButton",
                                 "cancelSubscriptionButton",
                                 "setOverrideButton",
                                 "clearOverrideButton",
                                 "addUserButton",
                                 "removeUserButton"}) {
            auto *button = child<QPushButton>(view, name);
            QVERIFY2(button, name);
            QVERIFY2(!button->isEnabled(), name);
            QVERIFY2(button->toolTip().contains(QStringLiteral("viewer")), name);
        }
        // A viewer may not read the audit log: the history says so without asking.
        QCOMPARE(child<SectionWidget>(view, "historySection")->state(), SectionWidget::State::Error);
    }
};

QTEST_MAIN(TestTenantDetailView)
#include "testtenantdetailview.moc"
