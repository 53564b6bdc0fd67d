#include "server/billing/stripe/stripekeystore.h"

#include "server/billing/secretbox.h"
#include "server/billing/stripe/stripeprovider.h"
#include "server/config/serverconfig.h"
#include "server/store/store.h"

namespace Tenantry::Server {

Result<std::string> loadStripeApiKey(const ServerConfig &config, Store &store)
{
    const std::string name(kStripeApiKeySecret);
    Result<SecretBox> box = SecretBox::fromKeyFile(config.masterKeyPath());
    if (!box)
        return box.error();

    if (!config.stripeApiKey.empty()) {
        Result<std::string> sealed = box->seal(name, config.stripeApiKey);
        if (!sealed)
            return sealed.error();
        Result<std::unique_ptr<StoreTransaction>> transaction = store.begin(Store::Mode::Write);
        if (!transaction)
            return transaction.error();
        if (Status put = (*transaction)->putSecret(name, *sealed); !put)
            return put.error();
        if (Status committed = (*transaction)->commit(); !committed)
            return committed.error();
        return config.stripeApiKey;
    }

    Result<std::unique_ptr<StoreTransaction>> transaction = store.begin(Store::Mode::Read);
    if (!transaction)
        return transaction.error();
    Result<std::optional<std::string>> saved = (*transaction)->secret(name);
    if (!saved)
        return saved.error();
    if (!*saved)
        return Error{"stripe_key_missing",
                     "no Stripe API key: set one with --stripe-api-key, TENANTRY_STRIPE_API_KEY or "
                     "stripe_api_key (it is then kept, sealed, in the store)",
                     {},
                     0};
    Result<std::string> key = box->open(name, **saved);
    if (!key) {
        Error error = key.error();
        error.message = "the saved Stripe API key does not open with the master key \""
                        + config.masterKeyPath()
                        + "\" (another key file than the one it was saved with?); set the key "
                          "again with --stripe-api-key";
        return error;
    }
    return key;
}

Result<std::unique_ptr<BillingProvider>> makeConfiguredStripeProvider(const ServerConfig &config,
                                                                      Store &store)
{
    Result<std::string> key = loadStripeApiKey(config, store);
    if (!key)
        return key.error();
    StripeProvider::Options options;
    options.apiKey = std::move(key).value();
    options.baseUrl = config.stripeApiBase;
    return makeStripeProvider(options);
}

} // namespace Tenantry::Server
