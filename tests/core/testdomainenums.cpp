#include "core/invoice.h"
#include "core/plan.h"
#include "core/subscription.h"
#include "core/tenant.h"

#include <QtTest>

#include <set>
#include <string>
#include <string_view>

using namespace Tenantry;

namespace {

std::string_view view(const QByteArray &bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

QByteArray bytes(std::string_view text)
{
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

Currency currency(std::string_view code)
{
    const std::optional<Currency> result = Currency::fromCode(code);
    Q_ASSERT(result);
    return result.value_or(*Currency::fromCode("usd"));
}

// Every value of an enum whose values are 0..last: toString gives a distinct, non-empty
// string that fromString maps back to the same value.
template<typename Enum>
void verifyEveryValueRoundTrips(Enum last, std::optional<Enum> (*fromString)(std::string_view))
{
    std::set<std::string> seen;
    for (int i = 0; i <= static_cast<int>(last); ++i) {
        const auto value = static_cast<Enum>(i);
        const std::string_view text = toString(value);
        QVERIFY2(!text.empty(), qPrintable(QStringLiteral("value %1 has no string").arg(i)));
        QVERIFY2(seen.insert(std::string(text)).second, std::string(text).c_str());
        const std::optional<Enum> parsed = fromString(text);
        QVERIFY2(parsed.has_value(), std::string(text).c_str());
        QCOMPARE(static_cast<int>(*parsed), i);
    }
}

} // namespace

Q_DECLARE_METATYPE(Tenantry::TenantStatus)
Q_DECLARE_METATYPE(Tenantry::Isolation)
Q_DECLARE_METATYPE(Tenantry::SubscriptionStatus)
Q_DECLARE_METATYPE(Tenantry::InvoiceStatus)
Q_DECLARE_METATYPE(Tenantry::BillingInterval)

class TestDomainEnums : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void billingInterval_data();
    void billingInterval();
    void tenantStatus_data();
    void tenantStatus();
    void isolation_data();
    void isolation();
    void subscriptionStatus_data();
    void subscriptionStatus();
    void invoiceStatus_data();
    void invoiceStatus();
    void everyValueRoundTrips();
    void unknownStrings_data();
    void unknownStrings();
    void monthlyRecurringRevenue_data();
    void monthlyRecurringRevenue();
};

void TestDomainEnums::billingInterval_data()
{
    QTest::addColumn<BillingInterval>("value");
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("month") << BillingInterval::Month << QByteArray("month");
    QTest::newRow("year") << BillingInterval::Year << QByteArray("year");
}

void TestDomainEnums::billingInterval()
{
    QFETCH(BillingInterval, value);
    QFETCH(QByteArray, text);
    QCOMPARE(bytes(toString(value)), text);
    QCOMPARE(billingIntervalFromString(view(text)), std::optional<BillingInterval>(value));
}

void TestDomainEnums::tenantStatus_data()
{
    QTest::addColumn<TenantStatus>("value");
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("active") << TenantStatus::Active << QByteArray("active");
    QTest::newRow("suspended") << TenantStatus::Suspended << QByteArray("suspended");
    QTest::newRow("deleted") << TenantStatus::Deleted << QByteArray("deleted");
}

void TestDomainEnums::tenantStatus()
{
    QFETCH(TenantStatus, value);
    QFETCH(QByteArray, text);
    QCOMPARE(bytes(toString(value)), text);
    QCOMPARE(tenantStatusFromString(view(text)), std::optional<TenantStatus>(value));
}

void TestDomainEnums::isolation_data()
{
    QTest::addColumn<Isolation>("value");
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("pool") << Isolation::Pool << QByteArray("pool");
    QTest::newRow("silo") << Isolation::Silo << QByteArray("silo");
    QTest::newRow("hybrid") << Isolation::Hybrid << QByteArray("hybrid");
}

void TestDomainEnums::isolation()
{
    QFETCH(Isolation, value);
    QFETCH(QByteArray, text);
    QCOMPARE(bytes(toString(value)), text);
    QCOMPARE(isolationFromString(view(text)), std::optional<Isolation>(value));
}

void TestDomainEnums::subscriptionStatus_data()
{
    // Stripe's Subscription.status values, spelled exactly as the Stripe API spells them.
    QTest::addColumn<SubscriptionStatus>("value");
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("incomplete") << SubscriptionStatus::Incomplete << QByteArray("incomplete");
    QTest::newRow("incomplete_expired")
        << SubscriptionStatus::IncompleteExpired << QByteArray("incomplete_expired");
    QTest::newRow("trialing") << SubscriptionStatus::Trialing << QByteArray("trialing");
    QTest::newRow("active") << SubscriptionStatus::Active << QByteArray("active");
    QTest::newRow("past_due") << SubscriptionStatus::PastDue << QByteArray("past_due");
    QTest::newRow("canceled") << SubscriptionStatus::Canceled << QByteArray("canceled");
    QTest::newRow("unpaid") << SubscriptionStatus::Unpaid << QByteArray("unpaid");
    QTest::newRow("paused") << SubscriptionStatus::Paused << QByteArray("paused");
}

void TestDomainEnums::subscriptionStatus()
{
    QFETCH(SubscriptionStatus, value);
    QFETCH(QByteArray, text);
    QCOMPARE(bytes(toString(value)), text);
    QCOMPARE(subscriptionStatusFromString(view(text)), std::optional<SubscriptionStatus>(value));
}

void TestDomainEnums::invoiceStatus_data()
{
    // Stripe's Invoice.status values.
    QTest::addColumn<InvoiceStatus>("value");
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("draft") << InvoiceStatus::Draft << QByteArray("draft");
    QTest::newRow("open") << InvoiceStatus::Open << QByteArray("open");
    QTest::newRow("paid") << InvoiceStatus::Paid << QByteArray("paid");
    QTest::newRow("uncollectible") << InvoiceStatus::Uncollectible << QByteArray("uncollectible");
    QTest::newRow("void") << InvoiceStatus::Void << QByteArray("void");
}

void TestDomainEnums::invoiceStatus()
{
    QFETCH(InvoiceStatus, value);
    QFETCH(QByteArray, text);
    QCOMPARE(bytes(toString(value)), text);
    QCOMPARE(invoiceStatusFromString(view(text)), std::optional<InvoiceStatus>(value));
}

void TestDomainEnums::everyValueRoundTrips()
{
    // Independent of the tables above: walks every enumerator, so a value added to a header
    // without a string fails here.
    verifyEveryValueRoundTrips(BillingInterval::Year, &billingIntervalFromString);
    verifyEveryValueRoundTrips(TenantStatus::Deleted, &tenantStatusFromString);
    verifyEveryValueRoundTrips(Isolation::Hybrid, &isolationFromString);
    verifyEveryValueRoundTrips(SubscriptionStatus::Paused, &subscriptionStatusFromString);
    verifyEveryValueRoundTrips(InvoiceStatus::Void, &invoiceStatusFromString);
}

void TestDomainEnums::unknownStrings_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("upper case") << QByteArray("ACTIVE");
    QTest::newRow("title case") << QByteArray("Active");
    QTest::newRow("leading space") << QByteArray(" active");
    QTest::newRow("trailing space") << QByteArray("active ");
    QTest::newRow("british cancelled") << QByteArray("cancelled");
    QTest::newRow("dash") << QByteArray("past-due");
    QTest::newRow("camel case") << QByteArray("pastDue");
    QTest::newRow("monthly") << QByteArray("monthly");
    QTest::newRow("annual") << QByteArray("annual");
    QTest::newRow("sleeping") << QByteArray("sleeping");
    QTest::newRow("archived") << QByteArray("archived");
    QTest::newRow("embedded nul") << QByteArray("active\0", 7);
}

void TestDomainEnums::unknownStrings()
{
    QFETCH(QByteArray, text);
    const std::string_view value = view(text);
    QVERIFY(!billingIntervalFromString(value));
    QVERIFY(!tenantStatusFromString(value));
    QVERIFY(!isolationFromString(value));
    QVERIFY(!subscriptionStatusFromString(value));
    QVERIFY(!invoiceStatusFromString(value));
}

void TestDomainEnums::monthlyRecurringRevenue_data()
{
    QTest::addColumn<QByteArray>("currencyCode");
    QTest::addColumn<qint64>("price");
    QTest::addColumn<BillingInterval>("interval");
    QTest::addColumn<qint64>("quantity");
    QTest::addColumn<qint64>("expected");

    QTest::newRow("monthly") << QByteArray("usd") << qint64(4900) << BillingInterval::Month
                             << qint64(1) << qint64(4900);
    QTest::newRow("monthly free") << QByteArray("usd") << qint64(0) << BillingInterval::Month
                                  << qint64(1) << qint64(0);
    QTest::newRow("yearly divisible") << QByteArray("usd") << qint64(120000)
                                      << BillingInterval::Year << qint64(1) << qint64(10000);
    QTest::newRow("yearly rounds down")
        << QByteArray("usd") << qint64(49000) << BillingInterval::Year << qint64(1)
        << qint64(4083); // 4083.33
    QTest::newRow("yearly .5 rounds up")
        << QByteArray("usd") << qint64(49002) << BillingInterval::Year << qint64(1)
        << qint64(4084); // 4083.5
    QTest::newRow("yearly just under .5")
        << QByteArray("usd") << qint64(49001) << BillingInterval::Year << qint64(1)
        << qint64(4083); // 4083.42
    QTest::newRow("yearly just over .5")
        << QByteArray("usd") << qint64(49003) << BillingInterval::Year << qint64(1)
        << qint64(4084); // 4083.58
    QTest::newRow("yearly 6 cents")
        << QByteArray("usd") << qint64(6) << BillingInterval::Year << qint64(1) << qint64(1); // 0.5
    QTest::newRow("yearly 5 cents") << QByteArray("usd") << qint64(5) << BillingInterval::Year
                                    << qint64(1) << qint64(0); // 0.42
    QTest::newRow("yearly free") << QByteArray("usd") << qint64(0) << BillingInterval::Year
                                 << qint64(1) << qint64(0);
    QTest::newRow("jpy monthly") << QByteArray("jpy") << qint64(980) << BillingInterval::Month
                                 << qint64(1) << qint64(980);
    QTest::newRow("jpy yearly") << QByteArray("jpy") << qint64(9800) << BillingInterval::Year
                                << qint64(1) << qint64(817); // 816.67
    QTest::newRow("jpy yearly .5") << QByteArray("jpy") << qint64(12006) << BillingInterval::Year
                                   << qint64(1) << qint64(1001); // 1000.5
    QTest::newRow("kwd yearly") << QByteArray("kwd") << qint64(120006) << BillingInterval::Year
                                << qint64(1) << qint64(10001); // 10000.5
    QTest::newRow("yearly int64 max, no overflow")
        << QByteArray("usd") << std::numeric_limits<qint64>::max() << BillingInterval::Year
        << qint64(1) << qint64(768614336404564651); // ...650.58
    QTest::newRow("yearly negative .5 away from zero")
        << QByteArray("usd") << qint64(-6) << BillingInterval::Year << qint64(1) << qint64(-1);
    QTest::newRow("monthly, 3 seats") << QByteArray("usd") << qint64(4900) << BillingInterval::Month
                                      << qint64(3) << qint64(14700);
    QTest::newRow("yearly, 7 seats rounds the total, not each seat")
        << QByteArray("usd") << qint64(49000) << BillingInterval::Year << qint64(7)
        << qint64(28583); // 343000 / 12 = 28583.33; 7 × 4083 would be 28581
}

void TestDomainEnums::monthlyRecurringRevenue()
{
    QFETCH(QByteArray, currencyCode);
    QFETCH(qint64, price);
    QFETCH(BillingInterval, interval);
    QFETCH(qint64, quantity);
    QFETCH(qint64, expected);

    const Plan plan{
        "pln_1", "pro", "Pro", Money(price, currency(view(currencyCode))), interval, {}, true};
    QCOMPARE(plan.monthlyRecurringRevenue(quantity), expected);
}

QTEST_APPLESS_MAIN(TestDomainEnums)

#include "testdomainenums.moc"
