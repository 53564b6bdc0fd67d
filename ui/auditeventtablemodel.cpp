#include "ui/auditeventtablemodel.h"

#include "client/listauditeventsjob.h"
#include "ui/displaytext.h"

#include <QLocale>

namespace Tenantry {

AuditEventTableModel::AuditEventTableModel(ApiClient *client, QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
{}

AuditEventTableModel::~AuditEventTableModel()
{
    abortJob();
}

void AuditEventTableModel::abortJob()
{
    if (m_job) {
        ListAuditEventsJob *job = m_job;
        m_job.clear();
        job->abort();
        job->deleteLater();
    }
}

void AuditEventTableModel::setQuery(const AuditEventQuery &query)
{
    m_query = query;
    reload();
}

void AuditEventTableModel::reload()
{
    m_started = true;
    abortJob();
    beginResetModel();
    m_events.clear();
    m_cursor.clear();
    m_loadedAll = false;
    m_error.reset();
    endResetModel();
    fetchMore({});
}

void AuditEventTableModel::retry()
{
    m_error.reset();
    fetchMore({});
}

int AuditEventTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_events.size());
}

int AuditEventTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditEventTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuditEvent &event = m_events[static_cast<std::size_t>(index.row())];
    switch (role) {
    case EventIdRole:
        return QString::fromStdString(event.id);
    case TargetIdRole:
        return QString::fromStdString(event.targetId);
    case SortRole:
        if (index.column() == Time)
            return static_cast<qint64>(event.createdAt.time_since_epoch().count());
        return data(index, Qt::DisplayRole).toString().toCaseFolded();
    case Qt::ToolTipRole:
        if (index.column() == Time)
            return QLocale().toString(DisplayText::dateTime(event.createdAt), QLocale::LongFormat);
        if (index.column() == Actor)
            return QString::fromStdString(event.actorId);
        return {};
    case Qt::DisplayRole:
        switch (static_cast<Column>(index.column())) {
        case Time:
            return DisplayText::shortDateTime(event.createdAt);
        case Actor:
            return event.actorEmail.empty() ? QString::fromStdString(event.actorId)
                                            : QString::fromStdString(event.actorEmail);
        case Action:
            return QString::fromStdString(event.action);
        case TargetType:
            return QString::fromStdString(event.targetType);
        case Target:
            return QString::fromStdString(event.targetId);
        case RequestId:
            return QString::fromStdString(event.requestId);
        case ColumnCount:
            break;
        }
        return {};
    default:
        return {};
    }
}

QVariant AuditEventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Time:
        return tr("Time");
    case Actor:
        return tr("Actor");
    case Action:
        return tr("Action");
    case TargetType:
        return tr("Object");
    case Target:
        return tr("Target");
    case RequestId:
        return tr("Request id");
    case ColumnCount:
        break;
    }
    return {};
}

bool AuditEventTableModel::canFetchMore(const QModelIndex &parent) const
{
    return m_started && !parent.isValid() && !m_loadedAll && !isLoading() && !m_error && m_client;
}

void AuditEventTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    AuditEventQuery query = m_query;
    query.limit = pageSize;
    query.startingAfter = m_cursor;
    auto *job = new ListAuditEventsJob(m_client, query, this);
    m_job = job;
    connect(job, &ApiJob::finished, this, [this, job] { handlePage(job); });
    job->start();
}

void AuditEventTableModel::handlePage(ListAuditEventsJob *job)
{
    if (job != m_job)
        return;
    m_job.clear();
    if (job->hasError()) {
        m_error = job->error();
        Q_EMIT errorOccurred(*m_error);
        return;
    }
    const ListPage<AuditEvent> &page = job->page();
    if (!page.data.empty()) {
        const int first = rowCount();
        beginInsertRows({}, first, first + static_cast<int>(page.data.size()) - 1);
        m_events.insert(m_events.end(), page.data.begin(), page.data.end());
        endInsertRows();
    }
    m_cursor = QString::fromStdString(page.nextCursor);
    m_loadedAll = !page.hasMore || m_cursor.isEmpty();
    Q_EMIT pageLoaded();
}

} // namespace Tenantry
