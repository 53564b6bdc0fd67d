#pragma once

// The tenant "360°" view: everything support needs about one tenant on one screen, each
// section loading in parallel with its own loading and error state, and the actions support
// takes on a tenant, each confirmed with its consequence spelled out. The signed-in user's
// permissions (GET /v1/me) decide which actions are offered; the server stays the authority.

#include "client/apierror.h"
#include "client/jobrecord.h"
#include "client/tenantpatch.h"
#include "client/user.h"
#include "core/feature.h"
#include "core/plan.h"
#include "core/subscription.h"
#include "core/tenant.h"

#include <QTimer>
#include <QWidget>

#include <array>
#include <functional>
#include <optional>
#include <vector>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class QTabWidget;

namespace Tenantry {

class ActionDialog;
class ApiClient;
class ApiJob;
class AuditEventModel;
class EntitlementModel;
class InvoiceModel;
class JobRecordJob;
class NoteModel;
class SectionWidget;
class StatusBadge;
class TenantUserModel;

class TenantDetailView : public QWidget
{
    Q_OBJECT

public:
    TenantDetailView(ApiClient *client, const User &me, QWidget *parent = nullptr);

    // Shows the tenant (or reloads it when it is already shown): every section loads anew.
    void showTenant(const QString &tenantId);
    QString tenantId() const { return m_tenantId; }

Q_SIGNALS:
    // An action changed the tenant, its subscription, features, users or notes.
    void tenantChanged(const QString &tenantId);
    // Every failed request, loads and actions alike (the view shows it as well).
    void errorOccurred(const Tenantry::ApiError &error);

private:
    enum Section {
        OverviewSection,
        SubscriptionSection,
        FeaturesSection,
        UsersSection,
        NotesSection,
        InvoicesSection,
        HistorySection,
        SectionCount
    };

    void buildUi();
    QWidget *buildOverview();
    QWidget *buildSubscription();
    QTableView *makeTable(const QString &objectName);

    void loadMe();
    void loadCatalog();
    void load(Section section);
    void refresh(std::initializer_list<Section> sections);
    void failSection(Section section, const QString &action, const ApiError &error);

    // Starts `job` for `section`; `done` runs only when no newer load of that section began.
    template<typename Job>
    void startLoad(Section section, Job *job, std::function<void(Job *)> done);
    // A list section, a page at a time (newest first): `cursor` empty loads the first page
    // into `model`, otherwise the page after it is appended ("Show older").
    void loadList(Section section, const QString &cursor);
    template<typename Job, typename Model>
    void loadListPage(Section section, Job *job, Model *model, bool append, const QString &failure);

    void renderTenant();
    void renderSubscription();
    void updateActions();

    bool isPermitted(const char *permission) const;
    QString refusal(const char *permission) const;
    const Plan *planById(const std::string &planId) const;
    QString mrrText(const Plan &plan, std::int64_t quantity) const;
    std::vector<const Plan *> plansIn(const Currency *currency) const;

    // Runs the job built by `make` for a confirmed dialog: progress, then on success the
    // dialog closes, `refreshed` sections reload and tenantChanged() follows; on failure the
    // dialog shows the error. Unchanged inputs after a failure reuse the Idempotency-Key.
    template<typename Job>
    void runAction(ActionDialog *dialog,
                   const QString &inputs,
                   const QString &failure,
                   const QString &progress,
                   Job *job,
                   std::initializer_list<Section> refreshed,
                   std::function<void(Job *)> succeeded = {});

    void changePlan();
    void extendTrial();
    void cancelSubscription();
    void resumeSubscription();
    void createSubscription();
    void setOverride();
    void clearOverride();
    void addUser();
    void removeUser();
    void addNote();
    void editTenant();
    void submitEdit(ActionDialog *dialog, const Tenant &base, const TenantPatch &patch);
    void suspendTenant();
    void reactivateTenant();

    // Moving the tenant between the pool and a silo (POST /v1/tenants/{id}/move, a tenant.move
    // job): the newest move of the tenant that still runs or failed is looked up with the
    // tenant, shown with its progress and polled (GET /v1/jobs/{id}) until it ends; then the
    // tenant reloads. A running move offers Roll back, a failed one Resume and Roll back.
    void loadMove();
    void showMove();
    void pollMove();
    void moveTenant();
    void resumeMove();
    void rollbackMove();
    // Runs a move, resume or rollback request for a confirmed dialog; its 202 job is shown and
    // polled. `inputs` as for runAction.
    void runMoveAction(ActionDialog *dialog,
                       const QString &inputs,
                       const QString &failure,
                       const QString &progress,
                       JobRecordJob *job);
    // A move of the shown tenant is queued or running.
    bool isMoving() const;
    // Writes to the tenant are refused (503 tenant_moving): a move runs, or one failed and
    // waits to be resumed or rolled back.
    bool writesPaused() const;
    QString placementText() const;

    ApiClient *m_client;
    User m_me;
    bool m_meLoading = false;
    QString m_tenantId;
    std::optional<Tenant> m_tenant;
    std::optional<Subscription> m_subscription; // the live one
    std::optional<Subscription> m_lastEnded;    // the newest ended one, when none is live
    bool m_subscriptionLoaded = false;
    std::vector<Plan> m_plans;
    bool m_plansLoaded = false;
    std::vector<Feature> m_features;
    std::array<quint64, SectionCount> m_generation{};
    std::array<SectionWidget *, SectionCount> m_sections{};
    std::array<QString, SectionCount> m_cursors{}; // where "Show older" continues
    std::optional<JobRecord> m_move;               // of the shown tenant
    quint64 m_moveGeneration = 0; // a newer tenant, or a newer lookup, drops older answers
    QTimer m_movePollTimer;

    // Header
    QLabel *m_name = nullptr;
    StatusBadge *m_statusBadge = nullptr;
    QLabel *m_headerDetail = nullptr;
    QPushButton *m_editButton = nullptr;
    QPushButton *m_suspendButton = nullptr;
    QPushButton *m_reactivateButton = nullptr;
    QPushButton *m_moveButton = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QTabWidget *m_tabs = nullptr;

    // The move in progress (or the last one, failed or done, while it is shown)
    QWidget *m_movePanel = nullptr;
    QLabel *m_moveStatus = nullptr;
    QProgressBar *m_moveProgress = nullptr;
    QPushButton *m_resumeMoveButton = nullptr;
    QPushButton *m_rollbackMoveButton = nullptr;

    // Overview
    QLabel *m_slug = nullptr;
    QLabel *m_region = nullptr;
    QLabel *m_isolation = nullptr;
    QLabel *m_plan = nullptr;
    QLabel *m_contact = nullptr;
    QLabel *m_created = nullptr;
    QLabel *m_updated = nullptr;

    // Subscription
    QWidget *m_subscriptionDetails = nullptr;
    QLabel *m_noSubscription = nullptr;
    StatusBadge *m_subscriptionBadge = nullptr;
    QLabel *m_subscriptionPlan = nullptr;
    QLabel *m_quantity = nullptr;
    QLabel *m_mrr = nullptr;
    QLabel *m_period = nullptr;
    QLabel *m_trialEnd = nullptr;
    QLabel *m_cancellation = nullptr;
    QPushButton *m_changePlanButton = nullptr;
    QPushButton *m_extendTrialButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_resumeButton = nullptr;
    QPushButton *m_createSubscriptionButton = nullptr;

    // Lists
    EntitlementModel *m_entitlements = nullptr;
    TenantUserModel *m_users = nullptr;
    NoteModel *m_notes = nullptr;
    InvoiceModel *m_invoices = nullptr;
    AuditEventModel *m_history = nullptr;
    QTableView *m_entitlementsView = nullptr;
    QTableView *m_usersView = nullptr;
    QPushButton *m_setOverrideButton = nullptr;
    QPushButton *m_clearOverrideButton = nullptr;
    QPushButton *m_addUserButton = nullptr;
    QPushButton *m_removeUserButton = nullptr;
    QPushButton *m_addNoteButton = nullptr;
};

} // namespace Tenantry
