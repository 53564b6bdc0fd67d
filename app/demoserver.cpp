#include "app/demoserver.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <csignal>

namespace Tenantry {

namespace {

constexpr int pollIntervalMs = 50;
constexpr int startTimeoutMs = 180000;

QString portFileIn(const QString &dataDir)
{
    return dataDir + QStringLiteral("/port");
}

} // namespace

DemoServer::DemoServer(QObject *parent)
    : QObject(parent)
{
    m_poll.setInterval(pollIntervalMs);
    connect(&m_poll, &QTimer::timeout, this, &DemoServer::pollPortFile);
    connect(&m_process, &QProcess::finished, this, &DemoServer::handleFinished);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            fail(tr("The demo server could not be started: %1").arg(m_process.errorString()));
    });
}

DemoServer::~DemoServer()
{
    if (m_process.state() != QProcess::NotRunning) {
        stop();
        waitForStopped(10000);
    }
}

QString DemoServer::binary()
{
    QString fromEnvironment = qEnvironmentVariable("TENANTRYD_BIN");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    QString besideUs = QCoreApplication::applicationDirPath() + QStringLiteral("/tenantryd");
    if (QFileInfo(besideUs).isExecutable())
        return besideUs;
    QString built = QStringLiteral(TENANTRYD_BUILD_PATH);
    if (QFileInfo(built).isExecutable())
        return built;
    return {};
}

QString DemoServer::logFile() const
{
    return m_dataDir + QStringLiteral("/tenantryd.log");
}

QString DemoServer::credentialsFile() const
{
    return m_dataDir + QStringLiteral("/demo-credentials.json");
}

void DemoServer::start(const QString &dataDir)
{
    m_reported = false;
    m_polls = 0;
    if (dataDir.isEmpty()) {
        m_temporary = std::make_unique<QTemporaryDir>();
        if (!m_temporary->isValid()) {
            QTimer::singleShot(0, this, [this] {
                fail(
                    tr("No temporary folder for the demo data: %1").arg(m_temporary->errorString()));
            });
            return;
        }
        m_dataDir = m_temporary->path();
    } else {
        m_dataDir = QDir(dataDir).absolutePath();
        if (!QDir().mkpath(m_dataDir)) {
            QTimer::singleShot(0, this, [this] {
                fail(tr("The demo data folder %1 cannot be made.").arg(m_dataDir));
            });
            return;
        }
    }
    const QString program = binary();
    if (program.isEmpty()) {
        QTimer::singleShot(0, this, [this] {
            fail(tr("The demo server (tenantryd) is not installed next to tenantry."));
        });
        return;
    }
    QFile::remove(portFileIn(m_dataDir));
    // Its output (the demo passwords, the access log) goes to a file in the data folder, not to
    // the console's terminal; readable by the owner only, like demo-credentials.json.
    QFile log(logFile());
    if (log.open(QIODevice::WriteOnly | QIODevice::Truncate))
        log.close();
    log.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardOutputFile(logFile(), QIODevice::Append);
    m_process.start(program,
                    {QStringLiteral("--demo"),
                     QStringLiteral("--listen"),
                     QStringLiteral("127.0.0.1:0"),
                     QStringLiteral("--data-dir"),
                     m_dataDir,
                     QStringLiteral("--port-file"),
                     portFileIn(m_dataDir)});
    m_poll.start();
}

void DemoServer::pollPortFile()
{
    ++m_polls;
    QFile file(portFileIn(m_dataDir));
    if (file.open(QIODevice::ReadOnly)) {
        bool ok = false;
        const uint port = file.readAll().trimmed().toUInt(&ok);
        if (ok && port > 0 && port < 65536) {
            m_poll.stop();
            m_baseUrl = QUrl(QStringLiteral("http://127.0.0.1:") + QString::number(port));
            if (!m_reported) {
                m_reported = true;
                Q_EMIT ready(m_baseUrl);
            }
            return;
        }
    }
    readProgress();
    if (m_polls * pollIntervalMs >= startTimeoutMs)
        fail(tr("The demo server did not start within three minutes; see %1.").arg(logFile()));
}

void DemoServer::readProgress()
{
    // tenantryd writes "tenantryd: demo: billing history through the simulator, month 3 of 25";
    // only whole lines are read, each once.
    static const QRegularExpression pattern(QStringLiteral("demo: .* month (\\d+) of (\\d+)$"));
    QFile log(logFile());
    if (!log.open(QIODevice::ReadOnly) || !log.seek(m_logRead))
        return;
    const QByteArray text = log.readAll();
    const qsizetype end = text.lastIndexOf('\n');
    if (end < 0)
        return;
    m_logRead += end + 1;
    int done = -1;
    int total = 0;
    for (const QByteArray &line : text.left(end).split('\n')) {
        const QRegularExpressionMatch match = pattern.match(QString::fromUtf8(line));
        if (match.hasMatch()) {
            done = match.captured(1).toInt();
            total = match.captured(2).toInt();
        }
    }
    if (done >= 0 && total > 0)
        Q_EMIT progress(done, total);
}

void DemoServer::handleFinished(int exitCode, QProcess::ExitStatus status)
{
    m_poll.stop();
    if (status == QProcess::CrashExit)
        fail(tr("The demo server stopped unexpectedly; see %1.").arg(logFile()));
    else
        fail(tr("The demo server exited with code %1; see %2.").arg(exitCode).arg(logFile()));
}

void DemoServer::fail(const QString &message)
{
    m_poll.stop();
    if (m_reported)
        return;
    m_reported = true;
    Q_EMIT failed(message);
}

void DemoServer::stop()
{
    m_poll.stop();
    m_reported = true; // an exit from here on is expected
    if (m_process.state() == QProcess::NotRunning)
        return;
    // SIGTERM: tenantryd drains its connections and exits.
    ::kill(static_cast<pid_t>(m_process.processId()), SIGTERM);
}

void DemoServer::waitForStopped(int timeoutMs)
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    if (!m_process.waitForFinished(timeoutMs)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

} // namespace Tenantry
