#include "core/metrics/mrrledger.h"

#include <QtTest>

using namespace Tenantry;

namespace {

const Currency usd = *Currency::fromCode("usd");
const Currency eur = *Currency::fromCode("eur");

MrrEvent mrrEvent(const char *tenant,
                  const char *subscription,
                  const char *time,
                  std::int64_t mrr,
                  Currency currency = usd,
                  std::optional<std::string> plan = std::nullopt)
{
    return MrrEvent{tenant, subscription, parseRfc3339(time).value(), mrr, currency, std::move(plan)};
}

} // namespace

class TestMrrLedger : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void entriesAreCompact() { QCOMPARE(sizeof(MrrLedger::Entry), std::size_t(32)); }

    void ordersByTimeKeepingInputOrderForTies()
    {
        const std::vector<MrrEvent> events = {
            mrrEvent("b", "s", "2025-01-02T00:00:00Z", 2),
            mrrEvent("a", "s", "2025-01-01T00:00:00Z", 1),
            mrrEvent("c", "s", "2025-01-02T00:00:00Z", 3),
            mrrEvent("d", "s", "2025-01-02T00:00:00Z", 4),
        };
        const MrrLedger ledger = MrrLedger::build(events, usd).value();
        std::vector<std::int64_t> order;
        for (const MrrLedger::Entry &entry : ledger.entries())
            order.push_back(entry.mrr);
        QCOMPARE(order, (std::vector<std::int64_t>{1, 2, 3, 4}));
    }

    // Enough events for the sort's partitioning (a few would only see its insertion sort), many
    // of them at the same instants, out of time order: ties keep the input order, as stable.
    void ordersManyUnsortedEventsKeepingInputOrderForTies()
    {
        std::vector<MrrEvent> events;
        std::vector<std::pair<std::int64_t, std::int64_t>> expected; // (time, mrr = position)
        std::uint32_t state = 12345;
        for (std::int64_t i = 0; i < 5000; ++i) {
            state = state * 1103515245u + 12345u;
            const int day = static_cast<int>((state >> 16) % 7) + 1;
            const std::string time = "2025-01-0" + std::to_string(day) + "T00:00:00Z";
            events.push_back(mrrEvent("t", "s", time.c_str(), i));
            expected.emplace_back(events.back().at.time_since_epoch().count(), i);
        }
        std::stable_sort(expected.begin(), expected.end(), [](const auto &a, const auto &b) {
            return a.first < b.first;
        });
        const MrrLedger ledger = MrrLedger::build(events, usd).value();
        QCOMPARE(ledger.entries().size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            const MrrLedger::Entry &entry = ledger.entries()[i];
            QCOMPARE(entry.at, expected[i].first);
            QCOMPARE(entry.mrr, expected[i].second);
            QCOMPARE(entry.reserved, 0u);
        }
    }

    void internsIdsDensely()
    {
        const std::vector<MrrEvent> events = {
            mrrEvent("a", "s1", "2025-01-01T00:00:00Z", 1, usd, "pln_pro"),
            mrrEvent("b", "s1", "2025-01-02T00:00:00Z", 1, usd, "pln_pro"),
            mrrEvent("a", "s2", "2025-01-03T00:00:00Z", 1, usd, "pln_team"),
            mrrEvent("a", "s1", "2025-01-04T00:00:00Z", 0),
        };
        const MrrLedger ledger = MrrLedger::build(events, usd).value();
        QCOMPARE(ledger.customerIds(), (std::vector<std::string>{"a", "b"}));
        QCOMPARE(ledger.planIds(), (std::vector<std::string>{"pln_pro", "pln_team"}));
        QCOMPARE(ledger.subscriptionCount(), std::size_t(3));
        const auto &entries = ledger.entries();
        QCOMPARE(entries[0].subscription, entries[3].subscription);
        QVERIFY(entries[0].subscription != entries[1].subscription);
        QCOMPARE(entries[3].plan, MrrLedger::noPlan);
    }

    void ofPlanKeepsThatPlansRevenue()
    {
        const std::vector<MrrEvent> events = {
            mrrEvent("a", "s1", "2025-01-01T00:00:00Z", 100, usd, "pro"),
            mrrEvent("b", "s2", "2025-01-02T00:00:00Z", 200, usd, "basic"),
            // Late in the feed, early in time: ordered by time as the ledger is.
            mrrEvent("c", "s3", "2025-01-01T12:00:00Z", 50, usd, "pro"),
            mrrEvent("a", "s1", "2025-02-01T00:00:00Z", 150, usd, std::nullopt), // still on pro
            mrrEvent("a", "s1", "2025-03-01T00:00:00Z", 300, usd, "enterprise"), // leaves pro
            mrrEvent("b", "s2", "2025-03-02T00:00:00Z", 250, usd, "pro"),        // joins pro
            mrrEvent("a", "s1", "2025-04-01T00:00:00Z", 0, usd, "enterprise"),   // not pro's
            mrrEvent("c", "s3", "2025-04-02T00:00:00Z", 0, usd, "pro"),
        };
        const MrrLedger all = MrrLedger::build(events, usd).value();
        const MrrLedger pro = all.ofPlan("pro");
        QVERIFY(pro.currency() == usd);
        QCOMPARE(pro.customerIds(), all.customerIds());
        QCOMPARE(pro.subscriptionCount(), all.subscriptionCount());
        std::vector<std::pair<std::string, std::int64_t>> kept;
        for (const MrrLedger::Entry &entry : pro.entries())
            kept.emplace_back(pro.customerIds()[entry.customer], entry.mrr);
        const std::vector<std::pair<std::string, std::int64_t>> expected{
            {"a", 100}, {"c", 50}, {"a", 150}, {"a", 0}, {"b", 250}, {"c", 0}};
        QCOMPARE(kept, expected);
        // The same as building from those events written out by hand.
        const std::vector<MrrEvent> byHand = {
            mrrEvent("a", "s1", "2025-01-01T00:00:00Z", 100, usd, "pro"),
            mrrEvent("c", "s3", "2025-01-01T12:00:00Z", 50, usd, "pro"),
            mrrEvent("a", "s1", "2025-02-01T00:00:00Z", 150, usd, std::nullopt),
            mrrEvent("a", "s1", "2025-03-01T00:00:00Z", 0, usd, "enterprise"),
            mrrEvent("b", "s2", "2025-03-02T00:00:00Z", 250, usd, "pro"),
            mrrEvent("c", "s3", "2025-04-02T00:00:00Z", 0, usd, "pro"),
        };
        const MrrLedger built = MrrLedger::build(byHand, usd).value();
        QCOMPARE(pro.entries().size(), built.entries().size());
        for (std::size_t i = 0; i < built.entries().size(); ++i) {
            QCOMPARE(pro.entries()[i].at, built.entries()[i].at);
            QCOMPARE(pro.entries()[i].mrr, built.entries()[i].mrr);
            QCOMPARE(pro.customerIds()[pro.entries()[i].customer],
                     built.customerIds()[built.entries()[i].customer]);
        }
        QVERIFY(all.ofPlan("nothing").isEmpty());
        // b's start on basic, then its move to pro: MRR 0 on basic.
        const MrrLedger basic = all.ofPlan("basic");
        QCOMPARE(basic.entries().size(), std::size_t(2));
        QCOMPARE(basic.entries()[0].mrr, std::int64_t(200));
        QCOMPARE(basic.entries()[1].mrr, std::int64_t(0));
    }

    void keepsOnlyItsCurrency()
    {
        const std::vector<MrrEvent> events = {mrrEvent("a", "s", "2025-01-01T00:00:00Z", 1, usd),
                                              mrrEvent("b", "s", "2025-01-01T00:00:00Z", 1, eur)};
        const MrrLedger ledger = MrrLedger::build(events, eur).value();
        QCOMPARE(ledger.currency(), eur);
        QCOMPARE(ledger.entries().size(), std::size_t(1));
        QCOMPARE(ledger.customerIds(), std::vector<std::string>{"b"});
    }

    void rejectsOutOfRangeMrr()
    {
        const std::vector<MrrEvent> events = {mrrEvent("a", "s", "2025-01-01T00:00:00Z", 1),
                                              mrrEvent("a",
                                                       "s",
                                                       "2025-01-02T00:00:00Z",
                                                       MrrLedger::maxEventMrr + 1)};
        const auto ledger = MrrLedger::build(events, usd);
        QVERIFY(!ledger.hasValue());
        QCOMPARE(ledger.error().path, std::string("/1/mrr"));
        const std::vector<MrrEvent> negative = {mrrEvent("a", "s", "2025-01-01T00:00:00Z", -1)};
        QCOMPARE(MrrLedger::build(negative, usd).error().code, std::string("invalid_value"));
    }

    void selectsTheOnlyCurrency()
    {
        const std::vector<MrrEvent> events = {mrrEvent("a", "s", "2025-01-01T00:00:00Z", 1, eur)};
        QCOMPARE(selectCurrency(events, {}, std::nullopt).value(), eur);
    }

    void refusesToMixCurrencies()
    {
        const std::vector<MrrEvent> events = {mrrEvent("a", "s", "2025-01-01T00:00:00Z", 1, usd)};
        const std::vector<AcquisitionSpend> spend = {
            AcquisitionSpend{YearMonth(2025, 1), Money(5, eur)}};
        const auto chosen = selectCurrency(events, spend, std::nullopt);
        QVERIFY(!chosen.hasValue());
        QCOMPARE(chosen.error().code, std::string("mixed_currencies"));
        QVERIFY(chosen.error().message.find("eur, usd") != std::string::npos);
        QCOMPARE(selectCurrency(events, spend, usd).value(), usd);
    }

    void refusesACurrencyTheDataDoesNotHave()
    {
        const std::vector<MrrEvent> events = {mrrEvent("a", "s", "2025-01-01T00:00:00Z", 1, usd)};
        const auto chosen = selectCurrency(events, {}, Currency::fromCode("gbp"));
        QVERIFY(!chosen.hasValue());
        QVERIFY(chosen.error().message.find("gbp") != std::string::npos);
        QVERIFY(!selectCurrency({}, {}, std::nullopt).hasValue());
    }
};

QTEST_APPLESS_MAIN(TestMrrLedger)
#include "testmrrledger.moc"
