#pragma once

#include "server/store/store.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace Tenantry::Server {

// One thread that runs write requests one after another. On SQLite, every write goes through
// the one writer connection: from many threads, each write waits for the connection to be
// handed over to it (a thread wake-up) and then for its batch's fsync. On the lane the writer
// goes from one request straight to the next, and none waits for an fsync: the lane runs each
// task in a DeferredCommits scope, whose commits the store acknowledges at once and reports
// once durable, and when its queue runs dry it makes the open batch durable itself
// (Store::flushDeferred). A task answers its client from that report, never before.
//
// Only for work that touches nothing but the store: a task that waits (a provider's API,
// password hashing) holds up every write queued behind it. RequestGuard decides which routes
// run here (RequestGuard::Lane).
class WriteLane
{
public:
    using Task = std::function<void()>;

    explicit WriteLane(Store &store)
        : m_store(store)
    {}
    ~WriteLane() { stop(); }
    WriteLane(const WriteLane &) = delete;
    WriteLane &operator=(const WriteLane &) = delete;

    void start();
    // Runs the tasks still queued, makes their writes durable and joins the thread.
    void stop();
    bool isRunning() const;
    // Queues `task`, moving it out; false, with `task` left as it was, when the lane is not
    // running.
    bool post(Task &task);

private:
    void run();

    Store &m_store;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Task> m_queue;
    bool m_running = false;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace Tenantry::Server
