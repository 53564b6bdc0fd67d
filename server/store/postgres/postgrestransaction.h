#pragma once

#include "server/store/postgres/postgresconnection.h"
#include "server/store/storetransaction.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace Tenantry::Server {

class PostgresStore;

// StoreTransaction on one pooled PostgreSQL connection (see PostgresStore for the isolation
// levels and the row locks of write transactions). start() runs BEGIN and sets the scope for
// row-level security: app.scope = 'staff', or app.tenant_id, both with set_config(…, true) so
// that they end with the transaction and a pooled connection never carries them over.
// Destroying it uncommitted rolls back; either way the connection goes back to the pool.
class PostgresTransaction final : public StoreTransaction
{
public:
    PostgresTransaction(PostgresStore &store,
                        std::unique_ptr<PostgresConnection> connection,
                        bool write);
    ~PostgresTransaction() override;
    PostgresTransaction(const PostgresTransaction &) = delete;
    PostgresTransaction &operator=(const PostgresTransaction &) = delete;

    // `tenantId` null: the staff scope.
    Status start(const std::string *tenantId);
    Status commit() override;
    // The same SQL as SQLite's. A failed statement inside a savepoint leaves PostgreSQL's
    // transaction aborted until ROLLBACK TO that savepoint, which is what a nested unit of work
    // destroyed uncommitted does.
    Status savepoint(const std::string &name) override;
    Status releaseSavepoint(const std::string &name) override;
    Status rollbackToSavepoint(const std::string &name) override;
    // False once PostgreSQL closed the connection (the store then drops it).
    bool isConnectionHealthy() const { return m_connection->isHealthy(); }

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
    using Value = PostgresValue;
    // A WHERE fragment with its parameters.
    struct Condition
    {
        std::string sql;
        std::vector<Value> values;
    };

    Result<PostgresResult> query(std::string_view sql, const std::vector<Value> &values);
    // One statement with its parameters in order; "not_found" (naming `what`) when
    // `mustChange` and no row changed.
    Status write(std::string_view sql,
                 const std::vector<Value> &values,
                 bool mustChange = false,
                 std::string_view what = {});
    // Every row of a query (no paging).
    template<typename T, typename Reader>
    Result<std::vector<T>> rows(std::string_view sql, const std::vector<Value> &values, Reader read);
    // The first row of a query, if any.
    template<typename T, typename Reader>
    Result<std::optional<T>> firstRow(std::string_view sql,
                                      const std::vector<Value> &values,
                                      Reader read);
    // One page of a seq-ordered table: `conditions` are ANDed; the cursor names a row of
    // `table` by `idColumn`. Newest first, or oldest first for feeds.
    template<typename T, typename Reader>
    Result<Page<T>> pageOf(std::string_view table,
                           std::string_view columns,
                           std::vector<Condition> conditions,
                           const PageRequest &page,
                           bool oldestFirst,
                           Reader read,
                           std::string_view idColumn = "id");
    // One page of a tenant's rows of a seq-ordered table, newest first. The cursor must name a
    // row of that tenant (ids are unique per tenant only); `what` names the object in the error.
    template<typename T, typename Reader>
    Result<Page<T>> tenantPageOf(std::string_view table,
                                 std::string_view columns,
                                 const std::string &tenantId,
                                 const PageRequest &page,
                                 std::string_view what,
                                 Reader read);
    // " FOR NO KEY UPDATE" in a write transaction: a row read by key is locked until the end, so a
    // read-then-write sees the newest committed row and nobody changes it in between.
    std::string_view forUpdate() const;
    // In a write transaction, waits for and takes a lock on `key` of `table` until the end: a
    // row lock cannot cover a row that does not exist yet, and "not there, so insert it" must
    // not run in two transactions at once (SQLite serialises all writers; this serialises the
    // writers of one key). A no-op in a read transaction.
    Status lockKey(std::string_view table, const std::string &key);
    // The webhook event `id` (its advisory lock taken, its row locked when writing), read as
    // `columns`: with or without the payload.
    Result<std::optional<WebhookEventRecord>> lockedWebhookEvent(const std::string &id,
                                                                 std::string_view columns);
    // The table that rows of `tenantId` are inserted into: `table` (the pool's) or the same
    // table in the tenant's silo schema. Reads, updates and deletes need no routing: the silo
    // tables inherit the pool tables (docs/tenancy.md, "Silo and hybrid").
    Result<std::string> tenantTable(std::string_view table, const std::string &tenantId);
    Status writePlanFeatures(const Plan &plan);
    Result<std::vector<std::string>> planFeatures(const std::string &planId);

    PostgresStore &m_store;
    std::unique_ptr<PostgresConnection> m_connection;
    bool m_write;
    bool m_open = false;                         // BEGIN done, not yet ended
    std::map<std::string, std::string> m_siloOf; // tenant id -> quoted silo schema, "" for pool
};

} // namespace Tenantry::Server
