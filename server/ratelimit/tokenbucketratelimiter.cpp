#include "server/ratelimit/tokenbucketratelimiter.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace Tenantry::Server {

namespace {

// Refills are computed in floating point; a bucket that is short by less than this counts as
// holding the tokens, so a retry exactly after retryAfter is not refused by a rounding error.
constexpr double Epsilon = 1e-9;
constexpr double MinimumRate = 1e-6;
constexpr double MinimumBurst = 1e-6;
constexpr double MaximumWaitMs = 1e12; // ~31 years: keeps the conversion to integer defined

} // namespace

TokenBucketRateLimiter::TokenBucketRateLimiter(double ratePerSecond,
                                               double burst,
                                               Clock clock,
                                               std::size_t maxBuckets)
    : m_ratePerSecond(std::isfinite(ratePerSecond) ? std::max(ratePerSecond, MinimumRate)
                                                   : MinimumRate)
    , m_burst(std::isfinite(burst) ? std::max(burst, MinimumBurst) : MinimumBurst)
    , m_clock(clock ? std::move(clock) : Clock([] { return std::chrono::steady_clock::now(); }))
    , m_maxBucketsPerShard(std::max<std::size_t>(1, maxBuckets / ShardCount))
{}

RateLimiter::Decision TokenBucketRateLimiter::take(const std::string &key, double cost)
{
    if (!(cost > 0)) // also NaN
        cost = 0;
    const TimePoint now = m_clock();
    Shard &shard = shardFor(key);

    Decision decision;
    decision.limit = m_burst;
    {
        const std::lock_guard lock(shard.mutex);
        auto found = shard.buckets.find(key);
        if (found == shard.buckets.end()) {
            if (shard.buckets.size() >= m_maxBucketsPerShard)
                evict(shard, now);
            found = shard.buckets.emplace(key, Bucket{m_burst, now}).first;
        }
        Bucket &bucket = found->second;
        // Threads read the clock before taking the lock, so `now` may be a little older than
        // the bucket's last update: then nothing is refilled, and time never runs backwards.
        if (now > bucket.updated) {
            bucket.tokens = tokensAt(bucket, now);
            bucket.updated = now;
        }
        if (cost <= m_burst && bucket.tokens + Epsilon >= cost) {
            bucket.tokens = std::max(0.0, bucket.tokens - cost);
            decision.allowed = true;
        } else {
            decision.retryAfter = durationFor(std::min(cost, m_burst) - bucket.tokens);
        }
        decision.remaining = bucket.tokens;
    }
    decision.reset = durationFor(m_burst - decision.remaining);
    return decision;
}

std::size_t TokenBucketRateLimiter::bucketCount() const
{
    std::size_t count = 0;
    for (const Shard &shard : m_shards) {
        const std::lock_guard lock(shard.mutex);
        count += shard.buckets.size();
    }
    return count;
}

TokenBucketRateLimiter::Shard &TokenBucketRateLimiter::shardFor(const std::string &key)
{
    // The maps hash the key again with their own (prime) bucket counts, so taking the shard
    // from the same hash does not crowd one shard's map into a few buckets.
    return m_shards[std::hash<std::string>()(key) % ShardCount];
}

double TokenBucketRateLimiter::tokensAt(const Bucket &bucket, TimePoint now) const
{
    if (now <= bucket.updated)
        return bucket.tokens;
    const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
    return std::min(m_burst, bucket.tokens + elapsed * m_ratePerSecond);
}

void TokenBucketRateLimiter::evict(Shard &shard, TimePoint now) const
{
    std::erase_if(shard.buckets, [&](const auto &entry) {
        return tokensAt(entry.second, now) + Epsilon >= m_burst;
    });
    const std::size_t target = m_maxBucketsPerShard / 2;
    if (shard.buckets.size() <= target)
        return;

    // Still too many keys are active (a flood of distinct keys): keep the `target` emptiest
    // buckets, which are the ones actually limiting someone.
    std::vector<std::pair<double, const std::string *>> byTokens;
    byTokens.reserve(shard.buckets.size());
    for (const auto &[key, bucket] : shard.buckets)
        byTokens.emplace_back(tokensAt(bucket, now), &key);
    const auto keep = byTokens.begin() + static_cast<std::ptrdiff_t>(target);
    std::nth_element(byTokens.begin(), keep, byTokens.end());
    std::vector<std::string> doomed;
    doomed.reserve(byTokens.size() - target);
    for (auto it = keep; it != byTokens.end(); ++it)
        doomed.push_back(*it->second);
    for (const std::string &key : doomed)
        shard.buckets.erase(key);
}

std::chrono::milliseconds TokenBucketRateLimiter::durationFor(double tokens) const
{
    // Less the tolerance take() grants, so that 0.01 tokens computed as 0.0100000000000001
    // wait 1 ms at 10 per second rather than 2.
    if (!(tokens > Epsilon))
        return std::chrono::milliseconds(0);
    const double milliseconds = std::min(std::ceil((tokens - Epsilon) * 1000.0 / m_ratePerSecond),
                                         MaximumWaitMs);
    return std::chrono::milliseconds(static_cast<std::chrono::milliseconds::rep>(milliseconds));
}

} // namespace Tenantry::Server
