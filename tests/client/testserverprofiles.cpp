// Server profiles round-trip through QSettings, and never hold a secret.

#include "client/serverprofiles.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using Tenantry::ServerProfile;
using Tenantry::ServerProfiles;

namespace {

ServerProfile makeProfile(const QString &name, const QString &url)
{
    return ServerProfile{name,
                         QUrl(url),
                         name.toLower() + QStringLiteral("@example.com"),
                         QStringLiteral("/etc/tenantry/") + name + QStringLiteral(".pem")};
}

} // namespace

class TestServerProfiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void roundTrip()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("tenantry.ini"));
        const ServerProfile production = makeProfile(QStringLiteral("Production"),
                                                     QStringLiteral("https://api.example.com"));
        const ServerProfile local = ServerProfile{QStringLiteral("Local / demo"),
                                                  QUrl(QStringLiteral("http://127.0.0.1:8080")),
                                                  QStringLiteral("admin@demo.tenantry.dev"),
                                                  {}};
        {
            ServerProfiles profiles(file);
            QVERIFY(profiles.profiles().isEmpty());
            QVERIFY(profiles.save(production));
            QVERIFY(profiles.save(local));
            profiles.setCurrentName(local.name);
            QVERIFY(profiles.sync());
        }
        ServerProfiles reread(file);
        const QList<ServerProfile> all = reread.profiles();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.at(0), production);
        QCOMPARE(all.at(1), local);
        QCOMPARE(reread.currentName(), local.name);
        QCOMPARE(reread.profile(QStringLiteral("Local / demo")), std::optional(local));
        QVERIFY(!reread.profile(QStringLiteral("Staging")).has_value());
    }

    void saveReplacesByName()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("tenantry.ini"));
        ServerProfiles profiles(file);
        QVERIFY(
            profiles.save(makeProfile(QStringLiteral("A"), QStringLiteral("https://a.example"))));
        QVERIFY(
            profiles.save(makeProfile(QStringLiteral("B"), QStringLiteral("https://b.example"))));
        ServerProfile changed = makeProfile(QStringLiteral("A"),
                                            QStringLiteral("https://a2.example:8443"));
        changed.caFile.clear();
        QVERIFY(profiles.save(changed));
        QVERIFY(profiles.sync());

        ServerProfiles reread(file);
        const QList<ServerProfile> all = reread.profiles();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.at(0), changed);
        QCOMPARE(all.at(1).name, QStringLiteral("B"));
    }

    void removeForgetsProfileAndCurrent()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("tenantry.ini"));
        ServerProfiles profiles(file);
        QVERIFY(
            profiles.save(makeProfile(QStringLiteral("A"), QStringLiteral("https://a.example"))));
        QVERIFY(
            profiles.save(makeProfile(QStringLiteral("B"), QStringLiteral("https://b.example"))));
        profiles.setCurrentName(QStringLiteral("A"));
        QVERIFY(profiles.remove(QStringLiteral("A")));
        QVERIFY(!profiles.remove(QStringLiteral("A")));
        QVERIFY(profiles.sync());

        ServerProfiles reread(file);
        QCOMPARE(reread.profiles().size(), 1);
        QCOMPARE(reread.profiles().first().name, QStringLiteral("B"));
        QVERIFY(reread.currentName().isEmpty());
    }

    void refusesInvalidProfiles()
    {
        QTemporaryDir dir;
        ServerProfiles profiles(dir.filePath(QStringLiteral("tenantry.ini")));
        QVERIFY(!profiles.save(ServerProfile{}));
        QVERIFY(
            !profiles.save(makeProfile(QStringLiteral(" "), QStringLiteral("https://a.example"))));
        QVERIFY(!profiles.save(makeProfile(QStringLiteral("A"), QStringLiteral("ftp://a.example"))));
        QVERIFY(!profiles.save(makeProfile(QStringLiteral("A"), QStringLiteral("https://"))));
        QVERIFY(profiles.profiles().isEmpty());
    }

    void settingsHoldNoSecret()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("tenantry.ini"));
        {
            ServerProfiles profiles(file);
            QVERIFY(profiles.save(
                makeProfile(QStringLiteral("A"), QStringLiteral("https://a.example"))));
            QVERIFY(profiles.sync());
        }
        QSettings settings(file, QSettings::IniFormat);
        const QStringList keys = settings.allKeys();
        QVERIFY(!keys.isEmpty());
        for (const QString &key : keys) {
            QVERIFY2(!key.contains(QStringLiteral("token"), Qt::CaseInsensitive), qPrintable(key));
            QVERIFY2(!key.contains(QStringLiteral("password"), Qt::CaseInsensitive),
                     qPrintable(key));
        }
    }

    void applicationSettingsInTestMode()
    {
        // The default constructor uses the application's QSettings; test mode keeps it out of
        // the real configuration folder.
        QCoreApplication::setOrganizationName(QStringLiteral("TenantryTest"));
        QCoreApplication::setApplicationName(QStringLiteral("testserverprofiles"));
        {
            ServerProfiles profiles;
            QVERIFY(profiles.remove(QStringLiteral("X")) == false);
            QVERIFY(profiles.save(
                makeProfile(QStringLiteral("X"), QStringLiteral("https://x.example"))));
            QVERIFY(profiles.sync());
        }
        ServerProfiles reread;
        QVERIFY(reread.profile(QStringLiteral("X")).has_value());
        QVERIFY(reread.remove(QStringLiteral("X")));
        QVERIFY(reread.sync());
    }
};

QTEST_GUILESS_MAIN(TestServerProfiles)
#include "testserverprofiles.moc"
