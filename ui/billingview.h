#pragma once

// The billing page (billing.read: owner, admin, finance):
// - the provider and, for the simulator, its test clock with "Advance 1 day", "Advance 1
//   month" and "Advance to…" (POST /v1/billing/test-clock/advance);
// - the Stripe webhook inbox (GET /v1/webhook-events), filtered by status (dead first when
//   there are dead events), with "Replay…" for the selected dead or ignored events, each replay
//   with its own Idempotency-Key;
// - reconciliation: "Run reconciliation" starts the job (POST /v1/billing/reconcile), a
//   progress bar follows it (GET /v1/jobs/{id} every 500 ms until it ends), then its drift
//   (GET /v1/billing/drift) with "Apply provider's value…" per selected row. On opening, the
//   last reconciliation's report (GET /v1/jobs?type=billing.reconcile), whoever ran it.
// Every action needs billing.write (owner, admin); otherwise its button is disabled and its
// tooltip names the missing permission. Nothing here waits: every call is an ApiJob, and a
// failed mutation retried from the page (or its dialog) reuses its Idempotency-Key.

#include "client/apierror.h"
#include "client/billingdrift.h"
#include "client/billingstate.h"
#include "client/jobrecord.h"
#include "ui/permissions.h"

#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace Tenantry {

class ActionDialog;
class AdvanceTestClockJob;
class ApiClient;
class ApiJob;
class BillingDriftTableModel;
class SectionWidget;
class WebhookEventTableModel;

class BillingView : public QWidget
{
    Q_OBJECT

public:
    static constexpr int defaultEventPageSize = 50;
    static constexpr int driftPageSize = 100;
    static constexpr int pollIntervalMs = 500;

    explicit BillingView(ApiClient *client, QWidget *parent = nullptr);
    ~BillingView() override;

    void setPermissions(const Permissions &permissions);
    // The provider and clock, and the inbox's first page (the status filter as it is; before
    // the user picked one, "dead" when there are dead events).
    void reload();
    // After a reconnect: what failed loads again.
    void retry();
    bool hasLoaded() const { return m_loaded; }
    // Whether the provider's state or the inbox's first page is still on its way.
    bool isLoading() const;
    // Whether anything is still on its way: a load, a clock advance, a reconciliation or its
    // drift.
    bool isBusy() const;

    const std::optional<BillingState> &billing() const { return m_billing; }
    const std::optional<JobRecord> &reconciliation() const { return m_reconciliation; }
    bool isAdvancing() const { return m_advancing; }
    bool isPolling() const { return m_pollTimer.isActive() || m_polling; }

    WebhookEventTableModel *eventModel() const { return m_events; }
    BillingDriftTableModel *driftModel() const { return m_drift; }
    QTableView *eventTable() const { return m_eventTable; }
    QTableView *driftTable() const { return m_driftTable; }
    QComboBox *statusFilter() const { return m_statusFilter; }
    // The API status the inbox is filtered by ("" for all).
    QString statusFilterValue() const;
    void setStatusFilter(const QString &status);
    // Events per page of the inbox (the next page comes with "Show older").
    int eventPageSize() const { return m_eventPageSize; }
    void setEventPageSize(int size) { m_eventPageSize = size > 0 ? size : defaultEventPageSize; }

    // The clock actions (simulator only; nothing without billing.write or while one runs).
    void advanceBy(std::int64_t seconds);
    void advanceOneMonth();
    ActionDialog *advanceTo();
    // The confirmation of replaying the selected dead/ignored events (nullptr when none).
    ActionDialog *replaySelected();
    void runReconciliation();
    // The confirmation of applying the provider's value of the selected drift row.
    ActionDialog *applySelectedDrift();
    void showOlderEvents();

Q_SIGNALS:
    void errorOccurred(const Tenantry::ApiError &error);
    void billingLoaded(const Tenantry::BillingState &billing);
    void eventsLoaded();
    void eventsReplayed(int count);
    void reconciliationFinished(const Tenantry::JobRecord &job);
    void driftLoaded();
    void driftApplied(const QString &driftId);

private:
    void loadBilling();
    void showBilling();
    void loadEvents(bool probeDead);
    void fetchEvents(const QString &cursor);
    void startAdvance(AdvanceTestClockJob *job);
    void runAdvance(AdvanceTestClockJob *job);
    void finishAdvance(AdvanceTestClockJob *job);
    void showHeaderError(const QString &action, const ApiError &error, std::function<void()> retry);
    void clearHeaderError();
    void loadLatestReconciliation();
    void runStart(ApiJob *job);
    void poll();
    void showJob(const JobRecord &job);
    void loadDrift(const QString &cursor);
    void resolveTenantNames(const std::vector<BillingDrift> &rows);
    void updateActions();
    QList<int> selectedRows(QTableView *table) const;

    ApiClient *m_client;
    Permissions m_permissions;
    bool m_loaded = false;
    bool m_loadingBilling = false;

    // Header: provider and test clock.
    std::optional<BillingState> m_billing;
    QLabel *m_provider;
    QLabel *m_clockLabel;
    QLabel *m_clock;
    QPushButton *m_advanceDay;
    QPushButton *m_advanceMonth;
    QPushButton *m_advanceTo;
    QProgressBar *m_advanceBusy;
    QLabel *m_headerError;
    QPushButton *m_headerRetry;
    std::function<void()> m_headerRetryAction;
    bool m_advancing = false;
    QPointer<AdvanceTestClockJob> m_failedAdvance; // kept for its Idempotency-Key

    // Webhook inbox.
    SectionWidget *m_inbox;
    WebhookEventTableModel *m_events;
    QTableView *m_eventTable;
    QComboBox *m_statusFilter;
    QPushButton *m_replay;
    QLabel *m_eventCount;
    QString m_eventCursor;
    int m_eventPageSize = defaultEventPageSize;
    int m_eventGeneration = 0;
    bool m_filterChosen = false; // by the user: no more defaulting to "dead"

    // Reconciliation.
    SectionWidget *m_reconcile;
    QPushButton *m_runReconciliation;
    QPushButton *m_applyDrift;
    QProgressBar *m_progress;
    QLabel *m_reconcileWhen;
    QLabel *m_reconcileMessage;
    BillingDriftTableModel *m_drift;
    QTableView *m_driftTable;
    std::optional<JobRecord> m_reconciliation;
    QTimer m_pollTimer;
    bool m_polling = false;
    QPointer<ApiJob> m_pendingStart; // the start in flight
    QPointer<ApiJob> m_failedStart;  // a failed start, retried with its key
    std::function<void()> m_reconcileRetry;
    QString m_driftCursor;
    std::set<std::string> m_namesAsked; // tenant ids whose name was asked for
    int m_driftGeneration = 0;
    bool m_loadingDrift = false;
};

} // namespace Tenantry
