#pragma once

// The tenants of one query (search and filters), loaded lazily: the view asks canFetchMore() /
// fetchMore() as it scrolls, and each fetchMore() asks tenantryd for the next cursor page
// (ListTenantsJob, 100 tenants). Only loaded rows exist, so a list of 100,000 tenants costs what
// the user has scrolled through. A tenant that appears again on a later page (it changed while
// paging) replaces its row instead of being added twice.

#include "client/apierror.h"
#include "client/tenantquery.h"
#include "core/tenant.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>

#include <deque>
#include <optional>
#include <vector>

namespace Tenantry {

class ApiClient;
class ListTenantsJob;

class TenantTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Name,
        Slug,
        Status,
        Plan,
        Isolation,
        Region,
        ContactEmail,
        Created,
        Updated,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        TenantIdRole = Qt::UserRole + 1, // QString "ten_…"
        StatusRole,                      // int(TenantStatus)
        SortRole,                        // a value that sorts the column (times as numbers)
        VersionRole,                     // qint64
    };

    static constexpr int pageSize = 100;

    explicit TenantTableModel(ApiClient *client, QObject *parent = nullptr);
    ~TenantTableModel() override;

    // Replaces the rows with the first page of `query` (its paging fields are ignored).
    void setQuery(const TenantQuery &query);
    const TenantQuery &query() const { return m_query; }
    // Plan ids to names, for the Plan column.
    void setPlanNames(const QHash<QString, QString> &names);
    // Loads again from the first page.
    void reload();
    // After an error: asks for the page that failed again, keeping the loaded rows.
    void retry();

    bool isLoading() const { return !m_job.isNull(); }
    bool hasLoadedAll() const { return m_loadedAll; }
    const std::optional<ApiError> &error() const { return m_error; }

    const Tenant *tenantAt(int row) const;
    int rowOf(const QString &tenantId) const;
    // Replaces the row of `tenant.id` (after a change made here or elsewhere).
    void updateTenant(const Tenant &tenant);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section,
                        Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    void pageLoaded();
    void errorOccurred(const Tenantry::ApiError &error);

private:
    void handlePage(ListTenantsJob *job);
    void abortJob();
    QString planName(const Tenant &tenant) const;

    QPointer<ApiClient> m_client;
    TenantQuery m_query;
    QPointer<ListTenantsJob> m_job;
    // A deque: growing to 100,000 rows never moves the rows already loaded (a vector's
    // reallocation at 65,536 rows stalled the GUI thread for a frame and a half).
    std::deque<Tenant> m_tenants;
    QHash<QString, int> m_rows; // tenant id -> row
    QHash<QString, QString> m_planNames;
    QString m_cursor;
    bool m_loadedAll = false;
    bool m_started = false; // nothing is fetched before the first setQuery()/reload()
    std::optional<ApiError> m_error;
};

} // namespace Tenantry
