// SessionKeeper: the console's saved session per server profile, against a real Secret Service
// (gnome-keyring, started by run-with-keyring.sh). Sign in once, restart, and the token and the
// profile's URL come back; after signing out nothing comes back; a profile without a token asks
// to sign in without a reason. With no keychain at all (TENANTRY_KEYCHAIN=none) the sign-in
// dialog gets a reason, and saving a token is reported as failed, never silently dropped.

#include "client/apiclient.h"
#include "client/credentialstore.h"
#include "client/serverprofiles.h"
#include "client/sessionkeeper.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

using Tenantry::ApiClient;
using Tenantry::CredentialStore;
using Tenantry::ServerProfile;
using Tenantry::ServerProfiles;
using Tenantry::SessionKeeper;

class TestSessionKeeper : public QObject
{
    Q_OBJECT

private:
    static QString keychainMode() { return qEnvironmentVariable("TENANTRY_KEYCHAIN"); }

    // A profile file of the test's own with one profile, made the current one.
    ServerProfiles profilesWith(const ServerProfile &profile)
    {
        ServerProfiles profiles(
            m_dir.filePath(QUuid::createUuid().toString(QUuid::Id128) + QStringLiteral(".ini")));
        if (!profile.name.isEmpty()) {
            [&] { QVERIFY(profiles.save(profile)); }();
            profiles.setCurrentName(profile.name);
        }
        return profiles;
    }

    static ServerProfile staging()
    {
        ServerProfile profile;
        profile.name = QStringLiteral("Staging");
        profile.url = QUrl(QStringLiteral("http://127.0.0.1:18443"));
        profile.email = QStringLiteral("support@example.com");
        return profile;
    }

    static QString testService()
    {
        return QStringLiteral("tenantry-test-") + QUuid::createUuid().toString(QUuid::Id128);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qRegisterMetaType<Tenantry::ServerProfile>();
    }

    void noProfileAsksToSignInWithoutReason()
    {
        ServerProfiles profiles = profilesWith({});
        CredentialStore store(testService());
        store.setTimeoutMs(5000);
        ApiClient client;
        SessionKeeper keeper(&client, &profiles, &store);
        QSignalSpy needed(&keeper, &SessionKeeper::signInNeeded);
        QSignalSpy restored(&keeper, &SessionKeeper::restored);
        keeper.restore();
        QCOMPARE(needed.count(), 1); // no keychain call: answered at once
        QVERIFY(needed.first().first().toString().isEmpty());
        QCOMPARE(restored.count(), 0);
        QVERIFY(!client.hasToken());
    }

    void rememberedSessionComesBackUntilSignedOut()
    {
        if (keychainMode() != QLatin1String("gnome-keyring"))
            QSKIP("needs the gnome-keyring session of run-with-keyring.sh");
        ServerProfiles profiles = profilesWith(staging());
        CredentialStore store(testService());
        const QString token = QStringLiteral("tnt_") + QUuid::createUuid().toString(QUuid::Id128);

        {
            ApiClient signedIn;
            SessionKeeper keeper(&signedIn, &profiles, &store);
            QSignalSpy remembered(&keeper, &SessionKeeper::remembered);
            QSignalSpy failed(&keeper, &SessionKeeper::rememberFailed);
            keeper.remember(staging().name, token);
            QVERIFY(remembered.wait(30000));
            QCOMPARE(failed.count(), 0);
        }

        // A restart: a new client that knows nothing.
        ApiClient client;
        SessionKeeper keeper(&client, &profiles, &store);
        QSignalSpy restored(&keeper, &SessionKeeper::restored);
        QSignalSpy needed(&keeper, &SessionKeeper::signInNeeded);
        keeper.restore();
        QVERIFY(restored.wait(30000));
        QCOMPARE(needed.count(), 0);
        QCOMPARE(restored.first().first().value<ServerProfile>(), staging());
        QCOMPARE(client.baseUrl(), staging().url);
        QVERIFY(client.hasToken());
        QCOMPARE(client.token(), token);

        QSignalSpy forgotten(&keeper, &SessionKeeper::forgotten);
        keeper.forget(staging().name);
        QVERIFY(forgotten.wait(30000));
        QCOMPARE(forgotten.first().first().toString(), staging().name);

        ApiClient afterSignOut;
        SessionKeeper again(&afterSignOut, &profiles, &store);
        QSignalSpy neededAgain(&again, &SessionKeeper::signInNeeded);
        QSignalSpy restoredAgain(&again, &SessionKeeper::restored);
        again.restore();
        QVERIFY(neededAgain.wait(30000));
        QVERIFY(neededAgain.first().first().toString().isEmpty());
        QCOMPARE(restoredAgain.count(), 0);
        QVERIFY(!afterSignOut.hasToken());

        // Signing out twice (or of a profile never signed in) is not an error.
        QSignalSpy forgottenAgain(&again, &SessionKeeper::forgotten);
        again.forget(staging().name);
        QVERIFY(forgottenAgain.wait(30000));
    }

    void unreadableCaFileIsAReasonNotASession()
    {
        if (keychainMode() != QLatin1String("gnome-keyring"))
            QSKIP("needs the gnome-keyring session of run-with-keyring.sh");
        ServerProfile profile = staging();
        profile.caFile = m_dir.filePath(QStringLiteral("missing-ca.pem"));
        ServerProfiles profiles = profilesWith(profile);
        CredentialStore store(testService());
        ApiClient client;
        SessionKeeper keeper(&client, &profiles, &store);
        QSignalSpy remembered(&keeper, &SessionKeeper::remembered);
        keeper.remember(profile.name, QStringLiteral("tnt_secret"));
        QVERIFY(remembered.wait(30000));

        QSignalSpy needed(&keeper, &SessionKeeper::signInNeeded);
        keeper.restore();
        QVERIFY(needed.wait(30000));
        QVERIFY(!needed.first().first().toString().isEmpty());
        QVERIFY(!client.hasToken());
    }

    void unavailableKeychainIsAReason()
    {
        if (keychainMode() != QLatin1String("none"))
            QSKIP("runs in the session without D-Bus");
        ServerProfiles profiles = profilesWith(staging());
        CredentialStore store(testService());
        store.setTimeoutMs(10000);
        ApiClient client;
        SessionKeeper keeper(&client, &profiles, &store);

        QSignalSpy needed(&keeper, &SessionKeeper::signInNeeded);
        QSignalSpy restored(&keeper, &SessionKeeper::restored);
        keeper.restore();
        QVERIFY(needed.count() == 1 || needed.wait(15000));
        QVERIFY2(!needed.first().first().toString().isEmpty(),
                 "an unavailable keychain must be a reason, not 'nothing saved'");
        QCOMPARE(restored.count(), 0);
        QVERIFY(!client.hasToken());

        QSignalSpy failed(&keeper, &SessionKeeper::rememberFailed);
        keeper.remember(staging().name, QStringLiteral("tnt_secret"));
        QVERIFY(failed.count() == 1 || failed.wait(15000));
        const QString message = failed.first().at(1).toString();
        QVERIFY(!message.isEmpty());
        QVERIFY(!message.contains(QStringLiteral("tnt_secret")));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestSessionKeeper)
#include "testsessionkeeper.moc"
