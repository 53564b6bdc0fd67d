#include "ui/plansview.h"

#include "client/listfeaturesjob.h"
#include "client/listplansjob.h"
#include "ui/featuretablemodel.h"
#include "ui/plandialog.h"
#include "ui/plantablemodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace Tenantry {

namespace {

QTableView *makeTable(QAbstractItemModel *model, int sortRole, QWidget *parent)
{
    auto *proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(model);
    proxy->setSortRole(sortRole);
    auto *table = new QTableView(parent);
    table->setModel(proxy);
    table->setSortingEnabled(true);
    table->sortByColumn(-1, Qt::AscendingOrder);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

} // namespace

PlansView::PlansView(ApiClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_plans(new PlanTableModel(this))
    , m_features(new FeatureTableModel(this))
    , m_planTable(makeTable(m_plans, PlanTableModel::SortRole, this))
    , m_featureTable(makeTable(m_features, Qt::DisplayRole, this))
    , m_status(new QLabel(this))
    , m_newPlan(new QPushButton(tr("New plan\u2026"), this))
    , m_editPlan(new QPushButton(tr("Edit plan\u2026"), this))
{
    setObjectName(QStringLiteral("plansView"));
    m_planTable->setObjectName(QStringLiteral("planTable"));
    m_featureTable->setObjectName(QStringLiteral("featureTable"));
    m_status->setObjectName(QStringLiteral("plansStatus"));
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    m_planTable->setColumnWidth(PlanTableModel::Name, 12 * em);
    m_planTable->setColumnWidth(PlanTableModel::Key, 10 * em);
    m_planTable->setColumnWidth(PlanTableModel::Price, 9 * em);
    m_featureTable->setColumnWidth(FeatureTableModel::Name, 12 * em);
    m_featureTable->setColumnWidth(FeatureTableModel::Key, 10 * em);
    m_featureTable->setColumnWidth(FeatureTableModel::Description, 34 * em);

    auto *plansBox = new QWidget(this);
    auto *plansLayout = new QVBoxLayout(plansBox);
    plansLayout->setContentsMargins(0, 0, 0, 0);
    m_newPlan->setObjectName(QStringLiteral("newPlanButton"));
    m_editPlan->setObjectName(QStringLiteral("editPlanButton"));
    auto *plansHeader = new QHBoxLayout;
    plansHeader->addWidget(new QLabel(tr("<b>Plans</b>"), plansBox), 1);
    plansHeader->addWidget(m_newPlan);
    plansHeader->addWidget(m_editPlan);
    plansLayout->addLayout(plansHeader);
    plansLayout->addWidget(m_planTable);
    auto *featuresBox = new QWidget(this);
    auto *featuresLayout = new QVBoxLayout(featuresBox);
    featuresLayout->setContentsMargins(0, 0, 0, 0);
    featuresLayout->addWidget(new QLabel(tr("<b>Features</b>"), featuresBox));
    featuresLayout->addWidget(m_featureTable);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(plansBox);
    splitter->addWidget(featuresBox);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(splitter, 1);

    connect(m_newPlan, &QPushButton::clicked, this, &PlansView::newPlan);
    connect(m_editPlan, &QPushButton::clicked, this, &PlansView::editSelectedPlan);
    connect(m_planTable, &QTableView::doubleClicked, this, [this] { editSelectedPlan(); });
    connect(m_planTable->selectionModel(),
            &QItemSelectionModel::selectionChanged,
            this,
            &PlansView::updateButtons);
    updateButtons();
}

void PlansView::setPermissions(const Permissions &permissions)
{
    m_permissions = permissions;
    updateButtons();
}

void PlansView::updateButtons()
{
    const QString permission = QStringLiteral("plans.write");
    const bool allowed = m_permissions.has(permission);
    const QString denial = m_permissions.denialReason(permission);
    m_newPlan->setEnabled(allowed);
    m_newPlan->setToolTip(allowed ? tr("Create a plan") : denial);
    const bool selected = m_planTable->selectionModel()->hasSelection();
    m_editPlan->setEnabled(allowed && selected);
    m_editPlan->setToolTip(!allowed   ? denial
                           : selected ? tr("Edit the selected plan")
                                      : tr("Select a plan to edit it"));
}

PlanDialog *PlansView::newPlan()
{
    if (!m_permissions.has(QStringLiteral("plans.write")))
        return nullptr;
    return openDialog(std::nullopt);
}

PlanDialog *PlansView::editSelectedPlan()
{
    if (!m_permissions.has(QStringLiteral("plans.write")))
        return nullptr;
    const QModelIndexList rows = m_planTable->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return nullptr;
    const auto *proxy = static_cast<const QSortFilterProxyModel *>(m_planTable->model());
    const int row = proxy->mapToSource(rows.first()).row();
    if (row < 0 || row >= static_cast<int>(m_plans->plans().size()))
        return nullptr;
    return openDialog(m_plans->plans()[static_cast<std::size_t>(row)]);
}

PlanDialog *PlansView::openDialog(const std::optional<Plan> &plan)
{
    auto *dialog = new PlanDialog(m_client, m_features->features(), plan, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &PlanDialog::planSaved, this, &PlansView::reload);
    dialog->open();
    return dialog;
}

void PlansView::reload()
{
    ++m_generation;
    m_loadingPlans.clear();
    m_loadingFeatures.clear();
    m_status->setText(tr("Loading plans and features\u2026"));
    fetchPlans({});
    fetchFeatures({});
}

void PlansView::fetchPlans(const QString &cursor)
{
    auto *job = new ListPlansJob(m_client, 100, cursor, this);
    const int generation = m_generation;
    connect(job, &ApiJob::finished, this, [this, job, generation] {
        if (generation != m_generation)
            return;
        if (job->hasError()) {
            fail(*job->error());
            return;
        }
        const ListPage<Plan> &page = job->page();
        m_loadingPlans.insert(m_loadingPlans.end(), page.data.begin(), page.data.end());
        if (page.hasMore && !page.nextCursor.empty())
            fetchPlans(QString::fromStdString(page.nextCursor));
        else
            finishPlans();
    });
    job->start();
}

void PlansView::finishPlans()
{
    QList<QPair<QString, QString>> names;
    for (const Plan &plan : m_loadingPlans)
        names.append({QString::fromStdString(plan.id), QString::fromStdString(plan.name)});
    m_features->setPlans(m_loadingPlans);
    m_plans->setPlans(std::move(m_loadingPlans));
    m_loadingPlans.clear();
    m_status->setText(tr("%Ln plan(s)", nullptr, m_plans->rowCount()));
    Q_EMIT plansLoaded(names);
}

void PlansView::fetchFeatures(const QString &cursor)
{
    auto *job = new ListFeaturesJob(m_client, 100, cursor, this);
    const int generation = m_generation;
    connect(job, &ApiJob::finished, this, [this, job, generation] {
        if (generation != m_generation)
            return;
        if (job->hasError()) {
            fail(*job->error());
            return;
        }
        const ListPage<Feature> &page = job->page();
        m_loadingFeatures.insert(m_loadingFeatures.end(), page.data.begin(), page.data.end());
        if (page.hasMore && !page.nextCursor.empty()) {
            fetchFeatures(QString::fromStdString(page.nextCursor));
        } else {
            m_features->setFeatures(std::move(m_loadingFeatures));
            m_loadingFeatures.clear();
        }
    });
    job->start();
}

void PlansView::fail(const ApiError &error)
{
    m_status->setText(error.message());
    Q_EMIT errorOccurred(error);
}

} // namespace Tenantry
