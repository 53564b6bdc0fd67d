#include "core/demo/demodatagenerator.h"

#include "core/demo/deterministicrandom.h"

#include <algorithm>
#include <array>
#include <map>
#include <string_view>

namespace Tenantry {

namespace {

constexpr std::string_view kAdjectives[] = {
    "Blue",   "Bright",  "Cedar",  "Clear", "Copper",  "Delta",   "Echo",
    "Fern",   "Granite", "Harbor", "Iron",  "Juniper", "Kestrel", "Lumen",
    "Maple",  "Nimbus",  "North",  "Orbit", "Pine",    "Quartz",  "River",
    "Silver", "Summit",  "Tidal",  "Urban", "Vector",  "Willow",  "Zephyr",
};
constexpr std::string_view kNouns[] = {
    "Analytics", "Apps",     "Bakery", "Cloud",   "Consulting", "Design", "Dynamics",
    "Energy",    "Foods",    "Health", "Labs",    "Logistics",  "Media",  "Networks",
    "Partners",  "Robotics", "Studio", "Systems", "Travel",     "Works",
};

enum PlanKind { Free, ProMonthly, ProYearly, Enterprise };

struct PlanSpec
{
    PlanKind kind;
    std::string_view key;
    std::string_view name;
    BillingInterval interval;
    std::int64_t usdPrice; // per seat, minor units
    std::int64_t eurPrice;
};

constexpr std::array<PlanSpec, 4> kPlans = {{
    {Free, "free", "Free", BillingInterval::Month, 0, 0},
    {ProMonthly, "pro", "Pro", BillingInterval::Month, 4900, 4500},
    {ProYearly, "pro-yearly", "Pro (yearly)", BillingInterval::Year, 49000, 45000},
    {Enterprise, "enterprise", "Enterprise", BillingInterval::Month, 19900, 17900},
}};

std::vector<std::string> featuresOf(PlanKind kind)
{
    std::vector<std::string> features{"blog", "contact_form"};
    if (kind != Free) {
        features.emplace_back("analytics");
        features.emplace_back("api_access");
    }
    if (kind == Enterprise) {
        features.emplace_back("sso");
        features.emplace_back("audit_logs");
    }
    return features;
}

std::uint64_t mix(std::uint64_t value)
{
    value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
    value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
    return value ^ (value >> 31);
}

// Ids shaped like the server's: the prefix and 16 lower-case Crockford base32 characters
// (80 bits), derived from `value` so that the same options give the same ids.
std::string encodeId(std::string_view prefix, std::uint64_t value)
{
    static constexpr std::string_view alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    const std::uint64_t high = mix(value);
    const std::uint64_t low = mix(value ^ 0x5bd1e9955bd1e995ULL);
    std::string id(prefix);
    for (int i = 0; i < 16; ++i) {
        const std::uint64_t word = i < 8 ? high : low;
        id.push_back(alphabet[(word >> ((i % 8) * 5)) & 31U]);
    }
    return id;
}

std::uint64_t hashOf(std::string_view text)
{
    std::uint64_t hash = 0xcbf29ce484222325ULL; // FNV-1a
    for (const char c : text)
        hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    return hash;
}

std::string planId(PlanKind kind, const Currency &currency)
{
    const std::string name = kind == Free
                                 ? std::string("free")
                                 : std::string(kPlans[kind].key) + "/" + currency.toString();
    return encodeId("pln_", hashOf(name));
}

enum class State { Free, Paying, Churned };

struct Customer
{
    std::size_t tenant = 0;
    Currency currency;
    State state = State::Free;
    PlanKind plan = Free;
    std::int64_t seats = 1;
    int subscriptions = 0;
    std::string subscriptionId;
};

std::int64_t mrrOf(const Customer &customer)
{
    const PlanSpec &spec = kPlans[customer.plan];
    const std::int64_t price = customer.currency == *Currency::fromCode("eur") ? spec.eurPrice
                                                                               : spec.usdPrice;
    const std::int64_t total = price * customer.seats;
    return spec.interval == BillingInterval::Year ? (total * 2 + 12) / 24 : total;
}

} // namespace

DemoDataGenerator::DemoDataGenerator(const DemoDataOptions &options)
    : m_options(options)
{}

DemoDataSet DemoDataGenerator::generate() const
{
    const Currency usd = *Currency::fromCode("usd");
    const Currency eur = *Currency::fromCode("eur");
    const int months = std::max(1, m_options.months);
    const auto customerCount = static_cast<std::size_t>(std::max(1, m_options.customers));
    DeterministicRandom random(m_options.seed);
    DemoDataSet data;

    data.plans.push_back(Plan{planId(Free, usd),
                              "free",
                              "Free",
                              Money(0, usd),
                              BillingInterval::Month,
                              featuresOf(Free),
                              true});
    for (const Currency &currency : {usd, eur}) {
        for (const PlanSpec &spec : kPlans) {
            if (spec.kind == Free)
                continue;
            const std::int64_t price = currency == eur ? spec.eurPrice : spec.usdPrice;
            data.plans.push_back(Plan{planId(spec.kind, currency),
                                      std::string(spec.key),
                                      std::string(spec.name),
                                      Money(price, currency),
                                      spec.interval,
                                      featuresOf(spec.kind),
                                      true});
        }
    }

    for (Plan &plan : data.plans) {
        plan.trialDays = plan.key == "free" ? 0 : 14;
        plan.createdAt = m_options.start.start();
        plan.updatedAt = plan.createdAt;
    }

    // Sign-ups grow through the period: month m gets a share proportional to 10 + m.
    std::vector<std::size_t> signupsPerMonth(static_cast<std::size_t>(months));
    {
        const auto monthCount = static_cast<std::uint64_t>(months);
        const std::uint64_t totalWeight = monthCount * 10 + monthCount * (monthCount - 1) / 2;
        std::uint64_t cumulative = 0;
        std::size_t assigned = 0;
        for (int m = 0; m < months; ++m) {
            cumulative += static_cast<std::uint64_t>(10 + m);
            const auto upTo = static_cast<std::size_t>(cumulative * customerCount / totalWeight);
            signupsPerMonth[static_cast<std::size_t>(m)] = upTo - assigned;
            assigned = upTo;
        }
    }

    std::map<std::string, int> nameUses;
    std::vector<Customer> customers;
    customers.reserve(customerCount);

    const auto recordChange = [&](Customer &customer, Timestamp at) {
        Tenant &tenant = data.tenants[customer.tenant];
        tenant.updatedAt = std::max(tenant.updatedAt, at);
        tenant.planId = planId(customer.plan, customer.currency);
        const std::int64_t mrr = customer.state == State::Paying ? mrrOf(customer) : 0;
        data.events.push_back(MrrEvent{tenant.id,
                                       customer.subscriptionId,
                                       at,
                                       mrr,
                                       customer.currency,
                                       planId(customer.plan, customer.currency)});
    };
    const auto startSubscription = [&](Customer &customer) {
        ++customer.subscriptions;
        customer.subscriptionId = encodeId("sub_",
                                           mix(m_options.seed * 31 + customer.tenant * 1009
                                               + static_cast<std::uint64_t>(
                                                   customer.subscriptions)));
    };
    const auto paidPlan = [&] {
        const std::uint64_t roll = random.below(100);
        return roll < 55 ? ProMonthly : roll < 80 ? ProYearly : Enterprise;
    };
    const auto seatsFor = [&](PlanKind plan) {
        return plan == Enterprise ? random.between(5, 40) : random.between(1, 8);
    };

    for (int m = 0; m < months; ++m) {
        const YearMonth month = m_options.start.plusMonths(m);
        const auto monthStart = month.start();
        const auto monthSeconds = std::chrono::duration_cast<std::chrono::seconds>(
                                      month.next().start() - monthStart)
                                      .count();
        const auto randomInstant = [&] {
            return monthStart
                   + std::chrono::seconds(random.below(static_cast<std::uint64_t>(monthSeconds)));
        };
        std::map<Currency, std::int64_t> newPaying;

        // Customers who were here before this month: at most one change each.
        for (Customer &customer : customers) {
            const Timestamp at = randomInstant();
            switch (customer.state) {
            case State::Free:
                if (random.chancePpm(60'000)) {
                    customer.state = State::Paying;
                    customer.plan = paidPlan();
                    customer.seats = seatsFor(customer.plan);
                    startSubscription(customer);
                    recordChange(customer, at);
                    ++newPaying[customer.currency];
                }
                break;
            case State::Paying: {
                const std::uint32_t churn = customer.plan == Enterprise  ? 10'000
                                            : customer.plan == ProYearly ? 15'000
                                                                         : 35'000;
                if (random.chancePpm(churn)) {
                    customer.state = State::Churned;
                    recordChange(customer, at);
                } else if (random.chancePpm(60'000)) {
                    if (customer.plan != Enterprise && random.chancePpm(300'000)) {
                        customer.plan = Enterprise;
                        customer.seats = std::max<std::int64_t>(customer.seats, 5);
                    } else {
                        customer.seats += random.between(1, 3);
                    }
                    recordChange(customer, at);
                } else if (random.chancePpm(30'000)) {
                    if (customer.seats > 1) {
                        customer.seats -= random.between(1,
                                                         std::min<std::int64_t>(3,
                                                                                customer.seats - 1));
                    } else if (customer.plan == Enterprise) {
                        customer.plan = ProMonthly;
                    } else {
                        break;
                    }
                    recordChange(customer, at);
                }
                break;
            }
            case State::Churned:
                if (random.chancePpm(40'000)) {
                    customer.state = State::Paying;
                    customer.plan = ProMonthly;
                    customer.seats = random.between(1, 5);
                    startSubscription(customer);
                    recordChange(customer, at);
                }
                break;
            }
        }

        // This month's sign-ups.
        for (std::size_t i = 0; i < signupsPerMonth[static_cast<std::size_t>(m)]; ++i) {
            Customer customer{data.tenants.size(),
                              random.chancePpm(180'000) ? eur : usd,
                              State::Free,
                              Free,
                              1,
                              0,
                              {}};
            const Timestamp at = randomInstant();

            std::string name = std::string(kAdjectives[random.below(std::size(kAdjectives))]) + " "
                               + std::string(kNouns[random.below(std::size(kNouns))]);
            const int uses = ++nameUses[name];
            if (uses > 1)
                name += " " + std::to_string(uses);
            std::string slug;
            for (const char c : name)
                slug.push_back(c == ' ' ? '-' : static_cast<char>(c | 0x20));

            Tenant tenant;
            tenant.id = encodeId("ten_", m_options.seed * 7919 + customer.tenant);
            tenant.slug = slug;
            tenant.name = name;
            tenant.region = customer.currency == eur    ? "eu-west-1"
                            : random.chancePpm(150'000) ? "ap-southeast-2"
                                                        : "us-east-1";
            tenant.planId = planId(Free, usd);
            tenant.createdAt = at;
            tenant.updatedAt = at;
            data.tenants.push_back(std::move(tenant));

            if (random.chancePpm(650'000)) {
                customer.state = State::Paying;
                customer.plan = paidPlan();
                customer.seats = seatsFor(customer.plan);
                startSubscription(customer);
                recordChange(customer, at);
                ++newPaying[customer.currency];
            }
            if (customer.plan == Enterprise && random.chancePpm(300'000))
                data.tenants.back().isolation = Isolation::Silo;
            customers.push_back(std::move(customer));
        }

        // Spend follows acquisition: a fixed budget plus about 900 a new paying customer.
        for (const Currency &currency : {usd, eur}) {
            const std::int64_t base = currency == usd ? 150'000 : 40'000;
            const std::int64_t variable = newPaying[currency] * random.between(60'000, 120'000);
            data.spend.push_back(AcquisitionSpend{month, Money(base + variable, currency)});
        }
    }

    std::stable_sort(data.events.begin(),
                     data.events.end(),
                     [](const MrrEvent &a, const MrrEvent &b) { return a.at < b.at; });
    return data;
}

} // namespace Tenantry
