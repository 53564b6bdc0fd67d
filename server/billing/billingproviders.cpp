#include "server/billing/billingproviders.h"

namespace Tenantry::Server {

Result<std::unique_ptr<BillingProvider>> makeBillingProvider(const ServerConfig &config,
                                                             ApiContext &context)
{
    // No provider implementation is built in yet (Stripe and the simulator come with #5).
    static_cast<void>(config);
    static_cast<void>(context);
    return std::unique_ptr<BillingProvider>();
}

} // namespace Tenantry::Server
