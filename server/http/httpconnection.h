#pragma once

#include <atomic>
#include <chrono>

namespace Tenantry::Server {

// What HttpServer needs from a connection to stop: the server keeps weak pointers to its
// connections and calls these from its own strand; implementations hop to the connection's
// strand, so all are safe to call from any thread.
class HttpConnection
{
public:
    virtual ~HttpConnection() = default;
    HttpConnection(const HttpConnection &) = delete;
    HttpConnection &operator=(const HttpConnection &) = delete;

    // Begins serving (the TLS handshake, then requests) on the connection's strand.
    virtual void start() = 0;

    // Close now if waiting for a request (or still in the TLS handshake); otherwise finish the
    // request in progress, send its response with "Connection: close", then close.
    virtual void drain() = 0;
    // Close at once, whatever the state (after the drain timeout).
    virtual void forceClose() = 0;

    // Idle keep-alive connections (most of them, at 10,000 connections) have no timer of their
    // own: they record when they stop waiting, and the server's periodic sweep calls
    // closeIfIdleExpired() on those past it. A timer per idle read would cost a wait
    // operation's memory per connection and a timer queue insertion and cancellation per
    // request. Safe from any thread; the connection checks again on its strand.
    bool idleExpired(std::chrono::steady_clock::time_point now) const
    {
        const auto deadline = m_idleDeadline.load(std::memory_order_relaxed);
        return deadline != noDeadline && now.time_since_epoch().count() >= deadline;
    }
    virtual void closeIfIdleExpired() = 0;

protected:
    HttpConnection() = default;

    static constexpr std::chrono::steady_clock::rep noDeadline = 0;

    void setIdleDeadline(std::chrono::steady_clock::time_point deadline)
    {
        m_idleDeadline.store(deadline.time_since_epoch().count(), std::memory_order_relaxed);
    }
    void clearIdleDeadline() { m_idleDeadline.store(noDeadline, std::memory_order_relaxed); }

private:
    std::atomic<std::chrono::steady_clock::rep> m_idleDeadline{noDeadline};
};

} // namespace Tenantry::Server
