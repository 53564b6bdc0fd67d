#include "server/auth/sessiontoken.h"

#include <QtTest>

#include <chrono>
#include <set>
#include <string>
#include <thread>

// Readable QCOMPARE output for std::string.
namespace QTest {
template<>
inline char *toString(const std::string &value)
{
    return qstrdup(value.c_str());
}
} // namespace QTest

using Tenantry::Server::SessionToken;

namespace {

constexpr std::string_view Base64Url
    = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view Crockford = "0123456789abcdefghjkmnpqrstvwxyz";

std::string text(const QByteArray &bytes)
{
    return bytes.toStdString();
}

} // namespace

class TestSessionToken : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void generatedTokensHaveTheFormat();
    void generatedTokensAreUnique();
    void generatedTokensDecodeTo32Bytes();
    void generatedTokensUseTheWholeAlphabet();
    void hashIsSha256_data();
    void hashIsSha256();
    void looksValid_data();
    void looksValid();
    void newIdFormat_data();
    void newIdFormat();
    void newIdsAreUniqueAndUseTheWholeAlphabet();
    void newIdsStartWithTheirTimeAndSortByIt();
};

void TestSessionToken::generatedTokensHaveTheFormat()
{
    for (int i = 0; i < 1000; ++i) {
        const std::string token = SessionToken::generate();
        QCOMPARE(token.size(), std::size_t(47));
        QCOMPARE(token.substr(0, 4), std::string("tnt_"));
        for (const char c : token.substr(4))
            QVERIFY2(Base64Url.find(c) != std::string_view::npos, token.c_str());
        QVERIFY2(SessionToken::looksValid(token), token.c_str());
    }
}

void TestSessionToken::generatedTokensAreUnique()
{
    std::set<std::string> seen;
    for (int i = 0; i < 10'000; ++i)
        QVERIFY(seen.insert(SessionToken::generate()).second);
}

void TestSessionToken::generatedTokensDecodeTo32Bytes()
{
    for (int i = 0; i < 100; ++i) {
        const QByteArray body = QByteArray::fromStdString(SessionToken::generate().substr(4));
        const auto options = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
        const auto decoded = QByteArray::fromBase64Encoding(
            body, options | QByteArray::AbortOnBase64DecodingErrors);
        QVERIFY(decoded);
        QCOMPARE(decoded.decoded.size(), 32);
        QCOMPARE(decoded.decoded.toBase64(options), body); // canonical encoding
    }
}

void TestSessionToken::generatedTokensUseTheWholeAlphabet()
{
    // An encoder that dropped or repeated bits would leave characters out.
    std::set<char> seen;
    for (int i = 0; i < 200; ++i) {
        const std::string token = SessionToken::generate();
        seen.insert(token.begin() + 4, token.end() - 1);
    }
    QCOMPARE(seen.size(), Base64Url.size());
}

void TestSessionToken::hashIsSha256_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("digest");
    // FIPS 180-2 test vectors, and one token-shaped input (sha256sum).
    QTest::newRow("empty")
        << QByteArray()
        << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    QTest::newRow("abc") << QByteArray(
        "abc") << QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    QTest::newRow("two blocks")
        << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        << QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

void TestSessionToken::hashIsSha256()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, digest);
    QCOMPARE(SessionToken::hash(text(input)), text(digest));
}

void TestSessionToken::looksValid_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<bool>("valid");

    const QByteArray body42(42, 'A');
    QTest::newRow("all A") << QByteArray("tnt_" + body42 + "A") << true;
    QTest::newRow("dash and underscore") << QByteArray("tnt_" + QByteArray(42, '-') + "w") << true;
    QTest::newRow("last character 8") << QByteArray("tnt_" + QByteArray(42, '_') + "8") << true;
    QTest::newRow("generated") << QByteArray::fromStdString(SessionToken::generate()) << true;

    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("prefix only") << QByteArray("tnt_") << false;
    QTest::newRow("other prefix") << QByteArray("tnx_" + body42 + "A") << false;
    QTest::newRow("upper-case prefix") << QByteArray("TNT_" + body42 + "A") << false;
    QTest::newRow("no prefix") << QByteArray(QByteArray("AAAA") + body42 + "A") << false;
    QTest::newRow("one short") << QByteArray("tnt_" + body42) << false;
    QTest::newRow("one long") << QByteArray("tnt_" + body42 + "AA") << false;
    QTest::newRow("plus") << QByteArray("tnt_+" + QByteArray(41, 'A') + "A") << false;
    QTest::newRow("slash") << QByteArray("tnt_/" + QByteArray(41, 'A') + "A") << false;
    QTest::newRow("padding") << QByteArray("tnt_" + QByteArray(41, 'A') + "A=") << false;
    QTest::newRow("space") << QByteArray("tnt_ " + QByteArray(41, 'A') + "A") << false;
    QTest::newRow("NUL") << QByteArray("tnt_" + QByteArray(41, 'A') + QByteArray(1, '\0') + "A")
                         << false;
    QTest::newRow("non-canonical last character B")
        << QByteArray("tnt_" + body42 + "B")
        << false; // its 2 low bits are set: 32 bytes cannot give it
    QTest::newRow("non-canonical last character _") << QByteArray("tnt_" + body42 + "_") << false;
}

void TestSessionToken::looksValid()
{
    QFETCH(QByteArray, token);
    QFETCH(bool, valid);
    QCOMPARE(SessionToken::looksValid(text(token)), valid);
}

void TestSessionToken::newIdFormat_data()
{
    QTest::addColumn<QByteArray>("prefix");
    QTest::newRow("tenant") << QByteArray("ten_");
    QTest::newRow("user") << QByteArray("usr_");
    QTest::newRow("audit") << QByteArray("aud_");
    QTest::newRow("note") << QByteArray("note_");
    QTest::newRow("request") << QByteArray("req_");
    QTest::newRow("no prefix") << QByteArray();
}

void TestSessionToken::newIdFormat()
{
    QFETCH(QByteArray, prefix);
    for (int i = 0; i < 200; ++i) {
        const std::string id = SessionToken::newId(text(prefix));
        QCOMPARE(id.size(), std::size_t(prefix.size()) + 25);
        QCOMPARE(id.substr(0, std::size_t(prefix.size())), text(prefix));
        for (const char c : id.substr(std::size_t(prefix.size()))) {
            QVERIFY2(Crockford.find(c) != std::string_view::npos, id.c_str());
            QVERIFY2(c != 'i' && c != 'l' && c != 'o' && c != 'u', id.c_str());
        }
    }
}

void TestSessionToken::newIdsAreUniqueAndUseTheWholeAlphabet()
{
    std::set<std::string> ids;
    std::set<char> characters;
    for (int i = 0; i < 10'000; ++i) {
        const std::string id = SessionToken::newId("ten_");
        QVERIFY(ids.insert(id).second);
        characters.insert(id.begin() + 4 + 9, id.end()); // the random part
    }
    QCOMPARE(characters.size(), Crockford.size());
}

void TestSessionToken::newIdsStartWithTheirTimeAndSortByIt()
{
    const auto now = [] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    };
    const auto timeOf = [](const std::string &id) {
        std::int64_t milliseconds = 0;
        for (const char c : id.substr(4, 9))
            milliseconds = milliseconds * 32 + static_cast<std::int64_t>(Crockford.find(c));
        return milliseconds;
    };
    const std::int64_t before = now();
    const std::string first = SessionToken::newId("ten_");
    const std::int64_t after = now();
    QVERIFY2(timeOf(first) >= before && timeOf(first) <= after, first.c_str());

    // Ids of later milliseconds sort after earlier ones, whatever their random part.
    std::string previous = first;
    for (int i = 0; i < 5; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        const std::string next = SessionToken::newId("ten_");
        QVERIFY2(next > previous, (previous + " then " + next).c_str());
        previous = next;
    }
}

QTEST_APPLESS_MAIN(TestSessionToken)

#include "testsessiontoken.moc"
