#pragma once

#include "core/result.h"
#include "server/billing/billingprovider.h"

#include <memory>
#include <string>
#include <string_view>

namespace Tenantry::Server {

struct ServerConfig;
class Store;

// The name under which the sealed Stripe API key is kept in the store's secrets.
inline constexpr std::string_view kStripeApiKeySecret = "stripe_api_key";

// The Stripe API key for the provider. With config.stripeApiKey set: seals it under the master
// key (config.masterKeyPath(), created when missing) and saves it in the store, then returns it;
// the next start needs neither the flag nor the environment variable. Without it: opens the
// saved one. Errors: "invalid_master_key" (the key file is unusable), "stripe_key_missing"
// (neither configured nor saved), "secret_unreadable" (the saved one does not open with this
// master key: another key file, or a changed row), or the store's own. No message holds the key.
Result<std::string> loadStripeApiKey(const ServerConfig &config, Store &store);

// The Stripe provider as configured: loadStripeApiKey(), config.stripeApiBase, the client's
// default timeouts and retries. For ServerApplication::create with --billing stripe.
Result<std::unique_ptr<BillingProvider>> makeConfiguredStripeProvider(const ServerConfig &config,
                                                                      Store &store);

} // namespace Tenantry::Server
