#include "server/billing/stripe/stripeprovider.h"

#include <chrono>

namespace Tenantry::Server {

namespace {

using Json = nlohmann::json;
using Form = StripeClient::Form;

Error unexpected(const std::string &what, const std::string &detail)
{
    return Error{"provider_unavailable",
                 "Stripe answered with an unexpected " + what + ": " + detail,
                 {},
                 0};
}

Result<std::string> idOf(const Result<Json> &answer, const std::string &what)
{
    if (!answer)
        return answer.error();
    const auto id = answer->find("id");
    if (id == answer->end() || !id->is_string() || id->get<std::string>().empty())
        return unexpected(what, "no id");
    return id->get<std::string>();
}

Result<StripeSubscription> subscriptionOf(const Result<Json> &answer)
{
    if (!answer)
        return answer.error();
    Result<StripeSubscription> subscription = StripeSubscription::read(*answer);
    if (!subscription)
        return unexpected("subscription", subscription.error().toString());
    return subscription;
}

// A path segment: ids are [A-Za-z0-9_], but nothing a caller passes can leave the path.
std::string segment(const std::string &id)
{
    return StripeClient::percentEncode(id);
}

std::string unixSeconds(Timestamp at)
{
    return std::to_string(
        std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count());
}

} // namespace

Result<std::unique_ptr<StripeProvider>> StripeProvider::create(Options options)
{
    Result<std::unique_ptr<StripeClient>> client = StripeClient::create(std::move(options));
    if (!client)
        return client.error();
    return std::unique_ptr<StripeProvider>(new StripeProvider(std::move(client).value()));
}

StripeProvider::StripeProvider(std::unique_ptr<StripeClient> client)
    : m_client(std::move(client))
{}

Result<std::string> StripeProvider::createCustomer(const CustomerDraft &draft,
                                                   const std::string &idempotencyKey)
{
    Form form{{"name", draft.name}};
    if (!draft.email.empty())
        form.emplace_back("email", draft.email);
    form.emplace_back("metadata[tenant_id]", draft.tenantId);
    return idOf(m_client->post("/v1/customers", form, idempotencyKey), "customer");
}

Result<std::string> StripeProvider::createPrice(const Plan &plan, const std::string &idempotencyKey)
{
    const Form form{{"currency", plan.price.currency().toString()},
                    {"unit_amount", std::to_string(plan.price.amount())},
                    {"recurring[interval]", std::string(toString(plan.interval))},
                    {"product_data[name]", plan.name},
                    {"metadata[plan_id]", plan.id}};
    return idOf(m_client->post("/v1/prices", form, idempotencyKey), "price");
}

Result<StripeSubscription> StripeProvider::createSubscription(const SubscriptionDraft &draft,
                                                              const std::string &idempotencyKey)
{
    Form form{{"customer", draft.customerId},
              {"items[0][price]", draft.priceId},
              {"items[0][quantity]", std::to_string(draft.quantity)},
              {"payment_behavior", "default_incomplete"},
              {"expand[]", "latest_invoice.payment_intent"}};
    if (draft.trialDays > 0)
        form.emplace_back("trial_period_days", std::to_string(draft.trialDays));
    form.emplace_back("metadata[tenant_id]", draft.tenantId);
    return subscriptionOf(m_client->post("/v1/subscriptions", form, idempotencyKey));
}

Result<StripeSubscription> StripeProvider::changeSubscription(const std::string &subscriptionId,
                                                              const std::string &priceId,
                                                              std::int64_t quantity,
                                                              const std::string &idempotencyKey)
{
    // The item to change is named by its id ("si_…"), which only a read tells.
    const std::string path = "/v1/subscriptions/" + segment(subscriptionId);
    Result<Json> current = m_client->get(path);
    if (!current)
        return current.error();
    std::string itemId;
    if (const auto items = current->find("items"); items != current->end() && items->is_object()) {
        if (const auto data = items->find("data");
            data != items->end() && data->is_array() && !data->empty() && (*data)[0].is_object()) {
            itemId = (*data)[0].value("id", std::string());
        }
    }
    if (itemId.empty())
        return unexpected("subscription", "no first item id");
    const Form form{{"items[0][id]", itemId},
                    {"items[0][price]", priceId},
                    {"items[0][quantity]", std::to_string(quantity)},
                    {"proration_behavior", "create_prorations"}};
    return subscriptionOf(m_client->post(path, form, idempotencyKey));
}

Result<StripeSubscription> StripeProvider::cancelSubscription(const std::string &subscriptionId,
                                                              bool atPeriodEnd,
                                                              const std::string &idempotencyKey)
{
    const std::string path = "/v1/subscriptions/" + segment(subscriptionId);
    if (atPeriodEnd)
        return subscriptionOf(
            m_client->post(path, {{"cancel_at_period_end", "true"}}, idempotencyKey));
    return subscriptionOf(m_client->del(path, idempotencyKey));
}

Result<StripeSubscription> StripeProvider::resumeSubscription(const std::string &subscriptionId,
                                                              const std::string &idempotencyKey)
{
    return subscriptionOf(m_client->post("/v1/subscriptions/" + segment(subscriptionId),
                                         {{"cancel_at_period_end", "false"}},
                                         idempotencyKey));
}

Result<StripeSubscription> StripeProvider::extendTrial(const std::string &subscriptionId,
                                                       Timestamp trialEnd,
                                                       const std::string &idempotencyKey)
{
    return subscriptionOf(
        m_client->post("/v1/subscriptions/" + segment(subscriptionId),
                       {{"trial_end", unixSeconds(trialEnd)}, {"proration_behavior", "none"}},
                       idempotencyKey));
}

Result<StripeSubscription> StripeProvider::retrieveSubscription(const std::string &subscriptionId)
{
    return subscriptionOf(m_client->get("/v1/subscriptions/" + segment(subscriptionId)));
}

Result<BillingProvider::SubscriptionPage> StripeProvider::listSubscriptions(
    const std::optional<std::string> &startingAfter, int limit)
{
    Form query{{"status", "all"}, {"limit", std::to_string(std::clamp(limit, 1, 100))}};
    if (startingAfter)
        query.emplace_back("starting_after", *startingAfter);
    Result<Json> answer = m_client->get("/v1/subscriptions", query);
    if (!answer)
        return answer.error();
    const auto data = answer->find("data");
    if (data == answer->end() || !data->is_array())
        return unexpected("list", "no data array");
    SubscriptionPage page;
    for (const Json &object : *data) {
        Result<StripeSubscription> subscription = StripeSubscription::read(object);
        if (!subscription)
            return unexpected("subscription", subscription.error().toString());
        page.data.push_back(std::move(subscription).value());
    }
    const auto hasMore = answer->find("has_more");
    page.hasMore = hasMore != answer->end() && hasMore->is_boolean() && hasMore->get<bool>();
    return page;
}

Result<std::unique_ptr<BillingProvider>> makeStripeProvider(const StripeProvider::Options &options)
{
    Result<std::unique_ptr<StripeProvider>> provider = StripeProvider::create(options);
    if (!provider)
        return provider.error();
    return std::unique_ptr<BillingProvider>(std::move(provider).value());
}

} // namespace Tenantry::Server
