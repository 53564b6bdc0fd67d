// The direct JSON writer: a string it writes is byte for byte what nlohmann::json::dump writes
// (ensure_ascii off, invalid UTF-8 replaced), whatever the bytes, and an object reads back with
// its members, nulls and integers.

#include "core/json/jsonwriter.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <string>

using Tenantry::appendJsonString;
using Tenantry::JsonObjectWriter;

namespace {

std::string dumped(const std::string &text)
{
    return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string written(const std::string &text)
{
    std::string out = "x";
    appendJsonString(out, text);
    return out.substr(1); // appends, keeping what was there
}

} // namespace

class TestJsonWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stringsAreWrittenAsADocumentDumpsThem_data();
    void stringsAreWrittenAsADocumentDumpsThem();
    void randomBytesAreWrittenAsADocumentDumpsThem();
    void objectsReadBack();
};

void TestJsonWriter::stringsAreWrittenAsADocumentDumpsThem_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray("");
    QTest::newRow("id") << QByteArray("ten_xnjd1gyd3323ayzm");
    QTest::newRow("quote") << QByteArray("say \"hi\"");
    QTest::newRow("backslash") << QByteArray("a\\b");
    QTest::newRow("newline and tab") << QByteArray("a\nb\tc\r");
    QTest::newRow("other control") << QByteArray("a\x01\x1f");
    QTest::newRow("delete") << QByteArray("a\x7f");
    QTest::newRow("UTF-8") << QByteArray("Caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
    QTest::newRow("not UTF-8") << QByteArray("a\xff\xfe b \xc3");
    QTest::newRow("slash") << QByteArray("/v1/tenants");
}

void TestJsonWriter::stringsAreWrittenAsADocumentDumpsThem()
{
    QFETCH(QByteArray, text);
    const std::string input = text.toStdString();
    QCOMPARE(QByteArray::fromStdString(written(input)), QByteArray::fromStdString(dumped(input)));
}

void TestJsonWriter::randomBytesAreWrittenAsADocumentDumpsThem()
{
    std::mt19937 random(20261127);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> length(0, 24);
    for (int round = 0; round < 2000; ++round) {
        std::string input;
        const int size = length(random);
        for (int i = 0; i < size; ++i) {
            // Mostly printable ASCII, as names are, with some of everything else.
            const int value = byte(random);
            input += static_cast<char>(value < 160 ? 0x20 + value % 0x5F : value);
        }
        QCOMPARE(QByteArray::fromStdString(written(input)),
                 QByteArray::fromStdString(dumped(input)));
    }
}

void TestJsonWriter::objectsReadBack()
{
    std::string text;
    JsonObjectWriter object(text);
    object.string("a", "one");
    object.nullableString("b", std::nullopt);
    object.nullableString("c", std::optional<std::string>("three"));
    object.integer("d", std::numeric_limits<std::int64_t>::min());
    object.integer("e", 0);
    object.null("f");
    object.finish();
    QCOMPARE(QByteArray::fromStdString(text),
             QByteArray(R"({"a":"one","b":null,"c":"three","d":-9223372036854775808,"e":0,)"
                        R"("f":null})"));
    const nlohmann::json parsed = nlohmann::json::parse(text);
    QCOMPARE(parsed.size(), std::size_t{6});
    QCOMPARE(parsed.at("d").get<std::int64_t>(), std::numeric_limits<std::int64_t>::min());

    std::string empty;
    JsonObjectWriter none(empty);
    none.finish();
    QCOMPARE(QByteArray::fromStdString(empty), QByteArray("{}"));
}

QTEST_APPLESS_MAIN(TestJsonWriter)
#include "testjsonwriter.moc"
