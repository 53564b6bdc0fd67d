// The background job runner in process on a real SQLite store: a claimed job runs the handler of
// its type and ends succeeded (with its result) or failed (with its error); progress is written
// at most every progressInterval and its last value at the end; a job that a dead server left
// running is queued again and run to the end (at start with one server per database, after its
// heartbeat went stale otherwise) while a live one's is left alone; stopping the runner queues
// the job in progress again; the thread picks up a queued job when woken.

#include "server/api/apicontext.h"
#include "server/auth/sessiontoken.h"
#include "server/jobs/jobrunner.h"
#include "server/ratelimit/loginthrottle.h"
#include "server/ratelimit/tokenbucketratelimiter.h"
#include "server/store/sqlite/sqlitestore.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <memory>
#include <thread>

using namespace Tenantry;
using namespace Tenantry::Server;
using namespace std::chrono_literals;

namespace {

std::string name(JobStatus status)
{
    return std::string(toString(status));
}

struct Fixture
{
    Fixture()
    {
        if (!directory.isValid())
            qFatal("no temporary directory");
        store = std::move(
                    SqliteStore::open(
                        {directory.filePath(QStringLiteral("tenantry.db")).toStdString(), false}))
                    .value();
        limiter = std::make_unique<TokenBucketRateLimiter>(1e6, 1e9);
        context = std::make_unique<ApiContext>(*store, *limiter, throttle, 12h, [](const auto &) {});
    }

    std::string addJob(const std::string &type,
                       JobStatus status = JobStatus::Queued,
                       std::optional<Timestamp> heartbeat = std::nullopt)
    {
        JobRecord job;
        job.id = SessionToken::newId("job_");
        job.type = type;
        job.status = status;
        job.createdBy = "usr_test";
        job.createdAt = job.updatedAt = context->now();
        job.heartbeatAt = heartbeat;
        if (status == JobStatus::Running)
            job.startedAt = job.createdAt;
        auto transaction = std::move(store->begin(Store::Mode::Write)).value();
        if (!transaction->insertJob(job) || !transaction->commit())
            qFatal("cannot insert a job");
        return job.id;
    }

    JobRecord job(const std::string &id)
    {
        auto transaction = std::move(store->begin(Store::Mode::Read)).value();
        return *std::move(transaction->job(id)).value();
    }

    QTemporaryDir directory;
    std::unique_ptr<SqliteStore> store;
    std::unique_ptr<TokenBucketRateLimiter> limiter;
    LoginThrottle throttle;
    std::unique_ptr<ApiContext> context;
};

JobRunner::Options options(std::chrono::milliseconds staleAfter = 30s)
{
    JobRunner::Options options;
    options.idlePoll = 50ms;
    options.staleAfter = staleAfter;
    options.heartbeatInterval = 100ms;
    options.progressInterval = 200ms;
    return options;
}

} // namespace

class TestJobRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recordsHowJobsEnd()
    {
        Fixture fixture;
        JobRunner runner(*fixture.context, options());
        runner.registerHandler("test.ok", [](const JobRunner::Run &run) -> Result<nlohmann::json> {
            run.progress(2, 2);
            return nlohmann::json{{"type", run.job.type}};
        });
        runner.registerHandler("test.fail", [](const JobRunner::Run &) -> Result<nlohmann::json> {
            return Error{"failed", "the thing could not be done", {}};
        });
        const std::string ok = fixture.addJob("test.ok");
        const std::string bad = fixture.addJob("test.fail");
        const std::string unknown = fixture.addJob("test.unknown");
        for (int i = 0; i < 2; ++i) {
            Result<bool> ran = runner.runNext();
            QVERIFY(ran.hasValue() && *ran);
        }
        QCOMPARE(*runner.runNext(), false); // nothing queued that this runner can run

        const JobRecord succeeded = fixture.job(ok);
        QCOMPARE(name(succeeded.status), name(JobStatus::Succeeded));
        QCOMPARE(*succeeded.result, std::string(R"({"type":"test.ok"})"));
        QVERIFY(!succeeded.error);
        QVERIFY(succeeded.startedAt && succeeded.finishedAt);
        QVERIFY(*succeeded.startedAt <= *succeeded.finishedAt);
        QCOMPARE(succeeded.progressDone, std::int64_t(2));

        const JobRecord failedJob = fixture.job(bad);
        QCOMPARE(name(failedJob.status), name(JobStatus::Failed));
        QCOMPARE(*failedJob.error, std::string("the thing could not be done"));
        QVERIFY(!failedJob.result);

        // A type without a handler here stays queued for a server that has one; runJob (the
        // command line) runs what it is told and fails it.
        QCOMPARE(name(fixture.job(unknown).status), name(JobStatus::Queued));
        const Result<JobRecord> forced = runner.runJob(unknown);
        QCOMPARE(name(forced->status), name(JobStatus::Failed));
        QCOMPARE(*forced->error, std::string("no handler for jobs of type test.unknown"));
    }

    void throttlesProgress()
    {
        Fixture fixture;
        JobRunner runner(*fixture.context, options());
        std::vector<std::int64_t> seen; // the persisted progress after each report
        runner.registerHandler(
            "test.progress", [&](const JobRunner::Run &run) -> Result<nlohmann::json> {
                auto persisted = [&] { return fixture.job(run.job.id).progressDone; };
                run.progress(1, 100); // the first report is written
                seen.push_back(persisted());
                for (int i = 2; i <= 50; ++i)
                    run.progress(i, 100); // within 200 ms of it: kept in memory only
                seen.push_back(persisted());
                std::this_thread::sleep_for(250ms);
                run.progress(51, 100); // written again
                seen.push_back(persisted());
                run.progress(99, 100);
                return nlohmann::json::object();
            });
        const std::string id = fixture.addJob("test.progress");
        QVERIFY(runner.runJob(id).hasValue());
        QCOMPARE(seen, (std::vector<std::int64_t>{1, 1, 51}));
        QCOMPARE(fixture.job(id).progressDone, std::int64_t(99)); // the last value, at the end
        QCOMPARE(fixture.job(id).progressTotal, std::int64_t(100));
    }

    void requeuesWhatADeadServerLeftRunning()
    {
        Fixture fixture;
        const Timestamp now = fixture.context->now();
        // Left by a server killed 10 minutes ago, and one whose server is alive (fresh heartbeat).
        const std::string dead = fixture.addJob("test.resume", JobStatus::Running, now - 10min);
        const std::string alive = fixture.addJob("test.resume", JobStatus::Running, now);

        JobRunner runner(*fixture.context, options(30s));
        int runs = 0;
        runner.registerHandler("test.resume", [&](const JobRunner::Run &) -> Result<nlohmann::json> {
            ++runs;
            return nlohmann::json{{"resumed", true}};
        });
        QCOMPARE(*runner.requeueStale(), 1);
        QCOMPARE(name(fixture.job(dead).status), name(JobStatus::Queued));
        QCOMPARE(name(fixture.job(alive).status), name(JobStatus::Running));
        QVERIFY(*runner.runNext());
        QCOMPARE(*runner.runNext(), false);
        QCOMPARE(runs, 1);
        QCOMPARE(name(fixture.job(dead).status), name(JobStatus::Succeeded));
        QCOMPARE(*fixture.job(dead).result, std::string(R"({"resumed":true})"));

        // Once its heartbeat stops (its process died), the other one is queued again too.
        JobRunner later(*fixture.context, options(1ms));
        std::this_thread::sleep_for(5ms);
        QCOMPARE(*later.requeueStale(), 1);
        QCOMPARE(name(fixture.job(alive).status), name(JobStatus::Queued));
    }

    void aRunTakenOverRecordsNothing()
    {
        Fixture fixture;
        JobRunner runner(*fixture.context, options());
        std::string id;
        runner.registerHandler("test.slow", [&](const JobRunner::Run &) -> Result<nlohmann::json> {
            // Meanwhile another runner queued the job again and claimed it (a new start).
            auto transaction = std::move(fixture.store->begin(Store::Mode::Write)).value();
            JobRecord job = *std::move(transaction->job(id)).value();
            job.startedAt = *job.startedAt + 1s;
            if (!transaction->updateJob(job) || !transaction->commit())
                qFatal("cannot update the job");
            return nlohmann::json{{"stale", true}};
        });
        id = fixture.addJob("test.slow");
        QVERIFY(runner.runJob(id).hasValue());
        const JobRecord job = fixture.job(id);
        QCOMPARE(name(job.status), name(JobStatus::Running)); // the other run's, untouched
        QVERIFY(!job.result);
    }

    void theThreadRunsQueuedJobsAndRequeuesOnStop()
    {
        Fixture fixture;
        JobRunner runner(*fixture.context, options());
        std::atomic<bool> started = false;
        runner.registerHandler("test.quick", [](const JobRunner::Run &) -> Result<nlohmann::json> {
            return nlohmann::json::object();
        });
        runner.registerHandler("test.long",
                               [&](const JobRunner::Run &run) -> Result<nlohmann::json> {
                                   started = true;
                                   while (!run.stopping.load())
                                       std::this_thread::sleep_for(10ms);
                                   return Error{"interrupted", "the server is stopping", {}};
                               });
        runner.start();
        const std::string quick = fixture.addJob("test.quick");
        runner.wake();
        QTRY_COMPARE_WITH_TIMEOUT(name(fixture.job(quick).status), name(JobStatus::Succeeded), 5000);

        const std::string longJob = fixture.addJob("test.long");
        runner.wake();
        QTRY_VERIFY_WITH_TIMEOUT(started.load(), 5000);
        QCOMPARE(name(fixture.job(longJob).status), name(JobStatus::Running));
        // The heartbeat moves while the handler works without reporting progress.
        const Timestamp firstBeat = *fixture.job(longJob).heartbeatAt;
        QTRY_VERIFY_WITH_TIMEOUT(*fixture.job(longJob).heartbeatAt > firstBeat, 5000);
        runner.stop();
        QCOMPARE(name(fixture.job(longJob).status), name(JobStatus::Queued));
        QVERIFY(!fixture.job(longJob).finishedAt);
    }
};

QTEST_APPLESS_MAIN(TestJobRunner)
#include "testjobrunner.moc"
