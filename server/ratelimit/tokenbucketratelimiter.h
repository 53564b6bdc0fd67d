#pragma once

#include "server/ratelimit/ratelimiter.h"

#include <array>
#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

namespace Tenantry::Server {

// A token bucket per key, in this process's memory: each holds up to `burst` tokens, refills at
// `ratePerSecond`, and a request takes `cost` tokens (1 by default) or is refused. Buckets live
// in 64 shards, each with its own mutex, so threads working on different keys rarely contend.
//
// Memory stays bounded: when a shard reaches its share of `maxBuckets`, it drops the buckets
// that have refilled completely (a full bucket behaves exactly like a missing one), and if that
// is not enough, the fullest half, which forgives those keys at most the few tokens they were
// missing. So at most max(maxBuckets, 64) buckets exist at any time.
class TokenBucketRateLimiter final : public RateLimiter
{
public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;

    static constexpr std::size_t ShardCount = 64;
    static constexpr std::size_t DefaultMaxBuckets = ShardCount * 4096;

    // ratePerSecond > 0 and burst > 0 (ServerConfig checks both); other values are raised to a
    // minimum rather than divided by. An empty `clock` means steady_clock::now; tests inject
    // their own. The clock may be called from several threads at once.
    TokenBucketRateLimiter(double ratePerSecond,
                           double burst,
                           Clock clock = {},
                           std::size_t maxBuckets = DefaultMaxBuckets);

    // A cost of 0 (or less, or NaN) takes nothing and reports the bucket's state. A cost above
    // `burst` can never be met: it is refused with retryAfter = the time to fill the bucket.
    Decision take(const std::string &key, double cost = 1) override;

    double ratePerSecond() const { return m_ratePerSecond; }
    double burst() const { return m_burst; }

    // How many buckets exist now (for tests and metrics).
    std::size_t bucketCount() const;

private:
    using TimePoint = std::chrono::steady_clock::time_point;

    struct Bucket
    {
        double tokens = 0;
        TimePoint updated;
    };

    struct alignas(64) Shard // one cache line per mutex: no false sharing between shards
    {
        mutable std::mutex mutex;
        std::unordered_map<std::string, Bucket> buckets;
    };

    Shard &shardFor(const std::string &key);
    double tokensAt(const Bucket &bucket, TimePoint now) const;
    void evict(Shard &shard, TimePoint now) const; // called with shard.mutex held
    std::chrono::milliseconds durationFor(double tokens) const;

    double m_ratePerSecond;
    double m_burst;
    Clock m_clock;
    std::size_t m_maxBucketsPerShard;
    std::array<Shard, ShardCount> m_shards;
};

} // namespace Tenantry::Server
