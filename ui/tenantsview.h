#pragma once

// The tenant list: search as you type (debounced, the server's q), filters by status, plan,
// isolation and region that can be saved by name, local sorting of the loaded rows, a status
// badge, and the tenant actions the signed-in role allows in a context menu. Rows load page by
// page as the table scrolls (TenantTableModel), so 100,000 tenants cost what is on screen.

#include "client/apierror.h"
#include "client/tenantquery.h"
#include "core/tenant.h"
#include "ui/permissions.h"
#include "ui/savedtenantfilters.h"

#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace Tenantry {

class ApiClient;
class TenantCsvExporter;
class TenantTableModel;

class TenantsView : public QWidget
{
    Q_OBJECT

public:
    static constexpr int searchDelayMs = 250;

    explicit TenantsView(ApiClient *client, QWidget *parent = nullptr);

    void setPermissions(const Permissions &permissions);
    // Plan id -> name, for the plan filter and column.
    void setPlans(const QList<QPair<QString, QString>> &plans);

    TenantTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLineEdit *searchField() const { return m_search; }
    // The query of the search and filters shown now.
    TenantQuery currentQuery() const;
    // The tenant of the current row; empty when none.
    QString currentTenantId() const;

    // Loads the list again (F5), or retries the page that failed.
    void reload();
    void retry();
    // Fetches one tenant again and updates its row (after a change elsewhere).
    void refreshTenant(const QString &tenantId);

    // The context menu of `tenantId`'s row (a new QMenu, deleted when hidden).
    QMenu *createContextMenu(const QString &tenantId);
    // Asks for a reason, then suspends; or reactivates.
    void suspendTenant(const QString &tenantId);
    void reactivateTenant(const QString &tenantId);

    // Asks where to save (a non-modal file dialog), then exports.
    void exportCsv();
    // Exports the current query's tenants to `fileName` with a progress dialog.
    TenantCsvExporter *exportCsvTo(const QString &fileName);

    void focusSearch();

Q_SIGNALS:
    void tenantActivated(const QString &tenantId);
    void tenantChanged(const QString &tenantId);
    void errorOccurred(const Tenantry::ApiError &error);
    void statusMessage(const QString &message);

private:
    void applyFilters();
    void scheduleSearch();
    void updateCountLabel();
    void showContextMenu(const QPoint &position);
    void activate(const QModelIndex &index);
    void saveCurrentFilter();
    void loadSavedFilter(int index);
    void deleteSavedFilter();
    void refreshSavedFilterNames(const QString &select = {});
    void tenantActionFinished(const QString &title, const Tenant &tenant);
    void actionFailed(const QString &title, const ApiError &error);

    ApiClient *m_client;
    Permissions m_permissions;
    TenantTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    QLineEdit *m_search;
    QComboBox *m_status;
    QComboBox *m_plan;
    QComboBox *m_isolation;
    QComboBox *m_region;
    QComboBox *m_savedFilters;
    QPushButton *m_saveFilter;
    QPushButton *m_deleteFilter;
    QPushButton *m_export;
    QLabel *m_count;
    QTimer m_searchTimer;
    SavedTenantFilters m_saved;
    QHash<QString, QString> m_planNames;
    bool m_applyingSaved = false;
};

} // namespace Tenantry
