#pragma once

#include "core/timestamp.h"
#include "server/store/records.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace Tenantry::Server {

// What the request guard remembers about bearer tokens it has checked against the store, so
// that an authenticated request does not need a read transaction of its own for the session
// and its user: token hash -> (user, session expiry), for at most `ttl` after the store said
// so, and at most `capacity` tokens (least recently used first out).
//
// What that means for revocation:
// - The session's own expiry is checked on every request: an expired session is refused at
//   exactly its expiry, cached or not.
// - In this process, sign-out (erase) and user changes (eraseUser) take effect at once. A
//   lookup that started before such an invalidation cannot put its stale answer back: insert()
//   takes the generation() read before the store was asked and refuses when it has moved.
// - A session deleted, or a user changed, by another process sharing the database is honoured
//   here within `ttl` (docs/operations.md, scale-out).
//
// Thread-safe. The clock is a parameter (steady time), so that tests can move it.
class SessionCache
{
public:
    using Clock = std::chrono::steady_clock;

    struct Entry
    {
        UserRecord user;
        Timestamp expiresAt; // the session's own expiry (UTC)
    };

    // ttl 0 turns the cache off: find() never hits and insert() keeps nothing.
    SessionCache(std::chrono::milliseconds ttl, std::size_t capacity);

    bool enabled() const { return m_ttl.count() > 0 && m_capacity > 0; }
    std::chrono::milliseconds ttl() const { return m_ttl; }

    // The entry for `tokenHash` if one was stored less than ttl before `now`.
    std::optional<Entry> find(const std::string &tokenHash, Clock::time_point now);
    // Read this before asking the store; pass it to insert().
    std::uint64_t generation() const;
    // Stores what the store answered at `now`, unless something was invalidated since
    // `generation` was read.
    void insert(const std::string &tokenHash,
                Entry entry,
                std::uint64_t generation,
                Clock::time_point now);

    void erase(const std::string &tokenHash);
    void eraseUser(const std::string &userId);
    void clear();
    std::size_t size() const;

private:
    struct Slot
    {
        std::string tokenHash;
        Entry entry;
        Clock::time_point storedAt;
    };
    using List = std::list<Slot>;

    void eraseSlot(List::iterator slot); // with m_mutex held

    const std::chrono::milliseconds m_ttl;
    const std::size_t m_capacity;
    mutable std::mutex m_mutex;
    List m_recent; // most recently used first
    std::unordered_map<std::string, List::iterator> m_byHash;
    std::uint64_t m_generation = 0;
};

} // namespace Tenantry::Server
