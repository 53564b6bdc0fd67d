#pragma once

// The bundled tenantryd, started for `tenantry --demo`: on a free loopback port, with its demo
// data (2,000 tenants, one user per role) in a data folder of its own. start() returns at
// once; progress() follows the server's report of the demo's billing history (the simulator
// runs two years of it on first start, which takes 15 s or more), then ready() or failed()
// when the port file appears, the process exits, or three minutes pass. stop() sends SIGTERM;
// waitForStopped() is for after the event loop has ended.

#include <QDir>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace Tenantry {

class DemoServer : public QObject
{
    Q_OBJECT

public:
    explicit DemoServer(QObject *parent = nullptr);
    ~DemoServer() override;
    DemoServer(const DemoServer &) = delete;
    DemoServer &operator=(const DemoServer &) = delete;

    // `dataDir` empty: a temporary folder, removed when this object goes.
    void start(const QString &dataDir = {});
    void stop();
    // Waits (at most `timeoutMs`) for the stopped server to exit, then kills it; for shutdown
    // only, once no event loop runs any more.
    void waitForStopped(int timeoutMs);

    QString dataDir() const { return m_dataDir; }
    QUrl baseUrl() const { return m_baseUrl; }
    QString credentialsFile() const; // demo-credentials.json in the data folder
    QString logFile() const;         // the server's output

    // The bundled tenantryd: $TENANTRYD_BIN, then next to this executable, then the one this
    // build made. Empty when there is none.
    static QString binary();

Q_SIGNALS:
    // The demo's billing history: `done` of `total` months run through the simulator.
    void progress(int done, int total);
    void ready(const QUrl &baseUrl);
    void failed(const QString &message);

private:
    void pollPortFile();
    void readProgress();
    void handleFinished(int exitCode, QProcess::ExitStatus status);
    void fail(const QString &message);

    QProcess m_process;
    QTimer m_poll;
    int m_polls = 0;
    qint64 m_logRead = 0; // how much of the log readProgress() has seen
    std::unique_ptr<QTemporaryDir> m_temporary;
    QString m_dataDir;
    QUrl m_baseUrl;
    bool m_reported = false;
};

} // namespace Tenantry
