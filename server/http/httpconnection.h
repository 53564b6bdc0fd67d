#pragma once

namespace Tenantry::Server {

// What HttpServer needs from a connection to stop: the server keeps weak pointers to its
// connections and calls these from its own strand; implementations hop to the connection's
// strand, so both are safe to call from any thread.
class HttpConnection
{
public:
    virtual ~HttpConnection() = default;

    // Begins serving (the TLS handshake, then requests) on the connection's strand.
    virtual void start() = 0;

    // Close now if waiting for a request (or still in the TLS handshake); otherwise finish the
    // request in progress, send its response with "Connection: close", then close.
    virtual void drain() = 0;
    // Close at once, whatever the state (after the drain timeout).
    virtual void forceClose() = 0;

protected:
    HttpConnection() = default;
    HttpConnection(const HttpConnection &) = default;
    HttpConnection &operator=(const HttpConnection &) = default;
};

} // namespace Tenantry::Server
