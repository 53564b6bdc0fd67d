// The metrics engine over 1,000,000 MRR events of 50,000 customers across 60 months, on one
// thread. Goal (issue #2): computeSeries <= 50 ms, memory linear in events.
//
//   build/ci/bench/bench_series --benchmark_counters_tabular=true

#include "core/demo/deterministicrandom.h"
#include "core/metrics/cohorts.h"
#include "core/metrics/mrrledger.h"
#include "core/metrics/series.h"

#include <benchmark/benchmark.h>

#include <vector>

namespace {

using namespace Tenantry;

constexpr std::size_t kEvents = 1'000'000;
constexpr std::uint64_t kCustomers = 50'000;
constexpr int kMonths = 60;

// Events spread evenly over 60 months: each picks a customer, one of its two subscriptions and a
// new MRR, with about one in six ending the subscription, so that every movement type occurs.
std::vector<MrrEvent> makeEvents()
{
    DeterministicRandom random(42);
    const Currency usd = *Currency::fromCode("usd");
    const YearMonth first(2021, 1);
    const auto span = first.plusMonths(kMonths).start() - first.start();
    std::vector<MrrEvent> events;
    events.reserve(kEvents);
    for (std::size_t i = 0; i < kEvents; ++i) {
        const auto at = first.start()
                        + span * static_cast<std::int64_t>(i) / static_cast<std::int64_t>(kEvents);
        const std::uint64_t customer = random.below(kCustomers);
        const std::uint64_t subscription = customer * 2 + random.below(2);
        const std::int64_t mrr = random.below(6) == 0 ? 0 : random.between(1, 100) * 900;
        events.push_back(MrrEvent{"ten_" + std::to_string(customer),
                                  "sub_" + std::to_string(subscription),
                                  at,
                                  mrr,
                                  usd,
                                  std::nullopt});
    }
    return events;
}

std::vector<AcquisitionSpend> makeSpend()
{
    const Currency usd = *Currency::fromCode("usd");
    std::vector<AcquisitionSpend> spend;
    spend.reserve(kMonths);
    for (int m = 0; m < kMonths; ++m)
        spend.push_back(AcquisitionSpend{YearMonth(2021, 1).plusMonths(m), Money(5'000'000, usd)});
    return spend;
}

const std::vector<MrrEvent> &events()
{
    static const std::vector<MrrEvent> instance = makeEvents();
    return instance;
}

const MrrLedger &ledger()
{
    static const MrrLedger instance = MrrLedger::build(events(), *Currency::fromCode("usd")).value();
    return instance;
}

void BM_ComputeSeries(benchmark::State &state)
{
    const MrrLedger &prepared = ledger();
    const std::vector<AcquisitionSpend> spend = makeSpend();
    SeriesOptions options;
    options.interval = state.range(0) == 0 ? Interval::Month : Interval::Quarter;
    for (auto _ : state) { // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark loop
        auto series = computeSeries(prepared, spend, options);
        benchmark::DoNotOptimize(series);
    }
    state.counters["events"] = static_cast<double>(prepared.entries().size());
    state.counters["ledger_MB"] = static_cast<double>(prepared.entries().size()
                                                      * sizeof(MrrLedger::Entry))
                                  / 1e6;
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kEvents));
}
BENCHMARK(BM_ComputeSeries)->Arg(0)->Arg(1)->ArgName("quarter")->Unit(benchmark::kMillisecond);

void BM_ComputeCohorts(benchmark::State &state)
{
    const MrrLedger &prepared = ledger();
    for (auto _ : state) { // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark loop
        auto cohorts = computeCohorts(prepared);
        benchmark::DoNotOptimize(cohorts);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kEvents));
}
BENCHMARK(BM_ComputeCohorts)->Unit(benchmark::kMillisecond);

// Interning ids and ordering by time: the one step that touches strings.
void BM_BuildLedger(benchmark::State &state)
{
    const std::vector<MrrEvent> &input = events();
    const Currency usd = *Currency::fromCode("usd");
    for (auto _ : state) { // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark loop
        auto built = MrrLedger::build(input, usd);
        benchmark::DoNotOptimize(built);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kEvents));
}
BENCHMARK(BM_BuildLedger)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
