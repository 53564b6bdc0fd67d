#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace Tenantry::Server {

// Lines for one output (tenantryd's access log on stdout), written by a thread of its own:
// write() appends the line to a buffer under a short lock and returns; the writer thread hands
// what has gathered to the sink in one piece at least every `flushInterval`, sooner once
// `flushBytes` are waiting. flush() returns once everything written before it reached the
// sink; close() (and the destructor) flushes and stops the thread, so a graceful stop loses no
// line. Should the sink fall behind by more than `maxPendingBytes`, write() waits for it, so
// memory stays bounded (the old behaviour: every writer blocked on the output).
//
// Thread-safe. The sink is called from the writer thread only (and from close() once the
// thread has stopped), never concurrently with itself.
class BufferedLineWriter
{
public:
    using Sink = std::function<void(std::string_view text)>;

    explicit BufferedLineWriter(
        Sink sink,
        std::chrono::milliseconds flushInterval = std::chrono::milliseconds(100),
        std::size_t flushBytes = std::size_t{64} * 1024,
        std::size_t maxPendingBytes = std::size_t{8} * 1024 * 1024);
    ~BufferedLineWriter();
    BufferedLineWriter(const BufferedLineWriter &) = delete;
    BufferedLineWriter &operator=(const BufferedLineWriter &) = delete;

    // Appends `line` and a newline. After close(), writes straight to the sink.
    void write(std::string_view line);
    void flush();
    void close();

private:
    void run();

    Sink m_sink;
    const std::chrono::milliseconds m_flushInterval;
    const std::size_t m_flushBytes;
    const std::size_t m_maxPendingBytes;

    std::mutex m_mutex;
    std::condition_variable m_wakeWriter; // something to write, a flush or close wanted
    std::condition_variable m_written;    // a batch reached the sink
    std::string m_pending;
    std::uint64_t m_appended = 0; // lines appended so far
    std::uint64_t m_flushed = 0;  // lines handed to the sink so far
    std::uint64_t m_flushWanted = 0;
    bool m_closing = false;
    bool m_closed = false;
    std::thread m_thread;
};

} // namespace Tenantry::Server
