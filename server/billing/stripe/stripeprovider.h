#pragma once

#include "server/billing/billingprovider.h"
#include "server/billing/stripe/stripeclient.h"

#include <memory>

namespace Tenantry::Server {

// BillingProvider on Stripe's REST API through a StripeClient. Each call is one request (change
// is two: the subscription is read first for its item id); answers are read with
// StripeSubscription::read, and an answer of another shape is "provider_unavailable".
class StripeProvider final : public BillingProvider
{
public:
    using Options = StripeClient::Options;

    // Errors as StripeClient::create ("invalid_config").
    static Result<std::unique_ptr<StripeProvider>> create(Options options);

    std::string_view name() const override { return "stripe"; }
    Result<std::string> createCustomer(const CustomerDraft &draft,
                                       const std::string &idempotencyKey) override;
    Result<std::string> createPrice(const Plan &plan, const std::string &idempotencyKey) override;
    Result<StripeSubscription> createSubscription(const SubscriptionDraft &draft,
                                                  const std::string &idempotencyKey) override;
    Result<StripeSubscription> changeSubscription(const std::string &subscriptionId,
                                                  const std::string &priceId,
                                                  std::int64_t quantity,
                                                  const std::string &idempotencyKey) override;
    Result<StripeSubscription> cancelSubscription(const std::string &subscriptionId,
                                                  bool atPeriodEnd,
                                                  const std::string &idempotencyKey) override;
    Result<StripeSubscription> resumeSubscription(const std::string &subscriptionId,
                                                  const std::string &idempotencyKey) override;
    Result<StripeSubscription> extendTrial(const std::string &subscriptionId,
                                           Timestamp trialEnd,
                                           const std::string &idempotencyKey) override;
    Result<StripeSubscription> retrieveSubscription(const std::string &subscriptionId) override;
    Result<SubscriptionPage> listSubscriptions(const std::optional<std::string> &startingAfter,
                                               int limit) override;

private:
    explicit StripeProvider(std::unique_ptr<StripeClient> client);

    std::unique_ptr<StripeClient> m_client;
};

// The provider for ServerApplication: `options.apiKey` from loadStripeApiKey().
Result<std::unique_ptr<BillingProvider>> makeStripeProvider(const StripeProvider::Options &options);

} // namespace Tenantry::Server
