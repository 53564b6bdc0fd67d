#pragma once

#include "core/result.h"

#include <functional>
#include <memory>

namespace Tenantry::Server {

// A scope, on one thread, in which a store may acknowledge a write transaction's commit before
// it is durable, and report once it is. SQLite's group commit does (SqliteTransaction::commit:
// the transaction joins the open batch and the thread goes on to its next request instead of
// waiting for the batch's fsync); other stores commit as usual and never see it.
//
// Whoever answers a client from inside such a scope must not answer before whenDurable runs:
// the answer waits for every commit deferred in the scope, and a failed one replaces it with
// an error. Only the write lane (WriteLane) opens these scopes.
class DeferredCommits
{
public:
    using Report = std::function<void(const Status &outcome)>;

    // `whenDurable` runs once: after finish() and once every commit deferred in the scope is
    // durable, with Ok or the first failure; on the thread that made the last one durable, or
    // in finish() when nothing is outstanding then.
    explicit DeferredCommits(Report whenDurable);
    ~DeferredCommits(); // finish(), if not called
    DeferredCommits(const DeferredCommits &) = delete;
    DeferredCommits &operator=(const DeferredCommits &) = delete;

    // The innermost scope open on this thread, or nullptr.
    static DeferredCommits *current();

    // For a store's commit: one more outstanding commit; call the result once with its outcome.
    Report defer();
    // Ends the scope on this thread (later commits are not deferred) and reports as above.
    void finish();

private:
    struct State;
    std::shared_ptr<State> m_state;
    DeferredCommits *m_previous = nullptr;
    bool m_finished = false;
};

} // namespace Tenantry::Server
