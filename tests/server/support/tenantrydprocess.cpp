#include "tests/server/support/tenantrydprocess.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <atomic>
#include <csignal>

namespace Tenantry::TestSupport {

TenantrydProcess::TenantrydProcess(QStringList arguments, QString dataDir)
    : m_arguments(std::move(arguments))
    , m_dataDir(std::move(dataDir))
{
    if (m_dataDir.isEmpty()) {
        m_temporary = std::make_unique<QTemporaryDir>();
        m_dataDir = m_temporary->path();
    }
}

TenantrydProcess::~TenantrydProcess()
{
    stop();
}

QString TenantrydProcess::binary()
{
    return qEnvironmentVariable("TENANTRYD_BIN");
}

bool TenantrydProcess::usesPostgres()
{
    return qEnvironmentVariable("TENANTRY_TEST_STORE") == QStringLiteral("postgres");
}

QString TenantrydProcess::postgresSetting(const QString &name)
{
    const QString path = qEnvironmentVariable("TENANTRY_TEST_PG_ENV_FILE");
    if (!path.isEmpty()) {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly)) {
            const QList<QByteArray> lines = file.readAll().split('\n');
            for (const QByteArray &line : lines) {
                const qsizetype equals = line.indexOf('=');
                if (equals > 0 && QString::fromUtf8(line.left(equals)) == name)
                    return QString::fromUtf8(line.mid(equals + 1)).trimmed();
            }
        }
    }
    return qEnvironmentVariable(name.toUtf8().constData());
}

QString TenantrydProcess::createPostgresDatabase(QString *error)
{
    const QString ownerUrl = postgresSetting(QStringLiteral("TENANTRY_TEST_PG_OWNER_URL"));
    const QString maintenance = postgresSetting(QStringLiteral("TENANTRY_TEST_PG_DATABASE"));
    if (ownerUrl.isEmpty() || maintenance.isEmpty()) {
        if (error)
            *error = QStringLiteral("no PostgreSQL cluster: run scripts/with-postgres (the ctest "
                                    "fixture does)");
        return {};
    }
    static std::atomic<int> counter = 0;
    const QByteArray seed = QByteArray::number(QCoreApplication::applicationPid()) + ' '
                            + QByteArray::number(QDateTime::currentMSecsSinceEpoch()) + ' '
                            + QByteArray::number(++counter);
    QString database = QStringLiteral("t_")
                       + QString::fromLatin1(
                           QCryptographicHash::hash(seed, QCryptographicHash::Sha256)
                               .toHex()
                               .left(24));
    const QString pgBin = qEnvironmentVariable("PG_BIN",
                                               QStringLiteral("/usr/lib/postgresql/15/bin"));
    QProcess psql;
    psql.start(pgBin + QStringLiteral("/psql"),
               {QStringLiteral("-X"),
                QStringLiteral("-q"),
                QStringLiteral("-v"),
                QStringLiteral("ON_ERROR_STOP=1"),
                ownerUrl + QLatin1Char('/') + maintenance,
                QStringLiteral("-c"),
                QStringLiteral("CREATE DATABASE ") + database});
    if (!psql.waitForFinished(60'000) || psql.exitStatus() != QProcess::NormalExit
        || psql.exitCode() != 0) {
        if (error)
            *error = QStringLiteral("cannot create database ") + database + QStringLiteral(": ")
                     + QString::fromUtf8(psql.readAllStandardError());
        return {};
    }
    return database;
}

QStringList TenantrydProcess::storeArguments(const QString &dataDir, QString *error)
{
    if (!usesPostgres())
        return {};
    const QString ownerUrl = postgresSetting(QStringLiteral("TENANTRY_TEST_PG_OWNER_URL"));
    const QString appUrl = postgresSetting(QStringLiteral("TENANTRY_TEST_PG_APP_URL"));
    if (ownerUrl.isEmpty() || appUrl.isEmpty()) {
        if (error)
            *error = QStringLiteral("TENANTRY_TEST_STORE=postgres, but no PostgreSQL cluster: "
                                    "run scripts/with-postgres (the ctest fixture does)");
        return {};
    }
    QFile marker(dataDir + QStringLiteral("/postgres-database"));
    QString database;
    if (marker.open(QIODevice::ReadOnly)) {
        database = QString::fromUtf8(marker.readAll()).trimmed();
        marker.close();
    }
    if (database.isEmpty()) {
        database = createPostgresDatabase(error);
        if (database.isEmpty())
            return {};
        if (!marker.open(QIODevice::WriteOnly)) {
            if (error)
                *error = QStringLiteral("cannot write ") + marker.fileName();
            return {};
        }
        marker.write(database.toUtf8());
        marker.close();
    }
    return {QStringLiteral("--database"),
            appUrl + QLatin1Char('/') + database,
            QStringLiteral("--database-owner"),
            ownerUrl + QLatin1Char('/') + database};
}

bool TenantrydProcess::start(QString *error)
{
    const QString portFile = m_dataDir + QStringLiteral("/port");
    QFile::remove(portFile);
    QStringList arguments{QStringLiteral("--listen"),
                          QStringLiteral("127.0.0.1:0"),
                          QStringLiteral("--data-dir"),
                          m_dataDir,
                          QStringLiteral("--port-file"),
                          portFile};
    QString storeError;
    const QStringList store = storeArguments(m_dataDir, &storeError);
    if (!storeError.isEmpty()) {
        if (error)
            *error = storeError;
        return false;
    }
    arguments += store;
    arguments += m_arguments;
    if (m_arguments.contains(QStringLiteral("--demo"))
        && !m_arguments.contains(QStringLiteral("--demo-customers")))
        arguments += {QStringLiteral("--demo-customers"), QString::number(demoCustomers)};
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start(binary(), arguments);
    if (!m_process.waitForStarted(10'000)) {
        if (error)
            *error = QStringLiteral("cannot start ") + binary() + QStringLiteral(": ")
                     + m_process.errorString();
        return false;
    }
    QDeadlineTimer deadline(180'000);
    while (!deadline.hasExpired()) {
        QFile file(portFile);
        if (file.open(QIODevice::ReadOnly)) {
            const QByteArray text = file.readAll().trimmed();
            bool ok = false;
            const uint port = text.toUInt(&ok);
            if (ok && port > 0 && port < 65536) {
                m_port = static_cast<quint16>(port);
                return true;
            }
        }
        if (m_process.state() == QProcess::NotRunning)
            break;
        m_process.waitForFinished(50);
    }
    if (error)
        *error = QStringLiteral("tenantryd did not start: ")
                 + QString::fromUtf8(m_process.readAllStandardError());
    return false;
}

int TenantrydProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitCode();
    ::kill(static_cast<pid_t>(m_process.processId()), SIGTERM);
    if (!m_process.waitForFinished(30'000)) {
        m_process.kill();
        m_process.waitForFinished(5'000);
        return -1;
    }
    m_output += m_process.readAllStandardOutput();
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

void TenantrydProcess::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    m_process.waitForFinished(30'000);
}

QString TenantrydProcess::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:") + QString::number(m_port);
}

QByteArray TenantrydProcess::standardError()
{
    return m_process.readAllStandardError();
}

QString TenantrydProcess::state()
{
    if (m_process.state() != QProcess::NotRunning) {
        // A process that ended is only seen as ended once its end was read.
        if (!m_process.waitForFinished(0))
            return QStringLiteral("running");
    }
    if (m_process.exitStatus() == QProcess::CrashExit)
        return QStringLiteral("crashed: signal ") + QString::number(m_process.exitCode());
    return QStringLiteral("exited with ") + QString::number(m_process.exitCode());
}

QString TenantrydProcess::demoPassword(const QString &role) const
{
    QFile file(m_dataDir + QStringLiteral("/demo-credentials.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonArray users = QJsonDocument::fromJson(file.readAll()).array();
    for (const QJsonValue user : users) {
        if (user[QStringLiteral("role")].toString() == role)
            return user[QStringLiteral("password")].toString();
    }
    return {};
}

bool TenantrydProcess::addUser(const QString &email,
                               const QString &role,
                               const QString &password) const
{
    QStringList arguments{QStringLiteral("user"),
                          QStringLiteral("add"),
                          QStringLiteral("--email"),
                          email,
                          QStringLiteral("--role"),
                          role,
                          QStringLiteral("--password-stdin"),
                          QStringLiteral("--data-dir"),
                          m_dataDir};
    arguments += storeArguments(m_dataDir);
    QProcess process;
    process.start(binary(), arguments);
    if (!process.waitForStarted(10'000))
        return false;
    process.write(password.toUtf8() + '\n');
    process.closeWriteChannel();
    return process.waitForFinished(30'000) && process.exitStatus() == QProcess::NormalExit
           && process.exitCode() == 0;
}

} // namespace Tenantry::TestSupport
