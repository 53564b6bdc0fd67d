#include "cli/metricscli.h"

#include "core/demo/demodatagenerator.h"
#include "core/json/codecs.h"
#include "core/metrics/cohorts.h"
#include "core/metrics/metricsformat.h"
#include "core/metrics/mrrledger.h"
#include "core/metrics/series.h"
#include "core/metrics/snapshot.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string_view>
#include <system_error>

namespace Tenantry {

namespace {

constexpr std::string_view kAmountRule = "a number from 0 to 1e15";
constexpr std::string_view kShareRule = "a number from 0.000001 to 1";

constexpr std::string_view kUsage = R"(Usage: tenantry-metrics <command> [options]

Commands:
  snapshot   --mrr N --users N --sm-cost N --new-users N --churned-users N [--json]
             The seed's single-period tracker: ARPU, CAC, churn rate, LTV, LTV:CAC, payback.
  series     --events FILE.jsonl [--spend FILE.json] [--currency CODE]
             [--interval month|quarter] [--churn-floor 0.01] [--gross-margin 1.0]
             [--plan PLAN_ID] [--format table|json|csv] [--cohorts]
             MRR movements and unit economics per period (or cohort retention with --cohorts)
             from MRR events (JSON Lines) and monthly acquisition spend (a JSON array).
             --plan: one plan's figures, as the dashboard's plan filter (a move to another
             plan leaves it; no --spend, as spend is not recorded per plan).
  demo-data  --out DIR [--seed N] [--customers N] [--months N] [--start YYYY-MM]
             Writes a deterministic data set: events.jsonl, spend.json, plans.json, tenants.json.

  --help     this text         --version  the version

Exit status: 0 on success, 2 on bad input (a one-line error on stderr, nothing on stdout).
Formulas: docs/metrics.md.
)";

// A failure to report: one line, exit status 2.
struct Failure
{
    std::string message;
};

template<typename T>
using Outcome = std::variant<T, Failure>;

// --name value / --name=value pairs, and bare --flags.
class Options
{
public:
    static Outcome<Options> parse(const std::vector<std::string> &arguments,
                                  const std::set<std::string_view> &valued,
                                  const std::set<std::string_view> &flags)
    {
        Options options;
        for (std::size_t i = 0; i < arguments.size(); ++i) {
            const std::string &argument = arguments[i];
            if (!argument.starts_with("--"))
                return Failure{"unexpected argument '" + argument + "'"};
            std::string name = argument.substr(2);
            std::optional<std::string> value;
            if (const auto equals = name.find('='); equals != std::string::npos) {
                value = name.substr(equals + 1);
                name.resize(equals);
            }
            if (flags.contains(name)) {
                if (value)
                    return Failure{"--" + name + " takes no value"};
                options.m_flags.insert(name);
                continue;
            }
            if (!valued.contains(name))
                return Failure{"unknown option --" + name};
            if (!value) {
                if (i + 1 >= arguments.size())
                    return Failure{"--" + name + " needs a value"};
                value = arguments[++i];
            }
            if (options.m_values.contains(name))
                return Failure{"--" + name + " is given twice"};
            options.m_values.emplace(name, *value);
        }
        return options;
    }

    bool has(const std::string &flag) const { return m_flags.contains(flag); }
    std::optional<std::string> value(const std::string &name) const
    {
        const auto it = m_values.find(name);
        return it == m_values.end() ? std::nullopt : std::optional(it->second);
    }

private:
    std::map<std::string, std::string, std::less<>> m_values;
    std::set<std::string, std::less<>> m_flags;
};

Outcome<std::string> required(const Options &options, const std::string &name)
{
    if (auto value = options.value(name))
        return *value;
    return Failure{"--" + name + " is required"};
}

Outcome<std::int64_t> parseInteger(const std::string &name,
                                   const std::string &text,
                                   std::int64_t min,
                                   std::int64_t max)
{
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
        return Failure{"--" + name + " must be a whole number from " + std::to_string(min) + " to "
                       + std::to_string(max) + ", got '" + text + "'"};
    }
    return value;
}

// A decimal number in [min, max], or in (min, max] when minExclusive; `rule` says which in words.
Outcome<double> parseNumber(const std::string &name,
                            const std::string &text,
                            double min,
                            double max,
                            bool minExclusive,
                            std::string_view rule)
{
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    const bool inRange = (minExclusive ? value > min : value >= min) && value <= max;
    if (ec != std::errc() || end != text.data() + text.size() || !inRange)
        return Failure{"--" + name + " must be " + std::string(rule) + ", got '" + text + "'"};
    return value;
}

Outcome<std::string> readFile(const std::string &path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return Failure{"cannot read " + path + ": " + std::strerror(errno)};
    std::ostringstream contents;
    contents << file.rdbuf();
    if (file.bad())
        return Failure{"cannot read " + path + ": read error"};
    return std::move(contents).str();
}

std::string describe(const std::string &file, const Error &error)
{
    std::string text = file;
    if (error.line > 0)
        text += ":" + std::to_string(error.line);
    text += ": ";
    if (!error.path.empty())
        text += error.path + ": ";
    return text + error.message;
}

// Writes `contents` to `path` through a temporary file and a rename, so that a failure never
// leaves a half-written file behind.
std::optional<Failure> writeFileAtomically(const std::filesystem::path &path,
                                           const std::string &contents)
{
    const std::filesystem::path temporary = path.string() + ".partial";
    {
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        if (!file || !file.write(contents.data(), static_cast<std::streamsize>(contents.size()))
            || !file.flush()) {
            return Failure{"cannot write " + temporary.string() + ": " + std::strerror(errno)};
        }
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error)
        return Failure{"cannot write " + path.string() + ": " + error.message()};
    return std::nullopt;
}

// Unwraps an Outcome into `variable`, or returns its Failure. (The name is a declarator and
// cannot be parenthesised.)
// NOLINTBEGIN(bugprone-macro-parentheses)
#define TRY(variable, expression) \
    auto variable##Outcome = (expression); \
    if (auto *failure = std::get_if<Failure>(&variable##Outcome)) \
        return *failure; \
    auto variable = std::get<0>(std::move(variable##Outcome))
// NOLINTEND(bugprone-macro-parentheses)

Outcome<std::string> runSnapshot(const std::vector<std::string> &arguments)
{
    TRY(options,
        Options::parse(arguments,
                       {"mrr", "users", "sm-cost", "new-users", "churned-users"},
                       {"json"}));
    constexpr std::int64_t maxCount = 1'000'000'000'000;
    constexpr double maxAmount = 1e15;
    TRY(mrrText, required(options, "mrr"));
    TRY(usersText, required(options, "users"));
    TRY(costText, required(options, "sm-cost"));
    TRY(newUsersText, required(options, "new-users"));
    TRY(churnedText, required(options, "churned-users"));
    SnapshotInput input;
    TRY(mrr, parseNumber("mrr", mrrText, 0, maxAmount, false, kAmountRule));
    TRY(users, parseInteger("users", usersText, 0, maxCount));
    TRY(cost, parseNumber("sm-cost", costText, 0, maxAmount, false, kAmountRule));
    TRY(newUsers, parseInteger("new-users", newUsersText, 0, maxCount));
    TRY(churned, parseInteger("churned-users", churnedText, 0, maxCount));
    input.mrr = mrr;
    input.totalUsers = users;
    input.salesMarketingCost = cost;
    input.newUsers = newUsers;
    input.churnedUsers = churned;
    const SnapshotMetrics metrics = computeSnapshot(input);
    return options.has("json") ? snapshotJson(metrics) : snapshotTable(metrics);
}

Outcome<std::string> runSeries(const std::vector<std::string> &arguments)
{
    TRY(options,
        Options::parse(arguments,
                       {"events",
                        "spend",
                        "currency",
                        "interval",
                        "churn-floor",
                        "gross-margin",
                        "format",
                        "plan"},
                       {"cohorts"}));
    TRY(eventsPath, required(options, "events"));
    const std::optional<std::string> plan = options.value("plan");
    if (plan && plan->empty())
        return Failure{"--plan needs a plan id"};
    if (plan && options.value("spend"))
        return Failure{"--spend cannot be used with --plan: acquisition spend is not recorded "
                       "per plan"};

    SeriesOptions seriesOptions;
    if (const auto text = options.value("interval")) {
        const auto interval = intervalFromString(*text);
        if (!interval)
            return Failure{"--interval must be month or quarter, got '" + *text + "'"};
        seriesOptions.interval = *interval;
    }
    if (const auto text = options.value("churn-floor")) {
        TRY(value, parseNumber("churn-floor", *text, 1e-6, 1, false, kShareRule));
        seriesOptions.churnFloor = value;
    }
    if (const auto text = options.value("gross-margin")) {
        TRY(value, parseNumber("gross-margin", *text, 1e-6, 1, false, kShareRule));
        seriesOptions.grossMargin = value;
    }
    const std::string format = options.value("format").value_or("table");
    if (format != "table" && format != "json" && format != "csv")
        return Failure{"--format must be table, json or csv, got '" + format + "'"};
    std::optional<Currency> requested;
    if (const auto text = options.value("currency")) {
        requested = Currency::fromCode(*text);
        if (!requested)
            return Failure{"--currency: '" + *text + "' is not an ISO 4217 currency code"};
    }

    TRY(eventsText, readFile(eventsPath));
    Result<std::vector<MrrEvent>> events = decodeMrrEventLines(eventsText);
    if (!events)
        return Failure{describe(eventsPath, events.error())};

    std::vector<AcquisitionSpend> spend;
    if (const auto spendPath = options.value("spend")) {
        TRY(spendText, readFile(*spendPath));
        Result<nlohmann::json> document = parseJson(spendText);
        if (!document)
            return Failure{describe(*spendPath, document.error())};
        Result<std::vector<AcquisitionSpend>> records = decodeAcquisitionSpends(*document);
        if (!records)
            return Failure{describe(*spendPath, records.error())};
        spend = std::move(records).value();
    }

    const Result<Currency> currency = selectCurrency(*events, spend, requested);
    if (!currency) {
        std::string message = currency.error().message;
        if (currency.error().code == "mixed_currencies")
            message += " with --currency";
        return Failure{message};
    }
    Result<MrrLedger> built = MrrLedger::build(*events, *currency);
    if (!built)
        return Failure{describe(eventsPath, built.error())};
    std::optional<MrrLedger> ledger(std::move(built).value());
    if (plan) {
        const std::vector<std::string> &plans = ledger->planIds();
        if (std::find(plans.begin(), plans.end(), *plan) == plans.end())
            return Failure{"--plan: no " + currency->toString() + " MRR event in " + eventsPath
                           + " names plan '" + *plan + "'"};
        ledger = ledger->ofPlan(*plan);
    }

    if (options.has("cohorts")) {
        const Result<std::vector<CohortRow>> cohorts = computeCohorts(*ledger);
        if (!cohorts)
            return Failure{cohorts.error().message};
        if (format == "csv")
            return cohortsCsv(*cohorts);
        if (format == "json")
            return cohortsJson(*cohorts, *currency);
        return cohortsTable(*cohorts);
    }
    const Result<std::vector<PeriodMetrics>> series = computeSeries(*ledger, spend, seriesOptions);
    if (!series)
        return Failure{series.error().message};
    if (format == "csv")
        return seriesCsv(*series);
    if (format == "json")
        return seriesJson(*series, *currency, seriesOptions);
    return seriesTable(*series, *currency);
}

Outcome<std::string> runDemoData(const std::vector<std::string> &arguments)
{
    TRY(options, Options::parse(arguments, {"seed", "customers", "months", "start", "out"}, {}));
    TRY(out, required(options, "out"));
    DemoDataOptions demo;
    if (const auto text = options.value("seed")) {
        TRY(seed, parseInteger("seed", *text, 0, INT64_MAX));
        demo.seed = static_cast<std::uint64_t>(seed);
    }
    if (const auto text = options.value("customers")) {
        TRY(customers, parseInteger("customers", *text, 1, 10'000'000));
        demo.customers = static_cast<int>(customers);
    }
    if (const auto text = options.value("months")) {
        TRY(months, parseInteger("months", *text, 1, 600));
        demo.months = static_cast<int>(months);
    }
    if (const auto text = options.value("start")) {
        const Result<YearMonth> start = YearMonth::fromString(*text);
        if (!start)
            return Failure{"--start: " + start.error().message};
        demo.start = *start;
    }

    const DemoDataSet data = DemoDataGenerator(demo).generate();

    std::string events;
    for (const MrrEvent &event : data.events)
        events += toJson(event).dump() + '\n';
    nlohmann::json spend = nlohmann::json::array();
    for (const AcquisitionSpend &record : data.spend)
        spend.push_back(toJson(record));
    nlohmann::json plans = nlohmann::json::array();
    for (const Plan &plan : data.plans)
        plans.push_back(toJson(plan));
    nlohmann::json tenants = nlohmann::json::array();
    for (const Tenant &tenant : data.tenants)
        tenants.push_back(toJson(tenant));

    const std::filesystem::path directory(out);
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error)
        return Failure{"cannot create " + out + ": " + error.message()};
    for (const auto &[name, contents] : {std::pair{"events.jsonl", events},
                                         std::pair{"spend.json", spend.dump(2) + '\n'},
                                         std::pair{"plans.json", plans.dump(2) + '\n'},
                                         std::pair{"tenants.json", tenants.dump(2) + '\n'}}) {
        if (auto failure = writeFileAtomically(directory / name, contents))
            return *failure;
    }
    return "Wrote " + std::to_string(data.events.size()) + " MRR events, "
           + std::to_string(data.spend.size()) + " spend records, "
           + std::to_string(data.plans.size()) + " plans and " + std::to_string(data.tenants.size())
           + " tenants to " + out + "\n";
}

#undef TRY

} // namespace

int MetricsCli::run(const std::vector<std::string> &arguments,
                    std::string &out,
                    std::string &err) const
{
    out.clear();
    err.clear();
    if (arguments.empty()) {
        err = std::string(kUsage);
        return 2;
    }
    const std::string &command = arguments.front();
    if (command == "--help" || command == "-h" || command == "help") {
        out = std::string(kUsage);
        return 0;
    }
    if (command == "--version") {
        out = std::string("tenantry-metrics ") + TENANTRY_VERSION + "\n";
        return 0;
    }

    const std::vector<std::string> rest(arguments.begin() + 1, arguments.end());
    Outcome<std::string> outcome = Failure{"unknown command '" + command
                                           + "' (try tenantry-metrics --help)"};
    if (command == "snapshot")
        outcome = runSnapshot(rest);
    else if (command == "series")
        outcome = runSeries(rest);
    else if (command == "demo-data")
        outcome = runDemoData(rest);

    if (const auto *failure = std::get_if<Failure>(&outcome)) {
        err = "tenantry-metrics: " + failure->message + "\n";
        return 2;
    }
    out = std::get<std::string>(std::move(outcome));
    return 0;
}

} // namespace Tenantry
