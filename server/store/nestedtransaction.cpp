#include "server/store/nestedtransaction.h"

namespace Tenantry::Server {

Result<std::unique_ptr<StoreTransaction>> NestedTransaction::open(StoreTransaction &outer,
                                                                  std::string name)
{
    if (Status opened = outer.savepoint(name); !opened)
        return opened.error();
    return std::unique_ptr<StoreTransaction>(new NestedTransaction(outer, std::move(name)));
}

NestedTransaction::~NestedTransaction()
{
    if (!m_open)
        return;
    // Errors cannot be reported from here; if the rollback fails, the outer transaction is in
    // trouble already and its own commit will say so.
    if (m_outer.rollbackToSavepoint(m_name))
        static_cast<void>(m_outer.releaseSavepoint(m_name));
}

Status NestedTransaction::commit()
{
    if (!m_open)
        return Error{"storage_error", "commit() of a nested transaction that is not open", {}};
    Status released = m_outer.releaseSavepoint(m_name);
    if (released)
        m_open = false;
    return released;
}

Status NestedTransaction::savepoint(const std::string &name)
{
    return m_outer.savepoint(name);
}

Status NestedTransaction::releaseSavepoint(const std::string &name)
{
    return m_outer.releaseSavepoint(name);
}

Status NestedTransaction::rollbackToSavepoint(const std::string &name)
{
    return m_outer.rollbackToSavepoint(name);
}

Result<std::optional<UserRecord>> NestedTransaction::userById(const std::string &id)
{
    return m_outer.userById(id);
}

Result<std::optional<UserRecord>> NestedTransaction::userByEmail(const std::string &email)
{
    return m_outer.userByEmail(email);
}

Status NestedTransaction::insertUser(const UserRecord &user)
{
    return m_outer.insertUser(user);
}

Result<Page<UserRecord>> NestedTransaction::listUsers(const PageRequest &page)
{
    return m_outer.listUsers(page);
}

Status NestedTransaction::insertSession(const SessionRecord &session)
{
    return m_outer.insertSession(session);
}

Result<std::optional<SessionRecord>> NestedTransaction::sessionByTokenHash(const std::string &hash)
{
    return m_outer.sessionByTokenHash(hash);
}

Status NestedTransaction::deleteSession(const std::string &tokenHash)
{
    return m_outer.deleteSession(tokenHash);
}

Result<std::optional<Tenant>> NestedTransaction::tenantById(const std::string &id)
{
    return m_outer.tenantById(id);
}

Status NestedTransaction::insertTenant(const Tenant &tenant)
{
    return m_outer.insertTenant(tenant);
}

Status NestedTransaction::updateTenant(const Tenant &tenant)
{
    return m_outer.updateTenant(tenant);
}

Result<Page<Tenant>> NestedTransaction::listTenants(const TenantFilter &filter,
                                                    const PageRequest &page)
{
    return m_outer.listTenants(filter, page);
}

Status NestedTransaction::insertNote(const NoteRecord &note)
{
    return m_outer.insertNote(note);
}

Result<Page<NoteRecord>> NestedTransaction::listNotes(const std::string &tenantId,
                                                      const PageRequest &page)
{
    return m_outer.listNotes(tenantId, page);
}

Result<std::optional<Plan>> NestedTransaction::planById(const std::string &id)
{
    return m_outer.planById(id);
}

Status NestedTransaction::insertPlan(const Plan &plan)
{
    return m_outer.insertPlan(plan);
}

Status NestedTransaction::updatePlan(const Plan &plan)
{
    return m_outer.updatePlan(plan);
}

Result<Page<Plan>> NestedTransaction::listPlans(const PageRequest &page)
{
    return m_outer.listPlans(page);
}

Result<std::optional<Feature>> NestedTransaction::featureByKey(const std::string &key)
{
    return m_outer.featureByKey(key);
}

Status NestedTransaction::insertFeature(const Feature &feature)
{
    return m_outer.insertFeature(feature);
}

Result<Page<Feature>> NestedTransaction::listFeatures(const PageRequest &page)
{
    return m_outer.listFeatures(page);
}

Result<std::vector<FeatureOverride>> NestedTransaction::overridesOf(const std::string &tenantId)
{
    return m_outer.overridesOf(tenantId);
}

Result<std::optional<FeatureOverride>> NestedTransaction::featureOverride(
    const std::string &tenantId, const std::string &key)
{
    return m_outer.featureOverride(tenantId, key);
}

Status NestedTransaction::upsertOverride(const FeatureOverride &override)
{
    return m_outer.upsertOverride(override);
}

Status NestedTransaction::deleteOverride(const std::string &tenantId, const std::string &key)
{
    return m_outer.deleteOverride(tenantId, key);
}

Result<std::optional<TenantUserRecord>> NestedTransaction::tenantUser(const std::string &tenantId,
                                                                      const std::string &id)
{
    return m_outer.tenantUser(tenantId, id);
}

Status NestedTransaction::insertTenantUser(const TenantUserRecord &user)
{
    return m_outer.insertTenantUser(user);
}

Status NestedTransaction::deleteTenantUser(const std::string &tenantId, const std::string &id)
{
    return m_outer.deleteTenantUser(tenantId, id);
}

Result<Page<TenantUserRecord>> NestedTransaction::listTenantUsers(const std::string &tenantId,
                                                                  const PageRequest &page)
{
    return m_outer.listTenantUsers(tenantId, page);
}

Status NestedTransaction::insertTenantApiKey(const TenantApiKeyRecord &key)
{
    return m_outer.insertTenantApiKey(key);
}

Result<std::optional<TenantApiKeyRecord>> NestedTransaction::tenantApiKeyByHash(
    const std::string &keyHash)
{
    return m_outer.tenantApiKeyByHash(keyHash);
}

Result<std::optional<TenantApiKeyRecord>> NestedTransaction::tenantApiKey(
    const std::string &tenantId, const std::string &id)
{
    return m_outer.tenantApiKey(tenantId, id);
}

Status NestedTransaction::revokeTenantApiKey(const std::string &tenantId,
                                             const std::string &id,
                                             Timestamp at)
{
    return m_outer.revokeTenantApiKey(tenantId, id, at);
}

Result<Page<TenantApiKeyRecord>> NestedTransaction::listTenantApiKeys(const std::string &tenantId,
                                                                      const PageRequest &page)
{
    return m_outer.listTenantApiKeys(tenantId, page);
}

Result<std::optional<Subscription>> NestedTransaction::subscriptionById(const std::string &id)
{
    return m_outer.subscriptionById(id);
}

Result<std::optional<Subscription>> NestedTransaction::liveSubscriptionOf(const std::string &tenantId)
{
    return m_outer.liveSubscriptionOf(tenantId);
}

Status NestedTransaction::insertSubscription(const Subscription &subscription)
{
    return m_outer.insertSubscription(subscription);
}

Status NestedTransaction::updateSubscription(const Subscription &subscription)
{
    return m_outer.updateSubscription(subscription);
}

Result<Page<Subscription>> NestedTransaction::listSubscriptions(const SubscriptionFilter &filter,
                                                                const PageRequest &page)
{
    return m_outer.listSubscriptions(filter, page);
}

Status NestedTransaction::insertMrrEvent(const MrrEventRecord &event)
{
    return m_outer.insertMrrEvent(event);
}

Result<Page<MrrEventRecord>> NestedTransaction::listMrrEvents(const FeedFilter &filter,
                                                              const PageRequest &page)
{
    return m_outer.listMrrEvents(filter, page);
}

Status NestedTransaction::insertInvoice(const Invoice &invoice)
{
    return m_outer.insertInvoice(invoice);
}

Result<Page<Invoice>> NestedTransaction::listInvoices(const InvoiceFilter &filter,
                                                      const PageRequest &page)
{
    return m_outer.listInvoices(filter, page);
}

Result<std::optional<Tenant>> NestedTransaction::tenantByStripeCustomer(const std::string &customerId)
{
    return m_outer.tenantByStripeCustomer(customerId);
}

Status NestedTransaction::setTenantStripeCustomer(const std::string &tenantId,
                                                  const std::optional<std::string> &customerId)
{
    return m_outer.setTenantStripeCustomer(tenantId, customerId);
}

Result<std::optional<std::string>> NestedTransaction::tenantStripeCustomer(
    const std::string &tenantId)
{
    return m_outer.tenantStripeCustomer(tenantId);
}

Result<std::optional<std::string>> NestedTransaction::planStripePrice(const std::string &planId)
{
    return m_outer.planStripePrice(planId);
}

Result<std::optional<Plan>> NestedTransaction::planByStripePrice(const std::string &priceId)
{
    return m_outer.planByStripePrice(priceId);
}

Status NestedTransaction::setPlanStripePrice(const std::string &planId,
                                             const std::optional<std::string> &priceId)
{
    return m_outer.setPlanStripePrice(planId, priceId);
}

Result<std::optional<Subscription>> NestedTransaction::subscriptionByStripeId(
    const std::string &stripeId)
{
    return m_outer.subscriptionByStripeId(stripeId);
}

Result<std::optional<Timestamp>> NestedTransaction::subscriptionProviderUpdatedAt(
    const std::string &subscriptionId)
{
    return m_outer.subscriptionProviderUpdatedAt(subscriptionId);
}

Status NestedTransaction::setSubscriptionProviderUpdatedAt(const std::string &subscriptionId,
                                                           Timestamp at)
{
    return m_outer.setSubscriptionProviderUpdatedAt(subscriptionId, at);
}

Result<std::optional<Invoice>> NestedTransaction::invoiceByStripeId(const std::string &stripeId)
{
    return m_outer.invoiceByStripeId(stripeId);
}

Status NestedTransaction::updateInvoice(const Invoice &invoice)
{
    return m_outer.updateInvoice(invoice);
}

Result<std::optional<Timestamp>> NestedTransaction::invoiceProviderUpdatedAt(
    const std::string &invoiceId)
{
    return m_outer.invoiceProviderUpdatedAt(invoiceId);
}

Status NestedTransaction::setInvoiceProviderUpdatedAt(const std::string &invoiceId, Timestamp at)
{
    return m_outer.setInvoiceProviderUpdatedAt(invoiceId, at);
}

Result<bool> NestedTransaction::insertWebhookEvent(const WebhookEventRecord &event)
{
    return m_outer.insertWebhookEvent(event);
}

Result<std::optional<WebhookEventRecord>> NestedTransaction::webhookEvent(const std::string &id)
{
    return m_outer.webhookEvent(id);
}

Result<std::optional<WebhookEventRecord>> NestedTransaction::webhookEventState(const std::string &id)
{
    return m_outer.webhookEventState(id);
}

Status NestedTransaction::updateWebhookEvent(const WebhookEventRecord &event)
{
    return m_outer.updateWebhookEvent(event);
}

Result<std::vector<WebhookEventRecord>> NestedTransaction::dueWebhookEvents(Timestamp now, int limit)
{
    return m_outer.dueWebhookEvents(now, limit);
}

Result<std::optional<Timestamp>> NestedTransaction::nextWebhookAttempt()
{
    return m_outer.nextWebhookAttempt();
}

Result<Page<WebhookEventRecord>> NestedTransaction::listWebhookEvents(
    const WebhookEventFilter &filter, const PageRequest &page)
{
    return m_outer.listWebhookEvents(filter, page);
}

Status NestedTransaction::insertJob(const JobRecord &job)
{
    return m_outer.insertJob(job);
}

Result<std::optional<JobRecord>> NestedTransaction::job(const std::string &id)
{
    return m_outer.job(id);
}

Status NestedTransaction::updateJob(const JobRecord &job)
{
    return m_outer.updateJob(job);
}

Result<std::optional<JobRecord>> NestedTransaction::nextQueuedJob(
    const std::vector<std::string> &types)
{
    return m_outer.nextQueuedJob(types);
}

Result<int> NestedTransaction::requeueStaleJobs(Timestamp heartbeatBefore, Timestamp now)
{
    return m_outer.requeueStaleJobs(heartbeatBefore, now);
}

Status NestedTransaction::touchJob(const std::string &id, Timestamp now)
{
    return m_outer.touchJob(id, now);
}

Result<Page<JobRecord>> NestedTransaction::listJobs(const JobFilter &filter, const PageRequest &page)
{
    return m_outer.listJobs(filter, page);
}

Status NestedTransaction::insertDrift(const DriftRecord &drift)
{
    return m_outer.insertDrift(drift);
}

Result<std::optional<DriftRecord>> NestedTransaction::drift(const std::string &id)
{
    return m_outer.drift(id);
}

Status NestedTransaction::updateDrift(const DriftRecord &drift)
{
    return m_outer.updateDrift(drift);
}

Status NestedTransaction::deleteDriftOf(const std::string &jobId)
{
    return m_outer.deleteDriftOf(jobId);
}

Result<Page<DriftRecord>> NestedTransaction::listDrift(const DriftFilter &filter,
                                                       const PageRequest &page)
{
    return m_outer.listDrift(filter, page);
}

Result<std::optional<SpendRecord>> NestedTransaction::spend(const YearMonth &month,
                                                            const Currency &currency)
{
    return m_outer.spend(month, currency);
}

Status NestedTransaction::upsertSpend(const SpendRecord &spend)
{
    return m_outer.upsertSpend(spend);
}

Result<Page<SpendRecord>> NestedTransaction::listSpend(const FeedFilter &filter,
                                                       const PageRequest &page)
{
    return m_outer.listSpend(filter, page);
}

Status NestedTransaction::insertAudit(const AuditRecord &record)
{
    return m_outer.insertAudit(record);
}

Result<Page<AuditRecord>> NestedTransaction::listAudit(const AuditFilter &filter,
                                                       const PageRequest &page)
{
    return m_outer.listAudit(filter, page);
}

Status NestedTransaction::putSecret(const std::string &name, const std::string &bytes)
{
    return m_outer.putSecret(name, bytes);
}

Result<std::optional<std::string>> NestedTransaction::secret(const std::string &name)
{
    return m_outer.secret(name);
}

Result<bool> NestedTransaction::insertIdempotency(const IdempotencyRecord &record)
{
    return m_outer.insertIdempotency(record);
}

Result<std::optional<IdempotencyRecord>> NestedTransaction::idempotency(const std::string &scope,
                                                                        const std::string &key)
{
    return m_outer.idempotency(scope, key);
}

Status NestedTransaction::completeIdempotency(const IdempotencyRecord &record)
{
    return m_outer.completeIdempotency(record);
}

Status NestedTransaction::deleteIdempotency(const std::string &scope, const std::string &key)
{
    return m_outer.deleteIdempotency(scope, key);
}

} // namespace Tenantry::Server
