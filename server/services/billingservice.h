#pragma once

#include "core/plan.h"
#include "core/tenant.h"
#include "server/api/apicontext.h"
#include "server/api/apihelpers.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace Tenantry::Server {

// The billing provider as the API and the other services see it: which one runs, the
// simulator's test clock and payment outcomes, and the provider's customer of a tenant and
// price of a plan, created at the first need and remembered in the store (no transaction is
// held open while the provider is asked).
//
// Provider errors become API errors (providerError): provider_unavailable → 503
// billing_unavailable (Retry-After), provider_rejected → 402 billing_rejected with the
// provider's message, not_found and not_supported → 409 billing_not_found /
// billing_not_supported.
class BillingService
{
public:
    // How far one advance of the test clock may go.
    static constexpr std::int64_t kMaxAdvanceSeconds = std::int64_t{2} * 366 * 86'400;

    explicit BillingService(ApiContext &context)
        : m_context(context)
    {}

    // "simulator", "stripe" or "none".
    std::string providerName() const;
    // {"object":"billing","provider","test_clock":{"frozen_time"}|null}
    nlohmann::json billingJson() const;
    // The provider's time: the simulator's test clock, otherwise the context's clock.
    Timestamp providerNow() const;

    // Runs every due transition up to `to` (or `seconds` from the frozen time); the events are
    // delivered to the webhook inbox once the request's transaction has ended. Audited as
    // test_clock.advanced (before/after: the frozen time).
    Outcome<nlohmann::json> advance(const Principal &actor,
                                    std::optional<Timestamp> to,
                                    std::optional<std::int64_t> seconds,
                                    const std::string &requestId) const;
    // Whether the simulated customer's payments succeed from now on; audited on the tenant as
    // tenant.payment_outcome_set.
    Outcome<nlohmann::json> setPaymentOutcome(const Principal &actor,
                                              const std::string &tenantId,
                                              bool succeeds,
                                              const std::string &requestId) const;

    // The provider's customer of the tenant (created with the key "customer/<tenant id>") and
    // price of the plan (key "price/<plan id>/<version>"). A new one is remembered in the store
    // at once, unless `unsaved` is given: then *unsaved tells whether the caller must save it
    // (setTenantStripeCustomer / setPlanStripePrice) in its own write transaction.
    Outcome<std::string> customerFor(const Tenant &tenant,
                                     const std::string &requestId,
                                     bool *unsaved = nullptr) const;
    Outcome<std::string> priceFor(const Plan &plan,
                                  const std::string &requestId,
                                  bool *unsaved = nullptr) const;

    static ApiError providerError(const Error &error);

private:
    ApiContext &m_context;
};

} // namespace Tenantry::Server
