// The Billing page's models under QAbstractItemModelTester: the webhook inbox (statuses as
// words and badge tones, times in the user's locale, sorting keys) and the drift of a
// reconciliation (what each side says for each kind of difference, read leniently; money through
// QLocale; tenant names once known; the sentence the confirmation shows).

#include "ui/billingdrifttablemodel.h"
#include "ui/displayformat.h"
#include "ui/statusbadge.h"
#include "ui/webhookeventtablemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QSignalSpy>
#include <QtTest>

using namespace Tenantry;

namespace {

Timestamp at(const char *text)
{
    return *parseRfc3339(text);
}

WebhookEvent webhookEvent(const char *id, const char *status, int attempts)
{
    WebhookEvent event;
    event.id = id;
    event.type = "invoice.paid";
    event.created = at("2026-03-01T10:00:00Z");
    event.status = status;
    event.attempts = attempts;
    if (std::string(status) == "dead")
        event.lastError = "subscription sub_late is not known";
    if (std::string(status) == "pending")
        event.nextAttemptAt = at("2026-03-01T10:05:00Z");
    event.receivedAt = at("2026-03-01T10:00:01Z");
    return event;
}

BillingDrift drift(const char *id, const char *kind, QJsonObject local, QJsonObject provider)
{
    BillingDrift drift;
    drift.id = id;
    drift.jobId = "job_1";
    drift.kind = kind;
    drift.tenantId = "ten_acme";
    drift.subscriptionId = "sub_local";
    drift.stripeSubscriptionId = "sub_1Pgc76";
    drift.local = std::move(local);
    drift.provider = std::move(provider);
    return drift;
}

} // namespace

class TestBillingTableModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void cleanupTestCase() { QLocale::setDefault(QLocale::c()); }

    void webhookEvents()
    {
        WebhookEventTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRecords({webhookEvent("evt_dead", "dead", 8),
                          webhookEvent("evt_pending", "pending", 2),
                          webhookEvent("evt_done", "processed", 0)});
        model.appendRecords({webhookEvent("evt_ignored", "ignored", 0)});
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), int(WebhookEventTableModel::ColumnCount));
        QCOMPARE(model.headerData(WebhookEventTableModel::LastError, Qt::Horizontal).toString(),
                 QStringLiteral("Last error"));

        const auto cell = [&model](int row, int column, int role = Qt::DisplayRole) {
            return model.index(row, column).data(role);
        };
        QCOMPARE(cell(0, WebhookEventTableModel::Status).toString(), QStringLiteral("Dead"));
        QCOMPARE(cell(0, WebhookEventTableModel::Status, WebhookEventTableModel::ToneRole).toInt(),
                 int(StatusBadge::Tone::Bad));
        QCOMPARE(cell(1, WebhookEventTableModel::Status, WebhookEventTableModel::ToneRole).toInt(),
                 int(StatusBadge::Tone::Warning));
        QCOMPARE(cell(2, WebhookEventTableModel::Status, WebhookEventTableModel::ToneRole).toInt(),
                 int(StatusBadge::Tone::Good));
        QCOMPARE(cell(3, WebhookEventTableModel::Status).toString(), QStringLiteral("Ignored"));
        QCOMPARE(cell(0, WebhookEventTableModel::Type, WebhookEventTableModel::EventIdRole)
                     .toString(),
                 QStringLiteral("evt_dead"));
        QCOMPARE(cell(0, WebhookEventTableModel::Attempts).toString(), QStringLiteral("8"));
        QCOMPARE(cell(0, WebhookEventTableModel::LastError).toString(),
                 QStringLiteral("subscription sub_late is not known"));
        QCOMPARE(cell(0, WebhookEventTableModel::LastError, Qt::ToolTipRole).toString(),
                 QStringLiteral("subscription sub_late is not known"));
        QCOMPARE(cell(0, WebhookEventTableModel::Created).toString(),
                 DisplayFormat::dateTime(at("2026-03-01T10:00:00Z")));
        QCOMPARE(cell(1, WebhookEventTableModel::NextAttempt).toString(),
                 DisplayFormat::dateTime(at("2026-03-01T10:05:00Z")));
        QVERIFY(cell(0, WebhookEventTableModel::NextAttempt).toString().isEmpty());
        // Numbers sort as numbers, times as times.
        QVERIFY(
            cell(0, WebhookEventTableModel::Attempts, WebhookEventTableModel::SortRole).toLongLong()
            > cell(1, WebhookEventTableModel::Attempts, WebhookEventTableModel::SortRole)
                  .toLongLong());
        QVERIFY(webhookEvent("e", "dead", 1).isReplayable());
        QVERIFY(webhookEvent("e", "ignored", 0).isReplayable());
        QVERIFY(!webhookEvent("e", "pending", 0).isReplayable());
        QVERIFY(!webhookEvent("e", "processed", 0).isReplayable());

        // In German, the count and the time follow the locale.
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        model.setRecords({webhookEvent("evt_many", "dead", 12345)});
        QCOMPARE(cell(0, WebhookEventTableModel::Attempts).toString(), QStringLiteral("12.345"));
        QCOMPARE(cell(0, WebhookEventTableModel::Created).toString(),
                 DisplayFormat::dateTime(at("2026-03-01T10:00:00Z")));
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void driftSides_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QJsonObject>("local");
        QTest::addColumn<QJsonObject>("provider");
        QTest::addColumn<QString>("localText");
        QTest::addColumn<QString>("providerText");
        QTest::addColumn<QString>("change");
        const QJsonObject active{{QStringLiteral("status"), QStringLiteral("active")},
                                 {QStringLiteral("plan_id"), QStringLiteral("pln_pro")},
                                 {QStringLiteral("quantity"), 1}};
        QTest::newRow("status") << QStringLiteral("status_mismatch") << active
                                << QJsonObject{{QStringLiteral("status"),
                                                QStringLiteral("past_due")}}
                                << QStringLiteral("Active") << QStringLiteral("Past due")
                                << QStringLiteral("The status of subscription sub_local changes "
                                                  "from Active to Past due.");
        QTest::newRow("price id") << QStringLiteral("price_mismatch") << active
                                  << QJsonObject{{QStringLiteral("price"),
                                                  QStringLiteral("price_enterprise_usd")}}
                                  << QStringLiteral("pln_pro")
                                  << QStringLiteral("price_enterprise_usd")
                                  << QStringLiteral("The price of subscription sub_local changes "
                                                    "from pln_pro to price_enterprise_usd.");
        QTest::newRow("price as money")
            << QStringLiteral("price_mismatch")
            << QJsonObject{{QStringLiteral("price"),
                            QJsonObject{{QStringLiteral("amount"), 4900},
                                        {QStringLiteral("currency"), QStringLiteral("usd")}}}}
            << QJsonObject{{QStringLiteral("price"),
                            QJsonObject{{QStringLiteral("amount"), 14700},
                                        {QStringLiteral("currency"), QStringLiteral("usd")}}}}
            << QStringLiteral("$49.00") << QStringLiteral("$147.00")
            << QStringLiteral("The price of subscription sub_local changes from $49.00 to "
                              "$147.00.");
        QTest::newRow("quantity") << QStringLiteral("quantity_mismatch") << active
                                  << QJsonObject{{QStringLiteral("quantity"), 3000}}
                                  << QStringLiteral("1") << QStringLiteral("3,000")
                                  << QStringLiteral("The quantity of subscription sub_local "
                                                    "changes from 1 to 3,000.");
        QTest::newRow("missing locally")
            << QStringLiteral("missing_locally") << QJsonObject()
            << QJsonObject{{QStringLiteral("status"), QStringLiteral("trialing")},
                           {QStringLiteral("price"), QStringLiteral("price_pro_usd")},
                           {QStringLiteral("quantity"), 2}}
            << QStringLiteral("none")
            << QStringLiteral("Trialing \u00b7 price_pro_usd \u00b7 quantity 2")
            << QStringLiteral("Subscription sub_local exists only at the billing provider "
                              "(Trialing \u00b7 price_pro_usd \u00b7 quantity 2): it will be "
                              "created locally.");
        QTest::newRow("missing at provider")
            << QStringLiteral("missing_at_provider") << active << QJsonObject()
            << QStringLiteral("Active \u00b7 pln_pro \u00b7 quantity 1") << QStringLiteral("none")
            << QStringLiteral("Subscription sub_local does not exist at the billing provider: "
                              "the local one (Active \u00b7 pln_pro \u00b7 quantity 1) will be "
                              "ended.");
        QTest::newRow("unknown status, unknown fields")
            << QStringLiteral("status_mismatch")
            << QJsonObject{{QStringLiteral("status"), QStringLiteral("sleeping")}}
            << QJsonObject{{QStringLiteral("colour"), QStringLiteral("blue")}}
            << QStringLiteral("sleeping") << QStringLiteral("(no details)")
            << QStringLiteral("The status of subscription sub_local changes from sleeping to "
                              "(no details).");
    }

    void driftSides()
    {
        QFETCH(QString, kind);
        QFETCH(QJsonObject, local);
        QFETCH(QJsonObject, provider);
        QFETCH(QString, localText);
        QFETCH(QString, providerText);
        QFETCH(QString, change);
        const BillingDrift row = drift("drf_1", kind.toUtf8().constData(), local, provider);
        BillingDriftTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRecords({row});
        QCOMPARE(model.index(0, BillingDriftTableModel::Local).data().toString(), localText);
        QCOMPARE(model.index(0, BillingDriftTableModel::Provider).data().toString(), providerText);
        QCOMPARE(BillingDriftTableModel::changeText(row), change);
    }

    void driftRows()
    {
        BillingDriftTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        BillingDrift applied = drift("drf_2",
                                     "status_mismatch",
                                     {{QStringLiteral("status"), QStringLiteral("active")}},
                                     {{QStringLiteral("status"), QStringLiteral("canceled")}});
        applied.appliedAt = at("2026-03-02T08:00:00Z");
        applied.appliedBy = "usr_owner";
        BillingDrift orphan = drift("drf_3", "missing_locally", {}, {});
        orphan.tenantId.reset();
        orphan.subscriptionId.reset();
        model.setRecords({drift("drf_1", "quantity_mismatch", {}, {}), applied, orphan});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, BillingDriftTableModel::Kind).data().toString(),
                 QStringLiteral("Quantity differs"));
        QCOMPARE(model.index(0, BillingDriftTableModel::Kind, {})
                     .data(BillingDriftTableModel::DriftIdRole)
                     .toString(),
                 QStringLiteral("drf_1"));
        QVERIFY(model.index(0, BillingDriftTableModel::Applied).data().toString().isEmpty());
        QVERIFY(!model.index(0, 0).data(BillingDriftTableModel::AppliedRole).toBool());
        QVERIFY(model.index(1, 0).data(BillingDriftTableModel::AppliedRole).toBool());
        QCOMPARE(model.index(1, BillingDriftTableModel::Applied).data().toString(),
                 QStringLiteral("Applied %1").arg(DisplayFormat::dateTime(*applied.appliedAt)));
        QCOMPARE(model.index(2, BillingDriftTableModel::Tenant).data().toString(),
                 QStringLiteral("(no tenant)"));

        // The tenant's id until its name arrives; then the name, the id in the tooltip.
        QCOMPARE(model.index(0, BillingDriftTableModel::Tenant).data().toString(),
                 QStringLiteral("ten_acme"));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setTenantName("ten_acme", QStringLiteral("Acme Corp"));
        QCOMPARE(changed.count(), 2);
        QCOMPARE(model.index(0, BillingDriftTableModel::Tenant).data().toString(),
                 QStringLiteral("Acme Corp"));
        QVERIFY(model.index(0, BillingDriftTableModel::Tenant)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"ten_acme"));
    }
};

QTEST_MAIN(TestBillingTableModels)
#include "testbillingtablemodels.moc"
