#pragma once

// The finance dashboard: unit economics of the signed-in server, computed on this machine by
// core's engine from the local metrics cache (MetricsCache), so the figures equal
// tenantry-metrics'. It opens from the cache at once (offline too), says how old the data is,
// and syncs the cache in the background (MetricsSync) with progress and Cancel.
//
// KPI cards for the selected month (the end of the date range) with the change against the
// month before; an undefined figure says why. Charts: MRR and ARR over time; MRR movements per
// month as stacked bars (new, expansion and reactivation up; contraction and churn down) with
// the net new MRR line; customers and churn rate; NRR and GRR; LTV:CAC (3.0 target line) and CAC
// payback. Cohort retention as a heat map (net MRR or logo retention). A what-if panel moves
// ARPA, churn, CAC and gross margin from the month's actuals. Hovering shows exact values; clicking a legend entry hides or shows its
// series. Filters: the periods shown, months or quarters, the currency and one plan or all;
// settings: the churn floor and gross margin the engine uses (core's defaults); all kept per
// server. Each chart exports on its own (context menu: PNG, PDF, print) under the same header of
// filters and data age as the whole dashboard's export; Print… prints what Export PDF… writes.
//
// Reading the cache and computing run on worker threads (the sync's cache pool, QtConcurrent);
// a newer computation supersedes an older one still running. Changing the months only redraws
// the already computed series. Each computation's report is kept in the cache (a snapshot of a
// few kilobytes, tied to the data version and the settings): on open it is painted at once,
// then replaced by the report computed from the data read again.

#include "client/metricsdata.h"
#include "client/metricsreport.h"
#include "core/metrics/period.h"
#include "core/metrics/periodmetrics.h"
#include "core/yearmonth.h"

#include <QColor>
#include <QDateTime>
#include <QFutureWatcher>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QWidget>

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class QComboBox;
class QTableView;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPrinter;
class QPushButton;
class QBarSet;
class QCategoryAxis;
class QChart;
class QChartView;
class QLineSeries;
class QStackedBarSeries;
class QValueAxis;

namespace Tenantry {

class ApiClient;
class ApiError;
class CohortTableModel;
class KpiCard;
class WhatIfPanel;
class MetricsSync;

class DashboardView : public QWidget
{
    Q_OBJECT

public:
    enum class Kpi {
        Mrr,
        Arr,
        Customers,
        Arpa,
        CustomerChurn,
        Nrr,
        Grr,
        QuickRatio,
        Cac,
        Ltv,
        LtvCac,
        Payback
    };
    Q_ENUM(Kpi)
    static constexpr int kpiCount = 12;
    static constexpr double ltvCacTarget = 3.0;

    // `cachePath`: the server's cache file (MetricsCache::defaultPath). The view reads it when
    // first shown (or on reload()) and syncs it then if the client has a session.
    DashboardView(ApiClient *client, QString cachePath, QWidget *parent = nullptr);
    ~DashboardView() override;

    // Syncs when the view is first shown (default on); tests turn it off.
    void setAutoSync(bool autoSync) { m_autoSync = autoSync; }

    void reload(); // reads the cache again and recomputes
    void sync();   // brings the cache up to date, then reloads
    void cancelSync();
    bool isSyncing() const;
    // Data read, computed and drawn, nothing pending.
    bool isReady() const { return m_loaded && !m_computing && !m_loading && !m_rendering; }
    // Cards and charts show figures: possibly the cache's snapshot of the last report, painted at
    // once on open while the data is read and computed again (isShowingSnapshot()).
    bool hasFigures() const { return m_loaded; }
    bool isShowingSnapshot() const { return m_showingSnapshot; }

    // Filters. The range is clamped to the computed periods; a month selects the period (month
    // or quarter) that contains it; the end period is the one the cards show.
    void setMonthRange(YearMonth from, YearMonth to);
    void setCurrency(const Currency &currency);
    // Months or quarters (SeriesOptions::interval); a change recomputes and keeps the range.
    void setInterval(Interval interval);
    Interval interval() const { return m_options.interval; }
    // One plan's revenue only (MrrLedger::ofPlan), or nullopt for all plans; a change
    // recomputes off the GUI thread.
    void setPlanFilter(const std::optional<std::string> &planId);
    const std::optional<std::string> &planFilter() const { return m_planFilter; }
    // The filtered plan's name as the cache knows it ("All plans" without a filter).
    QString planFilterText() const;
    // The engine's settings (defaults as core's SeriesOptions); a change recomputes.
    void setSeriesOptions(const SeriesOptions &options);
    const SeriesOptions &seriesOptions() const { return m_options; }
    // The first months of the first and the last period shown.
    std::optional<YearMonth> fromMonth() const;
    std::optional<YearMonth> selectedMonth() const;
    // "Mar 2025" or "Q1 2025".
    static QString periodLabel(const Period &period);

    const MetricsReport &report() const { return m_report; }
    KpiCard *card(Kpi kpi) const { return m_cards.at(static_cast<std::size_t>(kpi)); }
    QChart *mrrChart() const;
    QChart *movementsChart() const;
    QChart *customersChart() const;     // customers (left) and customer churn in % (right)
    QChart *retentionChart() const;     // NRR and GRR in %
    QChart *unitEconomicsChart() const; // LTV:CAC with its target (left), payback months (right)
    // The cohort heat map (all cohorts of the currency, whatever the month range).
    CohortTableModel *cohortModel() const { return m_cohortModel; }
    WhatIfPanel *whatIfPanel() const { return m_whatIf; }
    QString dataAgeText() const;
    QString cachePath() const { return m_cachePath; }
    // The cards and charts (without the filter bar), for exports.
    QWidget *content() const { return m_content; }
    // The chart views in drawing order: MRR, movements, customers, retention, unit economics.
    std::array<QChartView *, 5> chartViews() const;

    // Asks for a file name (a non-modal dialog), then writes the KPI table of the months shown
    // as CSV, or the dashboard as a PDF or PNG (DashboardExporter).
    void exportCsv();
    void exportPdf();
    void exportPng();
    void print(); // the dashboard as the PDF export draws it, through a print dialog
    // The same for one chart (its context menu).
    void exportChartPdf(QChartView *chart);
    void exportChartPng(QChartView *chart);
    void printChart(QChartView *chart);

    // Opens a print dialog; `paint` draws on the printer when accepted, then printed() follows.
    void askAndPrint(std::function<bool(QPrinter &, QString *)> paint);
    // Titles of the KPIs, in Kpi order.
    static QString kpiTitle(Kpi kpi);

Q_SIGNALS:
    // The cards and charts show a new computation or filter.
    void updated();
    void syncFinished();
    // An export was written (or failed: `error` set).
    void exported(const QString &fileName, const QString &error);
    // A print job was sent to the printer (or failed: `error` set).
    void printed(const QString &error);
    void errorOccurred(const Tenantry::ApiError &error);

protected:
    void showEvent(QShowEvent *event) override;

private:
    // A save dialog for `suggestedName`, then `write` (which fills the error text) and
    // exported().
    void askAndExport(const QString &title,
                      const QString &filter,
                      const QString &suggestedName,
                      std::function<bool(const QString &, QString *)> write);
    void loadCache();
    void loadSnapshot();
    void releaseData();
    void compute();
    void showReport(MetricsReport report);
    // Filters and settings are kept per server (per cache file) in QSettings.
    QString settingsGroup() const;
    void loadSettings();
    void saveSettings() const;
    void fillFilters();
    void fillPlans();
    void showChartMenu(QChartView *chart, const QPoint &position);
    // Reasons and labels for the interval shown: "this month" or "this quarter".
    QString periodText(const char *month, const char *quarter) const;
    void selectMonthRange(YearMonth from, YearMonth to); // without redrawing
    void render();
    void renderCards(std::size_t index);
    struct Line
    {
        QString name;
        std::function<std::optional<double>(const PeriodMetrics &)> value; // chart units
        bool rightAxis;
        QColor color;
        Qt::PenStyle style;
        std::function<QString(const PeriodMetrics &)> text; // exact, for the tooltip
    };
    struct Axis
    {
        QString title; // empty: no such axis
        const char *labelFormat = "%.0f";
        bool fromZero = true; // otherwise the axis spans the data only
    };
    // A chart of lines over the months, built once; each render swaps its points and ranges.
    struct LineChart
    {
        QChartView *view = nullptr;
        Axis left;
        Axis right;
        std::vector<Line> lines;
        QCategoryAxis *axisX = nullptr;
        std::array<QValueAxis *, 2> axes{};
        std::vector<QLineSeries *> series;
    };
    struct Movement
    {
        QString name;
        std::int64_t PeriodMetrics::*field;
        int sign;
        QColor color;
        QBarSet *set = nullptr;
    };
    // Each chart is built once (buildChart(), on its first render); a render only replaces their points, the axis
    // ranges and the month labels (a few, whatever the range), one chart per turn of
    // the event loop so that no turn blocks the GUI for long.
    QChart *newChart(QChartView *view, const QString &title);
    QCategoryAxis *newMonthAxis(QChart *chart);
    void buildChart(std::size_t chart); // once, on its first render
    void sizeCohortColumns();
    void buildMrrChart();
    void buildMovementsChart();
    void buildLineChart(LineChart &chart,
                        QChartView *view,
                        const QString &title,
                        const Axis &left,
                        const Axis &right,
                        std::vector<Line> lines);
    void renderChart(std::size_t chart, quint64 generation);
    void renderMrrChart(std::size_t first, std::size_t last);
    void renderMovementsChart(std::size_t first, std::size_t last);
    void renderLineChart(LineChart &chart, std::size_t first, std::size_t last);
    void updateMonthAxis(QCategoryAxis *axis, std::size_t first, std::size_t last);
    void attachLegendToggles(QChart *chart);
    void updateLegend(QChart *chart);
    void showLineTip(std::size_t chart,
                     const QString &name,
                     const QPointF &point,
                     bool state,
                     const std::function<QString(const PeriodMetrics &)> &text);
    void updateDataAge();
    void syncProgressed(int pages, qint64 rows);
    void syncEnded();
    QString money(std::int64_t minorUnits) const;
    QString currencyCode() const; // "USD"
    double major(std::int64_t minorUnits) const;

    ApiClient *m_client;
    QString m_cachePath;
    MetricsSync *m_sync;
    std::shared_ptr<const MetricsData> m_data;
    // Of m_data in the report's currency and plan: a change of the engine's settings reuses it.
    MetricsReport::LedgerCache m_ledger;
    MetricsReport m_report;
    std::optional<Currency> m_requestedCurrency;
    std::optional<std::string> m_planFilter;
    SeriesOptions m_options;
    std::optional<std::pair<YearMonth, YearMonth>> m_savedRange; // applied to the first report
    quint64 m_computeGeneration = 0;
    quint64 m_loadGeneration = 0;
    bool m_loaded = false;
    bool m_loading = false;
    bool m_computing = false;
    bool m_autoSync = true;
    bool m_shownOnce = false;
    bool m_showingSnapshot = false;
    bool m_ageKnown = false; // m_lastSync was read from the cache
    QDateTime m_lastSync;    // of the data shown; invalid: never synced
    QSet<QString> m_hiddenSeries;
    // The first month each chart shows (an index into m_report.series), for the tooltips.
    std::array<std::size_t, 5> m_chartFirst{};
    quint64 m_renderGeneration = 0; // a newer render drops the turns left of an older one
    bool m_rendering = false;       // charts still to be redrawn in later turns
    std::array<bool, 5> m_chartBuilt{};

    QLabel *m_dataAge;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    QPushButton *m_syncButton;
    QComboBox *m_from;
    QComboBox *m_to;
    QComboBox *m_currency;
    QComboBox *m_interval;
    QComboBox *m_plan;
    QDoubleSpinBox *m_churnFloor;
    QDoubleSpinBox *m_grossMargin;
    QLabel *m_message;
    QWidget *m_content = nullptr;
    QPushButton *m_exportCsv;
    QPushButton *m_exportPdf;
    QPushButton *m_exportPng;
    QPushButton *m_print;
    std::array<KpiCard *, kpiCount> m_cards{};
    QChartView *m_mrrView;
    QChartView *m_movementsView;
    QChartView *m_customersView;
    QChartView *m_retentionView;
    QChartView *m_unitEconomicsView;
    QLineSeries *m_mrrSeries = nullptr;
    QLineSeries *m_arrSeries = nullptr;
    QCategoryAxis *m_mrrAxisX = nullptr;
    QValueAxis *m_mrrAxis = nullptr;
    QValueAxis *m_arrAxis = nullptr;
    QStackedBarSeries *m_movementBars = nullptr;
    QLineSeries *m_netSeries = nullptr;
    QCategoryAxis *m_movementsAxisX = nullptr;
    QValueAxis *m_movementsAxisY = nullptr;
    std::vector<Movement> m_movements;
    std::array<LineChart, 3> m_lineCharts; // customers, retention, unit economics
    WhatIfPanel *m_whatIf;
    CohortTableModel *m_cohortModel;
    QComboBox *m_cohortMeasure;
    QTableView *m_cohortTable;
    QTimer m_ageTimer;
};

} // namespace Tenantry
