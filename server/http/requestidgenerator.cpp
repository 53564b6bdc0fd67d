#include "server/http/requestidgenerator.h"

#include <openssl/rand.h>

#include <pthread.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <random>

namespace Tenantry::Server {

namespace {

constexpr std::size_t IdBytes = 10;    // 80 bits = 16 base32 characters
constexpr std::size_t IdsPerFill = 64; // ids per call into OpenSSL, per thread

// Bumped in a forked child, so that it never hands out ids its parent had buffered.
std::atomic<std::uint64_t> g_forkGeneration{0};

void fill(unsigned char *bytes, std::size_t count)
{
    if (RAND_bytes(bytes, static_cast<int>(count)) != 1) {
        // Only when OpenSSL cannot seed itself; the kernel's generator is still a CSPRNG.
        std::random_device device;
        for (std::size_t i = 0; i < count; ++i)
            bytes[i] = static_cast<unsigned char>(device() & 0xffU);
    }
}

// Random bytes for ids, taken from OpenSSL 64 ids at a time: RAND_bytes costs a getpid()
// system call (its fork check) and a DRBG round per call, which per request was measurable.
// The buffer is the thread's own, so no lock; each byte is used once.
class RandomPool
{
public:
    RandomPool()
    {
        static const bool registered = [] {
            pthread_atfork(nullptr, nullptr, [] { ++g_forkGeneration; });
            return true;
        }();
        static_cast<void>(registered);
    }

    std::array<unsigned char, IdBytes> take()
    {
        const std::uint64_t generation = g_forkGeneration.load(std::memory_order_relaxed);
        if (m_used == m_bytes.size() || generation != m_generation) {
            fill(m_bytes.data(), m_bytes.size());
            m_used = 0;
            m_generation = generation;
        }
        std::array<unsigned char, IdBytes> bytes{};
        std::copy_n(m_bytes.begin() + static_cast<std::ptrdiff_t>(m_used), IdBytes, bytes.begin());
        // Not kept once handed out.
        std::fill_n(m_bytes.begin() + static_cast<std::ptrdiff_t>(m_used), IdBytes, 0);
        m_used += IdBytes;
        return bytes;
    }

private:
    std::array<unsigned char, IdBytes * IdsPerFill> m_bytes{};
    std::size_t m_used = IdBytes * IdsPerFill; // empty: filled on first use
    std::uint64_t m_generation = 0;
};

} // namespace

std::string RequestIdGenerator::next()
{
    static constexpr char alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
    thread_local RandomPool pool;
    const std::array<unsigned char, IdBytes> bytes = pool.take();

    std::string id = "req_";
    id.reserve(4 + 16);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const auto byte : bytes) {
        buffer = (buffer << 8U) | byte;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            id.push_back(alphabet[(buffer >> static_cast<unsigned>(bits)) & 0x1fU]);
        }
    }
    return id;
}

} // namespace Tenantry::Server
