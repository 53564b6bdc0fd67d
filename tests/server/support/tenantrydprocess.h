#pragma once

// A real tenantryd for integration tests: started as a process on a free loopback port with a
// temporary data folder, stopped with SIGTERM (and waited for) when the object goes away.

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace Tenantry::TestSupport {

class TenantrydProcess
{
public:
    // `arguments` are added to --listen 127.0.0.1:0 --data-dir <temp> --port-file <temp>/port.
    // With `dataDir` set, that folder is used instead of a new temporary one (restarts).
    explicit TenantrydProcess(QStringList arguments = {}, QString dataDir = {});
    ~TenantrydProcess();
    TenantrydProcess(const TenantrydProcess &) = delete;
    TenantrydProcess &operator=(const TenantrydProcess &) = delete;

    // Starts and waits (up to 60 s) until the port file appears; false with the server's
    // output in `error` otherwise.
    bool start(QString *error = nullptr);
    // SIGTERM, then waits up to 30 s; returns the exit code (-1 if it had to be killed).
    int stop();
    // SIGKILL (kill -9), as a crash: nothing is flushed or drained. Waits until it is gone.
    void kill();

    quint16 port() const { return m_port; }
    QString baseUrl() const; // "http://127.0.0.1:<port>"
    QString dataDir() const { return m_dataDir; }
    QByteArray standardOutput() const { return m_output; }
    QByteArray standardError();

    // From <dataDir>/demo-credentials.json (servers started with --demo).
    QString demoPassword(const QString &role) const;

    // Creates a user with `tenantryd user add` on this data folder (works while running).
    bool addUser(const QString &email, const QString &role, const QString &password) const;

    static QString binary(); // TENANTRYD_BIN from the environment

private:
    QStringList m_arguments;
    std::unique_ptr<QTemporaryDir> m_temporary;
    QString m_dataDir;
    QProcess m_process;
    quint16 m_port = 0;
    QByteArray m_output;
};

} // namespace Tenantry::TestSupport
