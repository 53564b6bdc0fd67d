// One access-log line: the exact JSON written for an entry, strings that need escaping (or are
// not UTF-8) still giving one valid JSON line, and the duration in milliseconds to the
// microsecond.

#include "server/http/accesslogentry.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <chrono>
#include <string>

using Tenantry::Server::AccessLogEntry;
using namespace std::chrono_literals;

namespace {

AccessLogEntry entry()
{
    AccessLogEntry e;
    // 2026-11-27T12:34:56.789Z
    e.time = std::chrono::system_clock::time_point(1795782896s + 789ms);
    e.requestId = "req_abc";
    e.remoteAddress = "127.0.0.1";
    e.method = "GET";
    e.path = "/v1/tenants/ten_1";
    e.status = 200;
    e.bytes = 320;
    e.duration = 392us;
    return e;
}

} // namespace

class TestAccessLogEntry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesTheFieldsAsOneJsonLine();
    void escapesWhatJsonRequires_data();
    void escapesWhatJsonRequires();
    void durationHasMicroseconds_data();
    void durationHasMicroseconds();
};

void TestAccessLogEntry::writesTheFieldsAsOneJsonLine()
{
    QCOMPARE(QString::fromStdString(entry().toJsonLine()),
             QStringLiteral(R"({"bytes":320,"duration_ms":0.392,"method":"GET",)"
                            R"("path":"/v1/tenants/ten_1","remote":"127.0.0.1",)"
                            R"("request_id":"req_abc","status":200,)"
                            R"("ts":"2026-11-27T12:34:56.789Z"})"));
}

void TestAccessLogEntry::escapesWhatJsonRequires_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("expected"); // the path as read back, UTF-8
    QTest::newRow("quote and backslash") << QByteArray("/a\"b\\c") << QByteArray("/a\"b\\c");
    QTest::newRow("control characters") << QByteArray("/a\nb\tc\x01") << QByteArray("/a\nb\tc\x01");
    QTest::newRow("UTF-8") << QByteArray("/caf\xc3\xa9") << QByteArray("/caf\xc3\xa9");
    QTest::newRow("not UTF-8") << QByteArray("/a\xff") << QByteArray("/a\xef\xbf\xbd");
    QTest::newRow("delete") << QByteArray("/a\x7f") << QByteArray("/a\x7f");
}

void TestAccessLogEntry::escapesWhatJsonRequires()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, expected);
    AccessLogEntry e = entry();
    e.path = path.toStdString();
    e.remoteAddress = "::1";
    const std::string line = e.toJsonLine();
    QVERIFY(line.find('\n') == std::string::npos);
    const nlohmann::json parsed = nlohmann::json::parse(line, nullptr, false);
    QVERIFY2(!parsed.is_discarded(), line.c_str());
    QCOMPARE(QByteArray::fromStdString(parsed.at("path").get<std::string>()), expected);
    QCOMPARE(parsed.at("remote").get<std::string>(), std::string("::1"));
    QCOMPARE(parsed.size(), std::size_t{8});
}

void TestAccessLogEntry::durationHasMicroseconds_data()
{
    QTest::addColumn<qint64>("nanoseconds");
    QTest::addColumn<QString>("written");
    QTest::newRow("zero") << qint64{0} << QStringLiteral("0.0");
    QTest::newRow("under a microsecond") << qint64{999} << QStringLiteral("0.0");
    QTest::newRow("one microsecond") << qint64{1'000} << QStringLiteral("0.001");
    QTest::newRow("trailing zeros go") << qint64{1'500'000} << QStringLiteral("1.5");
    QTest::newRow("whole milliseconds") << qint64{3'000'000} << QStringLiteral("3.0");
    QTest::newRow("seconds") << qint64{2'000'345'999} << QStringLiteral("2000.345");
}

void TestAccessLogEntry::durationHasMicroseconds()
{
    QFETCH(qint64, nanoseconds);
    QFETCH(QString, written);
    AccessLogEntry e = entry();
    e.duration = std::chrono::nanoseconds(nanoseconds);
    const QString line = QString::fromStdString(e.toJsonLine());
    QVERIFY2(line.contains(QStringLiteral("\"duration_ms\":") + written + QLatin1Char(',')),
             qPrintable(line));
    const nlohmann::json parsed = nlohmann::json::parse(e.toJsonLine());
    QCOMPARE(parsed.at("duration_ms").get<double>(), written.toDouble());
}

QTEST_APPLESS_MAIN(TestAccessLogEntry)
#include "testaccesslogentry.moc"
