#pragma once

#include "core/demo/demodatagenerator.h"
#include "server/api/apicontext.h"
#include "server/services/demohistory.h"

#include <functional>
#include <string>

namespace Tenantry::Server {

class BillingSimulator;

// The demo's billing history, made by running the billing simulator through it: its test clock
// starts at the history's first month, and every change of the generated history (a customer
// subscribing, changing plan or seats, leaving, coming back; the trials of the newest tenants)
// is made at the simulator at its time, as staff would make it through the API. The simulator
// then does what Stripe does in between — invoices at every period end, payments, renewals, a
// few failed payments at the end — and its signed events go through the webhook inbox like any
// others, month by month. The local subscriptions carry the generated ids, and their MRR events
// are the generated ones, so the MRR feed is core's generated history to the event.
//
// The catalog and the tenants are in the store already (with their Stripe ids
// price_demo_<key>_<currency> and cus_demo_<slug>); nothing else billing-related may be.
// While it runs, the context's clock is the test clock (so the audit entries, invoices and
// processed events carry the history's times); it is the system clock again afterwards.
class DemoBillingRun
{
public:
    struct Hooks
    {
        // Delivers the simulator's pending events to the inbox and applies them.
        std::function<Status()> drain;
        // After each month: months done, months in all.
        std::function<void(int done, int total)> progress;
    };

    DemoBillingRun(ApiContext &context, BillingSimulator &simulator, Hooks hooks)
        : m_context(context)
        , m_simulator(simulator)
        , m_hooks(std::move(hooks))
    {}

    // `history` says which subscriptions end past due, which cancel at the period's end and
    // which trials run now (its other rows are not used). `start` is the first generated
    // month's start, `now` after the last one.
    Status run(const DemoDataSet &data,
               const DemoHistory &history,
               Timestamp start,
               Timestamp now) const;

private:
    ApiContext &m_context;
    BillingSimulator &m_simulator;
    Hooks m_hooks;
};

} // namespace Tenantry::Server
