#include "tests/server/support/tenantrydprocess.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

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
    arguments += m_arguments;
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start(binary(), arguments);
    if (!m_process.waitForStarted(10'000)) {
        if (error)
            *error = QStringLiteral("cannot start ") + binary() + QStringLiteral(": ")
                     + m_process.errorString();
        return false;
    }
    QDeadlineTimer deadline(60'000);
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
    QProcess process;
    process.start(binary(),
                  {QStringLiteral("user"),
                   QStringLiteral("add"),
                   QStringLiteral("--email"),
                   email,
                   QStringLiteral("--role"),
                   role,
                   QStringLiteral("--password-stdin"),
                   QStringLiteral("--data-dir"),
                   m_dataDir});
    if (!process.waitForStarted(10'000))
        return false;
    process.write(password.toUtf8() + '\n');
    process.closeWriteChannel();
    return process.waitForFinished(30'000) && process.exitStatus() == QProcess::NormalExit
           && process.exitCode() == 0;
}

} // namespace Tenantry::TestSupport
