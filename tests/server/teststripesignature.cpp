// Stripe-Signature verification against signatures made independently of the code under test:
// by Stripe's own Node library (tools/stripe-test-header.mjs) and by the openssl command.

#include "server/billing/stripe/stripesignature.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace Tenantry::Server;

namespace {

constexpr qint64 kNow = 1764000000; // 2025-11-24T16:00:00Z
const std::string kSecret = "whsec_test_4eC39HqLyjWDarjtT1zdp7dc";
const std::string kBody = R"({"id":"evt_1","object":"event","type":"invoice.paid"})";

std::chrono::system_clock::time_point at(std::int64_t seconds)
{
    return std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
}

StripeSignature verifier(std::vector<std::string> secrets = {kSecret})
{
    return StripeSignature({std::move(secrets), std::chrono::seconds(300)});
}

std::string header(std::int64_t timestamp, const std::string &v1)
{
    return "t=" + std::to_string(timestamp) + ",v1=" + v1;
}

std::string codeOf(const Tenantry::Status &status)
{
    return status ? std::string("ok") : status.error().code;
}

// Runs a program; its standard output, or a failed check.
QByteArray run(const QString &program, const QStringList &arguments, const QByteArray &input = {})
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForStarted(10000))
        return {};
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(60000);
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        qWarning() << program << process.readAllStandardError();
        return {};
    }
    return process.readAllStandardOutput();
}

} // namespace

class TestStripeSignature : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signMatchesOpenssl();
    void acceptsWhatStripesNodeLibrarySigns();
    void refusals_data();
    void refusals();
    void anyMatchingV1AndEitherRotatingSecretIsAccepted();
};

void TestStripeSignature::signMatchesOpenssl()
{
    const QByteArray payload = QByteArray::number(kNow) + '.' + QByteArray::fromStdString(kBody);
    const QByteArray output = run(QStringLiteral("openssl"),
                                  {QStringLiteral("dgst"),
                                   QStringLiteral("-sha256"),
                                   QStringLiteral("-hmac"),
                                   QString::fromStdString(kSecret)},
                                  payload);
    QVERIFY2(!output.isEmpty(), "openssl dgst failed");
    // "SHA2-256(stdin)= <hex>"
    const QByteArray hex = output.trimmed().split(' ').last();
    QCOMPARE(QByteArray::fromStdString(StripeSignature::sign(kSecret, kNow, kBody)), hex);
}

void TestStripeSignature::acceptsWhatStripesNodeLibrarySigns()
{
    const QString tools = QStringLiteral(TENANTRY_TOOLS_DIR);
    QVERIFY2(QFile::exists(tools + QStringLiteral("/node_modules/stripe/package.json")),
             "Stripe's Node library is missing: run scripts/lint-openapi (npm ci in tools/)");
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    QFile payload(directory.filePath(QStringLiteral("payload.json")));
    QVERIFY(payload.open(QIODevice::WriteOnly));
    // A real event shape with non-ASCII text: the HMAC covers the raw UTF-8 bytes.
    const std::string body
        = R"({"id":"evt_1QxYz","object":"event","type":"customer.subscription.updated",)"
          R"("data":{"object":{"id":"sub_1","customer":"cus_1","status":"past_due",)"
          R"("metadata":{"note":"Müller & Söhne"}}}})";
    payload.write(QByteArray::fromStdString(body));
    payload.close();

    const QByteArray stripeHeader = run(QStringLiteral("node"),
                                        {tools + QStringLiteral("/stripe-test-header.mjs"),
                                         QString::fromStdString(kSecret),
                                         QString::number(kNow),
                                         payload.fileName()});
    QVERIFY2(stripeHeader.startsWith("t="), stripeHeader.constData());
    QCOMPARE(codeOf(verifier().verify(stripeHeader.toStdString(), body, at(kNow + 10))),
             std::string("ok"));
    QCOMPARE(codeOf(verifier().verify(stripeHeader.toStdString(), body + " ", at(kNow))),
             std::string("signature_mismatch"));
}

void TestStripeSignature::refusals_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<QByteArray>("code");

    const std::string good = StripeSignature::sign(kSecret, kNow, kBody);
    const QByteArray body = QByteArray::fromStdString(kBody);
    QByteArray changed = body;
    changed[10] = 'X';

    QTest::newRow("valid") << QByteArray::fromStdString(header(kNow, good)) << body << kNow
                           << QByteArray("ok");
    QTest::newRow("valid, 299 s old")
        << QByteArray::fromStdString(header(kNow, good)) << body << kNow + 299 << QByteArray("ok");
    QTest::newRow("wrong secret") << QByteArray::fromStdString(
        header(kNow, StripeSignature::sign("whsec_other", kNow, kBody)))
                                  << body << kNow << QByteArray("signature_mismatch");
    QTest::newRow("body changed by one byte")
        << QByteArray::fromStdString(header(kNow, good)) << changed << kNow
        << QByteArray("signature_mismatch");
    QTest::newRow("timestamp too old") << QByteArray::fromStdString(header(kNow, good)) << body
                                       << kNow + 301 << QByteArray("timestamp_out_of_range");
    QTest::newRow("timestamp too far ahead")
        << QByteArray::fromStdString(header(kNow, good)) << body << kNow - 301
        << QByteArray("timestamp_out_of_range");
    QTest::newRow("signed for another time") << QByteArray::fromStdString(header(kNow + 1, good))
                                             << body << kNow << QByteArray("signature_mismatch");
    QTest::newRow("missing") << QByteArray() << body << kNow << QByteArray("signature_missing");
    QTest::newRow("no v1") << QByteArray("t=1764000000") << body << kNow
                           << QByteArray("signature_malformed");
    QTest::newRow("only v0") << QByteArray::fromStdString("t=1764000000,v0=" + good) << body << kNow
                             << QByteArray("signature_malformed");
    QTest::newRow("no timestamp") << QByteArray::fromStdString("v1=" + good) << body << kNow
                                  << QByteArray("signature_malformed");
    QTest::newRow("garbled timestamp") << QByteArray::fromStdString("t=12ab,v1=" + good) << body
                                       << kNow << QByteArray("signature_malformed");
    QTest::newRow("garbled") << QByteArray("garbage") << body << kNow
                             << QByteArray("signature_malformed");
    QTest::newRow("v1 not hex") << QByteArray::fromStdString(header(kNow, std::string(64, 'z')))
                                << body << kNow << QByteArray("signature_mismatch");
    QTest::newRow("v1 truncated") << QByteArray::fromStdString(header(kNow, good.substr(0, 63)))
                                  << body << kNow << QByteArray("signature_mismatch");
}

void TestStripeSignature::refusals()
{
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, body);
    QFETCH(qint64, now);
    QFETCH(QByteArray, code);
    const Tenantry::Status status = verifier().verify(header.toStdString(),
                                                      body.toStdString(),
                                                      at(now));
    QCOMPARE(QByteArray::fromStdString(codeOf(status)), code);
    if (!status)
        QCOMPARE(status.error().path, std::string("Stripe-Signature"));
}

void TestStripeSignature::anyMatchingV1AndEitherRotatingSecretIsAccepted()
{
    const std::string oldSecret = "whsec_old";
    const std::string newSecret = "whsec_new";
    const std::string byOld = StripeSignature::sign(oldSecret, kNow, kBody);
    const std::string byNew = StripeSignature::sign(newSecret, kNow, kBody);
    const std::string both = "t=" + std::to_string(kNow) + ", v1=" + std::string(64, '0')
                             + ", v1=" + byNew + ",v0=abc";
    QCOMPARE(codeOf(verifier({newSecret}).verify(both, kBody, at(kNow))), std::string("ok"));
    // During a rotation either secret is accepted; afterwards only the new one.
    const StripeSignature rotating = verifier({oldSecret, newSecret});
    QCOMPARE(codeOf(rotating.verify(header(kNow, byOld), kBody, at(kNow))), std::string("ok"));
    QCOMPARE(codeOf(rotating.verify(header(kNow, byNew), kBody, at(kNow))), std::string("ok"));
    QCOMPARE(codeOf(verifier({newSecret}).verify(header(kNow, byOld), kBody, at(kNow))),
             std::string("signature_mismatch"));
}

QTEST_APPLESS_MAIN(TestStripeSignature)

#include "teststripesignature.moc"
