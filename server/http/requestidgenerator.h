#pragma once

#include <string>

namespace Tenantry::Server {

// Request ids: "req_" + 16 base32 characters (RFC 4648 alphabet, lower case) = 80 random
// bits. The bits come from OpenSSL's CSPRNG (RAND_bytes: seeded by the operating system,
// thread-safe), so ids are unguessable and next() may be called from any thread.
class RequestIdGenerator
{
public:
    static std::string next();
};

} // namespace Tenantry::Server
