#include "core/entitlements.h"

#include <QtTest>

using namespace Tenantry;

namespace {

const Timestamp kNow = Timestamp(std::chrono::seconds(1750000000));

std::vector<Feature> catalog()
{
    return {{"blog", "Blog", {}},
            {"analytics", "Analytics", {}},
            {"sso", "Single sign-on", {}},
            {"audit_logs", "Audit logs", {}}};
}

Plan proPlan()
{
    Plan plan{"pln_pro",
              "pro",
              "Pro",
              Money(4900, *Currency::fromCode("usd")),
              BillingInterval::Month,
              {"blog", "analytics", "not_in_catalog"},
              true};
    return plan;
}

FeatureOverride override(std::string key, bool enabled, std::optional<Timestamp> expiresAt = {})
{
    FeatureOverride result;
    result.tenantId = "ten_1";
    result.featureKey = std::move(key);
    result.enabled = enabled;
    result.reason = "pilot";
    result.expiresAt = expiresAt;
    return result;
}

const Entitlement &find(const std::vector<Entitlement> &entitlements, const std::string &key)
{
    for (const Entitlement &entitlement : entitlements) {
        if (entitlement.featureKey == key)
            return entitlement;
    }
    qFatal("no entitlement");
}

} // namespace

Q_DECLARE_METATYPE(Tenantry::TenantStatus)

class TestEntitlements : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void planGrantsItsFeaturesInCatalogOrder();
    void noPlanGrantsNothing();
    void subscriptionStatusDecidesWhetherThePlanApplies_data();
    void subscriptionStatusDecidesWhetherThePlanApplies();
    void overrideWinsBothWays();
    void expiredOverrideLapsesAtItsExpiry();
    void suspendedOrDeletedTenantHasNothing_data();
    void suspendedOrDeletedTenantHasNothing();
};

void TestEntitlements::planGrantsItsFeaturesInCatalogOrder()
{
    EntitlementInput input;
    input.plan = proPlan();
    input.subscriptionStatus = SubscriptionStatus::Active;
    input.catalog = catalog();
    input.now = kNow;
    const std::vector<Entitlement> result = resolveEntitlements(input);

    QCOMPARE(result.size(), std::size_t(4)); // "not_in_catalog" is not reported
    QCOMPARE(result[0].featureKey, std::string("blog"));
    QCOMPARE(result[3].featureKey, std::string("audit_logs"));
    QVERIFY(result[0].enabled);
    QVERIFY(result[0].source == EntitlementSource::Plan);
    QVERIFY(result[0].planId == std::optional<std::string>("pln_pro"));
    QVERIFY(result[1].enabled);
    QVERIFY(!result[2].enabled);
    QVERIFY(result[2].source == EntitlementSource::None);
    QVERIFY(!result[2].planId);
}

void TestEntitlements::noPlanGrantsNothing()
{
    EntitlementInput input;
    input.catalog = catalog();
    for (const Entitlement &entitlement : resolveEntitlements(input)) {
        QVERIFY(!entitlement.enabled);
        QVERIFY(entitlement.source == EntitlementSource::None);
    }
}

void TestEntitlements::subscriptionStatusDecidesWhetherThePlanApplies_data()
{
    QTest::addColumn<int>("status"); // -1: no subscription (a plan without one, like free)
    QTest::addColumn<bool>("granted");
    QTest::newRow("no subscription") << -1 << true;
    QTest::newRow("trialing") << int(SubscriptionStatus::Trialing) << true;
    QTest::newRow("active") << int(SubscriptionStatus::Active) << true;
    QTest::newRow("past_due") << int(SubscriptionStatus::PastDue) << true;
    QTest::newRow("unpaid") << int(SubscriptionStatus::Unpaid) << false;
    QTest::newRow("paused") << int(SubscriptionStatus::Paused) << false;
    QTest::newRow("incomplete") << int(SubscriptionStatus::Incomplete) << false;
    QTest::newRow("canceled") << int(SubscriptionStatus::Canceled) << false;
}

void TestEntitlements::subscriptionStatusDecidesWhetherThePlanApplies()
{
    QFETCH(int, status);
    QFETCH(bool, granted);
    EntitlementInput input;
    input.plan = proPlan();
    if (status >= 0)
        input.subscriptionStatus = static_cast<SubscriptionStatus>(status);
    input.catalog = catalog();
    const Entitlement &blog = find(resolveEntitlements(input), "blog");
    QCOMPARE(blog.enabled, granted);
    QVERIFY(blog.source == (granted ? EntitlementSource::Plan : EntitlementSource::None));
}

void TestEntitlements::overrideWinsBothWays()
{
    EntitlementInput input;
    input.plan = proPlan();
    input.subscriptionStatus = SubscriptionStatus::Active;
    input.catalog = catalog();
    input.now = kNow;
    input.overrides = {override("sso", true, kNow + std::chrono::hours(24)),
                       override("analytics", false)};
    const std::vector<Entitlement> result = resolveEntitlements(input);

    const Entitlement &sso = find(result, "sso");
    QVERIFY(sso.enabled);
    QVERIFY(sso.source == EntitlementSource::Override);
    QVERIFY(sso.reason == std::optional<std::string>("pilot"));
    QVERIFY(sso.expiresAt == std::optional<Timestamp>(kNow + std::chrono::hours(24)));
    QVERIFY(sso.planWouldGrant == std::optional<bool>(false));

    const Entitlement &analytics = find(result, "analytics");
    QVERIFY(!analytics.enabled);
    QVERIFY(analytics.source == EntitlementSource::Override);
    QVERIFY(analytics.planWouldGrant == std::optional<bool>(true));

    QVERIFY(find(result, "blog").source == EntitlementSource::Plan);
}

void TestEntitlements::expiredOverrideLapsesAtItsExpiry()
{
    EntitlementInput input;
    input.plan = proPlan();
    input.catalog = catalog();
    input.overrides = {override("sso", true, kNow)};

    input.now = kNow - std::chrono::microseconds(1);
    QVERIFY(find(resolveEntitlements(input), "sso").enabled);

    input.now = kNow;
    const Entitlement &lapsed = find(resolveEntitlements(input), "sso");
    QVERIFY(!lapsed.enabled);
    QVERIFY(lapsed.source == EntitlementSource::None);
}

void TestEntitlements::suspendedOrDeletedTenantHasNothing_data()
{
    QTest::addColumn<TenantStatus>("status");
    QTest::newRow("suspended") << TenantStatus::Suspended;
    QTest::newRow("deleted") << TenantStatus::Deleted;
}

void TestEntitlements::suspendedOrDeletedTenantHasNothing()
{
    QFETCH(TenantStatus, status);
    EntitlementInput input;
    input.tenantStatus = status;
    input.plan = proPlan();
    input.subscriptionStatus = SubscriptionStatus::Active;
    input.catalog = catalog();
    input.overrides = {override("sso", true)};
    for (const Entitlement &entitlement : resolveEntitlements(input)) {
        QVERIFY(!entitlement.enabled);
        QVERIFY(entitlement.source == EntitlementSource::TenantStatus);
    }
}

QTEST_APPLESS_MAIN(TestEntitlements)

#include "testentitlements.moc"
