#include "ui/plandialog.h"

#include "client/apicodecs.h"
#include "client/planjob.h"
#include "ui/displaytext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Tenantry {

namespace {

constexpr int maxTrialDays = 365;

QString latin1(std::string_view text)
{
    return QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size()));
}

// "49,00" (German) or "49.00": the user's decimal separator becomes '.', for the exact parse.
std::string decimalText(const QString &typed, const QLocale &locale)
{
    QString text = typed.trimmed();
    const QString point = locale.decimalPoint();
    if (point != QLatin1String("."))
        text.replace(point, QStringLiteral("."));
    return text.toStdString();
}

} // namespace

PlanDialog::PlanDialog(ApiClient *client,
                       const std::vector<Feature> &features,
                       const std::optional<Plan> &plan,
                       QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_plan(plan)
    , m_key(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_price(new QLineEdit(this))
    , m_currency(new QComboBox(this))
    , m_interval(new QComboBox(this))
    , m_trialDays(new QSpinBox(this))
    , m_active(new QCheckBox(tr("Active: new subscriptions can choose this plan"), this))
    , m_features(new QListWidget(this))
    , m_error(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
    , m_save(m_buttons->button(QDialogButtonBox::Save))
{
    setObjectName(QStringLiteral("planDialog"));
    setWindowTitle(plan ? tr("Edit plan %1").arg(QString::fromStdString(plan->name))
                        : tr("New plan"));
    m_key->setObjectName(QStringLiteral("planKeyEdit"));
    m_name->setObjectName(QStringLiteral("planNameEdit"));
    m_price->setObjectName(QStringLiteral("planPriceEdit"));
    m_currency->setObjectName(QStringLiteral("planCurrencyCombo"));
    m_interval->setObjectName(QStringLiteral("planIntervalCombo"));
    m_trialDays->setObjectName(QStringLiteral("planTrialDaysSpin"));
    m_active->setObjectName(QStringLiteral("planActiveCheck"));
    m_features->setObjectName(QStringLiteral("planFeatureList"));
    m_error->setObjectName(QStringLiteral("planErrorLabel"));
    m_save->setObjectName(QStringLiteral("planSaveButton"));

    m_key->setPlaceholderText(QStringLiteral("growth-monthly"));
    m_key->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral(
                                                            "[a-z0-9][a-z0-9_-]{0,62}")),
                                                        m_key));
    m_price->setPlaceholderText(QLocale().toString(49.0, 'f', 2));
    for (const char *code : {"usd", "eur", "gbp", "chf", "cad", "aud", "jpy"})
        m_currency->addItem(QString::fromLatin1(code).toUpper(), QString::fromLatin1(code));
    m_interval->addItem(tr("Monthly"), static_cast<int>(BillingInterval::Month));
    m_interval->addItem(tr("Yearly"), static_cast<int>(BillingInterval::Year));
    m_trialDays->setRange(0, maxTrialDays);
    m_trialDays->setSuffix(tr(" days"));
    for (const Feature &feature : features) {
        auto *item = new QListWidgetItem(tr("%1 (%2)").arg(QString::fromStdString(feature.name),
                                                           QString::fromStdString(feature.key)),
                                         m_features);
        item->setData(Qt::UserRole, QString::fromStdString(feature.key));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
        if (!feature.description.empty())
            item->setToolTip(QString::fromStdString(feature.description));
    }

    auto *form = new QFormLayout;
    form->addRow(tr("&Key:"), m_key);
    form->addRow(tr("&Name:"), m_name);
    auto *priceRow = new QHBoxLayout;
    priceRow->addWidget(m_price, 1);
    priceRow->addWidget(m_currency);
    auto *priceLabel = new QLabel(tr("&Price:"), this);
    priceLabel->setBuddy(m_price); // a row of two fields gets no buddy of its own
    form->addRow(priceLabel, priceRow);
    form->addRow(tr("&Interval:"), m_interval);
    form->addRow(tr("&Trial:"), m_trialDays);
    form->addRow(QString(), m_active);
    form->addRow(tr("&Features:"), m_features);

    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setVisible(false);
    m_progress->setRange(0, 0);
    m_progress->setVisible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &PlanDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    if (m_plan) {
        fill(*m_plan);
        const QString fixed = tr("A plan's key, price and interval cannot change: create "
                                 "another plan instead.");
        for (QWidget *widget : {static_cast<QWidget *>(m_key),
                                static_cast<QWidget *>(m_price),
                                static_cast<QWidget *>(m_currency),
                                static_cast<QWidget *>(m_interval)}) {
            widget->setEnabled(false);
            widget->setToolTip(fixed);
        }
        m_name->setFocus();
    } else {
        m_active->setVisible(false); // a new plan is active
        m_key->setFocus();
    }
}

void PlanDialog::fill(const Plan &plan)
{
    m_key->setText(QString::fromStdString(plan.key));
    m_name->setText(QString::fromStdString(plan.name));
    m_price->setText(DisplayText::money(plan.price));
    const int currency = m_currency->findData(latin1(plan.price.currency().code()));
    if (currency < 0)
        m_currency->addItem(latin1(plan.price.currency().code()).toUpper(),
                            latin1(plan.price.currency().code()));
    m_currency->setCurrentIndex(m_currency->findData(latin1(plan.price.currency().code())));
    m_interval->setCurrentIndex(m_interval->findData(static_cast<int>(plan.interval)));
    m_trialDays->setValue(static_cast<int>(std::min<std::int64_t>(plan.trialDays, maxTrialDays)));
    m_active->setChecked(plan.active);
    for (int row = 0; row < m_features->count(); ++row) {
        QListWidgetItem *item = m_features->item(row);
        const std::string key = item->data(Qt::UserRole).toString().toStdString();
        const bool included = std::find(plan.features.begin(), plan.features.end(), key)
                              != plan.features.end();
        item->setCheckState(included ? Qt::Checked : Qt::Unchecked);
    }
}

QStringList PlanDialog::checkedFeatures() const
{
    QStringList keys;
    for (int row = 0; row < m_features->count(); ++row) {
        const QListWidgetItem *item = m_features->item(row);
        if (item->checkState() == Qt::Checked)
            keys << item->data(Qt::UserRole).toString();
    }
    return keys;
}

void PlanDialog::save()
{
    if (m_job && m_job->isRunning())
        return;
    const QString name = m_name->text().trimmed();
    if (name.isEmpty()) {
        showError(tr("Give the plan a name."));
        m_name->setFocus();
        return;
    }

    QByteArray fingerprint;
    PlanJob *job = nullptr;
    if (!m_plan) {
        const QString key = m_key->text().trimmed();
        if (key.isEmpty()) {
            showError(tr("Give the plan a key: lower-case letters, digits, '-' and '_', such as "
                         "\u201cgrowth-monthly\u201d. The key never changes."));
            m_key->setFocus();
            return;
        }
        const std::optional<Currency> currency = Currency::fromCode(
            m_currency->currentData().toString().toStdString());
        const Result<Money> price = currency ? Money::fromDecimalString(decimalText(m_price->text(),
                                                                                    locale()),
                                                                        *currency)
                                             : Result<Money>(Error{});
        if (!currency || !price || price->amount() < 0) {
            showError(tr("Enter the price in %1 as a number, such as %2.")
                          .arg(m_currency->currentText(), QLocale().toString(49.0, 'f', 2)));
            m_price->setFocus();
            return;
        }
        PlanDraft draft(*price);
        draft.key = key;
        draft.name = name;
        draft.interval = static_cast<BillingInterval>(m_interval->currentData().toInt());
        draft.trialDays = m_trialDays->value();
        draft.features = checkedFeatures();
        fingerprint = draft.toJson();
        if (!m_job || fingerprint != m_jobFingerprint)
            job = new CreatePlanJob(m_client, draft, this);
    } else {
        PlanPatch patch;
        if (name.toStdString() != m_plan->name)
            patch.name = name;
        if (m_active->isChecked() != m_plan->active)
            patch.active = m_active->isChecked();
        if (m_trialDays->value() != m_plan->trialDays)
            patch.trialDays = m_trialDays->value();
        QStringList features = checkedFeatures();
        QStringList before;
        for (const std::string &key : m_plan->features)
            before << QString::fromStdString(key);
        features.sort();
        before.sort();
        if (features != before)
            patch.features = features;
        if (patch.isEmpty()) {
            accept(); // nothing changed
            return;
        }
        fingerprint = patch.toJson() + QByteArray::number(static_cast<qlonglong>(m_plan->version));
        if (!m_job || fingerprint != m_jobFingerprint)
            job = new UpdatePlanJob(m_client,
                                    QString::fromStdString(m_plan->id),
                                    m_plan->version,
                                    patch,
                                    this);
    }

    if (job) {
        if (m_job)
            m_job->deleteLater();
        job->setAutoDelete(false);
        m_job = job;
        m_jobFingerprint = fingerprint;
        connect(job, &ApiJob::finished, this, [this, job] { finished(job); });
    }
    // Either a new job, or the same save again (a retry keeps its Idempotency-Key).
    m_error->setVisible(false);
    setBusy(true);
    m_job->start();
}

void PlanDialog::finished(PlanJob *job)
{
    if (job != m_job)
        return;
    setBusy(false);
    if (!job->hasError()) {
        const Plan &saved = job->plan(); // the job is deleted later, after this
        m_job->deleteLater();
        m_job.clear();
        Q_EMIT planSaved(saved);
        accept();
        return;
    }
    const ApiError &error = *job->error();
    if (error.kind() == ApiError::Kind::PreconditionFailed && error.hasCurrent()) {
        const Result<Plan> current = ApiCodecs::decodePlan(
            QJsonDocument(error.current()).toJson(QJsonDocument::Compact));
        if (current) {
            m_plan = *current;
            fill(*current);
            m_job->deleteLater();
            m_job.clear();
            showError(tr("Someone changed this plan while you were editing it. The form now "
                         "shows the plan as it is; make your changes again and save."));
            return;
        }
    }
    showError(DisplayText::error(error));
}

void PlanDialog::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_save->setEnabled(!busy);
    for (QWidget *field : {static_cast<QWidget *>(m_name),
                           static_cast<QWidget *>(m_trialDays),
                           static_cast<QWidget *>(m_active),
                           static_cast<QWidget *>(m_features)})
        field->setEnabled(!busy);
    if (!m_plan) {
        for (QWidget *field : {static_cast<QWidget *>(m_key),
                               static_cast<QWidget *>(m_price),
                               static_cast<QWidget *>(m_currency),
                               static_cast<QWidget *>(m_interval)})
            field->setEnabled(!busy);
    }
}

void PlanDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(true);
}

} // namespace Tenantry
