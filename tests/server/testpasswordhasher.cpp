#include "server/auth/passwordhasher.h"

#include <QRegularExpression>
#include <QtTest>

#include <string>
#include <string_view>

// Readable QCOMPARE output for std::string.
namespace QTest {
template<>
inline char *toString(const std::string &value)
{
    return qstrdup(value.c_str());
}
} // namespace QTest

using Tenantry::Result;
using Tenantry::Server::PasswordHasher;

namespace {

// Cheap parameters: the tests check behaviour, not cost.
PasswordHasher::Parameters cheap()
{
    PasswordHasher::Parameters parameters;
    parameters.memoryKiB = 256;
    parameters.iterations = 1;
    parameters.parallelism = 1;
    return parameters;
}

std::string cheapHash(std::string_view password)
{
    const Result<std::string> encoded = PasswordHasher::hash(password, cheap());
    if (!encoded)
        qFatal("hash failed: %s", encoded.error().toString().c_str());
    return encoded.value();
}

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

} // namespace

class TestPasswordHasher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void wrongPasswordRefused_data();
    void wrongPasswordRefused();
    void saltMakesHashesDiffer();
    void encodedFormat();
    void defaultParameters();
    void malformedEncodedRefused_data();
    void malformedEncodedRefused();
    void badParametersAreErrors_data();
    void badParametersAreErrors();
};

void TestPasswordHasher::roundTrip_data()
{
    QTest::addColumn<QByteArray>("password");
    QTest::newRow("ascii") << QByteArray("correct horse battery staple");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("utf-8") << QByteArray("p\xC3\xA4sswo\xCC\x88rd \xF0\x9F\x94\x91");
    QTest::newRow("embedded NUL") << QByteArray("abc\0def", 7);
    QTest::newRow("long") << QByteArray(10'000, 'x');
}

void TestPasswordHasher::roundTrip()
{
    QFETCH(QByteArray, password);
    const std::string_view view(password.constData(), static_cast<std::size_t>(password.size()));
    const std::string encoded = cheapHash(view);
    QVERIFY(PasswordHasher::verify(view, encoded));
    if (!password.isEmpty())
        QVERIFY(encoded.find(view) == std::string::npos);
}

void TestPasswordHasher::wrongPasswordRefused_data()
{
    QTest::addColumn<QByteArray>("candidate");
    QTest::newRow("other") << QByteArray("Tr0ub4dor&3");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("one character changed") << QByteArray("correct horse battery stapLe");
    QTest::newRow("prefix") << QByteArray("correct horse battery stapl");
    QTest::newRow("longer") << QByteArray("correct horse battery staple ");
    QTest::newRow("stops at NUL") << QByteArray("correct horse battery staple\0x", 30);
}

void TestPasswordHasher::wrongPasswordRefused()
{
    QFETCH(QByteArray, candidate);
    const std::string encoded = cheapHash("correct horse battery staple");
    const std::string_view view(candidate.constData(), static_cast<std::size_t>(candidate.size()));
    QVERIFY(!PasswordHasher::verify(view, encoded));
}

void TestPasswordHasher::saltMakesHashesDiffer()
{
    const std::string first = cheapHash("same password");
    const std::string second = cheapHash("same password");
    QVERIFY(first != second);
    // The salts themselves differ, not only the hashes.
    const auto salt = [](const std::string &encoded) {
        const QStringList parts = qs(encoded).split(u'$');
        return parts.value(4);
    };
    QVERIFY(salt(first) != salt(second));
    QVERIFY(PasswordHasher::verify("same password", first));
    QVERIFY(PasswordHasher::verify("same password", second));
}

void TestPasswordHasher::encodedFormat()
{
    const std::string encoded = cheapHash("format check");
    // 16-byte salt: 22 unpadded base64 characters; 32-byte hash: 43.
    static const QRegularExpression format(QStringLiteral(
        "^\\$argon2id\\$v=19\\$m=256,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}$"));
    QVERIFY2(format.match(qs(encoded)).hasMatch(), encoded.c_str());
}

void TestPasswordHasher::defaultParameters()
{
    const PasswordHasher::Parameters defaults;
    QCOMPARE(defaults.memoryKiB, 19456u);
    QCOMPARE(defaults.iterations, 2u);
    QCOMPARE(defaults.parallelism, 1u);

    const Result<std::string> encoded = PasswordHasher::hash("a sensible passphrase");
    QVERIFY(encoded);
    QVERIFY2(encoded->starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), encoded->c_str());
    QVERIFY(PasswordHasher::verify("a sensible passphrase", *encoded));
    QVERIFY(!PasswordHasher::verify("a sensible passphrasE", *encoded));
}

void TestPasswordHasher::malformedEncodedRefused_data()
{
    const std::string valid = cheapHash("secret");
    QTest::addColumn<QByteArray>("encoded");

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("plain text") << QByteArray("secret");
    QTest::newRow("truncated") << QByteArray::fromStdString(valid.substr(0, valid.size() - 5));
    std::string tampered = valid;
    tampered[tampered.size() - 2] = tampered[tampered.size() - 2] == 'A' ? 'B' : 'A';
    QTest::newRow("hash tampered") << QByteArray::fromStdString(tampered);
    std::string otherType = valid;
    otherType.replace(0, 9, "$argon2i$");
    QTest::newRow("argon2i prefix") << QByteArray::fromStdString(otherType);
    std::string lowerCost = valid;
    lowerCost.replace(lowerCost.find("t=1"), 3, "t=2");
    QTest::newRow("parameters changed") << QByteArray::fromStdString(lowerCost);
    QTest::newRow("embedded NUL") << QByteArray::fromStdString(valid + std::string(1, '\0'));
}

void TestPasswordHasher::malformedEncodedRefused()
{
    QFETCH(QByteArray, encoded);
    const std::string_view view(encoded.constData(), static_cast<std::size_t>(encoded.size()));
    QVERIFY(!PasswordHasher::verify("secret", view));
}

void TestPasswordHasher::badParametersAreErrors_data()
{
    QTest::addColumn<uint>("memoryKiB");
    QTest::addColumn<uint>("iterations");
    QTest::addColumn<uint>("parallelism");
    QTest::newRow("memory below 8 x lanes") << 7u << 1u << 1u;
    QTest::newRow("no iterations") << 256u << 0u << 1u;
    QTest::newRow("no lanes") << 256u << 1u << 0u;
}

void TestPasswordHasher::badParametersAreErrors()
{
    QFETCH(uint, memoryKiB);
    QFETCH(uint, iterations);
    QFETCH(uint, parallelism);
    PasswordHasher::Parameters parameters;
    parameters.memoryKiB = memoryKiB;
    parameters.iterations = iterations;
    parameters.parallelism = parallelism;
    const Result<std::string> encoded = PasswordHasher::hash("hunter2hunter2", parameters);
    QVERIFY(!encoded);
    QCOMPARE(encoded.error().code, std::string("password_hash_failed"));
    QVERIFY(!encoded.error().message.empty());
    QVERIFY(encoded.error().message.find("hunter2") == std::string::npos);
}

QTEST_APPLESS_MAIN(TestPasswordHasher)

#include "testpasswordhasher.moc"
