#include "server/http/bufferedlinewriter.h"

#include <algorithm>
#include <utility>

namespace Tenantry::Server {

BufferedLineWriter::BufferedLineWriter(Sink sink,
                                       std::chrono::milliseconds flushInterval,
                                       std::size_t flushBytes,
                                       std::size_t maxPendingBytes)
    : m_sink(std::move(sink))
    , m_flushInterval(flushInterval)
    , m_flushBytes(flushBytes)
    , m_maxPendingBytes(maxPendingBytes)
{
    m_thread = std::thread([this] { run(); });
}

BufferedLineWriter::~BufferedLineWriter()
{
    close();
}

void BufferedLineWriter::write(std::string_view line)
{
    std::unique_lock lock(m_mutex);
    if (m_closed) {
        // Late lines (none in tenantryd: the server has stopped before close()) still go out.
        std::string text(line);
        text.push_back('\n');
        m_sink(text);
        return;
    }
    m_written.wait(lock, [this] { return m_pending.size() < m_maxPendingBytes || m_closed; });
    m_pending.append(line);
    m_pending.push_back('\n');
    ++m_appended;
    if (m_pending.size() >= m_flushBytes)
        m_wakeWriter.notify_one();
}

void BufferedLineWriter::flush()
{
    std::unique_lock lock(m_mutex);
    if (m_closed)
        return;
    const std::uint64_t target = m_appended;
    if (m_flushed >= target)
        return;
    m_flushWanted = std::max(m_flushWanted, target);
    m_wakeWriter.notify_one();
    m_written.wait(lock, [this, target] { return m_flushed >= target || m_closed; });
}

void BufferedLineWriter::close()
{
    {
        const std::lock_guard lock(m_mutex);
        if (m_closing)
            return;
        m_closing = true;
    }
    m_wakeWriter.notify_one();
    if (m_thread.joinable())
        m_thread.join();
}

void BufferedLineWriter::run()
{
    std::string batch;
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wakeWriter.wait_for(lock, m_flushInterval, [this] {
            return m_closing || m_pending.size() >= m_flushBytes || m_flushWanted > m_flushed;
        });
        if (!m_pending.empty()) {
            batch.swap(m_pending);
            const std::uint64_t lines = m_appended;
            lock.unlock();
            try {
                m_sink(batch);
            } catch (...) { // a failing log must not stop the server; the lines are dropped
            }
            batch.clear();
            lock.lock();
            m_flushed = lines;
            m_written.notify_all();
        }
        if (m_closing && m_pending.empty()) {
            m_closed = true;
            m_written.notify_all();
            return;
        }
    }
}

} // namespace Tenantry::Server
