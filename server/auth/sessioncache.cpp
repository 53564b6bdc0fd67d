#include "server/auth/sessioncache.h"

namespace Tenantry::Server {

SessionCache::SessionCache(std::chrono::milliseconds ttl, std::size_t capacity)
    : m_ttl(ttl)
    , m_capacity(capacity)
{}

std::optional<SessionCache::Entry> SessionCache::find(const std::string &tokenHash,
                                                      Clock::time_point now)
{
    if (!enabled())
        return std::nullopt;
    const std::lock_guard lock(m_mutex);
    const auto found = m_byHash.find(tokenHash);
    if (found == m_byHash.end())
        return std::nullopt;
    const List::iterator slot = found->second;
    if (now - slot->storedAt >= m_ttl || now < slot->storedAt) {
        eraseSlot(slot);
        return std::nullopt;
    }
    m_recent.splice(m_recent.begin(), m_recent, slot);
    return slot->entry;
}

std::uint64_t SessionCache::generation() const
{
    const std::lock_guard lock(m_mutex);
    return m_generation;
}

void SessionCache::insert(const std::string &tokenHash,
                          Entry entry,
                          std::uint64_t generation,
                          Clock::time_point now)
{
    if (!enabled())
        return;
    const std::lock_guard lock(m_mutex);
    if (generation != m_generation)
        return; // invalidated while the store was asked: what it said may be stale
    if (const auto found = m_byHash.find(tokenHash); found != m_byHash.end())
        eraseSlot(found->second);
    while (m_recent.size() >= m_capacity)
        eraseSlot(std::prev(m_recent.end()));
    m_recent.push_front(Slot{tokenHash, std::move(entry), now});
    m_byHash.emplace(tokenHash, m_recent.begin());
}

void SessionCache::erase(const std::string &tokenHash)
{
    const std::lock_guard lock(m_mutex);
    ++m_generation;
    if (const auto found = m_byHash.find(tokenHash); found != m_byHash.end())
        eraseSlot(found->second);
}

void SessionCache::eraseUser(const std::string &userId)
{
    const std::lock_guard lock(m_mutex);
    ++m_generation;
    for (auto slot = m_recent.begin(); slot != m_recent.end();) {
        const auto next = std::next(slot);
        if (slot->entry.user.id == userId)
            eraseSlot(slot);
        slot = next;
    }
}

void SessionCache::clear()
{
    const std::lock_guard lock(m_mutex);
    ++m_generation;
    m_byHash.clear();
    m_recent.clear();
}

std::size_t SessionCache::size() const
{
    const std::lock_guard lock(m_mutex);
    return m_recent.size();
}

void SessionCache::eraseSlot(List::iterator slot)
{
    m_byHash.erase(slot->tokenHash);
    m_recent.erase(slot);
}

} // namespace Tenantry::Server
