#include "server/services/billingservice.h"

#include "server/billing/billingprovider.h"
#include "server/billing/simulator/billingsimulator.h"
#include "server/services/auditwriter.h"

namespace Tenantry::Server {

ApiError BillingService::providerError(const Error &error)
{
    if (error.code == "provider_rejected")
        return ApiError{402,
                        "invalid_request_error",
                        "billing_rejected",
                        "The billing provider refused the request: " + error.message,
                        {}};
    if (error.code == "not_found")
        return ApiError::conflict("billing_not_found",
                                  "The billing provider does not know this object: "
                                      + error.message);
    if (error.code == "not_supported")
        return ApiError::conflict("billing_not_supported",
                                  "The billing provider cannot do this: " + error.message);
    return ApiError{503,
                    "api_error",
                    "billing_unavailable",
                    "The billing provider is unavailable; retry with the same Idempotency-Key "
                    "after the time in Retry-After",
                    {}};
}

std::string BillingService::providerName() const
{
    const BillingProvider *provider = m_context.billingProvider();
    return provider ? std::string(provider->name()) : std::string("none");
}

Timestamp BillingService::providerNow() const
{
    if (const BillingSimulator *simulator = m_context.billingSimulator())
        return simulator->frozenTime();
    return m_context.now();
}

nlohmann::json BillingService::billingJson() const
{
    nlohmann::json clock = nullptr;
    if (const BillingSimulator *simulator = m_context.billingSimulator())
        clock = {{"frozen_time", formatRfc3339(simulator->frozenTime())}};
    return {{"object", "billing"}, {"provider", providerName()}, {"test_clock", clock}};
}

Outcome<nlohmann::json> BillingService::advance(const Principal &actor,
                                                std::optional<Timestamp> to,
                                                std::optional<std::int64_t> seconds,
                                                const std::string &requestId) const
{
    BillingSimulator *simulator = m_context.billingSimulator();
    if (!simulator)
        return ApiError::conflict("test_clock_unavailable",
                                  "Only the billing simulator has a test clock (the provider is "
                                      + providerName() + ")");
    if (to.has_value() == seconds.has_value())
        return ApiError::badRequest("parameter_invalid", "Give either to or seconds", "to");
    const Timestamp from = simulator->frozenTime();
    if (seconds) {
        if (*seconds < 0)
            return ApiError::badRequest("parameter_invalid",
                                        "seconds must not be negative: the test clock only moves "
                                        "forward",
                                        "seconds");
        if (*seconds > kMaxAdvanceSeconds)
            return ApiError::badRequest("parameter_invalid",
                                        "The test clock moves at most 2 years at once",
                                        "seconds");
        to = from + std::chrono::seconds(*seconds);
    }
    if (*to < from)
        return ApiError::badRequest("parameter_invalid",
                                    "The test clock only moves forward (it is at "
                                        + formatRfc3339(from) + ")",
                                    "to");
    if (*to - from > std::chrono::seconds(kMaxAdvanceSeconds))
        return ApiError::badRequest("parameter_invalid",
                                    "The test clock moves at most 2 years at once",
                                    "to");
    Result<std::int64_t> advanced = simulator->advance(*to);
    if (!advanced) {
        if (advanced.error().code == "invalid_value")
            return ApiError::badRequest("parameter_invalid", advanced.error().message, "to");
        m_context.logError("request " + requestId
                           + ": the billing simulator failed: " + advanced.error().message);
        return providerError(advanced.error());
    }
    // In the request's transaction (after the simulator moved: it keeps its own file, as a
    // provider would).
    const nlohmann::json before = {{"frozen_time", formatRfc3339(from)}};
    const nlohmann::json after = {{"frozen_time", formatRfc3339(simulator->frozenTime())},
                                  {"transitions", *advanced}};
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return m_context.storageFailure(transaction.error(), requestId);
    Status audited = writeAudit(
        **transaction,
        actor,
        requestId,
        m_context.now(),
        {"test_clock.advanced", "test_clock", providerName(), std::nullopt, &before, &after});
    if (audited)
        audited = (*transaction)->commit();
    if (!audited)
        return m_context.storageFailure(audited.error(), requestId);
    return billingJson();
}

Outcome<nlohmann::json> BillingService::setPaymentOutcome(const Principal &actor,
                                                          const std::string &tenantId,
                                                          bool succeeds,
                                                          const std::string &requestId) const
{
    BillingSimulator *simulator = m_context.billingSimulator();
    if (!simulator)
        return ApiError::conflict("test_clock_unavailable",
                                  "Payment outcomes are set only on the billing simulator (the "
                                  "provider is "
                                      + providerName() + ")");
    std::optional<Tenant> tenant;
    {
        Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
            Store::Mode::Read);
        if (!transaction)
            return m_context.storageFailure(transaction.error(), requestId);
        Result<std::optional<Tenant>> found = (*transaction)->tenantById(tenantId);
        if (!found)
            return m_context.storageFailure(found.error(), requestId);
        tenant = std::move(found).value();
    }
    if (!tenant)
        return ApiError::notFound("No tenant " + tenantId, "tenant_id");
    bool unsaved = false;
    Outcome<std::string> customer = customerFor(*tenant, requestId, &unsaved);
    if (failed(customer))
        return std::get<ApiError>(customer);
    if (Status set = simulator->setPaymentOutcome(std::get<std::string>(customer), succeeds); !set)
        return providerError(set.error());
    nlohmann::json result{{"object", "payment_outcome"},
                          {"tenant_id", tenantId},
                          {"customer", std::get<std::string>(customer)},
                          {"outcome", succeeds ? "succeeds" : "fails"}};
    // Remembered (a new customer) and audited after the provider answered: no transaction open
    // while it works.
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return m_context.storageFailure(transaction.error(), requestId);
    Status saved = Ok{};
    if (unsaved)
        saved = (*transaction)->setTenantStripeCustomer(tenantId, std::get<std::string>(customer));
    if (saved)
        saved = writeAudit(
            **transaction,
            actor,
            requestId,
            m_context.now(),
            {"tenant.payment_outcome_set", "tenant", tenantId, tenantId, nullptr, &result});
    if (saved)
        saved = (*transaction)->commit();
    if (!saved)
        return m_context.storageFailure(saved.error(), requestId);
    return result;
}

Outcome<std::string> BillingService::customerFor(const Tenant &tenant,
                                                 const std::string &requestId,
                                                 bool *unsaved) const
{
    BillingProvider *provider = m_context.billingProvider();
    if (!provider)
        return ApiError::conflict("billing_not_supported", "No billing provider is configured");
    if (unsaved)
        *unsaved = false;
    {
        Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
            Store::Mode::Read);
        if (!transaction)
            return m_context.storageFailure(transaction.error(), requestId);
        Result<std::optional<std::string>> known = (*transaction)->tenantStripeCustomer(tenant.id);
        if (!known)
            return m_context.storageFailure(known.error(), requestId);
        if (*known)
            return **known;
    }
    Result<std::string> created = provider->createCustomer({tenant.id, tenant.name, {}},
                                                           "customer/" + tenant.id);
    if (!created)
        return providerError(created.error());
    if (unsaved) {
        *unsaved = true;
        return std::move(created).value();
    }
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return m_context.storageFailure(transaction.error(), requestId);
    Status saved = (*transaction)->setTenantStripeCustomer(tenant.id, *created);
    if (saved)
        saved = (*transaction)->commit();
    if (!saved)
        return m_context.storageFailure(saved.error(), requestId);
    return std::move(created).value();
}

Outcome<std::string> BillingService::priceFor(const Plan &plan,
                                              const std::string &requestId,
                                              bool *unsaved) const
{
    BillingProvider *provider = m_context.billingProvider();
    if (!provider)
        return ApiError::conflict("billing_not_supported", "No billing provider is configured");
    if (unsaved)
        *unsaved = false;
    {
        Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
            Store::Mode::Read);
        if (!transaction)
            return m_context.storageFailure(transaction.error(), requestId);
        Result<std::optional<std::string>> known = (*transaction)->planStripePrice(plan.id);
        if (!known)
            return m_context.storageFailure(known.error(), requestId);
        if (*known)
            return **known;
    }
    Result<std::string> created = provider->createPrice(plan,
                                                        "price/" + plan.id + "/"
                                                            + std::to_string(plan.version));
    if (!created)
        return providerError(created.error());
    if (unsaved) {
        *unsaved = true;
        return std::move(created).value();
    }
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return m_context.storageFailure(transaction.error(), requestId);
    Status saved = (*transaction)->setPlanStripePrice(plan.id, *created);
    if (saved)
        saved = (*transaction)->commit();
    if (!saved)
        return m_context.storageFailure(saved.error(), requestId);
    return std::move(created).value();
}

} // namespace Tenantry::Server
