#include "core/metrics/metricsformat.h"

#include "core/money.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>

namespace Tenantry {

namespace {

std::string formatFixed(double value, int decimals)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

// A ratio as JSON: the same 6-decimal rounding as CSV, so both say the same number.
nlohmann::json ratioJson(const std::optional<double> &value)
{
    if (!value)
        return nullptr;
    return std::strtod(formatRatio(*value).c_str(), nullptr);
}

nlohmann::json moneyJson(const std::optional<std::int64_t> &value)
{
    if (!value)
        return nullptr;
    return *value;
}

std::string optionalRatio(const std::optional<double> &value)
{
    return value ? formatRatio(*value) : std::string();
}

std::string optionalInteger(const std::optional<std::int64_t> &value)
{
    return value ? std::to_string(*value) : std::string();
}

// One field of the series: its name and how each rendering shows it.
struct SeriesField
{
    std::string_view name;
    std::function<std::string(const PeriodMetrics &)> csv;
    std::function<nlohmann::json(const PeriodMetrics &)> json;
    std::function<std::string(const PeriodMetrics &, Currency)> table;
};

std::string tableMoney(std::int64_t minorUnits, Currency currency)
{
    return Money(minorUnits, currency).toDecimalString();
}

std::string tableMoney(const std::optional<std::int64_t> &minorUnits, Currency currency)
{
    return minorUnits ? tableMoney(*minorUnits, currency) : std::string("-");
}

std::string tablePercent(const std::optional<double> &value)
{
    return value ? formatFixed(*value * 100.0, 1) + "%" : std::string("-");
}

std::string tableDecimal(const std::optional<double> &value, int decimals)
{
    return value ? formatFixed(*value, decimals) : std::string("-");
}

SeriesField moneyField(std::string_view name, std::int64_t PeriodMetrics::*member)
{
    return {name,
            [member](const PeriodMetrics &m) { return std::to_string(m.*member); },
            [member](const PeriodMetrics &m) { return nlohmann::json(m.*member); },
            [member](const PeriodMetrics &m, Currency c) { return tableMoney(m.*member, c); }};
}

SeriesField countField(std::string_view name, std::int64_t PeriodMetrics::*member)
{
    return {name,
            [member](const PeriodMetrics &m) { return std::to_string(m.*member); },
            [member](const PeriodMetrics &m) { return nlohmann::json(m.*member); },
            [member](const PeriodMetrics &m, Currency) { return std::to_string(m.*member); }};
}

SeriesField optionalMoneyField(std::string_view name,
                               std::optional<std::int64_t> PeriodMetrics::*member)
{
    return {name,
            [member](const PeriodMetrics &m) { return optionalInteger(m.*member); },
            [member](const PeriodMetrics &m) { return moneyJson(m.*member); },
            [member](const PeriodMetrics &m, Currency c) { return tableMoney(m.*member, c); }};
}

SeriesField ratioField(std::string_view name,
                       std::optional<double> PeriodMetrics::*member,
                       const std::function<std::string(const std::optional<double> &)> &table)
{
    return {name,
            [member](const PeriodMetrics &m) { return optionalRatio(m.*member); },
            [member](const PeriodMetrics &m) { return ratioJson(m.*member); },
            [member, table](const PeriodMetrics &m, Currency) { return table(m.*member); }};
}

const std::vector<SeriesField> &seriesFields()
{
    const auto percent = [](const std::optional<double> &v) { return tablePercent(v); };
    const auto twoDecimals = [](const std::optional<double> &v) { return tableDecimal(v, 2); };
    const auto oneDecimal = [](const std::optional<double> &v) { return tableDecimal(v, 1); };
    static const std::vector<SeriesField> fields = {
        moneyField("start_mrr", &PeriodMetrics::startMrr),
        moneyField("new_mrr", &PeriodMetrics::newMrr),
        moneyField("expansion_mrr", &PeriodMetrics::expansionMrr),
        moneyField("contraction_mrr", &PeriodMetrics::contractionMrr),
        moneyField("churned_mrr", &PeriodMetrics::churnedMrr),
        moneyField("reactivation_mrr", &PeriodMetrics::reactivationMrr),
        moneyField("end_mrr", &PeriodMetrics::endMrr),
        countField("customers_start", &PeriodMetrics::customersStart),
        countField("customers_end", &PeriodMetrics::customersEnd),
        countField("new_customers", &PeriodMetrics::newCustomers),
        countField("churned_customers", &PeriodMetrics::churnedCustomers),
        countField("reactivated_customers", &PeriodMetrics::reactivatedCustomers),
        ratioField("customer_churn_rate", &PeriodMetrics::customerChurnRate, percent),
        optionalMoneyField("arpa", &PeriodMetrics::arpa),
        ratioField("nrr", &PeriodMetrics::nrr, percent),
        ratioField("grr", &PeriodMetrics::grr, percent),
        ratioField("quick_ratio", &PeriodMetrics::quickRatio, twoDecimals),
        optionalMoneyField("cac", &PeriodMetrics::cac),
        optionalMoneyField("ltv", &PeriodMetrics::ltv),
        ratioField("ltv_cac_ratio", &PeriodMetrics::ltvCacRatio, twoDecimals),
        ratioField("payback_months", &PeriodMetrics::paybackMonths, oneDecimal),
    };
    return fields;
}

// Right-aligned columns separated by two spaces; the first column left-aligned.
std::string renderTable(const std::vector<std::vector<std::string>> &rows)
{
    if (rows.empty())
        return {};
    std::vector<std::size_t> widths(rows.front().size(), 0);
    for (const auto &row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    }
    std::string text;
    for (const auto &row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            const std::string padding(widths[i] - row[i].size(), ' ');
            if (i > 0)
                line += "  ";
            line += i == 0 ? row[i] + padding : padding + row[i];
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        text += line + '\n';
    }
    return text;
}

} // namespace

std::string formatRatio(double value)
{
    return formatFixed(value, 6);
}

const std::vector<std::string_view> &seriesFieldNames()
{
    static const std::vector<std::string_view> names = [] {
        std::vector<std::string_view> result;
        for (const SeriesField &field : seriesFields())
            result.push_back(field.name);
        return result;
    }();
    return names;
}

std::string seriesCsv(const std::vector<PeriodMetrics> &series)
{
    std::string text = "period";
    for (const SeriesField &field : seriesFields())
        text += ',' + std::string(field.name);
    text += '\n';
    for (const PeriodMetrics &m : series) {
        text += m.period.label();
        for (const SeriesField &field : seriesFields())
            text += ',' + field.csv(m);
        text += '\n';
    }
    return text;
}

std::string seriesJson(const std::vector<PeriodMetrics> &series,
                       Currency currency,
                       const SeriesOptions &options)
{
    nlohmann::json periods = nlohmann::json::array();
    for (const PeriodMetrics &m : series) {
        nlohmann::json row = nlohmann::json::object();
        row["period"] = m.period.label();
        for (const SeriesField &field : seriesFields())
            row[std::string(field.name)] = field.json(m);
        periods.push_back(std::move(row));
    }
    const nlohmann::json document = {
        {"currency", currency.toString()},
        {"interval", std::string(toString(options.interval))},
        {"churn_floor", options.churnFloor},
        {"gross_margin", options.grossMargin},
        {"periods", std::move(periods)},
    };
    return document.dump(2) + '\n';
}

std::string seriesTable(const std::vector<PeriodMetrics> &series, Currency currency)
{
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header{"period"};
    for (const SeriesField &field : seriesFields())
        header.emplace_back(field.name);
    rows.push_back(std::move(header));
    for (const PeriodMetrics &m : series) {
        std::vector<std::string> row{m.period.label()};
        for (const SeriesField &field : seriesFields())
            row.push_back(field.table(m, currency));
        rows.push_back(std::move(row));
    }
    return "Currency: " + currency.toString() + " (amounts in major units)\n" + renderTable(rows);
}

std::string cohortsCsv(const std::vector<CohortRow> &cohorts)
{
    std::string text
        = "cohort,offset,customers,active_customers,mrr,mrr_retention,logo_retention\n";
    for (const CohortRow &row : cohorts) {
        for (const CohortCell &cell : row.cells) {
            text += row.month.toString() + ',' + std::to_string(cell.offset) + ','
                    + std::to_string(row.customers) + ',' + std::to_string(cell.activeCustomers)
                    + ',' + std::to_string(cell.mrr) + ',' + optionalRatio(cell.mrrRetention) + ','
                    + formatRatio(cell.logoRetention) + '\n';
        }
    }
    return text;
}

std::string cohortsJson(const std::vector<CohortRow> &cohorts, Currency currency)
{
    nlohmann::json rows = nlohmann::json::array();
    for (const CohortRow &row : cohorts) {
        nlohmann::json cells = nlohmann::json::array();
        for (const CohortCell &cell : row.cells) {
            cells.push_back({{"offset", cell.offset},
                             {"active_customers", cell.activeCustomers},
                             {"mrr", cell.mrr},
                             {"mrr_retention", ratioJson(cell.mrrRetention)},
                             {"logo_retention", ratioJson(cell.logoRetention)}});
        }
        rows.push_back({{"cohort", row.month.toString()},
                        {"customers", row.customers},
                        {"cells", std::move(cells)}});
    }
    const nlohmann::json document = {{"currency", currency.toString()},
                                     {"cohorts", std::move(rows)}};
    return document.dump(2) + '\n';
}

std::string cohortsTable(const std::vector<CohortRow> &cohorts)
{
    std::size_t offsets = 0;
    for (const CohortRow &row : cohorts)
        offsets = std::max(offsets, row.cells.size());
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header{"cohort", "customers"};
    for (std::size_t k = 0; k < offsets; ++k)
        header.push_back("M" + std::to_string(k));
    rows.push_back(std::move(header));
    for (const CohortRow &row : cohorts) {
        std::vector<std::string> line{row.month.toString(), std::to_string(row.customers)};
        for (std::size_t k = 0; k < offsets; ++k)
            line.push_back(k < row.cells.size() ? tablePercent(row.cells[k].mrrRetention) : "");
        rows.push_back(std::move(line));
    }
    return "Net MRR retention by cohort (first paid month), in percent of month 0\n"
           + renderTable(rows);
}

std::string snapshotJson(const SnapshotMetrics &metrics)
{
    const nlohmann::json document = {
        {"arpu", metrics.arpu},
        {"cac", metrics.cac},
        {"churn_rate", metrics.churnRate},
        {"ltv", metrics.ltv},
        {"ltv_cac_ratio", metrics.ltvCacRatio},
        {"payback_period_months", metrics.paybackPeriodMonths},
    };
    return document.dump(2) + '\n';
}

std::string snapshotTable(const SnapshotMetrics &metrics)
{
    return renderTable({
        {"ARPU", formatFixed(metrics.arpu, 2)},
        {"CAC", formatFixed(metrics.cac, 2)},
        {"Churn rate", formatFixed(metrics.churnRate * 100.0, 2) + "%"},
        {"LTV", formatFixed(metrics.ltv, 2)},
        {"LTV:CAC", formatFixed(metrics.ltvCacRatio, 2)},
        {"Payback period (months)", formatFixed(metrics.paybackPeriodMonths, 1)},
    });
}

} // namespace Tenantry
