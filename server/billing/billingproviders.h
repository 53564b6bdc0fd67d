#pragma once

#include "core/result.h"
#include "server/api/apicontext.h"
#include "server/billing/billingprovider.h"
#include "server/config/serverconfig.h"

#include <memory>

namespace Tenantry::Server {

// The billing provider the configuration names (Stripe or the simulator), or nullptr when none
// is configured; an Error when the configured one cannot be set up. The one place that builds
// providers: the server and the command-line tools (tenantryd billing reconcile) both call it.
Result<std::unique_ptr<BillingProvider>> makeBillingProvider(const ServerConfig &config,
                                                             ApiContext &context);

} // namespace Tenantry::Server
