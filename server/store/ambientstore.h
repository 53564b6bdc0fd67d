#pragma once

#include "server/store/store.h"

namespace Tenantry::Server {

// The store as the API's code sees it: begin() joins the calling thread's AmbientTransaction
// when there is one (a write always, a read once that transaction is open) and is the
// underlying store's begin() otherwise.
class AmbientStore final : public Store
{
public:
    explicit AmbientStore(Store &store)
        : m_store(store)
    {}

    Result<std::unique_ptr<StoreTransaction>> begin(Mode mode) override;
    // The underlying store's: a tenant's transaction never joins an AmbientTransaction (which
    // is a staff transaction).
    Result<std::unique_ptr<StoreTransaction>> beginForTenant(Mode mode,
                                                             const std::string &tenantId) override
    {
        return m_store.beginForTenant(mode, tenantId);
    }
    bool isReady() const override { return m_store.isReady(); }
    TenantMover *tenantMover() override { return m_store.tenantMover(); }
    bool defersCommits() const override { return m_store.defersCommits(); }
    Status flushDeferred() override { return m_store.flushDeferred(); }

    // What an AmbientTransaction is opened on.
    Store &underlying() const { return m_store; }

private:
    Store &m_store;
};

} // namespace Tenantry::Server
