#pragma once

// Creating or editing a plan (plans.write: owners and admins). A new plan takes a key, name,
// price (typed in major units, read exactly into minor units: never a float), currency,
// interval, trial days and features; an existing plan can change its name, trial days, active
// flag and features only (its key, price and interval are fixed: a price change is a new
// plan). Saving runs the job with a busy indicator; a failure shows the server's message and
// request id and keeps everything typed; Save again after a lost connection retries with the
// same Idempotency-Key. A 412 (someone else changed the plan) refills the form with the
// plan as it is now and says so.

#include "core/feature.h"
#include "core/plan.h"

#include <QDialog>
#include <QPointer>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace Tenantry {

class ApiClient;
class PlanJob;

class PlanDialog : public QDialog
{
    Q_OBJECT

public:
    // `plan`: the plan to edit; nullopt for a new one.
    PlanDialog(ApiClient *client,
               const std::vector<Feature> &features,
               const std::optional<Plan> &plan,
               QWidget *parent = nullptr);

    bool isNewPlan() const { return !m_plan.has_value(); }

    // Validates the form and saves (what the Save button does).
    void save();

Q_SIGNALS:
    void planSaved(const Tenantry::Plan &plan);

private:
    void fill(const Plan &plan);
    QStringList checkedFeatures() const;
    void setBusy(bool busy);
    void showError(const QString &text);
    void finished(PlanJob *job);

    ApiClient *m_client;
    std::optional<Plan> m_plan;
    QLineEdit *m_key;
    QLineEdit *m_name;
    QLineEdit *m_price;
    QComboBox *m_currency;
    QComboBox *m_interval;
    QSpinBox *m_trialDays;
    QCheckBox *m_active;
    QListWidget *m_features;
    QLabel *m_error;
    QProgressBar *m_progress;
    QDialogButtonBox *m_buttons;
    QPushButton *m_save;
    QPointer<PlanJob> m_job;     // the last save, kept for a retry with the same key
    QByteArray m_jobFingerprint; // what that save sent
};

} // namespace Tenantry
