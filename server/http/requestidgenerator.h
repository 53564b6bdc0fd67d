#pragma once

#include <string>

namespace Tenantry::Server {

// Request ids: "req_" + 16 base32 characters (RFC 4648 alphabet, lower case) = 80 random
// bits. The bits come from OpenSSL's CSPRNG (RAND_bytes: seeded by the operating system),
// drawn 64 ids at a time into a buffer of the calling thread (a forked child refills its own),
// so ids are unguessable and next() may be called from any thread without a lock.
class RequestIdGenerator
{
public:
    static std::string next();
};

} // namespace Tenantry::Server
