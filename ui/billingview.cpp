#include "ui/billingview.h"

#include "client/applybillingdriftjob.h"
#include "client/billingjob.h"
#include "client/gettenantjob.h"
#include "client/jobrecordjob.h"
#include "client/listbillingdriftjob.h"
#include "client/listjobsjob.h"
#include "client/listwebhookeventsjob.h"
#include "client/replaywebhookeventjob.h"
#include "ui/actiondialog.h"
#include "ui/billingdrifttablemodel.h"
#include "ui/displayformat.h"
#include "ui/displaytext.h"
#include "ui/errortext.h"
#include "ui/sectionwidget.h"
#include "ui/statusbadgedelegate.h"
#include "ui/webhookeventtablemodel.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>
#include <utility>

namespace Tenantry {

namespace {

const QString billingWrite = QStringLiteral("billing.write");
constexpr std::int64_t secondsPerDay = 86400;

QTableView *makeTable(QAbstractItemModel *model, int sortRole, QWidget *parent)
{
    auto *proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(model);
    proxy->setSortRole(sortRole);
    auto *table = new QTableView(parent);
    table->setModel(proxy);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 10);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

QString providerText(const std::string &provider)
{
    if (provider == "simulator")
        return BillingView::tr("Simulator (test mode, no Stripe account)");
    if (provider == "stripe")
        return BillingView::tr("Stripe");
    if (provider == "none")
        return BillingView::tr("None: billing is not configured");
    return QString::fromStdString(provider);
}

bool isRunning(const std::optional<JobRecord> &job)
{
    return job && !job->isFinished();
}

} // namespace

BillingView::BillingView(ApiClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_provider(new QLabel(this))
    , m_clockLabel(new QLabel(tr("Test clock:"), this))
    , m_clock(new QLabel(this))
    , m_advanceDay(new QPushButton(tr("Advance 1 day"), this))
    , m_advanceMonth(new QPushButton(tr("Advance 1 month"), this))
    , m_advanceTo(new QPushButton(tr("Advance to\u2026"), this))
    , m_advanceBusy(new QProgressBar(this))
    , m_headerError(new QLabel(this))
    , m_headerRetry(new QPushButton(tr("Retry"), this))
    , m_inbox(new SectionWidget(tr("Webhook inbox"), this))
    , m_events(new WebhookEventTableModel(this))
    , m_eventTable(makeTable(m_events, WebhookEventTableModel::SortRole, this))
    , m_statusFilter(new QComboBox(this))
    , m_replay(new QPushButton(tr("Replay\u2026"), this))
    , m_eventCount(new QLabel(this))
    , m_reconcile(new SectionWidget(tr("Reconciliation"), this))
    , m_runReconciliation(new QPushButton(tr("Run reconciliation"), this))
    , m_applyDrift(new QPushButton(tr("Apply provider's value\u2026"), this))
    , m_progress(new QProgressBar(this))
    , m_reconcileWhen(new QLabel(this))
    , m_reconcileMessage(new QLabel(this))
    , m_drift(new BillingDriftTableModel(this))
    , m_driftTable(makeTable(m_drift, Qt::DisplayRole, this))
{
    setObjectName(QStringLiteral("billingView"));
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));

    // Header: the provider and its test clock.
    m_provider->setObjectName(QStringLiteral("billingProvider"));
    m_provider->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_clock->setObjectName(QStringLiteral("testClock"));
    m_clock->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont clockFont = m_clock->font();
    clockFont.setBold(true);
    m_clock->setFont(clockFont);
    m_advanceDay->setObjectName(QStringLiteral("advanceDayButton"));
    m_advanceMonth->setObjectName(QStringLiteral("advanceMonthButton"));
    m_advanceTo->setObjectName(QStringLiteral("advanceToButton"));
    m_advanceBusy->setObjectName(QStringLiteral("advanceBusy"));
    m_advanceBusy->setRange(0, 0);
    m_advanceBusy->setTextVisible(false);
    m_advanceBusy->setMaximumWidth(6 * em);
    m_advanceBusy->hide();
    m_headerError->setObjectName(QStringLiteral("billingError"));
    m_headerError->setWordWrap(true);
    m_headerError->setTextFormat(Qt::RichText);
    m_headerError->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_headerError->hide();
    m_headerRetry->setObjectName(QStringLiteral("billingRetryButton"));
    m_headerRetry->hide();

    auto *header = new QGroupBox(tr("Billing provider"), this);
    auto *headerLayout = new QVBoxLayout(header);
    auto *providerRow = new QHBoxLayout;
    providerRow->addWidget(m_provider);
    providerRow->addSpacing(2 * em);
    providerRow->addWidget(m_clockLabel);
    providerRow->addWidget(m_clock);
    providerRow->addStretch(1);
    providerRow->addWidget(m_advanceBusy);
    providerRow->addWidget(m_advanceDay);
    providerRow->addWidget(m_advanceMonth);
    providerRow->addWidget(m_advanceTo);
    headerLayout->addLayout(providerRow);
    auto *errorRow = new QHBoxLayout;
    errorRow->addWidget(m_headerError, 1);
    errorRow->addWidget(m_headerRetry, 0, Qt::AlignTop);
    headerLayout->addLayout(errorRow);

    // The webhook inbox.
    m_statusFilter->setObjectName(QStringLiteral("webhookStatusFilter"));
    m_statusFilter->addItem(tr("All statuses"), QString());
    for (const char *status : {"dead", "pending", "ignored", "processed"})
        m_statusFilter->addItem(WebhookEventTableModel::statusText(status),
                                QString::fromLatin1(status));
    m_replay->setObjectName(QStringLiteral("replayButton"));
    auto *refreshEvents = new QPushButton(tr("Refresh"), this);
    refreshEvents->setObjectName(QStringLiteral("refreshEventsButton"));
    m_inbox->setObjectName(QStringLiteral("webhookInbox"));
    m_inbox->addBarWidget(new QLabel(tr("Status:"), this));
    m_inbox->addBarWidget(m_statusFilter);
    m_inbox->addButton(m_replay);
    m_inbox->addButton(refreshEvents);
    m_eventTable->setObjectName(QStringLiteral("webhookEventTable"));
    m_eventTable->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_eventTable->setSortingEnabled(true);
    m_eventTable->sortByColumn(-1, Qt::AscendingOrder);
    m_eventTable->setItemDelegateForColumn(WebhookEventTableModel::Status,
                                           new StatusBadgeDelegate(WebhookEventTableModel::ToneRole,
                                                                   StatusBadgeDelegate::Values::Tone,
                                                                   m_eventTable));
    m_eventTable->setColumnWidth(WebhookEventTableModel::Type, 27 * em);
    m_eventTable->setColumnWidth(WebhookEventTableModel::Created,
                                 DisplayText::dateTimeWidth(fontMetrics()));
    m_eventTable->setColumnWidth(WebhookEventTableModel::Status, 8 * em);
    m_eventTable->setColumnWidth(WebhookEventTableModel::Attempts, 6 * em);
    m_eventTable->setColumnWidth(WebhookEventTableModel::LastError, 26 * em);
    m_eventCount->setObjectName(QStringLiteral("webhookEventCount"));
    auto *inboxContent = new QWidget(this);
    auto *inboxLayout = new QVBoxLayout(inboxContent);
    inboxLayout->setContentsMargins(0, 0, 0, 0);
    inboxLayout->addWidget(m_eventTable, 1);
    inboxLayout->addWidget(m_eventCount);
    m_inbox->setContent(inboxContent);

    // Reconciliation.
    m_reconcile->setObjectName(QStringLiteral("reconciliation"));
    m_runReconciliation->setObjectName(QStringLiteral("runReconciliationButton"));
    m_applyDrift->setObjectName(QStringLiteral("applyDriftButton"));
    m_reconcile->addButton(m_runReconciliation);
    m_reconcile->addButton(m_applyDrift);
    m_progress->setObjectName(QStringLiteral("reconciliationProgress"));
    m_progress->hide();
    m_reconcileWhen->setObjectName(QStringLiteral("reconciliationTime"));
    QFont whenFont = m_reconcileWhen->font();
    whenFont.setBold(true);
    m_reconcileWhen->setFont(whenFont);
    m_reconcileWhen->hide();
    m_reconcileMessage->setObjectName(QStringLiteral("reconciliationMessage"));
    m_reconcileMessage->setWordWrap(true);
    m_reconcileMessage->setText(
        tr("Compare every local subscription with the billing provider's state: differences "
           "are listed here, and the provider's value can be applied row by row."));
    m_driftTable->setObjectName(QStringLiteral("driftTable"));
    m_driftTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_driftTable->setColumnWidth(BillingDriftTableModel::Kind, 14 * em);
    m_driftTable->setColumnWidth(BillingDriftTableModel::Tenant, 16 * em);
    m_driftTable->setColumnWidth(BillingDriftTableModel::Local, 14 * em);
    m_driftTable->setColumnWidth(BillingDriftTableModel::Provider, 14 * em);
    // Room for a few rows before the splitter has to be moved.
    m_driftTable->setMinimumHeight(6 * m_driftTable->verticalHeader()->defaultSectionSize());
    m_driftTable->hide();
    auto *reconcileContent = new QWidget(this);
    auto *reconcileLayout = new QVBoxLayout(reconcileContent);
    reconcileLayout->setContentsMargins(0, 0, 0, 0);
    reconcileLayout->addWidget(m_reconcileWhen);
    reconcileLayout->addWidget(m_reconcileMessage);
    reconcileLayout->addWidget(m_progress);
    reconcileLayout->addWidget(m_driftTable, 1);
    reconcileLayout->addStretch(0);
    m_reconcile->setContent(reconcileContent);
    m_reconcile->showContent();

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_inbox);
    splitter->addWidget(m_reconcile);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(header);
    layout->addWidget(splitter, 1);

    m_pollTimer.setSingleShot(true);
    m_pollTimer.setInterval(pollIntervalMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &BillingView::poll);

    connect(m_advanceDay, &QPushButton::clicked, this, [this] { advanceBy(secondsPerDay); });
    connect(m_advanceMonth, &QPushButton::clicked, this, &BillingView::advanceOneMonth);
    connect(m_advanceTo, &QPushButton::clicked, this, &BillingView::advanceTo);
    connect(m_headerRetry, &QPushButton::clicked, this, [this] {
        if (m_headerRetryAction)
            m_headerRetryAction();
    });
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_filterChosen = true;
        loadEvents(false);
    });
    connect(m_replay, &QPushButton::clicked, this, &BillingView::replaySelected);
    connect(refreshEvents, &QPushButton::clicked, this, [this] { loadEvents(false); });
    connect(m_inbox, &SectionWidget::retryRequested, this, [this] { loadEvents(false); });
    connect(m_inbox, &SectionWidget::moreRequested, this, &BillingView::showOlderEvents);
    connect(m_eventTable->selectionModel(),
            &QItemSelectionModel::selectionChanged,
            this,
            &BillingView::updateActions);
    connect(m_runReconciliation, &QPushButton::clicked, this, &BillingView::runReconciliation);
    connect(m_applyDrift, &QPushButton::clicked, this, &BillingView::applySelectedDrift);
    connect(m_driftTable, &QTableView::doubleClicked, this, [this] { applySelectedDrift(); });
    connect(m_reconcile, &SectionWidget::retryRequested, this, [this] {
        if (m_reconcileRetry)
            m_reconcileRetry();
    });
    connect(m_reconcile, &SectionWidget::moreRequested, this, [this] {
        if (!m_driftCursor.isEmpty())
            loadDrift(m_driftCursor);
    });
    connect(m_driftTable->selectionModel(),
            &QItemSelectionModel::selectionChanged,
            this,
            &BillingView::updateActions);
    showBilling();
    updateActions();
}

BillingView::~BillingView() = default;

void BillingView::setPermissions(const Permissions &permissions)
{
    m_permissions = permissions;
    updateActions();
}

void BillingView::reload()
{
    m_loaded = true;
    loadBilling();
    loadEvents(!m_filterChosen);
    if (!m_reconciliation && !m_pendingStart)
        loadLatestReconciliation();
}

void BillingView::retry()
{
    if (!m_loaded)
        return;
    if (!m_billing)
        loadBilling();
    if (m_inbox->state() == SectionWidget::State::Error)
        loadEvents(false);
    if (m_reconcile->state() == SectionWidget::State::Error && m_reconcileRetry)
        m_reconcileRetry();
}

// --- Provider and test clock ----------------------------------------------------------------

bool BillingView::isLoading() const
{
    return m_loadingBilling || m_inbox->state() == SectionWidget::State::Loading;
}

bool BillingView::isBusy() const
{
    return isLoading() || m_advancing || m_pendingStart || isRunning(m_reconciliation)
           || m_loadingDrift;
}

void BillingView::loadBilling()
{
    m_loadingBilling = true;
    auto *job = new GetBillingJob(m_client, this);
    connect(job, &ApiJob::finished, this, [this, job] {
        m_loadingBilling = false;
        if (job->hasError()) {
            showHeaderError(tr("The billing provider's state could not be loaded."),
                            *job->error(),
                            [this] { loadBilling(); });
            Q_EMIT errorOccurred(*job->error());
            return;
        }
        clearHeaderError();
        m_billing = job->billing();
        showBilling();
        Q_EMIT billingLoaded(*m_billing);
    });
    job->start();
}

void BillingView::showBilling()
{
    m_provider->setText(m_billing ? tr("Provider: %1").arg(providerText(m_billing->provider))
                                  : tr("Provider: \u2026"));
    const bool clock = m_billing && m_billing->hasTestClock();
    m_clock->setText(clock ? DisplayFormat::dateTime(*m_billing->testClock) : QString());
    m_clock->setToolTip(clock ? QString::fromStdString(formatRfc3339(*m_billing->testClock))
                              : QString());
    for (QWidget *widget : {static_cast<QWidget *>(m_clockLabel),
                            static_cast<QWidget *>(m_clock),
                            static_cast<QWidget *>(m_advanceDay),
                            static_cast<QWidget *>(m_advanceMonth),
                            static_cast<QWidget *>(m_advanceTo)})
        widget->setVisible(clock);
    updateActions();
}

void BillingView::advanceBy(std::int64_t seconds)
{
    if (!m_permissions.has(billingWrite) || m_advancing || !m_billing || !m_billing->hasTestClock())
        return;
    startAdvance(new AdvanceTestClockJob(m_client, seconds, this));
}

void BillingView::advanceOneMonth()
{
    if (!m_permissions.has(billingWrite) || m_advancing || !m_billing || !m_billing->hasTestClock())
        return;
    startAdvance(
        new AdvanceTestClockJob(m_client, addCalendarMonths(*m_billing->testClock, 1), this));
}

void BillingView::startAdvance(AdvanceTestClockJob *job)
{
    // Kept after a failure: "Retry" starts the same job, with the same Idempotency-Key, so a
    // lost answer never moves the clock twice.
    job->setAutoDelete(false);
    connect(job, &ApiJob::finished, this, [this, job] { finishAdvance(job); });
    runAdvance(job);
}

void BillingView::runAdvance(AdvanceTestClockJob *job)
{
    if (m_failedAdvance && m_failedAdvance != job)
        m_failedAdvance->deleteLater();
    m_failedAdvance.clear();
    m_advancing = true;
    m_advanceBusy->show();
    clearHeaderError();
    updateActions();
    job->start();
}

void BillingView::finishAdvance(AdvanceTestClockJob *job)
{
    m_advancing = false;
    m_advanceBusy->hide();
    if (job->hasError()) {
        m_failedAdvance = job;
        showHeaderError(tr("The test clock could not be advanced."), *job->error(), [this, job] {
            runAdvance(job);
        });
        Q_EMIT errorOccurred(*job->error());
        updateActions();
        return;
    }
    m_billing = job->billing();
    job->deleteLater();
    showBilling();
    Q_EMIT billingLoaded(*m_billing);
    // What fell due sent events through the inbox.
    loadEvents(false);
}

ActionDialog *BillingView::advanceTo()
{
    if (!m_permissions.has(billingWrite) || m_advancing || !m_billing || !m_billing->hasTestClock())
        return nullptr;
    const QDateTime now = DisplayFormat::toDateTime(*m_billing->testClock);
    auto *dialog = new ActionDialog(tr("Advance the test clock"), tr("Advance"), this);
    dialog->setObjectName(QStringLiteral("advanceToDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    auto *edit = new QDateTimeEdit(now.addDays(7), dialog);
    edit->setObjectName(QStringLiteral("advanceToEdit"));
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QLocale().dateTimeFormat(QLocale::ShortFormat));
    edit->setMinimumDateTime(now.addSecs(60));
    edit->setMaximumDateTime(now.addYears(2));
    dialog->addRow(tr("Now:"), new QLabel(DisplayFormat::dateTime(*m_billing->testClock), dialog));
    dialog->addRow(tr("Advance to:"), edit);
    const auto update = [dialog, edit, now] {
        const qint64 days = now.daysTo(edit->dateTime());
        dialog->setConsequence(
            tr("The simulator's clock moves %Ln day(s) ahead. Subscriptions renew, invoices are "
               "issued, payments are retried and trials end as they fall due, and their events "
               "arrive in the webhook inbox. The clock cannot be moved back.",
               nullptr,
               static_cast<int>(days)));
    };
    connect(edit, &QDateTimeEdit::dateTimeChanged, dialog, update);
    update();
    connect(dialog, &ActionDialog::confirmed, this, [this, dialog, edit] {
        const Timestamp to = DisplayFormat::fromDateTime(edit->dateTime());
        const QString inputs = QString::fromStdString(formatRfc3339(to));
        auto *job = new AdvanceTestClockJob(m_client, to, this);
        if (const QByteArray key = dialog->keyFor(inputs); !key.isEmpty())
            job->setIdempotencyKey(key);
        dialog->rememberKey(inputs, job->idempotencyKey());
        dialog->setBusy(true, tr("Advancing the test clock\u2026"));
        m_advancing = true;
        m_advanceBusy->show();
        updateActions();
        QPointer<ActionDialog> guard(dialog);
        connect(job, &ApiJob::finished, this, [this, job, guard] {
            m_advancing = false;
            m_advanceBusy->hide();
            updateActions();
            if (job->hasError()) {
                if (guard)
                    guard->showError(tr("The test clock could not be advanced."), *job->error());
                Q_EMIT errorOccurred(*job->error());
                return;
            }
            if (guard)
                guard->finish();
            clearHeaderError();
            m_billing = job->billing();
            showBilling();
            Q_EMIT billingLoaded(*m_billing);
            loadEvents(false);
        });
        job->start();
    });
    dialog->open();
    return dialog;
}

void BillingView::showHeaderError(const QString &action,
                                  const ApiError &error,
                                  std::function<void()> retry)
{
    m_headerError->setText(ErrorText::html(action, error));
    m_headerError->show();
    m_headerRetryAction = std::move(retry);
    m_headerRetry->setVisible(bool(m_headerRetryAction));
}

void BillingView::clearHeaderError()
{
    m_headerError->clear();
    m_headerError->hide();
    m_headerRetry->hide();
    m_headerRetryAction = nullptr;
}

// --- Webhook inbox ----------------------------------------------------------------------------

QString BillingView::statusFilterValue() const
{
    return m_statusFilter->currentData().toString();
}

void BillingView::setStatusFilter(const QString &status)
{
    const int index = m_statusFilter->findData(status);
    if (index >= 0)
        m_statusFilter->setCurrentIndex(index); // reloads, as the user's choice
}

void BillingView::loadEvents(bool probeDead)
{
    const int generation = ++m_eventGeneration;
    m_inbox->setLoading();
    m_inbox->setLoadingMore(false);
    if (!probeDead) {
        fetchEvents({});
        return;
    }
    // Before the user picks a filter: dead events first, when there are any.
    auto *probe = new ListWebhookEventsJob(m_client, QStringLiteral("dead"), {}, 1, {}, this);
    connect(probe, &ApiJob::finished, this, [this, probe, generation] {
        if (generation != m_eventGeneration)
            return;
        if (!m_filterChosen) {
            const bool dead = !probe->hasError() && !probe->page().data.empty();
            const QSignalBlocker blocker(m_statusFilter);
            m_statusFilter->setCurrentIndex(
                m_statusFilter->findData(dead ? QStringLiteral("dead") : QString()));
        }
        fetchEvents({});
    });
    probe->start();
}

void BillingView::fetchEvents(const QString &cursor)
{
    const int generation = m_eventGeneration;
    auto *job = new ListWebhookEventsJob(
        m_client, statusFilterValue(), {}, m_eventPageSize, cursor, this);
    connect(job, &ApiJob::finished, this, [this, job, generation, cursor] {
        if (generation != m_eventGeneration)
            return;
        m_inbox->setLoadingMore(false);
        if (job->hasError()) {
            m_inbox->setError(cursor.isEmpty() ? tr("The webhook inbox could not be loaded.")
                                               : tr("Older webhook events could not be loaded."),
                              *job->error());
            Q_EMIT errorOccurred(*job->error());
            return;
        }
        const ListPage<WebhookEvent> &page = job->page();
        if (cursor.isEmpty())
            m_events->setRecords(page.data);
        else
            m_events->appendRecords(page.data);
        m_eventCursor = QString::fromStdString(page.nextCursor);
        m_inbox->showContent();
        m_inbox->setMoreAvailable(page.hasMore && !m_eventCursor.isEmpty());
        const int rows = m_events->rowCount();
        const QString filter = statusFilterValue();
        if (rows == 0)
            m_eventCount->setText(filter.isEmpty() ? tr("No webhook events yet.")
                                                   : tr("No webhook events with this status."));
        else
            m_eventCount->setText(m_inbox->isMoreAvailable()
                                      ? tr("%Ln event(s) shown; older ones follow.", nullptr, rows)
                                      : tr("%Ln event(s)", nullptr, rows));
        updateActions();
        Q_EMIT eventsLoaded();
    });
    job->start();
}

void BillingView::showOlderEvents()
{
    if (m_eventCursor.isEmpty())
        return;
    m_inbox->setLoadingMore(true);
    fetchEvents(m_eventCursor);
}

QList<int> BillingView::selectedRows(QTableView *table) const
{
    const auto *proxy = static_cast<const QSortFilterProxyModel *>(table->model());
    QList<int> rows;
    const QModelIndexList selected = table->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        rows.append(proxy->mapToSource(index).row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

ActionDialog *BillingView::replaySelected()
{
    if (!m_permissions.has(billingWrite))
        return nullptr;
    QStringList ids;
    QStringList lines;
    for (const int row : selectedRows(m_eventTable)) {
        const WebhookEvent *event = m_events->record(row);
        if (!event || !event->isReplayable())
            continue;
        ids.append(QString::fromStdString(event->id));
        if (lines.size() < 8)
            lines.append(tr("%1 (%2, %3)")
                             .arg(QString::fromStdString(event->id),
                                  QString::fromStdString(event->type),
                                  WebhookEventTableModel::statusText(event->status)));
    }
    if (ids.isEmpty())
        return nullptr;
    if (ids.size() > lines.size())
        lines.append(tr("and %Ln more", nullptr, static_cast<int>(ids.size() - lines.size())));

    auto *dialog = new ActionDialog(tr("Replay webhook events"), tr("Replay"), this);
    dialog->setObjectName(QStringLiteral("replayDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    auto *list = new QLabel(lines.join(QLatin1Char('\n')), dialog);
    list->setTextInteractionFlags(Qt::TextSelectableByMouse);
    dialog->addRow(tr("Events:"), list);
    dialog->setConsequence(
        tr("%Ln event(s) go back to pending and are applied again, like a new delivery. An "
           "event older than the state already applied changes nothing. Each replay is audited.",
           nullptr,
           static_cast<int>(ids.size())));

    // One replay per event, each with its own Idempotency-Key, kept across retries of the
    // dialog: a retry replays only what failed, with the same keys.
    struct Replays
    {
        QStringList remaining;
        QHash<QString, QByteArray> keys;
        int running = 0;
        int done = 0;
        std::optional<ApiError> error;
    };
    auto replays = std::make_shared<Replays>();
    replays->remaining = ids;
    QPointer<ActionDialog> guard(dialog);
    connect(dialog, &ActionDialog::confirmed, this, [this, guard, replays] {
        if (!guard || replays->running > 0)
            return;
        guard->setBusy(true, tr("Replaying\u2026"));
        replays->error.reset();
        const QStringList batch = std::exchange(replays->remaining, {});
        replays->running = static_cast<int>(batch.size());
        for (const QString &id : batch) {
            auto *job = new ReplayWebhookEventJob(m_client, id, this);
            if (replays->keys.contains(id))
                job->setIdempotencyKey(replays->keys.value(id));
            replays->keys.insert(id, job->idempotencyKey());
            connect(job, &ApiJob::finished, this, [this, guard, replays, job, id] {
                // 409 not_replayable: pending or processed already, nothing left to do.
                const bool done = !job->hasError()
                                  || job->error()->code() == QLatin1String("not_replayable");
                if (done) {
                    ++replays->done;
                } else {
                    replays->remaining.append(id);
                    if (!replays->error)
                        replays->error = *job->error();
                }
                if (--replays->running > 0)
                    return;
                loadEvents(false);
                if (replays->remaining.isEmpty()) {
                    if (guard)
                        guard->finish();
                    Q_EMIT eventsReplayed(replays->done);
                    return;
                }
                if (guard)
                    guard->showError(tr("%Ln event(s) could not be replayed. Replay retries "
                                        "only those.",
                                        nullptr,
                                        static_cast<int>(replays->remaining.size())),
                                     *replays->error);
                Q_EMIT errorOccurred(*replays->error);
            });
            job->start();
        }
    });
    dialog->open();
    return dialog;
}

// --- Reconciliation ---------------------------------------------------------------------------

void BillingView::loadLatestReconciliation()
{
    // The report of the last reconciliation (or its progress, if it still runs), whoever
    // started it: finance reads it without being able to start one.
    ListJobsJob::Filter filter;
    filter.type = QStringLiteral("billing.reconcile");
    auto *job = new ListJobsJob(m_client, filter, 1, {}, this);
    connect(job, &ApiJob::finished, this, [this, job] {
        // An error leaves the hint: the page works without it, and the other loads report
        // what is wrong with the connection.
        if (job->hasError() || job->page().data.empty() || m_reconciliation || m_pendingStart)
            return;
        m_reconciliation = job->page().data.front();
        showJob(*m_reconciliation);
    });
    job->start();
}

void BillingView::runReconciliation()
{
    if (!m_permissions.has(billingWrite) || isRunning(m_reconciliation) || m_pendingStart)
        return;
    if (m_failedStart) {
        // The start that failed, again: the same Idempotency-Key, so at most one job starts.
        runStart(m_failedStart);
        return;
    }
    // Kept after a failure (see m_failedStart).
    auto *job = new StartReconciliationJob(m_client, this);
    job->setAutoDelete(false);
    connect(job, &ApiJob::finished, this, [this, job] {
        m_pendingStart.clear();
        if (job->hasError()) {
            m_progress->hide();
            m_reconcile->setError(tr("The reconciliation could not be started."), *job->error());
            m_reconcileRetry = [this, job] { runStart(job); };
            m_failedStart = job;
            Q_EMIT errorOccurred(*job->error());
            updateActions();
            return;
        }
        m_failedStart.clear();
        job->deleteLater();
        m_reconciliation = job->job();
        showJob(*m_reconciliation);
    });
    runStart(job);
}

void BillingView::runStart(ApiJob *job)
{
    m_pendingStart = job;
    ++m_driftGeneration;
    m_reconcileWhen->hide();
    m_reconcile->showContent();
    m_reconcile->setMoreAvailable(false);
    m_drift->setRecords({});
    // Room for a few rows before the splitter has to be moved.
    m_driftTable->setMinimumHeight(6 * m_driftTable->verticalHeader()->defaultSectionSize());
    m_driftTable->hide();
    m_progress->setRange(0, 0);
    m_progress->show();
    m_reconcileMessage->setText(tr("Starting the reconciliation\u2026"));
    updateActions();
    job->start();
}

void BillingView::poll()
{
    if (!m_reconciliation || m_reconciliation->isFinished())
        return;
    m_polling = true;
    auto *job = new GetJobRecordJob(m_client, QString::fromStdString(m_reconciliation->id), this);
    const std::string id = m_reconciliation->id;
    connect(job, &ApiJob::finished, this, [this, job, id] {
        m_polling = false;
        if (!m_reconciliation || m_reconciliation->id != id)
            return;
        if (job->hasError()) {
            m_progress->hide();
            m_reconcile->setError(tr("The reconciliation's progress could not be read."),
                                  *job->error());
            m_reconcileRetry = [this] {
                m_reconcile->showContent();
                poll();
            };
            Q_EMIT errorOccurred(*job->error());
            return;
        }
        m_reconciliation = job->job();
        showJob(*m_reconciliation);
    });
    job->start();
}

void BillingView::showJob(const JobRecord &job)
{
    m_reconcile->showContent();
    m_reconcileWhen->setText(
        job.isFinished() && job.finishedAt
            ? tr("Reconciliation finished %1").arg(DisplayFormat::dateTime(*job.finishedAt))
            : tr("Reconciliation started %1").arg(DisplayFormat::dateTime(job.createdAt)));
    m_reconcileWhen->show();
    if (!job.isFinished()) {
        if (job.progressTotal > 0) {
            m_progress->setRange(0, static_cast<int>(job.progressTotal));
            m_progress->setValue(static_cast<int>(job.progressDone));
        } else {
            m_progress->setRange(0, 0);
        }
        m_progress->show();
        m_reconcileMessage->setText(
            job.status == "queued"
                ? tr("The reconciliation waits for its turn\u2026")
                : tr("Comparing subscriptions with the billing provider: %1 of %2\u2026")
                      .arg(QLocale().toString(static_cast<qlonglong>(job.progressDone)),
                           QLocale().toString(static_cast<qlonglong>(job.progressTotal))));
        m_pollTimer.start();
        updateActions();
        return;
    }
    m_pollTimer.stop();
    m_progress->hide();
    if (job.hasSucceeded()) {
        m_reconcileMessage->setText(tr("Loading what the reconciliation found\u2026"));
        loadDrift({});
    } else if (job.status == "canceled") {
        m_reconcileMessage->setText(tr("The reconciliation was canceled."));
    } else {
        m_reconcileMessage->setText(tr("The reconciliation failed: %1")
                                        .arg(job.errorMessage.empty()
                                                 ? tr("the server gave no reason")
                                                 : QString::fromStdString(job.errorMessage)));
    }
    updateActions();
    Q_EMIT reconciliationFinished(job);
}

void BillingView::loadDrift(const QString &cursor)
{
    if (!m_reconciliation)
        return;
    const int generation = cursor.isEmpty() ? ++m_driftGeneration : m_driftGeneration;
    if (!cursor.isEmpty())
        m_reconcile->setLoadingMore(true);
    m_loadingDrift = true;
    auto *job = new ListBillingDriftJob(m_client,
                                        QString::fromStdString(m_reconciliation->id),
                                        driftPageSize,
                                        cursor,
                                        this);
    connect(job, &ApiJob::finished, this, [this, job, cursor, generation] {
        if (generation != m_driftGeneration)
            return;
        m_loadingDrift = false;
        m_reconcile->setLoadingMore(false);
        if (job->hasError()) {
            m_reconcile->setError(tr("What the reconciliation found could not be loaded."),
                                  *job->error());
            m_reconcileRetry = [this, cursor] {
                m_reconcile->showContent();
                loadDrift(cursor);
            };
            Q_EMIT errorOccurred(*job->error());
            return;
        }
        const ListPage<BillingDrift> &page = job->page();
        if (cursor.isEmpty())
            m_drift->setRecords(page.data);
        else
            m_drift->appendRecords(page.data);
        m_driftCursor = QString::fromStdString(page.nextCursor);
        m_reconcile->showContent();
        m_reconcile->setMoreAvailable(page.hasMore && !m_driftCursor.isEmpty());
        const int rows = m_drift->rowCount();
        int open = 0;
        for (const BillingDrift &drift : m_drift->records())
            open += drift.isApplied() ? 0 : 1;
        m_driftTable->setVisible(rows > 0);
        resolveTenantNames(page.data);
        if (rows == 0)
            m_reconcileMessage->setText(tr("No drift: local state matches the provider."));
        else if (open == 0)
            m_reconcileMessage->setText(tr("%Ln difference(s) found, all applied.", nullptr, rows));
        else
            m_reconcileMessage->setText(tr("%Ln difference(s) found. Select one to apply the "
                                           "provider's value.",
                                           nullptr,
                                           rows));
        updateActions();
        Q_EMIT driftLoaded();
    });
    job->start();
}

void BillingView::resolveTenantNames(const std::vector<BillingDrift> &rows)
{
    // Drift names its tenant by id; the names come one tenant at a time, once per tenant.
    for (const BillingDrift &drift : rows) {
        if (!drift.tenantId || !m_namesAsked.insert(*drift.tenantId).second)
            continue;
        const std::string tenantId = *drift.tenantId;
        auto *job = new GetTenantJob(m_client, QString::fromStdString(tenantId), this);
        connect(job, &ApiJob::finished, this, [this, job, tenantId] {
            if (job->hasError()) {
                m_namesAsked.erase(tenantId); // the id stays in the cell
                return;
            }
            m_drift->setTenantName(tenantId, QString::fromStdString(job->tenant().name));
        });
        job->start();
    }
}

ActionDialog *BillingView::applySelectedDrift()
{
    if (!m_permissions.has(billingWrite))
        return nullptr;
    const QList<int> rows = selectedRows(m_driftTable);
    const BillingDrift *selected = rows.isEmpty() ? nullptr : m_drift->record(rows.first());
    if (!selected || selected->isApplied())
        return nullptr;
    const BillingDrift drift = *selected;
    auto *dialog = new ActionDialog(tr("Apply the provider's value"), tr("Apply"), this);
    dialog->setObjectName(QStringLiteral("applyDriftDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->addRow(tr("Difference:"),
                   new QLabel(BillingDriftTableModel::kindText(drift.kind), dialog));
    QString tenant = tr("(no tenant)");
    if (drift.tenantId) {
        const QString name = m_drift->tenantName(*drift.tenantId);
        tenant = name.isEmpty() ? QString::fromStdString(*drift.tenantId)
                                : tr("%1 (%2)").arg(name, QString::fromStdString(*drift.tenantId));
    }
    dialog->addRow(tr("Tenant:"), new QLabel(tenant, dialog));
    dialog->addRow(tr("Here:"),
                   new QLabel(BillingDriftTableModel::sideText(drift.local, drift.kind), dialog));
    dialog->addRow(tr("At the provider:"),
                   new QLabel(BillingDriftTableModel::sideText(drift.provider, drift.kind), dialog));
    dialog->setConsequence(BillingDriftTableModel::changeText(drift) + QLatin1Char(' ')
                           + tr("The change is audited."));
    const QString driftId = QString::fromStdString(drift.id);
    connect(dialog, &ActionDialog::confirmed, this, [this, dialog, driftId] {
        auto *job = new ApplyBillingDriftJob(m_client, driftId, this);
        if (const QByteArray key = dialog->keyFor(driftId); !key.isEmpty())
            job->setIdempotencyKey(key);
        dialog->rememberKey(driftId, job->idempotencyKey());
        dialog->setBusy(true, tr("Applying the provider's value\u2026"));
        QPointer<ActionDialog> guard(dialog);
        connect(job, &ApiJob::finished, this, [this, job, guard, driftId] {
            if (job->hasError()) {
                if (guard)
                    guard->showError(tr("The provider's value could not be applied."),
                                     *job->error());
                if (job->error()->code() == QLatin1String("already_applied") && guard)
                    guard->setInputValid(false, tr("This row was applied meanwhile."));
                Q_EMIT errorOccurred(*job->error());
                loadDrift({});
                return;
            }
            if (guard)
                guard->finish();
            loadDrift({});
            Q_EMIT driftApplied(driftId);
        });
        job->start();
    });
    dialog->open();
    return dialog;
}

// --- Actions ----------------------------------------------------------------------------------

void BillingView::updateActions()
{
    const bool allowed = m_permissions.has(billingWrite);
    const QString denial = m_permissions.denialReason(billingWrite);

    const bool clock = m_billing && m_billing->hasTestClock();
    for (QPushButton *button : {m_advanceDay, m_advanceMonth, m_advanceTo}) {
        button->setEnabled(allowed && clock && !m_advancing);
        if (!allowed)
            button->setToolTip(denial);
        else if (m_advancing)
            button->setToolTip(tr("The test clock is being advanced."));
        else
            button->setToolTip({});
    }
    if (allowed && !m_advancing) {
        m_advanceDay->setToolTip(tr("Move the simulator's clock one day ahead"));
        m_advanceMonth->setToolTip(tr("Move the simulator's clock one calendar month ahead"));
        m_advanceTo->setToolTip(tr("Move the simulator's clock to a date and time"));
    }

    int replayable = 0;
    for (const int row : selectedRows(m_eventTable)) {
        const WebhookEvent *event = m_events->record(row);
        replayable += event && event->isReplayable() ? 1 : 0;
    }
    m_replay->setEnabled(allowed && replayable > 0);
    m_replay->setToolTip(
        !allowed ? denial
        : replayable > 0
            ? tr("Replay the %Ln selected dead or ignored event(s)", nullptr, replayable)
            : tr("Select dead or ignored events to replay them"));

    const bool running = isRunning(m_reconciliation) || m_pendingStart;
    m_runReconciliation->setEnabled(allowed && !running);
    m_runReconciliation->setToolTip(
        !allowed  ? denial
        : running ? tr("A reconciliation is running")
                  : tr("Compare every local subscription with the billing provider"));

    const QList<int> driftRows = selectedRows(m_driftTable);
    const BillingDrift *drift = driftRows.isEmpty() ? nullptr : m_drift->record(driftRows.first());
    const bool applicable = drift && !drift->isApplied();
    m_applyDrift->setEnabled(allowed && applicable);
    m_applyDrift->setToolTip(!allowed     ? denial
                             : applicable ? tr("Make the local subscription what the provider "
                                               "says")
                             : drift      ? tr("This row has been applied")
                                          : tr("Select a difference to apply it"));
}

} // namespace Tenantry
