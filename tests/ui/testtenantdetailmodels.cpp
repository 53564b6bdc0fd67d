// The read-only models of the tenant detail view under QAbstractItemModelTester, with what they
// show for known records (money from minor units, the entitlement source, audit changes).

#include "ui/auditeventmodel.h"
#include "ui/displayformat.h"
#include "ui/entitlementmodel.h"
#include "ui/invoicemodel.h"
#include "ui/notemodel.h"
#include "ui/tenantusermodel.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QtTest>

using namespace Tenantry;

namespace {

Timestamp at(const char *text)
{
    return *parseRfc3339(text);
}

Currency usd()
{
    return *Currency::fromCode("usd");
}

} // namespace

class TestTenantDetailModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void moneyUsesTheCurrencyExponent()
    {
        QCOMPARE(DisplayFormat::money(Money(14700, usd())), QStringLiteral("$147.00"));
        QCOMPARE(DisplayFormat::money(Money(1000, *Currency::fromCode("jpy"))),
                 QStringLiteral("\u00a51,000"));
        QCOMPARE(DisplayFormat::money(Money(1234567, *Currency::fromCode("kwd"))),
                 QStringLiteral("KWD 1,234.567"));
    }

    void entitlements()
    {
        EntitlementModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFeatures({{"sso", "Single sign-on", "SAML"}, {"blog", "Blog", ""}});
        Entitlement sso;
        sso.featureKey = "sso";
        sso.enabled = true;
        sso.source = EntitlementSource::Override;
        sso.reason = "Pilot";
        sso.expiresAt = at("2030-01-01T00:00:00Z");
        sso.planWouldGrant = false;
        Entitlement blog;
        blog.featureKey = "blog";
        blog.enabled = false;
        blog.source = EntitlementSource::None;
        model.setRecords({sso, blog});
        FeatureOverride item;
        item.featureKey = "sso";
        item.version = 3;
        model.setOverrides({item});

        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(EntitlementModel::ColumnCount));
        QCOMPARE(model.index(0, EntitlementModel::FeatureColumn).data().toString(),
                 QStringLiteral("Single sign-on"));
        QCOMPARE(model.index(0, EntitlementModel::SourceColumn).data().toString(),
                 QStringLiteral("Override"));
        QCOMPARE(model.index(0, 0).data(EntitlementModel::SourceRole).toString(),
                 QStringLiteral("override"));
        QCOMPARE(model.index(0, EntitlementModel::ReasonColumn).data().toString(),
                 QStringLiteral("Pilot"));
        QVERIFY(model.index(0, 0).data(EntitlementModel::HasOverrideRole).toBool());
        QVERIFY(!model.index(1, 0).data(EntitlementModel::HasOverrideRole).toBool());
        QCOMPARE(model.index(1, EntitlementModel::EnabledColumn).data().toString(),
                 QStringLiteral("Off"));
        QCOMPARE(model.overrideFor("sso")->version, std::int64_t(3));
        model.setRecords({});
        QCOMPARE(model.rowCount(), 0);
    }

    void invoices()
    {
        InvoiceModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRecords({Invoice{"inv_1",
                                  "ten_1",
                                  "sub_1",
                                  InvoiceStatus::Open,
                                  Money(14700, usd()),
                                  Money(0, usd()),
                                  at("2025-11-08T10:00:00Z"),
                                  at("2025-12-08T10:00:00Z"),
                                  at("2025-11-08T10:00:00Z"),
                                  std::nullopt}});
        QCOMPARE(model.index(0, InvoiceModel::AmountDueColumn).data().toString(),
                 QStringLiteral("$147.00"));
        QCOMPARE(model.index(0, InvoiceModel::AmountPaidColumn).data().toString(),
                 QStringLiteral("$0.00"));
        QCOMPARE(model.index(0, InvoiceModel::StatusColumn).data().toString(),
                 QStringLiteral("Open"));
        QCOMPARE(model.index(0, 0).data(InvoiceModel::AmountDueMinorRole).toLongLong(), 14700);
    }

    void usersAndNotes()
    {
        TenantUserModel users;
        QAbstractItemModelTester usersTester(&users,
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        users.setRecords({TenantUser{
            "tus_1", "ten_1", "wile@acme.example", "Wile", "admin", at("2025-11-23T09:12:00Z"), 2}});
        QCOMPARE(users.index(0, TenantUserModel::RoleColumn).data().toString(),
                 QStringLiteral("Admin"));
        QCOMPARE(users.index(0, 0).data(TenantUserModel::VersionRole).toLongLong(), 2);

        NoteModel notes;
        QAbstractItemModelTester notesTester(&notes,
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        notes.setRecords({Note{"note_1", "ten_1", "usr_1", "Called the customer", {}}});
        QCOMPARE(notes.index(0, NoteModel::BodyColumn).data().toString(),
                 QStringLiteral("Called the customer"));
    }

    void auditEventsSummariseTheChange()
    {
        AuditEventModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        AuditEvent event;
        event.id = "aud_1";
        event.actorEmail = "support@demo.tenantry.dev";
        event.action = "subscription.plan_changed";
        event.before = QJsonObject{{QStringLiteral("quantity"), 1}, {QStringLiteral("version"), 1}};
        event.after = QJsonObject{{QStringLiteral("quantity"), 3}, {QStringLiteral("version"), 2}};
        event.requestId = "req_1";
        model.setRecords({event});
        QCOMPARE(model.index(0, AuditEventModel::ChangeColumn).data().toString(),
                 QStringLiteral("quantity: 1 \u2192 3"));
        QCOMPARE(model.index(0, 0).data(AuditEventModel::ActionRole).toString(),
                 QStringLiteral("subscription.plan_changed"));
    }
};

QTEST_MAIN(TestTenantDetailModels)
#include "testtenantdetailmodels.moc"
