#include "server/services/catalogservice.h"

#include "server/auth/sessiontoken.h"
#include "server/services/auditwriter.h"

#include <set>

namespace Tenantry::Server {

std::optional<ApiError> CatalogService::checkFeatures(StoreTransaction &store,
                                                      const std::vector<std::string> &keys,
                                                      const std::string &requestId) const
{
    std::set<std::string> seen;
    for (const std::string &key : keys) {
        if (!seen.insert(key).second)
            return ApiError::unprocessable("parameter_invalid",
                                           "feature " + key + " is listed twice",
                                           "features");
        Result<std::optional<Feature>> feature = store.featureByKey(key);
        if (!feature)
            return m_context.storageFailure(feature.error(), requestId);
        if (!*feature)
            return ApiError::unprocessable("resource_missing", "No feature " + key, "features");
    }
    return std::nullopt;
}

Outcome<Plan> CatalogService::createPlan(const Principal &actor,
                                         const std::string &requestId,
                                         Plan plan) const
{
    if (plan.key.empty() || plan.key.size() > 64 || !isValidSlug(plan.key))
        return ApiError::unprocessable("parameter_invalid",
                                       "key must be 1 to 64 lower-case letters, digits and dashes",
                                       "key");
    if (plan.name.empty())
        return ApiError::unprocessable("parameter_missing", "name is required", "name");
    if (plan.price.amount() < 0)
        return ApiError::unprocessable("parameter_invalid",
                                       "price.amount must not be negative",
                                       "price");
    if (plan.trialDays < 0 || plan.trialDays > 730)
        return ApiError::unprocessable("parameter_invalid",
                                       "trial_days must be 0 to 730",
                                       "trial_days");
    plan.id = SessionToken::newId("pln_");
    plan.createdAt = m_context.now();
    plan.updatedAt = plan.createdAt;
    plan.version = 1;

    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return m_context.storageFailure(transaction.error(), requestId);
    StoreTransaction &store = **transaction;
    if (auto invalid = checkFeatures(store, plan.features, requestId))
        return *invalid;
    if (Status inserted = store.insertPlan(plan); !inserted) {
        if (inserted.error().code == "conflict")
            return ApiError::conflict("plan_key_taken",
                                      "A plan with this key and currency exists",
                                      "key");
        return m_context.storageFailure(inserted.error(), requestId);
    }
    const nlohmann::json after = planJson(plan);
    if (Status audited = writeAudit(store,
                                    actor,
                                    requestId,
                                    plan.createdAt,
                                    {"plan.created", "plan", plan.id, std::nullopt, nullptr, &after});
        !audited) {
        return m_context.storageFailure(audited.error(), requestId);
    }
    if (Status committed = store.commit(); !committed)
        return m_context.storageFailure(committed.error(), requestId);
    return plan;
}

Outcome<Plan> CatalogService::updatePlan(const Principal &actor,
                                         const std::string &requestId,
                                         const std::string &id,
                                         std::int64_t expectedVersion,
                                         const PlanChanges &changes) const
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return m_context.storageFailure(transaction.error(), requestId);
    StoreTransaction &store = **transaction;
    Result<std::optional<Plan>> current = store.planById(id);
    if (!current)
        return m_context.storageFailure(current.error(), requestId);
    if (!*current)
        return ApiError::notFound("No plan " + id, "id");
    Plan plan = **current;
    if (plan.version != expectedVersion)
        return ApiError::preconditionFailed("The plan changed since you read it (version "
                                            + std::to_string(plan.version) + " now)");
    const nlohmann::json before = planJson(plan);
    if (changes.name) {
        if (changes.name->empty())
            return ApiError::unprocessable("parameter_invalid", "name must not be empty", "name");
        plan.name = *changes.name;
    }
    if (changes.active)
        plan.active = *changes.active;
    if (changes.trialDays) {
        if (*changes.trialDays < 0 || *changes.trialDays > 730)
            return ApiError::unprocessable("parameter_invalid",
                                           "trial_days must be 0 to 730",
                                           "trial_days");
        plan.trialDays = *changes.trialDays;
    }
    if (changes.features) {
        if (auto invalid = checkFeatures(store, *changes.features, requestId))
            return *invalid;
        plan.features = *changes.features;
    }
    plan.version += 1;
    plan.updatedAt = m_context.now();
    if (Status updated = store.updatePlan(plan); !updated)
        return m_context.storageFailure(updated.error(), requestId);
    const nlohmann::json after = planJson(plan);
    if (Status audited = writeAudit(store,
                                    actor,
                                    requestId,
                                    plan.updatedAt,
                                    {"plan.updated", "plan", plan.id, std::nullopt, &before, &after});
        !audited) {
        return m_context.storageFailure(audited.error(), requestId);
    }
    if (Status committed = store.commit(); !committed)
        return m_context.storageFailure(committed.error(), requestId);
    return plan;
}

Outcome<Plan> CatalogService::plan(const std::string &id, const std::string &requestId) const
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Read);
    if (!transaction)
        return m_context.storageFailure(transaction.error(), requestId);
    Result<std::optional<Plan>> plan = (*transaction)->planById(id);
    if (!plan)
        return m_context.storageFailure(plan.error(), requestId);
    if (!*plan)
        return ApiError::notFound("No plan " + id, "id");
    return std::move(**plan);
}

Outcome<Page<Plan>> CatalogService::plans(const PageRequest &page,
                                          const std::string &requestId) const
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Read);
    if (!transaction)
        return m_context.storageFailure(transaction.error(), requestId);
    Result<Page<Plan>> plans = (*transaction)->listPlans(page);
    if (!plans) {
        if (plans.error().code == "cursor_not_found")
            return ApiError::badRequest("parameter_invalid",
                                        plans.error().message,
                                        "starting_after");
        return m_context.storageFailure(plans.error(), requestId);
    }
    return std::move(plans).value();
}

Outcome<Page<Feature>> CatalogService::features(const PageRequest &page,
                                                const std::string &requestId) const
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Read);
    if (!transaction)
        return m_context.storageFailure(transaction.error(), requestId);
    Result<Page<Feature>> features = (*transaction)->listFeatures(page);
    if (!features) {
        if (features.error().code == "cursor_not_found")
            return ApiError::badRequest("parameter_invalid",
                                        features.error().message,
                                        "starting_after");
        return m_context.storageFailure(features.error(), requestId);
    }
    return std::move(features).value();
}

Outcome<Feature> CatalogService::createFeature(const Principal &actor,
                                               const std::string &requestId,
                                               const Feature &feature) const
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return m_context.storageFailure(transaction.error(), requestId);
    StoreTransaction &store = **transaction;
    if (Status inserted = store.insertFeature(feature); !inserted) {
        if (inserted.error().code == "conflict")
            return ApiError::conflict("feature_key_taken", "A feature with this key exists", "key");
        return m_context.storageFailure(inserted.error(), requestId);
    }
    const nlohmann::json after = featureJson(feature);
    if (Status audited = writeAudit(
            store,
            actor,
            requestId,
            m_context.now(),
            {"feature.created", "feature", feature.key, std::nullopt, nullptr, &after});
        !audited) {
        return m_context.storageFailure(audited.error(), requestId);
    }
    if (Status committed = store.commit(); !committed)
        return m_context.storageFailure(committed.error(), requestId);
    return feature;
}

} // namespace Tenantry::Server
