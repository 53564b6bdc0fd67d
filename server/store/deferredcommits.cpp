#include "server/store/deferredcommits.h"

#include <mutex>
#include <utility>

namespace Tenantry::Server {

namespace {

thread_local DeferredCommits *t_current = nullptr;

} // namespace

struct DeferredCommits::State
{
    std::mutex mutex;
    int outstanding = 0;
    bool finished = false;
    Status outcome = Ok{};
    Report whenDurable;

    // Applies `update` under the mutex, then runs the report if that made it due (once, and
    // without the mutex).
    template<typename Update>
    void settle(Update update)
    {
        Report due;
        Status result = Ok{};
        {
            const std::lock_guard lock(mutex);
            update();
            if (finished && outstanding == 0 && whenDurable)
                due = std::exchange(whenDurable, nullptr);
            result = outcome;
        }
        if (due)
            due(result);
    }
};

DeferredCommits::DeferredCommits(Report whenDurable)
    : m_state(std::make_shared<State>())
    , m_previous(t_current)
{
    m_state->whenDurable = std::move(whenDurable);
    t_current = this;
}

DeferredCommits::~DeferredCommits()
{
    finish();
}

DeferredCommits *DeferredCommits::current()
{
    return t_current;
}

DeferredCommits::Report DeferredCommits::defer()
{
    {
        const std::lock_guard lock(m_state->mutex);
        ++m_state->outstanding;
    }
    return [state = m_state](const Status &outcome) {
        state->settle([&] {
            --state->outstanding;
            if (!outcome && state->outcome)
                state->outcome = outcome;
        });
    };
}

void DeferredCommits::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    if (t_current == this)
        t_current = m_previous;
    m_state->settle([this] { m_state->finished = true; });
}

} // namespace Tenantry::Server
