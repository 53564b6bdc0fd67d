// SecretBox (AES-256-GCM under the master key file), the secrets table of the SQLite store, and
// loadStripeApiKey: a configured key is sealed and saved, a later start opens the saved one.

#include "server/billing/secretbox.h"
#include "server/billing/stripe/stripekeystore.h"
#include "server/config/serverconfig.h"
#include "server/store/sqlite/sqlitestore.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

#include <sys/stat.h>

using namespace Tenantry;
using namespace Tenantry::Server;

namespace {

std::string keyOf(char fill)
{
    return std::string(SecretBox::KeySize, fill);
}

unsigned modeOf(const std::string &path)
{
    struct stat status
    {};
    if (::stat(path.c_str(), &status) != 0)
        return 0xffff;
    return static_cast<unsigned>(status.st_mode & 07777);
}

void writeFile(const std::string &path, const std::string &bytes, unsigned mode)
{
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
    ::chmod(path.c_str(), static_cast<mode_t>(mode));
}

} // namespace

class TestSecretBox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip();
    void wrongMasterKeyFails();
    void everyFlippedByteFails();
    void anotherNameFails();
    void keyFileIsCreatedPrivate();
    void looseKeyFileIsRefused();
    void badKeyFilesAreRefused();
    void sqliteStoreKeepsSecrets();
    void stripeKeyIsSavedThenLoaded();
};

void TestSecretBox::roundTrip()
{
    auto box = std::move(SecretBox::fromKey(keyOf('k'))).value();
    const std::string secret("sk_test_51Abc\0def", 17); // a NUL byte too
    Result<std::string> sealed = box.seal("stripe_api_key", secret);
    QVERIFY(sealed);
    QCOMPARE(sealed->size(), 1 + SecretBox::NonceSize + secret.size() + SecretBox::TagSize);
    QCOMPARE(static_cast<unsigned char>((*sealed)[0]), SecretBox::Version);
    QVERIFY(sealed->find(secret) == std::string::npos);
    Result<std::string> opened = box.open("stripe_api_key", *sealed);
    QVERIFY(opened);
    QCOMPARE(*opened, secret);

    // A fresh nonce each time.
    Result<std::string> again = box.seal("stripe_api_key", secret);
    QVERIFY(again);
    QVERIFY(*again != *sealed);
    QCOMPARE(*box.open("stripe_api_key", *again), secret);
    // The empty secret too.
    QCOMPARE(*box.open("x", *box.seal("x", "")), std::string());
}

void TestSecretBox::wrongMasterKeyFails()
{
    auto box = std::move(SecretBox::fromKey(keyOf('k'))).value();
    auto other = std::move(SecretBox::fromKey(keyOf('K'))).value();
    const std::string sealed = *box.seal("stripe_api_key", "sk_test_1");
    Result<std::string> opened = other.open("stripe_api_key", sealed);
    QVERIFY(!opened);
    QCOMPARE(opened.error().code, std::string("secret_unreadable"));
    QVERIFY(!SecretBox::fromKey("short"));
}

void TestSecretBox::everyFlippedByteFails()
{
    auto box = std::move(SecretBox::fromKey(keyOf('k'))).value();
    const std::string sealed = *box.seal("stripe_api_key", "sk_test_1");
    for (std::size_t i = 0; i < sealed.size(); ++i) {
        std::string changed = sealed;
        changed[i] = static_cast<char>(changed[i] ^ 0x01);
        QVERIFY2(!box.open("stripe_api_key", changed), std::to_string(i).c_str());
    }
    QVERIFY(!box.open("stripe_api_key", sealed.substr(0, sealed.size() - 1)));
    QVERIFY(!box.open("stripe_api_key", sealed + "x"));
    QVERIFY(!box.open("stripe_api_key", ""));
}

void TestSecretBox::anotherNameFails()
{
    auto box = std::move(SecretBox::fromKey(keyOf('k'))).value();
    const std::string sealed = *box.seal("stripe_api_key", "sk_test_1");
    QVERIFY(!box.open("stripe_webhook_secret", sealed));
    QVERIFY(!box.open("", sealed));
    QVERIFY(box.open("stripe_api_key", sealed));
}

void TestSecretBox::keyFileIsCreatedPrivate()
{
    QTemporaryDir dir;
    const std::string path = dir.path().toStdString() + "/data/master.key";
    Result<SecretBox> created = SecretBox::fromKeyFile(path);
    QVERIFY2(created, created ? "" : created.error().message.c_str());
    QCOMPARE(modeOf(path), 0600u);
    QCOMPARE(std::filesystem::file_size(path), std::uintmax_t(SecretBox::KeySize));
    const std::string sealed = *created->seal("n", "secret");

    // Read back: the same key.
    Result<SecretBox> reopened = SecretBox::fromKeyFile(path);
    QVERIFY(reopened);
    QCOMPARE(*reopened->open("n", sealed), std::string("secret"));

    // Another new file: another key.
    Result<SecretBox> fresh = SecretBox::fromKeyFile(dir.path().toStdString() + "/other.key");
    QVERIFY(fresh);
    QVERIFY(!fresh->open("n", sealed));
}

void TestSecretBox::looseKeyFileIsRefused()
{
    QTemporaryDir dir;
    const std::string path = dir.path().toStdString() + "/master.key";
    writeFile(path, keyOf('k'), 0644);
    Result<SecretBox> box = SecretBox::fromKeyFile(path);
    QVERIFY(!box);
    QCOMPARE(box.error().code, std::string("invalid_master_key"));
    QVERIFY2(box.error().message.find("0644") != std::string::npos, box.error().message.c_str());
    QVERIFY(box.error().message.find(path) != std::string::npos);
    QVERIFY(box.error().message.find("chmod 600") != std::string::npos);
    ::chmod(path.c_str(), 0600);
    QVERIFY(SecretBox::fromKeyFile(path));
    // Through a symbolic link (as mounted secrets are): the file it names is what counts.
    const std::string link = dir.path().toStdString() + "/link.key";
    std::filesystem::create_symlink(path, link);
    QVERIFY(SecretBox::fromKeyFile(link));
    ::chmod(path.c_str(), 0620);
    QVERIFY(!SecretBox::fromKeyFile(path));
    QVERIFY(!SecretBox::fromKeyFile(link));
}

void TestSecretBox::badKeyFilesAreRefused()
{
    QTemporaryDir dir;
    const std::string shortKey = dir.path().toStdString() + "/short.key";
    writeFile(shortKey, "0123456789", 0600);
    Result<SecretBox> box = SecretBox::fromKeyFile(shortKey);
    QVERIFY(!box);
    QVERIFY2(box.error().message.find("exactly 32 bytes") != std::string::npos,
             box.error().message.c_str());

    const std::string longKey = dir.path().toStdString() + "/long.key";
    writeFile(longKey, keyOf('k') + "\n", 0600);
    QVERIFY(!SecretBox::fromKeyFile(longKey));

    if (::geteuid() != 0) { // root reads a 0000 file
        const std::string locked = dir.path().toStdString() + "/locked.key";
        writeFile(locked, keyOf('k'), 0000);
        Result<SecretBox> unreadable = SecretBox::fromKeyFile(locked);
        QVERIFY(!unreadable);
        QVERIFY2(unreadable.error().message.find("unreadable") != std::string::npos,
                 unreadable.error().message.c_str());
    }
    QVERIFY(!SecretBox::fromKeyFile(dir.path().toStdString())); // a folder
}

void TestSecretBox::sqliteStoreKeepsSecrets()
{
    QTemporaryDir dir;
    const std::string path = dir.path().toStdString() + "/tenantry.db";
    std::string bytes;
    for (int i = 0; i < 256; ++i)
        bytes += static_cast<char>(i);
    {
        auto store = std::move(SqliteStore::open({path, true})).value();
        auto transaction = std::move(store->begin(Store::Mode::Write)).value();
        QCOMPARE(*transaction->secret("stripe_api_key"), std::optional<std::string>());
        QVERIFY(transaction->putSecret("stripe_api_key", "first"));
        QVERIFY(transaction->putSecret("stripe_api_key", bytes)); // replaces
        QVERIFY(transaction->putSecret("other", "x"));
        QVERIFY(transaction->commit());
    }
    auto store = std::move(SqliteStore::open({path, true})).value();
    auto transaction = std::move(store->begin(Store::Mode::Read)).value();
    QCOMPARE(*transaction->secret("stripe_api_key"), std::optional<std::string>(bytes));
    QCOMPARE(*transaction->secret("other"), std::optional<std::string>("x"));
}

void TestSecretBox::stripeKeyIsSavedThenLoaded()
{
    QTemporaryDir dir;
    ServerConfig config;
    config.dataDir = dir.path().toStdString();
    auto store = std::move(SqliteStore::open({config.dataDir + "/tenantry.db", true})).value();

    Result<std::string> none = loadStripeApiKey(config, *store);
    QVERIFY(!none);
    QCOMPARE(none.error().code, std::string("stripe_key_missing"));

    config.stripeApiKey = "sk_test_saved_1";
    Result<std::string> saved = loadStripeApiKey(config, *store);
    QVERIFY2(saved, saved ? "" : saved.error().message.c_str());
    QCOMPARE(*saved, std::string("sk_test_saved_1"));
    QCOMPARE(modeOf(config.dataDir + "/master.key"), 0600u);
    {
        auto transaction = std::move(store->begin(Store::Mode::Read)).value();
        const std::optional<std::string> row = *transaction->secret("stripe_api_key");
        QVERIFY(row);
        QVERIFY(row->find("sk_test_saved_1") == std::string::npos); // sealed, not in clear
    }

    config.stripeApiKey.clear();
    Result<std::string> loaded = loadStripeApiKey(config, *store);
    QVERIFY(loaded);
    QCOMPARE(*loaded, std::string("sk_test_saved_1"));
    Result<std::unique_ptr<BillingProvider>> provider = makeConfiguredStripeProvider(config, *store);
    QVERIFY(provider);
    QCOMPARE((*provider)->name(), std::string_view("stripe"));

    // Another master key: a clear error that says what to do, never the key.
    config.masterKeyFile = config.dataDir + "/another.key";
    Result<std::string> wrong = loadStripeApiKey(config, *store);
    QVERIFY(!wrong);
    QCOMPARE(wrong.error().code, std::string("secret_unreadable"));
    QVERIFY(wrong.error().message.find("--stripe-api-key") != std::string::npos);
}

QTEST_APPLESS_MAIN(TestSecretBox)

#include "testsecretbox.moc"
