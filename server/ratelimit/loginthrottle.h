#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace Tenantry::Server {

// Slows password guessing against one account: after `maxFailures` failed sign-ins for a key
// (the email address, compared case-insensitively) within a sliding `window`, the key is locked
// until the oldest of those failures leaves the window. POST /v1/sessions asks isLocked()
// before checking the password (429 too_many_attempts with Retry-After), then records the
// outcome. Thread-safe. Time is passed in by the caller (steady_clock::now() in the server, a
// made-up time point in tests), so the throttle has no clock of its own.
//
// Memory stays bounded: when more than `maxKeys` keys are tracked, keys whose failures have all
// left the window are dropped, and if that is not enough, the half with the oldest latest
// failure (the per-address rate limit in front of sign-in makes such a flood slow).
class LoginThrottle
{
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    static constexpr int DefaultMaxFailures = 5;
    static constexpr std::chrono::seconds DefaultWindow = std::chrono::minutes(15);
    static constexpr std::size_t DefaultMaxKeys = 100'000;

    explicit LoginThrottle(int maxFailures = DefaultMaxFailures,
                           std::chrono::seconds window = DefaultWindow,
                           std::size_t maxKeys = DefaultMaxKeys);

    // True if `key` has had maxFailures failures in (now - window, now]; then `retryAfter` is
    // the time until the oldest of them leaves the window, in whole seconds rounded up, at
    // least 1. False leaves `retryAfter` at 0.
    bool isLocked(std::string_view key, TimePoint now, std::chrono::seconds &retryAfter) const;

    void recordFailure(std::string_view key, TimePoint now);
    void recordSuccess(std::string_view key); // forgets the key's failures

    std::size_t trackedKeys() const; // for tests and metrics

private:
    static std::string normalized(std::string_view key);
    void evict(TimePoint now); // called with m_mutex held

    int m_maxFailures;
    std::chrono::seconds m_window;
    std::size_t m_maxKeys;
    mutable std::mutex m_mutex;
    // The times of the latest failures per key, oldest first, at most m_maxFailures of them.
    std::unordered_map<std::string, std::deque<TimePoint>> m_failures;
};

} // namespace Tenantry::Server
