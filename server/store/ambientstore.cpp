#include "server/store/ambientstore.h"

#include "server/store/ambienttransaction.h"

namespace Tenantry::Server {

Result<std::unique_ptr<StoreTransaction>> AmbientStore::begin(Mode mode)
{
    AmbientTransaction *ambient = AmbientTransaction::current();
    // After its end (in an afterEnd action), the code works on its own transactions.
    if (ambient && !ambient->hasEnded() && (mode == Mode::Write || ambient->isOpen()))
        return ambient->nested();
    return m_store.begin(mode);
}

} // namespace Tenantry::Server
