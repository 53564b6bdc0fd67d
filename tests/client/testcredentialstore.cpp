// CredentialStore against a real Secret Service (gnome-keyring, started by run-with-keyring.sh):
// write, read back, overwrite, delete, and a missing entry reported as NotFound. Run with
// TENANTRY_KEYCHAIN=none (no D-Bus session), the keychain is unavailable: an error that is not
// NotFound, reported without waiting for ever.

#include "client/credentialstore.h"

#include <QElapsedTimer>
#include <QLocalServer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

using Tenantry::CredentialError;
using Tenantry::CredentialStore;

Q_DECLARE_METATYPE(Tenantry::CredentialError)

class TestCredentialStore : public QObject
{
    Q_OBJECT

private:
    static bool keyringExpected()
    {
        return qEnvironmentVariable("TENANTRY_KEYCHAIN") == QLatin1String("gnome-keyring");
    }

    // A service of the test's own, so a real "tenantry" entry is never touched.
    static QString testService()
    {
        return QStringLiteral("tenantry-test-") + QUuid::createUuid().toString(QUuid::Id128);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<Tenantry::CredentialError>();
        qRegisterMetaType<Tenantry::CredentialStore::Operation>();
    }

    void writeReadDelete()
    {
        if (!keyringExpected())
            QSKIP("needs the gnome-keyring session of run-with-keyring.sh");
        CredentialStore store(testService());
        QCOMPARE(CredentialStore::defaultService(), QStringLiteral("tenantry"));
        QSignalSpy written(&store, &CredentialStore::tokenWritten);
        QSignalSpy read(&store, &CredentialStore::tokenRead);
        QSignalSpy deleted(&store, &CredentialStore::tokenDeleted);
        QSignalSpy failed(&store, &CredentialStore::failed);

        const QString profile = QStringLiteral("Production");
        const QString token = QStringLiteral("tnt_") + QUuid::createUuid().toString(QUuid::Id128);
        store.writeToken(profile, token);
        QVERIFY(written.wait(30000));
        QCOMPARE(failed.count(), 0);
        QCOMPARE(written.first().first().toString(), profile);

        store.readToken(profile);
        QVERIFY(read.wait(30000));
        QCOMPARE(read.first().at(0).toString(), profile);
        QCOMPARE(read.first().at(1).toString(), token);

        // Another profile's entry is separate.
        store.readToken(QStringLiteral("Staging"));
        QVERIFY(failed.wait(30000));
        QCOMPARE(failed.first().at(0).toString(), QStringLiteral("Staging"));
        QCOMPARE(failed.first().at(2).value<CredentialError>().kind(),
                 CredentialError::Kind::NotFound);
        failed.clear();

        // Overwrite.
        const QString newer = token + QStringLiteral("2");
        store.writeToken(profile, newer);
        QVERIFY(written.wait(30000));
        store.readToken(profile);
        QVERIFY(read.wait(30000));
        QCOMPARE(read.last().at(1).toString(), newer);

        store.deleteToken(profile);
        QVERIFY(deleted.wait(30000));
        QCOMPARE(failed.count(), 0);

        store.readToken(profile);
        QVERIFY(failed.wait(30000));
        QCOMPARE(read.count(), 2);
        const auto operation = failed.first().at(1).value<CredentialStore::Operation>();
        QCOMPARE(operation, CredentialStore::Operation::Read);
        const auto error = failed.first().at(2).value<CredentialError>();
        QCOMPARE(error.kind(), CredentialError::Kind::NotFound);
        QVERIFY(!error.message().isEmpty());
        QVERIFY(!error.message().contains(token));
        QVERIFY(!error.detail().contains(token));
    }

    void unavailableKeychainIsAnError()
    {
        if (qEnvironmentVariable("TENANTRY_KEYCHAIN") != QLatin1String("none"))
            QSKIP("runs in the session without a keychain");
        CredentialStore store(testService());
        store.setTimeoutMs(20000);
        QSignalSpy read(&store, &CredentialStore::tokenRead);
        QSignalSpy written(&store, &CredentialStore::tokenWritten);
        QSignalSpy failed(&store, &CredentialStore::failed);

        store.writeToken(QStringLiteral("Production"), QStringLiteral("tnt_never_stored"));
        QVERIFY(failed.wait(30000));
        QCOMPARE(written.count(), 0);
        const auto writeError = failed.first().at(2).value<CredentialError>();
        QVERIFY2(writeError.kind() != CredentialError::Kind::NotFound,
                 qPrintable(writeError.detail()));
        QVERIFY(!writeError.detail().contains(QStringLiteral("tnt_never_stored")));
        failed.clear();

        store.readToken(QStringLiteral("Production"));
        QVERIFY(failed.wait(30000));
        QCOMPARE(read.count(), 0);
        const auto readError = failed.first().at(2).value<CredentialError>();
        QVERIFY2(readError.kind() == CredentialError::Kind::Unavailable
                     || readError.kind() == CredentialError::Kind::Failed,
                 qPrintable(readError.detail()));
    }

    void silentKeychainTimesOut()
    {
        // (The watchdog is a coarse timer: it may fire up to 5% early.)
        if (qEnvironmentVariable("TENANTRY_KEYCHAIN") != QLatin1String("silent"))
            QSKIP("runs in the session whose bus never answers");
        // A "session bus" that accepts the connection and never says a word: the keychain never
        // answers, and the watchdog reports it as unavailable instead of waiting for ever.
        QVERIFY(m_silentBus.listen(m_silentBusDir.filePath(QStringLiteral("bus"))));
        qputenv("DBUS_SESSION_BUS_ADDRESS",
                "unix:path=" + QFile::encodeName(m_silentBus.fullServerName()));
        CredentialStore store(testService());
        store.setTimeoutMs(1500);
        QSignalSpy read(&store, &CredentialStore::tokenRead);
        QSignalSpy failed(&store, &CredentialStore::failed);
        QElapsedTimer clock;
        clock.start();
        store.readToken(QStringLiteral("Production"));
        QVERIFY(clock.elapsed() < 1000); // the call itself does not wait
        QVERIFY(failed.wait(30000));
        QVERIFY2(clock.elapsed() >= 1400, qPrintable(QString::number(clock.elapsed())));
        const auto error = failed.first().at(2).value<CredentialError>();
        QCOMPARE(error.kind(), CredentialError::Kind::Unavailable);
        QCOMPARE(error.detail(), QStringLiteral("the keychain did not answer"));
        QTest::qWait(300);
        QCOMPARE(failed.count(), 1);
        QCOMPARE(read.count(), 0);
    }

private:
    QTemporaryDir m_silentBusDir;
    QLocalServer m_silentBus;
};

QTEST_GUILESS_MAIN(TestCredentialStore)
#include "testcredentialstore.moc"
