// tenantry-metrics as a user runs it: the real executable, its exit status, stdout and stderr.

#include "tests/common/testsupport.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <utility>

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
        QTest::newRow("plan with spend")
            << QStringList{QStringLiteral("series"),
                           QStringLiteral("--events"),
                           handChecked,
                           QStringLiteral("--spend"),
                           data("handchecked/spend.json"),
                           QStringLiteral("--plan"),
                           QStringLiteral("pln_x")}
            << QString() << QStringLiteral("--spend cannot be used with --plan");
        QTest::newRow("unknown plan") << QStringList{QStringLiteral("series"),
                                                     QStringLiteral("--events"),
                                                     handChecked,
                                                     QStringLiteral("--currency"),
                                                     QStringLiteral("usd"),
                                                     QStringLiteral("--plan"),
                                                     QStringLiteral("pln_nowhere")}
                                      << QString() << QStringLiteral("names plan 'pln_nowhere'");
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

    void planSlicesAddUpToTheWhole()
    {
        // --plan is the dashboard's plan filter: a customer's MRR counts on the plan it is on,
        // so at the end of every period the plans' MRR and customers add up to the whole's.
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        const QString out = directory.filePath(QStringLiteral("demo"));
        QCOMPARE(runMetrics({QStringLiteral("demo-data"),
                             QStringLiteral("--seed=7"),
                             QStringLiteral("--customers=300"),
                             QStringLiteral("--months=12"),
                             QStringLiteral("--out"),
                             out})
                     .status,
                 0);
        const QString events = out + QStringLiteral("/events.jsonl");
        const auto series = [&events](const QStringList &more) {
            return runMetrics(QStringList{QStringLiteral("series"),
                                          QStringLiteral("--events"),
                                          events,
                                          QStringLiteral("--currency=usd"),
                                          QStringLiteral("--format=json")}
                              + more);
        };
        const Run all = series({});
        QCOMPARE(all.status, 0);
        std::map<std::string, std::pair<std::int64_t, std::int64_t>> whole; // period -> MRR, customers
        const nlohmann::json allDocument = nlohmann::json::parse(all.out);
        for (const nlohmann::json &period : allDocument.at("periods"))
            whole[period.at("period")] = {period.at("end_mrr"), period.at("customers_end")};

        std::map<std::string, std::pair<std::int64_t, std::int64_t>> summed;
        int plansWithRevenue = 0;
        const nlohmann::json plans = nlohmann::json::parse(
            readText(out.toStdString() + "/plans.json"));
        for (const nlohmann::json &plan : plans) {
            if (plan.at("price").at("currency") != "usd")
                continue;
            const Run one = series({QStringLiteral("--plan"),
                                    QString::fromStdString(plan.at("id").get<std::string>())});
            if (one.status == 2 && one.err.find("names plan") != std::string::npos)
                continue; // a plan no MRR event names
            QVERIFY2(one.status == 0, one.err.c_str());
            bool revenue = false;
            const nlohmann::json document = nlohmann::json::parse(one.out);
            for (const nlohmann::json &period : document.at("periods")) {
                auto &[mrr, customers] = summed[period.at("period")];
                mrr += period.at("end_mrr").get<std::int64_t>();
                customers += period.at("customers_end").get<std::int64_t>();
                revenue = revenue || period.at("end_mrr").get<std::int64_t>() > 0;
            }
            plansWithRevenue += revenue ? 1 : 0;
        }
        QVERIFY(plansWithRevenue >= 2);
        for (const auto &[period, figures] : whole) {
            const auto found = summed.find(period);
            const std::pair<std::int64_t, std::int64_t>
                parts = found == summed.end() ? std::pair<std::int64_t, std::int64_t>{0, 0}
                                              : found->second;
            QVERIFY2(parts == figures, period.c_str());
        }
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
