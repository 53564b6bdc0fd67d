#pragma once

#include "client/apierror.h"
#include "client/listsubscriptionsjob.h"
#include "client/subscriptionquery.h"
#include "core/plan.h"
#include "core/subscription.h"

#include <QAbstractTableModel>
#include <QPointer>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace Tenantry {

class ApiClient;

// Subscriptions across tenants (GET /v1/subscriptions), filtered on the server by the query and
// paged lazily: the first page loads when a view asks (canFetchMore/fetchMore), the next one
// when the view scrolls to the end. A new query resets the model and drops a page in flight.
class SubscriptionTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TenantColumn,
        PlanColumn,
        StatusColumn,
        QuantityColumn,
        MrrColumn,
        RenewsColumn,
        TrialEndColumn,
        ColumnCount
    };
    enum Role {
        SubscriptionIdRole = Qt::UserRole + 1,
        TenantIdRole,
        StatusRole,   // the API's spelling: "past_due", ...
        MrrMinorRole, // qlonglong, minor units of the plan's currency; invalid if unknown
    };

    explicit SubscriptionTableModel(ApiClient *client, QObject *parent = nullptr);
    ~SubscriptionTableModel() override;

    SubscriptionQuery query() const { return m_query; }
    void setQuery(const SubscriptionQuery &query); // page size: query.limit (default 50)
    void setPlans(const std::vector<Plan> &plans);
    void setTenantName(const std::string &tenantId, const QString &name);

    const Subscription *subscription(int row) const;
    bool isLoading() const { return m_job != nullptr; }
    bool hasMore() const { return m_hasMore; }
    const std::optional<ApiError> &lastError() const { return m_error; }
    // After an error: asks for the page that failed again.
    void retry();

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
    void handlePage();
    const Plan *planFor(const std::string &planId) const;

    ApiClient *m_client;
    SubscriptionQuery m_query;
    std::vector<Subscription> m_rows;
    std::map<std::string, Plan> m_plans;
    std::map<std::string, QString> m_tenantNames;
    QString m_cursor;
    bool m_hasMore = true;
    std::optional<ApiError> m_error;
    QPointer<ListSubscriptionsJob> m_job;
};

} // namespace Tenantry
