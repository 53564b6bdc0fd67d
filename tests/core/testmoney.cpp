#include <QtTest>

#include "core/money.h"

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

using Tenantry::Currency;
using Tenantry::Money;
using Tenantry::Result;

namespace {

constexpr qint64 kMax = std::numeric_limits<std::int64_t>::max();
constexpr qint64 kMin = std::numeric_limits<std::int64_t>::min();

std::string_view view(const QByteArray &bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

QByteArray bytes(std::string_view text)
{
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

Currency currency(const char *code)
{
    const auto result = Currency::fromCode(code);
    Q_ASSERT(result.has_value());
    return *result;
}

Currency currency(const QByteArray &code)
{
    return currency(code.constData());
}

} // namespace

class TestMoney : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void parseInvalid_data();
    void parseInvalid();
    void format_data();
    void format();
    void roundTrip_data();
    void roundTrip();
    void arithmetic_data();
    void arithmetic();
    void currencyMismatch_data();
    void currencyMismatch();
    void equality();
};

void TestMoney::parse_data()
{
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<qint64>("amount");

    QTest::newRow("usd 49.00") << QByteArray("usd") << QByteArray("49.00") << qint64(4900);
    QTest::newRow("usd 49") << QByteArray("usd") << QByteArray("49") << qint64(4900);
    QTest::newRow("usd 49.5") << QByteArray("usd") << QByteArray("49.5") << qint64(4950);
    QTest::newRow("usd 0.5") << QByteArray("usd") << QByteArray("0.5") << qint64(50);
    QTest::newRow("usd 0.05") << QByteArray("usd") << QByteArray("0.05") << qint64(5);
    QTest::newRow("usd -0.01") << QByteArray("usd") << QByteArray("-0.01") << qint64(-1);
    QTest::newRow("usd -49.5") << QByteArray("usd") << QByteArray("-49.5") << qint64(-4950);
    QTest::newRow("usd 0") << QByteArray("usd") << QByteArray("0") << qint64(0);
    QTest::newRow("usd -0") << QByteArray("usd") << QByteArray("-0") << qint64(0);
    QTest::newRow("usd -0.00") << QByteArray("usd") << QByteArray("-0.00") << qint64(0);
    QTest::newRow("usd leading zeros") << QByteArray("usd") << QByteArray("007.10") << qint64(710);
    QTest::newRow("usd max") << QByteArray("usd") << QByteArray("92233720368547758.07") << kMax;
    QTest::newRow("usd min") << QByteArray("usd") << QByteArray("-92233720368547758.08") << kMin;
    QTest::newRow("usd max, short fraction")
        << QByteArray("usd") << QByteArray("92233720368547758") << qint64(9223372036854775800);
    QTest::newRow("jpy 1000") << QByteArray("jpy") << QByteArray("1000") << qint64(1000);
    QTest::newRow("jpy -1") << QByteArray("jpy") << QByteArray("-1") << qint64(-1);
    QTest::newRow("jpy max") << QByteArray("jpy") << QByteArray("9223372036854775807") << kMax;
    QTest::newRow("jpy min") << QByteArray("jpy") << QByteArray("-9223372036854775808") << kMin;
    QTest::newRow("kwd 1234567.891")
        << QByteArray("kwd") << QByteArray("1234567.891") << qint64(1234567891);
    QTest::newRow("kwd 1.2") << QByteArray("kwd") << QByteArray("1.2") << qint64(1200);
    QTest::newRow("kwd -0.001") << QByteArray("kwd") << QByteArray("-0.001") << qint64(-1);
    QTest::newRow("kwd max") << QByteArray("kwd") << QByteArray("9223372036854775.807") << kMax;
    QTest::newRow("kwd min") << QByteArray("kwd") << QByteArray("-9223372036854775.808") << kMin;
    QTest::newRow("clf 1.2345") << QByteArray("clf") << QByteArray("1.2345") << qint64(12345);
    QTest::newRow("uyw 0.0001") << QByteArray("uyw") << QByteArray("0.0001") << qint64(1);
}

void TestMoney::parse()
{
    QFETCH(QByteArray, code);
    QFETCH(QByteArray, text);
    QFETCH(qint64, amount);

    const Result<Money> money = Money::fromDecimalString(view(text), currency(code));
    if (!money)
        QFAIL(qPrintable(QString::fromStdString(money.error().toString())));
    QCOMPARE(money->amount(), amount);
    QCOMPARE(money->currency(), currency(code));
}

void TestMoney::parseInvalid_data()
{
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("errorCode");
    QTest::addColumn<QByteArray>("message"); // a part of the expected message

    const QByteArray invalid("invalid_value");
    const QByteArray overflow("overflow");
    const QByteArray usd("usd");

    QTest::newRow("empty") << usd << QByteArray() << invalid << QByteArray("empty");
    QTest::newRow("minus only") << usd << QByteArray("-") << invalid
                                << QByteArray("at least one digit before");
    QTest::newRow("point only") << usd << QByteArray(".") << invalid
                                << QByteArray("at least one digit before");
    QTest::newRow(".5 has no integer part")
        << usd << QByteArray(".5") << invalid << QByteArray("at least one digit before");
    QTest::newRow("-.5") << usd << QByteArray("-.5") << invalid
                         << QByteArray("at least one digit before");
    QTest::newRow("5. has an empty fraction")
        << usd << QByteArray("5.") << invalid << QByteArray("at least one digit after");
    QTest::newRow("leading +") << usd << QByteArray("+1") << invalid << QByteArray("sign");
    QTest::newRow("double minus") << usd << QByteArray("--1") << invalid << QByteArray("sign");
    QTest::newRow("trailing minus") << usd << QByteArray("1-") << invalid << QByteArray("sign");
    QTest::newRow("leading space")
        << usd << QByteArray(" 1") << invalid << QByteArray("whitespace");
    QTest::newRow("trailing space")
        << usd << QByteArray("1 ") << invalid << QByteArray("whitespace");
    QTest::newRow("space after minus")
        << usd << QByteArray("- 1") << invalid << QByteArray("whitespace");
    QTest::newRow("tab") << usd << QByteArray("\t1") << invalid << QByteArray("whitespace");
    QTest::newRow("newline") << usd << QByteArray("1\n") << invalid << QByteArray("whitespace");
    QTest::newRow("thousands comma")
        << usd << QByteArray("1,000.00") << invalid << QByteArray("thousands separators");
    QTest::newRow("thousands apostrophe")
        << usd << QByteArray("1'000") << invalid << QByteArray("thousands separators");
    QTest::newRow("underscore") << usd << QByteArray("1_000") << invalid
                                << QByteArray("thousands separators");
    QTest::newRow("exponent") << usd << QByteArray("1e3") << invalid << QByteArray("exponents");
    QTest::newRow("exponent upper")
        << usd << QByteArray("1.5E2") << invalid << QByteArray("exponents");
    QTest::newRow("two points") << usd << QByteArray("1.2.3") << invalid
                                << QByteArray("more than one decimal point");
    QTest::newRow("letters") << usd << QByteArray("abc") << invalid
                             << QByteArray("unexpected character");
    QTest::newRow("hex") << usd << QByteArray("0x10") << invalid
                         << QByteArray("unexpected character");
    QTest::newRow("NaN") << usd << QByteArray("NaN") << invalid
                         << QByteArray("unexpected character");
    QTest::newRow("currency symbol")
        << usd << QByteArray("$1") << invalid << QByteArray("unexpected character");
    QTest::newRow("decimal comma")
        << usd << QByteArray("1,5") << invalid << QByteArray("thousands separators");
    QTest::newRow("fullwidth digit")
        << usd << QByteArray("\xef\xbc\x91") << invalid << QByteArray("unexpected character");
    QTest::newRow("embedded NUL") << usd << QByteArray("1\0", 2) << invalid
                                  << QByteArray("unexpected character");
    QTest::newRow("usd three fraction digits")
        << usd << QByteArray("1.001") << invalid
        << QByteArray("too many fraction digits for usd (2 allowed)");
    QTest::newRow("usd trailing zero beyond exponent")
        << usd << QByteArray("1.000") << invalid
        << QByteArray("too many fraction digits for usd (2 allowed)");
    QTest::newRow("jpy fraction") << QByteArray("jpy") << QByteArray("1000.0") << invalid
                                  << QByteArray("too many fraction digits for jpy (0 allowed)");
    QTest::newRow("jpy 1.5") << QByteArray("jpy") << QByteArray("1.5") << invalid
                             << QByteArray("too many fraction digits for jpy (0 allowed)");
    QTest::newRow("kwd four fraction digits")
        << QByteArray("kwd") << QByteArray("1.2345") << invalid
        << QByteArray("too many fraction digits for kwd (3 allowed)");
    QTest::newRow("usd one past max")
        << usd << QByteArray("92233720368547758.08") << overflow << QByteArray("out of range");
    QTest::newRow("usd one past min")
        << usd << QByteArray("-92233720368547758.09") << overflow << QByteArray("out of range");
    QTest::newRow("usd max integer part, too large after scaling")
        << usd << QByteArray("92233720368547759") << overflow << QByteArray("out of range");
    QTest::newRow("jpy one past max") << QByteArray("jpy") << QByteArray("9223372036854775808")
                                      << overflow << QByteArray("out of range for jpy");
    QTest::newRow("jpy one past min") << QByteArray("jpy") << QByteArray("-9223372036854775809")
                                      << overflow << QByteArray("out of range for jpy");
    QTest::newRow("kwd one past max") << QByteArray("kwd") << QByteArray("9223372036854775.808")
                                      << overflow << QByteArray("out of range for kwd");
    QTest::newRow("huge") << usd << QByteArray("123456789012345678901234567890") << overflow
                          << QByteArray("-92233720368547758.08 to 92233720368547758.07");
}

void TestMoney::parseInvalid()
{
    QFETCH(QByteArray, code);
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, errorCode);
    QFETCH(QByteArray, message);

    const Result<Money> money = Money::fromDecimalString(view(text), currency(code));
    QVERIFY(!money);
    QCOMPARE(bytes(money.error().code), errorCode);
    const QByteArray actual = bytes(money.error().message);
    QVERIFY2(actual.contains(message), actual.constData());
    QVERIFY(!actual.endsWith('.'));
    QVERIFY(money.error().path.empty());
}

void TestMoney::format_data()
{
    QTest::addColumn<qint64>("amount");
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<QByteArray>("text");

    QTest::newRow("usd 49.00") << qint64(4900) << QByteArray("usd") << QByteArray("49.00");
    QTest::newRow("usd 49.50") << qint64(4950) << QByteArray("usd") << QByteArray("49.50");
    QTest::newRow("usd -0.01") << qint64(-1) << QByteArray("usd") << QByteArray("-0.01");
    QTest::newRow("usd 0.05") << qint64(5) << QByteArray("usd") << QByteArray("0.05");
    QTest::newRow("usd 0") << qint64(0) << QByteArray("usd") << QByteArray("0.00");
    QTest::newRow("usd -1.00") << qint64(-100) << QByteArray("usd") << QByteArray("-1.00");
    QTest::newRow("usd no grouping")
        << qint64(123456789) << QByteArray("usd") << QByteArray("1234567.89");
    QTest::newRow("usd max") << kMax << QByteArray("usd") << QByteArray("92233720368547758.07");
    QTest::newRow("usd min") << kMin << QByteArray("usd") << QByteArray("-92233720368547758.08");
    QTest::newRow("jpy 1000") << qint64(1000) << QByteArray("jpy") << QByteArray("1000");
    QTest::newRow("jpy -1000") << qint64(-1000) << QByteArray("jpy") << QByteArray("-1000");
    QTest::newRow("jpy 0") << qint64(0) << QByteArray("jpy") << QByteArray("0");
    QTest::newRow("jpy min") << kMin << QByteArray("jpy") << QByteArray("-9223372036854775808");
    QTest::newRow("jpy max") << kMax << QByteArray("jpy") << QByteArray("9223372036854775807");
    QTest::newRow("kwd") << qint64(1234567891) << QByteArray("kwd") << QByteArray("1234567.891");
    QTest::newRow("kwd 0.001") << qint64(1) << QByteArray("kwd") << QByteArray("0.001");
    QTest::newRow("kwd -0.010") << qint64(-10) << QByteArray("kwd") << QByteArray("-0.010");
    QTest::newRow("kwd min") << kMin << QByteArray("kwd") << QByteArray("-9223372036854775.808");
    QTest::newRow("clf 1.2345") << qint64(12345) << QByteArray("clf") << QByteArray("1.2345");
    QTest::newRow("clf min") << kMin << QByteArray("clf") << QByteArray("-922337203685477.5808");
    QTest::newRow("uyw 0.0001") << qint64(1) << QByteArray("uyw") << QByteArray("0.0001");
}

void TestMoney::format()
{
    QFETCH(qint64, amount);
    QFETCH(QByteArray, code);
    QFETCH(QByteArray, text);

    QCOMPARE(bytes(Money(amount, currency(code)).toDecimalString()), text);
}

void TestMoney::roundTrip_data()
{
    QTest::addColumn<QByteArray>("code");

    for (const char *code : {"usd", "jpy", "kwd", "clf", "eur", "bhd", "xof"})
        QTest::newRow(code) << QByteArray(code);
}

void TestMoney::roundTrip()
{
    QFETCH(QByteArray, code);
    const Currency c = currency(code);

    const qint64 amounts[] = {0,
                              1,
                              -1,
                              9,
                              -10,
                              99,
                              100,
                              -101,
                              4900,
                              1234567891,
                              -1234567891,
                              kMax,
                              kMin,
                              kMax - 1,
                              kMin + 1,
                              kMax / 10,
                              kMin / 10};
    for (const qint64 amount : amounts) {
        const Money money(amount, c);
        const std::string text = money.toDecimalString();
        const Result<Money> parsed = Money::fromDecimalString(text, c);
        if (!parsed)
            QFAIL(qPrintable(QString::fromStdString(text + ": " + parsed.error().toString())));
        QCOMPARE(parsed->amount(), amount);
        QCOMPARE(*parsed, money);
    }
}

void TestMoney::arithmetic_data()
{
    QTest::addColumn<QByteArray>("operation"); // "add", "subtract" or "multiply"
    QTest::addColumn<qint64>("left");
    QTest::addColumn<qint64>("right"); // the other amount, or the factor
    QTest::addColumn<bool>("overflows");
    QTest::addColumn<qint64>("expected");

    const QByteArray add("add");
    const QByteArray sub("subtract");
    const QByteArray mul("multiply");

    QTest::newRow("add") << add << qint64(4900) << qint64(-1) << false << qint64(4899);
    QTest::newRow("add max+min") << add << kMax << kMin << false << qint64(-1);
    QTest::newRow("add reaching max") << add << kMax - 1 << qint64(1) << false << kMax;
    QTest::newRow("add reaching min") << add << kMin + 1 << qint64(-1) << false << kMin;
    QTest::newRow("add past max") << add << kMax << qint64(1) << true << qint64(0);
    QTest::newRow("add past min") << add << kMin << qint64(-1) << true << qint64(0);
    QTest::newRow("add min+min") << add << kMin << kMin << true << qint64(0);
    QTest::newRow("subtract") << sub << qint64(100) << qint64(101) << false << qint64(-1);
    QTest::newRow("subtract reaching min") << sub << qint64(-1) << kMax << false << kMin;
    QTest::newRow("subtract past min") << sub << kMin << qint64(1) << true << qint64(0);
    QTest::newRow("subtract past max") << sub << kMax << qint64(-1) << true << qint64(0);
    QTest::newRow("subtract min from zero") << sub << qint64(0) << kMin << true << qint64(0);
    QTest::newRow("subtract min from -1") << sub << qint64(-1) << kMin << false << kMax;
    QTest::newRow("multiply") << mul << qint64(4900) << qint64(12) << false << qint64(58800);
    QTest::newRow("multiply by zero") << mul << kMin << qint64(0) << false << qint64(0);
    QTest::newRow("multiply by -1") << mul << kMax << qint64(-1) << false << kMin + 1;
    QTest::newRow("multiply min by 1") << mul << kMin << qint64(1) << false << kMin;
    QTest::newRow("multiply min by -1") << mul << kMin << qint64(-1) << true << qint64(0);
    QTest::newRow("multiply max by 2") << mul << kMax << qint64(2) << true << qint64(0);
    QTest::newRow("multiply min by 2") << mul << kMin << qint64(2) << true << qint64(0);
    QTest::newRow("multiply -1 by min") << mul << qint64(-1) << kMin << true << qint64(0);
    QTest::newRow("multiply large")
        << mul << qint64(4294967296) << qint64(2147483648) << true << qint64(0);
    QTest::newRow("multiply just fits")
        << mul << qint64(4294967296) << qint64(-2147483648) << false << kMin;
}

void TestMoney::arithmetic()
{
    QFETCH(QByteArray, operation);
    QFETCH(qint64, left);
    QFETCH(qint64, right);
    QFETCH(bool, overflows);
    QFETCH(qint64, expected);

    for (const char *code : {"usd", "jpy", "kwd"}) {
        const Currency c = currency(code);
        const Money a(left, c);
        const Result<Money> result = operation == "add"        ? a.added(Money(right, c))
                                     : operation == "subtract" ? a.subtracted(Money(right, c))
                                                               : a.multiplied(right);
        if (overflows) {
            QVERIFY(!result);
            QCOMPARE(bytes(result.error().code), QByteArray("overflow"));
            QVERIFY(bytes(result.error().message).contains(code));
        } else {
            QVERIFY(result.hasValue());
            QCOMPARE(result->amount(), expected);
            QCOMPARE(result->currency(), c);
        }
    }
}

void TestMoney::currencyMismatch_data()
{
    QTest::addColumn<QByteArray>("left");
    QTest::addColumn<QByteArray>("right");
    QTest::addColumn<qint64>("amount");

    QTest::newRow("usd eur") << QByteArray("usd") << QByteArray("eur") << qint64(100);
    QTest::newRow("eur usd") << QByteArray("eur") << QByteArray("usd") << qint64(100);
    QTest::newRow("jpy kwd") << QByteArray("jpy") << QByteArray("kwd") << qint64(1);
    QTest::newRow("zero amounts") << QByteArray("usd") << QByteArray("cad") << qint64(0);
    // The mismatch is reported even where the arithmetic would also overflow.
    QTest::newRow("would overflow") << QByteArray("usd") << QByteArray("eur") << kMax;
}

void TestMoney::currencyMismatch()
{
    QFETCH(QByteArray, left);
    QFETCH(QByteArray, right);
    QFETCH(qint64, amount);

    const Money a(amount, currency(left));
    const Money b(amount, currency(right));
    for (const Result<Money> &result : {a.added(b), a.subtracted(b)}) {
        QVERIFY(!result);
        QCOMPARE(bytes(result.error().code), QByteArray("currency_mismatch"));
        const QByteArray message = bytes(result.error().message);
        QVERIFY(message.contains(left));
        QVERIFY(message.contains(right));
    }
}

void TestMoney::equality()
{
    QVERIFY(Money(100, currency("usd")) == Money(100, currency("usd")));
    QVERIFY(Money(100, currency("usd")) != Money(100, currency("eur")));
    QVERIFY(Money(100, currency("usd")) != Money(101, currency("usd")));
    QVERIFY(*Money::fromDecimalString("1", currency("usd"))
            == *Money::fromDecimalString("1.00", currency("usd")));
    QVERIFY(*Money::fromDecimalString("-0", currency("usd"))
            == *Money::fromDecimalString("0", currency("usd")));
}

QTEST_APPLESS_MAIN(TestMoney)

#include "testmoney.moc"
