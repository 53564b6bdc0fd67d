#include "server/store/writelane.h"

namespace Tenantry::Server {

void WriteLane::start()
{
    const std::lock_guard lock(m_mutex);
    if (m_running)
        return;
    m_running = true;
    m_stopping = false;
    m_thread = std::thread([this] { run(); });
}

void WriteLane::stop()
{
    {
        const std::lock_guard lock(m_mutex);
        if (!m_running)
            return;
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
    const std::lock_guard lock(m_mutex);
    m_running = false;
}

bool WriteLane::isRunning() const
{
    const std::lock_guard lock(m_mutex);
    return m_running && !m_stopping;
}

bool WriteLane::post(Task &task)
{
    {
        const std::lock_guard lock(m_mutex);
        if (!m_running || m_stopping)
            return false;
        m_queue.push_back(std::move(task));
    }
    m_wake.notify_one();
    return true;
}

void WriteLane::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        if (m_queue.empty()) {
            // Nothing more to write for now: what the tasks left in the open batch becomes
            // durable, and their answers go (a failure reaches each of them the same way).
            lock.unlock();
            static_cast<void>(m_store.flushDeferred());
            lock.lock();
            if (m_queue.empty() && m_stopping)
                return;
            m_wake.wait(lock, [this] { return !m_queue.empty() || m_stopping; });
            continue;
        }
        Task task = std::move(m_queue.front());
        m_queue.pop_front();
        lock.unlock();
        task();
        lock.lock();
    }
}

} // namespace Tenantry::Server
