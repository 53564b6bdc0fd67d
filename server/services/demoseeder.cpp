#include "server/services/demoseeder.h"

#include "core/demo/demodatagenerator.h"
#include "server/auth/sessiontoken.h"
#include "server/billing/simulator/billingsimulator.h"
#include "server/http/requestidgenerator.h"
#include "server/services/auditwriter.h"
#include "server/services/demobilling.h"
#include "server/services/demohistory.h"
#include "server/services/userservice.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <sys/stat.h>
#include <unistd.h>

namespace Tenantry::Server {

namespace {

const std::vector<Feature> kFeatures = {
    {"blog", "Blog", "Publish posts on the tenant's site"},
    {"contact_form", "Contact form", "Collect enquiries from visitors"},
    {"analytics", "Analytics", "Traffic and conversion reports"},
    {"api_access", "API access", "Programmatic access with API keys"},
    {"sso", "Single sign-on", "SAML and OIDC login for the tenant's staff"},
    {"audit_logs", "Audit logs", "A record of every change the tenant's staff make"},
};

} // namespace

Result<std::vector<DemoCredential>> DemoSeeder::seed(int customers, int months) const
{
    {
        Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
            Store::Mode::Read);
        if (!transaction)
            return transaction.error();
        Result<Page<UserRecord>> users = (*transaction)->listUsers(PageRequest{1, std::nullopt});
        if (!users)
            return users.error();
        if (!users->items.empty())
            return std::vector<DemoCredential>{};
        // The demo users come last: tenants without them are a demo stopped while it was made.
        Result<Page<Tenant>>
            tenants = (*transaction)->listTenants(TenantFilter{}, PageRequest{1, std::nullopt});
        if (!tenants)
            return tenants.error();
        if (!tenants->items.empty())
            return Error{"demo_incomplete",
                         "the data holds an unfinished demo (stopped while it was being made); "
                         "start on an empty data folder",
                         {}};
    }

    // The history ends with the last full month, so the dashboard's latest month is recent.
    const Timestamp now = m_context.now();
    DemoDataOptions options;
    options.seed = 1;
    options.customers = customers;
    options.months = months;
    options.start = YearMonth::containing(now).plusMonths(-months);
    DemoDataSet data = DemoDataGenerator(options).generate();
    const Principal system = UserService::systemPrincipal();
    const std::string requestId = RequestIdGenerator::next();
    const DemoHistory history = buildDemoHistory(data, now, system.user.id);
    // With the simulator, the subscriptions, their MRR events and invoices come from running it.
    BillingSimulator *simulator = m_context.billingSimulator();

    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return transaction.error();
    StoreTransaction &store = **transaction;
    for (const Feature &feature : kFeatures) {
        if (Status inserted = store.insertFeature(feature); !inserted)
            return inserted.error();
    }
    // Stable Stripe ids, so that webhook events (the simulator's, or hand-made ones) map onto
    // the demo: price_demo_<key>_<currency>, cus_demo_<slug>, sub_demo_<id without "sub_">.
    for (const Plan &plan : data.plans) {
        if (Status inserted = store.insertPlan(plan); !inserted)
            return inserted.error();
        if (Status linked = store.setPlanStripePrice(plan.id,
                                                     "price_demo_" + plan.key + "_"
                                                         + plan.price.currency().toString());
            !linked)
            return linked.error();
    }
    for (Tenant tenant : data.tenants) {
        // The generator marks some enterprise tenants "silo"; a silo holds rows only after a
        // move (POST /v1/tenants/{id}/move), so the demo starts with every tenant in the pool.
        tenant.isolation = Isolation::Pool;
        if (Status inserted = store.insertTenant(tenant); !inserted)
            return inserted.error();
        if (Status linked = store.setTenantStripeCustomer(tenant.id, "cus_demo_" + tenant.slug);
            !linked)
            return linked.error();
    }
    for (Subscription subscription : history.subscriptions) {
        if (simulator)
            break;
        if (!subscription.stripeSubscriptionId)
            subscription.stripeSubscriptionId = "sub_demo_"
                                                + (subscription.id.starts_with("sub_")
                                                       ? subscription.id.substr(4)
                                                       : subscription.id);
        if (Status inserted = store.insertSubscription(subscription); !inserted)
            return inserted.error();
    }
    for (const MrrEventRecord &event : simulator ? std::vector<MrrEventRecord>{} : history.events) {
        if (Status inserted = store.insertMrrEvent(event); !inserted)
            return inserted.error();
    }
    for (const Invoice &invoice : simulator ? std::vector<Invoice>{} : history.invoices) {
        if (Status inserted = store.insertInvoice(invoice); !inserted)
            return inserted.error();
    }
    for (const SpendRecord &spend : history.spend) {
        if (Status inserted = store.upsertSpend(spend); !inserted)
            return inserted.error();
    }
    for (const TenantUserRecord &user : history.users) {
        if (Status inserted = store.insertTenantUser(user); !inserted)
            return inserted.error();
    }
    for (const FeatureOverride &override : history.overrides) {
        if (Status inserted = store.upsertOverride(override); !inserted)
            return inserted.error();
    }
    const nlohmann::json summary = {{"features", kFeatures.size()},
                                    {"plans", data.plans.size()},
                                    {"tenants", data.tenants.size()},
                                    {"subscriptions", history.subscriptions.size()},
                                    {"mrr_events", history.events.size()},
                                    {"billing_history", simulator ? "simulator" : "direct"},
                                    {"acquisition_spend", history.spend.size()},
                                    {"tenant_users", history.users.size()},
                                    {"feature_overrides", history.overrides.size()}};
    if (Status audited = writeAudit(
            store,
            system,
            requestId,
            now,
            {"demo.seeded", "store", "demo", std::nullopt, nullptr, &summary});
        !audited) {
        return audited.error();
    }
    if (Status committed = store.commit(); !committed)
        return committed.error();
    if (simulator) {
        const DemoBillingRun run(m_context, *simulator, {m_hooks.drainBilling, m_hooks.progress});
        if (Status ran = run.run(data, history, options.start.start(), now); !ran)
            return ran.error();
    }

    std::vector<DemoCredential> credentials;
    const UserService users(m_context);
    for (const Role role : allRoles()) {
        const std::string name(toString(role));
        DemoCredential credential{name + "@demo.tenantry.dev", SessionToken::newId("demo-"), name};
        Outcome<UserRecord> user = users.create(
            system, requestId, {credential.email, credential.password, role, "Demo " + name});
        if (failed(user))
            return Error{"demo_failed", std::get<ApiError>(user).message, {}};
        credentials.push_back(std::move(credential));
    }
    return credentials;
}

Status DemoSeeder::writeCredentials(const std::string &path,
                                    const std::vector<DemoCredential> &credentials)
{
    nlohmann::json array = nlohmann::json::array();
    for (const DemoCredential &credential : credentials)
        array.push_back({{"email", credential.email},
                         {"password", credential.password},
                         {"role", credential.role}});
    const std::string text = array.dump(2) + "\n";

    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return Error{"io_error", "cannot write " + path + ": " + std::strerror(errno), {}};
    ::fchmod(fd, 0600); // also when the file existed with wider permissions
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            return Error{"io_error", "cannot write " + path + ": " + std::strerror(error), {}};
        }
        written += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0)
        return Error{"io_error", "cannot write " + path + ": " + std::strerror(errno), {}};
    return Ok{};
}

} // namespace Tenantry::Server
