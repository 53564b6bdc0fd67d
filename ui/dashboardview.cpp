#include "ui/dashboardview.h"

#include "client/apiclient.h"
#include "client/metricscache.h"
#include "client/metricssync.h"
#include "ui/cohorttablemodel.h"
#include "ui/dashboardexporter.h"
#include "ui/displayformat.h"
#include "ui/kpicard.h"
#include "ui/whatifpanel.h"

#include <QBarLegendMarker>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCursor>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontMetrics>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMenu>
#include <QMetaEnum>
#include <QPrintDialog>
#include <QPrinter>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QStackedBarSeries>
#include <QStyle>
#include <QTableView>
#include <QThreadPool>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>
#include <utility>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace Tenantry {

namespace {

// The dashboard's data are a few large blocks (a million events, their ledger of 32 MB, a plan's
// ledger) freed and allocated again on every reload, filter or second dashboard. glibc serves
// blocks of 128 KiB and more with mmap() until one such block is freed: it then raises that
// threshold to the freed block's size (up to 32 MiB) and the trim threshold to twice that, so
// the next ledgers land in malloc's arenas, where freeing them leaves their pages resident
// (the arenas of the worker threads are only trimmed at their top). A closed dashboard or a
// replaced data set then left over 100 MB of freed pages resident while the next one was read
// (bench_dashboard: 342 MB at the peak instead of 290). A fixed threshold keeps large blocks on
// mmap(), returned to the system when freed. Process-wide, set once; 1 MiB keeps the many small
// and medium allocations (Qt's included) in the arenas.
void keepLargeBlocksOutOfArenas()
{
#if defined(__GLIBC__)
    static std::once_flag once;
    std::call_once(once, [] {
        constexpr int threshold = 1024 * 1024;
        mallopt(M_MMAP_THRESHOLD, threshold);
    });
#endif
}

constexpr int defaultMonthsShown = 12;
constexpr int defaultQuartersShown = 8;
constexpr int cardColumns = 4;

QString monthLabel(YearMonth month)
{
    return QLocale().toString(QDate(month.year(), month.month(), 1), QStringLiteral("MMM yyyy"));
}

int quarterOf(YearMonth month)
{
    return (month.month() - 1) / 3 + 1;
}

// Short, for the category axes: "Nov 25" or "Q1 25".
QString shortPeriodLabel(const Period &period)
{
    const YearMonth month = period.firstMonth();
    if (period.interval() == Interval::Quarter) {
        return DashboardView::tr("Q%1 %2")
            .arg(quarterOf(month))
            .arg(QLocale().toString(QDate(month.year(), month.month(), 1), QStringLiteral("yy")));
    }
    return QLocale().toString(QDate(month.year(), month.month(), 1), QStringLiteral("MMM yy"));
}

int monthsPerPeriod(Interval interval)
{
    return interval == Interval::Quarter ? 3 : 1;
}

// The month axes show at most this many labels, whatever the range: a label is drawn per
// step of 1, 2, 3, 4, 6, 12, ... months.
constexpr int maxMonthLabels = 8;

// A value axis from `minimum` to `maximum`, rounded to nice numbers as a new axis would be.
void setNiceRange(QValueAxis *axis, double minimum, double maximum)
{
    axis->setTickCount(5);
    axis->setRange(minimum, maximum);
    axis->applyNiceNumbers();
}

void setTitle(QValueAxis *axis, const QString &title)
{
    if (axis->titleText() != title)
        axis->setTitleText(title);
}

QString percent(double ratio)
{
    const QLocale locale;
    return locale.toString(ratio * 100.0, 'f', 1) + locale.percent();
}

QString decimal(double value, int digits)
{
    return QLocale().toString(value, 'f', digits);
}

QString signedText(double value, const QString &text)
{
    if (value > 0)
        return QStringLiteral("\u25b2 +") + text;
    if (value < 0)
        return QStringLiteral("\u25bc \u2212") + text;
    return QStringLiteral("\u25cf ") + text;
}

KpiCard::Tone toneOf(double change, bool higherIsBetter)
{
    if (change == 0)
        return KpiCard::Tone::Neutral;
    return (change > 0) == higherIsBetter ? KpiCard::Tone::Good : KpiCard::Tone::Bad;
}

} // namespace

DashboardView::DashboardView(ApiClient *client, QString cachePath, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_cachePath(std::move(cachePath))
    , m_sync(new MetricsSync(client, m_cachePath, this))
    , m_dataAge(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_syncButton(new QPushButton(tr("Sync now"), this))
    , m_from(new QComboBox(this))
    , m_to(new QComboBox(this))
    , m_currency(new QComboBox(this))
    , m_interval(new QComboBox(this))
    , m_plan(new QComboBox(this))
    , m_churnFloor(new QDoubleSpinBox(this))
    , m_grossMargin(new QDoubleSpinBox(this))
    , m_message(new QLabel(this))
    , m_exportCsv(new QPushButton(tr("Export CSV\u2026"), this))
    , m_exportPdf(new QPushButton(tr("Export PDF\u2026"), this))
    , m_exportPng(new QPushButton(tr("Export PNG\u2026"), this))
    , m_print(new QPushButton(tr("Print\u2026"), this))
    , m_mrrView(new QChartView(this))
    , m_movementsView(new QChartView(this))
    , m_customersView(new QChartView(this))
    , m_retentionView(new QChartView(this))
    , m_unitEconomicsView(new QChartView(this))
    , m_whatIf(new WhatIfPanel(this))
    , m_cohortModel(new CohortTableModel(this))
    , m_cohortMeasure(new QComboBox(this))
    , m_cohortTable(new QTableView(this))
{
    keepLargeBlocksOutOfArenas();
    setObjectName(QStringLiteral("dashboardView"));
    m_dataAge->setObjectName(QStringLiteral("dataAge"));
    m_progress->setObjectName(QStringLiteral("syncProgress"));
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(160);
    m_progress->setVisible(false);
    m_cancel->setObjectName(QStringLiteral("cancelSync"));
    m_cancel->setVisible(false);
    m_syncButton->setObjectName(QStringLiteral("syncNow"));
    m_from->setObjectName(QStringLiteral("fromMonth"));
    for (QComboBox *combo : {m_from, m_to, m_currency, m_interval, m_plan})
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_interval->setObjectName(QStringLiteral("interval"));
    m_interval->addItem(tr("Months"), QVariant::fromValue(static_cast<int>(Interval::Month)));
    m_interval->addItem(tr("Quarters"), QVariant::fromValue(static_cast<int>(Interval::Quarter)));
    m_interval->setToolTip(tr("Figures per calendar month or per quarter"));
    m_plan->setObjectName(QStringLiteral("plan"));
    m_plan->setToolTip(tr("Only the revenue of one plan: a move to another plan leaves it. "
                          "Acquisition spend is not recorded per plan."));
    m_to->setObjectName(QStringLiteral("toMonth"));
    m_currency->setObjectName(QStringLiteral("currency"));
    m_message->setObjectName(QStringLiteral("dashboardMessage"));
    m_message->setWordWrap(true);
    m_message->setVisible(false);
    m_mrrView->setObjectName(QStringLiteral("mrrChart"));
    m_movementsView->setObjectName(QStringLiteral("movementsChart"));
    m_customersView->setObjectName(QStringLiteral("customersChart"));
    m_retentionView->setObjectName(QStringLiteral("retentionChart"));
    m_unitEconomicsView->setObjectName(QStringLiteral("unitEconomicsChart"));
    for (QChartView *view :
         {m_mrrView, m_movementsView, m_customersView, m_retentionView, m_unitEconomicsView}) {
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumHeight(320);
        view->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(view, &QWidget::customContextMenuRequested, this, [this, view](const QPoint &at) {
            showChartMenu(view, at);
        });
    }

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("From"), this));
    top->addWidget(m_from);
    top->addWidget(new QLabel(tr("To"), this));
    top->addWidget(m_to);
    top->addWidget(m_interval);
    top->addWidget(new QLabel(tr("Currency"), this));
    top->addWidget(m_currency);
    top->addWidget(new QLabel(tr("Plan"), this));
    top->addWidget(m_plan);
    // Percentages of the engine's shares, to two decimals (a hundredth of a percent).
    m_churnFloor->setObjectName(QStringLiteral("churnFloor"));
    m_churnFloor->setRange(0.01, 100);
    m_churnFloor->setDecimals(2);
    m_churnFloor->setSuffix(QStringLiteral(" %"));
    m_churnFloor->setKeyboardTracking(false);
    m_churnFloor->setToolTip(tr("The smallest monthly churn rate LTV divides by"));
    m_grossMargin->setObjectName(QStringLiteral("grossMargin"));
    m_grossMargin->setRange(0.01, 100);
    m_grossMargin->setDecimals(2);
    m_grossMargin->setSuffix(QStringLiteral(" %"));
    m_grossMargin->setKeyboardTracking(false);
    m_grossMargin->setToolTip(tr("The share of revenue kept, for CAC payback"));
    top->addStretch(1);
    top->addWidget(m_dataAge);
    top->addWidget(m_progress);
    top->addWidget(m_cancel);
    top->addWidget(m_syncButton);
    auto *second = new QHBoxLayout;
    second->addWidget(new QLabel(tr("Churn floor"), this));
    second->addWidget(m_churnFloor);
    second->addWidget(new QLabel(tr("Gross margin"), this));
    second->addWidget(m_grossMargin);
    second->addStretch(1);
    second->addWidget(m_exportCsv);
    second->addWidget(m_exportPng);
    second->addWidget(m_exportPdf);
    second->addWidget(m_print);
    m_print->setObjectName(QStringLiteral("print"));
    m_print->setToolTip(tr("Print the dashboard as the PDF export draws it"));
    m_exportPng->setObjectName(QStringLiteral("exportPng"));
    m_exportPng->setToolTip(tr("The dashboard as a PNG image, with its filters and data age"));
    m_exportCsv->setObjectName(QStringLiteral("exportCsv"));
    m_exportCsv->setToolTip(tr("The KPI table of the months shown, as CSV"));
    m_exportPdf->setObjectName(QStringLiteral("exportPdf"));
    m_exportPdf->setToolTip(tr("The dashboard as a PDF, with its filters and data age"));

    auto *cards = new QGridLayout;
    cards->setSpacing(8);
    for (int i = 0; i < kpiCount; ++i) {
        auto *card = new KpiCard(kpiTitle(static_cast<Kpi>(i)), this);
        card->setObjectName(QStringLiteral("kpi%1").arg(
            QString::fromLatin1(QMetaEnum::fromType<Kpi>().valueToKey(i))));
        m_cards.at(static_cast<std::size_t>(i)) = card;
        cards->addWidget(card, i / cardColumns, i % cardColumns);
    }

    auto *charts = new QGridLayout;
    charts->addWidget(m_mrrView, 0, 0);
    charts->addWidget(m_movementsView, 0, 1);
    charts->addWidget(m_customersView, 1, 0);
    charts->addWidget(m_retentionView, 1, 1);
    charts->addWidget(m_unitEconomicsView, 2, 0, 1, 2);
    charts->setColumnStretch(0, 1);
    charts->setColumnStretch(1, 1);

    auto *content = new QWidget(this);
    m_content = content;
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->addWidget(m_message);
    contentLayout->addLayout(cards);
    contentLayout->addLayout(charts, 1);
    contentLayout->addWidget(m_whatIf);

    auto *cohorts = new QGroupBox(tr("Cohort retention by first paid month"), content);
    cohorts->setObjectName(QStringLiteral("cohortBox"));
    auto *cohortLayout = new QVBoxLayout(cohorts);
    m_cohortMeasure->setObjectName(QStringLiteral("cohortMeasure"));
    m_cohortMeasure->addItem(tr("Net MRR retention"),
                             QVariant::fromValue(CohortTableModel::Measure::NetMrr));
    m_cohortMeasure->addItem(tr("Logo retention"),
                             QVariant::fromValue(CohortTableModel::Measure::Logo));
    m_cohortMeasure->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    cohortLayout->addWidget(m_cohortMeasure, 0, Qt::AlignLeft);
    m_cohortTable->setObjectName(QStringLiteral("cohortTable"));
    m_cohortTable->setModel(m_cohortModel);
    m_cohortTable->verticalHeader()->setVisible(false);
    sizeCohortColumns();
    m_cohortTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_cohortTable->setMinimumHeight(320);
    cohortLayout->addWidget(m_cohortTable);
    contentLayout->addWidget(cohorts);
    connect(m_cohortMeasure, &QComboBox::activated, this, [this] {
        m_cohortModel->setMeasure(m_cohortMeasure->currentData().value<CohortTableModel::Measure>());
    });
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(second);
    layout->addWidget(scroll, 1);

    connect(m_syncButton, &QPushButton::clicked, this, &DashboardView::sync);
    connect(m_exportCsv, &QPushButton::clicked, this, &DashboardView::exportCsv);
    connect(m_exportPdf, &QPushButton::clicked, this, &DashboardView::exportPdf);
    connect(m_exportPng, &QPushButton::clicked, this, &DashboardView::exportPng);
    connect(m_print, &QPushButton::clicked, this, &DashboardView::print);
    connect(m_cancel, &QPushButton::clicked, this, &DashboardView::cancelSync);
    connect(m_sync, &MetricsSync::progressChanged, this, &DashboardView::syncProgressed);
    connect(m_sync, &MetricsSync::finished, this, &DashboardView::syncEnded);
    connect(m_from, &QComboBox::activated, this, [this] {
        if (m_from->currentIndex() > m_to->currentIndex())
            m_to->setCurrentIndex(m_from->currentIndex());
        render();
        saveSettings();
    });
    connect(m_to, &QComboBox::activated, this, [this] {
        if (m_to->currentIndex() < m_from->currentIndex())
            m_from->setCurrentIndex(m_to->currentIndex());
        render();
        saveSettings();
    });
    const auto optionsEdited = [this] {
        SeriesOptions options = m_options;
        options.churnFloor = m_churnFloor->value() / 100.0;
        options.grossMargin = m_grossMargin->value() / 100.0;
        setSeriesOptions(options);
    };
    connect(m_churnFloor, &QDoubleSpinBox::valueChanged, this, optionsEdited);
    connect(m_grossMargin, &QDoubleSpinBox::valueChanged, this, optionsEdited);
    connect(m_interval, &QComboBox::activated, this, [this] {
        setInterval(static_cast<Interval>(m_interval->currentData().toInt()));
    });
    connect(m_plan, &QComboBox::activated, this, [this] {
        const QString plan = m_plan->currentData().toString();
        setPlanFilter(plan.isEmpty() ? std::nullopt : std::optional(plan.toStdString()));
    });
    connect(m_currency, &QComboBox::activated, this, [this] {
        const std::optional<Currency> currency = Currency::fromCode(
            m_currency->currentData().toString().toStdString());
        if (currency)
            setCurrency(*currency);
    });
    loadSettings();
    m_ageTimer.setInterval(30000);
    connect(&m_ageTimer, &QTimer::timeout, this, &DashboardView::updateDataAge);
    m_ageTimer.start();
    updateDataAge();
    render();
}

DashboardView::~DashboardView() = default;

QString DashboardView::kpiTitle(Kpi kpi)
{
    switch (kpi) {
    case Kpi::Mrr:
        return tr("MRR");
    case Kpi::Arr:
        return tr("ARR");
    case Kpi::Customers:
        return tr("Customers");
    case Kpi::Arpa:
        return tr("ARPA");
    case Kpi::CustomerChurn:
        return tr("Customer churn");
    case Kpi::Nrr:
        return tr("Net revenue retention");
    case Kpi::Grr:
        return tr("Gross revenue retention");
    case Kpi::QuickRatio:
        return tr("Quick ratio");
    case Kpi::Cac:
        return tr("CAC");
    case Kpi::Ltv:
        return tr("LTV");
    case Kpi::LtvCac:
        return tr("LTV:CAC");
    case Kpi::Payback:
        return tr("CAC payback");
    }
    return {};
}

void DashboardView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_shownOnce)
        return;
    m_shownOnce = true;
    if (!m_loaded && !m_loading)
        loadCache();
    if (m_autoSync && m_client && m_client->hasToken())
        sync();
}

void DashboardView::reload()
{
    loadCache();
}

void DashboardView::releaseData()
{
    // The data replaced may be the last reference to a million events: free them on a worker,
    // not here, and before the next copy is read, so that two copies never coexist.
    std::shared_ptr<const MetricsData> previous = std::exchange(m_data, nullptr);
    std::shared_ptr<const MrrLedger> previousLedger = std::exchange(m_ledger.ledger, nullptr);
    std::shared_ptr<const MrrLedger> previousPlanLedger = std::exchange(m_ledger.planLedger,
                                                                        nullptr);
    m_ledger.planId.reset();
    if (!previous && !previousLedger && !previousPlanLedger)
        return;
    QThreadPool::globalInstance()->start(
        [previous = std::move(previous),
         previousLedger = std::move(previousLedger),
         previousPlanLedger = std::move(previousPlanLedger)]() mutable {
            previous.reset();
            previousLedger.reset();
            previousPlanLedger.reset();
        });
}

void DashboardView::loadSnapshot()
{
    struct Snapshot
    {
        std::optional<MetricsReport> report;
        QDateTime lastSync;
    };
    const quint64 generation = m_loadGeneration;
    auto *watcher = new QFutureWatcher<Snapshot>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        // Only before the first report: a computed one is never replaced by a snapshot.
        if (generation != m_loadGeneration || m_loaded || !m_loading)
            return;
        Snapshot snapshot = watcher->result();
        if (!snapshot.report)
            return;
        m_lastSync = snapshot.lastSync;
        m_ageKnown = true;
        m_showingSnapshot = true;
        updateDataAge();
        showReport(std::move(*snapshot.report));
    });
    // On the cache thread, queued before the full read: the schema check only, a few reads.
    watcher->setFuture(QtConcurrent::run(
        m_sync->cachePool(),
        [path = m_cachePath,
         key = MetricsReport::snapshotKey(m_requestedCurrency, m_options, m_planFilter)]()
            -> Snapshot {
            MetricsCache cache;
            if (!QFileInfo::exists(path) || !cache.open(path))
                return {};
            const std::optional<QByteArray> bytes = cache.reportSnapshot(cache.dataVersion(), key);
            if (!bytes)
                return {};
            return {MetricsReport::fromSnapshot(*bytes), cache.lastSync()};
        }));
}

void DashboardView::loadCache()
{
    m_loading = true;
    const quint64 generation = ++m_loadGeneration;
    releaseData();
    if (!m_loaded)
        loadSnapshot();
    using Loaded = std::pair<std::shared_ptr<const MetricsData>, QString>;
    auto *watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_loadGeneration)
            return;
        m_loading = false;
        Loaded loaded = watcher->result();
        if (!loaded.second.isEmpty()) {
            m_message->setText(loaded.second);
            m_message->setVisible(true);
        }
        releaseData();
        m_data = std::move(loaded.first);
        m_lastSync = m_data->lastSync;
        m_ageKnown = true;
        updateDataAge();
        compute();
    });
    // On the sync's cache thread: reads never overlap its writes.
    watcher->setFuture(QtConcurrent::run(m_sync->cachePool(), [path = m_cachePath]() -> Loaded {
        MetricsCache cache;
        auto loaded = std::make_shared<MetricsData>();
        if (!cache.open(path, MetricsCache::Check::Integrity) || !cache.load(*loaded))
            return {std::make_shared<MetricsData>(), cache.errorMessage()};
        return {std::move(loaded), QString()};
    }));
}

void DashboardView::compute()
{
    if (!m_data)
        return;
    m_computing = true;
    const quint64 generation = ++m_computeGeneration;
    struct Computed
    {
        MetricsReport report;
        MetricsReport::LedgerCache ledger;
        QByteArray snapshot; // empty when the report is not worth keeping
    };
    const QByteArray key = MetricsReport::snapshotKey(m_requestedCurrency, m_options, m_planFilter);
    const qint64 dataVersion = m_data->dataVersion;
    auto *watcher = new QFutureWatcher<Computed>(this);
    connect(watcher,
            &QFutureWatcherBase::finished,
            this,
            [this, watcher, generation, key, dataVersion] {
                watcher->deleteLater();
                if (generation != m_computeGeneration)
                    return; // a newer filter or data superseded this computation
                m_computing = false;
                Computed computed = watcher->result();
                m_ledger = std::move(computed.ledger);
                m_showingSnapshot = false;
                if (!computed.snapshot.isEmpty()) {
                    // On the cache thread, after any sync write queued before it.
                    m_sync->cachePool()->start([path = m_cachePath,
                                                dataVersion,
                                                key,
                                                snapshot = std::move(computed.snapshot)] {
                        MetricsCache cache;
                        if (QFileInfo::exists(path) && cache.open(path))
                            cache.putReportSnapshot(dataVersion, key, snapshot);
                    });
                }
                showReport(std::move(computed.report));
            });
    watcher->setFuture(QtConcurrent::run([data = m_data,
                                          currency = m_requestedCurrency,
                                          options = m_options,
                                          plan = m_planFilter,
                                          ledger = m_ledger]() mutable {
        Computed computed;
        computed.report = MetricsReport::compute(*data, currency, options, plan, ledger);
        computed.ledger = std::move(ledger);
        if (computed.report.error.isEmpty() && !computed.report.isEmpty())
            computed.snapshot = computed.report.toSnapshot();
        return computed;
    }));
}

void DashboardView::showReport(MetricsReport report)
{
    const bool firstReport = !m_loaded;
    std::optional<YearMonth> from = fromMonth();
    std::optional<YearMonth> to = selectedMonth();
    // From quarters to months: the range ends with the last month of its last quarter.
    if (to && !m_report.series.empty() && !report.series.empty()) {
        const int before = monthsPerPeriod(m_report.series.front().period.interval());
        if (before > monthsPerPeriod(report.series.front().period.interval()))
            to = to->plusMonths(before - 1);
    }
    m_report = std::move(report);
    m_loaded = true;
    m_cohortModel->setCohorts(m_report.cohorts, m_report.cohortCustomers);
    sizeCohortColumns();
    // The newest cohorts first: they are the ones people look at.
    if (m_cohortModel->rowCount() > 0)
        m_cohortTable->scrollToBottom();
    fillFilters();
    if (firstReport && m_savedRange) {
        from = m_savedRange->first;
        to = m_savedRange->second;
    }
    if ((!firstReport || m_savedRange) && from && to && !m_report.series.empty())
        selectMonthRange(*from, *to); // keep the user's range over a recomputation
    if (!m_report.error.isEmpty()) {
        m_message->setText(m_report.error);
        m_message->setVisible(true);
    } else if (m_report.isEmpty()) {
        m_message->setText(
            m_planFilter && !m_report.currencies.empty()
                ? tr("No MRR events of the plan %1 in this currency.").arg(planFilterText())
            : m_sync->isRunning() ? tr("No metrics yet: the first sync is fetching them.")
                                  : tr("No metrics yet. Sync to fetch MRR events and spend from "
                                       "the server."));
        m_message->setVisible(true);
    } else {
        m_message->setVisible(false);
    }
    render();
}

void DashboardView::sizeCohortColumns()
{
    // Widths from the font, not from the contents: sizing to contents reads every cell of the
    // table (a column per month since the first cohort) on each new report.
    QHeaderView *header = m_cohortTable->horizontalHeader();
    const QFontMetrics cell = m_cohortTable->fontMetrics();
    const QFontMetrics title = header->fontMetrics();
    const int padding = 2
                            * m_cohortTable->style()->pixelMetric(QStyle::PM_HeaderMargin,
                                                                  nullptr,
                                                                  header)
                        + 12;
    const QLocale locale;
    int cohortWidth = title.horizontalAdvance(
        m_cohortModel->headerData(CohortTableModel::Cohort, Qt::Horizontal).toString());
    for (int month = 1; month <= 12; ++month) {
        cohortWidth = std::max(cohortWidth,
                               cell.horizontalAdvance(locale.toString(QDate(2000, month, 1),
                                                                      QStringLiteral("MMM yyyy"))));
    }
    const int customersWidth = std::max(
        title.horizontalAdvance(
            m_cohortModel->headerData(CohortTableModel::Customers, Qt::Horizontal).toString()),
        cell.horizontalAdvance(locale.toString(qint64(9999999))));
    int offsetWidth = cell.horizontalAdvance(locale.toString(999) + locale.percent());
    const int lastSection = std::max(m_cohortModel->columnCount() - 1,
                                     static_cast<int>(CohortTableModel::FirstOffset));
    offsetWidth = std::max(offsetWidth,
                           title.horizontalAdvance(
                               m_cohortModel->headerData(lastSection, Qt::Horizontal).toString()));
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setDefaultSectionSize(offsetWidth + padding);
    header->setMinimumSectionSize(std::min(header->minimumSectionSize(), offsetWidth + padding));
    if (m_cohortModel->columnCount() > CohortTableModel::Customers) {
        header->resizeSection(CohortTableModel::Cohort, cohortWidth + padding);
        header->resizeSection(CohortTableModel::Customers, customersWidth + padding);
    }
}

void DashboardView::fillFilters()
{
    {
        const QSignalBlocker blocker(m_currency);
        m_currency->clear();
        for (const Currency &currency : m_report.currencies) {
            const QString code = QString::fromStdString(currency.toString());
            m_currency->addItem(code.toUpper(), code);
        }
        if (m_report.currency) {
            m_currency->setCurrentIndex(
                m_currency->findData(QString::fromStdString(m_report.currency->toString())));
        }
        m_currency->setEnabled(m_currency->count() > 1);
    }
    {
        const QSignalBlocker blocker(m_interval);
        m_interval->setCurrentIndex(
            m_interval->findData(QVariant::fromValue(static_cast<int>(m_options.interval))));
    }
    fillPlans();
    const QSignalBlocker fromBlocker(m_from);
    const QSignalBlocker toBlocker(m_to);
    m_from->clear();
    m_to->clear();
    for (const PeriodMetrics &metrics : m_report.series) {
        const QString key = QString::fromStdString(metrics.period.label());
        m_from->addItem(periodLabel(metrics.period), key);
        m_to->addItem(periodLabel(metrics.period), key);
    }
    if (m_report.series.empty())
        return;
    // The latest period that has begun (demo data may reach into the future), a year (two for
    // quarters) before it.
    const QDate today = QDate::currentDate();
    const YearMonth now(today.year(), today.month());
    int last = static_cast<int>(m_report.series.size()) - 1;
    while (last > 0
           && m_report.series.at(static_cast<std::size_t>(last)).period.firstMonth().monthsUntil(now)
                  < 0) {
        --last;
    }
    const int shown = m_report.series.front().period.interval() == Interval::Quarter
                          ? defaultQuartersShown
                          : defaultMonthsShown;
    m_to->setCurrentIndex(last);
    m_from->setCurrentIndex(std::max(0, last - (shown - 1)));
}

void DashboardView::fillPlans()
{
    // The plans priced in the report's currency, by name; a filtered plan the cache does not
    // list (not synced yet, or deleted) by its id.
    const QSignalBlocker blocker(m_plan);
    m_plan->clear();
    m_plan->addItem(tr("All plans"), QString());
    const std::string currency = m_report.currency ? m_report.currency->toString() : std::string();
    if (m_data) {
        for (const MetricsData::PlanName &plan : m_data->plans) {
            if (plan.currency == currency || plan.currency.empty())
                m_plan->addItem(QString::fromStdString(plan.name), QString::fromStdString(plan.id));
        }
    }
    if (m_planFilter) {
        const QString id = QString::fromStdString(*m_planFilter);
        if (m_plan->findData(id) < 0)
            m_plan->addItem(id, id);
        m_plan->setCurrentIndex(m_plan->findData(id));
    }
    m_plan->setEnabled(m_plan->count() > 1);
}

QString DashboardView::planFilterText() const
{
    if (!m_planFilter)
        return tr("All plans");
    if (m_data) {
        for (const MetricsData::PlanName &plan : m_data->plans) {
            if (plan.id == *m_planFilter)
                return QString::fromStdString(plan.name);
        }
    }
    return QString::fromStdString(*m_planFilter);
}

QString DashboardView::periodLabel(const Period &period)
{
    const YearMonth month = period.firstMonth();
    if (period.interval() == Interval::Quarter)
        return tr("Q%1 %2").arg(quarterOf(month)).arg(month.year());
    return monthLabel(month);
}

QString DashboardView::periodText(const char *month, const char *quarter) const
{
    return tr(m_options.interval == Interval::Quarter ? quarter : month);
}

void DashboardView::setMonthRange(YearMonth from, YearMonth to)
{
    if (m_report.series.empty())
        return;
    selectMonthRange(from, to);
    render();
    saveSettings();
}

void DashboardView::selectMonthRange(YearMonth from, YearMonth to)
{
    // The series has one entry per period, without gaps: a month's index is its distance from
    // the first, in periods.
    const Period firstPeriod = m_report.series.front().period;
    const int per = monthsPerPeriod(firstPeriod.interval());
    const YearMonth first = firstPeriod.firstMonth();
    const auto indexOf = [&](YearMonth month) {
        const int months = first.monthsUntil(month);
        return months < 0 ? -1 : months / per;
    };
    const int lastIndex = static_cast<int>(m_report.series.size()) - 1;
    const int fromIndex = std::clamp(indexOf(from), 0, lastIndex);
    const int toIndex = std::clamp(indexOf(to), fromIndex, lastIndex);
    m_from->setCurrentIndex(fromIndex);
    m_to->setCurrentIndex(toIndex);
}

void DashboardView::setCurrency(const Currency &currency)
{
    if (m_requestedCurrency == currency && m_report.currency == currency)
        return;
    m_requestedCurrency = currency;
    // A plan priced in another currency has no revenue in this one: all plans then.
    if (m_planFilter && m_data) {
        for (const MetricsData::PlanName &plan : m_data->plans) {
            if (plan.id == *m_planFilter && !plan.currency.empty()
                && plan.currency != currency.toString()) {
                m_planFilter.reset();
            }
        }
    }
    saveSettings();
    compute();
}

void DashboardView::setInterval(Interval interval)
{
    if (m_options.interval == interval)
        return;
    SeriesOptions options = m_options;
    options.interval = interval;
    setSeriesOptions(options);
}

void DashboardView::setPlanFilter(const std::optional<std::string> &planId)
{
    if (m_planFilter == planId)
        return;
    m_planFilter = planId;
    saveSettings();
    compute();
}

void DashboardView::setSeriesOptions(const SeriesOptions &options)
{
    if (options.churnFloor == m_options.churnFloor && options.grossMargin == m_options.grossMargin
        && options.interval == m_options.interval) {
        return;
    }
    m_options = options;
    {
        const QSignalBlocker floorBlocker(m_churnFloor);
        const QSignalBlocker marginBlocker(m_grossMargin);
        const QSignalBlocker intervalBlocker(m_interval);
        m_churnFloor->setValue(m_options.churnFloor * 100.0);
        m_grossMargin->setValue(m_options.grossMargin * 100.0);
        m_interval->setCurrentIndex(
            m_interval->findData(QVariant::fromValue(static_cast<int>(m_options.interval))));
    }
    saveSettings();
    compute();
}

QString DashboardView::settingsGroup() const
{
    return QStringLiteral("dashboard/") + QFileInfo(m_cachePath).completeBaseName();
}

void DashboardView::loadSettings()
{
    QSettings settings;
    settings.beginGroup(settingsGroup());
    const QString currency = settings.value(QStringLiteral("currency")).toString();
    if (!currency.isEmpty())
        m_requestedCurrency = Currency::fromCode(currency.toStdString());
    const double floor = settings.value(QStringLiteral("churnFloor"), m_options.churnFloor)
                             .toDouble();
    const double margin = settings.value(QStringLiteral("grossMargin"), m_options.grossMargin)
                              .toDouble();
    if (floor > 0 && floor <= 1)
        m_options.churnFloor = floor;
    if (margin > 0 && margin <= 1)
        m_options.grossMargin = margin;
    const Result<YearMonth> from = YearMonth::fromString(
        settings.value(QStringLiteral("from")).toString().toStdString());
    const Result<YearMonth> to = YearMonth::fromString(
        settings.value(QStringLiteral("to")).toString().toStdString());
    if (from && to)
        m_savedRange = std::make_pair(*from, *to);
    if (const std::optional<Interval> interval = intervalFromString(
            settings.value(QStringLiteral("interval")).toString().toStdString())) {
        m_options.interval = *interval;
    }
    const QString plan = settings.value(QStringLiteral("plan")).toString();
    if (!plan.isEmpty())
        m_planFilter = plan.toStdString();
    const QSignalBlocker floorBlocker(m_churnFloor);
    const QSignalBlocker marginBlocker(m_grossMargin);
    const QSignalBlocker intervalBlocker(m_interval);
    m_churnFloor->setValue(m_options.churnFloor * 100.0);
    m_grossMargin->setValue(m_options.grossMargin * 100.0);
    m_interval->setCurrentIndex(
        m_interval->findData(QVariant::fromValue(static_cast<int>(m_options.interval))));
}

void DashboardView::saveSettings() const
{
    QSettings settings;
    settings.beginGroup(settingsGroup());
    if (m_requestedCurrency) {
        settings.setValue(QStringLiteral("currency"),
                          QString::fromStdString(m_requestedCurrency->toString()));
    }
    settings.setValue(QStringLiteral("churnFloor"), m_options.churnFloor);
    settings.setValue(QStringLiteral("grossMargin"), m_options.grossMargin);
    settings.setValue(QStringLiteral("interval"),
                      QString::fromLatin1(toString(m_options.interval).data(),
                                          static_cast<qsizetype>(
                                              toString(m_options.interval).size())));
    if (m_planFilter)
        settings.setValue(QStringLiteral("plan"), QString::fromStdString(*m_planFilter));
    else
        settings.remove(QStringLiteral("plan"));
    const std::optional<YearMonth> from = fromMonth();
    const std::optional<YearMonth> to = selectedMonth();
    if (from && to) {
        settings.setValue(QStringLiteral("from"), QString::fromStdString(from->toString()));
        settings.setValue(QStringLiteral("to"), QString::fromStdString(to->toString()));
    }
}

std::optional<YearMonth> DashboardView::fromMonth() const
{
    const int index = m_from->currentIndex();
    if (index < 0 || static_cast<std::size_t>(index) >= m_report.series.size())
        return std::nullopt;
    return m_report.series.at(static_cast<std::size_t>(index)).period.firstMonth();
}

std::optional<YearMonth> DashboardView::selectedMonth() const
{
    const int index = m_to->currentIndex();
    if (index < 0 || static_cast<std::size_t>(index) >= m_report.series.size())
        return std::nullopt;
    return m_report.series.at(static_cast<std::size_t>(index)).period.firstMonth();
}

std::array<QChartView *, 5> DashboardView::chartViews() const
{
    return {m_mrrView, m_movementsView, m_customersView, m_retentionView, m_unitEconomicsView};
}

QChart *DashboardView::mrrChart() const
{
    return m_mrrView->chart();
}

QChart *DashboardView::movementsChart() const
{
    return m_movementsView->chart();
}

QChart *DashboardView::customersChart() const
{
    return m_customersView->chart();
}

QChart *DashboardView::retentionChart() const
{
    return m_retentionView->chart();
}

QChart *DashboardView::unitEconomicsChart() const
{
    return m_unitEconomicsView->chart();
}

QString DashboardView::currencyCode() const
{
    return m_report.currency ? QString::fromStdString(m_report.currency->toString()).toUpper()
                             : QString();
}

QString DashboardView::money(std::int64_t minorUnits) const
{
    return DisplayFormat::money(
        Money(minorUnits, m_report.currency.value_or(*Currency::fromCode("usd"))));
}

double DashboardView::major(std::int64_t minorUnits) const
{
    // Chart coordinates only: stored money stays in integer minor units.
    const int exponent = m_report.currency ? m_report.currency->exponent() : 2;
    return static_cast<double>(minorUnits) / std::pow(10.0, exponent);
}

void DashboardView::render()
{
    const bool hasData = !m_report.series.empty();
    const int first = m_from->currentIndex();
    const int last = m_to->currentIndex();
    for (KpiCard *card : m_cards)
        card->setVisible(hasData);
    m_whatIf->setVisible(hasData);
    m_exportCsv->setEnabled(hasData);
    m_exportPdf->setEnabled(hasData);
    m_exportPng->setEnabled(hasData);
    m_print->setEnabled(hasData);
    if (!hasData) {
        for (QChartView *view : chartViews())
            view->setVisible(false);
    }
    const quint64 generation = ++m_renderGeneration;
    if (!hasData || first < 0 || last < first) {
        m_rendering = false;
        Q_EMIT updated();
        return;
    }
    renderCards(static_cast<std::size_t>(last));
    // Each chart's new points, ranges and labels cost a layout of that chart: one chart per turn
    // of the event loop (painted in between), so that a render never blocks the GUI for long.
    m_rendering = true;
    QTimer::singleShot(0, this, [this, generation] { renderChart(0, generation); });
}

void DashboardView::renderChart(std::size_t chart, quint64 generation)
{
    if (generation != m_renderGeneration)
        return; // a newer render started over
    const int fromIndex = m_from->currentIndex();
    const int toIndex = m_to->currentIndex();
    if (m_report.series.empty() || fromIndex < 0 || toIndex < fromIndex) {
        m_rendering = false;
        Q_EMIT updated();
        return;
    }
    const auto first = static_cast<std::size_t>(fromIndex);
    const auto last = static_cast<std::size_t>(toIndex);
    m_chartFirst.at(chart) = first;
    // Built, shown and laid out in its own turn, as the data it shows.
    buildChart(chart);
    switch (chart) {
    case 0:
        renderMrrChart(first, last);
        break;
    case 1:
        renderMovementsChart(first, last);
        break;
    default:
        renderLineChart(m_lineCharts.at(chart - 2), first, last);
        break;
    }
    chartViews().at(chart)->setVisible(true);
    if (chart + 1 < 2 + m_lineCharts.size()) {
        QTimer::singleShot(0, this, [this, chart, generation] {
            renderChart(chart + 1, generation);
        });
        return;
    }
    m_rendering = false;
    Q_EMIT updated();
}

void DashboardView::renderCards(std::size_t index)
{
    const PeriodMetrics &m = m_report.series.at(index);
    m_whatIf->setActual(&m, m_report.currency.value_or(*Currency::fromCode("usd")), m_options);
    const PeriodMetrics *previous = index > 0 ? &m_report.series.at(index - 1) : nullptr;
    const QString previousLabel = previous ? periodLabel(previous->period) : QString();

    const QString noStartCustomers = periodText(
        QT_TR_NOOP("No paying customers at the start of the month"),
        QT_TR_NOOP("No paying customers at the start of the quarter"));
    const QString noEndCustomers = periodText(QT_TR_NOOP(
                                                  "No paying customers at the end of the month"),
                                              QT_TR_NOOP(
                                                  "No paying customers at the end of the quarter"));
    const QString noStartMrr = periodText(QT_TR_NOOP("No MRR at the start of the month"),
                                          QT_TR_NOOP("No MRR at the start of the quarter"));
    QString cacReason;
    if (m_planFilter)
        cacReason = tr("Acquisition spend is not recorded per plan");
    else if (!m.spend)
        cacReason = periodText(QT_TR_NOOP("No acquisition spend recorded for this month"),
                               QT_TR_NOOP("No acquisition spend recorded for this quarter"));
    else if (m.newCustomers == 0)
        cacReason = periodText(QT_TR_NOOP("No new customers this month"),
                               QT_TR_NOOP("No new customers this quarter"));
    QString ltvReason = !m.arpa ? noEndCustomers : noStartCustomers;

    // Money and counts: the value, and the change in percent of the previous month's.
    const auto setAmount = [&](Kpi kpi,
                               std::optional<std::int64_t> value,
                               std::optional<std::int64_t> before,
                               bool isMoney,
                               bool higherIsBetter,
                               const QString &reason) {
        KpiCard *card = this->card(kpi);
        if (!value) {
            card->setUndefined(reason);
            card->setChange(QString(), KpiCard::Tone::Neutral);
            return;
        }
        card->setValue(isMoney ? money(*value) : QLocale().toString(static_cast<qint64>(*value)),
                       QVariant::fromValue(static_cast<qint64>(*value)));
        if (!previous || !before) {
            card->setChange(previous ? tr("No figure for %1").arg(previousLabel) : QString(),
                            KpiCard::Tone::Neutral);
            return;
        }
        const std::int64_t difference = *value - *before;
        QString text = isMoney ? money(std::llabs(difference))
                               : QLocale().toString(static_cast<qint64>(std::llabs(difference)));
        if (*before != 0) {
            text += QStringLiteral(" (")
                    + percent(std::fabs(static_cast<double>(difference))
                              / static_cast<double>(std::llabs(*before)))
                    + QStringLiteral(")");
        }
        card->setChange(tr("%1 vs %2")
                            .arg(signedText(static_cast<double>(difference), text), previousLabel),
                        toneOf(static_cast<double>(difference), higherIsBetter));
    };
    // Ratios: the value, and the change in points (percentages) or plain units.
    const auto setRatio = [&](Kpi kpi,
                              std::optional<double> value,
                              std::optional<double> before,
                              bool isPercent,
                              bool higherIsBetter,
                              const QString &reason) {
        KpiCard *card = this->card(kpi);
        if (!value) {
            card->setUndefined(reason);
            card->setChange(QString(), KpiCard::Tone::Neutral);
            return;
        }
        card->setValue(isPercent ? percent(*value) : decimal(*value, 2), *value);
        if (!previous || !before) {
            card->setChange(previous ? tr("No figure for %1").arg(previousLabel) : QString(),
                            KpiCard::Tone::Neutral);
            return;
        }
        double difference = *value - *before;
        if (std::fabs(difference) < (isPercent ? 0.0005 : 0.005))
            difference = 0; // shown as 0.0 pp / 0.00: no arrow, no colour
        const QString text = isPercent ? tr("%1 pp").arg(decimal(std::fabs(difference) * 100, 1))
                                       : decimal(std::fabs(difference), 2);
        card->setChange(tr("%1 vs %2").arg(signedText(difference, text), previousLabel),
                        toneOf(difference, higherIsBetter));
    };
    const auto opt = [](std::int64_t value) { return std::optional<std::int64_t>(value); };

    setAmount(
        Kpi::Mrr, opt(m.endMrr), previous ? opt(previous->endMrr) : std::nullopt, true, true, {});
    setAmount(Kpi::Arr,
              opt(m.endMrr * 12),
              previous ? opt(previous->endMrr * 12) : std::nullopt,
              true,
              true,
              {});
    setAmount(Kpi::Customers,
              opt(m.customersEnd),
              previous ? opt(previous->customersEnd) : std::nullopt,
              false,
              true,
              {});
    setAmount(
        Kpi::Arpa, m.arpa, previous ? previous->arpa : std::nullopt, true, true, noEndCustomers);
    setRatio(Kpi::CustomerChurn,
             m.customerChurnRate,
             previous ? previous->customerChurnRate : std::nullopt,
             true,
             false,
             noStartCustomers);
    setRatio(Kpi::Nrr, m.nrr, previous ? previous->nrr : std::nullopt, true, true, noStartMrr);
    setRatio(Kpi::Grr, m.grr, previous ? previous->grr : std::nullopt, true, true, noStartMrr);
    setRatio(Kpi::QuickRatio,
             m.quickRatio,
             previous ? previous->quickRatio : std::nullopt,
             false,
             true,
             periodText(QT_TR_NOOP("No contraction or churn this month"),
                        QT_TR_NOOP("No contraction or churn this quarter")));
    setAmount(Kpi::Cac, m.cac, previous ? previous->cac : std::nullopt, true, false, cacReason);
    setAmount(Kpi::Ltv, m.ltv, previous ? previous->ltv : std::nullopt, true, true, ltvReason);

    QString ltvCacReason = !m.cac ? cacReason : !m.ltv ? ltvReason : QString();
    if (ltvCacReason.isEmpty())
        ltvCacReason = periodText(QT_TR_NOOP("No acquisition spend this month"),
                                  QT_TR_NOOP("No acquisition spend this quarter"));
    setRatio(Kpi::LtvCac,
             m.ltvCacRatio,
             previous ? previous->ltvCacRatio : std::nullopt,
             false,
             true,
             ltvCacReason);
    KpiCard *ltvCac = card(Kpi::LtvCac);
    if (m.ltvCacRatio) {
        const bool met = *m.ltvCacRatio >= ltvCacTarget;
        ltvCac->setNote(met ? tr("At or above the %1 target").arg(decimal(ltvCacTarget, 1))
                            : tr("Below the %1 target").arg(decimal(ltvCacTarget, 1)),
                        met ? KpiCard::Tone::Good : KpiCard::Tone::Bad);
    } else {
        ltvCac->setNote(tr("Target %1").arg(decimal(ltvCacTarget, 1)), KpiCard::Tone::Neutral);
    }

    KpiCard *payback = card(Kpi::Payback);
    if (m.paybackMonths) {
        payback->setValue(tr("%1 months").arg(decimal(*m.paybackMonths, 1)), *m.paybackMonths);
        if (previous && previous->paybackMonths) {
            const double difference = *m.paybackMonths - *previous->paybackMonths;
            payback->setChange(
                tr("%1 vs %2")
                    .arg(signedText(difference,
                                    tr("%1 months").arg(decimal(std::fabs(difference), 1))),
                         previousLabel),
                toneOf(difference, false));
        } else {
            payback->setChange(previous ? tr("No figure for %1").arg(previousLabel) : QString(),
                               KpiCard::Tone::Neutral);
        }
    } else {
        payback->setUndefined(!m.cac ? cacReason : noEndCustomers);
        payback->setChange(QString(), KpiCard::Tone::Neutral);
    }
}

QChart *DashboardView::newChart(QChartView *view, const QString &title)
{
    auto *chart = new QChart;
    chart->setLocalizeNumbers(true);
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    QFont legendFont = chart->legend()->font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    chart->legend()->setFont(legendFont);
    QChart *old = view->chart();
    view->setChart(chart);
    delete old;
    return chart;
}

QCategoryAxis *DashboardView::newMonthAxis(QChart *chart)
{
    auto *axis = new QCategoryAxis(chart);
    // A label on its month's point (or bar), not between two boundaries.
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    chart->addAxis(axis, Qt::AlignBottom);
    return axis;
}

void DashboardView::updateMonthAxis(QCategoryAxis *axis, std::size_t first, std::size_t last)
{
    // Points sit at 0, 1, ... (the month's offset from the first shown), half a month of margin
    // on both sides as a bar category axis has. Labels only every `step` months: a bounded
    // count to lay out, however many months are shown.
    const auto count = static_cast<int>(last - first + 1);
    int step = 1;
    for (const int candidate : {1, 2, 3, 4, 6, 12, 24, 36, 60, 120}) {
        step = candidate;
        if ((count + candidate - 1) / candidate <= maxMonthLabels)
            break;
    }
    // Labels on calendar-aligned months (January, April, ... for a step of 3) read better.
    const Period firstPeriod = m_report.series.at(first).period;
    const YearMonth firstMonth = firstPeriod.firstMonth();
    const int per = monthsPerPeriod(firstPeriod.interval());
    const int stepMonths = step * per;
    const int align = stepMonths > per && 12 % stepMonths == 0
                          ? (stepMonths - (firstMonth.month() - 1) % stepMonths) % stepMonths / per
                          : 0;
    QStringList labels;
    std::vector<double> positions;
    for (int offset = align; offset < count; offset += step) {
        labels.append(shortPeriodLabel(
            Period::containing(firstMonth.plusMonths(offset * per), firstPeriod.interval())));
        positions.push_back(offset);
    }
    if (axis->categoriesLabels() == labels && axis->min() == -0.5 && axis->max() == count - 0.5)
        return;
    const QStringList old = axis->categoriesLabels();
    for (const QString &label : old)
        axis->remove(label);
    axis->setStartValue(-0.5);
    for (qsizetype i = 0; i < labels.size(); ++i)
        axis->append(labels.at(i), positions.at(static_cast<std::size_t>(i)));
    axis->setRange(-0.5, count - 0.5);
}

void DashboardView::attachLegendToggles(QChart *chart)
{
    const QList<QLegendMarker *> markers = chart->legend()->markers();
    for (QLegendMarker *marker : markers) {
        const QString name = marker->label();
        connect(marker, &QLegendMarker::clicked, this, [this, name] {
            if (m_hiddenSeries.contains(name))
                m_hiddenSeries.remove(name);
            else
                m_hiddenSeries.insert(name);
            // The ranges follow what is shown: redrawn after this click's handling.
            QMetaObject::invokeMethod(this, &DashboardView::render, Qt::QueuedConnection);
        });
    }
}

void DashboardView::updateLegend(QChart *chart)
{
    // A hidden series keeps its marker, greyed, to show it again.
    const QList<QLegendMarker *> markers = chart->legend()->markers();
    for (QLegendMarker *marker : markers) {
        const bool hidden = m_hiddenSeries.contains(marker->label());
        marker->setVisible(true);
        QBrush brush;
        if (hidden) {
            brush = QColor(0xdd, 0xe1, 0xe6);
        } else if (auto *bar = qobject_cast<QBarLegendMarker *>(marker)) {
            brush = bar->barset()->brush();
        } else if (auto *xy = qobject_cast<QXYSeries *>(marker->series())) {
            brush = xy->color();
        }
        const QBrush label = hidden ? QBrush(QColor(0x9a, 0xa3, 0xad))
                                    : chart->legend()->labelBrush();
        if (marker->labelBrush() != label)
            marker->setLabelBrush(label);
        if (marker->brush() != brush)
            marker->setBrush(brush);
    }
}

void DashboardView::showLineTip(std::size_t chart,
                                const QString &name,
                                const QPointF &point,
                                bool state,
                                const std::function<QString(const PeriodMetrics &)> &text)
{
    if (!state) {
        QToolTip::hideText();
        return;
    }
    const auto offset = static_cast<std::size_t>(std::max(0L, std::lround(point.x())));
    const std::size_t first = m_chartFirst.at(chart);
    if (first + offset >= m_report.series.size())
        return;
    const PeriodMetrics &m = m_report.series[first + offset];
    QToolTip::showText(QCursor::pos(),
                       name.isEmpty()
                           ? text(m)
                           : tr("%1 \u00b7 %2: %3").arg(periodLabel(m.period), name, text(m)));
}

void DashboardView::buildChart(std::size_t chart)
{
    if (m_chartBuilt.at(chart))
        return;
    m_chartBuilt.at(chart) = true;
    if (chart == 0) {
        buildMrrChart();
        return;
    }
    if (chart == 1) {
        buildMovementsChart();
        return;
    }

    const auto percentValue = [](std::optional<double> PeriodMetrics::*field) {
        return [field](const PeriodMetrics &m) -> std::optional<double> {
            if (!(m.*field))
                return std::nullopt;
            return *(m.*field) * 100.0;
        };
    };
    const auto percentText = [](std::optional<double> PeriodMetrics::*field) {
        return [field](const PeriodMetrics &m) {
            return m.*field ? percent(*(m.*field)) : QStringLiteral("\u2013");
        };
    };
    const QColor blue(0x1f, 0x5f, 0xbf);
    const QColor red(0xc6, 0x28, 0x28);
    const QColor green(0x2e, 0x7d, 0x32);
    const QColor amber(0xf5, 0x9e, 0x0b);

    if (chart == 2) {
        buildLineChart(m_lineCharts[0],
                       m_customersView,
                       tr("Customers and churn"),
                       {tr("Customers")},
                       {tr("Churn (%)"), "%.1f"},
                       {{tr("Customers"),
                         [](const PeriodMetrics &m) {
                             return std::optional<double>(static_cast<double>(m.customersEnd));
                         },
                         false,
                         blue,
                         Qt::SolidLine,
                         [](const PeriodMetrics &m) { return QLocale().toString(m.customersEnd); }},
                        {tr("Customer churn"),
                         percentValue(&PeriodMetrics::customerChurnRate),
                         true,
                         red,
                         Qt::SolidLine,
                         percentText(&PeriodMetrics::customerChurnRate)}});
        return;
    }
    if (chart == 3) {
        buildLineChart(m_lineCharts[1],
                       m_retentionView,
                       tr("Revenue retention"),
                       {tr("Retention (%)"), "%.0f", false},
                       {},
                       {{tr("NRR"),
                         percentValue(&PeriodMetrics::nrr),
                         false,
                         green,
                         Qt::SolidLine,
                         percentText(&PeriodMetrics::nrr)},
                        {tr("GRR"),
                         percentValue(&PeriodMetrics::grr),
                         false,
                         blue,
                         Qt::SolidLine,
                         percentText(&PeriodMetrics::grr)}});
        return;
    }
    const QString target = decimal(ltvCacTarget, 1);
    buildLineChart(m_lineCharts[2],
                   m_unitEconomicsView,
                   tr("LTV:CAC and CAC payback"),
                   {tr("LTV:CAC"), "%.1f"},
                   {tr("Payback (months)"), "%.1f"},
                   {{tr("LTV:CAC"),
                     [](const PeriodMetrics &m) { return m.ltvCacRatio; },
                     false,
                     blue,
                     Qt::SolidLine,
                     [](const PeriodMetrics &m) {
                         return m.ltvCacRatio ? decimal(*m.ltvCacRatio, 2)
                                              : QStringLiteral("\u2013");
                     }},
                    {tr("Target %1").arg(target),
                     [](const PeriodMetrics &) { return std::optional<double>(ltvCacTarget); },
                     false,
                     green,
                     Qt::DashLine,
                     [target](const PeriodMetrics &) { return QString(target); }},
                    {tr("CAC payback"),
                     [](const PeriodMetrics &m) { return m.paybackMonths; },
                     true,
                     amber,
                     Qt::SolidLine,
                     [](const PeriodMetrics &m) {
                         return m.paybackMonths ? tr("%1 months").arg(decimal(*m.paybackMonths, 1))
                                                : QStringLiteral("\u2013");
                     }}});
}

void DashboardView::buildMrrChart()
{
    QChart *chart = newChart(m_mrrView, tr("MRR and ARR"));
    m_mrrSeries = new QLineSeries(chart);
    m_mrrSeries->setName(tr("MRR"));
    m_arrSeries = new QLineSeries(chart);
    m_arrSeries->setName(tr("ARR"));
    chart->addSeries(m_mrrSeries);
    chart->addSeries(m_arrSeries);
    // ARR is 12 x MRR: its axis is the MRR axis times 12, so both read off the same curve.
    m_mrrAxisX = newMonthAxis(chart);
    m_mrrAxis = new QValueAxis(chart);
    m_mrrAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_arrAxis = new QValueAxis(chart);
    m_arrAxis->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(m_mrrAxis, Qt::AlignLeft);
    chart->addAxis(m_arrAxis, Qt::AlignRight);
    m_mrrSeries->attachAxis(m_mrrAxisX);
    m_mrrSeries->attachAxis(m_mrrAxis);
    m_arrSeries->attachAxis(m_mrrAxisX);
    m_arrSeries->attachAxis(m_arrAxis);
    QPen mrrPen(QColor(0x1f, 0x5f, 0xbf));
    mrrPen.setWidth(4);
    m_mrrSeries->setPen(mrrPen);
    m_mrrSeries->setPointsVisible(true);
    QPen arrPen(QColor(0xf5, 0x9e, 0x0b));
    arrPen.setWidth(2);
    arrPen.setStyle(Qt::DashLine);
    m_arrSeries->setPen(arrPen);
    const auto hover = [this](const QPointF &point, bool state) {
        showLineTip(0, QString(), point, state, [this](const PeriodMetrics &m) {
            return tr("%1\nMRR: %2\nARR: %3")
                .arg(periodLabel(m.period), money(m.endMrr), money(m.endMrr * 12));
        });
    };
    connect(m_mrrSeries, &QLineSeries::hovered, this, hover);
    connect(m_arrSeries, &QLineSeries::hovered, this, hover);
    attachLegendToggles(chart);
}

void DashboardView::renderMrrChart(std::size_t first, std::size_t last)
{
    QList<QPointF> mrr;
    QList<QPointF> arr;
    mrr.reserve(static_cast<qsizetype>(last - first) + 1);
    arr.reserve(static_cast<qsizetype>(last - first) + 1);
    double mrrMax = 0;
    for (std::size_t i = first; i <= last; ++i) {
        const PeriodMetrics &m = m_report.series[i];
        const auto x = static_cast<double>(i - first);
        mrr.append({x, major(m.endMrr)});
        arr.append({x, major(m.endMrr * 12)});
        mrrMax = std::max(mrrMax, major(m.endMrr));
    }
    m_mrrSeries->replace(mrr);
    m_arrSeries->replace(arr);
    updateMonthAxis(m_mrrAxisX, first, last);
    const QString code = currencyCode();
    setNiceRange(m_mrrAxis, 0, std::max(1.0, mrrMax * 1.1));
    setTitle(m_mrrAxis, tr("MRR (%1)").arg(code));
    m_arrAxis->setRange(m_mrrAxis->min() * 12, m_mrrAxis->max() * 12);
    m_arrAxis->setTickCount(m_mrrAxis->tickCount());
    setTitle(m_arrAxis, tr("ARR (%1)").arg(code));
    m_mrrSeries->setVisible(!m_hiddenSeries.contains(m_mrrSeries->name()));
    m_arrSeries->setVisible(!m_hiddenSeries.contains(m_arrSeries->name()));
    updateLegend(m_mrrView->chart());
}

void DashboardView::buildMovementsChart()
{
    QChart *chart = newChart(m_movementsView, tr("MRR movements"));
    m_movements = {
        {tr("New"), &PeriodMetrics::newMrr, 1, QColor(0x2e, 0x7d, 0x32)},
        {tr("Expansion"), &PeriodMetrics::expansionMrr, 1, QColor(0x66, 0xbb, 0x6a)},
        {tr("Reactivation"), &PeriodMetrics::reactivationMrr, 1, QColor(0x26, 0xa6, 0x9a)},
        {tr("Contraction"), &PeriodMetrics::contractionMrr, -1, QColor(0xef, 0x9a, 0x9a)},
        {tr("Churn"), &PeriodMetrics::churnedMrr, -1, QColor(0xc6, 0x28, 0x28)},
    };
    m_movementBars = new QStackedBarSeries(chart);
    for (Movement &movement : m_movements) {
        movement.set = new QBarSet(movement.name, m_movementBars);
        movement.set->setColor(movement.color);
        movement.set->setBorderColor(movement.color);
        m_movementBars->append(movement.set);
    }
    m_netSeries = new QLineSeries(chart);
    m_netSeries->setName(tr("Net new MRR"));
    chart->addSeries(m_movementBars);
    chart->addSeries(m_netSeries);
    m_movementsAxisX = newMonthAxis(chart);
    m_movementsAxisY = new QValueAxis(chart);
    m_movementsAxisY->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(m_movementsAxisY, Qt::AlignLeft);
    m_movementBars->attachAxis(m_movementsAxisX);
    m_movementBars->attachAxis(m_movementsAxisY);
    m_netSeries->attachAxis(m_movementsAxisX);
    m_netSeries->attachAxis(m_movementsAxisY);
    QPen netPen(QColor(0x1f, 0x3a, 0x93));
    netPen.setWidth(2);
    m_netSeries->setPen(netPen);
    m_netSeries->setPointsVisible(true);
    connect(m_movementBars,
            &QStackedBarSeries::hovered,
            this,
            [this](bool state, int index, QBarSet *set) {
                if (!state) {
                    QToolTip::hideText();
                    return;
                }
                const std::size_t at = m_chartFirst.at(1) + static_cast<std::size_t>(index);
                if (at >= m_report.series.size())
                    return;
                const PeriodMetrics &m = m_report.series[at];
                for (const Movement &movement : m_movements) {
                    if (movement.set != set)
                        continue;
                    const std::int64_t value = m.*(movement.field);
                    QToolTip::showText(QCursor::pos(),
                                       tr("%1 \u00b7 %2: %3")
                                           .arg(periodLabel(m.period),
                                                movement.name,
                                                (movement.sign < 0 && value > 0
                                                     ? QStringLiteral("\u2212")
                                                     : QString())
                                                    + money(value)));
                }
            });
    connect(m_netSeries, &QLineSeries::hovered, this, [this](const QPointF &point, bool state) {
        showLineTip(1, QString(), point, state, [this](const PeriodMetrics &m) {
            return tr("%1 \u00b7 Net new MRR: %2")
                .arg(periodLabel(m.period), money(m.endMrr - m.startMrr));
        });
    });
    attachLegendToggles(chart);
}

void DashboardView::renderMovementsChart(std::size_t first, std::size_t last)
{
    double top = 0;
    double bottom = 0;
    const bool netHidden = m_hiddenSeries.contains(m_netSeries->name());
    QList<QPointF> net;
    net.reserve(static_cast<qsizetype>(last - first) + 1);
    for (std::size_t i = first; i <= last; ++i) {
        const PeriodMetrics &m = m_report.series[i];
        double up = 0;
        double down = 0;
        for (const Movement &movement : m_movements) {
            if (m_hiddenSeries.contains(movement.name))
                continue;
            const double value = major(m.*(movement.field));
            (movement.sign > 0 ? up : down) += value;
        }
        const std::int64_t netNew = m.endMrr - m.startMrr;
        net.append({static_cast<double>(i - first), major(netNew)});
        top = std::max({top, up, netHidden ? 0.0 : major(netNew)});
        bottom = std::min({bottom, -down, netHidden ? 0.0 : major(netNew)});
    }
    for (const Movement &movement : m_movements) {
        const bool hidden = m_hiddenSeries.contains(movement.name);
        QList<qreal> values;
        values.reserve(static_cast<qsizetype>(last - first) + 1);
        for (std::size_t i = first; i <= last; ++i) {
            const double value = hidden ? 0.0 : major(m_report.series[i].*(movement.field));
            values.append(movement.sign * value);
        }
        // Same length: the values replaced in place; otherwise all at once.
        if (movement.set->count() == values.size()) {
            for (int i = 0; i < movement.set->count(); ++i) {
                if (movement.set->at(i) != values.at(i))
                    movement.set->replace(i, values.at(i));
            }
        } else {
            movement.set->remove(0, movement.set->count());
            movement.set->append(values);
        }
    }
    m_netSeries->replace(net);
    m_netSeries->setVisible(!netHidden);
    updateMonthAxis(m_movementsAxisX, first, last);
    const double span = std::max(1.0, top - bottom);
    setNiceRange(m_movementsAxisY, bottom - span * 0.05, top + span * 0.05);
    setTitle(m_movementsAxisY, tr("MRR (%1)").arg(currencyCode()));
    updateLegend(m_movementsView->chart());
}

void DashboardView::exportCsv()
{
    askAndExport(tr("Export the KPI table"),
                 tr("CSV files (*.csv)"),
                 QStringLiteral("tenantry-kpis.csv"),
                 [this](const QString &fileName, QString *error) {
                     return DashboardExporter::writeCsv(*this, fileName, error);
                 });
}

void DashboardView::exportPdf()
{
    askAndExport(tr("Export the dashboard"),
                 tr("PDF files (*.pdf)"),
                 QStringLiteral("tenantry-dashboard.pdf"),
                 [this](const QString &fileName, QString *error) {
                     return DashboardExporter::writePdf(*this, fileName, error);
                 });
}

void DashboardView::exportPng()
{
    askAndExport(tr("Export the dashboard"),
                 tr("PNG images (*.png)"),
                 QStringLiteral("tenantry-dashboard.png"),
                 [this](const QString &fileName, QString *error) {
                     return DashboardExporter::writePng(*this, fileName, error);
                 });
}

void DashboardView::print()
{
    askAndPrint([this](QPrinter &printer, QString *error) {
        return DashboardExporter::print(*this, printer, error);
    });
}

void DashboardView::exportChartPdf(QChartView *chart)
{
    askAndExport(tr("Export the chart"),
                 tr("PDF files (*.pdf)"),
                 QStringLiteral("tenantry-%1.pdf").arg(chart->objectName()),
                 [this, chart = QPointer<QChartView>(chart)](const QString &fileName,
                                                             QString *error) {
                     return chart
                            && DashboardExporter::writeChartPdf(*this, chart, fileName, error);
                 });
}

void DashboardView::exportChartPng(QChartView *chart)
{
    askAndExport(tr("Export the chart"),
                 tr("PNG images (*.png)"),
                 QStringLiteral("tenantry-%1.png").arg(chart->objectName()),
                 [this, chart = QPointer<QChartView>(chart)](const QString &fileName,
                                                             QString *error) {
                     return chart
                            && DashboardExporter::writeChartPng(*this, chart, fileName, error);
                 });
}

void DashboardView::printChart(QChartView *chart)
{
    askAndPrint([this, chart = QPointer<QChartView>(chart)](QPrinter &printer, QString *error) {
        return chart && DashboardExporter::printChart(*this, chart, printer, error);
    });
}

void DashboardView::showChartMenu(QChartView *chart, const QPoint &position)
{
    if (m_report.series.empty())
        return;
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("chartMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const QPointer<QChartView> view(chart);
    menu->addAction(tr("Export chart as PNG\u2026"), this, [this, view] {
        if (view)
            exportChartPng(view);
    });
    menu->addAction(tr("Export chart as PDF\u2026"), this, [this, view] {
        if (view)
            exportChartPdf(view);
    });
    menu->addSeparator();
    menu->addAction(tr("Print chart\u2026"), this, [this, view] {
        if (view)
            printChart(view);
    });
    menu->popup(chart->viewport()->mapToGlobal(position));
}

void DashboardView::askAndPrint(std::function<bool(QPrinter &, QString *)> paint)
{
    auto printer = std::make_shared<QPrinter>(QPrinter::HighResolution);
    printer->setPageOrientation(QPageLayout::Landscape);
    auto *dialog = new QPrintDialog(printer.get(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Print the dashboard"));
    connect(dialog, &QDialog::accepted, this, [this, printer, paint = std::move(paint)] {
        QString error;
        if (!paint(*printer, &error) && error.isEmpty())
            error = tr("The printer did not accept the page.");
        Q_EMIT printed(error);
    });
    dialog->open();
}

void DashboardView::askAndExport(const QString &title,
                                 const QString &filter,
                                 const QString &suggestedName,
                                 std::function<bool(const QString &, QString *)> write)
{
    auto *dialog = new QFileDialog(this, title, QString(), filter);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QFileInfo(suggestedName).suffix());
    dialog->selectFile(suggestedName);
    connect(dialog,
            &QFileDialog::fileSelected,
            this,
            [this, write = std::move(write)](const QString &fileName) {
                QString error;
                write(fileName, &error);
                Q_EMIT exported(fileName, error);
            });
    dialog->open();
}

void DashboardView::buildLineChart(LineChart &lineChart,
                                   QChartView *view,
                                   const QString &title,
                                   const Axis &left,
                                   const Axis &right,
                                   std::vector<Line> lines)
{
    QChart *chart = newChart(view, title);
    lineChart.view = view;
    lineChart.left = left;
    lineChart.right = right;
    lineChart.lines = std::move(lines);
    lineChart.axisX = newMonthAxis(chart);
    // Its index in renderChart()'s order: after the MRR and the movements charts.
    const auto index = 2 + static_cast<std::size_t>(&lineChart - m_lineCharts.data());
    const std::array<const Axis *, 2> sides{&left, &right};
    for (std::size_t side = 0; side < 2; ++side) {
        const Axis &spec = *sides.at(side);
        if (spec.title.isEmpty())
            continue;
        auto *axis = new QValueAxis(chart);
        axis->setLabelFormat(QString::fromLatin1(spec.labelFormat));
        axis->setTitleText(spec.title);
        chart->addAxis(axis, side == 0 ? Qt::AlignLeft : Qt::AlignRight);
        lineChart.axes.at(side) = axis;
    }
    for (const Line &line : lineChart.lines) {
        auto *points = new QLineSeries(chart);
        points->setName(line.name);
        QPen pen(line.color);
        pen.setWidth(2);
        pen.setStyle(line.style);
        points->setPen(pen);
        points->setPointsVisible(line.style == Qt::SolidLine);
        chart->addSeries(points);
        points->attachAxis(lineChart.axisX);
        if (QValueAxis *axis = lineChart.axes.at(line.rightAxis ? 1 : 0))
            points->attachAxis(axis);
        lineChart.series.push_back(points);
        connect(points,
                &QLineSeries::hovered,
                this,
                [this, index, text = line.text, name = line.name](const QPointF &point, bool state) {
                    showLineTip(index, name, point, state, text);
                });
    }
    attachLegendToggles(chart);
}

void DashboardView::renderLineChart(LineChart &chart, std::size_t first, std::size_t last)
{
    const std::array<const Axis *, 2> sides{&chart.left, &chart.right};
    constexpr double none = std::numeric_limits<double>::infinity();
    std::array<double, 2> maximum{-none, -none};
    std::array<double, 2> minimum{none, none};
    for (std::size_t side = 0; side < 2; ++side) {
        if (sides.at(side)->fromZero) {
            minimum.at(side) = 0;
            maximum.at(side) = 1;
        }
    }
    for (std::size_t l = 0; l < chart.lines.size(); ++l) {
        const Line &line = chart.lines[l];
        const std::size_t side = line.rightAxis ? 1 : 0;
        QList<QPointF> points;
        points.reserve(static_cast<qsizetype>(last - first) + 1);
        // An undefined value leaves its month out; the line joins the months around it.
        for (std::size_t i = first; i <= last; ++i) {
            const std::optional<double> value = line.value(m_report.series[i]);
            if (!value)
                continue;
            points.append({static_cast<double>(i - first), *value});
            maximum.at(side) = std::max(maximum.at(side), *value);
            minimum.at(side) = std::min(minimum.at(side), *value);
        }
        chart.series[l]->replace(points);
        chart.series[l]->setVisible(!m_hiddenSeries.contains(line.name));
    }
    updateMonthAxis(chart.axisX, first, last);
    for (std::size_t side = 0; side < 2; ++side) {
        const Axis &spec = *sides.at(side);
        QValueAxis *axis = chart.axes.at(side);
        if (!axis)
            continue;
        if (minimum.at(side) > maximum.at(side)) { // no data on this side
            minimum.at(side) = 0;
            maximum.at(side) = 1;
        }
        const double span = std::max(1e-9, maximum.at(side) - minimum.at(side));
        setNiceRange(axis,
                     spec.fromZero ? minimum.at(side) : minimum.at(side) - span * 0.1,
                     maximum.at(side) + span * 0.1);
    }
    updateLegend(chart.view->chart());
}

bool DashboardView::isSyncing() const
{
    return m_sync->isRunning();
}

void DashboardView::sync()
{
    if (m_sync->isRunning() || !m_client)
        return;
    m_sync->start();
    m_progress->setVisible(true);
    m_cancel->setVisible(true);
    m_syncButton->setEnabled(false);
    updateDataAge();
}

void DashboardView::cancelSync()
{
    m_sync->cancel();
    syncEnded();
}

void DashboardView::syncProgressed(int pages, qint64 rows)
{
    Q_UNUSED(rows)
    Q_UNUSED(pages)
    updateDataAge();
}

void DashboardView::syncEnded()
{
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    m_syncButton->setEnabled(true);
    if (m_sync->hasError()) {
        if (m_sync->apiError())
            Q_EMIT errorOccurred(*m_sync->apiError());
        m_message->setText(tr("The last sync failed: %1").arg(m_sync->errorMessage()));
        m_message->setVisible(true);
    }
    updateDataAge();
    // Whatever was fetched is in the cache, even when cancelled or failed part way.
    if (m_sync->pageCount() > 0 || m_sync->hasError())
        loadCache();
    Q_EMIT syncFinished();
}

QString DashboardView::dataAgeText() const
{
    if (m_sync->isRunning()) {
        return tr("Syncing\u2026 %Ln page(s), %1 rows", nullptr, m_sync->pageCount())
            .arg(QLocale().toString(m_sync->eventRowCount() + m_sync->spendRowCount()
                                    + m_sync->tenantRowCount()));
    }
    const QDateTime lastSync = m_lastSync;
    if (!lastSync.isValid())
        return m_ageKnown ? tr("Never synced") : tr("Reading the local cache\u2026");
    const qint64 seconds = lastSync.secsTo(QDateTime::currentDateTimeUtc());
    const auto minutes = static_cast<int>(seconds / 60);
    if (minutes < 1)
        return tr("Data from just now");
    if (minutes < 60)
        return tr("Data from %Ln minute(s) ago", nullptr, minutes);
    const int hours = minutes / 60;
    if (hours < 48)
        return tr("Data from %Ln hour(s) ago", nullptr, hours);
    return tr("Data from %Ln day(s) ago", nullptr, hours / 24);
}

void DashboardView::updateDataAge()
{
    m_dataAge->setText(dataAgeText());
    if (m_lastSync.isValid())
        m_dataAge->setToolTip(QLocale().toString(m_lastSync.toLocalTime(), QLocale::LongFormat));
}

} // namespace Tenantry
