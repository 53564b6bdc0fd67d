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

    // With `lock` held: the report, when it is due now (taken out, to run without the lock).
    Report takeIfDue()
    {
        if (!finished || outstanding > 0 || !whenDurable)
            return {};
        return std::exchange(whenDurable, nullptr);
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
        Report due;
        Status result = Ok{};
        {
            const std::lock_guard lock(state->mutex);
            --state->outstanding;
            if (!outcome && state->outcome)
                state->outcome = outcome;
            due = state->takeIfDue();
            result = state->outcome;
        }
        if (due)
            due(result);
    };
}

void DeferredCommits::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    if (t_current == this)
        t_current = m_previous;
    Report due;
    Status result = Ok{};
    {
        const std::lock_guard lock(m_state->mutex);
        m_state->finished = true;
        due = m_state->takeIfDue();
        result = m_state->outcome;
    }
    if (due)
        due(result);
}

} // namespace Tenantry::Server
