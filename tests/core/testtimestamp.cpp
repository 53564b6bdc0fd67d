#include <QtTest>

#include "core/timestamp.h"

#include <chrono>
#include <string>
#include <string_view>

using Tenantry::Result;
using Tenantry::Timestamp;

namespace {

std::string_view view(const QByteArray &bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

QByteArray bytes(std::string_view text)
{
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

Timestamp fromMicroseconds(qint64 microseconds)
{
    return Timestamp{std::chrono::microseconds{microseconds}};
}

qint64 toMicroseconds(Timestamp timestamp)
{
    return timestamp.time_since_epoch().count();
}

constexpr qint64 kSecond = 1000000;

} // namespace

class TestTimestamp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void parseInvalid_data();
    void parseInvalid();
    void format_data();
    void format();
    void formatOutsideRfc3339Years();
    void roundTripText_data();
    void roundTripText();
    void roundTripInstants();
    void addCalendarMonths_data();
    void addCalendarMonths();
};

void TestTimestamp::parse_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("utc"); // the same instant, as formatRfc3339() writes it

    QTest::newRow("epoch") << QByteArray("1970-01-01T00:00:00Z")
                           << QByteArray("1970-01-01T00:00:00Z");
    QTest::newRow("utc") << QByteArray("2025-01-31T23:59:59Z")
                         << QByteArray("2025-01-31T23:59:59Z");
    QTest::newRow("lower-case t and z")
        << QByteArray("2025-01-31t23:59:59z") << QByteArray("2025-01-31T23:59:59Z");
    QTest::newRow("lower-case t, upper-case Z")
        << QByteArray("2025-01-31t23:59:59Z") << QByteArray("2025-01-31T23:59:59Z");
    QTest::newRow("fraction and offset") << QByteArray("2025-01-31T23:59:59.123456+02:00")
                                         << QByteArray("2025-01-31T21:59:59.123456Z");
    QTest::newRow("one fraction digit")
        << QByteArray("2025-01-31T23:59:59.5Z") << QByteArray("2025-01-31T23:59:59.500000Z");
    QTest::newRow("three fraction digits")
        << QByteArray("2025-01-31T23:59:59.123Z") << QByteArray("2025-01-31T23:59:59.123000Z");
    QTest::newRow("zero fraction")
        << QByteArray("2025-01-31T23:59:59.000000Z") << QByteArray("2025-01-31T23:59:59Z");
    QTest::newRow("nanoseconds are truncated, not rounded")
        << QByteArray("2025-01-31T23:59:59.123456999Z")
        << QByteArray("2025-01-31T23:59:59.123456Z");
    QTest::newRow("seven zero fraction digits")
        << QByteArray("2025-01-31T23:59:59.0000000Z") << QByteArray("2025-01-31T23:59:59Z");
    QTest::newRow("one microsecond")
        << QByteArray("2025-01-31T23:59:59.000001Z") << QByteArray("2025-01-31T23:59:59.000001Z");
    QTest::newRow("-00:00 means utc")
        << QByteArray("2025-06-15T12:00:00-00:00") << QByteArray("2025-06-15T12:00:00Z");
    QTest::newRow("+00:00") << QByteArray("2025-06-15T12:00:00+00:00")
                            << QByteArray("2025-06-15T12:00:00Z");
    QTest::newRow("+14:00 back across the year")
        << QByteArray("2025-01-01T01:00:00+14:00") << QByteArray("2024-12-31T11:00:00Z");
    QTest::newRow("-12:00 forward across the year")
        << QByteArray("2024-12-31T20:00:00-12:00") << QByteArray("2025-01-01T08:00:00Z");
    QTest::newRow("+14:00 back across midnight")
        << QByteArray("2025-06-15T09:59:59+14:00") << QByteArray("2025-06-14T19:59:59Z");
    QTest::newRow("-12:00 forward across midnight")
        << QByteArray("2025-06-15T12:00:00-12:00") << QByteArray("2025-06-16T00:00:00Z");
    QTest::newRow("+05:45 minutes offset")
        << QByteArray("2025-06-15T12:00:00+05:45") << QByteArray("2025-06-15T06:15:00Z");
    QTest::newRow("-09:30 minutes offset")
        << QByteArray("2025-06-15T12:00:00-09:30") << QByteArray("2025-06-15T21:30:00Z");
    QTest::newRow("+23:59 largest offset")
        << QByteArray("2025-06-15T00:00:00+23:59") << QByteArray("2025-06-14T00:01:00Z");
    QTest::newRow("-23:59 smallest offset")
        << QByteArray("2025-06-15T23:59:00-23:59") << QByteArray("2025-06-16T23:58:00Z");
    QTest::newRow("leap day 2024")
        << QByteArray("2024-02-29T12:00:00Z") << QByteArray("2024-02-29T12:00:00Z");
    QTest::newRow("offset onto a leap day")
        << QByteArray("2024-03-01T00:30:00+01:00") << QByteArray("2024-02-29T23:30:00Z");
    QTest::newRow("offset off a leap day")
        << QByteArray("2024-02-29T23:30:00-01:00") << QByteArray("2024-03-01T00:30:00Z");
    QTest::newRow("offset onto Feb 28 in 2025")
        << QByteArray("2025-03-01T00:30:00+01:00") << QByteArray("2025-02-28T23:30:00Z");
    QTest::newRow("leap century 2000")
        << QByteArray("2000-02-29T00:00:00Z") << QByteArray("2000-02-29T00:00:00Z");
    QTest::newRow("before the epoch")
        << QByteArray("1969-12-31T23:59:59.999999Z") << QByteArray("1969-12-31T23:59:59.999999Z");
    QTest::newRow("year 0000") << QByteArray("0000-01-01T00:00:00Z")
                               << QByteArray("0000-01-01T00:00:00Z");
    QTest::newRow("year 0000, negative offset")
        << QByteArray("0000-01-01T00:00:00-01:00") << QByteArray("0000-01-01T01:00:00Z");
    QTest::newRow("year 9999") << QByteArray("9999-12-31T23:59:59.999999Z")
                               << QByteArray("9999-12-31T23:59:59.999999Z");
    QTest::newRow("year 9999, positive offset")
        << QByteArray("9999-12-31T23:59:59+01:00") << QByteArray("9999-12-31T22:59:59Z");
}

void TestTimestamp::parse()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, utc);

    const Result<Timestamp> timestamp = Tenantry::parseRfc3339(view(text));
    if (!timestamp)
        QFAIL(timestamp.error().message.c_str());
    QCOMPARE(bytes(Tenantry::formatRfc3339(*timestamp)), utc);

    // Same instant as parsing the UTC spelling.
    const Result<Timestamp> expected = Tenantry::parseRfc3339(view(utc));
    QVERIFY(expected.hasValue());
    QCOMPARE(toMicroseconds(*timestamp), toMicroseconds(*expected));
}

void TestTimestamp::parseInvalid_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("message"); // a part of the expected message

    QTest::newRow("empty") << QByteArray() << QByteArray("empty");
    QTest::newRow("Feb 30") << QByteArray("2025-02-30T00:00:00Z") << QByteArray("no such day");
    QTest::newRow("Feb 29 in 2025")
        << QByteArray("2025-02-29T00:00:00Z") << QByteArray("no such day");
    QTest::newRow("Feb 29 in 1900")
        << QByteArray("1900-02-29T00:00:00Z") << QByteArray("no such day");
    QTest::newRow("Apr 31") << QByteArray("2025-04-31T00:00:00Z") << QByteArray("no such day");
    QTest::newRow("Jan 32") << QByteArray("2025-01-32T00:00:00Z") << QByteArray("no such day");
    QTest::newRow("day 00") << QByteArray("2025-01-00T00:00:00Z") << QByteArray("no such day");
    QTest::newRow("month 00") << QByteArray("2025-00-10T00:00:00Z")
                              << QByteArray("month out of range");
    QTest::newRow("month 13") << QByteArray("2025-13-10T00:00:00Z")
                              << QByteArray("month out of range");
    QTest::newRow("hour 24") << QByteArray("2025-01-31T24:00:00Z")
                             << QByteArray("hour out of range");
    QTest::newRow("minute 60") << QByteArray("2025-01-31T23:60:00Z")
                               << QByteArray("minutes out of range");
    QTest::newRow("leap second") << QByteArray("2016-12-31T23:59:60Z")
                                 << QByteArray("leap seconds are not supported");
    QTest::newRow("second 61") << QByteArray("2025-01-31T23:59:61Z")
                               << QByteArray("seconds out of range");
    QTest::newRow("empty fraction")
        << QByteArray("2025-01-31T23:59:59.Z") << QByteArray("digits after the decimal point");
    QTest::newRow("decimal comma")
        << QByteArray("2025-01-31T23:59:59,5Z") << QByteArray("expected 'Z' or an offset");
    QTest::newRow("no offset") << QByteArray("2025-01-31T23:59:59")
                               << QByteArray("expected 'Z' or an offset");
    QTest::newRow("date only") << QByteArray("2025-01-31") << QByteArray("expected 'T'");
    QTest::newRow("space separator")
        << QByteArray("2025-01-31 23:59:59Z") << QByteArray("expected 'T'");
    QTest::newRow("no seconds") << QByteArray("2025-01-31T23:59Z")
                                << QByteArray("expected ':' after the minutes");
    QTest::newRow("one-digit hour")
        << QByteArray("2025-01-31T1:00:00Z") << QByteArray("two-digit hour");
    QTest::newRow("one-digit minutes")
        << QByteArray("2025-01-31T10:0:00Z") << QByteArray("two-digit minutes");
    QTest::newRow("one-digit seconds")
        << QByteArray("2025-01-31T10:00:0Z") << QByteArray("two-digit seconds");
    QTest::newRow("hour without colon")
        << QByteArray("2025-01-31T1000:00Z") << QByteArray("expected ':' after the hour");
    QTest::newRow("leading whitespace")
        << QByteArray(" 2025-01-31T23:59:59Z") << QByteArray("four-digit year");
    QTest::newRow("trailing whitespace")
        << QByteArray("2025-01-31T23:59:59Z ") << QByteArray("unexpected text after");
    QTest::newRow("trailing newline")
        << QByteArray("2025-01-31T23:59:59Z\n") << QByteArray("unexpected text after");
    QTest::newRow("double Z") << QByteArray("2025-01-31T23:59:59ZZ")
                              << QByteArray("unexpected text after");
    QTest::newRow("text after offset")
        << QByteArray("2025-01-31T23:59:59+02:00x") << QByteArray("unexpected text after");
    QTest::newRow("two-digit year")
        << QByteArray("25-01-31T23:59:59Z") << QByteArray("four-digit year");
    QTest::newRow("negative year")
        << QByteArray("-2025-01-31T23:59:59Z") << QByteArray("four-digit year");
    QTest::newRow("five-digit year")
        << QByteArray("20250-01-31T23:59:59Z") << QByteArray("expected '-' after the year");
    QTest::newRow("one-digit month")
        << QByteArray("2025-1-31T23:59:59Z") << QByteArray("two-digit month");
    QTest::newRow("one-digit day")
        << QByteArray("2025-01-3T23:59:59Z") << QByteArray("two-digit day");
    QTest::newRow("slashes") << QByteArray("2025/01/31T23:59:59Z")
                             << QByteArray("expected '-' after the year");
    QTest::newRow("basic format") << QByteArray("20250131T235959Z")
                                  << QByteArray("expected '-' after the year");
    QTest::newRow("month dash missing")
        << QByteArray("2025-01+31T23:59:59Z") << QByteArray("expected '-' after the month");
    QTest::newRow("offset without colon")
        << QByteArray("2025-01-31T23:59:59+0200") << QByteArray("expected ':' in the offset");
    QTest::newRow("offset hours only")
        << QByteArray("2025-01-31T23:59:59+02") << QByteArray("expected ':' in the offset");
    QTest::newRow("one-digit offset hour")
        << QByteArray("2025-01-31T23:59:59+2:00") << QByteArray("two-digit offset hour");
    QTest::newRow("one-digit offset minutes")
        << QByteArray("2025-01-31T23:59:59+02:0") << QByteArray("two-digit offset minutes");
    QTest::newRow("offset +24:00")
        << QByteArray("2025-01-31T23:59:59+24:00") << QByteArray("offset hour out of range");
    QTest::newRow("offset minutes 60")
        << QByteArray("2025-01-31T23:59:59-02:60") << QByteArray("offset minutes out of range");
    QTest::newRow("offset named") << QByteArray("2025-01-31T23:59:59UTC")
                                  << QByteArray("expected 'Z' or an offset");
    QTest::newRow("fullwidth digits") << QByteArray("\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef"
                                                    "\xbc\x95-01-31T23:59:59Z")
                                      << QByteArray("four-digit year");
    QTest::newRow("embedded NUL") << QByteArray("2025-01-31T23:59:59Z\0", 21)
                                  << QByteArray("unexpected text after");
    QTest::newRow("after 9999 in utc")
        << QByteArray("9999-12-31T23:59:59-00:01") << QByteArray("outside years 0000-9999");
    QTest::newRow("before 0000 in utc")
        << QByteArray("0000-01-01T00:00:00+00:01") << QByteArray("outside years 0000-9999");
}

void TestTimestamp::parseInvalid()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, message);

    const Result<Timestamp> timestamp = Tenantry::parseRfc3339(view(text));
    QVERIFY(!timestamp);
    QCOMPARE(bytes(timestamp.error().code), QByteArray("invalid_value"));
    const QByteArray actual = bytes(timestamp.error().message);
    QVERIFY2(actual.contains(message), actual.constData());
    QVERIFY(actual.contains("RFC 3339"));
    QVERIFY(!actual.endsWith('.'));
}

void TestTimestamp::format_data()
{
    QTest::addColumn<qint64>("microseconds");
    QTest::addColumn<QByteArray>("text");

    QTest::newRow("epoch") << qint64(0) << QByteArray("1970-01-01T00:00:00Z");
    QTest::newRow("1 us") << qint64(1) << QByteArray("1970-01-01T00:00:00.000001Z");
    QTest::newRow("-1 us") << qint64(-1) << QByteArray("1969-12-31T23:59:59.999999Z");
    QTest::newRow("-1 s") << -kSecond << QByteArray("1969-12-31T23:59:59Z");
    QTest::newRow("2000") << 946684800 * kSecond << QByteArray("2000-01-01T00:00:00Z");
    QTest::newRow("leap day") << 1709164800 * kSecond << QByteArray("2024-02-29T00:00:00Z");
    QTest::newRow("day after leap day")
        << 1709251200 * kSecond << QByteArray("2024-03-01T00:00:00Z");
    QTest::newRow("half second") << 1738367999 * kSecond + 500000
                                 << QByteArray("2025-01-31T23:59:59.500000Z");
    QTest::newRow("year 0000") << -62167219200 * kSecond << QByteArray("0000-01-01T00:00:00Z");
    QTest::newRow("end of 9999") << 253402300799 * kSecond + 999999
                                 << QByteArray("9999-12-31T23:59:59.999999Z");
}

void TestTimestamp::format()
{
    QFETCH(qint64, microseconds);
    QFETCH(QByteArray, text);

    QCOMPARE(bytes(Tenantry::formatRfc3339(fromMicroseconds(microseconds))), text);

    const Result<Timestamp> parsed = Tenantry::parseRfc3339(view(text));
    QVERIFY(parsed.hasValue());
    QCOMPARE(toMicroseconds(*parsed), microseconds);
}

void TestTimestamp::formatOutsideRfc3339Years()
{
    // parseRfc3339 never produces these; formatRfc3339 still writes something unambiguous.
    QCOMPARE(bytes(Tenantry::formatRfc3339(fromMicroseconds(253402300800 * kSecond))),
             QByteArray("+10000-01-01T00:00:00Z"));
    QCOMPARE(bytes(Tenantry::formatRfc3339(fromMicroseconds(-62167219200 * kSecond - 1))),
             QByteArray("-0001-12-31T23:59:59.999999Z"));
}

void TestTimestamp::roundTripText_data()
{
    QTest::addColumn<QByteArray>("text");

    QTest::newRow("plain") << QByteArray("2025-01-31T23:59:59Z");
    QTest::newRow("fraction") << QByteArray("2025-01-31T23:59:59.123456Z");
    QTest::newRow("fraction with trailing zero") << QByteArray("2025-01-31T23:59:59.100000Z");
    QTest::newRow("leap day") << QByteArray("2024-02-29T00:00:00Z");
    QTest::newRow("midnight") << QByteArray("2025-01-01T00:00:00Z");
    QTest::newRow("before epoch") << QByteArray("1900-03-01T12:34:56.000789Z");
    QTest::newRow("first") << QByteArray("0000-01-01T00:00:00Z");
    QTest::newRow("last") << QByteArray("9999-12-31T23:59:59.999999Z");
}

void TestTimestamp::roundTripText()
{
    QFETCH(QByteArray, text);

    const Result<Timestamp> parsed = Tenantry::parseRfc3339(view(text));
    QVERIFY(parsed.hasValue());
    QCOMPARE(bytes(Tenantry::formatRfc3339(*parsed)), text);
}

void TestTimestamp::roundTripInstants()
{
    // A spread of instants over 0000..9999, each with an odd number of microseconds.
    const qint64 first = -62167219200 * kSecond;
    const qint64 last = 253402300799 * kSecond + 999999;
    const qint64 step = (last - first) / 20011;
    for (qint64 us = first; us <= last; us += step) {
        const Timestamp timestamp = fromMicroseconds(us);
        const std::string text = Tenantry::formatRfc3339(timestamp);
        const Result<Timestamp> parsed = Tenantry::parseRfc3339(text);
        if (!parsed)
            QFAIL((text + ": " + parsed.error().message).c_str());
        QCOMPARE(toMicroseconds(*parsed), us);
    }
}

void TestTimestamp::addCalendarMonths_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<int>("months");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("next month, time kept")
        << QByteArray("2025-01-15T10:20:30.5Z") << 1 << QByteArray("2025-02-15T10:20:30.500000Z");
    QTest::newRow("Jan 31 to Feb 28")
        << QByteArray("2025-01-31T00:00:00Z") << 1 << QByteArray("2025-02-28T00:00:00Z");
    QTest::newRow("Jan 31 to Feb 29 in a leap year")
        << QByteArray("2024-01-31T08:00:00Z") << 1 << QByteArray("2024-02-29T08:00:00Z");
    QTest::newRow("across the year")
        << QByteArray("2025-12-31T23:59:59Z") << 1 << QByteArray("2026-01-31T23:59:59Z");
    QTest::newRow("a year") << QByteArray("2024-02-29T00:00:00Z") << 12
                            << QByteArray("2025-02-28T00:00:00Z");
    QTest::newRow("backwards") << QByteArray("2025-03-31T00:00:00Z") << -1
                               << QByteArray("2025-02-28T00:00:00Z");
}

void TestTimestamp::addCalendarMonths()
{
    QFETCH(QByteArray, from);
    QFETCH(int, months);
    QFETCH(QByteArray, expected);
    const Tenantry::Result<Tenantry::Timestamp> start = Tenantry::parseRfc3339(from.toStdString());
    QVERIFY(start);
    QCOMPARE(QByteArray::fromStdString(
                 Tenantry::formatRfc3339(Tenantry::addCalendarMonths(*start, months))),
             expected);
}

QTEST_APPLESS_MAIN(TestTimestamp)

#include "testtimestamp.moc"
