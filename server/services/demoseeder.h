#pragma once

#include "server/api/apicontext.h"

#include <functional>
#include <string>
#include <vector>

namespace Tenantry::Server {

struct DemoCredential
{
    std::string email;
    std::string password;
    std::string role;
};

// `tenantryd --demo`: fills an empty store with deterministic demo data (core's
// DemoDataGenerator: the seed's catalog plus a yearly plan, 2,000 tenants with two years of
// history) and one user per role with a fresh random password. A store that already has users
// is left alone (the demo can be restarted on the same data folder) and nothing is returned.
//
// With the billing simulator (the default provider), the history of subscriptions, invoices and
// their events comes from running the simulator through the two years (DemoBillingRun), which
// takes `drainBilling` (deliver the simulator's events to the inbox and apply them) and reports
// each month to `progress`. Otherwise (--billing none or stripe) those rows are written
// directly, as derived by buildDemoHistory.
class DemoSeeder
{
public:
    struct Hooks
    {
        std::function<Status()> drainBilling;
        std::function<void(int done, int total)> progress;
    };

    explicit DemoSeeder(ApiContext &context, Hooks hooks = {})
        : m_context(context)
        , m_hooks(std::move(hooks))
    {}

    Result<std::vector<DemoCredential>> seed(int customers = 2000, int months = 24) const;

    // Writes the credentials as a JSON array of {"email","password","role"} to `path` with
    // mode 0600 (the file holds passwords).
    static Status writeCredentials(const std::string &path,
                                   const std::vector<DemoCredential> &credentials);

private:
    ApiContext &m_context;
    Hooks m_hooks;
};

} // namespace Tenantry::Server
