#include "server/ratelimit/loginthrottle.h"
#include "server/ratelimit/tokenbucketratelimiter.h"

#include <QtTest>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using Tenantry::Server::LoginThrottle;
using Tenantry::Server::RateLimiter;
using Tenantry::Server::TokenBucketRateLimiter;
using namespace std::chrono_literals;

namespace {

using TimePoint = std::chrono::steady_clock::time_point;

// A clock the test moves by hand; safe to read from several threads.
class ManualClock
{
public:
    TimePoint now() const { return TimePoint(std::chrono::nanoseconds(m_nanoseconds.load())); }
    void advance(std::chrono::nanoseconds step) { m_nanoseconds += step.count(); }

    TokenBucketRateLimiter::Clock function() const
    {
        return [this] { return now(); };
    }

private:
    // Starts an hour in: the epoch of a steady clock is nothing special.
    std::atomic<std::int64_t> m_nanoseconds{std::chrono::nanoseconds(1h).count()};
};

} // namespace

// Also tests LoginThrottle, the other limiter of server/ratelimit/ (no test file of its own).
class TestTokenBucketRateLimiter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void burstThenRefusal();
    void refillOverTime();
    void refillStopsAtBurst();
    void retryAfterForLargerCost();
    void retryAfterWithFractionalRate();
    void costAboveBurstNeverAllowed();
    void zeroCostOnlyReports();
    void keysAreIndependent();
    void clockGoingBackwardsGrantsNothing();
    void usableThroughTheInterface();
    void concurrentTakesNeverOverGrant();
    void concurrentTakesWithRealClock();
    void idleBucketsAreEvicted();
    void floodOfKeysStaysBounded();

    void loginLocksAfterFiveFailures();
    void loginLockExpiresAsFailuresAge();
    void loginSlowFailuresNeverLock();
    void loginSuccessClears();
    void loginKeysIgnoreCase();
    void loginKeysAreIndependent();
    void loginRetryAfterRoundsUp();
    void loginMemoryStaysBounded();
    void loginConcurrentFailures();
};

void TestTokenBucketRateLimiter::burstThenRefusal()
{
    ManualClock clock;
    TokenBucketRateLimiter limiter(10, 5, clock.function());
    for (int i = 1; i <= 5; ++i) {
        const RateLimiter::Decision decision = limiter.take("user:1");
        QVERIFY(decision.allowed);
        QCOMPARE(decision.limit, 5.0);
        QCOMPARE(decision.remaining, 5.0 - i);
        QCOMPARE(decision.retryAfter, 0ms);
        QCOMPARE(decision.reset, std::chrono::milliseconds(100 * i)); // 10 tokens per second
    }
    const RateLimiter::Decision refused = limiter.take("user:1");
    QVERIFY(!refused.allowed);
    QCOMPARE(refused.remaining, 0.0);
    QCOMPARE(refused.retryAfter, 100ms);
    QCOMPARE(refused.reset, 500ms);
    QVERIFY(!limiter.take("user:1").allowed); // refusals take nothing, but give nothing either
}

void TestTokenBucketRateLimiter::refillOverTime()
{
    ManualClock clock;
    TokenBucketRateLimiter limiter(10, 2, clock.function());
    QVERIFY(limiter.take("k").allowed);
    QVERIFY(limiter.take("k").allowed);
    QCOMPARE(limiter.take("k").retryAfter, 100ms);

    clock.advance(40ms);
    const RateLimiter::Decision early = limiter.take("k");
    QVERIFY(!early.allowed);
    QCOMPARE(early.retryAfter, 60ms);

    clock.advance(59ms);
    const RateLimiter::Decision stillEarly = limiter.take("k");
    QVERIFY(!stillEarly.allowed);
    QCOMPARE(stillEarly.retryAfter, 1ms);

    clock.advance(1ms); // exactly retryAfter later
    QVERIFY(limiter.take("k").allowed);
    QVERIFY(!limiter.take("k").allowed);

    clock.advance(250ms); // 2.5 tokens, capped at the burst of 2
    QVERIFY(limiter.take("k").allowed);
    QVERIFY(limiter.take("k").allowed);
    QVERIFY(!limiter.take("k").allowed);
}

void TestTokenBucketRateLimiter::refillStopsAtBurst()
{
    ManualClock clock;
    TokenBucketRateLimiter limiter(100, 3, clock.function());
    QVERIFY(limiter.take("k").allowed);
    clock.advance(1h);
    int allowed = 0;
    while (limiter.take("k").allowed)
        ++allowed;
    QCOMPARE(allowed, 3);
}

void TestTokenBucketRateLimiter::retryAfterForLargerCost()
{
    ManualClock clock;
    TokenBucketRateLimiter limiter(2, 4, clock.function());
    QVERIFY(limiter.take("k", 3).allowed);
    const RateLimiter::Decision refused = limiter.take("k", 3); // 1 left, 2 missing at 2/s
    QVERIFY(!refused.allowed);
    QCOMPARE(refused.remaining, 1.0);
    QCOMPARE(refused.retryAfter, 1000ms);
    QCOMPARE(refused.reset, 1500ms);
    clock.advance(refused.retryAfter);
    QVERIFY(limiter.take("k", 3).allowed);
}

void TestTokenBucketRateLimiter::retryAfterWithFractionalRate()
{
    ManualClock clock;
    TokenBucketRateLimiter limiter(0.3, 1, clock.function());
    QVERIFY(limiter.take("k").allowed);
    const RateLimiter::Decision refused = limiter.take("k");
    QVERIFY(!refused.allowed);
    QCOMPARE(refused.retryAfter, 3334ms); // 3333.3 ms, rounded up: never too early
    clock.advance(3333ms);
    QVERIFY(!limiter.take("k").allowed);
    clock.advance(1ms);
    QVERIFY(limiter.take("k").allowed);
}

void TestTokenBucketRateLimiter::costAboveBurstNeverAllowed()
{
    ManualClock clock;
    TokenBucketRateLimiter limiter(1, 5, clock.function());
    const RateLimiter::Decision refused = limiter.take("k", 6);
    QVERIFY(!refused.allowed);
    QCOMPARE(refused.remaining, 5.0);  // nothing taken
    QCOMPARE(refused.retryAfter, 0ms); // the bucket is already full: waiting cannot help
    clock.advance(1h);
    QVERIFY(!limiter.take("k", 6).allowed);
    QVERIFY(limiter.take("k", 5).allowed);
}

void TestTokenBucketRateLimiter::zeroCostOnlyReports()
{
    ManualClock clock;
    TokenBucketRateLimiter limiter(1, 2, clock.function());
    QVERIFY(limiter.take("k").allowed);
    for (int i = 0; i < 10; ++i) {
        const RateLimiter::Decision peek = limiter.take("k", 0);
        QVERIFY(peek.allowed);
        QCOMPARE(peek.remaining, 1.0);
    }
    const RateLimiter::Decision negative = limiter.take("k", -3); // never adds tokens
    QCOMPARE(negative.remaining, 1.0);
    QVERIFY(limiter.take("k").allowed);
    QVERIFY(!limiter.take("k").allowed);
}

void TestTokenBucketRateLimiter::keysAreIndependent()
{
    ManualClock clock;
    TokenBucketRateLimiter limiter(1, 2, clock.function());
    QVERIFY(limiter.take("ip:203.0.113.7").allowed);
    QVERIFY(limiter.take("ip:203.0.113.7").allowed);
    QVERIFY(!limiter.take("ip:203.0.113.7").allowed);
    const RateLimiter::Decision other = limiter.take("ip:203.0.113.8");
    QVERIFY(other.allowed);
    QCOMPARE(other.remaining, 1.0);
    QVERIFY(limiter.take("user:usr_1").allowed);
    QCOMPARE(limiter.bucketCount(), std::size_t(3));
}

void TestTokenBucketRateLimiter::clockGoingBackwardsGrantsNothing()
{
    ManualClock clock;
    TokenBucketRateLimiter limiter(10, 1, clock.function());
    QVERIFY(limiter.take("k").allowed);
    clock.advance(-10s);
    QVERIFY(!limiter.take("k").allowed);
    clock.advance(10s);
    QVERIFY(!limiter.take("k").allowed); // no credit for the time that "passed" twice
    clock.advance(100ms);
    QVERIFY(limiter.take("k").allowed);
}

void TestTokenBucketRateLimiter::usableThroughTheInterface()
{
    ManualClock clock;
    const std::unique_ptr<RateLimiter> limiter = std::make_unique<TokenBucketRateLimiter>(
        1, 1, clock.function());
    QVERIFY(limiter->take("k").allowed);
    QVERIFY(!limiter->take("k").allowed);
}

void TestTokenBucketRateLimiter::concurrentTakesNeverOverGrant()
{
    ManualClock clock; // frozen: exactly the burst may pass
    TokenBucketRateLimiter limiter(1, 1000, clock.function());
    std::atomic<int> allowed{0};
    std::atomic<int> otherAllowed{0};
    std::vector<std::thread> threads;
    threads.reserve(4);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 2000; ++i) {
                if (limiter.take("shared").allowed)
                    ++allowed;
                // Other keys in the same and in other shards, at the same time.
                if (limiter.take("own:" + std::to_string(t) + ":" + std::to_string(i % 50)).allowed)
                    ++otherAllowed;
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(allowed.load(), 1000);
    QCOMPARE(otherAllowed.load(), 4 * 2000); // 40 takes per own key: all within its burst
}

void TestTokenBucketRateLimiter::concurrentTakesWithRealClock()
{
    const double rate = 2000;
    const double burst = 50;
    TokenBucketRateLimiter limiter(rate, burst);
    std::atomic<int> allowed{0};
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    threads.reserve(4);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            while (std::chrono::steady_clock::now() - start < 200ms) {
                if (limiter.take("shared").allowed)
                    ++allowed;
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
                               .count();
    const double ceiling = burst + rate * elapsed;
    QVERIFY2(allowed.load() <= ceiling,
             qPrintable(QStringLiteral("%1 allowed, at most %2").arg(allowed.load()).arg(ceiling)));
    QVERIFY(allowed.load() >= burst); // and it did grant
}

void TestTokenBucketRateLimiter::idleBucketsAreEvicted()
{
    ManualClock clock;
    const std::size_t maxBuckets = std::size_t(64) * 10;
    TokenBucketRateLimiter limiter(10, 5, clock.function(), maxBuckets);
    for (int i = 0; i < 5000; ++i) {
        QVERIFY(limiter.take("old:" + std::to_string(i)).allowed);
        QVERIFY(limiter.bucketCount() <= maxBuckets);
    }
    QVERIFY(!limiter.take("old:4999", 5).allowed); // the most recent key is still tracked

    clock.advance(1s); // every bucket has refilled: all are idle
    for (int i = 0; i < 64 * 20; ++i)
        QVERIFY(limiter.take("new:" + std::to_string(i)).allowed);
    QVERIFY(limiter.bucketCount() <= maxBuckets);
    // A refilled bucket that was dropped behaves as it would have: full.
    QCOMPARE(limiter.take("old:0").remaining, 4.0);
}

void TestTokenBucketRateLimiter::floodOfKeysStaysBounded()
{
    ManualClock clock; // frozen: nothing refills, so nothing is idle
    const std::size_t maxBuckets = std::size_t(64) * 16;
    TokenBucketRateLimiter limiter(1, 10, clock.function(), maxBuckets);
    // An abuser drains their bucket, then floods the limiter with fresh keys.
    while (limiter.take("abuser").allowed) {
    }
    for (int i = 0; i < 20'000; ++i)
        limiter.take("flood:" + std::to_string(i));
    QVERIFY(limiter.bucketCount() <= maxBuckets);
    // Eviction drops the fullest buckets first: the drained one is kept.
    QVERIFY(!limiter.take("abuser").allowed);
}

void TestTokenBucketRateLimiter::loginLocksAfterFiveFailures()
{
    LoginThrottle throttle;
    const TimePoint start = ManualClock().now();
    std::chrono::seconds retryAfter{-1};
    for (int i = 0; i < 4; ++i) {
        throttle.recordFailure("ana@example.com", start + std::chrono::minutes(i));
        QVERIFY(!throttle.isLocked("ana@example.com", start + std::chrono::minutes(i), retryAfter));
        QCOMPARE(retryAfter, 0s);
    }
    throttle.recordFailure("ana@example.com", start + 4min);
    QVERIFY(throttle.isLocked("ana@example.com", start + 4min, retryAfter));
    QCOMPARE(retryAfter, 11min); // the first failure leaves the window at start + 15 min
}

void TestTokenBucketRateLimiter::loginLockExpiresAsFailuresAge()
{
    LoginThrottle throttle;
    const TimePoint start = ManualClock().now();
    for (int i = 0; i < 5; ++i)
        throttle.recordFailure("ana@example.com", start + std::chrono::minutes(i));
    std::chrono::seconds retryAfter{0};
    QVERIFY(throttle.isLocked("ana@example.com", start + 15min - 1s, retryAfter));
    QCOMPARE(retryAfter, 1s);
    QVERIFY(!throttle.isLocked("ana@example.com", start + 15min, retryAfter));
    QCOMPARE(retryAfter, 0s);

    // Four failures are still in the window: one more locks again, until the second failure
    // (start + 1 min) ages out.
    throttle.recordFailure("ana@example.com", start + 15min);
    QVERIFY(throttle.isLocked("ana@example.com", start + 15min, retryAfter));
    QCOMPARE(retryAfter, 1min);
    QVERIFY(!throttle.isLocked("ana@example.com", start + 16min, retryAfter));
    QVERIFY(!throttle.isLocked("ana@example.com", start + 2h, retryAfter));
}

void TestTokenBucketRateLimiter::loginSlowFailuresNeverLock()
{
    LoginThrottle throttle;
    const TimePoint start = ManualClock().now();
    std::chrono::seconds retryAfter{0};
    for (int i = 0; i < 20; ++i) { // one failure every 4 minutes: at most 4 in any 15 minutes
        const TimePoint now = start + std::chrono::minutes(4 * i);
        throttle.recordFailure("ana@example.com", now);
        QVERIFY(!throttle.isLocked("ana@example.com", now, retryAfter));
    }
}

void TestTokenBucketRateLimiter::loginSuccessClears()
{
    LoginThrottle throttle;
    const TimePoint start = ManualClock().now();
    std::chrono::seconds retryAfter{0};
    for (int i = 0; i < 4; ++i)
        throttle.recordFailure("ana@example.com", start);
    throttle.recordSuccess("ana@example.com");
    QCOMPARE(throttle.trackedKeys(), std::size_t(0));
    for (int i = 0; i < 4; ++i)
        throttle.recordFailure("ana@example.com", start);
    QVERIFY(!throttle.isLocked("ana@example.com", start, retryAfter));
    throttle.recordFailure("ana@example.com", start);
    QVERIFY(throttle.isLocked("ana@example.com", start, retryAfter));
}

void TestTokenBucketRateLimiter::loginKeysIgnoreCase()
{
    LoginThrottle throttle;
    const TimePoint start = ManualClock().now();
    throttle.recordFailure("Ana@Example.com", start);
    throttle.recordFailure("ANA@EXAMPLE.COM", start);
    throttle.recordFailure("ana@example.com", start);
    throttle.recordFailure("aNa@example.COM", start);
    throttle.recordFailure("ana@EXAMPLE.com", start);
    std::chrono::seconds retryAfter{0};
    QVERIFY(throttle.isLocked("ana@example.com", start, retryAfter));
    QVERIFY(throttle.isLocked("ANA@example.com", start, retryAfter));
    throttle.recordSuccess("ANA@EXAMPLE.COM");
    QVERIFY(!throttle.isLocked("ana@example.com", start, retryAfter));
}

void TestTokenBucketRateLimiter::loginKeysAreIndependent()
{
    LoginThrottle throttle;
    const TimePoint start = ManualClock().now();
    for (int i = 0; i < 5; ++i)
        throttle.recordFailure("ana@example.com", start);
    std::chrono::seconds retryAfter{0};
    QVERIFY(throttle.isLocked("ana@example.com", start, retryAfter));
    QVERIFY(!throttle.isLocked("bo@example.com", start, retryAfter));
    QCOMPARE(retryAfter, 0s);
}

void TestTokenBucketRateLimiter::loginRetryAfterRoundsUp()
{
    LoginThrottle throttle(2, 10s);
    const TimePoint start = ManualClock().now();
    throttle.recordFailure("k", start);
    throttle.recordFailure("k", start + 500ms);
    std::chrono::seconds retryAfter{0};
    QVERIFY(throttle.isLocked("k", start + 1500ms, retryAfter)); // 8.5 s left
    QCOMPARE(retryAfter, 9s);
    QVERIFY(throttle.isLocked("k", start + 9999ms, retryAfter)); // 1 ms left
    QCOMPARE(retryAfter, 1s);
    QVERIFY(!throttle.isLocked("k", start + 10s, retryAfter));
}

void TestTokenBucketRateLimiter::loginMemoryStaysBounded()
{
    LoginThrottle throttle(5, 15min, 100);
    const TimePoint start = ManualClock().now();
    for (int i = 0; i < 5; ++i)
        throttle.recordFailure("target@example.com", start + 1h);
    for (int i = 0; i < 1000; ++i) {
        throttle.recordFailure("user" + std::to_string(i) + "@example.com",
                               start + std::chrono::seconds(i));
        QVERIFY(throttle.trackedKeys() <= 100);
    }
    // The target's failures are the most recent: they survive the flood.
    std::chrono::seconds retryAfter{0};
    QVERIFY(throttle.isLocked("target@example.com", start + 1h, retryAfter));

    // Keys whose failures have left the window are dropped first.
    LoginThrottle small(5, 15min, 10);
    for (int i = 0; i < 10; ++i)
        small.recordFailure("old" + std::to_string(i) + "@example.com", start);
    QCOMPARE(small.trackedKeys(), std::size_t(10));
    small.recordFailure("late@example.com", start + 15min);
    QCOMPARE(small.trackedKeys(), std::size_t(1));
}

void TestTokenBucketRateLimiter::loginConcurrentFailures()
{
    LoginThrottle throttle;
    const TimePoint start = ManualClock().now();
    std::vector<std::thread> threads;
    threads.reserve(4);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 1000; ++i) {
                throttle.recordFailure("shared@example.com", start);
                throttle.recordFailure("user" + std::to_string(i) + "@example.com", start);
                std::chrono::seconds retryAfter{0};
                (void) throttle.isLocked("shared@example.com", start, retryAfter);
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(throttle.trackedKeys(), std::size_t(1001));
    std::chrono::seconds retryAfter{0};
    QVERIFY(throttle.isLocked("shared@example.com", start, retryAfter));
    QCOMPARE(retryAfter, 15min);
}

QTEST_APPLESS_MAIN(TestTokenBucketRateLimiter)

#include "testtokenbucketratelimiter.moc"
