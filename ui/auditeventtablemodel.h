#pragma once

// The audit log of one query (actor, action, target, time range), newest first, loaded page by
// page through canFetchMore()/fetchMore() as the view scrolls (ListAuditEventsJob).

#include "client/apierror.h"
#include "client/auditevent.h"
#include "client/auditeventquery.h"

#include <QAbstractTableModel>
#include <QPointer>

#include <optional>
#include <vector>

namespace Tenantry {

class ApiClient;
class ListAuditEventsJob;

class AuditEventTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, Actor, Action, TargetType, Target, RequestId, ColumnCount };
    Q_ENUM(Column)
    enum Role { EventIdRole = Qt::UserRole + 1, TargetIdRole, SortRole };

    static constexpr int pageSize = 100;

    explicit AuditEventTableModel(ApiClient *client, QObject *parent = nullptr);
    ~AuditEventTableModel() override;

    void setQuery(const AuditEventQuery &query);
    void reload();
    void retry();
    bool isLoading() const { return !m_job.isNull(); }
    bool hasLoadedAll() const { return m_loadedAll; }
    const std::optional<ApiError> &error() const { return m_error; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section,
                        Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void pageLoaded();
    void errorOccurred(const Tenantry::ApiError &error);

private:
    void handlePage(ListAuditEventsJob *job);
    void abortJob();

    QPointer<ApiClient> m_client;
    AuditEventQuery m_query;
    QPointer<ListAuditEventsJob> m_job;
    std::vector<AuditEvent> m_events;
    QString m_cursor;
    bool m_loadedAll = false;
    bool m_started = false; // nothing is fetched before the first setQuery()/reload()
    std::optional<ApiError> m_error;
};

} // namespace Tenantry
