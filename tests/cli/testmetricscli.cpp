// tenantry-metrics as a user runs it: the real executable, its exit status, stdout and stderr.

#include "tests/common/testsupport.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace Tenantry::TestSupport;

namespace {

struct Run
{
    int status = -1;
    std::string out;
    std::string err;
};

Run runMetrics(const QStringList &arguments)
{
    QProcess process;
    process.start(qEnvironmentVariable("TENANTRY_METRICS_BIN"), arguments);
    if (!process.waitForFinished(120'000))
        qFatal("tenantry-metrics did not finish");
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput().toStdString(),
            process.readAllStandardError().toStdString()};
}

QString data(const char *relative)
{
    return QString::fromStdString(dataPath(relative));
}

std::size_t lineCount(const std::string &text)
{
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

} // namespace

class TestMetricsCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(!qEnvironmentVariable("TENANTRY_METRICS_BIN").isEmpty()); }

    void snapshotPrintsTheSeedFigures()
    {
        const Run run = runMetrics({QStringLiteral("snapshot"),
                                    QStringLiteral("--mrr"),
                                    QStringLiteral("50000"),
                                    QStringLiteral("--users"),
                                    QStringLiteral("1000"),
                                    QStringLiteral("--sm-cost"),
                                    QStringLiteral("15000"),
                                    QStringLiteral("--new-users"),
                                    QStringLiteral("50"),
                                    QStringLiteral("--churned-users"),
                                    QStringLiteral("20")});
        QCOMPARE(run.status, 0);
        QVERIFY(run.out.find("8.33") != std::string::npos);
        QVERIFY(run.out.find("6.0") != std::string::npos);
        QVERIFY(run.err.empty());
    }

    void snapshotJson()
    {
        const Run run = runMetrics({QStringLiteral("snapshot"),
                                    QStringLiteral("--mrr=50000"),
                                    QStringLiteral("--users=1000"),
                                    QStringLiteral("--sm-cost=15000"),
                                    QStringLiteral("--new-users=50"),
                                    QStringLiteral("--churned-users=20"),
                                    QStringLiteral("--json")});
        QCOMPARE(run.status, 0);
        const auto json = nlohmann::json::parse(run.out);
        QCOMPARE(json.at("payback_period_months").get<double>(), 6.0);
        QCOMPARE(json.at("ltv").get<double>(), 2500.0);
    }

    void seriesCsvMatchesTheHandCheckedTable()
    {
        const Run run = runMetrics({QStringLiteral("series"),
                                    QStringLiteral("--events"),
                                    data("handchecked/events.jsonl"),
                                    QStringLiteral("--spend"),
                                    data("handchecked/spend.json"),
                                    QStringLiteral("--currency"),
                                    QStringLiteral("USD"),
                                    QStringLiteral("--format"),
                                    QStringLiteral("csv")});
        QCOMPARE(run.status, 0);
        std::string mismatch;
        QVERIFY2(compareCsv(run.out,
                            readText(dataPath("handchecked/expected-usd-month.csv")),
                            mismatch),
                 mismatch.c_str());
    }

    void cohortsCsvMatchesTheHandCheckedTable()
    {
        const Run run = runMetrics({QStringLiteral("series"),
                                    QStringLiteral("--events"),
                                    data("handchecked/events.jsonl"),
                                    QStringLiteral("--currency"),
                                    QStringLiteral("usd"),
                                    QStringLiteral("--cohorts"),
                                    QStringLiteral("--format=csv")});
        QCOMPARE(run.status, 0);
        std::string mismatch;
        QVERIFY2(compareCsv(run.out,
                            readText(dataPath("handchecked/expected-usd-cohorts.csv")),
                            mismatch),
                 mismatch.c_str());
    }

    void badInputFailsWithOneLineAndNoOutput_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("fileContents"); // written to a temporary events file, if set
        QTest::addColumn<QString>("expectedError");

        const QString handChecked = data("handchecked/events.jsonl");
        QTest::newRow("mixed currencies")
            << QStringList{QStringLiteral("series"), QStringLiteral("--events"), handChecked}
            << QString() << QStringLiteral("mixes currencies (eur, usd)");
        QTest::newRow("unknown currency")
            << QStringList{QStringLiteral("series"),
                           QStringLiteral("--events"),
                           handChecked,
                           QStringLiteral("--currency"),
                           QStringLiteral("xyz")}
            << QString() << QStringLiteral("'xyz' is not an ISO 4217 currency code");
        QTest::newRow("missing file")
            << QStringList{QStringLiteral("series"),
                           QStringLiteral("--events"),
                           QStringLiteral("/nonexistent/events.jsonl")}
            << QString() << QStringLiteral("cannot read /nonexistent/events.jsonl");
        QTest::newRow("malformed line")
            << QStringList{QStringLiteral("series"), QStringLiteral("--events"), QStringLiteral("@")}
            << QStringLiteral("{\"tenant_id\":\"a\",\"subscription_id\":\"s\",\"at\":"
                              "\"2025-01-01T00:00:00Z\",\"mrr\":1,\"currency\":\"usd\"}\n"
                              "\n"
                              "{\"tenant_id\":\"a\",\"subscription_id\":\"s\",\"at\":"
                              "\"2025-01-02T00:00:00Z\",\"mrr\":\"12\",\"currency\":\"usd\"}\n")
            << QStringLiteral(":3: /mrr: ");
        QTest::newRow("not json") << QStringList{QStringLiteral("series"),
                                                 QStringLiteral("--events"),
                                                 QStringLiteral("@")}
                                  << QStringLiteral("{\"tenant_id\":\n") << QStringLiteral(":1: ");
        QTest::newRow("bad interval")
            << QStringList{QStringLiteral("series"),
                           QStringLiteral("--events"),
                           handChecked,
                           QStringLiteral("--interval"),
                           QStringLiteral("week")}
            << QString() << QStringLiteral("--interval must be month or quarter");
        QTest::newRow("bad churn floor") << QStringList{QStringLiteral("series"),
                                                        QStringLiteral("--events"),
                                                        handChecked,
                                                        QStringLiteral("--churn-floor"),
                                                        QStringLiteral("0")}
                                         << QString() << QStringLiteral("--churn-floor must be");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("snapshot"),
                                                       QStringLiteral("--revenue"),
                                                       QStringLiteral("1")}
                                        << QString() << QStringLiteral("unknown option --revenue");
        QTest::newRow("missing option")
            << QStringList{QStringLiteral("snapshot"), QStringLiteral("--mrr"), QStringLiteral("1")}
            << QString() << QStringLiteral("--users is required");
        QTest::newRow("negative users")
            << QStringList{QStringLiteral("snapshot"),
                           QStringLiteral("--mrr=1"),
                           QStringLiteral("--users=-5"),
                           QStringLiteral("--sm-cost=1"),
                           QStringLiteral("--new-users=1"),
                           QStringLiteral("--churned-users=1")}
            << QString() << QStringLiteral("--users must be a whole number");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("forecast")} << QString()
                                         << QStringLiteral("unknown command 'forecast'");
    }

    void badInputFailsWithOneLineAndNoOutput()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, fileContents);
        QFETCH(QString, expectedError);

        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        if (!fileContents.isNull()) {
            const QString path = directory.filePath(QStringLiteral("events.jsonl"));
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(fileContents.toUtf8());
            file.close();
            arguments.replace(arguments.indexOf(QStringLiteral("@")), path);
        }
        const Run run = runMetrics(arguments);
        QCOMPARE(run.status, 2);
        QVERIFY2(run.out.empty(), run.out.c_str());
        QCOMPARE(lineCount(run.err), std::size_t(1));
        QVERIFY2(run.err.starts_with("tenantry-metrics: "), run.err.c_str());
        QVERIFY2(run.err.find(expectedError.toStdString()) != std::string::npos, run.err.c_str());
    }

    void demoDataFeedsSeries()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        const QString out = directory.filePath(QStringLiteral("demo"));
        Run run = runMetrics({QStringLiteral("demo-data"),
                              QStringLiteral("--seed"),
                              QStringLiteral("5"),
                              QStringLiteral("--customers"),
                              QStringLiteral("150"),
                              QStringLiteral("--months"),
                              QStringLiteral("12"),
                              QStringLiteral("--out"),
                              out});
        QCOMPARE(run.status, 0);
        for (const char *name : {"events.jsonl", "spend.json", "plans.json", "tenants.json"})
            QVERIFY2(QFile::exists(out + QLatin1Char('/') + QLatin1String(name)), name);
        const std::string firstEvents = readText(out.toStdString() + "/events.jsonl");

        run = runMetrics({QStringLiteral("series"),
                          QStringLiteral("--events"),
                          out + QStringLiteral("/events.jsonl"),
                          QStringLiteral("--spend"),
                          out + QStringLiteral("/spend.json"),
                          QStringLiteral("--currency"),
                          QStringLiteral("usd"),
                          QStringLiteral("--format"),
                          QStringLiteral("json")});
        QCOMPARE(run.status, 0);
        const auto json = nlohmann::json::parse(run.out);
        QCOMPARE(json.at("periods").size(), std::size_t(12));

        // Deterministic: the same seed writes the same bytes.
        run = runMetrics({QStringLiteral("demo-data"),
                          QStringLiteral("--seed=5"),
                          QStringLiteral("--customers=150"),
                          QStringLiteral("--months=12"),
                          QStringLiteral("--out"),
                          out});
        QCOMPARE(run.status, 0);
        QCOMPARE(readText(out.toStdString() + "/events.jsonl"), firstEvents);
    }

    void helpAndVersion()
    {
        Run run = runMetrics({QStringLiteral("--version")});
        QCOMPARE(run.status, 0);
        QVERIFY(run.out.starts_with("tenantry-metrics "));
        run = runMetrics({QStringLiteral("--help")});
        QCOMPARE(run.status, 0);
        QVERIFY(run.out.find("demo-data") != std::string::npos);
        run = runMetrics({});
        QCOMPARE(run.status, 2);
        QVERIFY(run.out.empty());
    }
};

QTEST_GUILESS_MAIN(TestMetricsCli)
#include "testmetricscli.moc"
