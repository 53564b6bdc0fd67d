#include "client/metricsreport.h"

#include "core/metrics/mrrledger.h"

#include <QDataStream>
#include <QIODevice>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <span>
#include <string_view>

namespace Tenantry {

namespace {

constexpr quint32 snapshotMagic = 0x544d5231; // "TMR1"
constexpr quint32 snapshotFormat = 1;

void writeCurrency(QDataStream &out, const Currency &currency)
{
    out << QByteArray(currency.code().data(), static_cast<qsizetype>(currency.code().size()));
}

std::optional<Currency> readCurrency(QDataStream &in)
{
    QByteArray code;
    in >> code;
    return Currency::fromCode(
        std::string_view(code.constData(), static_cast<std::size_t>(code.size())));
}

void writeMonth(QDataStream &out, YearMonth month)
{
    out << qint32(month.year()) << qint32(month.month());
}

std::optional<YearMonth> readMonth(QDataStream &in)
{
    qint32 year = 0;
    qint32 month = 0;
    in >> year >> month;
    if (in.status() != QDataStream::Ok || month < 1 || month > 12 || year < 1 || year > 9999)
        return std::nullopt;
    return YearMonth(year, month);
}

template<typename T>
void writeOptional(QDataStream &out, const std::optional<T> &value)
{
    out << bool(value.has_value());
    if (value)
        out << *value;
}

template<typename T>
void readOptional(QDataStream &in, std::optional<T> &value)
{
    bool has = false;
    in >> has;
    value.reset();
    if (has) {
        T read{};
        in >> read;
        value = read;
    }
}

// Who is in each cohort: a customer joins the cohort of the month its MRR (the sum over its
// subscriptions) first exceeds 0, as computeCohorts counts them.
std::vector<std::vector<QString>> customersOfCohorts(const MrrLedger &ledger,
                                                     const std::vector<CohortRow> &cohorts,
                                                     const std::map<std::string, std::string> &names)
{
    std::vector<std::vector<QString>> customers(cohorts.size());
    if (cohorts.empty())
        return customers;
    // By the month's distance from the first cohort's (cohorts skip empty months).
    const YearMonth first = cohorts.front().month;
    std::map<int, std::size_t> rowOf;
    for (std::size_t i = 0; i < cohorts.size(); ++i)
        rowOf.emplace(first.monthsUntil(cohorts[i].month), i);
    const std::size_t customerCount = ledger.customerIds().size();
    std::vector<std::int64_t> subscriptionMrr(ledger.subscriptionCount(), 0);
    std::vector<std::int64_t> customerMrr(customerCount, 0);
    std::vector<bool> joined(customerCount, false);
    for (const MrrLedger::Entry &entry : ledger.entries()) {
        customerMrr[entry.customer] += entry.mrr - subscriptionMrr[entry.subscription];
        subscriptionMrr[entry.subscription] = entry.mrr;
        if (customerMrr[entry.customer] <= 0 || joined[entry.customer])
            continue;
        joined[entry.customer] = true;
        const auto row = rowOf.find(first.monthsUntil(
            YearMonth::containing(Timestamp(std::chrono::microseconds(entry.at)))));
        if (row == rowOf.end())
            continue;
        const std::string &id = ledger.customerIds()[entry.customer];
        const auto name = names.find(id);
        customers[row->second].push_back(
            QString::fromStdString(name != names.end() ? name->second : id));
    }
    for (std::vector<QString> &row : customers) {
        std::sort(row.begin(), row.end(), [](const QString &a, const QString &b) {
            return QString::localeAwareCompare(a, b) < 0;
        });
    }
    return customers;
}

} // namespace

QByteArray MetricsReport::snapshotKey(std::optional<Currency> requested,
                                      const SeriesOptions &options,
                                      const std::optional<std::string> &planId)
{
    QByteArray key;
    QDataStream out(&key, QIODevice::WriteOnly);
    out << bool(requested.has_value());
    if (requested)
        writeCurrency(out, *requested);
    out << options.churnFloor << options.grossMargin << qint32(options.interval);
    if (planId) // keys of all plans stay as they were
        out << QByteArray::fromStdString(*planId);
    return key;
}

QByteArray MetricsReport::toSnapshot() const
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setFloatingPointPrecision(QDataStream::DoublePrecision);
    out << snapshotMagic << snapshotFormat;
    out << quint32(currencies.size());
    for (const Currency &each : currencies)
        writeCurrency(out, each);
    out << bool(currency.has_value());
    if (currency)
        writeCurrency(out, *currency);
    out << error;
    out << quint32(series.size());
    for (const PeriodMetrics &m : series) {
        writeMonth(out, m.period.firstMonth());
        out << qint32(m.period.interval());
        out << qint64(m.startMrr) << qint64(m.newMrr) << qint64(m.expansionMrr)
            << qint64(m.contractionMrr) << qint64(m.churnedMrr) << qint64(m.reactivationMrr)
            << qint64(m.endMrr) << qint64(m.customersStart) << qint64(m.customersEnd)
            << qint64(m.newCustomers) << qint64(m.churnedCustomers)
            << qint64(m.reactivatedCustomers);
        writeOptional<qint64>(out, m.spend);
        writeOptional(out, m.customerChurnRate);
        writeOptional<qint64>(out, m.arpa);
        writeOptional(out, m.nrr);
        writeOptional(out, m.grr);
        writeOptional(out, m.quickRatio);
        writeOptional<qint64>(out, m.cac);
        writeOptional<qint64>(out, m.ltv);
        writeOptional(out, m.ltvCacRatio);
        writeOptional(out, m.paybackMonths);
    }
    out << quint32(cohorts.size());
    for (const CohortRow &row : cohorts) {
        writeMonth(out, row.month);
        out << qint64(row.customers) << quint32(row.cells.size());
        for (const CohortCell &cell : row.cells) {
            out << qint32(cell.offset) << qint64(cell.mrr) << qint64(cell.activeCustomers);
            writeOptional(out, cell.mrrRetention);
            out << cell.logoRetention;
        }
    }
    return bytes;
}

std::optional<MetricsReport> MetricsReport::fromSnapshot(const QByteArray &bytes)
{
    QDataStream in(bytes);
    in.setFloatingPointPrecision(QDataStream::DoublePrecision);
    quint32 magic = 0;
    quint32 format = 0;
    in >> magic >> format;
    if (magic != snapshotMagic || format != snapshotFormat)
        return std::nullopt;
    MetricsReport report;
    quint32 count = 0;
    in >> count;
    for (quint32 i = 0; i < count && in.status() == QDataStream::Ok; ++i) {
        const std::optional<Currency> each = readCurrency(in);
        if (!each)
            return std::nullopt;
        report.currencies.push_back(*each);
    }
    bool hasCurrency = false;
    in >> hasCurrency;
    if (hasCurrency) {
        report.currency = readCurrency(in);
        if (!report.currency)
            return std::nullopt;
    }
    in >> report.error >> count;
    for (quint32 i = 0; i < count && in.status() == QDataStream::Ok; ++i) {
        const std::optional<YearMonth> month = readMonth(in);
        qint32 interval = 0;
        in >> interval;
        if (!month || (interval != qint32(Interval::Month) && interval != qint32(Interval::Quarter)))
            return std::nullopt;
        PeriodMetrics m(Period::containing(*month, static_cast<Interval>(interval)));
        qint64 values[12] = {};
        for (qint64 &value : values)
            in >> value;
        m.startMrr = values[0];
        m.newMrr = values[1];
        m.expansionMrr = values[2];
        m.contractionMrr = values[3];
        m.churnedMrr = values[4];
        m.reactivationMrr = values[5];
        m.endMrr = values[6];
        m.customersStart = values[7];
        m.customersEnd = values[8];
        m.newCustomers = values[9];
        m.churnedCustomers = values[10];
        m.reactivatedCustomers = values[11];
        std::optional<qint64> spend;
        std::optional<qint64> arpa;
        std::optional<qint64> cac;
        std::optional<qint64> ltv;
        readOptional(in, spend);
        readOptional(in, m.customerChurnRate);
        readOptional(in, arpa);
        readOptional(in, m.nrr);
        readOptional(in, m.grr);
        readOptional(in, m.quickRatio);
        readOptional(in, cac);
        readOptional(in, ltv);
        readOptional(in, m.ltvCacRatio);
        readOptional(in, m.paybackMonths);
        m.spend = spend;
        m.arpa = arpa;
        m.cac = cac;
        m.ltv = ltv;
        report.series.push_back(m);
    }
    in >> count;
    for (quint32 i = 0; i < count && in.status() == QDataStream::Ok; ++i) {
        const std::optional<YearMonth> month = readMonth(in);
        if (!month)
            return std::nullopt;
        CohortRow row{*month, 0, {}};
        qint64 customers = 0;
        quint32 cells = 0;
        in >> customers >> cells;
        row.customers = customers;
        for (quint32 c = 0; c < cells && in.status() == QDataStream::Ok; ++c) {
            CohortCell cell;
            qint32 offset = 0;
            qint64 mrr = 0;
            qint64 active = 0;
            in >> offset >> mrr >> active;
            cell.offset = offset;
            cell.mrr = mrr;
            cell.activeCustomers = active;
            readOptional(in, cell.mrrRetention);
            in >> cell.logoRetention;
            row.cells.push_back(cell);
        }
        report.cohorts.push_back(std::move(row));
    }
    if (in.status() != QDataStream::Ok || !in.atEnd())
        return std::nullopt;
    return report;
}

MetricsReport MetricsReport::compute(const MetricsData &data,
                                     std::optional<Currency> requested,
                                     const SeriesOptions &options,
                                     const std::optional<std::string> &planId)
{
    LedgerCache cache;
    return compute(data, requested, options, planId, cache);
}

MetricsReport MetricsReport::compute(const MetricsData &data,
                                     std::optional<Currency> requested,
                                     const SeriesOptions &options,
                                     const std::optional<std::string> &planId,
                                     LedgerCache &cache)
{
    MetricsReport report;
    report.planId = planId;
    std::map<Currency, std::size_t> uses;
    for (const MrrEvent &event : data.events)
        ++uses[event.currency];
    for (const AcquisitionSpend &spend : data.spend)
        uses.try_emplace(spend.amount.currency(), 0);
    for (const auto &entry : uses)
        report.currencies.push_back(entry.first);
    std::stable_sort(report.currencies.begin(),
                     report.currencies.end(),
                     [&uses](const Currency &a, const Currency &b) { return uses[a] > uses[b]; });
    if (report.currencies.empty())
        return report;
    report.currency = requested && uses.count(*requested) ? *requested : report.currencies.front();

    std::shared_ptr<const MrrLedger> &all = cache.ledger;
    if (!all || all->currency() != *report.currency) {
        all.reset();
        cache.planLedger.reset();
        cache.planId.reset();
        Result<MrrLedger> built = MrrLedger::build(data.events, *report.currency);
        if (!built) {
            report.error = tr("The cached MRR events cannot be used: %1")
                               .arg(QString::fromStdString(built.error().toString()));
            return report;
        }
        all = std::make_shared<const MrrLedger>(std::move(built).value());
    }
    const MrrLedger *ledger = all.get();
    if (planId) {
        if (!cache.planLedger || cache.planId != planId) {
            cache.planLedger = std::make_shared<const MrrLedger>(all->ofPlan(*planId));
            cache.planId = planId;
        }
        ledger = cache.planLedger.get();
    }
    // Spend is not recorded per plan: none for one plan's figures.
    const std::span<const AcquisitionSpend> spend = planId ? std::span<const AcquisitionSpend>()
                                                           : std::span<const AcquisitionSpend>(
                                                               data.spend);
    Result<std::vector<PeriodMetrics>> series = computeSeries(*ledger, spend, options);
    if (!series) {
        report.error = tr("The metrics cannot be computed: %1")
                           .arg(QString::fromStdString(series.error().toString()));
        return report;
    }
    Result<std::vector<CohortRow>> cohorts = computeCohorts(*ledger);
    if (!cohorts) {
        report.error = tr("The metrics cannot be computed: %1")
                           .arg(QString::fromStdString(cohorts.error().toString()));
        return report;
    }
    report.series = std::move(series).value();
    report.cohorts = std::move(cohorts).value();
    report.cohortCustomers = customersOfCohorts(*ledger, report.cohorts, data.tenantNames);
    return report;
}

} // namespace Tenantry
