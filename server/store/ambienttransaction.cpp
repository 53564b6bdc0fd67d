#include "server/store/ambienttransaction.h"

#include "server/store/nestedtransaction.h"

#include <string>

namespace Tenantry::Server {

namespace {

thread_local AmbientTransaction *t_current = nullptr;

} // namespace

AmbientTransaction::AmbientTransaction(Store &store, OpenedHook opened)
    : m_store(store)
    , m_opened(std::move(opened))
    , m_previous(t_current)
{
    t_current = this;
}

AmbientTransaction::~AmbientTransaction()
{
    end();
    t_current = m_previous;
}

AmbientTransaction *AmbientTransaction::current()
{
    return t_current;
}

Result<StoreTransaction *> AmbientTransaction::open()
{
    if (m_transaction)
        return m_transaction.get();
    if (m_failure)
        return *m_failure;
    if (m_ended)
        return Error{"storage_error", "the ambient transaction has ended", {}};
    Result<std::unique_ptr<StoreTransaction>> begun = m_store.begin(Store::Mode::Write);
    if (!begun) {
        m_failure = begun.error();
        return begun.error();
    }
    if (m_opened) {
        if (Status hooked = m_opened(**begun); !hooked) {
            // Given up at once (not at the end of the request): the write lock is not held
            // while the code that asked for it finds its way out.
            m_failure = hooked.error();
            return hooked.error();
        }
    }
    m_transaction = std::move(begun).value();
    return m_transaction.get();
}

Result<std::unique_ptr<StoreTransaction>> AmbientTransaction::nested()
{
    Result<StoreTransaction *> outer = open();
    if (!outer)
        return outer.error();
    return NestedTransaction::open(**outer, "nested_" + std::to_string(++m_savepoints));
}

Status AmbientTransaction::commit()
{
    if (!m_transaction)
        return Error{"storage_error", "commit() of an ambient transaction that is not open", {}};
    Status committed = m_transaction->commit();
    end();
    return committed;
}

void AmbientTransaction::rollback()
{
    end();
}

void AmbientTransaction::afterEnd(std::function<void()> action)
{
    if (t_current && !t_current->m_ended)
        t_current->m_afterEnd.push_back(std::move(action));
    else
        action();
}

void AmbientTransaction::end()
{
    if (m_ended)
        return;
    m_ended = true;
    m_transaction.reset(); // uncommitted: rolled back
    std::vector<std::function<void()>> actions = std::move(m_afterEnd);
    for (const std::function<void()> &action : actions)
        action();
}

} // namespace Tenantry::Server
