// The request guard's bearer-token check with the session cache in front of the store, in
// process on a real SQLite store: a session ends exactly at its expiry (on a clock the test
// sets), sign-out refuses the token at once, and a session removed behind the server's back
// (another process sharing the database) is refused once the cache's time to live has passed.

#include "server/api/apicontext.h"
#include "server/api/requestguard.h"
#include "server/auth/sessiontoken.h"
#include "server/ratelimit/loginthrottle.h"
#include "server/ratelimit/tokenbucketratelimiter.h"
#include "server/services/userservice.h"
#include "server/store/sqlite/sqlitestore.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

using namespace Tenantry;
using namespace Tenantry::Server;
using namespace std::chrono_literals;

namespace {

const Timestamp kNow = std::chrono::time_point_cast<std::chrono::microseconds>(
    std::chrono::system_clock::now());

struct Fixture
{
    explicit Fixture(std::chrono::milliseconds cacheTtl)
    {
        QVERIFY(directory.isValid());
        store = std::move(
                    SqliteStore::open(
                        {directory.filePath(QStringLiteral("tenantry.db")).toStdString(), false}))
                    .value();
        limiter = std::make_unique<TokenBucketRateLimiter>(1e6, 1e9);
        context = std::make_unique<ApiContext>(*store, *limiter, throttle, 12h, nullptr, cacheTtl);
        context->setClock([this] { return Timestamp(std::chrono::microseconds(clock.load())); });
        guard = std::make_unique<RequestGuard>(*context);
        handler = guard->protect([](HttpRequest &, const Principal &principal) {
            HttpResponse response;
            response.status = 200;
            response.body = principal.user.id;
            return response;
        });

        UserRecord user;
        user.id = "usr_guard";
        user.email = "guard@example.com";
        user.role = Role::Viewer;
        user.passwordHash = "unused";
        user.createdAt = kNow;
        token = SessionToken::generate();
        SessionRecord session;
        session.tokenHash = SessionToken::hash(token);
        session.userId = user.id;
        session.createdAt = kNow;
        session.expiresAt = kNow + 1h;
        expiresAt = session.expiresAt;
        auto transaction = std::move(store->begin(Store::Mode::Write)).value();
        QVERIFY(transaction->insertUser(user));
        QVERIFY(transaction->insertSession(session));
        QVERIFY(transaction->commit());
    }

    int get()
    {
        HttpRequest request;
        request.method = HttpMethod::Get;
        request.path = "/v1/me";
        request.requestId = "req_test";
        request.headers["authorization"] = "Bearer " + token;
        return handler(request).status;
    }

    void setNow(Timestamp now) { clock = now.time_since_epoch().count(); }

    QTemporaryDir directory;
    std::unique_ptr<SqliteStore> store;
    std::unique_ptr<TokenBucketRateLimiter> limiter;
    LoginThrottle throttle;
    std::unique_ptr<ApiContext> context;
    std::unique_ptr<RequestGuard> guard;
    Handler handler;
    std::string token;
    Timestamp expiresAt;
    std::atomic<std::int64_t> clock{kNow.time_since_epoch().count()};
};

} // namespace

class TestRequestGuard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aCachedSessionEndsExactlyAtItsExpiry()
    {
        Fixture fixture(60'000ms);
        QCOMPARE(fixture.get(), 200); // from the store, now cached
        QCOMPARE(fixture.context->sessionCache().size(), std::size_t{1});
        fixture.setNow(fixture.expiresAt - 1us);
        QCOMPARE(fixture.get(), 200);
        fixture.setNow(fixture.expiresAt);
        QCOMPARE(fixture.get(), 401);
        fixture.context->sessionCache().clear(); // and from the store, the same answer
        QCOMPARE(fixture.get(), 401);
    }

    void signOutRefusesTheTokenAtOnce()
    {
        Fixture fixture(60'000ms);
        QCOMPARE(fixture.get(), 200);
        QCOMPARE(fixture.get(), 200); // a cache hit
        const UserService users(*fixture.context);
        const Principal principal{UserRecord{}, SessionToken::hash(fixture.token)};
        QVERIFY(!failed(users.signOut(principal, "req_signout")));
        QCOMPARE(fixture.get(), 401);
    }

    void anotherProcessesSignOutIsHonouredWithinTheTimeToLive()
    {
        Fixture fixture(300ms);
        QCOMPARE(fixture.get(), 200);
        const auto cachedAt = std::chrono::steady_clock::now();
        {
            // What a second tenantryd on the same database does on sign-out: the row goes,
            // this process's cache is not told.
            auto transaction = std::move(fixture.store->begin(Store::Mode::Write)).value();
            QVERIFY(transaction->deleteSession(SessionToken::hash(fixture.token)));
            QVERIFY(transaction->commit());
        }
        const int soon = fixture.get();
        if (std::chrono::steady_clock::now() - cachedAt < 250ms)
            QCOMPARE(soon, 200); // still trusted from the cache: the documented window
        std::this_thread::sleep_for(350ms);
        QCOMPARE(fixture.get(), 401);
    }

    void zeroTimeToLiveAsksTheStoreEveryTime()
    {
        Fixture fixture(0ms);
        QCOMPARE(fixture.get(), 200);
        QCOMPARE(fixture.context->sessionCache().size(), std::size_t{0});
        {
            auto transaction = std::move(fixture.store->begin(Store::Mode::Write)).value();
            QVERIFY(transaction->deleteSession(SessionToken::hash(fixture.token)));
            QVERIFY(transaction->commit());
        }
        QCOMPARE(fixture.get(), 401);
    }
};

QTEST_GUILESS_MAIN(TestRequestGuard)

#include "testrequestguard.moc"
