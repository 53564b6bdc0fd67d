#pragma once

#include "server/store/storetransaction.h"

#include <memory>
#include <string>

namespace Tenantry::Server {

// A unit of work inside another transaction: a savepoint of `outer`, through which every query
// and change goes. commit() releases the savepoint, so that its changes become part of the
// outer transaction (durable when that one commits, gone if it rolls back). Destroyed
// uncommitted, it rolls back to its savepoint: the outer transaction goes on without its
// changes. Store-agnostic: it needs only the outer transaction's savepoint calls.
class NestedTransaction final : public StoreTransaction
{
public:
    // Opens savepoint `name` (unique within `outer`) in `outer`, which must outlive the result.
    static Result<std::unique_ptr<StoreTransaction>> open(StoreTransaction &outer, std::string name);
    ~NestedTransaction() override;
    NestedTransaction(const NestedTransaction &) = delete;
    NestedTransaction &operator=(const NestedTransaction &) = delete;

    Status commit() override;
    Status savepoint(const std::string &name) override;
    Status releaseSavepoint(const std::string &name) override;
    Status rollbackToSavepoint(const std::string &name) override;

    Result<std::optional<UserRecord>> userById(const std::string &id) override;
    Result<std::optional<UserRecord>> userByEmail(const std::string &email) override;
    Status insertUser(const UserRecord &user) override;
    Result<Page<UserRecord>> listUsers(const PageRequest &page) override;
    Status insertSession(const SessionRecord &session) override;
    Result<std::optional<SessionRecord>> sessionByTokenHash(const std::string &hash) override;
    Status deleteSession(const std::string &tokenHash) override;
    Result<std::optional<Tenant>> tenantById(const std::string &id) override;
    Status insertTenant(const Tenant &tenant) override;
    Status updateTenant(const Tenant &tenant) override;
    Result<Page<Tenant>> listTenants(const TenantFilter &filter, const PageRequest &page) override;
    Status insertNote(const NoteRecord &note) override;
    Result<Page<NoteRecord>> listNotes(const std::string &tenantId,
                                       const PageRequest &page) override;
    Result<std::optional<Plan>> planById(const std::string &id) override;
    Status insertPlan(const Plan &plan) override;
    Status updatePlan(const Plan &plan) override;
    Result<Page<Plan>> listPlans(const PageRequest &page) override;
    Result<std::optional<Feature>> featureByKey(const std::string &key) override;
    Status insertFeature(const Feature &feature) override;
    Result<Page<Feature>> listFeatures(const PageRequest &page) override;
    Result<std::vector<FeatureOverride>> overridesOf(const std::string &tenantId) override;
    Result<std::optional<FeatureOverride>> featureOverride(const std::string &tenantId,
                                                           const std::string &key) override;
    Status upsertOverride(const FeatureOverride &override) override;
    Status deleteOverride(const std::string &tenantId, const std::string &key) override;
    Result<std::optional<TenantUserRecord>> tenantUser(const std::string &tenantId,
                                                       const std::string &id) override;
    Status insertTenantUser(const TenantUserRecord &user) override;
    Status deleteTenantUser(const std::string &tenantId, const std::string &id) override;
    Result<Page<TenantUserRecord>> listTenantUsers(const std::string &tenantId,
                                                   const PageRequest &page) override;
    Status insertTenantApiKey(const TenantApiKeyRecord &key) override;
    Result<std::optional<TenantApiKeyRecord>> tenantApiKeyByHash(const std::string &keyHash) override;
    Result<std::optional<TenantApiKeyRecord>> tenantApiKey(const std::string &tenantId,
                                                           const std::string &id) override;
    Status revokeTenantApiKey(const std::string &tenantId,
                              const std::string &id,
                              Timestamp at) override;
    Result<Page<TenantApiKeyRecord>> listTenantApiKeys(const std::string &tenantId,
                                                       const PageRequest &page) override;
    Result<std::optional<Subscription>> subscriptionById(const std::string &id) override;
    Result<std::optional<Subscription>> liveSubscriptionOf(const std::string &tenantId) override;
    Status insertSubscription(const Subscription &subscription) override;
    Status updateSubscription(const Subscription &subscription) override;
    Result<Page<Subscription>> listSubscriptions(const SubscriptionFilter &filter,
                                                 const PageRequest &page) override;
    Status insertMrrEvent(const MrrEventRecord &event) override;
    Result<Page<MrrEventRecord>> listMrrEvents(const FeedFilter &filter,
                                               const PageRequest &page) override;
    Status insertInvoice(const Invoice &invoice) override;
    Result<Page<Invoice>> listInvoices(const InvoiceFilter &filter,
                                       const PageRequest &page) override;
    Result<std::optional<Tenant>> tenantByStripeCustomer(const std::string &customerId) override;
    Status setTenantStripeCustomer(const std::string &tenantId,
                                   const std::optional<std::string> &customerId) override;
    Result<std::optional<Plan>> planByStripePrice(const std::string &priceId) override;
    Result<std::optional<std::string>> tenantStripeCustomer(const std::string &tenantId) override;
    Result<std::optional<std::string>> planStripePrice(const std::string &planId) override;
    Status setPlanStripePrice(const std::string &planId,
                              const std::optional<std::string> &priceId) override;
    Result<std::optional<Subscription>> subscriptionByStripeId(const std::string &stripeId) override;
    Result<std::optional<Timestamp>> subscriptionProviderUpdatedAt(
        const std::string &subscriptionId) override;
    Status setSubscriptionProviderUpdatedAt(const std::string &subscriptionId,
                                            Timestamp at) override;
    Result<std::optional<Invoice>> invoiceByStripeId(const std::string &stripeId) override;
    Status updateInvoice(const Invoice &invoice) override;
    Result<std::optional<Timestamp>> invoiceProviderUpdatedAt(const std::string &invoiceId) override;
    Status setInvoiceProviderUpdatedAt(const std::string &invoiceId, Timestamp at) override;
    Result<bool> insertWebhookEvent(const WebhookEventRecord &event) override;
    Result<std::optional<WebhookEventRecord>> webhookEvent(const std::string &id) override;
    Result<std::optional<WebhookEventRecord>> webhookEventState(const std::string &id) override;
    Status updateWebhookEvent(const WebhookEventRecord &event) override;
    Result<std::vector<WebhookEventRecord>> dueWebhookEvents(Timestamp now, int limit) override;
    Result<std::optional<Timestamp>> nextWebhookAttempt() override;
    Result<Page<WebhookEventRecord>> listWebhookEvents(const WebhookEventFilter &filter,
                                                       const PageRequest &page) override;
    Status insertJob(const JobRecord &job) override;
    Result<std::optional<JobRecord>> job(const std::string &id) override;
    Status updateJob(const JobRecord &job) override;
    Result<std::optional<JobRecord>> nextQueuedJob(const std::vector<std::string> &types) override;
    Result<int> requeueStaleJobs(Timestamp heartbeatBefore, Timestamp now) override;
    Status touchJob(const std::string &id, Timestamp now) override;
    Result<Page<JobRecord>> listJobs(const JobFilter &filter, const PageRequest &page) override;
    Status insertDrift(const DriftRecord &drift) override;
    Result<std::optional<DriftRecord>> drift(const std::string &id) override;
    Status updateDrift(const DriftRecord &drift) override;
    Status deleteDriftOf(const std::string &jobId) override;
    Result<Page<DriftRecord>> listDrift(const DriftFilter &filter, const PageRequest &page) override;
    Result<std::optional<SpendRecord>> spend(const YearMonth &month,
                                             const Currency &currency) override;
    Status upsertSpend(const SpendRecord &spend) override;
    Result<Page<SpendRecord>> listSpend(const FeedFilter &filter, const PageRequest &page) override;
    Status insertAudit(const AuditRecord &record) override;
    Result<Page<AuditRecord>> listAudit(const AuditFilter &filter, const PageRequest &page) override;
    Status putSecret(const std::string &name, const std::string &bytes) override;
    Result<std::optional<std::string>> secret(const std::string &name) override;
    Result<bool> insertIdempotency(const IdempotencyRecord &record) override;
    Result<std::optional<IdempotencyRecord>> idempotency(const std::string &scope,
                                                         const std::string &key) override;
    Status completeIdempotency(const IdempotencyRecord &record) override;
    Status deleteIdempotency(const std::string &scope, const std::string &key) override;

private:
    NestedTransaction(StoreTransaction &outer, std::string name)
        : m_outer(outer)
        , m_name(std::move(name))
    {}

    StoreTransaction &m_outer;
    std::string m_name;
    bool m_open = true; // the savepoint is there, neither released nor rolled back
};

} // namespace Tenantry::Server
