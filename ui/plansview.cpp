#include "ui/plansview.h"

#include "client/listfeaturesjob.h"
#include "client/listplansjob.h"
#include "ui/featuretablemodel.h"
#include "ui/plantablemodel.h"

#include <QHeaderView>
#include <QLabel>
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
    auto *plansTitle = new QLabel(tr("<b>Plans</b>"), plansBox);
    plansLayout->addWidget(plansTitle);
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
