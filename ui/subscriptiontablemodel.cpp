#include "ui/subscriptiontablemodel.h"

#include "client/listsubscriptionsjob.h"
#include "ui/displayformat.h"

namespace Tenantry {

SubscriptionTableModel::SubscriptionTableModel(ApiClient *client, QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
{
    m_query.limit = 50;
}

SubscriptionTableModel::~SubscriptionTableModel()
{
    if (m_job)
        m_job->abort(); // no finished() follows; the job is our child and goes with us
}

void SubscriptionTableModel::setQuery(const SubscriptionQuery &query)
{
    if (m_job) {
        m_job->abort();
        m_job->deleteLater();
        m_job = nullptr;
        Q_EMIT loadingChanged(false);
    }
    beginResetModel();
    m_query = query;
    if (m_query.limit <= 0)
        m_query.limit = 50;
    m_query.startingAfter.clear();
    m_rows.clear();
    m_cursor.clear();
    m_hasMore = true;
    m_error.reset();
    endResetModel();
}

void SubscriptionTableModel::setPlans(const std::vector<Plan> &plans)
{
    m_plans.clear();
    for (const Plan &plan : plans)
        m_plans.emplace(plan.id, plan);
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void SubscriptionTableModel::setTenantName(const std::string &tenantId, const QString &name)
{
    m_tenantNames[tenantId] = name;
    for (std::size_t row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].tenantId == tenantId) {
            const QModelIndex cell = index(static_cast<int>(row), TenantColumn);
            Q_EMIT dataChanged(cell, cell);
        }
    }
}

const Subscription *SubscriptionTableModel::subscription(int row) const
{
    return row >= 0 && static_cast<std::size_t>(row) < m_rows.size()
               ? &m_rows[static_cast<std::size_t>(row)]
               : nullptr;
}

const Plan *SubscriptionTableModel::planFor(const std::string &planId) const
{
    const auto it = m_plans.find(planId);
    return it == m_plans.end() ? nullptr : &it->second;
}

void SubscriptionTableModel::retry()
{
    if (!m_error || m_job)
        return;
    m_error.reset();
    fetchMore({});
}

int SubscriptionTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int SubscriptionTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SubscriptionTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Subscription &row = m_rows[static_cast<std::size_t>(index.row())];
    const Plan *plan = planFor(row.planId);
    switch (role) {
    case SubscriptionIdRole:
        return QString::fromStdString(row.id);
    case TenantIdRole:
        return QString::fromStdString(row.tenantId);
    case StatusRole: {
        const std::string_view text = toString(row.status);
        return QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size()));
    }
    case MrrMinorRole:
        if (!plan)
            return {};
        return static_cast<qlonglong>(plan->monthlyRecurringRevenue(row.quantity));
    case Qt::TextAlignmentRole:
        if (index.column() == QuantityColumn || index.column() == MrrColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == TenantColumn)
            return QString::fromStdString(row.tenantId);
        if (index.column() == MrrColumn && !countsTowardsMrr(row.status))
            return tr("A subscription in this status brings in no MRR now.");
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case TenantColumn: {
        const auto name = m_tenantNames.find(row.tenantId);
        return name != m_tenantNames.end() ? name->second : QString::fromStdString(row.tenantId);
    }
    case PlanColumn:
        return plan ? QString::fromStdString(plan->name) : QString::fromStdString(row.planId);
    case StatusColumn:
        if (row.cancelAtPeriodEnd)
            return tr("%1, cancels at period end").arg(DisplayFormat::status(row.status));
        return DisplayFormat::status(row.status);
    case QuantityColumn:
        return QLocale().toString(static_cast<qlonglong>(row.quantity));
    case MrrColumn:
        if (!plan)
            return QString();
        return DisplayFormat::money(
            Money(plan->monthlyRecurringRevenue(row.quantity), plan->price.currency()));
    case RenewsColumn:
        return DisplayFormat::date(row.currentPeriodEnd);
    case TrialEndColumn:
        return row.trialEnd ? DisplayFormat::date(*row.trialEnd) : QString();
    default:
        return {};
    }
}

QVariant SubscriptionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TenantColumn:
        return tr("Tenant");
    case PlanColumn:
        return tr("Plan");
    case StatusColumn:
        return tr("Status");
    case QuantityColumn:
        return tr("Quantity");
    case MrrColumn:
        return tr("MRR");
    case RenewsColumn:
        return tr("Period ends");
    case TrialEndColumn:
        return tr("Trial ends");
    default:
        return {};
    }
}

bool SubscriptionTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore && !m_job && !m_error && m_client;
}

void SubscriptionTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    SubscriptionQuery query = m_query;
    query.startingAfter = m_cursor;
    m_job = new ListSubscriptionsJob(m_client, query, this);
    connect(m_job, &ApiJob::finished, this, &SubscriptionTableModel::handlePage);
    m_job->start();
    Q_EMIT loadingChanged(true);
}

void SubscriptionTableModel::handlePage()
{
    ListSubscriptionsJob *job = m_job;
    m_job = nullptr;
    if (!job)
        return;
    if (job->hasError()) {
        m_error = *job->error();
        Q_EMIT loadingChanged(false);
        Q_EMIT errorOccurred(*m_error);
        return;
    }
    const ListPage<Subscription> &page = job->page();
    // The cursor moves before the rows go in: a view (or tester) that asks for more while they
    // are inserted gets the next page, not this one again.
    m_hasMore = page.hasMore;
    m_cursor = QString::fromStdString(page.nextCursor);
    if (!page.data.empty()) {
        const int first = rowCount();
        beginInsertRows({}, first, first + static_cast<int>(page.data.size()) - 1);
        m_rows.insert(m_rows.end(), page.data.begin(), page.data.end());
        endInsertRows();
    }
    Q_EMIT loadingChanged(false);
    Q_EMIT pageLoaded();
}

} // namespace Tenantry
