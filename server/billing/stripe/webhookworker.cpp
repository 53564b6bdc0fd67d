#include "server/billing/stripe/webhookworker.h"

#include <algorithm>

namespace Tenantry::Server {

namespace {

constexpr int kBatch = 512;

} // namespace

WebhookWorker::WebhookWorker(StripeWebhookProcessor &processor,
                             ApiContext &context,
                             std::chrono::milliseconds idlePoll)
    : m_processor(processor)
    , m_context(context)
    , m_idlePoll(idlePoll)
{}

WebhookWorker::~WebhookWorker()
{
    stop();
}

void WebhookWorker::start()
{
    if (m_thread.joinable())
        return;
    m_stopping = false;
    m_thread = std::thread([this] { run(); });
}

void WebhookWorker::wake()
{
    {
        const std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_wakeUp.notify_one();
}

void WebhookWorker::stop()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wakeUp.notify_one();
    if (m_thread.joinable())
        m_thread.join();
}

void WebhookWorker::run()
{
    while (!m_stopping.load()) {
        {
            const std::lock_guard lock(m_mutex);
            m_woken = false; // what arrived up to here is seen by the pass below
        }
        Result<int> taken = m_processor.processDue(kBatch, m_stopping);
        if (!taken)
            m_context.logError("webhook worker: " + taken.error().message);
        else if (*taken == kBatch)
            continue; // more may be due at once

        auto wait = m_idlePoll;
        if (Result<std::optional<Timestamp>> next = m_processor.nextDue(); next && *next) {
            const auto until = std::chrono::duration_cast<std::chrono::milliseconds>(
                **next - m_context.now());
            wait = std::clamp(until + std::chrono::milliseconds(20),
                              std::chrono::milliseconds(20),
                              m_idlePoll);
        }
        std::unique_lock lock(m_mutex);
        m_wakeUp.wait_for(lock, wait, [this] { return m_woken || m_stopping.load(); });
    }
}

} // namespace Tenantry::Server
