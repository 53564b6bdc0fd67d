#include "server/config/serverconfig.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <map>
#include <string>
#include <vector>

// Readable QCOMPARE output for std::string.
namespace QTest {
template<>
inline char *toString(const std::string &value)
{
    return qstrdup(value.c_str());
}
} // namespace QTest

using Tenantry::Result;
using Tenantry::Server::ServerConfig;

namespace {

using Arguments = std::vector<std::string>;
using Environment = std::map<std::string, std::string>;

std::vector<std::string> strings(const QStringList &list)
{
    std::vector<std::string> result;
    for (const QString &item : list)
        result.push_back(item.toStdString());
    return result;
}

Environment environmentFrom(const QStringList &list)
{
    Environment environment;
    for (const QString &item : list) {
        const qsizetype equals = item.indexOf(u'=');
        environment[item.left(equals).toStdString()] = item.mid(equals + 1).toStdString();
    }
    return environment;
}

ServerConfig loaded(const Arguments &arguments, const Environment &environment = {})
{
    Result<ServerConfig> config = ServerConfig::load(arguments, environment);
    if (!config)
        qFatal("load failed: %s", config.error().toString().c_str());
    return std::move(config).value();
}

} // namespace

class TestServerConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void defaults();
    void precedence_data();
    void precedence();
    void precedenceAcrossSettings();
    void configFileNamedByEnvironment();
    void configFlagBeatsEnvironment();
    void everyFileKey();
    void everyFlag();
    void flagForms();
    void lastFlagWins();
    void emptyAndForeignEnvironmentIgnored();
    void listen_data();
    void listen();
    void tlsPair();
    void errors_data();
    void errors();
    void describe();
    void stripeWebhookSettings();
    void stripeApiSettings();
    void databaseSettings();

private:
    std::string writeFile(const QByteArray &contents);

    std::unique_ptr<QTemporaryDir> m_dir;
    int m_files = 0;
};

void TestServerConfig::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

std::string TestServerConfig::writeFile(const QByteArray &contents)
{
    std::string path = m_dir->filePath(QStringLiteral("config%1.json").arg(++m_files)).toStdString();
    std::ofstream file(path, std::ios::binary);
    file.write(contents.constData(), contents.size());
    return path;
}

void TestServerConfig::defaults()
{
    const ServerConfig config = loaded({});
    QCOMPARE(config.listenAddress, std::string("127.0.0.1"));
    QCOMPARE(config.port, std::uint16_t(8080));
    QCOMPARE(config.dataDir, std::string("./tenantry-data"));
    QVERIFY(config.threads >= 2);
    QCOMPARE(config.threads, ServerConfig::defaultThreads());
    QCOMPARE(config.tlsCertificateFile, std::string());
    QCOMPARE(config.tlsPrivateKeyFile, std::string());
    QCOMPARE(config.allowTls12, false);
    QCOMPARE(config.logLevel, std::string("info"));
    QCOMPARE(config.maxBodyBytes, std::size_t(1024 * 1024));
    QCOMPARE(config.headerTimeoutMs, std::int64_t(10'000));
    QCOMPARE(config.idleTimeoutMs, std::int64_t(60'000));
    QCOMPARE(config.maxConnections, std::size_t(20'000));
    QCOMPARE(config.rateLimitPerSecond, 50.0);
    QCOMPARE(config.rateLimitBurst, 100.0);
    QCOMPARE(config.sessionTtlHours, 12);
    QCOMPARE(config.demo, false);
    QCOMPARE(config.synchronous, std::string("full"));
}

void TestServerConfig::precedence_data()
{
    // threads from each source, 0 = not given there
    QTest::addColumn<int>("file");
    QTest::addColumn<int>("environment");
    QTest::addColumn<int>("flag");
    QTest::addColumn<int>("expected"); // 0 = the default
    QTest::newRow("none") << 0 << 0 << 0 << 0;
    QTest::newRow("file") << 3 << 0 << 0 << 3;
    QTest::newRow("environment") << 0 << 5 << 0 << 5;
    QTest::newRow("flag") << 0 << 0 << 7 << 7;
    QTest::newRow("environment beats file") << 3 << 5 << 0 << 5;
    QTest::newRow("flag beats file") << 3 << 0 << 7 << 7;
    QTest::newRow("flag beats environment") << 0 << 5 << 7 << 7;
    QTest::newRow("flag beats both") << 3 << 5 << 7 << 7;
}

void TestServerConfig::precedence()
{
    QFETCH(int, file);
    QFETCH(int, environment);
    QFETCH(int, flag);
    QFETCH(int, expected);

    Arguments arguments;
    Environment variables;
    if (file != 0)
        variables["TENANTRY_CONFIG"] = writeFile("{\"threads\": " + QByteArray::number(file) + "}");
    if (environment != 0)
        variables["TENANTRY_THREADS"] = std::to_string(environment);
    if (flag != 0)
        arguments = {"--threads", std::to_string(flag)};

    const ServerConfig config = loaded(arguments, variables);
    QCOMPARE(config.threads, expected != 0 ? expected : ServerConfig::defaultThreads());
}

void TestServerConfig::precedenceAcrossSettings()
{
    const std::string path = writeFile(R"({
        "listen": "0.0.0.0:9000",
        "data_dir": "/from/file",
        "log_level": "warn",
        "threads": 3,
        "session_ttl_hours": 24
    })");
    const ServerConfig config = loaded({"--config", path, "--data-dir", "/from/flag"},
                                       {{"TENANTRY_DATA_DIR", "/from/env"},
                                        {"TENANTRY_LOG_LEVEL", "error"},
                                        {"TENANTRY_LISTEN", "127.0.0.2:9001"}});
    QCOMPARE(config.dataDir, std::string("/from/flag"));      // flag > environment > file
    QCOMPARE(config.logLevel, std::string("error"));          // environment > file
    QCOMPARE(config.listenAddress, std::string("127.0.0.2")); // environment > file
    QCOMPARE(config.port, std::uint16_t(9001));
    QCOMPARE(config.threads, 3); // file > default
    QCOMPARE(config.sessionTtlHours, 24);
    QCOMPARE(config.synchronous, std::string("full")); // default
    QCOMPARE(config.groupCommit, std::string("on"));   // default
}

void TestServerConfig::configFileNamedByEnvironment()
{
    const std::string path = writeFile(R"({"demo": true})");
    QCOMPARE(loaded({}, {{"TENANTRY_CONFIG", path}}).demo, true);
}

void TestServerConfig::configFlagBeatsEnvironment()
{
    const std::string fromEnvironment = writeFile(R"({"threads": 3})");
    const std::string fromFlag = writeFile(R"({"threads": 4})");
    QCOMPARE(loaded({"--config=" + fromFlag}, {{"TENANTRY_CONFIG", fromEnvironment}}).threads, 4);
    // The file named by the environment is not read at all: a broken one does not matter.
    const std::string broken = writeFile("{");
    QCOMPARE(loaded({"--config", fromFlag}, {{"TENANTRY_CONFIG", broken}}).threads, 4);
}

void TestServerConfig::everyFileKey()
{
    const std::string path = writeFile(R"({
        // comments are allowed
        "listen": "[::1]:8443",
        "data_dir": "/var/lib/tenantry",
        "threads": 6,
        "tls_certificate_file": "/etc/tenantry/cert.pem",
        "tls_private_key_file": "/etc/tenantry/key.pem",
        "allow_tls12": true,
        "log_level": "debug",
        "max_body_bytes": 2048,
        "header_timeout_ms": 5000,
        "idle_timeout_ms": 30000,
        "max_connections": 100,
        "rate_limit_per_second": 2.5,
        "rate_limit_burst": 10,
        "session_ttl_hours": 1,
        "demo": true,
        "synchronous": "normal"
    })");
    const ServerConfig config = loaded({"--config", path});
    QCOMPARE(config.listenAddress, std::string("::1"));
    QCOMPARE(config.port, std::uint16_t(8443));
    QCOMPARE(config.dataDir, std::string("/var/lib/tenantry"));
    QCOMPARE(config.threads, 6);
    QCOMPARE(config.tlsCertificateFile, std::string("/etc/tenantry/cert.pem"));
    QCOMPARE(config.tlsPrivateKeyFile, std::string("/etc/tenantry/key.pem"));
    QCOMPARE(config.allowTls12, true);
    QCOMPARE(config.logLevel, std::string("debug"));
    QCOMPARE(config.maxBodyBytes, std::size_t(2048));
    QCOMPARE(config.headerTimeoutMs, std::int64_t(5000));
    QCOMPARE(config.idleTimeoutMs, std::int64_t(30000));
    QCOMPARE(config.maxConnections, std::size_t(100));
    QCOMPARE(config.rateLimitPerSecond, 2.5);
    QCOMPARE(config.rateLimitBurst, 10.0);
    QCOMPARE(config.sessionTtlHours, 1);
    QCOMPARE(config.demo, true);
    QCOMPARE(config.synchronous, std::string("normal"));
}

void TestServerConfig::everyFlag()
{
    const ServerConfig config = loaded(
        {"--listen",      "10.0.0.1:81", "--data-dir",       "d",
         "--threads",     "9",           "--tls-cert",       "c.pem",
         "--tls-key",     "k.pem",       "--tls12",          "--log-level",
         "warn",          "--demo",      "--max-body-bytes", "4096",
         "--rate-limit",  "0.5",         "--rate-burst",     "3",
         "--synchronous", "normal",      "--group-commit",   "off"});
    QCOMPARE(config.listenAddress, std::string("10.0.0.1"));
    QCOMPARE(config.port, std::uint16_t(81));
    QCOMPARE(config.dataDir, std::string("d"));
    QCOMPARE(config.threads, 9);
    QCOMPARE(config.tlsCertificateFile, std::string("c.pem"));
    QCOMPARE(config.tlsPrivateKeyFile, std::string("k.pem"));
    QCOMPARE(config.allowTls12, true);
    QCOMPARE(config.logLevel, std::string("warn"));
    QCOMPARE(config.demo, true);
    QCOMPARE(config.maxBodyBytes, std::size_t(4096));
    QCOMPARE(config.rateLimitPerSecond, 0.5);
    QCOMPARE(config.rateLimitBurst, 3.0);
    QCOMPARE(config.synchronous, std::string("normal"));
    QCOMPARE(config.groupCommit, std::string("off"));
}

void TestServerConfig::flagForms()
{
    QCOMPARE(loaded({"--threads=5"}).threads, 5);
    QCOMPARE(loaded({"--threads", "5"}).threads, 5);
    // The = form carries values that start with dashes or contain '='.
    QCOMPARE(loaded({"--data-dir=--odd=name"}).dataDir, std::string("--odd=name"));
}

void TestServerConfig::lastFlagWins()
{
    QCOMPARE(loaded({"--threads", "3", "--threads", "4"}).threads, 4);
}

void TestServerConfig::emptyAndForeignEnvironmentIgnored()
{
    const ServerConfig config = loaded({},
                                       {{"TENANTRY_THREADS", ""},
                                        {"TENANTRY_CONFIG", ""},
                                        {"TENANTRY_TOKEN", "tnt_x"},
                                        {"PORT", "1"}});
    QCOMPARE(config.threads, ServerConfig::defaultThreads());
    QCOMPARE(config.port, std::uint16_t(8080));
}

void TestServerConfig::listen_data()
{
    QTest::addColumn<QString>("listen");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::newRow("ipv4") << QStringLiteral("192.168.1.10:8443") << QStringLiteral("192.168.1.10")
                          << 8443;
    QTest::newRow("all ipv4") << QStringLiteral("0.0.0.0:80") << QStringLiteral("0.0.0.0") << 80;
    QTest::newRow("host name") << QStringLiteral("localhost:9000") << QStringLiteral("localhost")
                               << 9000;
    QTest::newRow("ipv6") << QStringLiteral("[::1]:8080") << QStringLiteral("::1") << 8080;
    QTest::newRow("all ipv6") << QStringLiteral("[::]:8080") << QStringLiteral("::") << 8080;
    QTest::newRow("ipv6 zone") << QStringLiteral("[fe80::1%eth0]:8080")
                               << QStringLiteral("fe80::1%eth0") << 8080;
    QTest::newRow("port only: loopback")
        << QStringLiteral(":9090") << QStringLiteral("127.0.0.1") << 9090;
    QTest::newRow("any free port")
        << QStringLiteral("127.0.0.1:0") << QStringLiteral("127.0.0.1") << 0;
    QTest::newRow("highest port") << QStringLiteral(":65535") << QStringLiteral("127.0.0.1")
                                  << 65535;
}

void TestServerConfig::listen()
{
    QFETCH(QString, listen);
    QFETCH(QString, host);
    QFETCH(int, port);
    const ServerConfig fromFlag = loaded({"--listen", listen.toStdString()});
    QCOMPARE(fromFlag.listenAddress, host.toStdString());
    QCOMPARE(int(fromFlag.port), port);
    const ServerConfig fromEnvironment = loaded({}, {{"TENANTRY_LISTEN", listen.toStdString()}});
    QCOMPARE(fromEnvironment.listenAddress, host.toStdString());
    QCOMPARE(int(fromEnvironment.port), port);
}

void TestServerConfig::tlsPair()
{
    // The certificate and the key may come from different sources.
    const std::string path = writeFile(R"({"tls_private_key_file": "k.pem"})");
    const ServerConfig config = loaded({"--config", path}, {{"TENANTRY_TLS_CERT", "c.pem"}});
    QCOMPARE(config.tlsCertificateFile, std::string("c.pem"));
    QCOMPARE(config.tlsPrivateKeyFile, std::string("k.pem"));
}

void TestServerConfig::errors_data()
{
    QTest::addColumn<QStringList>("arguments"); // "@FILE@" is replaced by the file's path
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QByteArray>("file"); // written only if not null
    QTest::addColumn<QString>("message"); // expected in the error message ("@FILE@" replaced)

    const QStringList none;
    const QStringList useFile = {QStringLiteral("--config"), QStringLiteral("@FILE@")};
    auto row = [](const char *name,
                  const QStringList &arguments,
                  const QStringList &environment,
                  const QByteArray &file,
                  const char *message) {
        QTest::newRow(name) << arguments << environment << file << QString::fromUtf8(message);
    };
    auto args = [](std::initializer_list<const char *> items) {
        QStringList list;
        for (const char *item : items)
            list << QString::fromUtf8(item);
        return list;
    };

    // Command line
    row("unknown flag", args({"--nope"}), none, {}, "unknown option --nope");
    row("unknown flag with value", args({"--port=80"}), none, {}, "unknown option --port");
    row("positional", args({"serve"}), none, {}, "unexpected argument \"serve\"");
    row("single dash", args({"-t", "4"}), none, {}, "unexpected argument \"-t\"");
    row("missing value", args({"--threads"}), none, {}, "--threads needs a value");
    row("value is a flag", args({"--data-dir", "--demo"}), none, {}, "--data-dir needs a value");
    row("switch with value", args({"--demo=yes"}), none, {}, "--demo takes no value");
    row("empty value", args({"--data-dir="}), none, {}, "--data-dir: must not be empty");
    row("threads zero",
        args({"--threads", "0"}),
        none,
        {},
        "--threads: expected an integer from 1 to 1024, got \"0\"");
    row("threads negative", args({"--threads=-2"}), none, {}, "--threads: expected an integer");
    row("threads too many", args({"--threads=100000"}), none, {}, "--threads: expected an integer");
    row("threads not a number",
        args({"--threads", "four"}),
        none,
        {},
        "--threads: expected an integer from 1 to 1024, got \"four\"");
    row("threads trailing junk", args({"--threads", "4x"}), none, {}, "--threads: expected");
    row("threads plus sign", args({"--threads", "+4"}), none, {}, "--threads: expected");
    row("threads fraction", args({"--threads", "4.0"}), none, {}, "--threads: expected");
    row("port above range",
        args({"--listen", "127.0.0.1:65536"}),
        none,
        {},
        "--listen: the port must be a number from 0 to 65535");
    row("port negative", args({"--listen", "127.0.0.1:-1"}), none, {}, "--listen: the port must");
    row("port missing", args({"--listen", "127.0.0.1:"}), none, {}, "--listen: the port must");
    row("port not a number",
        args({"--listen", "localhost:http"}),
        none,
        {},
        "--listen: the port must");
    row("no colon",
        args({"--listen", "8080"}),
        none,
        {},
        "--listen: expected host:port, [ipv6]:port or :port, got \"8080\"");
    row("bare ipv6",
        args({"--listen", "::1:8080"}),
        none,
        {},
        "--listen: write an IPv6 address in brackets");
    row("unclosed bracket",
        args({"--listen", "[::1:8080"}),
        none,
        {},
        "--listen: expected host:port");
    row("bracket without colon",
        args({"--listen", "[::1]8080"}),
        none,
        {},
        "--listen: expected host:port");
    row("empty brackets", args({"--listen", "[]:80"}), none, {}, "--listen: expected host:port");
    row("ipv4 in brackets",
        args({"--listen", "[127.0.0.1]:80"}),
        none,
        {},
        "--listen: expected host:port");
    row("space in host", args({"--listen", "a b:80"}), none, {}, "--listen: expected host:port");
    row("log level",
        args({"--log-level", "verbose"}),
        none,
        {},
        "--log-level: expected one of debug, info, warn, error, got \"verbose\"");
    row("log level case", args({"--log-level", "INFO"}), none, {}, "--log-level: expected one of");
    row("synchronous",
        args({"--synchronous", "off"}),
        none,
        {},
        "--synchronous: expected one of full, normal, got \"off\"");
    row("group commit",
        args({"--group-commit", "false"}),
        none,
        {},
        "--group-commit: expected one of on, off, got \"false\"");
    row("rate zero",
        args({"--rate-limit", "0"}),
        none,
        {},
        "--rate-limit: expected a number above 0 up to 1000000, got \"0\"");
    row("rate negative", args({"--rate-limit", "-5"}), none, {}, "--rate-limit: expected a number");
    row("rate infinite", args({"--rate-limit", "inf"}), none, {}, "--rate-limit: expected a number");
    row("rate nan", args({"--rate-limit", "nan"}), none, {}, "--rate-limit: expected a number");
    row("burst below one",
        args({"--rate-burst", "0.5"}),
        none,
        {},
        "--rate-burst: expected a number from 1 to 1000000000, got \"0.5\"");
    row("body size zero",
        args({"--max-body-bytes", "0"}),
        none,
        {},
        "--max-body-bytes: expected an integer from 1 to 1073741824");
    row("certificate without key",
        args({"--tls-cert", "c.pem"}),
        none,
        {},
        "--tls-cert sets a TLS certificate but no private key is set");
    row("empty config flag", args({"--config="}), none, {}, "--config: must not be empty");
    row("missing config file",
        args({"--config", "/nonexistent/tenantry.json"}),
        none,
        {},
        "the config file \"/nonexistent/tenantry.json\" (named by --config) does not exist");

    // Environment
    row("environment threads",
        none,
        args({"TENANTRY_THREADS=0"}),
        {},
        "TENANTRY_THREADS: expected an integer from 1 to 1024, got \"0\"");
    row("environment listen",
        none,
        args({"TENANTRY_LISTEN=localhost"}),
        {},
        "TENANTRY_LISTEN: expected host:port");
    row("environment log level",
        none,
        args({"TENANTRY_LOG_LEVEL=trace"}),
        {},
        "TENANTRY_LOG_LEVEL: expected one of");
    row("environment key without certificate",
        none,
        args({"TENANTRY_TLS_KEY=k.pem"}),
        {},
        "TENANTRY_TLS_KEY sets a TLS private key but no certificate is set");
    row("environment missing config file",
        none,
        args({"TENANTRY_CONFIG=/nonexistent.json"}),
        {},
        "(named by TENANTRY_CONFIG) does not exist");
    row("flag error reported before environment",
        args({"--threads", "0"}),
        args({"TENANTRY_THREADS=0"}),
        {},
        "--threads: expected");
    row("overridden bad environment value",
        args({"--threads", "4"}),
        args({"TENANTRY_THREADS=many"}),
        {},
        "TENANTRY_THREADS: expected an integer");

    // Config file
    row("file not JSON", useFile, none, "{\"threads\": ", "@FILE@: not valid JSON");
    row("file empty", useFile, none, "", "@FILE@: not valid JSON");
    row("file array", useFile, none, "[]", "@FILE@: expected a JSON object at the top level");
    row("file unknown key", useFile, none, R"({"port": 8080})", "@FILE@: unknown key \"port\"");
    row("file flag name as key",
        useFile,
        none,
        R"({"data-dir": "x"})",
        "@FILE@: unknown key \"data-dir\"");
    row("file threads as string",
        useFile,
        none,
        R"({"threads": "4"})",
        "@FILE@: key \"threads\": expected an integer from 1 to 1024, got \"4\"");
    row("file threads fraction",
        useFile,
        none,
        R"({"threads": 4.5})",
        "@FILE@: key \"threads\": expected an integer");
    row("file threads huge",
        useFile,
        none,
        R"({"threads": 18446744073709551615})",
        "@FILE@: key \"threads\": expected an integer");
    row("file threads zero",
        useFile,
        none,
        R"({"threads": 0})",
        "@FILE@: key \"threads\": expected an integer from 1 to 1024, got 0");
    row("file listen as number",
        useFile,
        none,
        R"({"listen": 8080})",
        "@FILE@: key \"listen\": expected a string, got 8080");
    row("file listen port",
        useFile,
        none,
        R"({"listen": "0.0.0.0:99999"})",
        "@FILE@: key \"listen\": the port must be a number from 0 to 65535");
    row("file demo as string",
        useFile,
        none,
        R"({"demo": "yes"})",
        "@FILE@: key \"demo\": expected true or false, got \"yes\"");
    row("file empty data dir",
        useFile,
        none,
        R"({"data_dir": ""})",
        "@FILE@: key \"data_dir\": must not be empty");
    row("file log level",
        useFile,
        none,
        R"({"log_level": "loud"})",
        "@FILE@: key \"log_level\": expected one of debug, info, warn, error");
    row("file rate as string",
        useFile,
        none,
        R"({"rate_limit_per_second": "50"})",
        "@FILE@: key \"rate_limit_per_second\": expected a number");
    row("file timeout too small",
        useFile,
        none,
        R"({"header_timeout_ms": 10})",
        "@FILE@: key \"header_timeout_ms\": expected an integer from 100 to 3600000");
    row("file session ttl",
        useFile,
        none,
        R"({"session_ttl_hours": 0})",
        "@FILE@: key \"session_ttl_hours\": expected an integer from 1 to 8760");
    row("file connections",
        useFile,
        none,
        R"({"max_connections": -1})",
        "@FILE@: key \"max_connections\": expected an integer from 1 to 1000000");
    row("overridden bad file value",
        args({"--config", "@FILE@", "--threads", "4"}),
        none,
        R"({"threads": 0})",
        "@FILE@: key \"threads\": expected an integer");
    row("file certificate without key",
        useFile,
        none,
        R"({"tls_certificate_file": "c.pem"})",
        "@FILE@: key \"tls_certificate_file\" sets a TLS certificate but no private key");
    row("file is a directory",
        args({"--config", "@DIR@"}),
        none,
        {},
        "(named by --config) does not exist or is not a regular file");
}

void TestServerConfig::errors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, environment);
    QFETCH(QByteArray, file);
    QFETCH(QString, message);

    QString path;
    if (!file.isNull())
        path = QString::fromStdString(writeFile(file));
    arguments.replaceInStrings(QStringLiteral("@FILE@"), path);
    arguments.replaceInStrings(QStringLiteral("@DIR@"), m_dir->path());
    message.replace(QStringLiteral("@FILE@"), path);

    const Result<ServerConfig> config = ServerConfig::load(strings(arguments),
                                                           environmentFrom(environment));
    QVERIFY(!config);
    QCOMPARE(config.error().code, std::string("invalid_config"));
    const QString actual = QString::fromStdString(config.error().message);
    QVERIFY2(actual.contains(message),
             qPrintable(QStringLiteral("got: ") + actual + QStringLiteral("\nwanted: ") + message));
}

void TestServerConfig::describe()
{
    const std::string plain = loaded({"--threads", "3"}).describe();
    QVERIFY2(plain.starts_with(
                 "listen=127.0.0.1:8080 tls=off data_dir=\"./tenantry-data\" threads=3 "
                 "log_level=info"),
             plain.c_str());
    QVERIFY2(plain.find("rate_limit_per_second=50 rate_limit_burst=100") != std::string::npos,
             plain.c_str());
    QVERIFY2(plain.find("synchronous=full demo=false") != std::string::npos, plain.c_str());

    const std::string tls = loaded({"--listen",
                                    "[::1]:8443",
                                    "--tls-cert",
                                    "/etc/c.pem",
                                    "--tls-key",
                                    "/etc/k.pem",
                                    "--rate-limit",
                                    "2.5"})
                                .describe();
    QVERIFY2(tls.starts_with("listen=[::1]:8443 tls=1.3 tls_certificate_file=\"/etc/c.pem\" "
                             "tls_private_key_file=\"/etc/k.pem\""),
             tls.c_str());
    QVERIFY2(tls.find("rate_limit_per_second=2.5 ") != std::string::npos, tls.c_str());
    QVERIFY(tls.find('\n') == std::string::npos);
}

void TestServerConfig::stripeWebhookSettings()
{
    const ServerConfig none = loaded({});
    QVERIFY(none.stripeWebhookSecrets.empty());
    QCOMPARE(none.stripeWebhookToleranceSeconds, std::int64_t(300));
    QCOMPARE(none.webhookMaxAttempts, 8);
    QVERIFY(none.describe().find("stripe_webhook_secret=unset") != std::string::npos);

    // flags > environment > file; two secrets while rotating, trimmed.
    const std::string path = writeFile(
        "{\"stripe_webhook_secret\": [\"whsec_file\"], \"stripe_webhook_tolerance\": 60}");
    const ServerConfig fromFile = loaded({"--config", path});
    QCOMPARE(fromFile.stripeWebhookSecrets, std::vector<std::string>{"whsec_file"});
    QCOMPARE(fromFile.stripeWebhookToleranceSeconds, std::int64_t(60));
    const ServerConfig fromEnvironment = loaded({"--config", path},
                                                {{"TENANTRY_STRIPE_WEBHOOK_SECRET",
                                                  "whsec_new, whsec_old"}});
    QCOMPARE(fromEnvironment.stripeWebhookSecrets,
             (std::vector<std::string>{"whsec_new", "whsec_old"}));
    const ServerConfig fromFlag = loaded({"--config",
                                          path,
                                          "--stripe-webhook-secret",
                                          "whsec_flag",
                                          "--webhook-max-attempts",
                                          "3",
                                          "--webhook-retry-base-ms",
                                          "50",
                                          "--webhook-worker",
                                          "off"},
                                         {{"TENANTRY_STRIPE_WEBHOOK_SECRET", "whsec_env"}});
    QCOMPARE(fromFlag.stripeWebhookSecrets, std::vector<std::string>{"whsec_flag"});
    QCOMPARE(fromFlag.webhookMaxAttempts, 3);
    QCOMPARE(fromFlag.webhookRetryBaseMs, std::int64_t(50));
    QCOMPARE(fromFlag.webhookWorker, std::string("off"));

    // The startup line and error messages never show a secret.
    const std::string line = fromEnvironment.describe();
    QVERIFY2(line.find("stripe_webhook_secret=set(2)") != std::string::npos, line.c_str());
    QVERIFY2(line.find("whsec_") == std::string::npos, line.c_str());
    for (const Arguments &bad : {Arguments{"--stripe-webhook-secret", "whsec_a,,whsec_b"},
                                 Arguments{"--stripe-webhook-secret", "whsec_a,whsec_b,whsec_c"}}) {
        const Tenantry::Result<ServerConfig> refused = ServerConfig::load(bad, {});
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.find("whsec_") == std::string::npos,
                 refused.error().message.c_str());
    }
    QVERIFY(!ServerConfig::load({"--stripe-webhook-tolerance", "0"}, {}));
}

void TestServerConfig::stripeApiSettings()
{
    const ServerConfig none = loaded({"--data-dir", "/srv/t"});
    QVERIFY(none.stripeApiKey.empty());
    QCOMPARE(none.stripeApiBase, std::string("https://api.stripe.com"));
    QVERIFY(none.masterKeyFile.empty());
    QCOMPARE(none.masterKeyPath(), std::string("/srv/t/master.key"));
    QVERIFY2(none.describe().find(" stripe_api_key=unset ") != std::string::npos,
             none.describe().c_str());
    QVERIFY(none.describe().find(" master_key_file=\"/srv/t/master.key\"") != std::string::npos);

    // flags > environment > file.
    const std::string path = writeFile(R"({"stripe_api_key": "sk_test_file",
        "stripe_api_base": "http://127.0.0.1:12111", "master_key_file": "/etc/t/file.key"})");
    const ServerConfig fromFile = loaded({"--config", path});
    QCOMPARE(fromFile.stripeApiKey, std::string("sk_test_file"));
    QCOMPARE(fromFile.stripeApiBase, std::string("http://127.0.0.1:12111"));
    QCOMPARE(fromFile.masterKeyPath(), std::string("/etc/t/file.key"));
    const ServerConfig fromEnvironment = loaded({"--config", path},
                                                {{"TENANTRY_STRIPE_API_KEY", "rk_live_env"},
                                                 {"TENANTRY_MASTER_KEY_FILE", "/etc/t/env.key"}});
    QCOMPARE(fromEnvironment.stripeApiKey, std::string("rk_live_env"));
    QCOMPARE(fromEnvironment.masterKeyFile, std::string("/etc/t/env.key"));
    const ServerConfig fromFlag = loaded({"--config",
                                          path,
                                          "--stripe-api-key",
                                          "sk_live_flag",
                                          "--stripe-api-base",
                                          "https://stripe.example.com/api",
                                          "--master-key-file=/etc/t/flag.key"},
                                         {{"TENANTRY_STRIPE_API_KEY", "sk_test_env"}});
    QCOMPARE(fromFlag.stripeApiKey, std::string("sk_live_flag"));
    QCOMPARE(fromFlag.stripeApiBase, std::string("https://stripe.example.com/api"));
    QCOMPARE(fromFlag.masterKeyPath(), std::string("/etc/t/flag.key"));

    // The key shows as "set", never itself, in the startup line and in errors.
    const std::string line = fromFlag.describe();
    QVERIFY2(line.find(" stripe_api_key=set ") != std::string::npos, line.c_str());
    QVERIFY2(line.find("sk_live_flag") == std::string::npos, line.c_str());
    for (const Arguments &bad : {Arguments{"--stripe-api-key", "pk_live_publishable"},
                                 Arguments{"--stripe-api-key", "sk_live_with space"}}) {
        const Tenantry::Result<ServerConfig> refused = ServerConfig::load(bad, {});
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.find("_live_") == std::string::npos,
                 refused.error().message.c_str());
        QVERIFY(refused.error().message.find("--stripe-api-key") != std::string::npos);
    }
    QVERIFY(!ServerConfig::load({"--stripe-api-base", "api.stripe.com"}, {}));
    const Tenantry::Result<ServerConfig> userinfo = ServerConfig::load(
        {"--stripe-api-base", "https://u:hunter2@api.stripe.com"}, {});
    QVERIFY(!userinfo);
    QVERIFY(userinfo.error().message.find("hunter2") == std::string::npos);
    QVERIFY(!ServerConfig::load({"--master-key-file", ""}, {}));
}

void TestServerConfig::databaseSettings()
{
    const ServerConfig none = loaded({});
    QVERIFY(none.database.empty());
    QVERIFY(none.describe().find(" store=sqlite") != std::string::npos);

    // flags > environment > file
    const std::string path = writeFile(
        R"({"database": "postgresql://file@db/t", "database_pool_size": 4})");
    const ServerConfig fromFile = loaded({"--config", path});
    QCOMPARE(fromFile.database, std::string("postgresql://file@db/t"));
    QCOMPARE(fromFile.databasePoolSize, 4);
    const ServerConfig fromEnvironment = loaded({"--config", path},
                                                {{"TENANTRY_DATABASE",
                                                  "postgresql://app:s3cret-app@db/t"},
                                                 {"TENANTRY_DATABASE_OWNER",
                                                  "postgresql://owner:s3cret-owner@db/t"}});
    QCOMPARE(fromEnvironment.database, std::string("postgresql://app:s3cret-app@db/t"));
    QCOMPARE(fromEnvironment.databaseOwner, std::string("postgresql://owner:s3cret-owner@db/t"));
    const ServerConfig fromFlag = loaded(
        {"--config", path, "--database", "postgres://flag@db/t", "--database-pool-size", "32"},
        {{"TENANTRY_DATABASE", "postgresql://env@db/t"}});
    QCOMPARE(fromFlag.database, std::string("postgres://flag@db/t"));
    QCOMPARE(fromFlag.databasePoolSize, 32);

    // The startup line and error messages never show a URI (it may hold a password).
    const std::string line = fromEnvironment.describe();
    QVERIFY2(line.find("store=postgresql database=set database_owner=set") != std::string::npos,
             line.c_str());
    QVERIFY2(line.find("s3cret") == std::string::npos, line.c_str());
    const Tenantry::Result<ServerConfig> refused = ServerConfig::load({"--database",
                                                                       "mysql://root:s3cret@db"},
                                                                      {});
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.find("s3cret") == std::string::npos,
             refused.error().message.c_str());
    QVERIFY(!ServerConfig::load({"--database-pool-size", "0"}, {}));
}

QTEST_APPLESS_MAIN(TestServerConfig)

#include "testserverconfig.moc"
