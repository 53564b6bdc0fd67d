#pragma once

#include "core/result.h"
#include "server/billing/billingprovider.h"
#include "server/config/serverconfig.h"

#include <functional>
#include <memory>
#include <string>

namespace Tenantry::Server {

class BillingSimulator;

// The billing provider a configuration names, and the simulator when it is that one.
struct BillingSetup
{
    std::unique_ptr<BillingProvider> provider; // nullptr for "none"
    BillingSimulator *simulator = nullptr;     // provider, when it is the simulator
};

// The one place that turns `--billing` into a provider: "simulator" opens
// <data dir>/billing-simulator.sqlite and signs its events with `webhookSecret` (it calls
// `eventsReady` when it has events to deliver); "none" is no provider; "stripe" is not available
// in this build yet (an "invalid_config" error that says so).
Result<BillingSetup> createBillingProvider(const ServerConfig &config,
                                           const std::string &webhookSecret,
                                           std::function<void()> eventsReady);

} // namespace Tenantry::Server
