#include "ui/subscriptionsview.h"

#include "client/gettenantjob.h"
#include "client/listplansjob.h"
#include "ui/displayformat.h"
#include "ui/errortext.h"
#include "ui/subscriptiontablemodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace Tenantry {

SubscriptionsView::SubscriptionsView(ApiClient *client, const User &me, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_me(me)
{
    setObjectName(QStringLiteral("subscriptionsView"));
    auto *layout = new QVBoxLayout(this);

    auto *filters = new QHBoxLayout;
    m_statusFilter = new QComboBox(this);
    m_statusFilter->setObjectName(QStringLiteral("statusFilter"));
    m_statusFilter->addItem(tr("Any status"), QString());
    for (const SubscriptionStatus status : {SubscriptionStatus::Active,
                                            SubscriptionStatus::Trialing,
                                            SubscriptionStatus::PastDue,
                                            SubscriptionStatus::Unpaid,
                                            SubscriptionStatus::Paused,
                                            SubscriptionStatus::Incomplete,
                                            SubscriptionStatus::IncompleteExpired,
                                            SubscriptionStatus::Canceled}) {
        const std::string_view key = toString(status);
        m_statusFilter->addItem(DisplayFormat::status(status),
                                QString::fromLatin1(key.data(), static_cast<qsizetype>(key.size())));
    }
    m_planFilter = new QComboBox(this);
    m_planFilter->setObjectName(QStringLiteral("planFilter"));
    m_planFilter->addItem(tr("Any plan"), QString());
    m_renewsBeforeCheck = new QCheckBox(tr("Period ends before"), this);
    m_renewsBeforeCheck->setObjectName(QStringLiteral("renewsBeforeCheck"));
    m_renewsBefore = new QDateEdit(QDate::currentDate().addDays(30), this);
    m_renewsBefore->setObjectName(QStringLiteral("renewsBeforeEdit"));
    m_renewsBefore->setCalendarPopup(true);
    m_renewsBefore->setEnabled(false);
    filters->addWidget(new QLabel(tr("Status:"), this));
    filters->addWidget(m_statusFilter);
    filters->addWidget(new QLabel(tr("Plan:"), this));
    filters->addWidget(m_planFilter);
    filters->addWidget(m_renewsBeforeCheck);
    filters->addWidget(m_renewsBefore);
    filters->addStretch(1);
    layout->addLayout(filters);

    m_model = new SubscriptionTableModel(m_client, this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("subscriptionsTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->resizeSection(SubscriptionTableModel::TenantColumn, 220);
    m_table->horizontalHeader()->resizeSection(SubscriptionTableModel::PlanColumn, 130);
    m_table->horizontalHeader()->resizeSection(SubscriptionTableModel::StatusColumn, 190);
    m_table->setToolTip(tr("Press Enter or double-click to open the tenant."));
    layout->addWidget(m_table, 1);

    auto *statusRow = new QHBoxLayout;
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_retry = new QPushButton(tr("Retry"), this);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_retry->hide();
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_retry);
    layout->addLayout(statusRow);

    // Enter and double-click (the style's activation) open the tenant.
    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const QString tenantId = index.data(SubscriptionTableModel::TenantIdRole).toString();
        if (!tenantId.isEmpty())
            Q_EMIT tenantActivated(tenantId);
    });
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, &SubscriptionsView::applyFilters);
    connect(m_planFilter, &QComboBox::currentIndexChanged, this, &SubscriptionsView::applyFilters);
    connect(m_renewsBeforeCheck, &QCheckBox::toggled, m_renewsBefore, &QWidget::setEnabled);
    connect(m_renewsBeforeCheck, &QCheckBox::toggled, this, &SubscriptionsView::applyFilters);
    connect(m_renewsBefore, &QDateEdit::dateChanged, this, [this] {
        if (m_renewsBeforeCheck->isChecked())
            applyFilters();
    });
    connect(m_retry, &QPushButton::clicked, m_model, &SubscriptionTableModel::retry);
    connect(m_model,
            &SubscriptionTableModel::loadingChanged,
            this,
            &SubscriptionsView::updateStatus);
    connect(m_model, &SubscriptionTableModel::pageLoaded, this, [this] {
        updateStatus();
        // A first page shorter than the viewport never scrolls: keep filling it.
        if (m_model->canFetchMore({}) && m_table->verticalScrollBar()->maximum() == 0)
            m_model->fetchMore({});
    });
    connect(m_model, &SubscriptionTableModel::errorOccurred, this, [this](const ApiError &error) {
        updateStatus();
        Q_EMIT errorOccurred(error);
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &SubscriptionsView::updateStatus);
    connect(m_model,
            &QAbstractItemModel::rowsInserted,
            this,
            [this](const QModelIndex &, int first, int last) { resolveTenantNames(first, last); });

    loadPlans();
    applyFilters();
}

void SubscriptionsView::loadPlans()
{
    auto *job = new ListPlansJob(m_client, 100, {}, this);
    connect(job, &ApiJob::finished, this, [this, job] {
        if (job->hasError()) {
            Q_EMIT errorOccurred(*job->error());
            return;
        }
        m_plans = job->page().data;
        std::sort(m_plans.begin(), m_plans.end(), [](const Plan &a, const Plan &b) {
            return a.name == b.name ? a.price.amount() < b.price.amount() : a.name < b.name;
        });
        m_model->setPlans(m_plans);
        const QSignalBlocker blocker(m_planFilter);
        for (const Plan &plan : m_plans) {
            const std::string_view code = plan.price.currency().code();
            m_planFilter->addItem(tr("%1 (%2, %3)")
                                      .arg(QString::fromStdString(plan.name),
                                           QString::fromLatin1(code.data(),
                                                               static_cast<qsizetype>(code.size()))
                                               .toUpper(),
                                           plan.interval == BillingInterval::Month ? tr("monthly")
                                                                                   : tr("yearly")),
                                  QString::fromStdString(plan.id));
        }
    });
    job->start();
}

void SubscriptionsView::resolveTenantNames(int first, int last)
{
    // Subscriptions name their tenant by id; the names come one tenant at a time, once per
    // tenant (reads are retried when the server asks to slow down).
    for (int row = first; row <= last; ++row) {
        const Subscription *subscription = m_model->subscription(row);
        if (!subscription || !m_namesAsked.insert(subscription->tenantId).second)
            continue;
        auto *job = new GetTenantJob(m_client, QString::fromStdString(subscription->tenantId), this);
        connect(job, &ApiJob::finished, this, [this, job] {
            if (job->hasError()) {
                m_namesAsked.erase(job->path().section(QLatin1Char('/'), -1).toStdString());
                return; // the id stays in the cell; its tooltip says so
            }
            m_model->setTenantName(job->tenant().id, QString::fromStdString(job->tenant().name));
        });
        job->start();
    }
}

void SubscriptionsView::applyFilters()
{
    SubscriptionQuery query;
    query.limit = m_model->query().limit;
    const QString status = m_statusFilter->currentData().toString();
    if (!status.isEmpty())
        query.status = subscriptionStatusFromString(status.toStdString());
    query.planId = m_planFilter->currentData().toString();
    if (m_renewsBeforeCheck->isChecked()) {
        const QDateTime end = m_renewsBefore->date().startOfDay();
        query.renewsBefore = DisplayFormat::fromDateTime(end);
    }
    m_model->setQuery(query);
    // The view asks for the first page itself (canFetchMore) once it lays out; make sure it
    // does even when hidden.
    if (m_model->canFetchMore({}))
        m_model->fetchMore({});
}

void SubscriptionsView::updateStatus()
{
    if (const std::optional<ApiError> &error = m_model->lastError()) {
        m_status->setText(ErrorText::html(tr("The subscriptions could not be loaded."), *error));
        m_retry->show();
        return;
    }
    m_retry->hide();
    const int rows = m_model->rowCount();
    if (m_model->isLoading())
        m_status->setText(rows == 0 ? tr("Loading\u2026")
                                    : tr("%n subscription(s) shown; loading more\u2026", "", rows));
    else if (m_model->hasMore())
        m_status->setText(tr("%n subscription(s) shown; scroll down for more.", "", rows));
    else
        m_status->setText(tr("%n subscription(s): all shown.", "", rows));
}

} // namespace Tenantry
