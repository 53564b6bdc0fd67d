#pragma once

// A stand-in for Stripe's live API in the unit tests of reconciliation and jobs: subscriptions
// are Stripe Subscription objects in Stripe's own shape (tests/data/stripe/fixtures.json, from
// Stripe's fixtures3.json) with ids, customer, status, price and quantity changed, read through
// StripeSubscription::read as the real providers read them. Lists page like Stripe's
// (starting_after, has_more); mutations are not supported.

#include "server/billing/billingprovider.h"

#include <nlohmann/json.hpp>

#include <QFile>

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace Tenantry::TestSupport {

inline const nlohmann::json &stripeSubscriptionFixture()
{
    static const nlohmann::json fixture = [] {
        QFile file(QStringLiteral(TENANTRY_TEST_DATA_DIR "/stripe/fixtures.json"));
        if (!file.open(QIODevice::ReadOnly))
            throw std::runtime_error("cannot read the Stripe fixtures");
        const QByteArray text = file.readAll();
        return nlohmann::json::parse(text.begin(), text.end())["resources"]["subscription"];
    }();
    return fixture;
}

// Stripe's example subscription with what a test sets; the rest (periods, item shape) is
// Stripe's.
inline Server::StripeSubscription stripeSubscription(const std::string &id,
                                                     const std::string &customer,
                                                     const std::string &status,
                                                     const std::string &price,
                                                     std::int64_t quantity)
{
    nlohmann::json object = stripeSubscriptionFixture();
    object["id"] = id;
    object["customer"] = customer;
    object["status"] = status;
    nlohmann::json &item = object["items"]["data"][0];
    item["price"]["id"] = price;
    item["plan"]["id"] = price;
    item["quantity"] = quantity;
    item["subscription"] = id;
    if (status == "canceled") {
        object["canceled_at"] = object["created"];
        object["ended_at"] = object["created"];
    }
    Result<Server::StripeSubscription> read = Server::StripeSubscription::read(object);
    if (!read)
        throw std::runtime_error("fixture does not read: " + read.error().message);
    return *read;
}

class FakeBillingProvider final : public Server::BillingProvider
{
public:
    std::vector<Server::StripeSubscription> subscriptions;
    bool unavailable = false;
    // What the list calls asked for: the starting_after of each call ("" for none).
    std::vector<std::string> listCalls;
    std::vector<std::string> retrieveCalls;

    std::string_view name() const override { return "fake"; }

    Result<std::string> createCustomer(const CustomerDraft &, const std::string &) override
    {
        return notSupported();
    }
    Result<std::string> createPrice(const Plan &, const std::string &) override
    {
        return notSupported();
    }
    Result<Server::StripeSubscription> createSubscription(const SubscriptionDraft &,
                                                          const std::string &) override
    {
        return notSupported();
    }
    Result<Server::StripeSubscription> changeSubscription(const std::string &,
                                                          const std::string &,
                                                          std::int64_t,
                                                          const std::string &) override
    {
        return notSupported();
    }
    Result<Server::StripeSubscription> cancelSubscription(const std::string &,
                                                          bool,
                                                          const std::string &) override
    {
        return notSupported();
    }
    Result<Server::StripeSubscription> resumeSubscription(const std::string &,
                                                          const std::string &) override
    {
        return notSupported();
    }
    Result<Server::StripeSubscription> extendTrial(const std::string &,
                                                   Timestamp,
                                                   const std::string &) override
    {
        return notSupported();
    }

    Result<Server::StripeSubscription> retrieveSubscription(const std::string &id) override
    {
        const std::lock_guard lock(m_mutex);
        retrieveCalls.push_back(id);
        if (unavailable)
            return down();
        for (const Server::StripeSubscription &subscription : subscriptions) {
            if (subscription.id == id)
                return subscription;
        }
        return Error{"not_found", "No such subscription: '" + id + "'", {}};
    }

    Result<SubscriptionPage> listSubscriptions(const std::optional<std::string> &startingAfter,
                                               int limit) override
    {
        const std::lock_guard lock(m_mutex);
        listCalls.push_back(startingAfter.value_or(""));
        if (unavailable)
            return down();
        auto from = subscriptions.begin();
        if (startingAfter) {
            from = std::find_if(subscriptions.begin(),
                                subscriptions.end(),
                                [&](const Server::StripeSubscription &subscription) {
                                    return subscription.id == *startingAfter;
                                });
            if (from == subscriptions.end())
                return Error{"provider_rejected", "No such subscription: " + *startingAfter, {}};
            ++from;
        }
        SubscriptionPage page;
        while (from != subscriptions.end() && static_cast<int>(page.data.size()) < limit)
            page.data.push_back(*from++);
        page.hasMore = from != subscriptions.end();
        return page;
    }

private:
    static Error notSupported() { return Error{"not_supported", "not in this fake", {}}; }
    static Error down()
    {
        return Error{"provider_unavailable", "connection refused (after 3 attempts)", {}};
    }

    std::mutex m_mutex;
};

} // namespace Tenantry::TestSupport
