#include "server/jobs/jobrunner.h"

#include <algorithm>
#include <optional>

namespace Tenantry::Server {

namespace {

// Moves a running job's heartbeat_at on a thread of its own while the handler works (a handler
// may spend minutes in one call to the billing provider without reporting progress).
class Heartbeat
{
public:
    Heartbeat(ApiContext &context, std::string jobId, std::chrono::milliseconds interval)
        : m_context(context)
        , m_jobId(std::move(jobId))
        , m_interval(interval)
        , m_thread([this] { loop(); })
    {}

    ~Heartbeat()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_done = true;
        }
        m_wakeUp.notify_one();
        m_thread.join();
    }

    Heartbeat(const Heartbeat &) = delete;
    Heartbeat &operator=(const Heartbeat &) = delete;

private:
    void loop()
    {
        std::unique_lock lock(m_mutex);
        while (!m_wakeUp.wait_for(lock, m_interval, [this] { return m_done; })) {
            lock.unlock();
            Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
                Store::Mode::Write);
            Status touched = transaction ? (*transaction)->touchJob(m_jobId, m_context.now())
                                         : Status(transaction.error());
            if (touched)
                touched = (*transaction)->commit();
            if (!touched)
                m_context.logError("job " + m_jobId + ": heartbeat: " + touched.error().message);
            lock.lock();
        }
    }

    ApiContext &m_context;
    std::string m_jobId;
    std::chrono::milliseconds m_interval;
    std::mutex m_mutex;
    std::condition_variable m_wakeUp;
    bool m_done = false;
    std::thread m_thread; // last: started once the rest is set
};

} // namespace

JobRunner::JobRunner(ApiContext &context, Options options)
    : m_context(context)
    , m_options(options)
{}

JobRunner::~JobRunner()
{
    stop();
}

void JobRunner::registerHandler(const std::string &type, Handler handler)
{
    m_handlers[type] = std::move(handler);
}

bool JobRunner::handles(const std::string &type) const
{
    return m_handlers.contains(type);
}

void JobRunner::start()
{
    if (m_thread.joinable())
        return;
    m_stopping = false;
    m_thread = std::thread([this] { loop(); });
}

void JobRunner::wake()
{
    {
        const std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_wakeUp.notify_one();
}

void JobRunner::stop()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wakeUp.notify_one();
    if (m_thread.joinable())
        m_thread.join();
}

void JobRunner::loop()
{
    // Stale jobs are looked for at start and then a few times per staleAfter, not on every poll.
    const auto requeueEvery = m_options.staleAfter / 4;
    std::optional<std::chrono::steady_clock::time_point> lastRequeue;
    while (!m_stopping.load()) {
        {
            const std::lock_guard lock(m_mutex);
            m_woken = false;
        }
        const auto now = std::chrono::steady_clock::now();
        if (!lastRequeue || now - *lastRequeue >= requeueEvery) {
            lastRequeue = now;
            if (Result<int> requeued = requeueStale(); !requeued)
                m_context.logError("job runner: " + requeued.error().message);
        }
        Result<bool> ran = runNext();
        if (!ran)
            m_context.logError("job runner: " + ran.error().message);
        else if (*ran)
            continue; // another may be queued
        std::unique_lock lock(m_mutex);
        m_wakeUp.wait_for(lock, m_options.idlePoll, [this] { return m_woken || m_stopping.load(); });
    }
}

Result<int> JobRunner::requeueStale()
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return transaction.error();
    const Timestamp now = m_context.now();
    const Timestamp cutoff = now
                             - std::chrono::duration_cast<std::chrono::microseconds>(
                                 m_options.staleAfter);
    Result<int> requeued = (*transaction)->requeueStaleJobs(cutoff, now);
    if (!requeued)
        return requeued.error();
    if (Status committed = (*transaction)->commit(); !committed)
        return committed.error();
    if (*requeued > 0)
        m_context.logError("job runner: queued " + std::to_string(*requeued)
                           + " job(s) again that a stopped server left running");
    return requeued;
}

Status JobRunner::markRunning(StoreTransaction &store, JobRecord &job)
{
    const Timestamp now = m_context.now();
    job.status = JobStatus::Running;
    job.startedAt = now;
    job.finishedAt.reset();
    job.heartbeatAt = now;
    job.updatedAt = now;
    job.error.reset();
    job.result.reset();
    return store.updateJob(job);
}

Result<bool> JobRunner::runNext()
{
    // Only types this runner has a handler for: during a rolling upgrade an older server leaves
    // a newer type to the servers that know it.
    std::vector<std::string> types;
    for (const auto &[type, handler] : m_handlers)
        types.push_back(type);
    // Looked for in a read transaction first: an idle runner takes no write lock.
    {
        Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
            Store::Mode::Read);
        if (!transaction)
            return transaction.error();
        Result<std::optional<JobRecord>> next = (*transaction)->nextQueuedJob(types);
        if (!next)
            return next.error();
        if (!*next)
            return false;
    }
    JobRecord job;
    {
        Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
            Store::Mode::Write);
        if (!transaction)
            return transaction.error();
        Result<std::optional<JobRecord>> next = (*transaction)->nextQueuedJob(types);
        if (!next)
            return next.error();
        if (!*next)
            return false;
        job = std::move(**next);
        if (Status marked = markRunning(**transaction, job); !marked)
            return marked.error();
        if (Status committed = (*transaction)->commit(); !committed)
            return committed.error();
    }
    Result<JobRecord> ended = execute(std::move(job), {});
    if (!ended)
        return ended.error();
    return true;
}

Result<JobRecord> JobRunner::runJob(const std::string &id, const Progress &observe)
{
    JobRecord job;
    {
        Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
            Store::Mode::Write);
        if (!transaction)
            return transaction.error();
        Result<std::optional<JobRecord>> found = (*transaction)->job(id);
        if (!found)
            return found.error();
        if (!*found)
            return Error{"not_found", "no job " + id, {}};
        if ((*found)->status != JobStatus::Queued)
            return Error{"conflict",
                         "job " + id + " is " + std::string(toString((*found)->status)),
                         {}};
        job = std::move(**found);
        if (Status marked = markRunning(**transaction, job); !marked)
            return marked.error();
        if (Status committed = (*transaction)->commit(); !committed)
            return committed.error();
    }
    return execute(std::move(job), observe);
}

Result<JobRecord> JobRunner::execute(JobRecord job, const Progress &observe)
{
    std::int64_t done = 0;
    std::int64_t total = 0;
    auto lastSaved = std::chrono::steady_clock::now() - m_options.progressInterval;
    const Progress progress = [&](std::int64_t newDone, std::int64_t newTotal) {
        done = newDone;
        total = newTotal;
        if (observe)
            observe(done, total);
        const auto now = std::chrono::steady_clock::now();
        if (now - lastSaved < m_options.progressInterval)
            return;
        lastSaved = now;
        if (Status saved = saveProgress(job, done, total); !saved)
            m_context.logError("job " + job.id + ": progress: " + saved.error().message);
    };

    Result<nlohmann::json> outcome = Error{"failed", "no handler for jobs of type " + job.type, {}};
    if (const auto handler = m_handlers.find(job.type); handler != m_handlers.end()) {
        const Heartbeat heartbeat(m_context, job.id, m_options.heartbeatInterval);
        outcome = handler->second(Run{job, progress, m_stopping});
    }
    if (Status finished = finish(job, outcome, done, total); !finished)
        return finished.error();

    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Read);
    if (!transaction)
        return transaction.error();
    Result<std::optional<JobRecord>> ended = (*transaction)->job(job.id);
    if (!ended)
        return ended.error();
    if (!*ended)
        return Error{"not_found", "no job " + job.id, {}};
    return std::move(**ended);
}

Status JobRunner::saveProgress(const JobRecord &run, std::int64_t done, std::int64_t total)
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return transaction.error();
    Result<std::optional<JobRecord>> found = (*transaction)->job(run.id);
    if (!found)
        return found.error();
    if (!*found || (*found)->status != JobStatus::Running || (*found)->startedAt != run.startedAt)
        return Ok{}; // taken over by another run
    JobRecord job = std::move(**found);
    const Timestamp now = m_context.now();
    job.progressDone = done;
    job.progressTotal = total;
    job.updatedAt = now;
    job.heartbeatAt = now;
    if (Status updated = (*transaction)->updateJob(job); !updated)
        return updated;
    return (*transaction)->commit();
}

Status JobRunner::finish(const JobRecord &run,
                         const Result<nlohmann::json> &outcome,
                         std::int64_t done,
                         std::int64_t total)
{
    const std::string &id = run.id;
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return transaction.error();
    Result<std::optional<JobRecord>> found = (*transaction)->job(id);
    if (!found)
        return found.error();
    if (!*found)
        return Error{"not_found", "no job " + id, {}};
    if ((*found)->status != JobStatus::Running || (*found)->startedAt != run.startedAt) {
        // Its heartbeat went stale (the store was unreachable for long) and another run took it
        // over: that run records the outcome.
        m_context.logError("job " + id
                           + ": taken over by another run; this run's outcome is "
                             "dropped");
        return Ok{};
    }
    JobRecord job = std::move(**found);
    const Timestamp now = m_context.now();
    job.updatedAt = now;
    job.progressDone = done;
    job.progressTotal = total;
    if (!outcome && outcome.error().code == "interrupted") {
        job.status = JobStatus::Queued; // taken up again after the next start
        job.heartbeatAt.reset();
    } else if (!outcome && outcome.error().code == "canceled") {
        job.status = JobStatus::Canceled; // the handler undid its work as asked
        job.error = outcome.error().message;
        job.finishedAt = now;
    } else if (outcome) {
        job.status = JobStatus::Succeeded;
        job.result = outcome->dump();
        job.finishedAt = now;
    } else {
        job.status = JobStatus::Failed;
        job.error = outcome.error().message;
        job.finishedAt = now;
        m_context.logError("job " + id + " (" + job.type + ") failed: " + outcome.error().message);
    }
    if (Status updated = (*transaction)->updateJob(job); !updated)
        return updated;
    return (*transaction)->commit();
}

} // namespace Tenantry::Server
