#include <QtTest>

#include "core/currency.h"

#include <string>
#include <string_view>

using Tenantry::Currency;

namespace {

std::string_view view(const QByteArray &bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

QByteArray bytes(std::string_view text)
{
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace

class TestCurrency : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromCode_data();
    void fromCode();
    void rejected_data();
    void rejected();
    void activeListSize();
    void comparison();
};

void TestCurrency::fromCode_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<int>("exponent");

    QTest::newRow("usd") << QByteArray("usd") << QByteArray("usd") << 2;
    QTest::newRow("USD upper case") << QByteArray("USD") << QByteArray("usd") << 2;
    QTest::newRow("Usd mixed case") << QByteArray("Usd") << QByteArray("usd") << 2;
    QTest::newRow("eUr mixed case") << QByteArray("eUr") << QByteArray("eur") << 2;
    QTest::newRow("gbp") << QByteArray("gbp") << QByteArray("gbp") << 2;
    QTest::newRow("chf") << QByteArray("chf") << QByteArray("chf") << 2;
    QTest::newRow("jpy") << QByteArray("jpy") << QByteArray("jpy") << 0;
    QTest::newRow("krw") << QByteArray("krw") << QByteArray("krw") << 0;
    QTest::newRow("clp") << QByteArray("clp") << QByteArray("clp") << 0;
    QTest::newRow("vnd") << QByteArray("vnd") << QByteArray("vnd") << 0;
    QTest::newRow("isk") << QByteArray("isk") << QByteArray("isk") << 0;
    QTest::newRow("ugx") << QByteArray("ugx") << QByteArray("ugx") << 0;
    QTest::newRow("xaf") << QByteArray("xaf") << QByteArray("xaf") << 0;
    QTest::newRow("xof") << QByteArray("XOF") << QByteArray("xof") << 0;
    QTest::newRow("pyg") << QByteArray("pyg") << QByteArray("pyg") << 0;
    QTest::newRow("bhd") << QByteArray("bhd") << QByteArray("bhd") << 3;
    QTest::newRow("kwd") << QByteArray("KWD") << QByteArray("kwd") << 3;
    QTest::newRow("jod") << QByteArray("jod") << QByteArray("jod") << 3;
    QTest::newRow("omr") << QByteArray("omr") << QByteArray("omr") << 3;
    QTest::newRow("tnd") << QByteArray("tnd") << QByteArray("tnd") << 3;
    QTest::newRow("lyd") << QByteArray("lyd") << QByteArray("lyd") << 3;
    QTest::newRow("iqd") << QByteArray("iqd") << QByteArray("iqd") << 3;
    QTest::newRow("clf") << QByteArray("clf") << QByteArray("clf") << 4;
    QTest::newRow("uyw") << QByteArray("uyw") << QByteArray("uyw") << 4;
    QTest::newRow("first in table: aed") << QByteArray("aed") << QByteArray("aed") << 2;
    QTest::newRow("last in table: zwg") << QByteArray("zwg") << QByteArray("zwg") << 2;
    QTest::newRow("new leone: sle") << QByteArray("sle") << QByteArray("sle") << 2;
    QTest::newRow("caribbean guilder: xcg") << QByteArray("xcg") << QByteArray("xcg") << 2;
    QTest::newRow("no minor unit: xau") << QByteArray("xau") << QByteArray("xau") << 0;
    QTest::newRow("testing code: xts") << QByteArray("xts") << QByteArray("xts") << 0;
}

void TestCurrency::fromCode()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, code);
    QFETCH(int, exponent);

    const std::optional<Currency> currency = Currency::fromCode(view(input));
    QVERIFY(currency.has_value());
    QCOMPARE(bytes(currency->code()), code);
    QCOMPARE(QString::fromStdString(currency->toString()), QString::fromLatin1(code));
    QCOMPARE(currency->exponent(), exponent);
}

void TestCurrency::rejected_data()
{
    QTest::addColumn<QByteArray>("input");

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("two letters") << QByteArray("us");
    QTest::newRow("four letters") << QByteArray("usdd");
    QTest::newRow("leading space") << QByteArray(" usd");
    QTest::newRow("trailing space") << QByteArray("usd ");
    QTest::newRow("inner space") << QByteArray("u d");
    QTest::newRow("embedded NUL") << QByteArray("usd\0", 4);
    QTest::newRow("NUL inside") << QByteArray("us\0", 3);
    QTest::newRow("digits") << QByteArray("840");
    QTest::newRow("symbol") << QByteArray("u$d");
    QTest::newRow("non-ASCII") << QByteArray("\xc3\xbcsd");
    QTest::newRow("unknown") << QByteArray("abc");
    QTest::newRow("withdrawn hrk") << QByteArray("hrk");
    QTest::newRow("withdrawn zwl") << QByteArray("zwl");
    QTest::newRow("withdrawn dem") << QByteArray("DEM");
    QTest::newRow("withdrawn vef") << QByteArray("vef");
    QTest::newRow("withdrawn mro") << QByteArray("mro");
    QTest::newRow("withdrawn byr") << QByteArray("byr");
    QTest::newRow("crypto") << QByteArray("btc");
    QTest::newRow("before the table") << QByteArray("aaa");
    QTest::newRow("after the table") << QByteArray("zzz");
}

void TestCurrency::rejected()
{
    QFETCH(QByteArray, input);
    QVERIFY(!Currency::fromCode(view(input)).has_value());
}

void TestCurrency::activeListSize()
{
    // Every three-letter combination, in both cases: exactly the active list is accepted, and
    // it is stored in lower case.
    int accepted = 0;
    for (char a = 'a'; a <= 'z'; ++a) {
        for (char b = 'a'; b <= 'z'; ++b) {
            for (char c = 'a'; c <= 'z'; ++c) {
                const char lower[3] = {a, b, c};
                const char upper[3] = {static_cast<char>(a - 'a' + 'A'),
                                       static_cast<char>(b - 'a' + 'A'),
                                       static_cast<char>(c - 'a' + 'A')};
                const auto fromLower = Currency::fromCode(std::string_view(lower, 3));
                const auto fromUpper = Currency::fromCode(std::string_view(upper, 3));
                QCOMPARE(fromLower.has_value(), fromUpper.has_value());
                if (!fromLower)
                    continue;
                ++accepted;
                QCOMPARE(*fromLower, *fromUpper);
                QCOMPARE(bytes(fromLower->code()), QByteArray(lower, 3));
                QVERIFY(fromLower->exponent() >= 0 && fromLower->exponent() <= 4);
            }
        }
    }
    QCOMPARE(accepted, 181);
}

void TestCurrency::comparison()
{
    const Currency usd = *Currency::fromCode("usd");
    const Currency usdUpper = *Currency::fromCode("USD");
    const Currency eur = *Currency::fromCode("eur");
    const Currency jpy = *Currency::fromCode("jpy");

    QVERIFY(usd == usdUpper);
    QVERIFY(usd != eur);
    QVERIFY(eur < jpy);
    QVERIFY(jpy < usd);
    QVERIFY(usd > eur);
    QVERIFY(std::is_eq(usd <=> usdUpper));
}

QTEST_APPLESS_MAIN(TestCurrency)

#include "testcurrency.moc"
