// The finance dashboard over 1,000,000 MRR events (issue #6's benchmark, the part that needs no
// server): the events of bench_series written into a MetricsCache page by page as MetricsSync
// writes them, then read back, computed, and shown by a DashboardView offscreen. Prints the
// cache's write time and size, the load and compute times, the dashboard's first paint from
// the cache, a month-range change, a change of the churn floor (a recomputation), the quarter
// view, a plan filter (MrrLedger::ofPlan of the held ledger) and a reload,
// the longest stall of the GUI thread while the dashboard works, and the peak RSS.
//
//   QT_QPA_PLATFORM=offscreen build/ci/bench/bench_dashboard [events]
//
// For steadier stall figures on a busy machine run the GUI thread real-time: `chrt -f 10 ...`.
// Only the GUI thread keeps that policy: the threads it starts (the cache and compute workers)
// run at the normal one, as in the console (see keepRealTimeToThisThread()).

#include "client/metricscache.h"
#include "client/metricsreport.h"
#include "core/demo/deterministicrandom.h"
#include "core/metrics/cohorts.h"
#include "core/metrics/mrrledger.h"
#include "core/metrics/series.h"
#include "ui/dashboardview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <sched.h>
#include <sys/resource.h>

#include <array>
#include <cstdio>
#include <memory>
#include <vector>

namespace {

using namespace Tenantry;

constexpr std::uint64_t kCustomers = 50000;
constexpr int kMonths = 60;
constexpr std::size_t kPage = 1000; // the feed's page size
constexpr std::array<const char *, 3> kPlans{"pln_basic", "pln_pro", "pln_enterprise"};

// As bench_series makes them, with ids and record times as the feed sends them; each
// subscription on one of three plans (for the plan filter's figure).
std::vector<MrrEventRecord> makeEvents(std::size_t count)
{
    DeterministicRandom random(42);
    const Currency usd = *Currency::fromCode("usd");
    const YearMonth first(2021, 1);
    const auto span = first.plusMonths(kMonths).start() - first.start();
    std::vector<MrrEventRecord> events;
    events.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const auto at = first.start()
                        + span * static_cast<std::int64_t>(i) / static_cast<std::int64_t>(count);
        const std::uint64_t customer = random.below(kCustomers);
        const std::uint64_t subscription = customer * 2 + random.below(2);
        const std::int64_t mrr = random.below(6) == 0 ? 0 : random.between(1, 100) * 900;
        events.push_back({"mrr_" + std::to_string(i),
                          MrrEvent{"ten_" + std::to_string(customer),
                                   "sub_" + std::to_string(subscription),
                                   at,
                                   mrr,
                                   usd,
                                   std::string(kPlans[subscription % kPlans.size()])},
                          at});
    }
    return events;
}

// Current and peak resident set of this process, from /proc (MB).
long statusMb(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').first().toLong() / 1024;
    }
    return -1;
}

// Starts a new peak (VmHWM) from the current resident set, so that a phase's peak can be read.
void resetPeakRss()
{
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    if (clearRefs.open(QIODevice::WriteOnly))
        clearRefs.write("5");
}

long peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

// The longest gap between two turns of the event loop, measured with a 1 ms timer.
class StallMeter : public QObject
{
public:
    explicit StallMeter(QObject *parent)
        : QObject(parent)
    {
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            m_longest = std::max(m_longest, m_clock.restart());
        });
    }
    void start()
    {
        m_longest = 0;
        m_clock.start();
        m_timer.start();
    }
    // With the gap still open: the phase's last turn ends when its work is done, before the
    // timer could close that gap.
    long long longestMs() const
    {
        return static_cast<long long>(std::max(m_longest, m_clock.elapsed()));
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_longest = 0;
};

// Under `chrt -f`, every thread started later would inherit the real-time policy, and a worker
// of the same priority is never preempted by the GUI thread: with two workers on two cores the
// GUI thread would wait for them, hundreds of milliseconds, which is no stall of the
// dashboard's. Reset on fork (as `chrt -R`): new threads start at the normal policy.
void keepRealTimeToThisThread()
{
    const int policy = sched_getscheduler(0);
    if (policy != SCHED_FIFO && policy != SCHED_RR)
        return;
    sched_param param{};
    sched_getparam(0, &param);
    if (sched_setscheduler(0, policy | SCHED_RESET_ON_FORK, &param) != 0)
        std::perror("sched_setscheduler(SCHED_RESET_ON_FORK)");
}

bool waitUntil(const std::function<bool()> &condition, int timeoutMs = 120000)
{
    QElapsedTimer timer;
    timer.start();
    // Sleeps until an event comes (the stall meter's timer wakes it every millisecond): a busy
    // loop here would be the longest stall itself, under `chrt` as the kernel throttles a
    // real-time thread that spins (50 ms each second by default).
    while (!condition() && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    return condition();
}

} // namespace

int main(int argc, char **argv)
{
    keepRealTimeToThisThread();
    QApplication app(argc, argv);
    // The dashboard keeps its filters in QSettings: not in the user's, and none from a last run.
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    const std::size_t count = argc > 1 ? std::stoul(argv[1]) : 1000000;
    QTemporaryDir directory;
    const QString path = directory.filePath(QStringLiteral("bench.sqlite"));

    QElapsedTimer timer;
    timer.start();
    std::vector<MrrEventRecord> events = makeEvents(count);
    std::vector<SpendRecord> spend;
    for (int m = 0; m < kMonths; ++m) {
        const YearMonth month = YearMonth(2021, 1).plusMonths(m);
        spend.push_back({"spd_" + month.toString() + "usd",
                         AcquisitionSpend{month, Money(5000000, *Currency::fromCode("usd"))},
                         month.start(),
                         1});
    }
    std::printf("generated %zu events in %lld ms\n", count, timer.elapsed());
    std::printf("  RSS %ld MB, peak %ld MB\n", statusMb("VmRSS"), statusMb("VmHWM"));

    // As MetricsSync writes: each page through its own connection (the schema checked on
    // open), in one transaction.
    timer.restart();
    for (std::size_t i = 0; i < events.size(); i += kPage) {
        const std::vector<MrrEventRecord> page(events.begin() + static_cast<std::ptrdiff_t>(i),
                                               events.begin()
                                                   + static_cast<std::ptrdiff_t>(
                                                       std::min(i + kPage, events.size())));
        MetricsCache cache;
        if (!cache.open(path) || !cache.addEvents(page)) {
            std::fprintf(stderr, "%s\n", qPrintable(cache.errorMessage()));
            return 1;
        }
    }
    {
        MetricsCache cache;
        cache.open(path);
        cache.putSpend(spend);
        cache.setLastSync(QDateTime::currentDateTimeUtc());
    }
    std::printf("cache write (pages of %zu, as the sync writes): %lld ms\n", kPage, timer.elapsed());
    std::printf("  RSS %ld MB, peak %ld MB\n", statusMb("VmRSS"), statusMb("VmHWM"));
    events.clear();
    events.shrink_to_fit();
    std::printf("cache size: %.1f MB\n",
                static_cast<double>(QFileInfo(path).size()) / (1024.0 * 1024.0));

    MetricsData data;
    {
        timer.restart();
        MetricsCache cache;
        cache.open(path, MetricsCache::Check::Integrity);
        cache.load(data);
        std::printf("cache open with quick_check + load (%zu events): %lld ms\n",
                    data.events.size(),
                    timer.elapsed());
    }
    std::printf("  RSS %ld MB, peak %ld MB\n", statusMb("VmRSS"), statusMb("VmHWM"));
    timer.restart();
    const MetricsReport report = MetricsReport::compute(data, std::nullopt);
    std::printf("MetricsReport::compute (%zu months): %lld ms, of which\n",
                report.series.size(),
                timer.elapsed());
    timer.restart();
    const Result<MrrLedger> ledger = MrrLedger::build(data.events, *Currency::fromCode("usd"));
    std::printf("  MrrLedger::build %lld ms,", timer.restart());
    const Result<std::vector<PeriodMetrics>> series = computeSeries(*ledger, {});
    std::printf(" computeSeries %lld ms,", timer.restart());
    const Result<std::vector<CohortRow>> cohorts = computeCohorts(*ledger);
    std::printf(" computeCohorts %lld ms\n", timer.restart());
    std::printf("  RSS %ld MB, peak %ld MB\n", statusMb("VmRSS"), statusMb("VmHWM"));
    data = MetricsData();
    // From here on the dashboard alone: the figures above belong to the benchmark's own copies.
    resetPeakRss();
    std::printf("  RSS before the dashboard %ld MB\n", statusMb("VmRSS"));

    StallMeter stalls(&app);
    stalls.start();
    timer.restart();
    auto first = std::make_unique<DashboardView>(nullptr, path);
    DashboardView &view = *first;
    view.setAutoSync(false);
    view.resize(1400, 900);
    view.show();
    if (!waitUntil([&view] { return view.isReady(); }))
        return 1;
    std::printf("first open, no snapshot yet (read + compute + draw): %lld ms; longest GUI stall "
                "%lld ms\n",
                timer.elapsed(),
                stalls.longestMs());

    stalls.start();
    timer.restart();
    view.setMonthRange(YearMonth(2022, 1), YearMonth(2025, 12));
    // The charts are redrawn one per turn of the event loop: until the last one is done.
    if (!waitUntil([&view] { return view.isReady(); }))
        return 1;
    QCoreApplication::processEvents(); // painted
    std::printf("month range change (redraw): %lld ms; longest GUI stall %lld ms\n",
                timer.elapsed(),
                stalls.longestMs());

    stalls.start();
    timer.restart();
    SeriesOptions options;
    options.churnFloor = 0.02;
    view.setSeriesOptions(options);
    if (!waitUntil([&view] { return view.isReady(); }))
        return 1;
    std::printf("churn floor change (recompute on the held ledger, draw): %lld ms; longest GUI "
                "stall %lld ms\n",
                timer.elapsed(),
                stalls.longestMs());

    std::printf("  peak RSS so far %ld MB\n", statusMb("VmHWM"));
    stalls.start();
    timer.restart();
    view.setInterval(Interval::Quarter);
    if (!waitUntil([&view] { return view.isReady(); }))
        return 1;
    std::printf("quarter view (recompute on the held ledger, draw): %lld ms; longest GUI stall "
                "%lld ms\n",
                timer.elapsed(),
                stalls.longestMs());

    stalls.start();
    timer.restart();
    view.setPlanFilter(std::string("pln_pro"));
    if (!waitUntil([&view] { return view.isReady(); }))
        return 1;
    std::printf(
        "plan filter (its ledger derived from the held one, draw): %lld ms; longest GUI stall "
        "%lld ms\n",
        timer.elapsed(),
        stalls.longestMs());
    std::printf("  peak RSS so far %ld MB\n", statusMb("VmHWM"));
    view.setPlanFilter(std::nullopt);
    view.setInterval(Interval::Month);
    if (!waitUntil([&view] { return view.isReady(); }))
        return 1;

    stalls.start();
    timer.restart();
    view.reload();
    if (!waitUntil([&view] { return view.isReady(); }))
        return 1;
    std::printf("reload + recompute: %lld ms; longest GUI stall %lld ms\n",
                timer.elapsed(),
                stalls.longestMs());
    std::printf("  peak RSS so far %ld MB\n", statusMb("VmHWM"));
    first.reset(); // one dashboard at a time, as in the console
    // Opened again: the report computed above was kept in the cache and is painted at once,
    // then the data is read and computed again behind it.
    {
        stalls.start();
        timer.restart();
        DashboardView again(nullptr, path);
        again.setAutoSync(false);
        again.resize(1400, 900);
        again.show();
        if (!waitUntil([&again] { return again.hasFigures(); }))
            return 1;
        QCoreApplication::processEvents(); // painted
        const bool snapshot = again.isShowingSnapshot();
        const qint64 firstPaint = timer.elapsed();
        if (!waitUntil([&again] { return again.isReady(); }))
            return 1;
        std::printf("open again, first paint from cache (%s): %lld ms; recomputed from the "
                    "cache after %lld ms; longest GUI stall %lld ms\n",
                    snapshot ? "the last report's snapshot" : "read + compute + draw",
                    static_cast<long long>(firstPaint),
                    timer.elapsed(),
                    stalls.longestMs());
    }
    std::printf("peak RSS: %ld MB (whole process); while the dashboard ran: %ld MB\n",
                peakRssMb(),
                statusMb("VmHWM"));
    return 0;
}
