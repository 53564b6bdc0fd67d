// The Plans & Features view against a real tenantryd --demo, offscreen: an admin creates a plan
// through the dialog (the price typed in German, "12,50", arrives as 1250 minor units) and
// renames it; a change made elsewhere meanwhile (412) refills the dialog with the plan as it is
// and says so; for support the buttons are disabled and say which permission is missing.

#include "client/planjob.h"
#include "tests/ui/uitestsupport.h"
#include "ui/featuretablemodel.h"
#include "ui/plandialog.h"
#include "ui/plansview.h"
#include "ui/plantablemodel.h"

#include <QComboBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QUuid>
#include <QtTest>

#include <optional>

using namespace Tenantry;
using namespace Tenantry::TestSupport;

namespace {

constexpr int timeoutMs = 30000;

const Plan *planWithKey(const PlanTableModel *model, const QString &key)
{
    for (const Plan &plan : model->plans()) {
        if (QString::fromStdString(plan.key) == key)
            return &plan;
    }
    return nullptr;
}

void selectPlan(PlansView &view, const QString &key)
{
    auto *table = view.findChild<QTableView *>(QStringLiteral("planTable"));
    const auto *proxy = static_cast<const QSortFilterProxyModel *>(table->model());
    const auto &plans = view.planModel()->plans();
    for (std::size_t row = 0; row < plans.size(); ++row) {
        if (QString::fromStdString(plans[row].key) == key) {
            const QModelIndex index = proxy->mapFromSource(
                view.planModel()->index(static_cast<int>(row), 0));
            table->selectionModel()->select(index,
                                            QItemSelectionModel::ClearAndSelect
                                                | QItemSelectionModel::Rows);
            return;
        }
    }
}

} // namespace

class TestPlansView : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TenantrydProcess> m_server;
    SignedIn m_admin;

    static bool waitForPlans(PlansView &view, const QString &key = {})
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            if (view.planModel()->rowCount() > 0 && view.featureModel()->rowCount() > 0
                && (key.isEmpty() || planWithKey(view.planModel(), key)))
                return true;
            QTest::qWait(20);
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
        m_admin = signIn(*m_server, "admin");
        QVERIFY(m_admin.client);
    }

    void cleanupTestCase()
    {
        m_admin.client.reset();
        m_server.reset();
        QLocale::setDefault(QLocale::c());
    }

    void adminCreatesAndRenamesAPlan()
    {
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        PlansView view(m_admin.client.get());
        view.setPermissions(Permissions(QStringLiteral("admin")));
        view.show();
        view.reload();
        QVERIFY(waitForPlans(view));
        auto *newButton = view.findChild<QPushButton *>(QStringLiteral("newPlanButton"));
        auto *editButton = view.findChild<QPushButton *>(QStringLiteral("editPlanButton"));
        QVERIFY(newButton->isEnabled());
        QVERIFY(!editButton->isEnabled()); // nothing selected yet

        PlanDialog *dialog = view.newPlan();
        QVERIFY(dialog);
        const QString key = QStringLiteral("team-")
                            + QUuid::createUuid().toString(QUuid::Id128).left(8);
        dialog->findChild<QLineEdit *>(QStringLiteral("planKeyEdit"))->setText(key);
        dialog->findChild<QLineEdit *>(QStringLiteral("planNameEdit"))
            ->setText(QStringLiteral("Team"));
        auto *price = dialog->findChild<QLineEdit *>(QStringLiteral("planPriceEdit"));
        auto *currency = dialog->findChild<QComboBox *>(QStringLiteral("planCurrencyCombo"));
        currency->setCurrentIndex(currency->findData(QStringLiteral("eur")));
        dialog->findChild<QSpinBox *>(QStringLiteral("planTrialDaysSpin"))->setValue(14);
        auto *features = dialog->findChild<QListWidget *>(QStringLiteral("planFeatureList"));
        QVERIFY(features->count() >= 6);
        features->item(0)->setCheckState(Qt::Checked);
        const QString firstFeature = features->item(0)->data(Qt::UserRole).toString();

        // A price that is not a number is refused before anything is sent.
        price->setText(QStringLiteral("twelve"));
        QSignalSpy saved(dialog, &PlanDialog::planSaved);
        std::optional<Plan> last;
        connect(dialog, &PlanDialog::planSaved, this, [&last](const Plan &plan) { last = plan; });
        dialog->save();
        auto *error = dialog->findChild<QLabel *>(QStringLiteral("planErrorLabel"));
        QVERIFY(error->isVisible());
        QCOMPARE(saved.count(), 0);

        price->setText(QStringLiteral("12,50"));
        dialog->save();
        QVERIFY(saved.wait(timeoutMs));
        QVERIFY(last);
        const Plan created = *last;
        QCOMPARE(created.price.amount(), std::int64_t(1250));
        QCOMPARE(QString::fromLatin1(created.price.currency().code().data(), 3),
                 QStringLiteral("eur"));
        QCOMPARE(created.trialDays, std::int64_t(14));
        QVERIFY(created.features == std::vector<std::string>{firstFeature.toStdString()});
        QVERIFY(waitForPlans(view, key)); // the view reloaded

        selectPlan(view, key);
        QVERIFY(editButton->isEnabled());
        PlanDialog *edit = view.editSelectedPlan();
        QVERIFY(edit);
        QVERIFY(!edit->findChild<QLineEdit *>(QStringLiteral("planPriceEdit"))->isEnabled());
        edit->findChild<QLineEdit *>(QStringLiteral("planNameEdit"))
            ->setText(QStringLiteral("Team Plus"));
        QSignalSpy renamed(edit, &PlanDialog::planSaved);
        edit->save();
        QVERIFY(renamed.wait(timeoutMs));
        QTRY_VERIFY_WITH_TIMEOUT(planWithKey(view.planModel(), key)
                                     && planWithKey(view.planModel(), key)->name == "Team Plus",
                                 timeoutMs);
        QLocale::setDefault(QLocale::c());
    }

    void aChangeMadeElsewhereRefillsTheDialog()
    {
        PlansView view(m_admin.client.get());
        view.setPermissions(Permissions(QStringLiteral("owner")));
        view.show();
        view.reload();
        QVERIFY(waitForPlans(view));

        PlanDraft draft(Money(900, *Currency::fromCode("usd")));
        draft.key = QStringLiteral("race-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
        draft.name = QStringLiteral("Race");
        CreatePlanJob create(m_admin.client.get(), draft);
        QVERIFY(runJob(create));
        view.reload();
        QVERIFY(waitForPlans(view, draft.key));
        selectPlan(view, draft.key);
        PlanDialog *edit = view.editSelectedPlan();
        QVERIFY(edit);

        // Someone else renames it first.
        PlanPatch elsewhere;
        elsewhere.name = QStringLiteral("Race (renamed elsewhere)");
        UpdatePlanJob other(m_admin.client.get(),
                            QString::fromStdString(create.plan().id),
                            create.plan().version,
                            elsewhere);
        QVERIFY(runJob(other));

        auto *name = edit->findChild<QLineEdit *>(QStringLiteral("planNameEdit"));
        name->setText(QStringLiteral("Race mine"));
        QSignalSpy saved(edit, &PlanDialog::planSaved);
        std::optional<Plan> last;
        connect(edit, &PlanDialog::planSaved, this, [&last](const Plan &plan) { last = plan; });
        edit->save();
        auto *error = edit->findChild<QLabel *>(QStringLiteral("planErrorLabel"));
        QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), timeoutMs);
        QVERIFY2(error->text().contains(QLatin1String("changed this plan")),
                 qPrintable(error->text()));
        QCOMPARE(name->text(), QStringLiteral("Race (renamed elsewhere)"));
        QCOMPARE(saved.count(), 0);

        // Saving again now applies on top of the current version.
        name->setText(QStringLiteral("Race mine"));
        edit->save();
        QVERIFY(saved.wait(timeoutMs));
        QVERIFY(last);
        QCOMPARE(QString::fromStdString(last->name), QStringLiteral("Race mine"));
    }

    void supportCannotEditPlans()
    {
        const SignedIn support = signIn(*m_server, "support");
        QVERIFY(support.client);
        PlansView view(support.client.get());
        view.setPermissions(Permissions(QStringLiteral("support")));
        view.reload();
        QVERIFY(waitForPlans(view));
        auto *newButton = view.findChild<QPushButton *>(QStringLiteral("newPlanButton"));
        QVERIFY(!newButton->isEnabled());
        QVERIFY(newButton->toolTip().contains(QLatin1String("plans.write")));
        QVERIFY(view.newPlan() == nullptr);
        selectPlan(view, QString::fromStdString(view.planModel()->plans().front().key));
        QVERIFY(!view.findChild<QPushButton *>(QStringLiteral("editPlanButton"))->isEnabled());
        QVERIFY(view.editSelectedPlan() == nullptr);
    }
};

QTEST_MAIN(TestPlansView)
#include "testplansview.moc"
