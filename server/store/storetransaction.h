#pragma once

#include "core/feature.h"
#include "core/featureoverride.h"
#include "core/plan.h"
#include "core/result.h"
#include "core/tenant.h"
#include "server/store/records.h"

#include <optional>
#include <string>

namespace Tenantry::Server {

// One unit of work against the store. Everything done through it becomes visible at commit()
// and is rolled back if the transaction is destroyed uncommitted. A transaction is used by one
// thread at a time.
//
// Errors are Error values with these codes: "not_found" (an update of a missing row),
// "conflict" (a unique key is taken; Error::path names the field), "storage_error" (the
// database failed; the message is for the server log, never for a client), "cursor_not_found"
// (starting_after names no row of that list).
class StoreTransaction
{
public:
    virtual ~StoreTransaction() = default;

    virtual Status commit() = 0;

    // Savepoints inside this transaction, for a unit of work nested in it (NestedTransaction):
    // savepoint() opens one, releaseSavepoint() folds its changes into the enclosing level and
    // ends it, rollbackToSavepoint() undoes its changes and keeps it open (release it after).
    // `name` is a plain SQL identifier chosen by the caller; the SQL is standard (SAVEPOINT,
    // RELEASE SAVEPOINT, ROLLBACK TO SAVEPOINT) in SQLite and PostgreSQL alike.
    virtual Status savepoint(const std::string &name) = 0;
    virtual Status releaseSavepoint(const std::string &name) = 0;
    virtual Status rollbackToSavepoint(const std::string &name) = 0;

    // Users and sessions
    virtual Result<std::optional<UserRecord>> userById(const std::string &id) = 0;
    virtual Result<std::optional<UserRecord>> userByEmail(const std::string &email) = 0;
    virtual Status insertUser(const UserRecord &user) = 0;
    virtual Result<Page<UserRecord>> listUsers(const PageRequest &page) = 0;
    virtual Status insertSession(const SessionRecord &session) = 0;
    virtual Result<std::optional<SessionRecord>> sessionByTokenHash(const std::string &hash) = 0;
    virtual Status deleteSession(const std::string &tokenHash) = 0;

    // Tenants and their notes
    virtual Result<std::optional<Tenant>> tenantById(const std::string &id) = 0;
    virtual Status insertTenant(const Tenant &tenant) = 0;
    // Writes every field; the caller has checked and bumped the version.
    virtual Status updateTenant(const Tenant &tenant) = 0;
    virtual Result<Page<Tenant>> listTenants(const TenantFilter &filter, const PageRequest &page) = 0;
    virtual Status insertNote(const NoteRecord &note) = 0;
    virtual Result<Page<NoteRecord>>
    listNotes(const std::string &tenantId, const PageRequest &page) = 0;

    // Catalog
    virtual Result<std::optional<Plan>> planById(const std::string &id) = 0;
    virtual Status insertPlan(const Plan &plan) = 0;
    virtual Status updatePlan(const Plan &plan) = 0;
    virtual Result<Page<Plan>> listPlans(const PageRequest &page) = 0;
    virtual Result<std::optional<Feature>> featureByKey(const std::string &key) = 0;
    virtual Status insertFeature(const Feature &feature) = 0;
    virtual Result<Page<Feature>> listFeatures(const PageRequest &page) = 0;

    // Feature overrides: at most one per tenant and feature key.
    virtual Result<std::vector<FeatureOverride>> overridesOf(const std::string &tenantId) = 0;
    virtual Result<std::optional<FeatureOverride>>
    featureOverride(const std::string &tenantId, const std::string &key) = 0;
    // Inserts or replaces (tenant, key); the caller sets version and times.
    virtual Status upsertOverride(const FeatureOverride &override) = 0;
    virtual Status deleteOverride(const std::string &tenantId, const std::string &key) = 0;

    // End users of a tenant. A taken (tenant, email) is a "conflict" with path "email".
    virtual Result<std::optional<TenantUserRecord>>
    tenantUser(const std::string &tenantId, const std::string &id) = 0;
    virtual Status insertTenantUser(const TenantUserRecord &user) = 0;
    virtual Status deleteTenantUser(const std::string &tenantId, const std::string &id) = 0;
    virtual Result<Page<TenantUserRecord>>
    listTenantUsers(const std::string &tenantId, const PageRequest &page) = 0;

    // Tenant API keys. tenantApiKeyByHash finds a key by the hash of its secret before its
    // tenant is known: on PostgreSQL only the staff path sees it (the RequestGuard's look-up).
    // revokeTenantApiKey sets revoked_at (not_found: no such key of that tenant, or revoked
    // already). Lists are newest first.
    virtual Status insertTenantApiKey(const TenantApiKeyRecord &key) = 0;
    virtual Result<std::optional<TenantApiKeyRecord>>
    tenantApiKeyByHash(const std::string &keyHash) = 0;
    virtual Result<std::optional<TenantApiKeyRecord>>
    tenantApiKey(const std::string &tenantId, const std::string &id) = 0;
    virtual Status revokeTenantApiKey(const std::string &tenantId,
                                      const std::string &id,
                                      Timestamp at)
        = 0;
    virtual Result<Page<TenantApiKeyRecord>>
    listTenantApiKeys(const std::string &tenantId, const PageRequest &page) = 0;

    // Subscriptions, newest first in lists. liveSubscriptionOf is the tenant's subscription
    // that is not canceled (isLive), if any.
    virtual Result<std::optional<Subscription>> subscriptionById(const std::string &id) = 0;
    virtual Result<std::optional<Subscription>> liveSubscriptionOf(const std::string &tenantId) = 0;
    virtual Status insertSubscription(const Subscription &subscription) = 0;
    virtual Status updateSubscription(const Subscription &subscription) = 0;
    virtual Result<Page<Subscription>>
    listSubscriptions(const SubscriptionFilter &filter, const PageRequest &page) = 0;

    // MRR events and invoices (the billing history). Events list oldest first.
    virtual Status insertMrrEvent(const MrrEventRecord &event) = 0;
    virtual Result<Page<MrrEventRecord>>
    listMrrEvents(const FeedFilter &filter, const PageRequest &page) = 0;
    virtual Status insertInvoice(const Invoice &invoice) = 0;
    virtual Result<Page<Invoice>>
    listInvoices(const InvoiceFilter &filter, const PageRequest &page) = 0;

    // Stripe ids of local objects: a tenant's customer, a plan's price, a subscription's and an
    // invoice's own (Subscription::stripeSubscriptionId, Invoice::stripeInvoiceId). Each is
    // unique where set; a taken one is a "conflict". provider_updated_at is the Stripe `created`
    // of the last event applied to a subscription or invoice (nullopt: none yet).
    virtual Result<std::optional<Tenant>> tenantByStripeCustomer(const std::string &customerId) = 0;
    virtual Status setTenantStripeCustomer(const std::string &tenantId,
                                           const std::optional<std::string> &customerId)
        = 0;
    virtual Result<std::optional<Plan>> planByStripePrice(const std::string &priceId) = 0;
    // The customer of a tenant and the price of a plan at the provider (nullopt: none yet, or
    // no such tenant or plan).
    virtual Result<std::optional<std::string>> tenantStripeCustomer(const std::string &tenantId) = 0;
    virtual Result<std::optional<std::string>> planStripePrice(const std::string &planId) = 0;
    virtual Status setPlanStripePrice(const std::string &planId,
                                      const std::optional<std::string> &priceId)
        = 0;
    virtual Result<std::optional<Subscription>>
    subscriptionByStripeId(const std::string &stripeId) = 0;
    virtual Result<std::optional<Timestamp>>
    subscriptionProviderUpdatedAt(const std::string &subscriptionId) = 0;
    virtual Status setSubscriptionProviderUpdatedAt(const std::string &subscriptionId, Timestamp at)
        = 0;
    virtual Result<std::optional<Invoice>> invoiceByStripeId(const std::string &stripeId) = 0;
    // Writes every field of an existing invoice (by id).
    virtual Status updateInvoice(const Invoice &invoice) = 0;
    virtual Result<std::optional<Timestamp>>
    invoiceProviderUpdatedAt(const std::string &invoiceId) = 0;
    virtual Status setInvoiceProviderUpdatedAt(const std::string &invoiceId, Timestamp at) = 0;

    // The Stripe webhook inbox. insertWebhookEvent returns false (and changes nothing) when the
    // event id is there already. dueWebhookEvents: pending events whose next attempt is due at
    // `now`, oldest Stripe `created` first (then in the order received). nextWebhookAttempt: the
    // earliest next_attempt_at of a pending event, if any. Lists are newest first.
    virtual Result<bool> insertWebhookEvent(const WebhookEventRecord &event) = 0;
    virtual Result<std::optional<WebhookEventRecord>> webhookEvent(const std::string &id) = 0;
    // As webhookEvent, with the payload left empty: the state of an event whose payload the
    // caller holds (it never changes for an id).
    virtual Result<std::optional<WebhookEventRecord>> webhookEventState(const std::string &id) = 0;
    // Writes status, attempts, last_error, next_attempt_at and processed_at.
    virtual Status updateWebhookEvent(const WebhookEventRecord &event) = 0;
    virtual Result<std::vector<WebhookEventRecord>> dueWebhookEvents(Timestamp now, int limit) = 0;
    virtual Result<std::optional<Timestamp>> nextWebhookAttempt() = 0;
    virtual Result<Page<WebhookEventRecord>>
    listWebhookEvents(const WebhookEventFilter &filter, const PageRequest &page) = 0;

    // Background jobs. job() reads one for update (in a write transaction it stays as read
    // until commit). nextQueuedJob: the oldest queued job of one of `types`, taken so that no
    // other transaction takes it too (PostgreSQL: SKIP LOCKED). updateJob writes everything but id, type, params,
    // created_by and created_at. requeueStaleJobs: running jobs whose heartbeat is older than
    // `heartbeatBefore` (or missing) back to queued; returns how many.
    virtual Status insertJob(const JobRecord &job) = 0;
    virtual Result<std::optional<JobRecord>> job(const std::string &id) = 0;
    virtual Status updateJob(const JobRecord &job) = 0;
    virtual Result<std::optional<JobRecord>> nextQueuedJob(const std::vector<std::string> &types) = 0;
    virtual Result<int> requeueStaleJobs(Timestamp heartbeatBefore, Timestamp now) = 0;
    virtual Status touchJob(const std::string &id, Timestamp now) = 0;
    virtual Result<Page<JobRecord>> listJobs(const JobFilter &filter, const PageRequest &page) = 0;

    // Billing drift found by reconciliation jobs. deleteDriftOf removes the rows of a job that
    // are not applied (a restarted job writes its report again).
    virtual Status insertDrift(const DriftRecord &drift) = 0;
    virtual Result<std::optional<DriftRecord>> drift(const std::string &id) = 0;
    // Writes applied_at and applied_by.
    virtual Status updateDrift(const DriftRecord &drift) = 0;
    virtual Status deleteDriftOf(const std::string &jobId) = 0;
    virtual Result<Page<DriftRecord>>
    listDrift(const DriftFilter &filter, const PageRequest &page) = 0;

    // Acquisition spend: one row per (month, currency), oldest row first in lists.
    virtual Result<std::optional<SpendRecord>>
    spend(const YearMonth &month, const Currency &currency) = 0;
    virtual Status upsertSpend(const SpendRecord &spend) = 0;
    virtual Result<Page<SpendRecord>> listSpend(const FeedFilter &filter, const PageRequest &page) = 0;

    // Audit log
    virtual Status insertAudit(const AuditRecord &record) = 0;
    virtual Result<Page<AuditRecord>>
    listAudit(const AuditFilter &filter, const PageRequest &page) = 0;

    // Secrets at rest (the Stripe API key), sealed by SecretBox before they get here: the store
    // keeps opaque bytes under a name. putSecret inserts or replaces; secret() is nullopt when
    // the name was never put. Staff-only on PostgreSQL.
    virtual Status putSecret(const std::string &name, const std::string &bytes) = 0;
    virtual Result<std::optional<std::string>> secret(const std::string &name) = 0;

    // Idempotency keys. insertIdempotency returns false (and changes nothing) when the
    // (scope, key) pair exists already.
    virtual Result<bool> insertIdempotency(const IdempotencyRecord &record) = 0;
    virtual Result<std::optional<IdempotencyRecord>>
    idempotency(const std::string &scope, const std::string &key) = 0;
    virtual Status completeIdempotency(const IdempotencyRecord &record) = 0;
    virtual Status deleteIdempotency(const std::string &scope, const std::string &key) = 0;
};

} // namespace Tenantry::Server
