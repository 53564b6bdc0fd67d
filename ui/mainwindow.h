#pragma once

// The console's main window: navigation on the left (Tenants, Subscriptions, Plans & Features,
// Dashboard: the finance dashboard, Audit log, Billing), the pages in a stack, the tenant detail page, a status bar with the
// connection, the signed-in user and role (GET /v1/me), a banner while the server cannot be
// reached, the command palette (Ctrl+K), and signing in again when the session ends (a 401 from
// any call), keeping every page as it was.

#include "client/apierror.h"
#include "client/user.h"
#include "ui/permissions.h"
#include "ui/signindialog.h"

#include <QMainWindow>
#include <QPointer>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace Tenantry {

class ApiClient;
class AuditLogView;
class BillingView;
class CommandPalette;
class ConnectionBanner;
class DashboardView;
class PlansView;
class SubscriptionsView;
class TenantDetailView;
class TenantsView;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum class Page { Tenants, Subscriptions, Plans, Dashboard, AuditLog, Billing, TenantDetail };
    Q_ENUM(Page)

    explicit MainWindow(ApiClient *client, QWidget *parent = nullptr);

    // A message in place of the pages until a session starts ("Starting the demo server…").
    void setStartupMessage(const QString &message);
    // The client holds a token: asks who we are (GET /v1/me), then shows the pages.
    void startSession();
    // Opens the sign-in dialog (once: a second call while it is open does nothing).
    SignInDialog *requestSignIn(const QString &reason = {});

    // Where the dashboard keeps its metrics cache files (default: MetricsCache::defaultPath's
    // folder). Takes effect for the next session.
    void setMetricsCacheFolder(const QString &folder) { m_metricsCacheFolder = folder; }

    void showPage(Page page);
    Page currentPage() const;
    void openTenant(const QString &tenantId);
    void openPalette();
    // The keychain could not save or remove the session token: says so in the status bar.
    void showKeychainProblem(const QString &message);

    const User &user() const { return m_user; }
    bool hasSession() const { return !m_user.id.empty(); }
    TenantsView *tenantsView() const { return m_tenants; }
    PlansView *plansView() const { return m_plans; }
    AuditLogView *auditLogView() const { return m_audit; }
    BillingView *billingView() const { return m_billing; }
    TenantDetailView *tenantDetailView() const { return m_detail; }
    SubscriptionsView *subscriptionsView() const { return m_subscriptions; }
    DashboardView *dashboardView() const { return m_dashboardView; }
    CommandPalette *commandPalette() const { return m_palette; }
    ConnectionBanner *connectionBanner() const { return m_banner; }
    SignInDialog *signInDialog() const { return m_signIn.data(); }

Q_SIGNALS:
    void sessionStarted(const Tenantry::User &me);
    void sessionFailed(const Tenantry::ApiError &error);
    // The sign-in dialog signed in (the first time or again); the client holds the new token.
    void signedIn(const Tenantry::Session &session);
    // "Sign out" ended the session on the server (or found it ended) and cleared the token.
    void signedOut();

private:
    void createActions();
    void signOut();
    void setUser(const User &user);
    void handleError(const ApiError &error);
    void sessionRejected(const ApiError &error);
    void navigationChanged(int row);
    void retryAfterReconnect();
    QWidget *pageWidget(Page page) const;

    ApiClient *m_client;
    User m_user;
    Permissions m_permissions;
    QListWidget *m_navigation;
    QStackedWidget *m_stack;
    ConnectionBanner *m_banner;
    QLabel *m_startup;
    TenantsView *m_tenants;
    PlansView *m_plans;
    QWidget *m_dashboard;
    DashboardView *m_dashboardView = nullptr;
    AuditLogView *m_audit;
    BillingView *m_billing;
    QWidget *m_subscriptionsPage;
    QWidget *m_detailPage;
    SubscriptionsView *m_subscriptions = nullptr;
    TenantDetailView *m_detail = nullptr;
    CommandPalette *m_palette = nullptr;
    QLabel *m_connection;
    QLabel *m_userLabel;
    QPointer<SignInDialog> m_signIn;
    QList<QAction *> m_paletteActions;
    QAction *m_exportAction = nullptr;
    QAction *m_signOutAction = nullptr;
    QString m_metricsCacheFolder;
    bool m_plansLoaded = false;
    bool m_signingOut = false; // 401s of requests racing the sign-out are expected then
};

} // namespace Tenantry
