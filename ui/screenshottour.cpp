#include "ui/screenshottour.h"

#include "ui/auditeventtablemodel.h"
#include "ui/auditlogview.h"
#include "ui/billingview.h"
#include "ui/commandpalette.h"
#include "ui/commandpalettemodel.h"
#include "ui/dashboardview.h"
#include "ui/featuretablemodel.h"
#include "ui/mainwindow.h"
#include "ui/plandialog.h"
#include "ui/plansview.h"
#include "ui/plantablemodel.h"
#include "ui/signindialog.h"
#include "ui/subscriptionsview.h"
#include "ui/tenantdetailview.h"
#include "ui/tenantsview.h"
#include "ui/tenanttablemodel.h"
#include "ui/webhookeventtablemodel.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPixmap>
#include <QScrollArea>
#include <QScrollBar>
#include <QTableView>

namespace Tenantry {

namespace {

constexpr int pollMs = 100;
constexpr int maxPolls = 300;  // 30 s a step
constexpr int settlePolls = 5; // let the view lay out and paint after the data came

} // namespace

ScreenshotTour::ScreenshotTour(MainWindow *window, const QString &directory, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_directory(directory)
{
    m_timer.setInterval(pollMs);
    connect(&m_timer, &QTimer::timeout, this, &ScreenshotTour::poll);
    const auto grabWindow = [this] { return this->grabWindow(); };
    m_steps.push_back({QStringLiteral("tenants.png"),
                       [this] {
                           m_window->showPage(MainWindow::Page::Tenants);
                           m_window->tenantsView()->table()->selectRow(2);
                       },
                       [this] {
                           const TenantTableModel *model = m_window->tenantsView()->model();
                           return model->rowCount() > 0 && !model->isLoading();
                       },
                       grabWindow});
    m_steps.push_back(
        {QStringLiteral("tenant.png"),
         [this] {
             // A paying tenant: the first listed one on a plan with a price.
             const TenantTableModel *model = m_window->tenantsView()->model();
             for (int row = 0; row < model->rowCount(); ++row) {
                 const Tenant *tenant = model->tenantAt(row);
                 const QString plan = model->index(row, TenantTableModel::Plan).data().toString();
                 if (tenant && tenant->planId && !plan.isEmpty() && plan != QStringLiteral("Free")) {
                     m_window->openTenant(QString::fromStdString(tenant->id));
                     return;
                 }
             }
         },
         [this] {
             auto *name = m_window->tenantDetailView()->findChild<QLabel *>(
                 QStringLiteral("tenantNameLabel"));
             auto *badge = m_window->tenantDetailView()->findChild<QWidget *>(
                 QStringLiteral("subscriptionStatusBadge"));
             return name && !name->text().isEmpty() && badge && badge->isVisible();
         },
         grabWindow});
    m_steps.push_back({QStringLiteral("subscriptions.png"),
                       [this] { m_window->showPage(MainWindow::Page::Subscriptions); },
                       [this] {
                           auto *table = m_window->subscriptionsView()->findChild<QTableView *>();
                           return table && table->model() && table->model()->rowCount() > 0;
                       },
                       grabWindow});
    m_steps.push_back({QStringLiteral("plans.png"),
                       [this] { m_window->showPage(MainWindow::Page::Plans); },
                       [this] {
                           return m_window->plansView()->planModel()->rowCount() > 0
                                  && m_window->plansView()->featureModel()->rowCount() > 0;
                       },
                       grabWindow});
    // The plan editor on the first plan (the demo signs in as an admin).
    m_steps.push_back({QStringLiteral("plan-editor.png"),
                       [this] {
                           auto *table = m_window->plansView()->findChild<QTableView *>(
                               QStringLiteral("planTable"));
                           table->selectRow(0);
                           m_planDialog = m_window->plansView()->editSelectedPlan();
                       },
                       [this] { return m_planDialog && m_planDialog->isVisible(); },
                       [this] {
                           QPixmap pixmap = m_planDialog->grab();
                           m_planDialog->close();
                           return pixmap;
                       }});
    m_steps.push_back({QStringLiteral("audit-log.png"),
                       [this] { m_window->showPage(MainWindow::Page::AuditLog); },
                       [this] { return m_window->auditLogView()->model()->rowCount() > 0; },
                       grabWindow});
    m_steps.push_back({QStringLiteral("dashboard.png"),
                       [this] { m_window->showPage(MainWindow::Page::Dashboard); },
                       [this] {
                           const DashboardView *dashboard = m_window->dashboardView();
                           return dashboard && dashboard->isReady() && !dashboard->isSyncing()
                                  && !dashboard->report().isEmpty();
                       },
                       grabWindow});
    // The dashboard scrolled down: the trend charts, then the cohort heat map.
    const auto scrollDashboard = [this](const QString &to) {
        auto *scroll = m_window->dashboardView()->findChild<QScrollArea *>();
        auto *target = to.isEmpty() ? nullptr : m_window->dashboardView()->findChild<QWidget *>(to);
        if (!scroll)
            return;
        scroll->verticalScrollBar()->setValue(target ? target->y() - 8
                                                     : scroll->verticalScrollBar()->maximum());
    };
    m_steps.push_back({QStringLiteral("dashboard-trends.png"),
                       [scrollDashboard] { scrollDashboard(QStringLiteral("customersChart")); },
                       [] { return true; },
                       grabWindow});
    m_steps.push_back({QStringLiteral("dashboard-cohorts.png"),
                       [scrollDashboard] { scrollDashboard(QString()); },
                       [] { return true; },
                       [this, grabWindow] {
                           QPixmap pixmap = grabWindow();
                           auto *scroll = m_window->dashboardView()->findChild<QScrollArea *>();
                           if (scroll)
                               scroll->verticalScrollBar()->setValue(0);
                           return pixmap;
                       }});
    // By quarter, for one plan (the first the cache lists); months and all plans again after.
    m_steps.push_back(
        {QStringLiteral("dashboard-quarters.png"),
         [this] {
             DashboardView *dashboard = m_window->dashboardView();
             dashboard->setInterval(Interval::Quarter);
             auto *plans = dashboard->findChild<QComboBox *>(QStringLiteral("plan"));
             if (plans && plans->count() > 1)
                 dashboard->setPlanFilter(plans->itemData(1).toString().toStdString());
         },
         [this] {
             const DashboardView *dashboard = m_window->dashboardView();
             return dashboard->isReady() && dashboard->interval() == Interval::Quarter;
         },
         [this, grabWindow] {
             QPixmap pixmap = grabWindow();
             DashboardView *dashboard = m_window->dashboardView();
             dashboard->setInterval(Interval::Month);
             dashboard->setPlanFilter(std::nullopt);
             return pixmap;
         }});
    // Billing after the dashboard (it moves the simulator's clock): a day of renewals through
    // the webhook inbox, and a reconciliation's report.
    m_steps.push_back(
        {QStringLiteral("billing.png"),
         [this] {
             m_billingStarted = false;
             m_billingRefreshes = 0;
             m_billingReconciled = false;
             m_window->showPage(MainWindow::Page::Billing);
         },
         [this] {
             BillingView *billing = m_window->billingView();
             if (!billing->hasLoaded() || billing->isBusy())
                 return false;
             if (!m_billingStarted) {
                 m_billingStarted = true;
                 billing->advanceBy(std::int64_t{24} * 60 * 60);
                 return false;
             }
             // The inbox once the worker has applied the day's events (it works
             // behind the advance's answer), then a reconciliation against it.
             const WebhookEventTableModel *events = billing->eventModel();
             bool pending = m_billingRefreshes == 0;
             for (int row = 0; row < events->rowCount() && !pending; ++row)
                 pending = events->index(row, 0).data(WebhookEventTableModel::StatusRole).toString()
                           == u"pending";
             if (pending && m_billingRefreshes < 20) {
                 ++m_billingRefreshes;
                 billing->reload();
                 return false;
             }
             if (!m_billingReconciled) {
                 m_billingReconciled = true;
                 billing->runReconciliation();
                 return false;
             }
             return true;
         },
         grabWindow});
    m_steps.push_back(
        {QStringLiteral("palette.png"),
         [this] {
             m_window->showPage(MainWindow::Page::Tenants);
             m_window->openPalette();
             m_window->commandPalette()->input()->setText(QStringLiteral("re"));
         },
         [this] {
             const CommandPaletteModel *model = m_window->commandPalette()->model();
             for (int row = 0; row < model->rowCount(); ++row) {
                 if (!model->index(row).data(CommandPaletteModel::TenantIdRole).toString().isEmpty())
                     return true;
             }
             return false;
         },
         [this] {
             QPixmap pixmap = this->grabWindow();
             CommandPalette *palette = m_window->commandPalette();
             QPainter painter(&pixmap);
             painter.drawPixmap(palette->geometry().topLeft() - m_window->geometry().topLeft(),
                                palette->grab());
             painter.end();
             palette->hide();
             return pixmap;
         }});
    m_steps.push_back({QStringLiteral("sign-in.png"),
                       [this] {
                           SignInDialog *dialog = m_window->requestSignIn();
                           dialog->setServer(QUrl(QStringLiteral("https://tenantry.example.com")),
                                             QStringLiteral("ada@example.com"));
                       },
                       [this] { return m_window->signInDialog() != nullptr; },
                       [this] {
                           SignInDialog *dialog = m_window->signInDialog();
                           QPixmap pixmap = dialog->grab();
                           dialog->close();
                           return pixmap;
                       }});
}

void ScreenshotTour::start()
{
    if (!m_directory.mkpath(QStringLiteral("."))) {
        m_error = tr("The folder %1 cannot be made.").arg(m_directory.path());
        QTimer::singleShot(0, this, &ScreenshotTour::finished);
        return;
    }
    m_window->resize(1280, 800);
    m_timer.start();
}

QPixmap ScreenshotTour::grabWindow() const
{
    return m_window->grab();
}

void ScreenshotTour::poll()
{
    if (m_current >= m_steps.size()) {
        m_timer.stop();
        Q_EMIT finished();
        return;
    }
    if (!m_window->hasSession())
        return;
    Step &step = m_steps[m_current];
    if (!m_prepared) {
        step.prepare();
        m_prepared = true;
        m_polls = 0;
        m_settle = 0;
        return;
    }
    ++m_polls;
    if (!step.isReady() && m_polls < maxPolls)
        return;
    if (++m_settle < settlePolls)
        return;
    const QString path = m_directory.filePath(step.fileName);
    if (!step.grab().save(path))
        m_error = tr("%1 cannot be written.").arg(path);
    ++m_current;
    m_prepared = false;
}

} // namespace Tenantry
