#pragma once

#include "core/result.h"
#include "server/store/store.h"

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace Tenantry::Server {

// One write transaction that all the store work of a piece of code joins, so that it commits
// (or rolls back) as one: the request guard runs a POST handler in one, with the request's
// idempotency record in the same transaction as the handler's changes.
//
// While an AmbientTransaction is installed on a thread (from construction to destruction),
// AmbientStore::begin() on that thread opens nothing of its own: the first write opens this
// transaction on the underlying store (running the `opened` hook in it before anything else),
// and from then on every begin(), write or read, returns a NestedTransaction in it (a
// savepoint: the code's commit() releases it, destruction rolls back to it). Until the first
// write, reads are ordinary read transactions: the write lock is taken as late as the code
// asks for it (slow work before the first write, such as password hashing, does not hold it).
//
// The owner decides at the end: commit() makes everything durable at once; rollback(), or
// destruction without commit(), undoes all of it. Once the hook or the open has failed, every
// later write begin() returns that error and reads go to the underlying store again.
class AmbientTransaction
{
public:
    using OpenedHook = std::function<Status(StoreTransaction &transaction)>;

    // `store` is the underlying store (not an AmbientStore). Installs this on the calling
    // thread, which must also be the one that destroys it.
    AmbientTransaction(Store &store, OpenedHook opened);
    ~AmbientTransaction();
    AmbientTransaction(const AmbientTransaction &) = delete;
    AmbientTransaction &operator=(const AmbientTransaction &) = delete;

    // The one installed on the calling thread, if any.
    static AmbientTransaction *current();

    bool isOpen() const { return m_transaction != nullptr; }
    // Committed or rolled back: from then on (afterEnd actions included) AmbientStore::begin()
    // is the underlying store's again.
    bool hasEnded() const { return m_ended; }
    // The transaction, opened now (hook included) if it is not open yet.
    Result<StoreTransaction *> open();
    // A transaction nested in this one, for AmbientStore::begin().
    Result<std::unique_ptr<StoreTransaction>> nested();
    Status commit();
    void rollback();

    // Runs `action` when the calling thread's ambient transaction has ended (committed or
    // rolled back), or at once when the thread has none: for what must come after a commit,
    // such as waking a worker that reads the change or erasing cache entries. Actions must be
    // harmless after a rollback too.
    static void afterEnd(std::function<void()> action);

private:
    void end();

    Store &m_store;
    OpenedHook m_opened;
    std::unique_ptr<StoreTransaction> m_transaction;
    std::optional<Error> m_failure; // the open or the hook failed
    int m_savepoints = 0;           // nested transactions opened so far (names their savepoints)
    bool m_ended = false;
    std::vector<std::function<void()>> m_afterEnd;
    AmbientTransaction *m_previous; // installed on this thread before this one
};

} // namespace Tenantry::Server
