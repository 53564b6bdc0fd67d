#include "server/billing/billingfactory.h"

#include "server/billing/simulator/billingsimulator.h"
#include "server/billing/stripe/stripekeystore.h"

#include <filesystem>

namespace Tenantry::Server {

Result<BillingSetup> createBillingProvider(const ServerConfig &config,
                                           Store &store,
                                           const std::string &webhookSecret,
                                           std::function<void()> eventsReady)
{
    BillingSetup setup;
    if (config.billing == "none")
        return setup;
    if (config.billing == "stripe") {
        Result<std::unique_ptr<BillingProvider>> stripe = makeConfiguredStripeProvider(config,
                                                                                       store);
        if (!stripe)
            return stripe.error();
        setup.provider = std::move(stripe).value();
        return setup;
    }
    std::error_code ignored;
    std::filesystem::create_directories(config.dataDir, ignored);
    BillingSimulator::Options options;
    options.path = config.dataDir + "/billing-simulator.sqlite";
    options.webhookSecret = webhookSecret;
    options.eventsReady = std::move(eventsReady);
    options.cancelAfterFailedRetries = config.billingAfterRetries != "unpaid";
    Result<std::unique_ptr<BillingSimulator>> simulator = BillingSimulator::open(std::move(options));
    if (!simulator)
        return simulator.error();
    setup.simulator = simulator->get();
    setup.provider = std::move(simulator).value();
    return setup;
}

} // namespace Tenantry::Server
