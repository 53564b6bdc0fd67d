// The request guard's bearer-token check with the session cache in front of the store, in
// process on a real SQLite store: a session ends exactly at its expiry (on a clock the test
// sets), sign-out refuses the token at once, and a session removed behind the server's back
// (another process sharing the database) is refused once the cache's time to live has passed.
// And the Idempotency-Key of a POST: the handler's change and the answer to replay commit in
// one transaction; an error answer changes nothing; a request that finds its key taken by one
// that came first gives way to it. On the write lane: the handler runs on the lane's thread
// and the answer goes only once the request's writes are durable, from a batch that many
// requests share.

#include "server/api/apicontext.h"
#include "server/api/requestguard.h"
#include "server/auth/sessiontoken.h"
#include "server/ratelimit/loginthrottle.h"
#include "server/ratelimit/tokenbucketratelimiter.h"
#include "server/services/userservice.h"
#include "server/store/sqlite/sqlitestore.h"
#include "server/store/writelane.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

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
        context = std::make_unique<ApiContext>(
            *store,
            *limiter,
            throttle,
            12h,
            [this](const std::string &message) {
                const std::lock_guard lock(logMutex);
                logged.push_back(message);
            },
            cacheTtl);
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

    // A POST through the guard to `work` with Idempotency-Key `key`.
    HttpResponse post(AuthenticatedHandler work, const std::string &key, std::string body = "{}")
    {
        HttpRequest request;
        request.method = HttpMethod::Post;
        request.path = "/v1/things";
        request.requestId = "req_post";
        request.headers["authorization"] = "Bearer " + token;
        request.headers["idempotency-key"] = key;
        request.body = std::move(body);
        return guard->protect(std::move(work))(request);
    }

    // What a service does: its own write transaction (through the context's store) that
    // inserts tenant `i`.
    Status insertTenant(int i) const
    {
        Result<std::unique_ptr<StoreTransaction>> transaction = context->store().begin(
            Store::Mode::Write);
        if (!transaction)
            return transaction.error();
        Tenant tenant;
        tenant.id = "ten_guard" + std::to_string(i);
        tenant.slug = "guard-" + std::to_string(i);
        tenant.name = "Guard " + std::to_string(i);
        tenant.region = "eu-west-1";
        tenant.createdAt = kNow;
        tenant.updatedAt = kNow;
        if (Status inserted = (*transaction)->insertTenant(tenant); !inserted)
            return inserted;
        return (*transaction)->commit();
    }

    bool hasTenant(int i) const
    {
        auto read = std::move(store->begin(Store::Mode::Read)).value();
        return read->tenantById("ten_guard" + std::to_string(i)).value().has_value();
    }

    std::size_t logCount()
    {
        const std::lock_guard lock(logMutex);
        return logged.size();
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
    std::mutex logMutex;
    std::vector<std::string> logged;
};

HttpResponse created(std::string body)
{
    HttpResponse response;
    response.status = 201;
    response.body = std::move(body);
    response.setHeader("Location", "/v1/things/1");
    return response;
}

HttpResponse failure(int status)
{
    HttpResponse response;
    response.status = status;
    response.body = "{\"error\":" + std::to_string(status) + "}";
    return response;
}

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

    void theChangeAndTheAnswerCommitOnce()
    {
        Fixture fixture(60'000ms);
        QCOMPARE(fixture.get(), 200);
        const SqliteGroupCommit::Statistics before = fixture.store->groupCommitStatistics();
        int runs = 0;
        const auto work = [&](HttpRequest &, const Principal &) {
            // A retry runs up to its first write, which finds the key taken and changes nothing.
            if (Status inserted = fixture.insertTenant(++runs); !inserted)
                return failure(500);
            // Inside the request's transaction: nothing is committed before the guard's commit.
            if (fixture.hasTenant(1))
                return failure(500);
            return created("first");
        };
        const HttpResponse first = fixture.post(work, "key-once");
        QCOMPARE(first.status, 201);
        QVERIFY(fixture.hasTenant(1));
        const SqliteGroupCommit::Statistics after = fixture.store->groupCommitStatistics();
        QCOMPARE(after.transactions - before.transactions, std::uint64_t(1));

        const HttpResponse replay = fixture.post(work, "key-once");
        QCOMPARE(replay.status, 201);
        QCOMPARE(replay.body, std::string("first"));
        QCOMPARE(*replay.header("Location"), std::string("/v1/things/1"));
        QCOMPARE(*replay.header("Idempotent-Replayed"), std::string("true"));
        // The same key with another body.
        QCOMPARE(fixture.post(work, "key-once", "{\"other\":1}").status, 409);
        QCOMPARE(runs, 3);
        QVERIFY(!fixture.hasTenant(2));
        QVERIFY(!fixture.hasTenant(3));
        QCOMPARE(fixture.logCount(), std::size_t(0));
    }

    void anErrorAnswerChangesNothingAndIsReplayed()
    {
        Fixture fixture(60'000ms);
        int runs = 0;
        const auto work = [&](HttpRequest &, const Principal &) {
            // A change committed by a service, then a failure further on.
            if (!fixture.insertTenant(++runs))
                return failure(500);
            return failure(409);
        };
        const HttpResponse first = fixture.post(work, "key-conflict");
        QCOMPARE(first.status, 409);
        QVERIFY(!fixture.hasTenant(1));
        const HttpResponse replay = fixture.post(work, "key-conflict");
        QCOMPARE(replay.status, 409);
        QCOMPARE(replay.body, first.body);
        QCOMPARE(*replay.header("Idempotent-Replayed"), std::string("true"));
        QCOMPARE(runs, 2);
        QVERIFY(!fixture.hasTenant(1));
        QVERIFY(!fixture.hasTenant(2));
    }

    void aServerErrorLeavesNothingAndTheKeyCanBeRetried()
    {
        Fixture fixture(60'000ms);
        int runs = 0;
        const auto work = [&](HttpRequest &, const Principal &) {
            ++runs;
            if (!fixture.insertTenant(runs))
                return failure(500);
            return failure(runs == 1 ? 503 : 201);
        };
        QCOMPARE(fixture.post(work, "key-retry").status, 503);
        QVERIFY(!fixture.hasTenant(1));
        const HttpResponse retry = fixture.post(work, "key-retry");
        QCOMPARE(retry.status, 201);
        QVERIFY(!retry.header("Idempotent-Replayed"));
        QCOMPARE(runs, 2);
        QVERIFY(!fixture.hasTenant(1));
        QVERIFY(fixture.hasTenant(2));
    }

    // Two requests with one key: the second one's handler started before the first one
    // committed (so the guard's first look found nothing); its write finds the key taken, its
    // change never happens, and it answers with the first one's response.
    void aRequestThatCameSecondGivesWay()
    {
        Fixture fixture(60'000ms);
        const auto first = [&](HttpRequest &, const Principal &) {
            if (!fixture.insertTenant(1))
                return failure(500);
            return created("from the first");
        };
        HttpResponse firstResponse;
        int secondRuns = 0;
        const auto second = [&](HttpRequest &, const Principal &) {
            ++secondRuns;
            // The first request runs (on its own thread) and commits now.
            std::thread other([&] { firstResponse = fixture.post(first, "key-race"); });
            other.join();
            // What a service does with the store's refusal: a 500 that the guard replaces.
            if (Status inserted = fixture.insertTenant(2); !inserted)
                return errorResponse(HttpRequest{},
                                     fixture.context->storageFailure(inserted.error(), "req"));
            return created("from the second");
        };
        const HttpResponse answer = fixture.post(second, "key-race");
        QCOMPARE(firstResponse.status, 201);
        QCOMPARE(answer.status, 201);
        QCOMPARE(answer.body, std::string("from the first"));
        QCOMPARE(*answer.header("Idempotent-Replayed"), std::string("true"));
        QCOMPARE(secondRuns, 1);
        QVERIFY(fixture.hasTenant(1));
        QVERIFY(!fixture.hasTenant(2));
        QCOMPARE(fixture.logCount(), std::size_t(0)); // giving way is not a store failure
    }

    // A handler's slow work before its first write (password hashing) does not hold the write
    // lock: another writer finishes meanwhile.
    void theWriteLockWaitsForTheFirstWrite()
    {
        Fixture fixture(60'000ms);
        bool otherFinished = false;
        const auto work = [&](HttpRequest &, const Principal &) {
            std::thread other([&] {
                auto transaction = std::move(fixture.store->begin(Store::Mode::Write)).value();
                otherFinished = transaction->commit().hasValue();
            });
            other.join(); // would wait forever if this request held the lock
            if (!fixture.insertTenant(1))
                return failure(500);
            return created("done");
        };
        QCOMPARE(fixture.post(work, "key-lock").status, 201);
        QVERIFY(otherFinished);
        QVERIFY(fixture.hasTenant(1));
    }

    // A POST route on the write lane: the server thread that read the request returns at once;
    // the handler runs on the lane's thread, and the answer (which the responder gets, from the
    // thread that made the batch durable) comes only when a reader sees the change. Requests
    // queued together share one commit. A retry is replayed from the lane too, and a GET of a
    // lane route runs where it came in.
    void theWriteLaneAnswersOnceTheChangeIsDurable()
    {
        Fixture fixture(60'000ms);
        WriteLane lane(*fixture.store);
        const RequestGuard laneGuard(*fixture.context, &lane);
        lane.start();

        std::mutex mutex;
        std::condition_variable answered;
        std::vector<std::thread::id> handlerThreads;
        std::map<std::string, HttpResponse> answers; // by Idempotency-Key
        std::map<std::string, bool> durableWhenAnswered;
        std::atomic<int> next = 0;
        const Handler route = laneGuard.protect(
            [&](HttpRequest &request, const Principal &) {
                {
                    const std::lock_guard lock(mutex);
                    handlerThreads.push_back(std::this_thread::get_id());
                }
                if (request.method == HttpMethod::Get)
                    return created("read");
                if (!fixture.insertTenant(++next))
                    return failure(500);
                return created("tenant " + std::to_string(next.load()));
            },
            RequestGuard::Lane::Write);
        const auto send = [&](HttpMethod method, const std::string &key) {
            HttpRequest request;
            request.method = method;
            request.path = "/v1/things";
            request.requestId = "req_" + key;
            request.headers["authorization"] = "Bearer " + fixture.token;
            request.headers["idempotency-key"] = key;
            request.body = "{}";
            request.deferResponse = [&, key] {
                return HttpResponder([&, key](HttpResponse response) {
                    // Which tenant the handler made is in the body ("tenant N").
                    const std::string tenant = response.body.substr(response.body.find(' ') + 1);
                    const bool durable = response.status == 201
                                         && fixture.hasTenant(std::stoi(tenant));
                    const std::lock_guard lock(mutex);
                    durableWhenAnswered[key] = durable;
                    answers[key] = std::move(response);
                    answered.notify_all();
                });
            };
            return route(request);
        };
        const auto waitForAnswers = [&](std::size_t count) {
            std::unique_lock lock(mutex);
            return answered.wait_for(lock, 10s, [&] { return answers.size() >= count; });
        };

        const SqliteGroupCommit::Statistics before = fixture.store->groupCommitStatistics();
        for (int i = 1; i <= 20; ++i)
            send(HttpMethod::Post, "lane-" + std::to_string(i));
        QVERIFY(waitForAnswers(20));
        {
            const std::lock_guard lock(mutex);
            for (const auto &[key, response] : answers) {
                QCOMPARE(response.status, 201);
                QVERIFY2(durableWhenAnswered[key], key.c_str());
                QVERIFY(response.header("RateLimit-Limit"));
            }
            QCOMPARE(handlerThreads.size(), std::size_t(20));
            for (const std::thread::id thread : handlerThreads)
                QVERIFY(thread != std::this_thread::get_id());
        }
        const SqliteGroupCommit::Statistics after = fixture.store->groupCommitStatistics();
        QCOMPARE(after.transactions - before.transactions, std::uint64_t(20));
        QVERIFY(after.batches - before.batches < 20); // queued together, committed together

        // A retry of a key: replayed, from the lane, with nothing new written.
        const std::string first = answers["lane-1"].body;
        {
            const std::lock_guard lock(mutex);
            answers.erase("lane-1");
        }
        send(HttpMethod::Post, "lane-1");
        QVERIFY(waitForAnswers(20));
        QCOMPARE(answers["lane-1"].body, first);
        QCOMPARE(*answers["lane-1"].header("Idempotent-Replayed"), std::string("true"));
        QVERIFY(!fixture.hasTenant(21)); // the retry ran up to its first write, which gave way

        // Not a POST: answered by the caller, as any route.
        QCOMPARE(send(HttpMethod::Get, "get").status, 201);
        lane.stop();
        QVERIFY(!lane.isRunning());
        // A stopped lane: the POST runs on the caller's thread and is answered there.
        const std::size_t threadsBefore = handlerThreads.size();
        QCOMPARE(send(HttpMethod::Post, "after-stop").status, 201);
        QCOMPARE(handlerThreads.back(), std::this_thread::get_id());
        QCOMPARE(handlerThreads.size(), threadsBefore + 1);
        QCOMPARE(fixture.logCount(), std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestRequestGuard)

#include "testrequestguard.moc"
