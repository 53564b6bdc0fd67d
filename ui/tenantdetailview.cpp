#include "ui/tenantdetailview.h"

#include "client/addtenantnotejob.h"
#include "client/addtenantuserjob.h"
#include "client/apiclient.h"
#include "client/cancelsubscriptionjob.h"
#include "client/changesubscriptionplanjob.h"
#include "client/clearfeatureoverridejob.h"
#include "client/createsubscriptionjob.h"
#include "client/extendtrialjob.h"
#include "client/getentitlementsjob.h"
#include "client/getmejob.h"
#include "client/gettenantjob.h"
#include "client/jobrecordjob.h"
#include "client/listauditeventsjob.h"
#include "client/listfeatureoverridesjob.h"
#include "client/listfeaturesjob.h"
#include "client/listinvoicesjob.h"
#include "client/listjobsjob.h"
#include "client/listplansjob.h"
#include "client/listsubscriptionsjob.h"
#include "client/listtenantnotesjob.h"
#include "client/listtenantusersjob.h"
#include "client/reactivatetenantjob.h"
#include "client/removetenantuserjob.h"
#include "client/resumesubscriptionjob.h"
#include "client/setfeatureoverridejob.h"
#include "client/suspendtenantjob.h"
#include "client/updatetenantjob.h"
#include "ui/actiondialog.h"
#include "ui/auditeventmodel.h"
#include "ui/displayformat.h"
#include "ui/entitlementmodel.h"
#include "ui/errortext.h"
#include "ui/invoicemodel.h"
#include "ui/notemodel.h"
#include "ui/sectionwidget.h"
#include "ui/statusbadge.h"
#include "ui/tenantconflictdialog.h"
#include "ui/tenantusermodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <chrono>

namespace Tenantry {

namespace {

QString text(const std::string &value)
{
    return QString::fromStdString(value);
}

QString text(std::string_view value)
{
    return QString::fromUtf8(value.data(), static_cast<qsizetype>(value.size()));
}

QString optionalText(const std::optional<std::string> &value, const QString &none)
{
    return value && !value->empty() ? QString::fromStdString(*value) : none;
}

QLabel *valueLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

QPushButton *actionButton(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(objectName);
    return button;
}

StatusBadge::Tone toneOf(TenantStatus status)
{
    switch (status) {
    case TenantStatus::Active:
        return StatusBadge::Tone::Good;
    case TenantStatus::Suspended:
        return StatusBadge::Tone::Warning;
    case TenantStatus::Deleted:
        return StatusBadge::Tone::Bad;
    }
    return StatusBadge::Tone::Neutral;
}

StatusBadge::Tone toneOf(SubscriptionStatus status)
{
    switch (status) {
    case SubscriptionStatus::Active:
        return StatusBadge::Tone::Good;
    case SubscriptionStatus::Trialing:
        return StatusBadge::Tone::Neutral;
    case SubscriptionStatus::PastDue:
    case SubscriptionStatus::Incomplete:
    case SubscriptionStatus::Paused:
        return StatusBadge::Tone::Warning;
    case SubscriptionStatus::Unpaid:
    case SubscriptionStatus::Canceled:
    case SubscriptionStatus::IncompleteExpired:
        return StatusBadge::Tone::Bad;
    }
    return StatusBadge::Tone::Neutral;
}

// How often a running move is polled; the server writes its progress about four times a second.
constexpr int movePollIntervalMs = 500;

bool isMoveTarget(const JobRecord &job, const char *target)
{
    return job.params.value(QLatin1String("target")).toString() == QLatin1String(target);
}

Timestamp now()
{
    return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

} // namespace

TenantDetailView::TenantDetailView(ApiClient *client, const User &me, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_me(me)
{
    setObjectName(QStringLiteral("tenantDetailView"));
    buildUi();
    if (!m_me.hasPermissionList())
        loadMe();
    loadCatalog();
    updateActions();
}

// --- Layout --------------------------------------------------------------------------------

void TenantDetailView::buildUi()
{
    auto *layout = new QVBoxLayout(this);

    auto *header = new QHBoxLayout;
    m_name = new QLabel(tr("No tenant selected"), this);
    m_name->setObjectName(QStringLiteral("tenantNameLabel"));
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = m_name->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_name->setFont(big);
    m_statusBadge = new StatusBadge(this);
    m_statusBadge->setObjectName(QStringLiteral("tenantStatusBadge"));
    m_headerDetail = valueLabel(QStringLiteral("tenantIdLabel"), this);
    m_headerDetail->setWordWrap(false);
    m_headerDetail->setEnabled(false);
    header->addWidget(m_name);
    header->addWidget(m_statusBadge);
    header->addWidget(m_headerDetail);
    header->addStretch(1);
    m_editButton = actionButton(tr("Edit\u2026"), QStringLiteral("editTenantButton"), this);
    m_suspendButton = actionButton(tr("Suspend\u2026"), QStringLiteral("suspendButton"), this);
    m_reactivateButton = actionButton(tr("Reactivate\u2026"),
                                      QStringLiteral("reactivateButton"),
                                      this);
    m_moveButton = actionButton(tr("Move to silo\u2026"), QStringLiteral("moveTenantButton"), this);
    m_addNoteButton = actionButton(tr("Add note\u2026"), QStringLiteral("addNoteButton"), this);
    m_refreshButton = actionButton(tr("Refresh"), QStringLiteral("refreshButton"), this);
    for (QPushButton *button : {m_editButton,
                                m_suspendButton,
                                m_reactivateButton,
                                m_moveButton,
                                m_addNoteButton,
                                m_refreshButton})
        header->addWidget(button);
    layout->addLayout(header);

    m_movePanel = new QWidget(this);
    m_movePanel->setObjectName(QStringLiteral("movePanel"));
    auto *moveLayout = new QHBoxLayout(m_movePanel);
    moveLayout->setContentsMargins(0, 0, 0, 0);
    m_moveStatus = valueLabel(QStringLiteral("moveStatusLabel"), m_movePanel);
    m_moveProgress = new QProgressBar(m_movePanel);
    m_moveProgress->setObjectName(QStringLiteral("moveProgressBar"));
    m_moveProgress->setMaximumWidth(320);
    m_resumeMoveButton = actionButton(tr("Resume move\u2026"),
                                      QStringLiteral("resumeMoveButton"),
                                      m_movePanel);
    m_rollbackMoveButton = actionButton(tr("Roll back move\u2026"),
                                        QStringLiteral("rollbackMoveButton"),
                                        m_movePanel);
    moveLayout->addWidget(m_moveStatus, 1);
    moveLayout->addWidget(m_moveProgress);
    moveLayout->addWidget(m_resumeMoveButton);
    moveLayout->addWidget(m_rollbackMoveButton);
    m_movePanel->hide();
    layout->addWidget(m_movePanel);
    m_movePollTimer.setSingleShot(true);
    m_movePollTimer.setInterval(movePollIntervalMs);
    connect(&m_movePollTimer, &QTimer::timeout, this, &TenantDetailView::pollMove);

    auto *top = new QHBoxLayout;
    m_sections[OverviewSection] = new SectionWidget(tr("Overview"), this);
    m_sections[OverviewSection]->setObjectName(QStringLiteral("overviewSection"));
    m_sections[OverviewSection]->setContent(buildOverview());
    m_sections[SubscriptionSection] = new SectionWidget(tr("Subscription"), this);
    m_sections[SubscriptionSection]->setObjectName(QStringLiteral("subscriptionSection"));
    m_sections[SubscriptionSection]->setContent(buildSubscription());
    for (QPushButton *button : {m_changePlanButton,
                                m_extendTrialButton,
                                m_cancelButton,
                                m_resumeButton,
                                m_createSubscriptionButton})
        m_sections[SubscriptionSection]->addButton(button);
    top->addWidget(m_sections[OverviewSection], 2);
    top->addWidget(m_sections[SubscriptionSection], 3);
    layout->addLayout(top);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("sectionTabs"));

    m_entitlements = new EntitlementModel(this);
    m_entitlementsView = makeTable(QStringLiteral("entitlementsView"));
    m_entitlementsView->setModel(m_entitlements);
    m_sections[FeaturesSection] = new SectionWidget(QString(), this); // the tab names it
    m_sections[FeaturesSection]->setObjectName(QStringLiteral("featuresSection"));
    m_sections[FeaturesSection]->setContent(m_entitlementsView);
    m_setOverrideButton = actionButton(tr("Set override\u2026"),
                                       QStringLiteral("setOverrideButton"),
                                       this);
    m_clearOverrideButton = actionButton(tr("Clear override\u2026"),
                                         QStringLiteral("clearOverrideButton"),
                                         this);
    m_sections[FeaturesSection]->addButton(m_setOverrideButton);
    m_sections[FeaturesSection]->addButton(m_clearOverrideButton);

    m_users = new TenantUserModel(this);
    m_usersView = makeTable(QStringLiteral("tenantUsersView"));
    m_usersView->setModel(m_users);
    m_sections[UsersSection] = new SectionWidget(QString(), this); // the tab names it
    m_sections[UsersSection]->setObjectName(QStringLiteral("usersSection"));
    m_sections[UsersSection]->setContent(m_usersView);
    m_addUserButton = actionButton(tr("Add user\u2026"), QStringLiteral("addUserButton"), this);
    m_removeUserButton = actionButton(tr("Remove user\u2026"),
                                      QStringLiteral("removeUserButton"),
                                      this);
    m_sections[UsersSection]->addButton(m_addUserButton);
    m_sections[UsersSection]->addButton(m_removeUserButton);

    m_notes = new NoteModel(this);
    m_notes->setCurrentUserId(m_me.id);
    QTableView *notesView = makeTable(QStringLiteral("notesView"));
    notesView->setModel(m_notes);
    notesView->setWordWrap(true);
    m_sections[NotesSection] = new SectionWidget(QString(), this); // the tab names it
    m_sections[NotesSection]->setObjectName(QStringLiteral("notesSection"));
    m_sections[NotesSection]->setContent(notesView);

    m_invoices = new InvoiceModel(this);
    QTableView *invoicesView = makeTable(QStringLiteral("invoicesView"));
    invoicesView->setModel(m_invoices);
    m_sections[InvoicesSection] = new SectionWidget(QString(), this); // the tab names it
    m_sections[InvoicesSection]->setObjectName(QStringLiteral("invoicesSection"));
    m_sections[InvoicesSection]->setContent(invoicesView);

    m_history = new AuditEventModel(this);
    QTableView *historyView = makeTable(QStringLiteral("historyView"));
    historyView->setModel(m_history);
    m_sections[HistorySection] = new SectionWidget(QString(), this); // the tab names it
    m_sections[HistorySection]->setObjectName(QStringLiteral("historySection"));
    m_sections[HistorySection]->setContent(historyView);

    m_tabs->addTab(m_sections[FeaturesSection], tr("Features"));
    m_tabs->addTab(m_sections[UsersSection], tr("Users"));
    m_tabs->addTab(m_sections[NotesSection], tr("Notes"));
    m_tabs->addTab(m_sections[InvoicesSection], tr("Invoices"));
    m_tabs->addTab(m_sections[HistorySection], tr("History"));
    layout->addWidget(m_tabs, 1);

    for (int section = 0; section < SectionCount; ++section) {
        const auto which = static_cast<Section>(section);
        connect(m_sections[which], &SectionWidget::retryRequested, this, [this, which] {
            load(which);
        });
        connect(m_sections[which], &SectionWidget::moreRequested, this, [this, which] {
            if (!m_cursors[which].isEmpty())
                loadList(which, m_cursors[which]);
        });
    }

    connect(m_refreshButton, &QPushButton::clicked, this, [this] {
        if (!m_tenantId.isEmpty())
            showTenant(m_tenantId);
    });
    connect(m_editButton, &QPushButton::clicked, this, &TenantDetailView::editTenant);
    connect(m_suspendButton, &QPushButton::clicked, this, &TenantDetailView::suspendTenant);
    connect(m_reactivateButton, &QPushButton::clicked, this, &TenantDetailView::reactivateTenant);
    connect(m_moveButton, &QPushButton::clicked, this, &TenantDetailView::moveTenant);
    connect(m_resumeMoveButton, &QPushButton::clicked, this, &TenantDetailView::resumeMove);
    connect(m_rollbackMoveButton, &QPushButton::clicked, this, &TenantDetailView::rollbackMove);
    connect(m_addNoteButton, &QPushButton::clicked, this, &TenantDetailView::addNote);
    connect(m_changePlanButton, &QPushButton::clicked, this, &TenantDetailView::changePlan);
    connect(m_extendTrialButton, &QPushButton::clicked, this, &TenantDetailView::extendTrial);
    connect(m_cancelButton, &QPushButton::clicked, this, &TenantDetailView::cancelSubscription);
    connect(m_resumeButton, &QPushButton::clicked, this, &TenantDetailView::resumeSubscription);
    connect(m_createSubscriptionButton,
            &QPushButton::clicked,
            this,
            &TenantDetailView::createSubscription);
    connect(m_setOverrideButton, &QPushButton::clicked, this, &TenantDetailView::setOverride);
    connect(m_clearOverrideButton, &QPushButton::clicked, this, &TenantDetailView::clearOverride);
    connect(m_addUserButton, &QPushButton::clicked, this, &TenantDetailView::addUser);
    connect(m_removeUserButton, &QPushButton::clicked, this, &TenantDetailView::removeUser);
    connect(m_entitlementsView->selectionModel(),
            &QItemSelectionModel::currentRowChanged,
            this,
            &TenantDetailView::updateActions);
    connect(m_usersView->selectionModel(),
            &QItemSelectionModel::currentRowChanged,
            this,
            &TenantDetailView::updateActions);
    connect(m_entitlements, &QAbstractItemModel::modelReset, this, &TenantDetailView::updateActions);
    connect(m_users, &QAbstractItemModel::modelReset, this, &TenantDetailView::updateActions);
}

QWidget *TenantDetailView::buildOverview()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_slug = valueLabel(QStringLiteral("slugLabel"), page);
    m_region = valueLabel(QStringLiteral("regionLabel"), page);
    m_isolation = valueLabel(QStringLiteral("isolationLabel"), page);
    m_plan = valueLabel(QStringLiteral("planLabel"), page);
    m_contact = valueLabel(QStringLiteral("contactLabel"), page);
    m_created = valueLabel(QStringLiteral("createdLabel"), page);
    m_updated = valueLabel(QStringLiteral("updatedLabel"), page);
    form->addRow(tr("Slug:"), m_slug);
    form->addRow(tr("Region:"), m_region);
    form->addRow(tr("Placement:"), m_isolation);
    form->addRow(tr("Plan:"), m_plan);
    form->addRow(tr("Contact:"), m_contact);
    form->addRow(tr("Created:"), m_created);
    form->addRow(tr("Updated:"), m_updated);
    return page;
}

QWidget *TenantDetailView::buildSubscription()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    m_noSubscription = new QLabel(tr("This tenant has no live subscription."), page);
    m_noSubscription->setObjectName(QStringLiteral("noSubscriptionLabel"));
    m_noSubscription->setWordWrap(true);
    layout->addWidget(m_noSubscription);

    m_subscriptionDetails = new QWidget(page);
    auto *form = new QFormLayout(m_subscriptionDetails);
    form->setContentsMargins(0, 0, 0, 0);
    m_subscriptionBadge = new StatusBadge(m_subscriptionDetails);
    m_subscriptionBadge->setObjectName(QStringLiteral("subscriptionStatusBadge"));
    m_subscriptionPlan = valueLabel(QStringLiteral("subscriptionPlanLabel"), m_subscriptionDetails);
    m_quantity = valueLabel(QStringLiteral("quantityLabel"), m_subscriptionDetails);
    m_mrr = valueLabel(QStringLiteral("mrrLabel"), m_subscriptionDetails);
    m_period = valueLabel(QStringLiteral("periodLabel"), m_subscriptionDetails);
    m_trialEnd = valueLabel(QStringLiteral("trialEndLabel"), m_subscriptionDetails);
    m_cancellation = valueLabel(QStringLiteral("cancellationLabel"), m_subscriptionDetails);
    form->addRow(tr("Status:"), m_subscriptionBadge);
    form->addRow(tr("Plan:"), m_subscriptionPlan);
    form->addRow(tr("Quantity:"), m_quantity);
    form->addRow(tr("MRR:"), m_mrr);
    form->addRow(tr("Current period:"), m_period);
    form->addRow(tr("Trial ends:"), m_trialEnd);
    form->addRow(m_cancellation);
    layout->addWidget(m_subscriptionDetails);
    layout->addStretch(1);

    m_changePlanButton = actionButton(tr("Change plan\u2026"),
                                      QStringLiteral("changePlanButton"),
                                      this);
    m_extendTrialButton = actionButton(tr("Extend trial\u2026"),
                                       QStringLiteral("extendTrialButton"),
                                       this);
    m_cancelButton = actionButton(tr("Cancel\u2026"),
                                  QStringLiteral("cancelSubscriptionButton"),
                                  this);
    m_resumeButton = actionButton(tr("Resume\u2026"), QStringLiteral("resumeButton"), this);
    m_createSubscriptionButton = actionButton(tr("Subscribe\u2026"),
                                              QStringLiteral("createSubscriptionButton"),
                                              this);
    return page;
}

QTableView *TenantDetailView::makeTable(const QString &objectName)
{
    auto *view = new QTableView(this);
    view->setObjectName(objectName);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return view;
}

// --- Loading -------------------------------------------------------------------------------

void TenantDetailView::showTenant(const QString &tenantId)
{
    const bool other = tenantId != m_tenantId;
    m_tenantId = tenantId;
    if (other) {
        m_tenant.reset();
        m_subscription.reset();
        m_subscriptionLoaded = false;
        m_entitlements->setRecords({});
        m_entitlements->setOverrides({});
        m_users->setRecords({});
        m_notes->setRecords({});
        m_invoices->setRecords({});
        m_history->setRecords({});
        m_name->setText(tr("Loading\u2026"));
        m_statusBadge->setStatus(QString(), StatusBadge::Tone::Neutral);
        m_headerDetail->setText(tenantId);
        for (SectionWidget *section : m_sections)
            section->setLoading(false);
        m_move.reset();
        showMove();
    }
    for (int section = 0; section < SectionCount; ++section)
        load(static_cast<Section>(section));
    loadMove();
    updateActions();
}

void TenantDetailView::refresh(std::initializer_list<Section> sections)
{
    for (const Section section : sections)
        load(section);
}

template<typename Job>
void TenantDetailView::startLoad(Section section, Job *job, std::function<void(Job *)> done)
{
    const quint64 generation = ++m_generation[section];
    m_sections[section]->setLoading();
    connect(job, &ApiJob::finished, this, [this, job, section, generation, done] {
        if (generation != m_generation[section])
            return; // a newer load of the section (or another tenant) took over
        done(job);
    });
    job->start();
}

template<typename Job, typename Model>
void TenantDetailView::loadListPage(
    Section section, Job *job, Model *model, bool append, const QString &failure)
{
    // "Show older" continues the current load; a reload (a newer generation) drops it.
    const quint64 generation = append ? m_generation[section] : ++m_generation[section];
    if (append)
        m_sections[section]->setLoadingMore(true);
    else
        m_sections[section]->setLoading();
    connect(job, &ApiJob::finished, this, [this, job, model, section, generation, append, failure] {
        if (generation != m_generation[section])
            return;
        m_sections[section]->setLoadingMore(false);
        if (job->hasError()) {
            if (append) {
                Q_EMIT errorOccurred(*job->error()); // the rows shown stay; the button too
                return;
            }
            failSection(section, failure, *job->error());
            return;
        }
        const auto &page = job->page();
        if (append)
            model->appendRecords(page.data);
        else
            model->setRecords(page.data);
        m_cursors[section] = page.hasMore ? QString::fromStdString(page.nextCursor) : QString();
        m_sections[section]->setMoreAvailable(!m_cursors[section].isEmpty());
        m_sections[section]->showContent();
        if (section == UsersSection)
            updateActions();
    });
    job->start();
}

void TenantDetailView::loadList(Section section, const QString &cursor)
{
    constexpr int pageSize = 100;
    const bool append = !cursor.isEmpty();
    switch (section) {
    case UsersSection:
        loadListPage(section,
                     new ListTenantUsersJob(m_client, m_tenantId, pageSize, cursor, this),
                     m_users,
                     append,
                     tr("The tenant's users could not be loaded."));
        break;
    case NotesSection:
        loadListPage(section,
                     new ListTenantNotesJob(m_client, m_tenantId, pageSize, cursor, this),
                     m_notes,
                     append,
                     tr("The notes could not be loaded."));
        break;
    case InvoicesSection: {
        InvoiceQuery query;
        query.tenantId = m_tenantId;
        query.limit = pageSize;
        query.startingAfter = cursor;
        loadListPage(section,
                     new ListInvoicesJob(m_client, query, this),
                     m_invoices,
                     append,
                     tr("The invoices could not be loaded."));
        break;
    }
    case HistorySection: {
        AuditEventQuery query;
        query.targetId = m_tenantId; // the tenant and everything that belongs to it
        query.limit = pageSize;
        query.startingAfter = cursor;
        loadListPage(section,
                     new ListAuditEventsJob(m_client, query, this),
                     m_history,
                     append,
                     tr("The history could not be loaded."));
        break;
    }
    default:
        break;
    }
}

void TenantDetailView::failSection(Section section, const QString &action, const ApiError &error)
{
    m_sections[section]->setError(action, error);
    Q_EMIT errorOccurred(error);
}

void TenantDetailView::load(Section section)
{
    if (m_tenantId.isEmpty())
        return;
    switch (section) {
    case OverviewSection:
        startLoad<GetTenantJob>(section,
                                new GetTenantJob(m_client, m_tenantId, this),
                                [this](GetTenantJob *job) {
                                    if (job->hasError()) {
                                        m_name->setText(m_tenantId);
                                        failSection(OverviewSection,
                                                    tr("The tenant could not be loaded."),
                                                    *job->error());
                                        return;
                                    }
                                    m_tenant = job->tenant();
                                    renderTenant();
                                    m_sections[OverviewSection]->showContent();
                                    updateActions();
                                });
        break;
    case SubscriptionSection: {
        SubscriptionQuery query;
        query.tenantId = m_tenantId;
        query.limit = 20;
        startLoad<ListSubscriptionsJob>(section,
                                        new ListSubscriptionsJob(m_client, query, this),
                                        [this](ListSubscriptionsJob *job) {
                                            if (job->hasError()) {
                                                failSection(SubscriptionSection,
                                                            tr("The subscription could not be "
                                                               "loaded."),
                                                            *job->error());
                                                return;
                                            }
                                            m_subscription.reset();
                                            m_lastEnded.reset();
                                            for (const Subscription &item : job->page().data) {
                                                if (isLive(item.status)) {
                                                    m_subscription = item;
                                                    break;
                                                }
                                                if (!m_lastEnded)
                                                    m_lastEnded = item; // newest first
                                            }
                                            m_subscriptionLoaded = true;
                                            renderSubscription();
                                            m_sections[SubscriptionSection]->showContent();
                                            updateActions();
                                        });
        break;
    }
    case FeaturesSection: {
        // Two requests: the effective features, and the overrides (their versions, for a clear).
        auto pending = std::make_shared<int>(2);
        auto failed = std::make_shared<bool>(false);
        const auto finishOne = [this, pending, failed] {
            if (--*pending == 0 && !*failed) {
                m_sections[FeaturesSection]->showContent();
                updateActions();
            }
        };
        startLoad<GetEntitlementsJob>(section,
                                      new GetEntitlementsJob(m_client, m_tenantId, this),
                                      [this, finishOne, failed](GetEntitlementsJob *job) {
                                          if (job->hasError()) {
                                              *failed = true;
                                              failSection(FeaturesSection,
                                                          tr("The features could not be "
                                                             "loaded."),
                                                          *job->error());
                                              return;
                                          }
                                          m_entitlements->setRecords(job->page().data);
                                          finishOne();
                                      });
        auto *overrides = new ListFeatureOverridesJob(m_client, m_tenantId, this);
        const quint64 generation = m_generation[section];
        connect(overrides, &ApiJob::finished, this, [this, overrides, generation, finishOne, failed] {
            if (generation != m_generation[FeaturesSection] || *failed)
                return;
            if (overrides->hasError()) {
                *failed = true;
                failSection(FeaturesSection,
                            tr("The feature overrides could not be loaded."),
                            *overrides->error());
                return;
            }
            m_entitlements->setOverrides(overrides->page().data);
            finishOne();
        });
        overrides->start();
        break;
    }
    case UsersSection:
    case NotesSection:
    case InvoicesSection:
        loadList(section, {});
        break;
    case HistorySection: {
        if (m_me.hasPermissionList() && !m_me.hasPermission("audit.read")) {
            ++m_generation[section];
            m_sections[section]->setError(tr("The history is not available to you."),
                                          ApiError(ApiError::Kind::Forbidden,
                                                   refusal("audit.read")));
            return;
        }
        loadList(section, {});
        break;
    }
    case SectionCount:
        break;
    }
}

void TenantDetailView::loadMe()
{
    m_meLoading = true;
    auto *job = new GetMeJob(m_client, this);
    connect(job, &ApiJob::finished, this, [this, job] {
        m_meLoading = false;
        if (job->hasError()) {
            // Offer the actions; the server refuses what the role may not do.
            Q_EMIT errorOccurred(*job->error());
        } else {
            m_me = job->user();
            m_notes->setCurrentUserId(m_me.id);
            if (!m_tenantId.isEmpty())
                load(HistorySection);
        }
        updateActions();
    });
    job->start();
}

void TenantDetailView::loadCatalog()
{
    auto *plans = new ListPlansJob(m_client, 100, {}, this);
    connect(plans, &ApiJob::finished, this, [this, plans] {
        if (plans->hasError()) {
            Q_EMIT errorOccurred(*plans->error());
            return;
        }
        m_plans = plans->page().data;
        m_plansLoaded = true;
        renderTenant();
        renderSubscription();
        updateActions();
    });
    plans->start();

    auto *features = new ListFeaturesJob(m_client, 100, {}, this);
    connect(features, &ApiJob::finished, this, [this, features] {
        if (features->hasError()) {
            Q_EMIT errorOccurred(*features->error());
            return;
        }
        m_features = features->page().data;
        m_entitlements->setFeatures(m_features);
    });
    features->start();
}

// --- Rendering -----------------------------------------------------------------------------

const Plan *TenantDetailView::planById(const std::string &planId) const
{
    const auto it = std::find_if(m_plans.begin(), m_plans.end(), [&planId](const Plan &plan) {
        return plan.id == planId;
    });
    return it == m_plans.end() ? nullptr : &*it;
}

QString TenantDetailView::mrrText(const Plan &plan, std::int64_t quantity) const
{
    return DisplayFormat::money(
        Money(plan.monthlyRecurringRevenue(quantity), plan.price.currency()));
}

std::vector<const Plan *> TenantDetailView::plansIn(const Currency *currency) const
{
    std::vector<const Plan *> plans;
    for (const Plan &plan : m_plans) {
        if (plan.active && (!currency || plan.price.currency() == *currency))
            plans.push_back(&plan);
    }
    std::sort(plans.begin(), plans.end(), [](const Plan *a, const Plan *b) {
        return a->price.amount() < b->price.amount();
    });
    return plans;
}

void TenantDetailView::renderTenant()
{
    if (!m_tenant)
        return;
    const Tenant &tenant = *m_tenant;
    m_name->setText(text(tenant.name));
    m_statusBadge->setStatus(DisplayFormat::status(tenant.status), toneOf(tenant.status));
    m_headerDetail->setText(text(tenant.id));
    m_slug->setText(text(tenant.slug));
    m_region->setText(text(tenant.region));
    m_isolation->setText(placementText());
    if (!tenant.planId) {
        m_plan->setText(tr("No plan"));
    } else if (const Plan *plan = planById(*tenant.planId)) {
        m_plan->setText(text(plan->name));
        m_plan->setToolTip(text(plan->id));
    } else {
        m_plan->setText(text(*tenant.planId));
    }
    m_contact->setText(optionalText(tenant.contactEmail, tr("None given")));
    m_created->setText(DisplayFormat::dateTime(tenant.createdAt));
    m_updated->setText(DisplayFormat::dateTime(tenant.updatedAt));
}

void TenantDetailView::renderSubscription()
{
    if (!m_subscriptionLoaded)
        return;
    m_noSubscription->setVisible(!m_subscription);
    if (!m_subscription) {
        QString none = tr("This tenant has no live subscription.");
        if (m_lastEnded) {
            const Plan *ended = planById(m_lastEnded->planId);
            none += QLatin1Char(' ')
                    + tr("The last one (%1) ended on %2.")
                          .arg(ended ? text(ended->name) : text(m_lastEnded->planId),
                               DisplayFormat::longDate(m_lastEnded->canceledAt.value_or(
                                   m_lastEnded->currentPeriodEnd)));
        }
        m_noSubscription->setText(none);
    }
    m_subscriptionDetails->setVisible(m_subscription.has_value());
    if (!m_subscription)
        return;
    const Subscription &subscription = *m_subscription;
    m_subscriptionBadge->setStatus(DisplayFormat::status(subscription.status),
                                   toneOf(subscription.status));
    const Plan *plan = planById(subscription.planId);
    m_subscriptionPlan->setText(
        plan ? tr("%1 (%2 per unit a %3)")
                   .arg(text(plan->name),
                        DisplayFormat::money(plan->price),
                        plan->interval == BillingInterval::Month ? tr("month") : tr("year"))
             : text(subscription.planId));
    m_quantity->setText(QLocale().toString(static_cast<qlonglong>(subscription.quantity)));
    if (!plan) {
        m_mrr->setText(m_plansLoaded ? tr("Unknown plan") : tr("Loading\u2026"));
    } else if (countsTowardsMrr(subscription.status)) {
        m_mrr->setText(tr("%1 a month").arg(mrrText(*plan, subscription.quantity)));
    } else if (subscription.status == SubscriptionStatus::Trialing) {
        m_mrr->setText(tr("None during the trial; %1 a month after it")
                           .arg(mrrText(*plan, subscription.quantity)));
    } else {
        m_mrr->setText(tr("None while %1 (%2 a month when active)")
                           .arg(DisplayFormat::status(subscription.status).toLower(),
                                mrrText(*plan, subscription.quantity)));
    }
    m_period->setText(tr("%1 \u2013 %2")
                          .arg(DisplayFormat::date(subscription.currentPeriodStart),
                               DisplayFormat::date(subscription.currentPeriodEnd)));
    m_trialEnd->setText(subscription.trialEnd ? DisplayFormat::dateTime(*subscription.trialEnd)
                                              : tr("No trial"));
    m_cancellation->setVisible(subscription.cancelAtPeriodEnd);
    if (subscription.cancelAtPeriodEnd)
        m_cancellation->setText(tr("Set to cancel: the subscription ends on %1.")
                                    .arg(DisplayFormat::longDate(subscription.currentPeriodEnd)));
}

// --- Permissions and action states ---------------------------------------------------------

bool TenantDetailView::isPermitted(const char *permission) const
{
    if (m_me.hasPermissionList())
        return m_me.hasPermission(permission);
    return !m_meLoading; // unknown after a failed GET /v1/me: the server decides
}

QString TenantDetailView::refusal(const char *permission) const
{
    if (m_meLoading)
        return tr("Checking your permissions\u2026");
    return tr("Your role (%1) does not have the permission %2.")
        .arg(text(m_me.role), QLatin1String(permission));
}

void TenantDetailView::updateActions()
{
    // Every action here writes to the tenant: the server refuses them during a move.
    const bool paused = writesPaused();
    const QString pausedReason = isMoving()
                                     ? tr("Writes to the tenant are paused while it moves.")
                                     : tr("Writes to the tenant stay paused until its failed "
                                          "move is resumed or rolled back.");
    const auto set = [this, paused, pausedReason](QPushButton *button,
                                                  const char *permission,
                                                  bool applicable,
                                                  const QString &notApplicable,
                                                  const QString &description) {
        if (!isPermitted(permission)) {
            button->setEnabled(false);
            button->setToolTip(refusal(permission));
        } else if (paused) {
            button->setEnabled(false);
            button->setToolTip(pausedReason);
        } else if (!applicable) {
            button->setEnabled(false);
            button->setToolTip(notApplicable);
        } else {
            button->setEnabled(true);
            button->setToolTip(description);
        }
    };

    const bool loaded = m_tenant.has_value();
    const bool deleted = loaded && m_tenant->status == TenantStatus::Deleted;
    const QString notLoaded = tr("The tenant is not loaded yet.");
    const QString isDeleted = tr("The tenant is deleted: it can no longer change.");
    const QString tenantReason = !loaded ? notLoaded : isDeleted;
    const bool changeable = loaded && !deleted;

    set(m_editButton,
        "tenants.write",
        changeable,
        tenantReason,
        tr("Change the tenant's name, slug, region or contact."));
    set(m_suspendButton,
        "tenants.write",
        loaded && m_tenant->status == TenantStatus::Active,
        tr("Only an active tenant can be suspended."),
        tr("Switch off every feature of the tenant until it is reactivated."));
    set(m_reactivateButton,
        "tenants.write",
        loaded && m_tenant->status == TenantStatus::Suspended,
        tr("Only a suspended tenant can be reactivated."),
        tr("Give the tenant its features back."));
    const bool inSilo = loaded && m_tenant->isolation == Isolation::Silo;
    m_moveButton->setText(inSilo ? tr("Move to pool\u2026") : tr("Move to silo\u2026"));
    set(m_moveButton,
        "tenants.delete",
        changeable,
        tenantReason,
        inSilo ? tr("Move the tenant's data back into the shared tables, online.")
               : tr("Move the tenant's data into a PostgreSQL schema of its own, online."));
    // Resume and Roll back are for a failed move, which pauses writes: only the permission.
    for (QPushButton *button : {m_resumeMoveButton, m_rollbackMoveButton}) {
        button->setEnabled(isPermitted("tenants.delete"));
        button->setToolTip(isPermitted("tenants.delete") ? QString() : refusal("tenants.delete"));
    }
    m_suspendButton->setVisible(!loaded || m_tenant->status == TenantStatus::Active);
    m_reactivateButton->setVisible(loaded && m_tenant->status == TenantStatus::Suspended);
    set(m_addNoteButton,
        "tenants.write",
        loaded,
        notLoaded,
        tr("Leave an internal note for other staff."));

    const bool hasLive = m_subscription.has_value();
    const QString noLive = m_subscriptionLoaded ? tr("The tenant has no live subscription.")
                                                : tr("The subscription is not loaded yet.");
    const bool trialing = hasLive && m_subscription->status == SubscriptionStatus::Trialing;
    const bool resumable = hasLive
                           && (m_subscription->cancelAtPeriodEnd
                               || m_subscription->status == SubscriptionStatus::Paused);
    set(m_changePlanButton,
        "subscriptions.write",
        hasLive && m_plansLoaded,
        hasLive ? tr("The plans are not loaded yet.") : noLive,
        tr("Move the subscription to another plan or change its quantity."));
    set(m_extendTrialButton,
        "subscriptions.write",
        trialing,
        hasLive ? tr("Only a subscription in its trial can be extended.") : noLive,
        tr("Move the end of the trial later."));
    set(m_cancelButton,
        "subscriptions.write",
        hasLive,
        noLive,
        tr("Cancel at the end of the period, or now."));
    set(m_resumeButton,
        "subscriptions.write",
        resumable,
        hasLive ? tr("Only a subscription set to cancel, or a paused one, can be resumed.") : noLive,
        tr("Call off the scheduled cancellation, or resume the paused subscription."));
    set(m_createSubscriptionButton,
        "subscriptions.write",
        m_subscriptionLoaded && !hasLive && loaded && m_tenant->status == TenantStatus::Active
            && m_plansLoaded,
        hasLive ? tr("The tenant already has a live subscription; change its plan instead.")
        : (loaded && m_tenant->status != TenantStatus::Active)
            ? tr("Only an active tenant can subscribe.")
            : tr("The tenant, its subscription or the plans are not loaded yet."),
        tr("Subscribe the tenant to a plan."));
    m_resumeButton->setVisible(!hasLive || resumable);
    m_extendTrialButton->setVisible(!hasLive || trialing);
    m_createSubscriptionButton->setVisible(!hasLive);

    const QModelIndex feature = m_entitlementsView->currentIndex();
    const bool hasOverride = feature.isValid()
                             && feature.data(EntitlementModel::HasOverrideRole).toBool();
    set(m_setOverrideButton,
        "tenants.write",
        changeable,
        tenantReason,
        tr("Switch a feature on or off for this tenant, whatever its plan says."));
    set(m_clearOverrideButton,
        "tenants.write",
        changeable && hasOverride,
        !changeable ? tenantReason : tr("Select a feature that has an override to clear it."),
        tr("Let the plan decide this feature again."));

    set(m_addUserButton,
        "tenants.write",
        changeable,
        tenantReason,
        tr("Add one of the customer's people to the tenant."));
    set(m_removeUserButton,
        "tenants.write",
        changeable && m_usersView->currentIndex().isValid(),
        !changeable ? tenantReason : tr("Select a user to remove."),
        tr("Remove the selected user from the tenant."));
}

// --- Actions -------------------------------------------------------------------------------

template<typename Job>
void TenantDetailView::runAction(ActionDialog *dialog,
                                 const QString &inputs,
                                 const QString &failure,
                                 const QString &progress,
                                 Job *job,
                                 std::initializer_list<Section> refreshed,
                                 std::function<void(Job *)> succeeded)
{
    const QByteArray key = dialog->keyFor(inputs);
    if (!key.isEmpty())
        job->setIdempotencyKey(key); // a retry of the same action: the server applies it once
    dialog->rememberKey(inputs, job->idempotencyKey());
    dialog->setBusy(true, progress);
    QPointer<ActionDialog> guard(dialog);
    const std::vector<Section> sections(refreshed);
    const QString tenantId = m_tenantId;
    connect(job, &ApiJob::finished, this, [this, job, guard, failure, sections, tenantId, succeeded] {
        if (job->hasError()) {
            const ApiError error = *job->error();
            if (guard)
                guard->showError(failure, error);
            if (error.kind() == ApiError::Kind::PreconditionFailed) {
                // The dialog was built from an older version: retrying it would fail again.
                // Show what is current; the user starts over from there.
                if (guard)
                    guard->setInputValid(false,
                                         tr("This changed meanwhile: close the dialog and start "
                                            "again from the current values."));
                if (tenantId == m_tenantId) {
                    for (const Section section : sections)
                        load(section);
                }
            }
            Q_EMIT errorOccurred(error);
            return;
        }
        if (guard)
            guard->finish();
        if (succeeded)
            succeeded(job);
        if (tenantId == m_tenantId) {
            for (const Section section : sections)
                load(section);
        }
        Q_EMIT tenantChanged(tenantId);
    });
    job->start();
}

void TenantDetailView::changePlan()
{
    if (!m_subscription)
        return;
    const Subscription subscription = *m_subscription;
    const Plan *currentPlan = planById(subscription.planId);
    auto *dialog = new ActionDialog(tr("Change plan"), tr("Change plan"), this);
    dialog->setObjectName(QStringLiteral("changePlanDialog"));

    auto *planCombo = new QComboBox(dialog);
    planCombo->setObjectName(QStringLiteral("planCombo"));
    const std::optional<Currency> currency = currentPlan ? std::optional<Currency>(
                                                 currentPlan->price.currency())
                                                         : std::nullopt;
    for (const Plan *plan : plansIn(currency ? &*currency : nullptr)) {
        planCombo->addItem(tr("%1 \u2013 %2 a %3")
                               .arg(text(plan->name),
                                    DisplayFormat::money(plan->price),
                                    plan->interval == BillingInterval::Month ? tr("month")
                                                                             : tr("year")),
                           text(plan->id));
    }
    if (currentPlan && planCombo->findData(text(currentPlan->id)) < 0)
        planCombo->addItem(text(currentPlan->name), text(currentPlan->id));
    planCombo->setCurrentIndex(planCombo->findData(text(subscription.planId)));
    auto *quantity = new QSpinBox(dialog);
    quantity->setObjectName(QStringLiteral("quantitySpinBox"));
    quantity->setRange(1, 100000);
    quantity->setValue(static_cast<int>(subscription.quantity));
    dialog->addRow(tr("Plan:"), planCombo);
    dialog->addRow(tr("Quantity:"), quantity);
    if (currency)
        dialog->addRow(new QLabel(tr("Only plans priced in %1 are offered: the currency of a "
                                     "subscription cannot change.")
                                      .arg(text(currency->code()).toUpper()),
                                  dialog));

    const auto update = [this, dialog, planCombo, quantity, subscription, currentPlan] {
        const Plan *plan = planById(planCombo->currentData().toString().toStdString());
        const std::int64_t newQuantity = quantity->value();
        const bool unchanged = plan && plan->id == subscription.planId
                               && newQuantity == subscription.quantity;
        dialog->setInputValid(plan && !unchanged, tr("Choose another plan or quantity."));
        if (!plan || !currentPlan) {
            dialog->setConsequence(QString());
            return;
        }
        const QString before = mrrText(*currentPlan, subscription.quantity);
        const QString after = mrrText(*plan, newQuantity);
        if (unchanged)
            dialog->setConsequence(tr("Nothing changes: MRR stays %1 a month.").arg(before));
        else if (countsTowardsMrr(subscription.status))
            dialog->setConsequence(tr("MRR changes from %1 to %2 a month.").arg(before, after));
        else if (subscription.status == SubscriptionStatus::Trialing)
            dialog->setConsequence(tr("No MRR during the trial; after it, MRR will be %1 a month "
                                      "instead of %2.")
                                       .arg(after, before));
        else
            dialog->setConsequence(
                tr("The plan changes; MRR stays zero while the subscription "
                   "is %1 (%2 a month once active).")
                    .arg(DisplayFormat::status(subscription.status).toLower(), after));
    };
    connect(planCombo, &QComboBox::currentIndexChanged, dialog, update);
    connect(quantity, &QSpinBox::valueChanged, dialog, update);
    update();

    connect(dialog, &ActionDialog::confirmed, this, [this, dialog, planCombo, quantity, subscription] {
        const QString planId = planCombo->currentData().toString();
        const std::int64_t newQuantity = quantity->value();
        const std::optional<QString> plan = planId.toStdString() != subscription.planId
                                                ? std::optional<QString>(planId)
                                                : std::nullopt;
        const std::optional<std::int64_t> units = newQuantity != subscription.quantity
                                                      ? std::optional<std::int64_t>(newQuantity)
                                                      : std::nullopt;
        runAction(dialog,
                  planId + QLatin1Char('/') + QString::number(newQuantity),
                  tr("The plan could not be changed."),
                  tr("Changing the plan\u2026"),
                  new ChangeSubscriptionPlanJob(
                      m_client, text(subscription.id), plan, units, subscription.version, this),
                  {SubscriptionSection, OverviewSection, FeaturesSection, HistorySection});
    });
    dialog->open();
}

void TenantDetailView::extendTrial()
{
    if (!m_subscription || !m_subscription->trialEnd)
        return;
    const Subscription subscription = *m_subscription;
    auto *dialog = new ActionDialog(tr("Extend trial"), tr("Extend trial"), this);
    dialog->setObjectName(QStringLiteral("extendTrialDialog"));
    auto *days = new QSpinBox(dialog);
    days->setObjectName(QStringLiteral("daysSpinBox"));
    days->setRange(1, 365);
    days->setValue(7);
    days->setSuffix(tr(" days"));
    dialog->addRow(tr("Extend by:"), days);
    const auto update = [dialog, days, subscription] {
        const Timestamp newEnd = *subscription.trialEnd + std::chrono::days(days->value());
        dialog->setConsequence(tr("The trial ends on %1 instead of %2; billing starts then.")
                                   .arg(DisplayFormat::longDate(newEnd),
                                        DisplayFormat::longDate(*subscription.trialEnd)));
    };
    connect(days, &QSpinBox::valueChanged, dialog, update);
    update();
    connect(dialog, &ActionDialog::confirmed, this, [this, dialog, days, subscription] {
        runAction(dialog,
                  QString::number(days->value()),
                  tr("The trial could not be extended."),
                  tr("Extending the trial\u2026"),
                  new ExtendTrialJob(
                      m_client, text(subscription.id), days->value(), subscription.version, this),
                  {SubscriptionSection, HistorySection});
    });
    dialog->open();
}

void TenantDetailView::cancelSubscription()
{
    if (!m_subscription)
        return;
    const Subscription subscription = *m_subscription;
    const Plan *plan = planById(subscription.planId);
    auto *dialog = new ActionDialog(tr("Cancel subscription"), tr("Cancel subscription"), this);
    dialog->setObjectName(QStringLiteral("cancelSubscriptionDialog"));
    auto *atEnd = new QRadioButton(tr("At the end of the current period"), dialog);
    atEnd->setObjectName(QStringLiteral("atPeriodEndRadio"));
    auto *immediately = new QRadioButton(tr("Now"), dialog);
    immediately->setObjectName(QStringLiteral("cancelNowRadio"));
    atEnd->setChecked(!subscription.cancelAtPeriodEnd);
    atEnd->setEnabled(!subscription.cancelAtPeriodEnd);
    immediately->setChecked(subscription.cancelAtPeriodEnd);
    dialog->addRow(tr("Cancel:"), atEnd);
    dialog->addRow(QString(), immediately);
    const QString mrr = plan && countsTowardsMrr(subscription.status)
                            ? mrrText(*plan, subscription.quantity)
                            : QString();
    const auto update = [dialog, atEnd, subscription, mrr] {
        const QString drop = mrr.isEmpty()
                                 ? QString()
                                 : QLatin1Char(' ')
                                       + tr("MRR drops from %1 a month to nothing.").arg(mrr);
        if (atEnd->isChecked())
            dialog->setConsequence(tr("The customer keeps access until %1; then the "
                                      "subscription ends. A resume before then calls it off.")
                                       .arg(DisplayFormat::longDate(subscription.currentPeriodEnd))
                                   + drop);
        else
            dialog->setConsequence(tr("The subscription ends now: the tenant loses its plan and "
                                      "the plan's features at once. This cannot be undone.")
                                   + drop);
    };
    connect(atEnd, &QRadioButton::toggled, dialog, update);
    update();
    connect(dialog, &ActionDialog::confirmed, this, [this, dialog, atEnd, subscription] {
        const bool atPeriodEnd = atEnd->isChecked();
        runAction(dialog,
                  atPeriodEnd ? QStringLiteral("end") : QStringLiteral("now"),
                  tr("The subscription could not be canceled."),
                  tr("Canceling the subscription\u2026"),
                  new CancelSubscriptionJob(
                      m_client, text(subscription.id), atPeriodEnd, subscription.version, this),
                  {SubscriptionSection, OverviewSection, FeaturesSection, HistorySection});
    });
    dialog->open();
}

void TenantDetailView::resumeSubscription()
{
    if (!m_subscription)
        return;
    const Subscription subscription = *m_subscription;
    const Plan *plan = planById(subscription.planId);
    auto *dialog = new ActionDialog(tr("Resume subscription"), tr("Resume"), this);
    dialog->setObjectName(QStringLiteral("resumeDialog"));
    if (subscription.cancelAtPeriodEnd)
        dialog->setConsequence(tr("The scheduled cancellation is called off: the subscription "
                                  "renews on %1.")
                                   .arg(DisplayFormat::longDate(subscription.currentPeriodEnd)));
    else
        dialog->setConsequence(
            tr("The subscription becomes active for a new period from now%1.")
                .arg(plan
                         ? tr(" and brings in %1 a month").arg(mrrText(*plan, subscription.quantity))
                         : QString()));
    connect(dialog, &ActionDialog::confirmed, this, [this, dialog, subscription] {
        runAction(dialog,
                  QString(),
                  tr("The subscription could not be resumed."),
                  tr("Resuming the subscription\u2026"),
                  new ResumeSubscriptionJob(m_client,
                                            text(subscription.id),
                                            subscription.version,
                                            this),
                  {SubscriptionSection, OverviewSection, FeaturesSection, HistorySection});
    });
    dialog->open();
}

void TenantDetailView::createSubscription()
{
    if (!m_tenant)
        return;
    auto *dialog = new ActionDialog(tr("Subscribe to a plan"), tr("Subscribe"), this);
    dialog->setObjectName(QStringLiteral("createSubscriptionDialog"));
    auto *planCombo = new QComboBox(dialog);
    planCombo->setObjectName(QStringLiteral("planCombo"));
    for (const Plan *plan : plansIn(nullptr)) {
        planCombo->addItem(tr("%1 \u2013 %2 a %3")
                               .arg(text(plan->name),
                                    DisplayFormat::money(plan->price),
                                    plan->interval == BillingInterval::Month ? tr("month")
                                                                             : tr("year")),
                           text(plan->id));
    }
    auto *quantity = new QSpinBox(dialog);
    quantity->setObjectName(QStringLiteral("quantitySpinBox"));
    quantity->setRange(1, 100000);
    auto *trialDays = new QSpinBox(dialog);
    trialDays->setObjectName(QStringLiteral("trialDaysSpinBox"));
    trialDays->setRange(0, 365);
    trialDays->setSuffix(tr(" days"));
    dialog->addRow(tr("Plan:"), planCombo);
    dialog->addRow(tr("Quantity:"), quantity);
    dialog->addRow(tr("Trial:"), trialDays);
    const auto planChanged = [this, planCombo, trialDays] {
        if (const Plan *plan = planById(planCombo->currentData().toString().toStdString()))
            trialDays->setValue(static_cast<int>(plan->trialDays));
    };
    const auto update = [this, dialog, planCombo, quantity, trialDays] {
        const Plan *plan = planById(planCombo->currentData().toString().toStdString());
        dialog->setInputValid(plan != nullptr, tr("Choose a plan."));
        if (!plan) {
            dialog->setConsequence(QString());
            return;
        }
        const QString mrr = mrrText(*plan, quantity->value());
        if (trialDays->value() > 0)
            dialog->setConsequence(
                tr("A trial until %1: no MRR until then, %2 a month once it converts.")
                    .arg(DisplayFormat::longDate(now() + std::chrono::days(trialDays->value())),
                         mrr));
        else
            dialog->setConsequence(tr("Active from now: MRR becomes %1 a month.").arg(mrr));
    };
    connect(planCombo, &QComboBox::currentIndexChanged, dialog, planChanged);
    connect(planCombo, &QComboBox::currentIndexChanged, dialog, update);
    connect(quantity, &QSpinBox::valueChanged, dialog, update);
    connect(trialDays, &QSpinBox::valueChanged, dialog, update);
    planChanged();
    update();
    connect(dialog, &ActionDialog::confirmed, this, [this, dialog, planCombo, quantity, trialDays] {
        const QString planId = planCombo->currentData().toString();
        runAction(dialog,
                  planId + QLatin1Char('/') + QString::number(quantity->value()) + QLatin1Char('/')
                      + QString::number(trialDays->value()),
                  tr("The subscription could not be created."),
                  tr("Creating the subscription\u2026"),
                  new CreateSubscriptionJob(
                      m_client, m_tenantId, planId, quantity->value(), trialDays->value(), this),
                  {SubscriptionSection,
                   OverviewSection,
                   FeaturesSection,
                   InvoicesSection,
                   HistorySection});
    });
    dialog->open();
}

void TenantDetailView::setOverride()
{
    if (!m_tenant)
        return;
    auto *dialog = new ActionDialog(tr("Set feature override"), tr("Set override"), this);
    dialog->setObjectName(QStringLiteral("setOverrideDialog"));
    auto *featureCombo = new QComboBox(dialog);
    featureCombo->setObjectName(QStringLiteral("featureCombo"));
    for (const Entitlement &entitlement : m_entitlements->records())
        featureCombo->addItem(m_entitlements->featureName(entitlement.featureKey),
                              text(entitlement.featureKey));
    const QModelIndex current = m_entitlementsView->currentIndex();
    if (current.isValid())
        featureCombo->setCurrentIndex(current.row());
    auto *enabled = new QComboBox(dialog);
    enabled->setObjectName(QStringLiteral("enabledCombo"));
    enabled->addItem(tr("On"), true);
    enabled->addItem(tr("Off"), false);
    auto *reason = new QLineEdit(dialog);
    reason->setObjectName(QStringLiteral("reasonEdit"));
    reason->setPlaceholderText(tr("Why, for the next person who looks (required)"));
    auto *expires = new QCheckBox(tr("Lapses on"), dialog);
    expires->setObjectName(QStringLiteral("expiresCheckBox"));
    auto *expiry = new QDateTimeEdit(QDateTime::currentDateTime().addDays(30), dialog);
    expiry->setObjectName(QStringLiteral("expiresEdit"));
    expiry->setMinimumDateTime(QDateTime::currentDateTime().addSecs(3600));
    expiry->setCalendarPopup(true);
    expiry->setEnabled(false);
    auto *expiryRow = new QWidget(dialog);
    auto *expiryLayout = new QHBoxLayout(expiryRow);
    expiryLayout->setContentsMargins(0, 0, 0, 0);
    expiryLayout->addWidget(expires);
    expiryLayout->addWidget(expiry, 1);
    connect(expires, &QCheckBox::toggled, expiry, &QWidget::setEnabled);
    dialog->addRow(tr("Feature:"), featureCombo);
    dialog->addRow(tr("Feature is:"), enabled);
    dialog->addRow(tr("Reason:"), reason);
    dialog->addRow(tr("Expiry:"), expiryRow);

    const QString tenantName = text(m_tenant->name);
    const auto update = [this, dialog, featureCombo, enabled, reason, expires, expiry, tenantName] {
        const bool valid = !reason->text().trimmed().isEmpty() && featureCombo->count() > 0;
        dialog->setInputValid(valid, tr("Give a reason: it is kept with the override."));
        const int row = featureCombo->currentIndex();
        const Entitlement *entitlement = m_entitlements->record(row);
        if (!entitlement)
            return;
        const bool on = enabled->currentData().toBool();
        QString consequence = (on ? tr("%1 will be ON for %2, whatever its plan says")
                                  : tr("%1 will be OFF for %2, whatever its plan says"))
                                  .arg(featureCombo->currentText(), tenantName);
        consequence += expires->isChecked()
                           ? tr(", until %1.")
                                 .arg(QLocale().toString(expiry->dateTime(), QLocale::ShortFormat))
                           : tr(", until the override is cleared.");
        consequence += QLatin1Char(' ')
                       + (entitlement->enabled ? tr("Today it is on (%1).")
                                               : tr("Today it is off (%1)."))
                             .arg(DisplayFormat::source(entitlement->source));
        if (m_tenant && m_tenant->status != TenantStatus::Active)
            consequence += QLatin1Char(' ')
                           + tr("While the tenant is not active, every feature stays off.");
        dialog->setConsequence(consequence);
    };
    connect(featureCombo, &QComboBox::currentIndexChanged, dialog, update);
    connect(enabled, &QComboBox::currentIndexChanged, dialog, update);
    connect(reason, &QLineEdit::textChanged, dialog, update);
    connect(expires, &QCheckBox::toggled, dialog, update);
    connect(expiry, &QDateTimeEdit::dateTimeChanged, dialog, update);
    update();

    connect(dialog,
            &ActionDialog::confirmed,
            this,
            [this, dialog, featureCombo, enabled, reason, expires, expiry] {
                const QString key = featureCombo->currentData().toString();
                const bool on = enabled->currentData().toBool();
                const std::optional<Timestamp> expiresAt = expires->isChecked()
                                                               ? std::optional<Timestamp>(
                                                                   DisplayFormat::fromDateTime(
                                                                       expiry->dateTime()))
                                                               : std::nullopt;
                const QString inputs = key + QLatin1Char('/') + QString::number(on)
                                       + QLatin1Char('/') + reason->text().trimmed()
                                       + QLatin1Char('/')
                                       + (expiresAt
                                              ? QString::fromStdString(formatRfc3339(*expiresAt))
                                              : QString());
                runAction(dialog,
                          inputs,
                          tr("The override could not be set."),
                          tr("Setting the override\u2026"),
                          new SetFeatureOverrideJob(m_client,
                                                    m_tenantId,
                                                    key,
                                                    on,
                                                    reason->text().trimmed(),
                                                    expiresAt,
                                                    std::nullopt,
                                                    this),
                          {FeaturesSection, HistorySection});
            });
    dialog->open();
}

void TenantDetailView::clearOverride()
{
    const QModelIndex current = m_entitlementsView->currentIndex();
    const Entitlement *entitlement = current.isValid() ? m_entitlements->record(current.row())
                                                       : nullptr;
    if (!entitlement)
        return;
    const FeatureOverride *existing = m_entitlements->overrideFor(entitlement->featureKey);
    if (!existing)
        return;
    const FeatureOverride item = *existing;
    const QString name = m_entitlements->featureName(item.featureKey);
    auto *dialog = new ActionDialog(tr("Clear feature override"), tr("Clear override"), this);
    dialog->setObjectName(QStringLiteral("clearOverrideDialog"));
    QString consequence = tr("%1 goes back to what the plan says").arg(name);
    if (m_tenant && m_tenant->status != TenantStatus::Active)
        consequence += tr(": off while the tenant is not active.");
    else if (entitlement->planWouldGrant)
        consequence += *entitlement->planWouldGrant ? tr(": on.") : tr(": off.");
    else
        consequence += QLatin1Char('.');
    consequence += QLatin1Char(' ')
                   + tr("The override's reason was: \u201c%1\u201d.").arg(text(item.reason));
    dialog->setConsequence(consequence);
    connect(dialog, &ActionDialog::confirmed, this, [this, dialog, item] {
        runAction(dialog,
                  QString(),
                  tr("The override could not be cleared."),
                  tr("Clearing the override\u2026"),
                  new ClearFeatureOverrideJob(
                      m_client, m_tenantId, text(item.featureKey), item.version, this),
                  {FeaturesSection, HistorySection});
    });
    dialog->open();
}

void TenantDetailView::addUser()
{
    if (!m_tenant)
        return;
    auto *dialog = new ActionDialog(tr("Add tenant user"), tr("Add user"), this);
    dialog->setObjectName(QStringLiteral("addUserDialog"));
    auto *email = new QLineEdit(dialog);
    email->setObjectName(QStringLiteral("emailEdit"));
    auto *name = new QLineEdit(dialog);
    name->setObjectName(QStringLiteral("userNameEdit"));
    auto *role = new QComboBox(dialog);
    role->setObjectName(QStringLiteral("roleCombo"));
    role->addItem(tr("Member"), QStringLiteral("member"));
    role->addItem(tr("Admin"), QStringLiteral("admin"));
    role->addItem(tr("Owner"), QStringLiteral("owner"));
    dialog->addRow(tr("Email:"), email);
    dialog->addRow(tr("Name:"), name);
    dialog->addRow(tr("Role:"), role);
    const QString tenantName = text(m_tenant->name);
    const auto update = [dialog, email, name, role, tenantName] {
        const bool valid = email->text().contains(QLatin1Char('@'))
                           && !name->text().trimmed().isEmpty();
        dialog->setInputValid(valid, tr("Give the user's email address and name."));
        dialog->setConsequence(
            valid ? tr("%1 becomes a user of %2 with the role %3.")
                        .arg(email->text().trimmed(), tenantName, role->currentText())
                  : QString());
    };
    connect(email, &QLineEdit::textChanged, dialog, update);
    connect(name, &QLineEdit::textChanged, dialog, update);
    connect(role, &QComboBox::currentIndexChanged, dialog, update);
    update();
    connect(dialog, &ActionDialog::confirmed, this, [this, dialog, email, name, role] {
        const QString inputs = email->text().trimmed() + QLatin1Char('/') + name->text().trimmed()
                               + QLatin1Char('/') + role->currentData().toString();
        runAction(dialog,
                  inputs,
                  tr("The user could not be added."),
                  tr("Adding the user\u2026"),
                  new AddTenantUserJob(m_client,
                                       m_tenantId,
                                       email->text().trimmed(),
                                       name->text().trimmed(),
                                       role->currentData().toString(),
                                       this),
                  {UsersSection, HistorySection});
    });
    dialog->open();
}

void TenantDetailView::removeUser()
{
    const QModelIndex current = m_usersView->currentIndex();
    const TenantUser *selected = current.isValid() ? m_users->record(current.row()) : nullptr;
    if (!selected || !m_tenant)
        return;
    const TenantUser user = *selected;
    auto *dialog = new ActionDialog(tr("Remove tenant user"), tr("Remove user"), this);
    dialog->setObjectName(QStringLiteral("removeUserDialog"));
    dialog->setConsequence(tr("%1 (%2) can no longer use %3. This cannot be undone; the user "
                              "can be added again later.")
                               .arg(text(user.name), text(user.email), text(m_tenant->name)));
    connect(dialog, &ActionDialog::confirmed, this, [this, dialog, user] {
        runAction(dialog,
                  QString(),
                  tr("The user could not be removed."),
                  tr("Removing the user\u2026"),
                  new RemoveTenantUserJob(m_client, m_tenantId, text(user.id), user.version, this),
                  {UsersSection, HistorySection});
    });
    dialog->open();
}

void TenantDetailView::addNote()
{
    if (!m_tenant)
        return;
    auto *dialog = new ActionDialog(tr("Add note"), tr("Add note"), this);
    dialog->setObjectName(QStringLiteral("addNoteDialog"));
    auto *body = new QPlainTextEdit(dialog);
    body->setObjectName(QStringLiteral("noteEdit"));
    dialog->addRow(body);
    dialog->setConsequence(tr("Every staff member can read the note; it cannot be edited or "
                              "removed later."));
    const auto update = [dialog, body] {
        dialog->setInputValid(!body->toPlainText().trimmed().isEmpty(), tr("Write the note."));
    };
    connect(body, &QPlainTextEdit::textChanged, dialog, update);
    update();
    connect(dialog, &ActionDialog::confirmed, this, [this, dialog, body] {
        const QString note = body->toPlainText().trimmed();
        runAction(dialog,
                  note,
                  tr("The note could not be added."),
                  tr("Adding the note\u2026"),
                  new AddTenantNoteJob(m_client, m_tenantId, note, this),
                  {NotesSection, HistorySection});
    });
    dialog->open();
}

void TenantDetailView::editTenant()
{
    if (!m_tenant)
        return;
    const Tenant loaded = *m_tenant;
    auto *dialog = new ActionDialog(tr("Edit tenant"), tr("Save"), this);
    dialog->setObjectName(QStringLiteral("editTenantDialog"));
    auto *name = new QLineEdit(text(loaded.name), dialog);
    name->setObjectName(QStringLiteral("nameEdit"));
    auto *slug = new QLineEdit(text(loaded.slug), dialog);
    slug->setObjectName(QStringLiteral("slugEdit"));
    auto *region = new QLineEdit(text(loaded.region), dialog);
    region->setObjectName(QStringLiteral("regionEdit"));
    auto *contact = new QLineEdit(optionalText(loaded.contactEmail, QString()), dialog);
    contact->setObjectName(QStringLiteral("contactEdit"));
    auto *notes = new QPlainTextEdit(optionalText(loaded.notes, QString()), dialog);
    notes->setObjectName(QStringLiteral("notesEdit"));
    notes->setMaximumHeight(90);
    dialog->addRow(tr("Name:"), name);
    dialog->addRow(tr("Slug:"), slug);
    dialog->addRow(tr("Region:"), region);
    dialog->addRow(tr("Contact email:"), contact);
    dialog->addRow(tr("Notes:"), notes);

    // The patch: only what differs from the tenant as loaded. The placement is not edited here:
    // it changes only by moving the tenant's data ("Move to silo/pool…").
    const auto patchOf = [loaded, name, slug, region, contact, notes] {
        TenantPatch patch;
        if (name->text().trimmed() != text(loaded.name))
            patch.name = name->text().trimmed();
        if (slug->text().trimmed() != text(loaded.slug))
            patch.slug = slug->text().trimmed();
        if (region->text().trimmed() != text(loaded.region))
            patch.region = region->text().trimmed();
        const QString email = contact->text().trimmed();
        if (email != optionalText(loaded.contactEmail, QString()))
            patch.contactEmail = email.isEmpty() ? std::optional<QString>()
                                                 : std::optional<QString>(email);
        const QString noteText = notes->toPlainText();
        if (noteText != optionalText(loaded.notes, QString()))
            patch.notes = noteText.isEmpty() ? std::optional<QString>()
                                             : std::optional<QString>(noteText);
        return patch;
    };
    const auto update = [dialog, patchOf, loaded] {
        const TenantPatch patch = patchOf();
        dialog->setInputValid(!patch.isEmpty(), tr("Nothing has changed."));
        QString consequence;
        if (patch.slug)
            consequence += tr("The tenant's address changes from %1 to %2; links with the old "
                              "slug stop working. ")
                               .arg(text(loaded.slug), *patch.slug);
        dialog->setConsequence(consequence.trimmed());
    };
    for (QLineEdit *edit : {name, slug, region, contact})
        connect(edit, &QLineEdit::textChanged, dialog, update);
    connect(notes, &QPlainTextEdit::textChanged, dialog, update);
    update();
    connect(dialog, &ActionDialog::confirmed, this, [this, dialog, loaded, patchOf] {
        submitEdit(dialog, loaded, patchOf());
    });
    dialog->open();
}

void TenantDetailView::submitEdit(ActionDialog *dialog, const Tenant &base, const TenantPatch &patch)
{
    auto *job = new UpdateTenantJob(m_client, text(base.id), base.version, patch, this);
    const QString inputs = QString::number(static_cast<qlonglong>(base.version))
                           + QString::fromUtf8(patch.toJson());
    const QByteArray key = dialog->keyFor(inputs);
    if (!key.isEmpty())
        job->setIdempotencyKey(key);
    dialog->rememberKey(inputs, job->idempotencyKey());
    dialog->setBusy(true, tr("Saving the tenant\u2026"));
    QPointer<ActionDialog> guard(dialog);
    const QString tenantId = m_tenantId;
    connect(job, &ApiJob::finished, this, [this, job, guard, base, patch, tenantId] {
        if (!job->hasError()) {
            if (guard)
                guard->finish();
            if (tenantId == m_tenantId)
                refresh({OverviewSection, HistorySection});
            Q_EMIT tenantChanged(tenantId);
            return;
        }
        const ApiError error = *job->error();
        Q_EMIT errorOccurred(error);
        if (!guard)
            return;
        const std::optional<Tenant> current = error.currentTenant();
        if (error.kind() != ApiError::Kind::PreconditionFailed || !current) {
            guard->showError(tr("The tenant could not be saved."), error);
            return;
        }
        guard->showError(tr("The tenant was changed by someone else meanwhile."), error);
        auto *conflict = new TenantConflictDialog(base, patch, *current, guard);
        connect(conflict, &QDialog::accepted, this, [this, guard, current, patch] {
            if (guard)
                submitEdit(guard, *current, patch); // reapply on top of the server's version
        });
        connect(conflict, &QDialog::rejected, this, [this, guard, tenantId] {
            if (guard)
                guard->finish();
            if (tenantId == m_tenantId)
                refresh({OverviewSection});
        });
        conflict->open();
    });
    job->start();
}

void TenantDetailView::suspendTenant()
{
    if (!m_tenant)
        return;
    auto *dialog = new ActionDialog(tr("Suspend tenant"), tr("Suspend"), this);
    dialog->setObjectName(QStringLiteral("suspendDialog"));
    auto *reason = new QLineEdit(dialog);
    reason->setObjectName(QStringLiteral("reasonEdit"));
    reason->setPlaceholderText(tr("Kept in the audit log"));
    dialog->addRow(tr("Reason:"), reason);
    dialog->setConsequence(tr("%1 loses every feature at once, whatever its plan and overrides "
                              "say, until it is reactivated. Billing is not changed.")
                               .arg(text(m_tenant->name)));
    connect(dialog, &ActionDialog::confirmed, this, [this, dialog, reason] {
        runAction(dialog,
                  reason->text().trimmed(),
                  tr("The tenant could not be suspended."),
                  tr("Suspending the tenant\u2026"),
                  new SuspendTenantJob(m_client, m_tenantId, reason->text().trimmed(), this),
                  {OverviewSection, FeaturesSection, HistorySection});
    });
    dialog->open();
}

void TenantDetailView::reactivateTenant()
{
    if (!m_tenant)
        return;
    auto *dialog = new ActionDialog(tr("Reactivate tenant"), tr("Reactivate"), this);
    dialog->setObjectName(QStringLiteral("reactivateDialog"));
    dialog->setConsequence(tr("%1 gets the features of its plan and overrides back at once.")
                               .arg(text(m_tenant->name)));
    connect(dialog, &ActionDialog::confirmed, this, [this, dialog] {
        runAction(dialog,
                  QString(),
                  tr("The tenant could not be reactivated."),
                  tr("Reactivating the tenant\u2026"),
                  new ReactivateTenantJob(m_client, m_tenantId, this),
                  {OverviewSection, FeaturesSection, HistorySection});
    });
    dialog->open();
}

// --- Placement and moves -------------------------------------------------------------------

bool TenantDetailView::isMoving() const
{
    return m_move && !m_move->isFinished();
}

bool TenantDetailView::writesPaused() const
{
    return m_move && (!m_move->isFinished() || m_move->status == "failed");
}

QString TenantDetailView::placementText() const
{
    if (!m_tenant)
        return {};
    if (isMoving())
        return isMoveTarget(*m_move, "silo") ? tr("Moving to silo\u2026")
                                             : tr("Moving to pool\u2026");
    switch (m_tenant->isolation) {
    case Isolation::Silo:
        // The schema's name as the server makes it: tenant_<id>, lower-cased.
        return tr("Silo (schema %1)").arg(QStringLiteral("tenant_") + text(m_tenant->id).toLower());
    case Isolation::Pool:
    case Isolation::Hybrid: // no placement of its own: the server reads it as the pool
        return tr("Pool (shared tables)");
    }
    return {};
}

void TenantDetailView::loadMove()
{
    // The newest move of this tenant, whoever started it: one that still runs is followed, one
    // that failed offers Resume and Roll back.
    const quint64 generation = ++m_moveGeneration;
    m_movePollTimer.stop();
    const QString tenantId = m_tenantId;
    ListJobsJob::Filter filter;
    filter.type = QStringLiteral("tenant.move");
    filter.tenantId = tenantId;
    auto *job = new ListJobsJob(m_client, filter, 1, {}, this);
    connect(job, &ApiJob::finished, this, [this, job, generation, tenantId] {
        if (generation != m_moveGeneration || tenantId != m_tenantId)
            return;
        // An error leaves the view without the move's state: the tenant's own loads report
        // what is wrong with the connection.
        if (job->hasError()) {
            showMove();
            return;
        }
        // The server lists this tenant's moves only; the newest decides.
        m_move.reset();
        if (!job->page().data.empty()) {
            const JobRecord &newest = job->page().data.front();
            if (!newest.isFinished() || newest.status == "failed")
                m_move = newest;
        }
        showMove();
    });
    job->start();
}

void TenantDetailView::pollMove()
{
    if (!m_move || m_move->isFinished())
        return;
    const quint64 generation = m_moveGeneration;
    auto *job = new GetJobRecordJob(m_client, text(m_move->id), this);
    const QString tenantId = m_tenantId;
    connect(job, &ApiJob::finished, this, [this, job, generation, tenantId] {
        if (generation != m_moveGeneration || !m_move)
            return;
        if (job->hasError()) {
            // The move goes on on the server: say so, and ask again.
            m_moveStatus->setText(ErrorText::plain(tr("The move's progress could not be read; "
                                                      "trying again."),
                                                   *job->error()));
            Q_EMIT errorOccurred(*job->error());
            m_movePollTimer.start(4 * movePollIntervalMs);
            return;
        }
        m_move = job->job();
        showMove();
        if (m_move->isFinished()) {
            // The placement (and the tenant's version) changed, or a rollback ended the pause.
            refresh({OverviewSection, HistorySection});
            Q_EMIT tenantChanged(tenantId);
        }
    });
    job->start();
}

void TenantDetailView::showMove()
{
    if (!m_move) {
        m_movePollTimer.stop();
        m_movePanel->hide();
        renderTenant();
        updateActions();
        return;
    }
    const JobRecord &move = *m_move;
    const bool toSilo = isMoveTarget(move, "silo");
    const QString done = QLocale().toString(static_cast<qlonglong>(move.progressDone));
    const QString total = QLocale().toString(static_cast<qlonglong>(move.progressTotal));
    const QString reason = move.errorMessage.empty() ? tr("the server gave no reason")
                                                     : text(move.errorMessage);
    m_movePanel->show();
    const bool failed = move.status == "failed";
    m_resumeMoveButton->setVisible(failed);
    // A move can be abandoned until it switches (after that, 409 move_switched: move back).
    m_rollbackMoveButton->setVisible(failed || !move.isFinished());
    m_moveProgress->setVisible(!move.isFinished() || move.hasSucceeded());
    if (!move.isFinished()) {
        if (move.progressTotal > 0) {
            m_moveProgress->setRange(0, static_cast<int>(move.progressTotal));
            m_moveProgress->setValue(static_cast<int>(move.progressDone));
        } else {
            m_moveProgress->setRange(0, 0); // busy until the job knows its steps
        }
        if (move.status == "queued")
            m_moveStatus->setText(toSilo ? tr("The move to a silo waits for its turn\u2026")
                                         : tr("The move to the pool waits for its turn\u2026"));
        else
            m_moveStatus->setText(
                (toSilo ? tr("Moving to a silo: step %1 of %2\u2026")
                        : tr("Moving to the pool: step %1 of %2\u2026"))
                    .arg(done, total)
                + QLatin1Char(' ')
                + tr("Writes to the tenant are paused until the move switches; reads go on."));
        m_movePollTimer.start(movePollIntervalMs);
    } else {
        m_movePollTimer.stop();
        if (move.hasSucceeded()) {
            const int steps = static_cast<int>(std::max<std::int64_t>(move.progressTotal, 1));
            m_moveProgress->setRange(0, steps);
            m_moveProgress->setValue(steps);
            m_moveStatus->setText(toSilo ? tr("The tenant was moved to a silo.")
                                         : tr("The tenant was moved to the pool."));
        } else if (failed) {
            m_moveStatus->setText(
                (toSilo ? tr("The move to a silo failed: %1")
                        : tr("The move to the pool failed: %1"))
                    .arg(reason)
                + QLatin1Char(' ')
                + tr("The tenant stays where it was, and writes to it stay paused until the move "
                     "is resumed or rolled back."));
        } else {
            m_moveStatus->setText(tr("The move was rolled back: %1").arg(reason));
        }
    }
    renderTenant();
    updateActions();
}

void TenantDetailView::runMoveAction(ActionDialog *dialog,
                                     const QString &inputs,
                                     const QString &failure,
                                     const QString &progress,
                                     JobRecordJob *job)
{
    const QByteArray key = dialog->keyFor(inputs);
    if (!key.isEmpty())
        job->setIdempotencyKey(key); // a retry: the server starts at most one job
    dialog->rememberKey(inputs, job->idempotencyKey());
    dialog->setBusy(true, progress);
    QPointer<ActionDialog> guard(dialog);
    const QString tenantId = m_tenantId;
    connect(job, &ApiJob::finished, this, [this, job, guard, failure, tenantId] {
        if (job->hasError()) {
            const ApiError error = *job->error();
            Q_EMIT errorOccurred(error);
            if (!guard)
                return;
            const QString code = error.code();
            if (code == QLatin1String("moves_need_postgresql")) {
                guard->showError(tr("The tenant cannot be moved: this server keeps its data in "
                                    "SQLite, where every tenant is in the pool. Moving a tenant "
                                    "to a silo and back needs a server that runs on "
                                    "PostgreSQL."),
                                 error);
                guard->setInputValid(false, tr("Moves need a server on PostgreSQL."));
                return;
            }
            guard->showError(failure, error);
            if (error.kind() == ApiError::Kind::Conflict && tenantId == m_tenantId) {
                // Placed there already, another move, a move that ended or switched: show
                // what is current; a retry would be refused again.
                guard->setInputValid(false,
                                     tr("This changed meanwhile: close the dialog and look at "
                                        "the tenant's current state."));
                load(OverviewSection);
                loadMove();
            }
            return;
        }
        if (guard)
            guard->finish();
        if (tenantId != m_tenantId)
            return;
        ++m_moveGeneration; // an older lookup must not replace the job just started
        m_move = job->job();
        showMove();
        load(HistorySection);
        Q_EMIT tenantChanged(tenantId);
    });
    job->start();
}

void TenantDetailView::moveTenant()
{
    if (!m_tenant || writesPaused())
        return;
    const bool toSilo = m_tenant->isolation != Isolation::Silo;
    const QString schema = QStringLiteral("tenant_") + text(m_tenant->id).toLower();
    auto *dialog = new ActionDialog(toSilo ? tr("Move tenant to a silo")
                                           : tr("Move tenant to the pool"),
                                    toSilo ? tr("Move to silo") : tr("Move to pool"),
                                    this);
    dialog->setObjectName(QStringLiteral("moveTenantDialog"));
    const QString what
        = toSilo ? tr("The data of %1 is copied into a PostgreSQL schema of its own (%2), checked "
                      "against the original, and switched over; then its rows leave the shared "
                      "tables.")
                       .arg(text(m_tenant->name), schema)
                 : tr("The data of %1 is copied back into the shared tables, checked against the "
                      "original, and switched over; then its schema %2 is dropped.")
                       .arg(text(m_tenant->name), schema);
    dialog->setConsequence(what + QLatin1Char(' ')
                           + tr("Writes to the tenant (its users, notes, features, subscription "
                                "and the tenant itself) are paused during the move and refused "
                                "with \u201ctry again\u201d; reads go on. A large tenant can "
                                "take minutes."));
    const QString target = toSilo ? QStringLiteral("silo") : QStringLiteral("pool");
    connect(dialog, &ActionDialog::confirmed, this, [this, dialog, target, toSilo] {
        runMoveAction(dialog,
                      target,
                      tr("The tenant could not be moved."),
                      toSilo ? tr("Starting the move to a silo\u2026")
                             : tr("Starting the move to the pool\u2026"),
                      new MoveTenantJob(m_client, m_tenantId, target, this));
    });
    dialog->open();
}

void TenantDetailView::resumeMove()
{
    if (!m_move || m_move->status != "failed")
        return;
    const QString jobId = text(m_move->id);
    auto *dialog = new ActionDialog(tr("Resume move"), tr("Resume"), this);
    dialog->setObjectName(QStringLiteral("resumeMoveDialog"));
    dialog->setConsequence(tr("The move goes on from the step it reached (a copy that failed "
                              "its check is made anew). Writes to the tenant stay paused until "
                              "it switches."));
    connect(dialog, &ActionDialog::confirmed, this, [this, dialog, jobId] {
        runMoveAction(dialog,
                      QString(),
                      tr("The move could not be resumed."),
                      tr("Resuming the move\u2026"),
                      new ResumeTenantMoveJob(m_client, jobId, this));
    });
    dialog->open();
}

void TenantDetailView::rollbackMove()
{
    if (!m_move || (m_move->isFinished() && m_move->status != "failed"))
        return;
    const QString jobId = text(m_move->id);
    auto *dialog = new ActionDialog(tr("Roll back move"), tr("Roll back"), this);
    dialog->setObjectName(QStringLiteral("rollbackMoveDialog"));
    dialog->setConsequence(tr("The copy made so far is dropped and the tenant stays where it "
                              "was; writes to it go on once the rollback has run. To move it "
                              "later, start a new move."));
    connect(dialog, &ActionDialog::confirmed, this, [this, dialog, jobId] {
        runMoveAction(dialog,
                      QString(),
                      tr("The move could not be rolled back."),
                      tr("Rolling back the move\u2026"),
                      new RollbackTenantMoveJob(m_client, jobId, this));
    });
    dialog->open();
}

} // namespace Tenantry
