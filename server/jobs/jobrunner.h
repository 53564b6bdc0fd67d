#pragma once

#include "core/result.h"
#include "server/api/apicontext.h"
#include "server/store/records.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace Tenantry::Server {

// The thread that runs background jobs (the `jobs` table): it claims the oldest queued job of a
// type it has a handler for (others stay queued for a server that has one), runs the handler
// and records how it ended. One job at a time; woken
// when a job is queued (wake()) and every `idlePoll` in case a wake-up was missed (a job queued
// by another process).
//
// A handler reports progress through its Progress callback: the latest value is persisted at
// most every `progressInterval` (and at the end), so a handler may call it per item. While a
// job runs, its heartbeat_at moves every `heartbeatInterval` (from a thread of its own, also
// while the handler is blocked); a running job whose heartbeat is older than `staleAfter` was
// left by a process that died (a server, or `tenantryd billing reconcile`) and is queued again,
// at start and on every poll, by whichever runner sees it first. A live process's job is never
// taken, whether it runs in this server, another one sharing the database or the command line.
// Handlers must be restartable: a run starts from the beginning and must leave the same outcome
// as one uninterrupted run. A run that finds its job taken over (queued again and claimed by
// another runner) records nothing.
//
// A handler returns the job's result (a JSON object) or an Error whose message becomes the
// job's error (shown to staff: no internal detail). An Error with the code "interrupted" (the
// handler saw `stopping`) leaves the job queued for the next start; one with the code "canceled"
// (the handler undid its work, as asked) ends the job canceled with that message as its error.
class JobRunner
{
public:
    using Progress = std::function<void(std::int64_t done, std::int64_t total)>;
    struct Run
    {
        const JobRecord &job;
        const Progress &progress;
        const std::atomic<bool> &stopping;
    };
    using Handler = std::function<Result<nlohmann::json>(const Run &run)>;

    struct Options
    {
        std::chrono::milliseconds idlePoll{2000};
        std::chrono::milliseconds staleAfter{20000};
        std::chrono::milliseconds heartbeatInterval{5000};
        std::chrono::milliseconds progressInterval{250};
    };

    JobRunner(ApiContext &context, Options options);
    ~JobRunner();
    JobRunner(const JobRunner &) = delete;
    JobRunner &operator=(const JobRunner &) = delete;

    // Before start().
    void registerHandler(const std::string &type, Handler handler);
    bool handles(const std::string &type) const;

    void start();
    void wake();
    // Lets the job in progress see `stopping` (a handler that checks it ends early and its job
    // is queued again; one that does not is waited for) and joins the thread.
    void stop();

    // Queues again the running jobs whose heartbeat is stale; returns how many.
    Result<int> requeueStale();
    // Claims and runs the oldest queued job of a registered type on the calling thread; false
    // when there is none.
    Result<bool> runNext();
    // Claims the queued job `id` and runs it on the calling thread (the command line), telling
    // `observe` of every progress report; returns the job as it ended.
    Result<JobRecord> runJob(const std::string &id, const Progress &observe = {});

private:
    void loop();
    // Marks `job` running (in `store`, the caller commits).
    Status markRunning(StoreTransaction &store, JobRecord &job);
    Result<JobRecord> execute(JobRecord job, const Progress &observe);
    // Both write only while the job is still this run's (running, started at run.startedAt).
    Status saveProgress(const JobRecord &run, std::int64_t done, std::int64_t total);
    Status finish(const JobRecord &run,
                  const Result<nlohmann::json> &outcome,
                  std::int64_t done,
                  std::int64_t total);

    ApiContext &m_context;
    Options m_options;
    std::map<std::string, Handler> m_handlers;
    std::mutex m_mutex;
    std::condition_variable m_wakeUp;
    bool m_woken = false;
    std::atomic<bool> m_stopping = false;
    std::thread m_thread;
};

} // namespace Tenantry::Server
