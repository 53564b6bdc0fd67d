#include "ui/mainwindow.h"

#include "client/apiclient.h"
#include "client/getmejob.h"
#include "client/metricscache.h"
#include "client/signoutjob.h"
#include "ui/auditlogview.h"
#include "ui/billingview.h"
#include "ui/commandpalette.h"
#include "ui/connectionbanner.h"
#include "ui/dashboardview.h"
#include "ui/displaytext.h"
#include "ui/plansview.h"
#include "ui/signindialog.h"
#include "ui/subscriptionsview.h"
#include "ui/tenantdetailview.h"
#include "ui/tenantsview.h"

#include <QAction>
#include <QApplication>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace Tenantry {

namespace {

constexpr int navigationPages = 6; // Tenants … Billing, in Page order

QWidget *wrap(QWidget *page, QWidget *parent)
{
    auto *container = new QWidget(parent);
    auto *layout = new QVBoxLayout(container);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(page);
    return container;
}

void replaceChild(QWidget *container, QWidget *old, QWidget *replacement)
{
    if (old) {
        container->layout()->removeWidget(old);
        old->deleteLater();
    }
    container->layout()->addWidget(replacement);
}

} // namespace

MainWindow::MainWindow(ApiClient *client, QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_navigation(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_banner(new ConnectionBanner(client, this))
    , m_startup(new QLabel(this))
    , m_tenants(new TenantsView(client, this))
    , m_plans(new PlansView(client, this))
    , m_dashboard(wrap(new QLabel(this), this))
    , m_audit(new AuditLogView(client, this))
    , m_billing(new BillingView(client, this))
    , m_subscriptionsPage(wrap(new QLabel(this), this))
    , m_detailPage(new QWidget(this))
    , m_connection(new QLabel(this))
    , m_userLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Tenantry"));
    m_navigation->setObjectName(QStringLiteral("navigation"));
    const QStyle *style = this->style();
    const QList<QPair<QString, QStyle::StandardPixmap>> pages{
        {tr("Tenants"), QStyle::SP_DirHomeIcon},
        {tr("Subscriptions"), QStyle::SP_FileDialogDetailedView},
        {tr("Plans & Features"), QStyle::SP_FileDialogListView},
        {tr("Dashboard"), QStyle::SP_ComputerIcon},
        {tr("Audit log"), QStyle::SP_FileDialogContentsView},
        {tr("Billing"), QStyle::SP_DriveNetIcon}};
    for (const auto &[text, icon] : pages)
        new QListWidgetItem(style->standardIcon(icon), text, m_navigation);
    m_navigation->setIconSize(QSize(20, 20));
    m_navigation->setSpacing(2);
    m_navigation->setUniformItemSizes(true);
    m_navigation->setFixedWidth(m_navigation->sizeHintForColumn(0) + 32);
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setEnabled(false);

    m_startup->setObjectName(QStringLiteral("startupMessage"));
    m_startup->setAlignment(Qt::AlignCenter);
    m_startup->setWordWrap(true);
    m_startup->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // The detail page: a back button above the tenant detail view.
    auto *detailLayout = new QVBoxLayout(m_detailPage);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    auto *back = new QToolButton(m_detailPage);
    back->setObjectName(QStringLiteral("backButton"));
    back->setText(tr("Back to tenants"));
    back->setIcon(style->standardIcon(QStyle::SP_ArrowBack));
    back->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    back->setAutoRaise(true);
    detailLayout->addWidget(back, 0, Qt::AlignLeft);
    connect(back, &QToolButton::clicked, this, [this] { showPage(Page::Tenants); });

    m_stack->addWidget(m_tenants);           // Page::Tenants
    m_stack->addWidget(m_subscriptionsPage); // Page::Subscriptions
    m_stack->addWidget(m_plans);             // Page::Plans
    m_stack->addWidget(m_dashboard);         // Page::Dashboard
    m_stack->addWidget(m_audit);             // Page::AuditLog
    m_stack->addWidget(m_billing);           // Page::Billing
    m_stack->addWidget(m_detailPage);        // Page::TenantDetail
    m_stack->addWidget(m_startup);
    m_stack->setCurrentWidget(m_startup);

    auto *central = new QWidget(this);
    auto *columns = new QHBoxLayout;
    columns->setContentsMargins(0, 0, 0, 0);
    columns->addWidget(m_navigation);
    columns->addWidget(m_stack, 1);
    auto *rows = new QVBoxLayout(central);
    rows->setContentsMargins(0, 0, 0, 0);
    rows->addWidget(m_banner);
    rows->addLayout(columns, 1);
    setCentralWidget(central);

    m_connection->setObjectName(QStringLiteral("connectionState"));
    m_userLabel->setObjectName(QStringLiteral("userLabel"));
    statusBar()->addPermanentWidget(m_userLabel);
    statusBar()->addPermanentWidget(m_connection);
    m_connection->setText(tr("Not connected"));

    createActions();
    m_palette = new CommandPalette(client, m_paletteActions, this);

    connect(m_navigation, &QListWidget::currentRowChanged, this, &MainWindow::navigationChanged);
    connect(m_tenants, &TenantsView::tenantActivated, this, &MainWindow::openTenant);
    connect(m_tenants, &TenantsView::errorOccurred, this, &MainWindow::handleError);
    connect(m_tenants, &TenantsView::statusMessage, this, [this](const QString &message) {
        statusBar()->showMessage(message, 8000);
    });
    connect(m_tenants, &TenantsView::tenantChanged, this, [this](const QString &tenantId) {
        if (m_detail && currentPage() == Page::TenantDetail)
            m_detail->showTenant(tenantId);
    });
    connect(m_plans, &PlansView::plansLoaded, m_tenants, &TenantsView::setPlans);
    connect(m_plans, &PlansView::plansLoaded, this, [this] { m_plansLoaded = true; });
    connect(m_plans, &PlansView::errorOccurred, this, &MainWindow::handleError);
    connect(m_audit, &AuditLogView::errorOccurred, this, &MainWindow::handleError);
    connect(m_audit, &AuditLogView::tenantActivated, this, &MainWindow::openTenant);
    connect(m_billing, &BillingView::errorOccurred, this, &MainWindow::handleError);
    connect(m_palette, &CommandPalette::tenantChosen, this, &MainWindow::openTenant);
    connect(m_banner, &ConnectionBanner::reconnected, this, [this](const User &me) {
        setUser(me);
        retryAfterReconnect();
    });
    connect(client, &ApiClient::sessionRejected, this, &MainWindow::sessionRejected);
    resize(1200, 760);
}

void MainWindow::createActions()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QMenu *goMenu = menuBar()->addMenu(tr("&Go"));
    const QStringList names{tr("Go to Tenants"),
                            tr("Go to Subscriptions"),
                            tr("Go to Plans & Features"),
                            tr("Go to Dashboard"),
                            tr("Go to Audit log"),
                            tr("Go to Billing")};
    for (int i = 0; i < navigationPages; ++i) {
        // "&&": the ampersand of "Plans & Features" is text, not a mnemonic.
        QString text = names.at(i);
        text.replace(QLatin1Char('&'), QStringLiteral("&&"));
        QAction *action = goMenu->addAction(text, this, [this, i] {
            showPage(static_cast<Page>(i));
        });
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
        m_paletteActions.append(action);
    }
    goMenu->addSeparator();
    QAction *palette = goMenu->addAction(tr("Command palette\u2026"),
                                         this,
                                         &MainWindow::openPalette);
    palette->setObjectName(QStringLiteral("paletteAction"));
    palette->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    QAction *find = goMenu->addAction(tr("Find tenant"), this, [this] {
        showPage(Page::Tenants);
        m_tenants->focusSearch();
    });
    find->setShortcut(QKeySequence::Find);
    m_paletteActions.append(find);

    QAction *refresh = fileMenu->addAction(tr("Refresh"), this, [this] {
        switch (currentPage()) {
        case Page::Tenants:
            m_tenants->reload();
            break;
        case Page::Plans:
            m_plans->reload();
            break;
        case Page::AuditLog:
            m_audit->reload();
            break;
        case Page::Billing:
            m_billing->reload();
            break;
        case Page::Dashboard:
            if (m_dashboardView)
                m_dashboardView->sync();
            break;
        default:
            break;
        }
    });
    refresh->setObjectName(QStringLiteral("refreshAction"));
    refresh->setShortcut(QKeySequence::Refresh);
    m_paletteActions.append(refresh);
    m_exportAction = fileMenu->addAction(tr("Export tenants to CSV\u2026"), this, [this] {
        showPage(Page::Tenants);
        m_tenants->exportCsv();
    });
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_paletteActions.append(m_exportAction);
    QAction *signInAgain = fileMenu->addAction(tr("Sign in again\u2026"), this, [this] {
        requestSignIn();
    });
    m_paletteActions.append(signInAgain);
    m_signOutAction = fileMenu->addAction(tr("Sign out"), this, &MainWindow::signOut);
    m_signOutAction->setObjectName(QStringLiteral("signOutAction"));
    m_paletteActions.append(m_signOutAction);
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
    m_paletteActions.append(quit);
    for (QAction *action : std::as_const(m_paletteActions))
        action->setEnabled(false);
    quit->setEnabled(true);
    signInAgain->setEnabled(true);
}

void MainWindow::setStartupMessage(const QString &message)
{
    m_startup->setText(message);
    if (!hasSession())
        m_stack->setCurrentWidget(m_startup);
}

void MainWindow::startSession()
{
    m_connection->setText(tr("Connecting to %1\u2026").arg(m_client->baseUrl().host()));
    auto *job = new GetMeJob(m_client, this);
    connect(job, &ApiJob::finished, this, [this, job] {
        if (job->hasError()) {
            handleError(*job->error());
            Q_EMIT sessionFailed(*job->error());
            return;
        }
        setUser(job->user());
    });
    job->start();
}

void MainWindow::setUser(const User &user)
{
    const bool first = !hasSession();
    const bool otherUser = user.id != m_user.id;
    m_user = user;
    m_permissions = Permissions(QString::fromStdString(user.role));
    m_connection->setText(tr("Connected to %1").arg(m_client->baseUrl().toDisplayString()));
    m_userLabel->setText(tr("%1 \u00b7 %2")
                             .arg(QString::fromStdString(user.email),
                                  DisplayText::role(QString::fromStdString(user.role))));
    m_tenants->setPermissions(m_permissions);
    m_plans->setPermissions(m_permissions);
    if (otherUser) {
        // These pages take the user at construction: a new user gets new pages.
        auto *subscriptions = new SubscriptionsView(m_client, user, m_subscriptionsPage);
        replaceChild(m_subscriptionsPage,
                     m_subscriptions ? static_cast<QWidget *>(m_subscriptions)
                                     : m_subscriptionsPage->findChild<QLabel *>(),
                     subscriptions);
        m_subscriptions = subscriptions;
        connect(subscriptions, &SubscriptionsView::tenantActivated, this, &MainWindow::openTenant);
        connect(subscriptions, &SubscriptionsView::errorOccurred, this, &MainWindow::handleError);
        auto *detail = new TenantDetailView(m_client, user, m_detailPage);
        replaceChild(m_detailPage, m_detail, detail);
        m_detail = detail;
        connect(detail, &TenantDetailView::tenantChanged, m_tenants, &TenantsView::refreshTenant);
        connect(detail, &TenantDetailView::errorOccurred, this, &MainWindow::handleError);
        // The dashboard's cache belongs to the server; a new user may mean another server.
        QString cachePath = MetricsCache::defaultPath(m_client->baseUrl());
        if (!m_metricsCacheFolder.isEmpty()) {
            cachePath = m_metricsCacheFolder + QLatin1Char('/') + QFileInfo(cachePath).fileName();
        }
        auto *dashboard = new DashboardView(m_client, cachePath, m_dashboard);
        replaceChild(m_dashboard,
                     m_dashboardView ? static_cast<QWidget *>(m_dashboardView)
                                     : m_dashboard->findChild<QLabel *>(),
                     dashboard);
        m_dashboardView = dashboard;
        connect(dashboard, &DashboardView::errorOccurred, this, &MainWindow::handleError);
        connect(dashboard,
                &DashboardView::exported,
                this,
                [this](const QString &fileName, const QString &error) {
                    statusBar()->showMessage(error.isEmpty() ? tr("Exported to %1").arg(fileName)
                                                             : error,
                                             8000);
                });
    }
    // The dashboard needs metrics.read (its feeds): say so instead of showing a 403.
    const bool canReadMetrics = m_permissions.has(QStringLiteral("metrics.read"));
    QListWidgetItem *dashboardItem = m_navigation->item(static_cast<int>(Page::Dashboard));
    dashboardItem->setFlags(canReadMetrics ? dashboardItem->flags() | Qt::ItemIsEnabled
                                           : dashboardItem->flags() & ~Qt::ItemIsEnabled);
    dashboardItem->setToolTip(m_permissions.denialReason(QStringLiteral("metrics.read")));
    // The audit log needs audit.read: say so instead of showing a 403.
    const bool canAudit = m_permissions.has(QStringLiteral("audit.read"));
    QListWidgetItem *auditItem = m_navigation->item(static_cast<int>(Page::AuditLog));
    auditItem->setFlags(canAudit ? auditItem->flags() | Qt::ItemIsEnabled
                                 : auditItem->flags() & ~Qt::ItemIsEnabled);
    auditItem->setToolTip(m_permissions.denialReason(QStringLiteral("audit.read")));
    // Billing needs billing.read (its actions billing.write: the page says so per button).
    const bool canBilling = m_permissions.has(QStringLiteral("billing.read"));
    QListWidgetItem *billingItem = m_navigation->item(static_cast<int>(Page::Billing));
    billingItem->setFlags(canBilling ? billingItem->flags() | Qt::ItemIsEnabled
                                     : billingItem->flags() & ~Qt::ItemIsEnabled);
    billingItem->setToolTip(m_permissions.denialReason(QStringLiteral("billing.read")));
    m_billing->setPermissions(m_permissions);
    m_navigation->setEnabled(true);
    for (QAction *action : std::as_const(m_paletteActions))
        action->setEnabled(true);
    m_paletteActions.at(static_cast<int>(Page::AuditLog))->setEnabled(canAudit);
    m_paletteActions.at(static_cast<int>(Page::Billing))->setEnabled(canBilling);
    m_paletteActions.at(static_cast<int>(Page::Dashboard))->setEnabled(canReadMetrics);
    if (first) {
        m_plans->reload();
        m_tenants->reload();
        if (canAudit)
            m_audit->reload();
        showPage(Page::Tenants);
    }
    Q_EMIT sessionStarted(user);
}

void MainWindow::showPage(Page page)
{
    if (!hasSession())
        return;
    if (page == Page::Billing) {
        if (!m_permissions.has(QStringLiteral("billing.read")))
            return;
        if (!m_billing->hasLoaded())
            m_billing->reload(); // on first sight: nothing is asked of billing before
    }
    m_stack->setCurrentWidget(pageWidget(page));
    if (page != Page::TenantDetail) {
        const QSignalBlocker blocker(m_navigation);
        m_navigation->setCurrentRow(static_cast<int>(page));
    }
    if (page == Page::Tenants)
        m_tenants->table()->setFocus();
}

QWidget *MainWindow::pageWidget(Page page) const
{
    return m_stack->widget(static_cast<int>(page));
}

MainWindow::Page MainWindow::currentPage() const
{
    const int index = m_stack->currentIndex();
    return index >= 0 && index <= static_cast<int>(Page::TenantDetail) ? static_cast<Page>(index)
                                                                       : Page::Tenants;
}

void MainWindow::navigationChanged(int row)
{
    if (row >= 0 && row < navigationPages)
        showPage(static_cast<Page>(row));
}

void MainWindow::openTenant(const QString &tenantId)
{
    if (!m_detail || tenantId.isEmpty())
        return;
    m_detail->showTenant(tenantId);
    showPage(Page::TenantDetail);
}

void MainWindow::openPalette()
{
    if (hasSession())
        m_palette->popup();
}

void MainWindow::handleError(const ApiError &error)
{
    switch (error.kind()) {
    case ApiError::Kind::Unauthorized:
        return; // sessionRejected() asks to sign in again
    case ApiError::Kind::Network:
    case ApiError::Kind::Timeout:
        m_connection->setText(tr("Offline"));
        m_banner->reportUnreachable(error);
        return;
    default:
        if (error.httpStatus() == 503) {
            m_banner->reportUnreachable(error);
            return;
        }
        statusBar()->showMessage(DisplayText::error(error).replace(QLatin1Char('\n'),
                                                                   QStringLiteral(" \u2014 ")),
                                 15000);
    }
}

void MainWindow::sessionRejected(const ApiError &error)
{
    Q_UNUSED(error)
    if (m_signIn || m_signingOut)
        return;
    m_client->clearToken();
    requestSignIn(tr("Your session has ended. Sign in again to continue where you were."));
}

void MainWindow::showKeychainProblem(const QString &message)
{
    statusBar()->showMessage(message, 20000);
}

void MainWindow::signOut()
{
    if (!m_client->hasToken())
        return;
    m_signOutAction->setEnabled(false);
    m_signingOut = true;
    statusBar()->showMessage(tr("Signing out\u2026"));
    auto *job = new SignOutJob(m_client, this);
    connect(job, &ApiJob::finished, this, [this, job] {
        m_signOutAction->setEnabled(true);
        m_signingOut = false;
        // 401: the session had ended already. Anything else (offline, 5xx) leaves the session
        // alive on the server, so the token is kept and the user can try again.
        if (job->hasError() && job->error()->kind() != ApiError::Kind::Unauthorized) {
            handleError(*job->error());
            return;
        }
        statusBar()->clearMessage();
        m_client->clearToken();
        Q_EMIT signedOut();
        requestSignIn(tr("You have signed out."));
    });
    job->start();
}

SignInDialog *MainWindow::requestSignIn(const QString &reason)
{
    if (m_signIn)
        return m_signIn;
    auto *dialog = new SignInDialog(m_client, this);
    m_signIn = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setReason(reason);
    dialog->setServer(m_client->baseUrl(), QString::fromStdString(m_user.email));
    connect(dialog, &SignInDialog::signedIn, this, [this](const Session &session) {
        Q_EMIT signedIn(session);
        if (hasSession()) {
            setUser(session.user);
            retryAfterReconnect();
        } else {
            startSession();
        }
    });
    dialog->open();
    return dialog;
}

void MainWindow::retryAfterReconnect()
{
    m_connection->setText(tr("Connected to %1").arg(m_client->baseUrl().toDisplayString()));
    m_tenants->retry();
    m_audit->retry();
    m_billing->retry();
    if (!m_plansLoaded)
        m_plans->reload();
}

} // namespace Tenantry
