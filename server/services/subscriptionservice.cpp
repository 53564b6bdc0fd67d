#include "server/services/subscriptionservice.h"

#include "server/auth/sessiontoken.h"
#include "server/billing/billingprovider.h"
#include "server/services/billingservice.h"
#include "server/services/readtransaction.h"

namespace Tenantry::Server {

namespace {

Timestamp periodEnd(Timestamp start, const Plan &plan)
{
    return addCalendarMonths(start, plan.interval == BillingInterval::Year ? 12 : 1);
}

ApiError subscriptionNotFound(const std::string &id)
{
    return ApiError::notFound("No subscription " + id, "id");
}

std::optional<ApiError> checkQuantity(std::int64_t quantity)
{
    if (quantity < 1 || quantity > SubscriptionService::kMaxQuantity)
        return ApiError::unprocessable("parameter_invalid",
                                       "quantity must be from 1 to 100000",
                                       "quantity");
    return std::nullopt;
}

} // namespace

ApiError SubscriptionService::storeError(const Error &error, const std::string &requestId) const
{
    if (error.code == "cursor_not_found")
        return ApiError::badRequest("parameter_invalid",
                                    "starting_after names no object of this list",
                                    "starting_after");
    return m_context.storageFailure(error, requestId);
}

Outcome<Plan> SubscriptionService::loadPlan(StoreTransaction &store,
                                            const std::string &planId,
                                            const std::string &requestId) const
{
    Result<std::optional<Plan>> plan = store.planById(planId);
    if (!plan)
        return storeError(plan.error(), requestId);
    if (!*plan)
        return ApiError::unprocessable("resource_missing", "No plan " + planId, "plan_id");
    return std::move(**plan);
}

Outcome<SubscriptionService::Loaded> SubscriptionService::loadForChange(
    StoreTransaction &store,
    const std::string &id,
    std::optional<std::int64_t> expectedVersion,
    const std::string &requestId) const
{
    Result<std::optional<Subscription>> current = store.subscriptionById(id);
    if (!current)
        return storeError(current.error(), requestId);
    if (!*current)
        return subscriptionNotFound(id);
    Subscription subscription = std::move(**current);
    if (expectedVersion && subscription.version != *expectedVersion)
        return ApiError::preconditionFailed("The subscription changed since you read it (version "
                                            + std::to_string(subscription.version) + " now)");
    if (!isLive(subscription.status))
        return ApiError::conflict("subscription_ended",
                                  "This subscription has ended; create a new one instead");
    Outcome<Plan> plan = loadPlan(store, subscription.planId, requestId);
    if (failed(plan))
        return std::get<ApiError>(plan);
    return Loaded{std::move(subscription), std::get<Plan>(std::move(plan))};
}

Outcome<Subscription> SubscriptionService::commitChange(
    StoreTransaction &store,
    const Principal &actor,
    const std::string &requestId,
    const std::optional<Loaded> &before,
    Subscription after,
    const Plan &afterPlan,
    const std::string &action,
    std::optional<Timestamp> effectiveAt,
    std::optional<Timestamp> providerUpdatedAt) const
{
    const Timestamp now = m_context.now();
    Result<Subscription> written = applySubscriptionState(
        store,
        {actor, requestId, now, effectiveAt.value_or(now), action},
        before,
        std::move(after),
        afterPlan);
    if (!written)
        return storeError(written.error(), requestId);
    if (providerUpdatedAt) {
        if (Status marked = store.setSubscriptionProviderUpdatedAt(written->id, *providerUpdatedAt);
            !marked)
            return storeError(marked.error(), requestId);
    }
    if (Status committed = store.commit(); !committed)
        return storeError(committed.error(), requestId);
    return std::move(written).value();
}

std::string SubscriptionService::providerKey(const Principal &actor,
                                             const std::string &requestId,
                                             const std::string &idempotencyKey,
                                             std::string_view action)
{
    std::string key = actor.user.id + "/" + (idempotencyKey.empty() ? requestId : idempotencyKey)
                      + "/" + std::string(action);
    // Stripe takes keys of up to 255 characters.
    return key.size() <= 255 ? key : sha256Hex(key) + "/" + std::string(action);
}

Outcome<SubscriptionService::Loaded> SubscriptionService::readForChange(
    const std::string &id,
    std::optional<std::int64_t> expectedVersion,
    const std::string &requestId) const
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Read);
    if (!transaction)
        return storeError(transaction.error(), requestId);
    return loadForChange(**transaction, id, expectedVersion, requestId);
}

Outcome<Subscription> SubscriptionService::applyProviderAnswer(
    const Principal &actor,
    const std::string &requestId,
    const std::string &id,
    const Result<StripeSubscription> &answer,
    const Plan &fallbackPlan,
    const std::string &action,
    const std::optional<std::string> &newPriceOfPlan) const
{
    if (!answer)
        return BillingService::providerError(answer.error());
    // The provider has made the change; only the local copy is left to write. The webhook
    // worker may be applying the same subscription's events at this moment (on PostgreSQL, a
    // deadlock's victim is rolled back): writing the answer again is safe, so it is retried.
    Outcome<Subscription> applied = applyProviderAnswerOnce(
        actor, requestId, id, *answer, fallbackPlan, action, newPriceOfPlan);
    for (int attempt = 1;
         attempt < 3 && failed(applied) && std::get<ApiError>(applied).code == "lock_timeout";
         ++attempt)
        applied = applyProviderAnswerOnce(
            actor, requestId, id, *answer, fallbackPlan, action, newPriceOfPlan);
    return applied;
}

Outcome<Subscription> SubscriptionService::applyProviderAnswerOnce(
    const Principal &actor,
    const std::string &requestId,
    const std::string &id,
    const StripeSubscription &answer,
    const Plan &fallbackPlan,
    const std::string &action,
    const std::optional<std::string> &newPriceOfPlan) const
{
    const Timestamp providerNow = BillingService(m_context).providerNow();
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return storeError(transaction.error(), requestId);
    StoreTransaction &store = **transaction;
    // A price the provider made for fallbackPlan in this request: remembered now, after the
    // provider answered (no transaction was open while it worked).
    if (newPriceOfPlan) {
        if (Status saved = store.setPlanStripePrice(fallbackPlan.id, *newPriceOfPlan); !saved)
            return storeError(saved.error(), requestId);
    }
    Result<std::optional<Subscription>> current = store.subscriptionById(id);
    if (!current)
        return storeError(current.error(), requestId);
    if (!*current)
        return subscriptionNotFound(id);
    Outcome<Plan> currentPlan = loadPlan(store, (*current)->planId, requestId);
    if (failed(currentPlan))
        return std::get<ApiError>(currentPlan);
    Result<std::optional<Plan>> answeredPlan = store.planByStripePrice(answer.priceId);
    if (!answeredPlan)
        return storeError(answeredPlan.error(), requestId);
    const Plan plan = answeredPlan->value_or(fallbackPlan);

    const Loaded before{**current, std::get<Plan>(currentPlan)};
    Subscription after = before.subscription;
    after.planId = plan.id;
    answer.applyTo(after);
    if (after == before.subscription) {
        // Nothing changed (the provider had done it already): no new version, nothing audited.
        Status done = store.setSubscriptionProviderUpdatedAt(id, providerNow);
        if (done)
            done = store.commit();
        if (!done)
            return storeError(done.error(), requestId);
        return before.subscription;
    }
    return commitChange(
        store, actor, requestId, before, after, plan, action, providerNow, providerNow);
}

Outcome<SubscriptionService::NewSubscription> SubscriptionService::checkNew(
    StoreTransaction &store, const SubscriptionDraft &draft, const std::string &requestId) const
{
    Result<std::optional<Tenant>> tenant = store.tenantById(draft.tenantId);
    if (!tenant)
        return storeError(tenant.error(), requestId);
    if (!*tenant)
        return ApiError::unprocessable("resource_missing",
                                       "No tenant " + draft.tenantId,
                                       "tenant_id");
    if ((*tenant)->status != TenantStatus::Active)
        return ApiError::conflict("tenant_not_active",
                                  "The tenant is " + std::string(toString((*tenant)->status))
                                      + "; reactivate it before subscribing it to a plan");
    Result<std::optional<Subscription>> live = store.liveSubscriptionOf(draft.tenantId);
    if (!live)
        return storeError(live.error(), requestId);
    if (*live)
        return ApiError::conflict("subscription_exists",
                                  "The tenant already has subscription " + (*live)->id
                                      + "; change its plan instead",
                                  "tenant_id");
    Outcome<Plan> plan = loadPlan(store, draft.planId, requestId);
    if (failed(plan))
        return std::get<ApiError>(plan);
    if (!std::get<Plan>(plan).active)
        return ApiError::unprocessable("plan_inactive",
                                       "Plan " + std::get<Plan>(plan).id + " is no longer sold",
                                       "plan_id");
    return NewSubscription{std::move(**tenant), std::get<Plan>(std::move(plan))};
}

Outcome<Subscription> SubscriptionService::createAtProvider(const Principal &actor,
                                                            const std::string &requestId,
                                                            const SubscriptionDraft &draft,
                                                            const std::string &idempotencyKey) const
{
    BillingProvider &provider = *m_context.billingProvider();
    const BillingService billing(m_context);
    // 1. The checks, in a read transaction.
    std::optional<Tenant> tenant;
    std::optional<Plan> plan;
    {
        Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
            Store::Mode::Read);
        if (!transaction)
            return storeError(transaction.error(), requestId);
        Outcome<NewSubscription> checked = checkNew(**transaction, draft, requestId);
        if (failed(checked))
            return std::get<ApiError>(checked);
        tenant = std::move(std::get<NewSubscription>(checked).tenant);
        plan = std::move(std::get<NewSubscription>(checked).plan);
    }

    // 2. The provider: customer, price (at the first need), subscription. No transaction open.
    bool newCustomer = false;
    bool newPrice = false;
    Outcome<std::string> customer = billing.customerFor(*tenant, requestId, &newCustomer);
    if (failed(customer))
        return std::get<ApiError>(customer);
    Outcome<std::string> price = billing.priceFor(*plan, requestId, &newPrice);
    if (failed(price))
        return std::get<ApiError>(price);
    Result<StripeSubscription> answer = provider.createSubscription(
        {std::get<std::string>(customer),
         std::get<std::string>(price),
         draft.quantity,
         draft.trialDays.value_or(plan->trialDays),
         tenant->id},
        providerKey(actor, requestId, idempotencyKey, "create"));
    if (!answer)
        return BillingService::providerError(answer.error());

    // 3. What the provider answered, in one write transaction.
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return storeError(transaction.error(), requestId);
    StoreTransaction &store = **transaction;
    if (newCustomer) {
        if (Status saved = store.setTenantStripeCustomer(tenant->id,
                                                         std::get<std::string>(customer));
            !saved)
            return storeError(saved.error(), requestId);
    }
    if (newPrice) {
        if (Status saved = store.setPlanStripePrice(plan->id, std::get<std::string>(price)); !saved)
            return storeError(saved.error(), requestId);
    }
    // A retried request whose first attempt got as far as the webhook event: that one stands.
    Result<std::optional<Subscription>> known = store.subscriptionByStripeId(answer->id);
    if (!known)
        return storeError(known.error(), requestId);
    if (*known) {
        if (Status committed = store.commit(); !committed)
            return storeError(committed.error(), requestId);
        return std::move(**known);
    }
    Result<std::optional<Subscription>> live = store.liveSubscriptionOf(draft.tenantId);
    if (!live)
        return storeError(live.error(), requestId);
    if (*live) {
        m_context.logError("request " + requestId + ": subscription " + answer->id
                           + " was created at the billing provider but tenant " + tenant->id
                           + " got subscription " + (*live)->id + " meanwhile");
        return ApiError::conflict("subscription_exists",
                                  "The tenant already has subscription " + (*live)->id
                                      + "; change its plan instead",
                                  "tenant_id");
    }
    const Timestamp now = m_context.now();
    Subscription subscription;
    subscription.id = SessionToken::newId("sub_");
    subscription.tenantId = tenant->id;
    subscription.planId = plan->id;
    answer->applyTo(subscription);
    subscription.createdAt = answer->created; // as the webhook path records it
    subscription.updatedAt = now;
    subscription.version = 1;
    subscription.stripeSubscriptionId = answer->id;
    return commitChange(store,
                        actor,
                        requestId,
                        std::nullopt,
                        std::move(subscription),
                        *plan,
                        "subscription.created",
                        answer->created,
                        answer->created);
}

Outcome<Subscription> SubscriptionService::create(const Principal &actor,
                                                  const std::string &requestId,
                                                  const SubscriptionDraft &draft,
                                                  const std::string &idempotencyKey) const
{
    if (auto invalid = checkQuantity(draft.quantity))
        return *invalid;
    if (draft.trialDays && (*draft.trialDays < 0 || *draft.trialDays > kMaxTrialDays))
        return ApiError::unprocessable("parameter_invalid",
                                       "trial_days must be from 0 to 365",
                                       "trial_days");
    if (m_context.billingProvider())
        return createAtProvider(actor, requestId, draft, idempotencyKey);

    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return storeError(transaction.error(), requestId);
    StoreTransaction &store = **transaction;
    Outcome<NewSubscription> checked = checkNew(store, draft, requestId);
    if (failed(checked))
        return std::get<ApiError>(checked);
    const Plan &plan = std::get<NewSubscription>(checked).plan;

    const Timestamp now = m_context.now();
    Subscription subscription;
    subscription.id = SessionToken::newId("sub_");
    subscription.tenantId = draft.tenantId;
    subscription.planId = plan.id;
    subscription.quantity = draft.quantity;
    const std::int64_t trialDays = draft.trialDays.value_or(plan.trialDays);
    subscription.currentPeriodStart = now;
    if (trialDays > 0) {
        subscription.status = SubscriptionStatus::Trialing;
        subscription.trialEnd = now + std::chrono::days(trialDays);
        subscription.currentPeriodEnd = *subscription.trialEnd;
    } else {
        subscription.status = SubscriptionStatus::Active;
        subscription.currentPeriodEnd = periodEnd(now, plan);
    }
    subscription.createdAt = now;
    subscription.updatedAt = now;
    subscription.version = 1;
    return commitChange(store,
                        actor,
                        requestId,
                        std::nullopt,
                        std::move(subscription),
                        plan,
                        "subscription.created");
}

Outcome<Subscription> SubscriptionService::get(const std::string &id,
                                               const std::string &requestId) const
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Read);
    if (!transaction)
        return storeError(transaction.error(), requestId);
    Result<std::optional<Subscription>> subscription = (*transaction)->subscriptionById(id);
    if (!subscription)
        return storeError(subscription.error(), requestId);
    if (!*subscription)
        return subscriptionNotFound(id);
    return std::move(**subscription);
}

Outcome<Page<Subscription>> SubscriptionService::list(const SubscriptionFilter &filter,
                                                      const PageRequest &page,
                                                      const std::string &requestId) const
{
    return inReadTransaction<Page<Subscription>>(
        m_context,
        [&](StoreTransaction &store) { return store.listSubscriptions(filter, page); },
        [&](const Error &error) { return storeError(error, requestId); });
}

Outcome<Subscription> SubscriptionService::changePlan(const Principal &actor,
                                                      const std::string &requestId,
                                                      const std::string &id,
                                                      std::optional<std::int64_t> expectedVersion,
                                                      const PlanChange &change,
                                                      const std::string &idempotencyKey) const
{
    if (!change.planId && !change.quantity)
        return ApiError::unprocessable("parameter_missing",
                                       "Give plan_id, quantity or both",
                                       "plan_id");
    if (change.quantity) {
        if (auto invalid = checkQuantity(*change.quantity))
            return *invalid;
    }
    BillingProvider *provider = m_context.billingProvider();
    // With a provider, the checks read (no write lock held while the provider answers).
    std::unique_ptr<StoreTransaction> transaction;
    {
        Result<std::unique_ptr<StoreTransaction>> begun = m_context.store().begin(
            provider ? Store::Mode::Read : Store::Mode::Write);
        if (!begun)
            return storeError(begun.error(), requestId);
        transaction = std::move(begun).value();
    }
    StoreTransaction &store = *transaction;
    Outcome<Loaded> loaded = loadForChange(store, id, expectedVersion, requestId);
    if (failed(loaded))
        return std::get<ApiError>(loaded);
    const Loaded &before = std::get<Loaded>(loaded);

    Plan plan = before.plan;
    if (change.planId && *change.planId != before.plan.id) {
        Outcome<Plan> target = loadPlan(store, *change.planId, requestId);
        if (failed(target))
            return std::get<ApiError>(target);
        plan = std::get<Plan>(std::move(target));
        if (!plan.active)
            return ApiError::unprocessable("plan_inactive",
                                           "Plan " + plan.id + " is no longer sold",
                                           "plan_id");
        if (plan.price.currency() != before.plan.price.currency())
            return ApiError::unprocessable("currency_mismatch",
                                           "The subscription is billed in "
                                               + before.plan.price.currency().toString()
                                               + "; choose a plan in that currency",
                                           "plan_id");
    }
    Subscription after = before.subscription;
    after.planId = plan.id;
    after.quantity = change.quantity.value_or(after.quantity);
    if (after.planId == before.subscription.planId && after.quantity == before.subscription.quantity)
        return before.subscription; // nothing changes: no new version, nothing audited
    if (provider && before.subscription.stripeSubscriptionId) {
        const std::string stripeId = *before.subscription.stripeSubscriptionId;
        const std::string localId = before.subscription.id;
        transaction.reset();
        bool newPrice = false;
        Outcome<std::string> price = BillingService(m_context).priceFor(plan, requestId, &newPrice);
        if (failed(price))
            return std::get<ApiError>(price);
        return applyProviderAnswer(actor,
                                   requestId,
                                   localId,
                                   provider->changeSubscription(stripeId,
                                                                std::get<std::string>(price),
                                                                after.quantity,
                                                                providerKey(actor,
                                                                            requestId,
                                                                            idempotencyKey,
                                                                            "change-plan")),
                                   plan,
                                   "subscription.plan_changed",
                                   newPrice ? std::optional(std::get<std::string>(price))
                                            : std::nullopt);
    }
    if (provider) {
        // Not held by the provider (created before it, or demo data): decided here.
        transaction.reset();
        Result<std::unique_ptr<StoreTransaction>> write = m_context.store().begin(
            Store::Mode::Write);
        if (!write)
            return storeError(write.error(), requestId);
        Outcome<Loaded> reloaded = loadForChange(**write, id, expectedVersion, requestId);
        if (failed(reloaded))
            return std::get<ApiError>(reloaded);
        return commitChange(**write,
                            actor,
                            requestId,
                            std::get<Loaded>(reloaded),
                            after,
                            plan,
                            "subscription.plan_changed");
    }
    return commitChange(store, actor, requestId, before, after, plan, "subscription.plan_changed");
}

Outcome<Subscription> SubscriptionService::cancel(const Principal &actor,
                                                  const std::string &requestId,
                                                  const std::string &id,
                                                  std::optional<std::int64_t> expectedVersion,
                                                  bool atPeriodEnd,
                                                  const std::string &idempotencyKey) const
{
    if (BillingProvider *provider = m_context.billingProvider()) {
        Outcome<Loaded> loaded = readForChange(id, expectedVersion, requestId);
        if (failed(loaded))
            return std::get<ApiError>(loaded);
        const Loaded &before = std::get<Loaded>(loaded);
        if (before.subscription.stripeSubscriptionId) {
            if (atPeriodEnd && before.subscription.cancelAtPeriodEnd)
                return before.subscription; // already set to end
            const std::string_view action = atPeriodEnd ? "cancel-at-period-end" : "cancel";
            return applyProviderAnswer(
                actor,
                requestId,
                id,
                provider->cancelSubscription(*before.subscription.stripeSubscriptionId,
                                             atPeriodEnd,
                                             providerKey(actor, requestId, idempotencyKey, action)),
                before.plan,
                atPeriodEnd ? "subscription.cancel_scheduled" : "subscription.canceled");
        }
    }
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return storeError(transaction.error(), requestId);
    StoreTransaction &store = **transaction;
    Outcome<Loaded> loaded = loadForChange(store, id, expectedVersion, requestId);
    if (failed(loaded))
        return std::get<ApiError>(loaded);
    const Loaded &before = std::get<Loaded>(loaded);

    Subscription after = before.subscription;
    if (atPeriodEnd) {
        if (after.cancelAtPeriodEnd)
            return after; // already set to end
        after.cancelAtPeriodEnd = true;
        return commitChange(
            store, actor, requestId, before, after, before.plan, "subscription.cancel_scheduled");
    }
    after.status = SubscriptionStatus::Canceled;
    after.cancelAtPeriodEnd = false;
    after.canceledAt = m_context.now();
    return commitChange(store, actor, requestId, before, after, before.plan, "subscription.canceled");
}

Outcome<Subscription> SubscriptionService::resume(const Principal &actor,
                                                  const std::string &requestId,
                                                  const std::string &id,
                                                  std::optional<std::int64_t> expectedVersion,
                                                  const std::string &idempotencyKey) const
{
    if (BillingProvider *provider = m_context.billingProvider()) {
        Outcome<Loaded> loaded = readForChange(id, expectedVersion, requestId);
        if (failed(loaded))
            return std::get<ApiError>(loaded);
        const Loaded &before = std::get<Loaded>(loaded);
        if (before.subscription.stripeSubscriptionId) {
            if (!before.subscription.cancelAtPeriodEnd)
                return ApiError::conflict("not_resumable",
                                          "Only a subscription set to cancel at the end of its "
                                          "period can be resumed");
            return applyProviderAnswer(actor,
                                       requestId,
                                       id,
                                       provider->resumeSubscription(
                                           *before.subscription.stripeSubscriptionId,
                                           providerKey(actor, requestId, idempotencyKey, "resume")),
                                       before.plan,
                                       "subscription.resumed");
        }
    }
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return storeError(transaction.error(), requestId);
    StoreTransaction &store = **transaction;
    Outcome<Loaded> loaded = loadForChange(store, id, expectedVersion, requestId);
    if (failed(loaded))
        return std::get<ApiError>(loaded);
    const Loaded &before = std::get<Loaded>(loaded);

    Subscription after = before.subscription;
    if (after.cancelAtPeriodEnd) {
        after.cancelAtPeriodEnd = false; // the scheduled cancellation is called off
    } else if (after.status == SubscriptionStatus::Paused) {
        after.status = SubscriptionStatus::Active;
        after.currentPeriodStart = m_context.now();
        after.currentPeriodEnd = periodEnd(after.currentPeriodStart, before.plan);
    } else {
        return ApiError::conflict("not_resumable",
                                  "Only a paused subscription or one set to cancel at the end "
                                  "of its period can be resumed");
    }
    return commitChange(store, actor, requestId, before, after, before.plan, "subscription.resumed");
}

Outcome<Subscription> SubscriptionService::extendTrial(const Principal &actor,
                                                       const std::string &requestId,
                                                       const std::string &id,
                                                       std::optional<std::int64_t> expectedVersion,
                                                       std::int64_t days,
                                                       const std::string &idempotencyKey) const
{
    if (days < 1 || days > kMaxTrialDays)
        return ApiError::unprocessable("parameter_invalid", "days must be from 1 to 365", "days");
    if (BillingProvider *provider = m_context.billingProvider()) {
        Outcome<Loaded> loaded = readForChange(id, expectedVersion, requestId);
        if (failed(loaded))
            return std::get<ApiError>(loaded);
        const Loaded &before = std::get<Loaded>(loaded);
        if (before.subscription.stripeSubscriptionId) {
            if (before.subscription.status != SubscriptionStatus::Trialing
                || !before.subscription.trialEnd)
                return ApiError::conflict("not_trialing",
                                          "Only a subscription in its trial can have the trial "
                                          "extended");
            return applyProviderAnswer(
                actor,
                requestId,
                id,
                provider->extendTrial(*before.subscription.stripeSubscriptionId,
                                      *before.subscription.trialEnd + std::chrono::days(days),
                                      providerKey(actor, requestId, idempotencyKey, "extend-trial")),
                before.plan,
                "subscription.trial_extended");
        }
    }
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return storeError(transaction.error(), requestId);
    StoreTransaction &store = **transaction;
    Outcome<Loaded> loaded = loadForChange(store, id, expectedVersion, requestId);
    if (failed(loaded))
        return std::get<ApiError>(loaded);
    const Loaded &before = std::get<Loaded>(loaded);
    if (before.subscription.status != SubscriptionStatus::Trialing || !before.subscription.trialEnd)
        return ApiError::conflict("not_trialing",
                                  "Only a subscription in its trial can have the trial extended");

    Subscription after = before.subscription;
    after.trialEnd = *after.trialEnd + std::chrono::days(days);
    after.currentPeriodEnd = *after.trialEnd;
    return commitChange(
        store, actor, requestId, before, after, before.plan, "subscription.trial_extended");
}

Outcome<Page<Invoice>> SubscriptionService::invoices(const InvoiceFilter &filter,
                                                     const PageRequest &page,
                                                     const std::string &requestId) const
{
    return inReadTransaction<Page<Invoice>>(
        m_context,
        [&](StoreTransaction &store) { return store.listInvoices(filter, page); },
        [&](const Error &error) { return storeError(error, requestId); });
}

} // namespace Tenantry::Server
