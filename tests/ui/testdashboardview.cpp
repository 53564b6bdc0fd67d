// DashboardView over the hand-checked data set, put into a metrics cache exactly as MetricsSync
// writes it: every KPI card of every month equals the engine's expected table
// (tests/data/handchecked/expected-*-month.csv), undefined figures say why, the chart series
// equal the table's columns, a currency change recomputes (the newest request wins) and a legend
// click hides its series. The quarter view equals expected-usd-quarter.csv; one plan's cards
// equal core's engine fed that plan's revenue only; the cohort table names its tenants; each
// chart exports on its own (PDF, PNG) and prints what the PDF shows.

#include "client/metricscache.h"
#include "core/json/codecs.h"
#include "core/metrics/metricsformat.h"
#include "core/metrics/mrrledger.h"
#include "core/metrics/series.h"
#include "tests/common/testsupport.h"
#include "ui/cohorttablemodel.h"
#include "ui/dashboardexporter.h"
#include "ui/dashboardview.h"
#include "ui/displayformat.h"
#include "ui/kpicard.h"
#include "ui/whatifpanel.h"

#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMenu>
#include <QPrintDialog>
#include <QPrinter>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStackedBarSeries>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolTip>
#include <QtTest>

#include <map>
#include <tuple>

using namespace Tenantry;
using namespace Tenantry::TestSupport;

namespace {

using Kpi = DashboardView::Kpi;

// The expected table as rows of column name -> cell.
std::vector<std::map<std::string, std::string>> expectedRows(const char *file)
{
    const CsvTable table = parseCsv(readText(dataPath(file)));
    std::vector<std::map<std::string, std::string>> rows;
    for (std::size_t r = 1; r < table.size(); ++r) {
        std::map<std::string, std::string> row;
        for (std::size_t c = 0; c < table[0].size(); ++c)
            row[table[0][c]] = table[r][c];
        rows.push_back(std::move(row));
    }
    return rows;
}

QLineSeries *lineSeries(QChart *chart, const QString &name)
{
    const QList<QAbstractSeries *> all = chart->series();
    for (QAbstractSeries *series : all) {
        if (series->name() == name)
            return qobject_cast<QLineSeries *>(series);
    }
    return nullptr;
}

QBarSet *barSet(QChart *chart, const QString &label)
{
    const QList<QAbstractSeries *> all = chart->series();
    for (QAbstractSeries *series : all) {
        if (auto *bars = qobject_cast<QStackedBarSeries *>(series)) {
            const QList<QBarSet *> sets = bars->barSets();
            for (QBarSet *set : sets) {
                if (set->label() == label)
                    return set;
            }
        }
    }
    return nullptr;
}

YearMonth month(const std::string &text)
{
    return YearMonth::fromString(text).value();
}

// The first month of "2025-Q1" (a quarter) or "2025-03" (a month).
YearMonth periodStart(const std::string &text)
{
    if (text.size() == 7 && text[5] == 'Q')
        return YearMonth(std::stoi(text.substr(0, 4)), (text[6] - '1') * 3 + 1);
    return month(text);
}

// pdftotext's text of `fileName`, or a null string when it fails.
QString pdfText(const QString &fileName)
{
    QProcess text;
    text.start(QStandardPaths::findExecutable(QStringLiteral("pdftotext")),
               {fileName, QStringLiteral("-")});
    if (!text.waitForFinished(30000) || text.exitCode() != 0)
        return {};
    // The fonts' "fi" ligature comes out as one character.
    return QString::fromUtf8(text.readAllStandardOutput())
        .replace(QChar(0xfb01), QStringLiteral("fi"));
}

int pdfPages(const QString &fileName)
{
    QProcess info;
    info.start(QStandardPaths::findExecutable(QStringLiteral("pdfinfo")), {fileName});
    if (!info.waitForFinished(30000) || info.exitCode() != 0)
        return -1;
    const QRegularExpressionMatch match = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)"))
                                              .match(
                                                  QString::fromUtf8(info.readAllStandardOutput()));
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

Plan plan(const char *id, const char *name, std::int64_t price, const char *currency)
{
    return Plan{id,
                id,
                name,
                Money(price, *Currency::fromCode(currency)),
                BillingInterval::Month,
                {},
                true,
                0,
                {},
                {},
                1};
}

Tenant tenant(const char *id, const char *name)
{
    Tenant t;
    t.id = id;
    t.name = name;
    t.updatedAt = Timestamp(std::chrono::seconds(1735689600));
    return t;
}

} // namespace

class TestDashboardView : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_directory;
    QString m_path;
    std::unique_ptr<DashboardView> m_view;
    std::vector<MrrEvent> m_events;

    bool waitUntilReady()
    {
        return QTest::qWaitFor([this] { return m_view->isReady(); }, 30000);
    }

    // Compares the cards of `row`'s month with the row; false with `mismatch` set otherwise.
    void checkCards(const std::map<std::string, std::string> &row, const Currency &currency)
    {
        const std::string period = row.at("period");
        const auto money = [&](Kpi kpi, const std::string &column, std::int64_t factor = 1) {
            KpiCard *card = m_view->card(kpi);
            const std::string &cell = row.at(column);
            if (cell.empty()) {
                QVERIFY2(!card->isDefined(), (period + " " + column).c_str());
                QVERIFY2(!card->valueText().isEmpty(), "an undefined card says why");
                return;
            }
            const std::int64_t expected = std::stoll(cell) * factor;
            QVERIFY2(card->isDefined(), (period + " " + column).c_str());
            QCOMPARE(card->rawValue().toLongLong(), expected);
            QCOMPARE(card->valueText(), DisplayFormat::money(Money(expected, currency)));
        };
        const auto ratio = [&](Kpi kpi, const std::string &column) {
            KpiCard *card = m_view->card(kpi);
            const std::string &cell = row.at(column);
            if (cell.empty()) {
                QVERIFY2(!card->isDefined(), (period + " " + column).c_str());
                QVERIFY2(!card->valueText().isEmpty(), "an undefined card says why");
                return;
            }
            QVERIFY2(card->isDefined(), (period + " " + column).c_str());
            QCOMPARE(formatRatio(card->rawValue().toDouble()), cell);
        };
        money(Kpi::Mrr, "end_mrr");
        money(Kpi::Arr, "end_mrr", 12);
        QCOMPARE(m_view->card(Kpi::Customers)->rawValue().toLongLong(),
                 std::stoll(row.at("customers_end")));
        QCOMPARE(m_view->card(Kpi::Customers)->valueText(),
                 QLocale().toString(std::stoll(row.at("customers_end"))));
        money(Kpi::Arpa, "arpa");
        ratio(Kpi::CustomerChurn, "customer_churn_rate");
        ratio(Kpi::Nrr, "nrr");
        ratio(Kpi::Grr, "grr");
        ratio(Kpi::QuickRatio, "quick_ratio");
        money(Kpi::Cac, "cac");
        money(Kpi::Ltv, "ltv");
        ratio(Kpi::LtvCac, "ltv_cac_ratio");
        ratio(Kpi::Payback, "payback_months");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(m_directory.isValid());
        m_path = m_directory.filePath(QStringLiteral("handchecked.sqlite"));
        // As MetricsSync writes the feeds: events in feed order with their ids, spend records.
        const std::vector<MrrEvent> events = loadEvents(dataPath("handchecked/events.jsonl"));
        m_events = events;
        const std::vector<AcquisitionSpend> spend = loadSpend(dataPath("handchecked/spend.json"));
        std::vector<MrrEventRecord> eventRecords;
        eventRecords.reserve(events.size());
        for (std::size_t i = 0; i < events.size(); ++i)
            eventRecords.push_back({"mrr_" + std::to_string(i), events[i], events[i].at});
        std::vector<SpendRecord> spendRecords;
        spendRecords.reserve(spend.size());
        for (const AcquisitionSpend &record : spend) {
            spendRecords.push_back(
                {"spd_" + record.month.toString() + record.amount.currency().toString(),
                 record,
                 record.month.start(),
                 1});
        }
        MetricsCache cache;
        QVERIFY2(cache.open(m_path), qPrintable(cache.errorMessage()));
        QVERIFY(cache.addEvents(eventRecords));
        QVERIFY(cache.putSpend(spendRecords));
        QVERIFY(cache.replacePlans({plan("pln_pro", "Pro", 4900, "usd"),
                                    plan("pln_pro_v2", "Pro 2", 4900, "usd"),
                                    plan("pln_enterprise", "Enterprise", 19900, "usd"),
                                    plan("pln_pro_eur", "Pro (EUR)", 4500, "eur")}));
        // Names for some tenants: the others show by id.
        QVERIFY(cache.putTenants({tenant("ten_a", "Acme Corp"),
                                  tenant("ten_b", "Globex"),
                                  tenant("ten_c", "Initech"),
                                  tenant("ten_h", "Hooli")}));
        QVERIFY(cache.setLastSync(QDateTime::currentDateTimeUtc().addSecs(qint64(-5) * 60)));

        m_view = std::make_unique<DashboardView>(nullptr, m_path);
        m_view->setAutoSync(false);
        m_view->resize(1400, 900);
        m_view->show();
        QVERIFY(waitUntilReady());
    }

    void opensFromTheCache()
    {
        QVERIFY(m_view->report().error.isEmpty());
        QVERIFY(m_view->report().currency == Currency::fromCode("usd")); // most events
        QCOMPARE(m_view->report().currencies.size(), std::size_t(2));
        // "Data from 5 minutes ago" once the English translation supplies the plural.
        QVERIFY2(m_view->dataAgeText().startsWith(QStringLiteral("Data from 5 minute")),
                 qPrintable(m_view->dataAgeText()));
        // The range ends at the last month that has begun: June 2025.
        QVERIFY(m_view->selectedMonth() == YearMonth(2025, 6));
        QVERIFY(m_view->fromMonth() == YearMonth(2024, 12));
    }

    void cardsEqualTheExpectedTable_data()
    {
        QTest::addColumn<QString>("currency");
        QTest::addColumn<QString>("file");
        QTest::newRow("usd") << QStringLiteral("usd")
                             << QStringLiteral("handchecked/expected-usd-month.csv");
        QTest::newRow("eur") << QStringLiteral("eur")
                             << QStringLiteral("handchecked/expected-eur-month.csv");
    }

    void cardsEqualTheExpectedTable()
    {
        QFETCH(QString, currency);
        QFETCH(QString, file);
        const Currency code = *Currency::fromCode(currency.toStdString());
        m_view->setCurrency(code);
        QVERIFY(waitUntilReady());
        QVERIFY(m_view->report().currency == code);
        const auto rows = expectedRows(file.toStdString().c_str());
        QCOMPARE(m_view->report().series.size(), rows.size());
        for (const auto &row : rows) {
            m_view->setMonthRange(month(rows.front().at("period")), month(row.at("period")));
            QVERIFY(m_view->selectedMonth() == month(row.at("period")));
            checkCards(row, code);
            if (QTest::currentTestFailed())
                return;
        }
    }

    void undefinedCardsSayWhy()
    {
        m_view->setCurrency(*Currency::fromCode("usd"));
        QVERIFY(waitUntilReady());
        m_view->setMonthRange(YearMonth(2024, 12), YearMonth(2025, 5));
        // May: no new customers and no spend record.
        QCOMPARE(m_view->card(Kpi::Cac)->valueText(),
                 QStringLiteral("No acquisition spend recorded for this month"));
        QCOMPARE(m_view->card(Kpi::LtvCac)->noteText(), QStringLiteral("Target 3.0"));
        m_view->setMonthRange(YearMonth(2024, 12), YearMonth(2025, 4));
        // April: spend, but no new customers.
        QCOMPARE(m_view->card(Kpi::Cac)->valueText(), QStringLiteral("No new customers this month"));
        m_view->setMonthRange(YearMonth(2024, 12), YearMonth(2025, 1));
        QCOMPARE(m_view->card(Kpi::CustomerChurn)->valueText(),
                 QStringLiteral("No paying customers at the start of the month"));
        // March: LTV:CAC 3.62 meets the target; June's 0.21 does not.
        m_view->setMonthRange(YearMonth(2024, 12), YearMonth(2025, 3));
        QCOMPARE(m_view->card(Kpi::LtvCac)->valueText(), QStringLiteral("3.62"));
        QCOMPARE(m_view->card(Kpi::LtvCac)->noteText(),
                 QStringLiteral("At or above the 3.0 target"));
        QVERIFY(m_view->card(Kpi::Mrr)->changeText().contains(QStringLiteral("Feb 2025")));
    }

    void chartSeriesEqualTheExpectedTable()
    {
        m_view->setCurrency(*Currency::fromCode("usd"));
        QVERIFY(waitUntilReady());
        const auto rows = expectedRows("handchecked/expected-usd-month.csv");
        m_view->setMonthRange(month(rows.front().at("period")), month(rows.back().at("period")));
        QVERIFY(waitUntilReady()); // the charts are redrawn over a few turns of the event loop
        QLineSeries *mrr = lineSeries(m_view->mrrChart(), QStringLiteral("MRR"));
        QLineSeries *arr = lineSeries(m_view->mrrChart(), QStringLiteral("ARR"));
        QLineSeries *net = lineSeries(m_view->movementsChart(), QStringLiteral("Net new MRR"));
        QVERIFY(mrr && arr && net);
        QCOMPARE(mrr->count(), qsizetype(rows.size()));
        const std::vector<std::pair<QString, std::string>> sets{
            {QStringLiteral("New"), "new_mrr"},
            {QStringLiteral("Expansion"), "expansion_mrr"},
            {QStringLiteral("Reactivation"), "reactivation_mrr"},
            {QStringLiteral("Contraction"), "contraction_mrr"},
            {QStringLiteral("Churn"), "churned_mrr"}};
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const auto &row = rows[i];
            const auto cents = [&row](const std::string &column) {
                return static_cast<double>(std::stoll(row.at(column))) / 100.0;
            };
            const auto at = static_cast<int>(i);
            QCOMPARE(mrr->at(at).y(), cents("end_mrr"));
            QCOMPARE(arr->at(at).y(), cents("end_mrr") * 12);
            QCOMPARE(net->at(at).y(), cents("end_mrr") - cents("start_mrr"));
            for (const auto &[label, column] : sets) {
                QBarSet *set = barSet(m_view->movementsChart(), label);
                QVERIFY(set);
                const double sign = column == "contraction_mrr" || column == "churned_mrr" ? -1 : 1;
                QCOMPARE(set->at(at), sign * cents(column));
            }
        }
    }

    void hoverShowsTheMonthsExactFigures()
    {
        m_view->setCurrency(*Currency::fromCode("usd"));
        QVERIFY(waitUntilReady());
        const auto rows = expectedRows("handchecked/expected-usd-month.csv");
        QVERIFY(rows.size() > 3);
        // The range starts at the second month: the first point is that month's.
        m_view->setMonthRange(month(rows[1].at("period")), month(rows.back().at("period")));
        QVERIFY(waitUntilReady());
        const auto label = [](const std::string &period) {
            const YearMonth at = month(period);
            return QLocale().toString(QDate(at.year(), at.month(), 1), QStringLiteral("MMM yyyy"));
        };
        const Currency usd = *Currency::fromCode("usd");
        QLineSeries *mrr = lineSeries(m_view->mrrChart(), QStringLiteral("MRR"));
        QVERIFY(mrr);
        Q_EMIT mrr->hovered(mrr->at(1), true);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(label(rows[2].at("period"))),
                 qPrintable(QToolTip::text()));
        QVERIFY2(QToolTip::text().contains(
                     DisplayFormat::money(Money(std::stoll(rows[2].at("end_mrr")), usd))),
                 qPrintable(QToolTip::text()));
        QLineSeries *customers = lineSeries(m_view->customersChart(), QStringLiteral("Customers"));
        QVERIFY(customers);
        Q_EMIT customers->hovered(customers->at(2), true);
        QTRY_VERIFY(QToolTip::text().contains(label(rows[3].at("period"))));
        QVERIFY2(QToolTip::text().endsWith(
                     QLocale().toString(std::stoll(rows[3].at("customers_end")))),
                 qPrintable(QToolTip::text()));
        Q_EMIT customers->hovered(customers->at(2), false);
        QTRY_VERIFY(!QToolTip::isVisible());
    }

    void trendChartsEqualTheExpectedTable()
    {
        m_view->setCurrency(*Currency::fromCode("usd"));
        QVERIFY(waitUntilReady());
        const auto rows = expectedRows("handchecked/expected-usd-month.csv");
        m_view->setMonthRange(month(rows.front().at("period")), month(rows.back().at("period")));
        QVERIFY(waitUntilReady()); // the charts are redrawn over a few turns of the event loop
        QLineSeries *customers = lineSeries(m_view->customersChart(), QStringLiteral("Customers"));
        QVERIFY(customers);
        QCOMPARE(customers->count(), qsizetype(rows.size()));
        for (std::size_t i = 0; i < rows.size(); ++i) {
            QCOMPARE(customers->at(static_cast<int>(i)).y(),
                     static_cast<double>(std::stoll(rows[i].at("customers_end"))));
        }
        // Percent and ratio lines leave out the months whose figure is undefined.
        const std::vector<std::tuple<QChart *, QString, std::string, double>> lines{
            {m_view->customersChart(),
             QStringLiteral("Customer churn"),
             "customer_churn_rate",
             100.0},
            {m_view->retentionChart(), QStringLiteral("NRR"), "nrr", 100.0},
            {m_view->retentionChart(), QStringLiteral("GRR"), "grr", 100.0},
            {m_view->unitEconomicsChart(), QStringLiteral("LTV:CAC"), "ltv_cac_ratio", 1.0},
            {m_view->unitEconomicsChart(), QStringLiteral("CAC payback"), "payback_months", 1.0}};
        for (const auto &[chart, name, column, scale] : lines) {
            QLineSeries *series = lineSeries(chart, name);
            QVERIFY2(series, qPrintable(name));
            int point = 0;
            for (std::size_t i = 0; i < rows.size(); ++i) {
                const std::string &cell = rows[i].at(column);
                if (cell.empty())
                    continue;
                QVERIFY2(point < series->count(), qPrintable(name));
                QCOMPARE(series->at(point).x(), static_cast<double>(i));
                QCOMPARE(formatRatio(series->at(point).y() / scale), cell);
                ++point;
            }
            QCOMPARE(point, static_cast<int>(series->count()));
        }
        QLineSeries *target = lineSeries(m_view->unitEconomicsChart(), QStringLiteral("Target 3.0"));
        QVERIFY(target);
        QCOMPARE(target->at(0).y(), 3.0);
    }

    void settingsRecomputeAndPersist()
    {
        m_view->setCurrency(*Currency::fromCode("usd"));
        QVERIFY(waitUntilReady());
        m_view->setMonthRange(YearMonth(2025, 1), YearMonth(2025, 6));
        QVERIFY(waitUntilReady()); // the charts are redrawn over a few turns of the event loop
        // June: ARPA 6423, churn 0.125; with a gross margin of 80 % the payback stretches by
        // 1 / 0.8, and a churn floor above June's churn sets LTV = ARPA / floor.
        SeriesOptions options;
        options.grossMargin = 0.8;
        options.churnFloor = 0.25;
        m_view->setSeriesOptions(options);
        QVERIFY(waitUntilReady());
        QCOMPARE(m_view->card(Kpi::Payback)->rawValue().toDouble(),
                 m_view->report().series.back().paybackMonths.value());
        QCOMPARE(formatRatio(m_view->card(Kpi::Payback)->rawValue().toDouble()),
                 formatRatio(38.923379 / 0.8));
        QCOMPARE(m_view->card(Kpi::Ltv)->rawValue().toLongLong(), qint64(25692)); // 51383/8/0.25
        QCOMPARE(m_view->findChild<QDoubleSpinBox *>(QStringLiteral("grossMargin"))->value(), 80.0);

        // A new view of the same cache comes back with the same filters and settings.
        DashboardView again(nullptr, m_path);
        again.setAutoSync(false);
        again.show();
        QVERIFY(QTest::qWaitFor([&again] { return again.isReady(); }, 30000));
        QCOMPARE(again.seriesOptions().grossMargin, 0.8);
        QCOMPARE(again.seriesOptions().churnFloor, 0.25);
        QVERIFY(again.fromMonth() == YearMonth(2025, 1));
        QVERIFY(again.selectedMonth() == YearMonth(2025, 6));
        QVERIFY(again.report().currency == Currency::fromCode("usd"));

        m_view->setSeriesOptions(SeriesOptions());
        QVERIFY(waitUntilReady());
    }

    void whatIfMovesFromTheActuals()
    {
        const Currency usd = *Currency::fromCode("usd");
        m_view->setCurrency(usd);
        QVERIFY(waitUntilReady());
        m_view->setMonthRange(YearMonth(2025, 1), YearMonth(2025, 6));
        QVERIFY(waitUntilReady()); // the charts are redrawn over a few turns of the event loop
        WhatIfPanel *panel = m_view->whatIfPanel();
        auto *actual = panel->findChild<QLabel *>(QStringLiteral("actualLtv"));
        auto *scenario = panel->findChild<QLabel *>(QStringLiteral("whatIfLtv"));
        auto *arpa = panel->findChild<QDoubleSpinBox *>(QStringLiteral("whatIfArpa"));
        auto *reset = panel->findChild<QPushButton *>(QStringLiteral("whatIfReset"));
        QVERIFY(actual && scenario && arpa && reset);
        // June: LTV 51383; unchanged, the scenario is the actual figure.
        QCOMPARE(actual->text(), DisplayFormat::money(Money(51383, usd)));
        QCOMPARE(scenario->text(), actual->text());
        arpa->setValue(100); // ARPA doubled: LTV doubles
        QCOMPARE(scenario->text(), DisplayFormat::money(Money(102766, usd)));
        QCOMPARE(actual->text(), DisplayFormat::money(Money(51383, usd)));
        reset->click();
        QCOMPARE(arpa->value(), 0.0);
        QCOMPARE(scenario->text(), actual->text());
    }

    void newerComputationWins()
    {
        m_view->setCurrency(*Currency::fromCode("eur"));
        m_view->setCurrency(*Currency::fromCode("usd"));
        m_view->setCurrency(*Currency::fromCode("eur"));
        QVERIFY(waitUntilReady());
        QTest::qWait(100); // any superseded computation has ended and been dropped
        QVERIFY(m_view->report().currency == Currency::fromCode("eur"));
        QCOMPARE(m_view->card(Kpi::Mrr)->rawValue().toLongLong(),
                 m_view->report().series.at(m_view->report().series.size() - 1).endMrr);
    }

    void legendClickHidesItsSeries()
    {
        QLineSeries *arr = lineSeries(m_view->mrrChart(), QStringLiteral("ARR"));
        QVERIFY(arr && arr->isVisible());
        const QList<QLegendMarker *> markers = m_view->mrrChart()->legend()->markers(arr);
        QCOMPARE(markers.size(), 1);
        Q_EMIT markers.first()->clicked();
        QVERIFY(QTest::qWaitFor([this] {
            QLineSeries *series = lineSeries(m_view->mrrChart(), QStringLiteral("ARR"));
            return series && !series->isVisible();
        }));
        const QList<QLegendMarker *> after = m_view->mrrChart()->legend()->markers(
            lineSeries(m_view->mrrChart(), QStringLiteral("ARR")));
        QCOMPARE(after.size(), 1);
        QVERIFY(after.first()->isVisible()); // the marker stays, to show it again
        Q_EMIT after.first()->clicked();
        QVERIFY(QTest::qWaitFor([this] {
            QLineSeries *series = lineSeries(m_view->mrrChart(), QStringLiteral("ARR"));
            return series && series->isVisible();
        }));
    }

    void csvExportParsesBackToTheEngineFigures()
    {
        m_view->setCurrency(*Currency::fromCode("usd"));
        QVERIFY(waitUntilReady());
        const auto rows = expectedRows("handchecked/expected-usd-month.csv");
        m_view->setMonthRange(YearMonth(2025, 1), YearMonth(2025, 6));
        QVERIFY(waitUntilReady()); // the charts are redrawn over a few turns of the event loop
        const QString fileName = m_directory.filePath(QStringLiteral("kpis.csv"));
        QString error;
        QVERIFY2(DashboardExporter::writeCsv(*m_view, fileName, &error), qPrintable(error));
        const CsvTable table = parseCsv(readText(fileName.toStdString()));
        QCOMPARE(table.size(), std::size_t(7)); // header and January to June
        const std::vector<std::pair<std::string, std::string>> columns{
            {"mrr", "end_mrr"},
            {"customers", "customers_end"},
            {"arpa", "arpa"},
            {"customer_churn_rate", "customer_churn_rate"},
            {"nrr", "nrr"},
            {"grr", "grr"},
            {"quick_ratio", "quick_ratio"},
            {"cac", "cac"},
            {"ltv", "ltv"},
            {"ltv_cac_ratio", "ltv_cac_ratio"},
            {"payback_months", "payback_months"}};
        for (std::size_t r = 1; r < table.size(); ++r) {
            std::map<std::string, std::string> exported;
            for (std::size_t c = 0; c < table[0].size(); ++c)
                exported[table[0][c]] = table[r][c];
            const auto &expected = rows.at(r); // rows[0] is December 2024
            QCOMPARE(exported.at("period"), expected.at("period"));
            QCOMPARE(exported.at("currency"), std::string("usd"));
            for (const auto &[mine, theirs] : columns)
                QCOMPARE(exported.at(mine), expected.at(theirs));
            QCOMPARE(std::stoll(exported.at("arr")), std::stoll(expected.at("end_mrr")) * 12);
        }
    }

    void pdfExportIsOnePageWithFiltersAndDataAge()
    {
        const QString pdfinfo = QStandardPaths::findExecutable(QStringLiteral("pdfinfo"));
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        QVERIFY2(!pdfinfo.isEmpty() && !pdftotext.isEmpty(), "poppler-utils is not installed");
        m_view->setCurrency(*Currency::fromCode("usd"));
        QVERIFY(waitUntilReady());
        m_view->setMonthRange(YearMonth(2025, 1), YearMonth(2025, 6));
        QVERIFY(waitUntilReady()); // the charts are redrawn over a few turns of the event loop
        const QString fileName = m_directory.filePath(QStringLiteral("dashboard.pdf"));
        QString error;
        QVERIFY2(DashboardExporter::writePdf(*m_view, fileName, &error), qPrintable(error));
        if (!qEnvironmentVariableIsEmpty("TENANTRY_KEEP_PDF"))
            QFile::copy(fileName, qEnvironmentVariable("TENANTRY_KEEP_PDF"));

        QProcess info;
        info.start(pdfinfo, {fileName});
        QVERIFY(info.waitForFinished(30000));
        QCOMPARE(info.exitCode(), 0);
        const QString infoText = QString::fromUtf8(info.readAllStandardOutput());
        QVERIFY2(infoText.contains(QRegularExpression(QStringLiteral("Pages:\\s+1\\n"))),
                 qPrintable(infoText));
        QVERIFY(infoText.contains(QStringLiteral("Tenantry finance dashboard")));

        QProcess text;
        text.start(pdftotext, {fileName, QStringLiteral("-")});
        QVERIFY(text.waitForFinished(30000));
        QCOMPARE(text.exitCode(), 0);
        const QString body = QString::fromUtf8(text.readAllStandardOutput());
        QVERIFY2(body.contains(QStringLiteral("USD \u00b7 Jan 2025 \u2013 Jun 2025")),
                 qPrintable(body));
        QVERIFY2(body.contains(QStringLiteral("Data from 5 minute")), qPrintable(body));
        QVERIFY2(body.contains(QStringLiteral("$513.83")), qPrintable(body)); // June's MRR card
    }

    void pngExportIsTheDashboardUnderItsHeader()
    {
        const QString fileName = m_directory.filePath(QStringLiteral("dashboard.png"));
        QString error;
        QVERIFY2(DashboardExporter::writePng(*m_view, fileName, &error), qPrintable(error));
        QImage image;
        QVERIFY(image.load(fileName, "PNG"));
        QVERIFY(image.width() > m_view->content()->width());
        QVERIFY(image.height() > m_view->content()->height());
    }

    void exportButtonsAskForAFileAndWriteIt()
    {
        // What the Export CSV…/PDF…/PNG… buttons do: a save dialog, then the file and exported().
        const std::vector<std::pair<void (DashboardView::*)(), QString>> exports{
            {&DashboardView::exportCsv, QStringLiteral("asked.csv")},
            {&DashboardView::exportPdf, QStringLiteral("asked.pdf")},
            {&DashboardView::exportPng, QStringLiteral("asked.png")},
        };
        for (const auto &[start, name] : exports) {
            QSignalSpy exported(m_view.get(), &DashboardView::exported);
            (m_view.get()->*start)();
            auto *dialog = m_view->findChild<QFileDialog *>();
            QVERIFY2(dialog, qPrintable(name));
            const QString fileName = m_directory.filePath(name);
            dialog->selectFile(fileName);
            QVERIFY(QMetaObject::invokeMethod(dialog, "accept")); // a slot, protected in C++
            QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 10000);
            QCOMPARE(exported.first().at(0).toString(), fileName);
            QVERIFY2(exported.first().at(1).toString().isEmpty(),
                     qPrintable(exported.first().at(1).toString()));
            QVERIFY2(QFileInfo(fileName).size() > 0, qPrintable(name));
            QTRY_VERIFY_WITH_TIMEOUT(!m_view->findChild<QFileDialog *>(), 10000); // deleted on close
        }
    }

    void quarterViewEqualsTheEnginesQuarterTable()
    {
        const Currency usd = *Currency::fromCode("usd");
        m_view->setCurrency(usd);
        m_view->setInterval(Interval::Quarter);
        QVERIFY(waitUntilReady());
        QVERIFY(m_view->interval() == Interval::Quarter);
        QCOMPARE(m_view->findChild<QComboBox *>(QStringLiteral("interval"))->currentText(),
                 QStringLiteral("Quarters"));
        const auto rows = expectedRows("handchecked/expected-usd-quarter.csv");
        QCOMPARE(m_view->report().series.size(), rows.size());
        // The same as core's engine with Interval::Quarter over the same events and spend.
        SeriesOptions quarters;
        quarters.interval = Interval::Quarter;
        const MrrLedger ledger = MrrLedger::build(m_events, usd).value();
        const std::vector<PeriodMetrics> engine = computeSeries(ledger,
                                                                loadSpend(dataPath(
                                                                    "handchecked/spend.json")),
                                                                quarters)
                                                      .value();
        QVERIFY(m_view->report().series == engine);
        for (const auto &row : rows) {
            m_view->setMonthRange(periodStart(rows.front().at("period")),
                                  periodStart(row.at("period")));
            QVERIFY(m_view->selectedMonth() == periodStart(row.at("period")));
            checkCards(row, usd);
            if (QTest::currentTestFailed())
                return;
        }
        // Q2 against Q1; the chart has a point per quarter, labelled by quarter.
        QVERIFY2(m_view->card(Kpi::Mrr)->changeText().contains(QStringLiteral("Q1 2025")),
                 qPrintable(m_view->card(Kpi::Mrr)->changeText()));
        QVERIFY(waitUntilReady());
        QLineSeries *mrr = lineSeries(m_view->mrrChart(), QStringLiteral("MRR"));
        QVERIFY(mrr);
        QCOMPARE(mrr->count(), qsizetype(rows.size()));
        QCOMPARE(mrr->at(2).y(), 513.83);
        QCOMPARE(m_view->findChild<QComboBox *>(QStringLiteral("toMonth"))->currentText(),
                 QStringLiteral("Q2 2025"));
        m_view->setMonthRange(YearMonth(2024, 10), YearMonth(2024, 12));
        QCOMPARE(m_view->card(Kpi::CustomerChurn)->valueText(),
                 QStringLiteral("No paying customers at the start of the quarter"));

        // Kept per server: a new view opens by quarter.
        m_view->setMonthRange(YearMonth(2025, 1), YearMonth(2025, 4));
        {
            DashboardView again(nullptr, m_path);
            again.setAutoSync(false);
            again.show();
            QVERIFY(QTest::qWaitFor([&again] { return again.isReady(); }, 30000));
            QVERIFY(again.interval() == Interval::Quarter);
            QVERIFY(again.report().series == engine);
            QVERIFY(again.fromMonth() == YearMonth(2025, 1));
            QVERIFY(again.selectedMonth() == YearMonth(2025, 4));
        }
        // Back to months: the range ends with the last month of its last quarter.
        m_view->setInterval(Interval::Month);
        QVERIFY(waitUntilReady());
        QCOMPARE(m_view->report().series.size(),
                 expectedRows("handchecked/expected-usd-month.csv").size());
        QVERIFY(m_view->fromMonth() == YearMonth(2025, 1));
        QVERIFY(m_view->selectedMonth() == YearMonth(2025, 6));
    }

    void planFilterEqualsTheEngineOnThatPlansEvents_data()
    {
        QTest::addColumn<QString>("plan");
        QTest::addColumn<QString>("name");
        QTest::newRow("pln_pro") << QStringLiteral("pln_pro") << QStringLiteral("Pro");
        QTest::newRow("pln_pro_v2") << QStringLiteral("pln_pro_v2") << QStringLiteral("Pro 2");
    }

    void planFilterEqualsTheEngineOnThatPlansEvents()
    {
        QFETCH(QString, plan);
        QFETCH(QString, name);
        const Currency usd = *Currency::fromCode("usd");
        m_view->setCurrency(usd);
        QVERIFY(waitUntilReady());
        auto *plans = m_view->findChild<QComboBox *>(QStringLiteral("plan"));
        QVERIFY(plans);
        // The usd plans by name after "All plans"; the eur plan is not offered for usd.
        QCOMPARE(plans->count(), 4);
        QCOMPARE(plans->itemText(0), QStringLiteral("All plans"));
        QVERIFY(plans->findText(QStringLiteral("Pro (EUR)")) < 0);
        plans->setCurrentIndex(plans->findData(plan));
        Q_EMIT plans->activated(plans->currentIndex());
        QVERIFY(waitUntilReady());
        QCOMPARE(m_view->planFilter(), std::optional<std::string>(plan.toStdString()));
        QCOMPARE(m_view->planFilterText(), name);

        // The engine fed only that plan's events, written out by hand: k moves from pln_pro to
        // pln_pro_v2 on 15 May at the same MRR, so it leaves pln_pro then (an event of 0) and
        // arrives on pln_pro_v2. No spend: it is not recorded per plan.
        std::vector<MrrEvent> events;
        for (const MrrEvent &event : m_events) {
            if (event.planId == plan.toStdString())
                events.push_back(event);
        }
        if (plan == QStringLiteral("pln_pro")) {
            events.push_back({"ten_k",
                              "sub_k1",
                              *parseRfc3339("2025-05-15T15:00:00Z"),
                              0,
                              usd,
                              std::string("pln_pro_v2")});
        }
        const MrrLedger ledger = MrrLedger::build(events, usd).value();
        const std::vector<PeriodMetrics> engine = computeSeries(ledger, {}, SeriesOptions()).value();
        QVERIFY(!engine.empty());
        QVERIFY(m_view->report().series == engine);
        for (const PeriodMetrics &m : engine) {
            m_view->setMonthRange(engine.front().period.firstMonth(), m.period.firstMonth());
            QCOMPARE(m_view->card(Kpi::Mrr)->rawValue().toLongLong(), m.endMrr);
            QCOMPARE(m_view->card(Kpi::Customers)->rawValue().toLongLong(), m.customersEnd);
            QCOMPARE(m_view->card(Kpi::Nrr)->isDefined(), m.nrr.has_value());
            if (m.nrr)
                QCOMPARE(m_view->card(Kpi::Nrr)->rawValue().toDouble(), *m.nrr);
            QCOMPARE(m_view->card(Kpi::Ltv)->isDefined(), m.ltv.has_value());
            if (m.ltv)
                QCOMPARE(m_view->card(Kpi::Ltv)->rawValue().toLongLong(), qint64(*m.ltv));
            QVERIFY(!m_view->card(Kpi::Cac)->isDefined());
            QCOMPARE(m_view->card(Kpi::Cac)->valueText(),
                     QStringLiteral("Acquisition spend is not recorded per plan"));
        }
        if (plan == QStringLiteral("pln_pro")) {
            // May on pln_pro: a churns 9800 and k leaves for pln_pro_v2 (4900).
            const PeriodMetrics &may = engine.at(static_cast<std::size_t>(
                engine.front().period.firstMonth().monthsUntil(YearMonth(2025, 5))));
            QCOMPARE(may.churnedMrr, std::int64_t(9800 + 4900));
        }
        QVERIFY(DashboardExporter::filterSummary(*m_view).contains(name));

        // Kept per server.
        {
            DashboardView again(nullptr, m_path);
            again.setAutoSync(false);
            again.show();
            QVERIFY(QTest::qWaitFor([&again] { return again.isReady(); }, 30000));
            QCOMPARE(again.planFilter(), std::optional<std::string>(plan.toStdString()));
            QVERIFY(again.report().series == engine);
        }
        // Another currency: a usd plan has no revenue there, so all plans again.
        m_view->setCurrency(*Currency::fromCode("eur"));
        QVERIFY(waitUntilReady());
        QVERIFY(!m_view->planFilter());
        QCOMPARE(m_view->report().series.size(),
                 expectedRows("handchecked/expected-eur-month.csv").size());
        m_view->setCurrency(usd);
        QVERIFY(waitUntilReady());
        QCOMPARE(m_view->report().series.size(),
                 expectedRows("handchecked/expected-usd-month.csv").size());
    }

    void cohortTableNamesItsTenants()
    {
        m_view->setCurrency(*Currency::fromCode("usd"));
        QVERIFY(waitUntilReady());
        CohortTableModel *model = m_view->cohortModel();
        QVERIFY(model->rowCount() > 0);
        // Every cohort lists as many customers as the engine counts in it.
        for (int row = 0; row < model->rowCount(); ++row) {
            const QStringList names = model->index(row, CohortTableModel::Cohort)
                                          .data(CohortTableModel::CustomerNamesRole)
                                          .toStringList();
            QCOMPARE(qint64(names.size()),
                     model->cohorts().at(static_cast<std::size_t>(row)).customers);
        }
        // January 2025: a, b, c, d and h; named where the cache has a name, sorted.
        QVERIFY(model->cohorts().front().month == YearMonth(2025, 1));
        QCOMPARE(model->index(0, CohortTableModel::Cohort)
                     .data(CohortTableModel::CustomerNamesRole)
                     .toStringList(),
                 QStringList({QStringLiteral("Acme Corp"),
                              QStringLiteral("Globex"),
                              QStringLiteral("Hooli"),
                              QStringLiteral("Initech"),
                              QStringLiteral("ten_d")}));
        QCOMPARE(model->index(0, CohortTableModel::Customers).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Acme Corp\nGlobex\nHooli\nInitech\nten_d"));
    }

    void chartExportsOnItsOwnWithFiltersAndDataAge()
    {
        m_view->setCurrency(*Currency::fromCode("usd"));
        QVERIFY(waitUntilReady());
        m_view->setMonthRange(YearMonth(2025, 1), YearMonth(2025, 6));
        QVERIFY(waitUntilReady());
        const QString filters = QStringLiteral(
            "USD \u00b7 Jan 2025 \u2013 Jun 2025 \u00b7 All plans");
        for (QChartView *chart : m_view->chartViews()) {
            const QString title = chart->chart()->title();
            const QString fileName = m_directory.filePath(chart->objectName()
                                                          + QStringLiteral(".pdf"));
            QString error;
            QVERIFY2(DashboardExporter::writeChartPdf(*m_view, chart, fileName, &error),
                     qPrintable(error));
            QCOMPARE(pdfPages(fileName), 1);
            const QString body = pdfText(fileName);
            QVERIFY2(body.startsWith(title), qPrintable(body));
            QVERIFY2(body.contains(filters), qPrintable(body));
            QVERIFY2(body.contains(QStringLiteral("Data from 5 minute")), qPrintable(body));
            // One chart only: no KPI card, no other chart's title.
            QVERIFY2(!body.contains(QStringLiteral("Gross revenue retention")), qPrintable(body));
        }
        QChartView *movements = m_view->chartViews().at(1);
        const QString png = m_directory.filePath(QStringLiteral("movements.png"));
        QString error;
        QVERIFY2(DashboardExporter::writeChartPng(*m_view, movements, png, &error),
                 qPrintable(error));
        QImage image;
        QVERIFY(image.load(png, "PNG"));
        QVERIFY(image.width() > movements->width() && image.width() < m_view->content()->width());
        QVERIFY(image.height() > movements->height());
    }

    void printDrawsWhatThePdfShows()
    {
        m_view->setCurrency(*Currency::fromCode("usd"));
        QVERIFY(waitUntilReady());
        m_view->setMonthRange(YearMonth(2025, 1), YearMonth(2025, 6));
        QVERIFY(waitUntilReady());
        const auto printTo = [](const QString &fileName) {
            auto printer = std::make_unique<QPrinter>(QPrinter::HighResolution);
            printer->setOutputFormat(QPrinter::PdfFormat);
            printer->setOutputFileName(fileName);
            printer->setPageLayout(QPageLayout(QPageSize(QPageSize::A4),
                                               QPageLayout::Landscape,
                                               QMarginsF(10, 10, 10, 10),
                                               QPageLayout::Millimeter));
            return printer;
        };
        QString error;
        const QString pdf = m_directory.filePath(QStringLiteral("whole.pdf"));
        QVERIFY2(DashboardExporter::writePdf(*m_view, pdf, &error), qPrintable(error));
        const QString printed = m_directory.filePath(QStringLiteral("printed.pdf"));
        {
            auto printer = printTo(printed);
            QVERIFY2(DashboardExporter::print(*m_view, *printer, &error), qPrintable(error));
        }
        QCOMPARE(pdfPages(printed), 1);
        const QString printedText = pdfText(printed);
        QVERIFY2(printedText.contains(QStringLiteral("$513.83")), qPrintable(printedText));
        QCOMPARE(printedText, pdfText(pdf));

        QChartView *retention = m_view->chartViews().at(3);
        const QString chartPdf = m_directory.filePath(QStringLiteral("retention.pdf"));
        QVERIFY2(DashboardExporter::writeChartPdf(*m_view, retention, chartPdf, &error),
                 qPrintable(error));
        const QString chartPrinted = m_directory.filePath(QStringLiteral("retention-printed.pdf"));
        {
            auto printer = printTo(chartPrinted);
            QVERIFY2(DashboardExporter::printChart(*m_view, retention, *printer, &error),
                     qPrintable(error));
        }
        const QString chartText = pdfText(chartPrinted);
        QVERIFY2(chartText.startsWith(QStringLiteral("Revenue retention")), qPrintable(chartText));
        QCOMPARE(chartText, pdfText(chartPdf));
    }

    void printButtonAsksThenPrints()
    {
        // What Print… does: a print dialog, then the page on the printer chosen and printed().
        QSignalSpy printed(m_view.get(), &DashboardView::printed);
        m_view->findChild<QPushButton *>(QStringLiteral("print"))->click();
        auto *dialog = m_view->findChild<QPrintDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->printer()->pageLayout().orientation() == QPageLayout::Landscape);
        const QString fileName = m_directory.filePath(QStringLiteral("dialog.pdf"));
        dialog->printer()->setOutputFormat(QPrinter::PdfFormat);
        dialog->printer()->setOutputFileName(fileName);
        // As if accepted: QDialog::accept() of the offscreen platform's dialog would first set
        // the printer to the dialog's (absent) system printer.
        Q_EMIT dialog->accepted();
        dialog->reject();
        QTRY_COMPARE_WITH_TIMEOUT(printed.count(), 1, 10000);
        QVERIFY2(printed.first().at(0).toString().isEmpty(),
                 qPrintable(printed.first().at(0).toString()));
        QCOMPARE(pdfPages(fileName), 1);
        QVERIFY(pdfText(fileName).startsWith(QStringLiteral("Tenantry finance dashboard")));
        QTRY_VERIFY_WITH_TIMEOUT(!m_view->findChild<QPrintDialog *>(), 10000); // deleted on close
    }

    void chartMenuExportsThatChart()
    {
        QChartView *mrr = m_view->chartViews().at(0);
        Q_EMIT mrr->customContextMenuRequested(QPoint(20, 20));
        auto *menu = m_view->findChild<QMenu *>(QStringLiteral("chartMenu"));
        QVERIFY(menu);
        QStringList texts;
        QAction *pdf = nullptr;
        const QList<QAction *> actions = menu->actions();
        for (QAction *action : actions) {
            if (action->isSeparator())
                continue;
            texts.append(action->text());
            if (action->text().contains(QStringLiteral("PDF")))
                pdf = action;
        }
        QCOMPARE(texts,
                 QStringList({QStringLiteral("Export chart as PNG\u2026"),
                              QStringLiteral("Export chart as PDF\u2026"),
                              QStringLiteral("Print chart\u2026")}));
        QSignalSpy exported(m_view.get(), &DashboardView::exported);
        pdf->trigger();
        menu->close();
        auto *dialog = m_view->findChild<QFileDialog *>();
        QVERIFY(dialog);
        const QString fileName = m_directory.filePath(QStringLiteral("menu-mrr.pdf"));
        dialog->selectFile(fileName);
        QVERIFY(QMetaObject::invokeMethod(dialog, "accept"));
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 10000);
        QVERIFY2(exported.first().at(1).toString().isEmpty(),
                 qPrintable(exported.first().at(1).toString()));
        QVERIFY(pdfText(fileName).startsWith(QStringLiteral("MRR and ARR")));
        QTRY_VERIFY_WITH_TIMEOUT(!m_view->findChild<QFileDialog *>(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_view->findChild<QMenu *>(QStringLiteral("chartMenu")), 10000);
    }

    void cleanupTestCase() { m_view.reset(); }
};

QTEST_MAIN(TestDashboardView)
#include "testdashboardview.moc"
