#pragma once

// Plans and features: every page of GET /v1/plans and GET /v1/features (a handful), in two
// sortable tables. Roles with plans.write (owner, admin) create plans and edit them (New
// plan…, Edit plan… or a double click: PlanDialog); for other roles those buttons are disabled
// and say why. The loaded plans are also announced (plansLoaded) so that the tenant list can
// filter and name them.

#include "client/apierror.h"
#include "core/feature.h"
#include "core/plan.h"
#include "ui/permissions.h"

#include <QWidget>

#include <vector>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace Tenantry {

class ApiClient;
class FeatureTableModel;
class PlanDialog;
class PlanTableModel;

class PlansView : public QWidget
{
    Q_OBJECT

public:
    explicit PlansView(ApiClient *client, QWidget *parent = nullptr);

    void reload();
    void setPermissions(const Permissions &permissions);
    // The plan dialog for a new plan, or for the selected one (nullptr without permission or
    // selection). It saves on its own and reloads the lists after a save.
    PlanDialog *newPlan();
    PlanDialog *editSelectedPlan();
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
    PlanDialog *openDialog(const std::optional<Plan> &plan);
    void updateButtons();

    ApiClient *m_client;
    PlanTableModel *m_plans;
    FeatureTableModel *m_features;
    QTableView *m_planTable;
    QTableView *m_featureTable;
    QLabel *m_status;
    QPushButton *m_newPlan;
    QPushButton *m_editPlan;
    Permissions m_permissions;
    std::vector<Plan> m_loadingPlans;
    std::vector<Feature> m_loadingFeatures;
    int m_generation = 0;
};

} // namespace Tenantry
