#include <QtTest>

#include "core/yearmonth.h"

#include <chrono>
#include <string>
#include <string_view>

using Tenantry::Result;
using Tenantry::Timestamp;
using Tenantry::YearMonth;

namespace {

std::string_view view(const QByteArray &bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

QByteArray bytes(std::string_view text)
{
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

Timestamp timestamp(const char *text)
{
    const Result<Timestamp> result = Tenantry::parseRfc3339(text);
    Q_ASSERT(result.hasValue());
    return *result;
}

} // namespace

class TestYearMonth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromString_data();
    void fromString();
    void fromStringInvalid_data();
    void fromStringInvalid();
    void toString_data();
    void toString();
    void quarter_data();
    void quarter();
    void containing_data();
    void containing();
    void plusMonths_data();
    void plusMonths();
    void next();
    void start_data();
    void start();
    void comparison();
};

void TestYearMonth::fromString_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("year");
    QTest::addColumn<int>("month");

    QTest::newRow("2025-01") << QByteArray("2025-01") << 2025 << 1;
    QTest::newRow("2024-02") << QByteArray("2024-02") << 2024 << 2;
    QTest::newRow("2025-12") << QByteArray("2025-12") << 2025 << 12;
    QTest::newRow("first: 1970-01") << QByteArray("1970-01") << 1970 << 1;
    QTest::newRow("last: 9999-12") << QByteArray("9999-12") << 9999 << 12;
}

void TestYearMonth::fromString()
{
    QFETCH(QByteArray, text);
    QFETCH(int, year);
    QFETCH(int, month);

    const Result<YearMonth> yearMonth = YearMonth::fromString(view(text));
    QVERIFY(yearMonth.hasValue());
    QCOMPARE(yearMonth->year(), year);
    QCOMPARE(yearMonth->month(), month);
    QCOMPARE(bytes(yearMonth->toString()), text);
}

void TestYearMonth::fromStringInvalid_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("message"); // a part of the expected message

    const QByteArray form("expected the form YYYY-MM");
    QTest::newRow("empty") << QByteArray() << form;
    QTest::newRow("month 00") << QByteArray("2025-00") << QByteArray("month out of range");
    QTest::newRow("month 13") << QByteArray("2025-13") << QByteArray("month out of range");
    QTest::newRow("month 99") << QByteArray("2025-99") << QByteArray("month out of range");
    QTest::newRow("year 1969") << QByteArray("1969-12") << QByteArray("year out of range");
    QTest::newRow("year 0000") << QByteArray("0000-01") << QByteArray("year out of range");
    QTest::newRow("one-digit month") << QByteArray("2025-1") << form;
    QTest::newRow("three-digit month") << QByteArray("2025-001") << form;
    QTest::newRow("two-digit year") << QByteArray("25-01") << form;
    QTest::newRow("five-digit year") << QByteArray("20250-01") << form;
    QTest::newRow("slash") << QByteArray("2025/01") << form;
    QTest::newRow("no separator") << QByteArray("202501") << form;
    QTest::newRow("full date") << QByteArray("2025-01-01") << form;
    QTest::newRow("leading space") << QByteArray(" 2025-01") << form;
    QTest::newRow("trailing space") << QByteArray("2025-01 ") << form;
    QTest::newRow("signed year") << QByteArray("+025-01") << form;
    QTest::newRow("negative month") << QByteArray("2025--1") << form;
    QTest::newRow("signed month") << QByteArray("2025-+1") << form;
    QTest::newRow("letters") << QByteArray("abcd-ef") << form;
    QTest::newRow("embedded NUL") << QByteArray("2025-0\0", 7) << form;
}

void TestYearMonth::fromStringInvalid()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, message);

    const Result<YearMonth> yearMonth = YearMonth::fromString(view(text));
    QVERIFY(!yearMonth);
    QCOMPARE(bytes(yearMonth.error().code), QByteArray("invalid_value"));
    const QByteArray actual = bytes(yearMonth.error().message);
    QVERIFY2(actual.contains(message), actual.constData());
    QVERIFY(!actual.endsWith('.'));
}

void TestYearMonth::toString_data()
{
    QTest::addColumn<int>("year");
    QTest::addColumn<int>("month");
    QTest::addColumn<QByteArray>("text");

    QTest::newRow("2025-01") << 2025 << 1 << QByteArray("2025-01");
    QTest::newRow("2025-10") << 2025 << 10 << QByteArray("2025-10");
    QTest::newRow("padded year") << 812 << 3 << QByteArray("0812-03");
    QTest::newRow("negative year") << -1 << 12 << QByteArray("-0001-12");
}

void TestYearMonth::toString()
{
    QFETCH(int, year);
    QFETCH(int, month);
    QFETCH(QByteArray, text);

    QCOMPARE(bytes(YearMonth(year, month).toString()), text);
}

void TestYearMonth::quarter_data()
{
    QTest::addColumn<int>("month");
    QTest::addColumn<int>("quarter");

    const int quarters[] = {1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4};
    for (int month = 1; month <= 12; ++month) {
        QTest::addRow("month %d", month) << month << quarters[month - 1];
    }
}

void TestYearMonth::quarter()
{
    QFETCH(int, month);
    QFETCH(int, quarter);

    QCOMPARE(YearMonth(2025, month).quarter(), quarter);
}

void TestYearMonth::containing_data()
{
    QTest::addColumn<QByteArray>("instant");
    QTest::addColumn<int>("year");
    QTest::addColumn<int>("month");

    QTest::newRow("first microsecond") << QByteArray("2025-01-01T00:00:00Z") << 2025 << 1;
    QTest::newRow("last microsecond") << QByteArray("2025-01-31T23:59:59.999999Z") << 2025 << 1;
    QTest::newRow("offset moves the month") << QByteArray("2025-02-01T00:30:00+01:00") << 2025 << 1;
    QTest::newRow("offset moves the year") << QByteArray("2024-12-31T20:00:00-12:00") << 2025 << 1;
    QTest::newRow("leap day") << QByteArray("2024-02-29T23:59:59Z") << 2024 << 2;
    QTest::newRow("epoch") << QByteArray("1970-01-01T00:00:00Z") << 1970 << 1;
    QTest::newRow("before the epoch") << QByteArray("1969-12-31T23:59:59.999999Z") << 1969 << 12;
    QTest::newRow("year 9999") << QByteArray("9999-12-31T23:59:59Z") << 9999 << 12;
}

void TestYearMonth::containing()
{
    QFETCH(QByteArray, instant);
    QFETCH(int, year);
    QFETCH(int, month);

    const YearMonth yearMonth = YearMonth::containing(timestamp(instant.constData()));
    QCOMPARE(yearMonth.year(), year);
    QCOMPARE(yearMonth.month(), month);
}

void TestYearMonth::plusMonths_data()
{
    QTest::addColumn<int>("year");
    QTest::addColumn<int>("month");
    QTest::addColumn<int>("months");
    QTest::addColumn<int>("expectedYear");
    QTest::addColumn<int>("expectedMonth");

    QTest::newRow("+0") << 2025 << 1 << 0 << 2025 << 1;
    QTest::newRow("+1") << 2025 << 1 << 1 << 2025 << 2;
    QTest::newRow("+11") << 2025 << 1 << 11 << 2025 << 12;
    QTest::newRow("+12") << 2025 << 1 << 12 << 2026 << 1;
    QTest::newRow("+13") << 2025 << 12 << 13 << 2027 << 1;
    QTest::newRow("dec +1") << 2025 << 12 << 1 << 2026 << 1;
    QTest::newRow("-1") << 2025 << 1 << -1 << 2024 << 12;
    QTest::newRow("-11") << 2025 << 12 << -11 << 2025 << 1;
    QTest::newRow("-12") << 2025 << 1 << -12 << 2024 << 1;
    QTest::newRow("-13") << 2025 << 1 << -13 << 2023 << 12;
    QTest::newRow("+120") << 2025 << 6 << 120 << 2035 << 6;
    QTest::newRow("-24313") << 2025 << 6 << -24313 << -1 << 5;
    QTest::newRow("to year 0") << 1 << 1 << -1 << 0 << 12;
    QTest::newRow("to year -1") << 0 << 1 << -1 << -1 << 12;
}

void TestYearMonth::plusMonths()
{
    QFETCH(int, year);
    QFETCH(int, month);
    QFETCH(int, months);
    QFETCH(int, expectedYear);
    QFETCH(int, expectedMonth);

    const YearMonth base(year, month);
    const YearMonth result = base.plusMonths(months);
    QCOMPARE(result.year(), expectedYear);
    QCOMPARE(result.month(), expectedMonth);
    QCOMPARE(base.monthsUntil(result), months);
    QCOMPARE(result.monthsUntil(base), -months);
    QCOMPARE(result.plusMonths(-months), base);
}

void TestYearMonth::next()
{
    QCOMPARE(YearMonth(2025, 1).next(), YearMonth(2025, 2));
    QCOMPARE(YearMonth(2025, 12).next(), YearMonth(2026, 1));
    QCOMPARE(YearMonth(2024, 2).next(), YearMonth(2024, 3));

    // Walk 30 years month by month: each next() is one month later and starts where the
    // previous month ends.
    YearMonth current(2000, 1);
    for (int i = 0; i < 360; ++i) {
        const YearMonth following = current.next();
        QCOMPARE(current.monthsUntil(following), 1);
        QVERIFY(current < following);
        QCOMPARE(YearMonth::containing(following.start() - std::chrono::microseconds{1}), current);
        QCOMPARE(YearMonth::containing(following.start()), following);
        current = following;
    }
    QCOMPARE(current, YearMonth(2030, 1));
}

void TestYearMonth::start_data()
{
    QTest::addColumn<int>("year");
    QTest::addColumn<int>("month");
    QTest::addColumn<QByteArray>("instant");

    QTest::newRow("2025-01") << 2025 << 1 << QByteArray("2025-01-01T00:00:00Z");
    QTest::newRow("2024-03") << 2024 << 3 << QByteArray("2024-03-01T00:00:00Z");
    QTest::newRow("1970-01") << 1970 << 1 << QByteArray("1970-01-01T00:00:00Z");
    QTest::newRow("9999-12") << 9999 << 12 << QByteArray("9999-12-01T00:00:00Z");
}

void TestYearMonth::start()
{
    QFETCH(int, year);
    QFETCH(int, month);
    QFETCH(QByteArray, instant);

    const YearMonth yearMonth(year, month);
    QCOMPARE(bytes(Tenantry::formatRfc3339(yearMonth.start())), instant);
    QVERIFY(yearMonth.start() == timestamp(instant.constData()));
    QCOMPARE(YearMonth::containing(yearMonth.start()), yearMonth);
}

void TestYearMonth::comparison()
{
    QVERIFY(YearMonth(2025, 1) == YearMonth(2025, 1));
    QVERIFY(YearMonth(2025, 1) != YearMonth(2025, 2));
    QVERIFY(YearMonth(2024, 12) < YearMonth(2025, 1));
    QVERIFY(YearMonth(2025, 2) > YearMonth(2025, 1));
    QVERIFY(YearMonth(2025, 12) < YearMonth(2026, 1));
    QVERIFY(*YearMonth::fromString("2025-03") == YearMonth(2025, 3));
}

QTEST_APPLESS_MAIN(TestYearMonth)

#include "testyearmonth.moc"
