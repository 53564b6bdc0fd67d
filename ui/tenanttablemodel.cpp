#include "ui/tenanttablemodel.h"

#include "client/listtenantsjob.h"
#include "ui/displaytext.h"

#include <QLocale>

namespace Tenantry {

namespace {

QString text(const std::optional<std::string> &value)
{
    return value ? QString::fromStdString(*value) : QString();
}

qint64 sortable(Timestamp timestamp)
{
    return static_cast<qint64>(timestamp.time_since_epoch().count());
}

} // namespace

TenantTableModel::TenantTableModel(ApiClient *client, QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
{}

TenantTableModel::~TenantTableModel()
{
    abortJob();
}

void TenantTableModel::abortJob()
{
    if (m_job) {
        ListTenantsJob *job = m_job;
        m_job.clear();
        job->abort();
        job->deleteLater();
    }
}

void TenantTableModel::setQuery(const TenantQuery &query)
{
    m_query = query;
    m_query.limit = 0;
    m_query.startingAfter.clear();
    reload();
}

void TenantTableModel::reload()
{
    m_started = true;
    const bool wasLoading = isLoading();
    abortJob();
    beginResetModel();
    m_tenants.clear();
    m_rows.clear();
    m_cursor.clear();
    m_loadedAll = false;
    m_error.reset();
    endResetModel();
    if (wasLoading)
        Q_EMIT loadingChanged(false);
    fetchMore({});
}

void TenantTableModel::retry()
{
    m_error.reset();
    fetchMore({});
}

void TenantTableModel::setPlanNames(const QHash<QString, QString> &names)
{
    m_planNames = names;
    if (!m_tenants.empty())
        Q_EMIT dataChanged(index(0, Plan), index(rowCount() - 1, Plan));
}

const Tenant *TenantTableModel::tenantAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    return &m_tenants[static_cast<std::size_t>(row)];
}

int TenantTableModel::rowOf(const QString &tenantId) const
{
    return m_rows.value(tenantId, -1);
}

void TenantTableModel::updateTenant(const Tenant &tenant)
{
    const int row = rowOf(QString::fromStdString(tenant.id));
    if (row < 0)
        return;
    m_tenants[static_cast<std::size_t>(row)] = tenant;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int TenantTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_tenants.size());
}

int TenantTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString TenantTableModel::planName(const Tenant &tenant) const
{
    if (!tenant.planId)
        return tr("No plan");
    const QString id = QString::fromStdString(*tenant.planId);
    return m_planNames.value(id, id);
}

QVariant TenantTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Tenant &tenant = m_tenants[static_cast<std::size_t>(index.row())];
    switch (role) {
    case TenantIdRole:
        return QString::fromStdString(tenant.id);
    case StatusRole:
        return static_cast<int>(tenant.status);
    case VersionRole:
        return static_cast<qint64>(tenant.version);
    case Qt::ToolTipRole:
        if (index.column() == Created)
            return QLocale().toString(DisplayText::dateTime(tenant.createdAt), QLocale::LongFormat);
        if (index.column() == Updated)
            return QLocale().toString(DisplayText::dateTime(tenant.updatedAt), QLocale::LongFormat);
        if (index.column() == Name)
            return QString::fromStdString(tenant.id);
        return {};
    case SortRole:
        if (index.column() == Created)
            return sortable(tenant.createdAt);
        if (index.column() == Updated)
            return sortable(tenant.updatedAt);
        if (index.column() == Status)
            return static_cast<int>(tenant.status);
        return data(index, Qt::DisplayRole).toString().toCaseFolded();
    case Qt::DisplayRole:
        switch (static_cast<Column>(index.column())) {
        case Name:
            return QString::fromStdString(tenant.name);
        case Slug:
            return QString::fromStdString(tenant.slug);
        case Status:
            return DisplayText::status(tenant.status);
        case Plan:
            return planName(tenant);
        case Isolation:
            return DisplayText::isolation(tenant.isolation);
        case Region:
            return QString::fromStdString(tenant.region);
        case ContactEmail:
            return text(tenant.contactEmail);
        case Created:
            return DisplayText::shortDateTime(tenant.createdAt);
        case Updated:
            return DisplayText::shortDateTime(tenant.updatedAt);
        case ColumnCount:
            break;
        }
        return {};
    default:
        return {};
    }
}

QVariant TenantTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Name:
        return tr("Name");
    case Slug:
        return tr("Slug");
    case Status:
        return tr("Status");
    case Plan:
        return tr("Plan");
    case Isolation:
        return tr("Placement");
    case Region:
        return tr("Region");
    case ContactEmail:
        return tr("Contact email");
    case Created:
        return tr("Created");
    case Updated:
        return tr("Updated");
    case ColumnCount:
        break;
    }
    return {};
}

bool TenantTableModel::canFetchMore(const QModelIndex &parent) const
{
    return m_started && !parent.isValid() && !m_loadedAll && !isLoading() && !m_error && m_client;
}

void TenantTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    TenantQuery query = m_query;
    query.limit = pageSize;
    query.startingAfter = m_cursor;
    auto *job = new ListTenantsJob(m_client, query, this);
    m_job = job;
    connect(job, &ApiJob::finished, this, [this, job] { handlePage(job); });
    job->start();
    Q_EMIT loadingChanged(true);
}

void TenantTableModel::handlePage(ListTenantsJob *job)
{
    if (job != m_job)
        return; // replaced by a reload; it deletes itself
    m_job.clear();
    if (job->hasError()) {
        m_error = job->error();
        Q_EMIT loadingChanged(false);
        Q_EMIT errorOccurred(*m_error);
        return;
    }
    const ListPage<Tenant> &page = job->page();
    std::vector<Tenant> fresh;
    fresh.reserve(page.data.size());
    for (const Tenant &tenant : page.data) {
        const QString id = QString::fromStdString(tenant.id);
        if (m_rows.contains(id))
            updateTenant(tenant);
        else
            fresh.push_back(tenant);
    }
    if (!fresh.empty()) {
        const int first = rowCount();
        beginInsertRows({}, first, first + static_cast<int>(fresh.size()) - 1);
        for (Tenant &tenant : fresh) {
            m_rows.insert(QString::fromStdString(tenant.id), static_cast<int>(m_tenants.size()));
            m_tenants.push_back(std::move(tenant));
        }
        endInsertRows();
    }
    m_cursor = QString::fromStdString(page.nextCursor);
    m_loadedAll = !page.hasMore || m_cursor.isEmpty();
    Q_EMIT loadingChanged(false);
    Q_EMIT pageLoaded();
}

} // namespace Tenantry
