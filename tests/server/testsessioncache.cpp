// The session cache of the request guard: time to live on a clock the test moves, the size
// cap, invalidation, and that a lookup started before an invalidation cannot cache its stale
// answer.

#include "server/auth/sessioncache.h"

#include <QtTest>

#include <chrono>

using Tenantry::Server::SessionCache;
using Tenantry::Server::UserRecord;
using namespace std::chrono_literals;

namespace {

const SessionCache::Clock::time_point kStart = SessionCache::Clock::time_point(1h);
const Tenantry::Timestamp kExpiry = Tenantry::Timestamp(std::chrono::hours(24 * 365 * 60));

SessionCache::Entry entryFor(const std::string &userId)
{
    UserRecord user;
    user.id = userId;
    user.email = userId + "@example.com";
    return {user, kExpiry};
}

} // namespace

class TestSessionCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hitsWithinTheTimeToLiveOnly()
    {
        SessionCache cache(5000ms, 100);
        QVERIFY(cache.enabled());
        QVERIFY(!cache.find("h1", kStart));
        cache.insert("h1", entryFor("usr_1"), cache.generation(), kStart);
        const auto hit = cache.find("h1", kStart + 4999ms);
        QVERIFY(hit);
        QCOMPARE(hit->user.id, std::string("usr_1"));
        QVERIFY(hit->expiresAt == kExpiry);
        // A hit does not extend the time to live: at 5 s the store is asked again.
        QVERIFY(!cache.find("h1", kStart + 5000ms));
        QCOMPARE(cache.size(), std::size_t{0});
    }

    void zeroTimeToLiveKeepsNothing()
    {
        SessionCache cache(0ms, 100);
        QVERIFY(!cache.enabled());
        cache.insert("h1", entryFor("usr_1"), cache.generation(), kStart);
        QVERIFY(!cache.find("h1", kStart));
        QCOMPARE(cache.size(), std::size_t{0});
    }

    void eraseEndsAnEntryAtOnce()
    {
        SessionCache cache(5000ms, 100);
        cache.insert("h1", entryFor("usr_1"), cache.generation(), kStart);
        cache.insert("h2", entryFor("usr_1"), cache.generation(), kStart);
        cache.insert("h3", entryFor("usr_2"), cache.generation(), kStart);
        cache.erase("h1");
        QVERIFY(!cache.find("h1", kStart));
        QVERIFY(cache.find("h2", kStart));
        cache.eraseUser("usr_1");
        QVERIFY(!cache.find("h2", kStart));
        QVERIFY(cache.find("h3", kStart));
        cache.clear();
        QVERIFY(!cache.find("h3", kStart));
    }

    void aLookupOlderThanAnInvalidationIsNotCached()
    {
        SessionCache cache(5000ms, 100);
        // A request reads the generation, then asks the store, which still has the session...
        const std::uint64_t before = cache.generation();
        // ...meanwhile sign-out commits and erases the token...
        cache.erase("h1");
        // ...and the request's answer, older than the sign-out, must not be kept.
        cache.insert("h1", entryFor("usr_1"), before, kStart);
        QVERIFY(!cache.find("h1", kStart));
        // A lookup that started after the sign-out may cache again.
        cache.insert("h1", entryFor("usr_1"), cache.generation(), kStart);
        QVERIFY(cache.find("h1", kStart));
    }

    void theLeastRecentlyUsedGoFirst()
    {
        SessionCache cache(5000ms, 3);
        cache.insert("h1", entryFor("usr_1"), cache.generation(), kStart);
        cache.insert("h2", entryFor("usr_2"), cache.generation(), kStart);
        cache.insert("h3", entryFor("usr_3"), cache.generation(), kStart);
        QVERIFY(cache.find("h1", kStart)); // h2 is now the least recently used
        cache.insert("h4", entryFor("usr_4"), cache.generation(), kStart);
        QCOMPARE(cache.size(), std::size_t{3});
        QVERIFY(!cache.find("h2", kStart));
        QVERIFY(cache.find("h1", kStart));
        QVERIFY(cache.find("h3", kStart));
        QVERIFY(cache.find("h4", kStart));
        // Storing a token again replaces its entry.
        cache.insert("h4", entryFor("usr_5"), cache.generation(), kStart + 1ms);
        QCOMPARE(cache.size(), std::size_t{3});
        QCOMPARE(cache.find("h4", kStart + 1ms)->user.id, std::string("usr_5"));
    }
};

QTEST_APPLESS_MAIN(TestSessionCache)

#include "testsessioncache.moc"
