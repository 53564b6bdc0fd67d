#pragma once

#include "core/feature.h"
#include "core/plan.h"
#include "server/api/apicontext.h"
#include "server/api/apihelpers.h"
#include "server/api/principal.h"

#include <optional>
#include <string>
#include <vector>

namespace Tenantry::Server {

struct PlanChanges
{
    std::optional<std::string> name;
    std::optional<bool> active;
    std::optional<std::int64_t> trialDays;
    std::optional<std::vector<std::string>> features;
};

// Plans and features: what tenants can buy and what each plan grants.
class CatalogService
{
public:
    explicit CatalogService(ApiContext &context)
        : m_context(context)
    {}

    // `plan` carries key, name, price, interval, trial days and features; id, times and version
    // are assigned here. Every feature must exist.
    Outcome<Plan> createPlan(const Principal &actor, const std::string &requestId, Plan plan) const;
    Outcome<Plan> updatePlan(const Principal &actor,
                             const std::string &requestId,
                             const std::string &id,
                             std::int64_t expectedVersion,
                             const PlanChanges &changes) const;
    Outcome<Plan> plan(const std::string &id, const std::string &requestId) const;
    Outcome<Page<Plan>> plans(const PageRequest &page, const std::string &requestId) const;
    Outcome<Page<Feature>> features(const PageRequest &page, const std::string &requestId) const;

    // Used by demo data and tests: a feature, audited as the actor's.
    Outcome<Feature> createFeature(const Principal &actor,
                                   const std::string &requestId,
                                   const Feature &feature) const;

private:
    std::optional<ApiError> checkFeatures(StoreTransaction &store,
                                          const std::vector<std::string> &keys,
                                          const std::string &requestId) const;

    ApiContext &m_context;
};

} // namespace Tenantry::Server
