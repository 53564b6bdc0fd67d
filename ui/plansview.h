#pragma once

// Plans and features, read-only: every page of GET /v1/plans and GET /v1/features (a handful),
// in two sortable tables. The loaded plans are also announced (plansLoaded) so that the tenant
// list can filter and name them.

#include "client/apierror.h"
#include "core/feature.h"
#include "core/plan.h"

#include <QWidget>

#include <vector>

class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace Tenantry {

class ApiClient;
class FeatureTableModel;
class PlanTableModel;

class PlansView : public QWidget
{
    Q_OBJECT

public:
    explicit PlansView(ApiClient *client, QWidget *parent = nullptr);

    void reload();
    PlanTableModel *planModel() const { return m_plans; }
    FeatureTableModel *featureModel() const { return m_features; }

Q_SIGNALS:
    // (plan id, plan name) pairs, in the server's order.
    void plansLoaded(const QList<QPair<QString, QString>> &plans);
    void errorOccurred(const Tenantry::ApiError &error);

private:
    void fetchPlans(const QString &cursor);
    void fetchFeatures(const QString &cursor);
    void finishPlans();
    void fail(const ApiError &error);

    ApiClient *m_client;
    PlanTableModel *m_plans;
    FeatureTableModel *m_features;
    QTableView *m_planTable;
    QTableView *m_featureTable;
    QLabel *m_status;
    std::vector<Plan> m_loadingPlans;
    std::vector<Feature> m_loadingFeatures;
    int m_generation = 0;
};

} // namespace Tenantry
