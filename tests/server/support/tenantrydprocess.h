#pragma once

// A real tenantryd for integration tests: started as a process on a free loopback port with a
// temporary data folder, stopped with SIGTERM (and waited for) when the object goes away.
//
// Store: SQLite in the data folder, unless TENANTRY_TEST_STORE=postgres. Then every data folder
// gets a database of its own in the private PostgreSQL cluster that scripts/with-postgres
// started (its variables come from the file TENANTRY_TEST_PG_ENV_FILE names, or from the
// environment): created as the owner role on first start, remembered in <dataDir>/postgres-
// database so that a restart on the same folder finds its data, and tenantryd gets --database
// (the runtime role, which is neither owner nor superuser) and --database-owner.

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
    // With --demo and no --demo-customers, the demo has demoCustomers customers: the billing
    // simulator runs their two years of history at start, which for the product's 2,000 takes
    // 16 s on SQLite and 90 s on PostgreSQL, for every test server.
    static constexpr int demoCustomers = 300;
    explicit TenantrydProcess(QStringList arguments = {}, QString dataDir = {});
    ~TenantrydProcess();
    TenantrydProcess(const TenantrydProcess &) = delete;
    TenantrydProcess &operator=(const TenantrydProcess &) = delete;

    // Starts and waits (up to 180 s) until the port file appears; false with the server's
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
    // "running", or how it ended ("exited with 3", "crashed: signal 11"): for failure messages.
    QString state();

    // From <dataDir>/demo-credentials.json (servers started with --demo).
    QString demoPassword(const QString &role) const;

    // Creates a user with `tenantryd user add` on this data folder (works while running).
    bool addUser(const QString &email, const QString &role, const QString &password) const;

    static QString binary(); // TENANTRYD_BIN from the environment
    // True when TENANTRY_TEST_STORE=postgres.
    static bool usesPostgres();

    // The arguments that select the store of `dataDir` (none for SQLite); creates the
    // PostgreSQL database on first use. Empty with `error` set when that fails.
    static QStringList storeArguments(const QString &dataDir, QString *error = nullptr);
    // TENANTRY_TEST_PG_OWNER_URL, …_APP_URL, …_DATABASE: from the file TENANTRY_TEST_PG_ENV_FILE
    // names, else from the environment. Empty when there is no cluster.
    static QString postgresSetting(const QString &name);
    // Creates an empty database owned by the owner role; its name, or empty with `error` set.
    static QString createPostgresDatabase(QString *error = nullptr);

private:
    QStringList m_arguments;
    std::unique_ptr<QTemporaryDir> m_temporary;
    QString m_dataDir;
    QProcess m_process;
    quint16 m_port = 0;
    QByteArray m_output;
};

} // namespace Tenantry::TestSupport
