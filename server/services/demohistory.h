#pragma once

#include "core/demo/demodatagenerator.h"
#include "core/featureoverride.h"
#include "core/invoice.h"
#include "core/subscription.h"
#include "server/store/records.h"

#include <vector>

namespace Tenantry::Server {

// The rows behind the demo's history, derived from core's generated events so that the
// subscriptions, invoices and MRR feed tell one story: one subscription per generated
// subscription id (active, or canceled at its last event; a few past due with an open last
// invoice), a monthly or yearly invoice for every billing period that was paid for, a few
// trials among the newest tenants, end users for every tenant, and some feature overrides.
struct DemoHistory
{
    std::vector<Subscription> subscriptions;
    std::vector<Invoice> invoices;
    std::vector<MrrEventRecord> events;
    std::vector<SpendRecord> spend;
    std::vector<TenantUserRecord> users;
    std::vector<FeatureOverride> overrides;
};

// Also points every tenant's plan at its live subscription's plan (none after churn; the free
// plan for tenants that never paid). `now` is after the generated months. Deterministic.
DemoHistory buildDemoHistory(DemoDataSet &data, Timestamp now, const std::string &actorId);

} // namespace Tenantry::Server
