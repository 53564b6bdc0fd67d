#pragma once

#include <chrono>
#include <string>

namespace Tenantry::Server {

// Decides whether a request may go ahead, per key ("user:usr_…", "ip:203.0.113.7"). The
// in-process TokenBucketRateLimiter implements it; a Redis-backed limiter shared by several
// tenantryd instances can implement it later without touching the callers.
class RateLimiter
{
public:
    struct Decision
    {
        bool allowed = false;
        double limit = 0;     // the bucket's capacity: RateLimit-Limit
        double remaining = 0; // tokens left after this request: RateLimit-Remaining (floor it)
        std::chrono::milliseconds retryAfter{0}; // refused: when `cost` tokens will be there
                                                 // (Retry-After, rounded up); allowed: 0
        std::chrono::milliseconds reset{0};      // until the bucket is full again: RateLimit-Reset
    };

    RateLimiter() = default;
    RateLimiter(const RateLimiter &) = delete;
    RateLimiter &operator=(const RateLimiter &) = delete;
    virtual ~RateLimiter() = default;

    // Takes `cost` tokens from the bucket of `key` if it holds that many; thread-safe.
    virtual Decision take(const std::string &key, double cost = 1) = 0;
};

} // namespace Tenantry::Server
