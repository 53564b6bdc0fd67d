#include "server/ratelimit/loginthrottle.h"

#include <algorithm>
#include <vector>

namespace Tenantry::Server {

LoginThrottle::LoginThrottle(int maxFailures, std::chrono::seconds window, std::size_t maxKeys)
    : m_maxFailures(std::max(1, maxFailures))
    , m_window(std::max(window, std::chrono::seconds(1)))
    , m_maxKeys(std::max<std::size_t>(1, maxKeys))
{}

bool LoginThrottle::isLocked(std::string_view key,
                             TimePoint now,
                             std::chrono::seconds &retryAfter) const
{
    retryAfter = std::chrono::seconds(0);
    const std::lock_guard lock(m_mutex);
    const auto found = m_failures.find(normalized(key));
    if (found == m_failures.end())
        return false;
    const std::deque<TimePoint> &failures = found->second;
    // Only the last m_maxFailures failures are kept: the key is locked if all of them are
    // still inside the window, until the oldest one leaves it.
    if (failures.size() < static_cast<std::size_t>(m_maxFailures))
        return false;
    const TimePoint unlockAt = failures.front() + m_window;
    if (unlockAt <= now)
        return false;
    retryAfter = std::max(std::chrono::ceil<std::chrono::seconds>(unlockAt - now),
                          std::chrono::seconds(1));
    return true;
}

void LoginThrottle::recordFailure(std::string_view key, TimePoint now)
{
    const std::lock_guard lock(m_mutex);
    std::string normalizedKey = normalized(key);
    auto found = m_failures.find(normalizedKey);
    if (found == m_failures.end()) {
        if (m_failures.size() >= m_maxKeys)
            evict(now);
        found = m_failures.emplace(std::move(normalizedKey), std::deque<TimePoint>()).first;
    }
    std::deque<TimePoint> &failures = found->second;
    while (!failures.empty() && failures.front() + m_window <= now)
        failures.pop_front();
    failures.push_back(now);
    while (failures.size() > static_cast<std::size_t>(m_maxFailures))
        failures.pop_front();
}

void LoginThrottle::recordSuccess(std::string_view key)
{
    const std::lock_guard lock(m_mutex);
    m_failures.erase(normalized(key));
}

std::size_t LoginThrottle::trackedKeys() const
{
    const std::lock_guard lock(m_mutex);
    return m_failures.size();
}

std::string LoginThrottle::normalized(std::string_view key)
{
    std::string lower(key);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return lower;
}

void LoginThrottle::evict(TimePoint now)
{
    std::erase_if(m_failures, [&](const auto &entry) {
        return entry.second.empty() || entry.second.back() + m_window <= now;
    });
    const std::size_t target = m_maxKeys / 2;
    if (m_failures.size() <= target)
        return;

    std::vector<std::pair<TimePoint, const std::string *>> byLatest;
    byLatest.reserve(m_failures.size());
    for (const auto &[key, failures] : m_failures)
        byLatest.emplace_back(failures.back(), &key);
    // Keep the `target` keys with the most recent failures.
    const auto keep = byLatest.begin() + static_cast<std::ptrdiff_t>(target);
    std::nth_element(byLatest.begin(), keep, byLatest.end(), [](const auto &a, const auto &b) {
        return a.first > b.first;
    });
    std::vector<std::string> doomed;
    doomed.reserve(byLatest.size() - target);
    for (auto it = keep; it != byLatest.end(); ++it)
        doomed.push_back(*it->second);
    for (const std::string &key : doomed)
        m_failures.erase(key);
}

} // namespace Tenantry::Server
