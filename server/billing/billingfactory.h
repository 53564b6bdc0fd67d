#pragma once

#include "core/result.h"
#include "server/billing/billingprovider.h"
#include "server/config/serverconfig.h"
#include "server/store/store.h"

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
// `eventsReady` when it has events to deliver); "stripe" is Stripe's REST API with the API key
// configured or sealed in `store` (makeConfiguredStripeProvider: its errors say what is missing);
// "none" is no provider.
Result<BillingSetup> createBillingProvider(const ServerConfig &config,
                                           Store &store,
                                           const std::string &webhookSecret,
                                           std::function<void()> eventsReady);

} // namespace Tenantry::Server
