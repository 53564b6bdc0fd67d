#pragma once

#include "server/api/apicontext.h"
#include "server/billing/stripe/stripewebhookprocessor.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace Tenantry::Server {

// The thread that drains the webhook inbox: woken by the intake (a new event) and by staff (a
// replay), and by a timer for retries that fall due; it also looks every `idlePoll` in case a
// wake-up was missed (events written by another process). stop() lets the event in progress
// finish (its transaction commits or rolls back as a whole) and joins the thread; whatever is
// still pending is taken up after the next start.
class WebhookWorker
{
public:
    WebhookWorker(StripeWebhookProcessor &processor,
                  ApiContext &context,
                  std::chrono::milliseconds idlePoll = std::chrono::seconds(5));
    ~WebhookWorker();
    WebhookWorker(const WebhookWorker &) = delete;
    WebhookWorker &operator=(const WebhookWorker &) = delete;

    void start();
    void wake();
    void stop();

private:
    void run();

    StripeWebhookProcessor &m_processor;
    ApiContext &m_context;
    std::chrono::milliseconds m_idlePoll;
    std::mutex m_mutex;
    std::condition_variable m_wakeUp;
    bool m_woken = false;
    std::atomic<bool> m_stopping = false;
    std::thread m_thread;
};

} // namespace Tenantry::Server
