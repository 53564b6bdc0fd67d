// The secrets of tenant API keys: their format, that they are unique, that looksValid accepts
// exactly that format, and that neither kind of bearer token passes for the other.

#include "server/auth/sessiontoken.h"
#include "server/auth/tenantapikey.h"

#include <QtTest>

#include <set>
#include <string>

using namespace Tenantry::Server;

class TestTenantApiKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void generatedKeysHaveTheFormat()
    {
        constexpr std::string_view base64Url
            = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        std::set<std::string> seen;
        for (int i = 0; i < 1000; ++i) {
            const std::string key = TenantApiKey::generate();
            QCOMPARE(key.size(), TenantApiKey::Length);
            QCOMPARE(key.substr(0, 8), std::string("tk_live_"));
            for (const char c : key.substr(8))
                QVERIFY2(base64Url.find(c) != std::string_view::npos, key.c_str());
            QVERIFY2(TenantApiKey::looksValid(key), key.c_str());
            QVERIFY(TenantApiKey::hasPrefix(key));
            // Not a session token, and a session token is not a key.
            QVERIFY(!SessionToken::looksValid(key));
            seen.insert(key);
        }
        QCOMPARE(seen.size(), std::size_t(1000));
        const std::string session = SessionToken::generate();
        QVERIFY(!TenantApiKey::hasPrefix(session));
        QVERIFY(!TenantApiKey::looksValid(session));
    }

    void looksValid_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<bool>("valid");
        const QString body(43, QLatin1Char('A'));
        QTest::newRow("43 characters") << QStringLiteral("tk_live_") + body << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("prefix only") << QStringLiteral("tk_live_") << false;
        QTest::newRow("one short") << QStringLiteral("tk_live_") + body.left(42) << false;
        QTest::newRow("one long") << QStringLiteral("tk_live_") + body + QLatin1Char('A') << false;
        QTest::newRow("test prefix") << QStringLiteral("tk_test_") + body << false;
        QTest::newRow("not base64url")
            << QStringLiteral("tk_live_") + body.left(42) + QLatin1Char('+') << false;
        // The last of 43 characters carries 4 bits of data and 2 zero bits.
        QTest::newRow("padding bits set")
            << QStringLiteral("tk_live_") + body.left(42) + QLatin1Char('B') << false;
    }

    void looksValid()
    {
        QFETCH(QString, token);
        QFETCH(bool, valid);
        QCOMPARE(TenantApiKey::looksValid(token.toStdString()), valid);
    }
};

QTEST_GUILESS_MAIN(TestTenantApiKey)
#include "testtenantapikey.moc"
