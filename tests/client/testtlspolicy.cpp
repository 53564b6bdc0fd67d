// The transport rules: https everywhere except loopback, and CA files that must hold
// certificates.

#include "client/tlspolicy.h"

#include <QTemporaryDir>
#include <QtTest>

using Tenantry::ApiError;
using Tenantry::TlsPolicy;

class TestTlsPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loopbackHosts_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("loopback");
        QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1") << true;
        QTest::newRow("127.1.2.3") << QStringLiteral("127.1.2.3") << true;
        QTest::newRow("127.255.255.254") << QStringLiteral("127.255.255.254") << true;
        QTest::newRow("::1") << QStringLiteral("::1") << true;
        QTest::newRow("::ffff:127.0.0.1") << QStringLiteral("::ffff:127.0.0.1") << true;
        QTest::newRow("localhost") << QStringLiteral("localhost") << true;
        QTest::newRow("LocalHost") << QStringLiteral("LocalHost") << true;
        QTest::newRow("128.0.0.1") << QStringLiteral("128.0.0.1") << false;
        QTest::newRow("126.255.255.255") << QStringLiteral("126.255.255.255") << false;
        QTest::newRow("10.0.0.1") << QStringLiteral("10.0.0.1") << false;
        QTest::newRow("::2") << QStringLiteral("::2") << false;
        QTest::newRow("::ffff:10.0.0.1") << QStringLiteral("::ffff:10.0.0.1") << false;
        QTest::newRow("0.0.0.0") << QStringLiteral("0.0.0.0") << false;
        QTest::newRow("localhost.example.com") << QStringLiteral("localhost.example.com") << false;
        QTest::newRow("127.0.0.1.nip.io") << QStringLiteral("127.0.0.1.nip.io") << false;
        QTest::newRow("empty") << QString() << false;
    }

    void loopbackHosts()
    {
        QFETCH(QString, host);
        QFETCH(bool, loopback);
        QCOMPARE(TlsPolicy::isLoopbackHost(host), loopback);
    }

    void baseUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("outcome"); // 0 allowed, 1 TlsError, 2 Validation
        QTest::newRow("https remote") << QStringLiteral("https://api.tenantry.dev") << 0;
        QTest::newRow("https remote port")
            << QStringLiteral("https://api.tenantry.dev:8443/x") << 0;
        QTest::newRow("https loopback") << QStringLiteral("https://127.0.0.1:8443") << 0;
        QTest::newRow("http 127.0.0.1") << QStringLiteral("http://127.0.0.1:8080") << 0;
        QTest::newRow("http 127.9.9.9") << QStringLiteral("http://127.9.9.9:8080") << 0;
        QTest::newRow("http [::1]") << QStringLiteral("http://[::1]:8080") << 0;
        QTest::newRow("http localhost") << QStringLiteral("http://localhost:8080") << 0;
        QTest::newRow("http remote") << QStringLiteral("http://api.tenantry.dev") << 1;
        QTest::newRow("http private") << QStringLiteral("http://192.168.1.10:8080") << 1;
        QTest::newRow("HTTP remote") << QStringLiteral("HTTP://api.tenantry.dev") << 1;
        QTest::newRow("ftp") << QStringLiteral("ftp://127.0.0.1") << 2;
        QTest::newRow("no scheme") << QStringLiteral("api.tenantry.dev") << 2;
        QTest::newRow("empty") << QString() << 2;
    }

    void baseUrls()
    {
        QFETCH(QString, url);
        QFETCH(int, outcome);
        const std::optional<ApiError> error = TlsPolicy::check(QUrl(url));
        switch (outcome) {
        case 0:
            QVERIFY2(!error, qPrintable(error ? error->message() : QString()));
            break;
        case 1:
            QVERIFY(error);
            QCOMPARE(error->kind(), ApiError::Kind::TlsError);
            QVERIFY(!error->message().isEmpty());
            break;
        default:
            QVERIFY(error);
            QCOMPARE(error->kind(), ApiError::Kind::Validation);
            break;
        }
    }

    void loadsPemCertificates()
    {
        QString message;
        const QList<QSslCertificate> certificates = TlsPolicy::loadCaCertificates(
            QStringLiteral(TENANTRY_TEST_DATA_DIR "/client/test-ca.pem"), &message);
        QCOMPARE(certificates.size(), 1);
        QVERIFY(message.isEmpty());
        QVERIFY(certificates.first()
                    .subjectInfo(QSslCertificate::CommonName)
                    .contains(QStringLiteral("Tenantry Test CA")));
    }

    void refusesUnusableCaFiles()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString message;
        QVERIFY(TlsPolicy::loadCaCertificates(dir.filePath(QStringLiteral("missing.pem")), &message)
                    .isEmpty());
        QVERIFY(message.contains(QStringLiteral("missing.pem")));

        QFile garbage(dir.filePath(QStringLiteral("garbage.pem")));
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write("not a certificate\n");
        garbage.close();
        message.clear();
        QVERIFY(TlsPolicy::loadCaCertificates(garbage.fileName(), &message).isEmpty());
        QVERIFY(message.contains(QStringLiteral("garbage.pem")));
    }
};

QTEST_APPLESS_MAIN(TestTlsPolicy)
#include "testtlspolicy.moc"
