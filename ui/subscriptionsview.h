#pragma once

// Every subscription across tenants, filtered on the server by status (every past_due one, say),
// plan and renewal date, loaded page by page as the table scrolls. Enter or a double-click on a
// row opens its tenant (tenantActivated).

#include "client/apierror.h"
#include "client/user.h"
#include "core/plan.h"

#include <QWidget>

#include <set>
#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QTableView;

namespace Tenantry {

class ApiClient;
class SubscriptionTableModel;

class SubscriptionsView : public QWidget
{
    Q_OBJECT

public:
    SubscriptionsView(ApiClient *client, const User &me, QWidget *parent = nullptr);

    SubscriptionTableModel *model() const { return m_model; }

Q_SIGNALS:
    void tenantActivated(const QString &tenantId);
    void errorOccurred(const Tenantry::ApiError &error);

private:
    void loadPlans();
    void applyFilters();
    void updateStatus();
    void resolveTenantNames(int first, int last);

    ApiClient *m_client;
    User m_me;
    std::vector<Plan> m_plans;
    std::set<std::string> m_namesAsked; // tenant ids whose name was asked for
    SubscriptionTableModel *m_model = nullptr;
    QComboBox *m_statusFilter = nullptr;
    QComboBox *m_planFilter = nullptr;
    QCheckBox *m_renewsBeforeCheck = nullptr;
    QDateEdit *m_renewsBefore = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_retry = nullptr;
};

} // namespace Tenantry
