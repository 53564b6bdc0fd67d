#include "ui/auditlogview.h"

#include "ui/auditeventtablemodel.h"
#include "ui/displaytext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <chrono>

namespace Tenantry {

namespace {

Timestamp toTimestamp(const QDateTime &dateTime)
{
    return Timestamp(std::chrono::milliseconds(dateTime.toMSecsSinceEpoch()));
}

} // namespace

AuditLogView::AuditLogView(ApiClient *client, QWidget *parent)
    : QWidget(parent)
    , m_model(new AuditEventTableModel(client, this))
    , m_table(new QTableView(this))
    , m_actor(new QLineEdit(this))
    , m_action(new QComboBox(this))
    , m_target(new QLineEdit(this))
    , m_useFrom(new QCheckBox(tr("From"), this))
    , m_from(new QDateTimeEdit(QDateTime::currentDateTime().addDays(-30), this))
    , m_useTo(new QCheckBox(tr("Until"), this))
    , m_to(new QDateTimeEdit(QDateTime::currentDateTime(), this))
    , m_count(new QLabel(this))
{
    setObjectName(QStringLiteral("auditLogView"));
    m_actor->setObjectName(QStringLiteral("auditActorFilter"));
    m_actor->setPlaceholderText(tr("Actor (user id)"));
    m_actor->setClearButtonEnabled(true);
    m_action->setObjectName(QStringLiteral("auditActionFilter"));
    m_action->setEditable(true);
    m_action->addItem(QString());
    // Every action the server records, as suggestions (the field takes any text).
    for (const char *action : {"tenant.created",
                               "tenant.updated",
                               "tenant.suspended",
                               "tenant.reactivated",
                               "tenant.deleted",
                               "tenant.payment_outcome_set",
                               "note.created",
                               "feature_override.set",
                               "feature_override.cleared",
                               "tenant_user.added",
                               "tenant_user.removed",
                               "tenant_api_key.created",
                               "tenant_api_key.revoked",
                               "subscription.created",
                               "subscription.plan_changed",
                               "subscription.cancel_scheduled",
                               "subscription.canceled",
                               "subscription.resumed",
                               "subscription.paused",
                               "subscription.updated",
                               "subscription.trial_extended",
                               "subscription.reconciled",
                               "invoice.created",
                               "invoice.updated",
                               "plan.created",
                               "plan.updated",
                               "feature.created",
                               "spend.set",
                               "user.created",
                               "job.created",
                               "job.resumed",
                               "job.rollback_requested",
                               "job.rolled_back",
                               "webhook_event.replayed",
                               "test_clock.advanced"})
        m_action->addItem(QString::fromLatin1(action));
    m_action->lineEdit()->setPlaceholderText(tr("Action"));
    m_action->setMinimumContentsLength(16);
    m_target->setObjectName(QStringLiteral("auditTargetFilter"));
    m_target->setPlaceholderText(tr("Target id"));
    m_target->setClearButtonEnabled(true);
    for (QDateTimeEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setEnabled(false);
    }
    connect(m_useFrom, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_useTo, &QCheckBox::toggled, m_to, &QWidget::setEnabled);

    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(AuditEventTableModel::SortRole);
    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setModel(proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    m_table->horizontalHeader()->setStretchLastSection(true);
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    m_table->setColumnWidth(AuditEventTableModel::Time, DisplayText::dateTimeWidth(fontMetrics()));
    m_table->setColumnWidth(AuditEventTableModel::Actor, 15 * em);
    // Wide enough for most actions and for a whole id: a prefix and 25 characters.
    m_table->setColumnWidth(AuditEventTableModel::Action,
                            fontMetrics().horizontalAdvance(QStringLiteral("subscription.resumed"))
                                + em);
    m_table->setColumnWidth(AuditEventTableModel::TargetType, 7 * em);
    m_table->setColumnWidth(AuditEventTableModel::Target,
                            fontMetrics().horizontalAdvance(
                                QStringLiteral("inv_1m8ejz3s96xnah4q3k9x0q4m2d7"))
                                + em);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_actor, 2);
    filters->addWidget(m_action, 2);
    filters->addWidget(m_target, 2);
    filters->addWidget(m_useFrom);
    filters->addWidget(m_from);
    filters->addWidget(m_useTo);
    filters->addWidget(m_to);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_count);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300);
    connect(&m_debounce, &QTimer::timeout, this, &AuditLogView::applyFilters);
    const auto schedule = [this] { m_debounce.start(); };
    connect(m_actor, &QLineEdit::textEdited, this, schedule);
    connect(m_target, &QLineEdit::textEdited, this, schedule);
    connect(m_action, &QComboBox::currentTextChanged, this, schedule);
    connect(m_useFrom, &QCheckBox::toggled, this, schedule);
    connect(m_useTo, &QCheckBox::toggled, this, schedule);
    connect(m_from, &QDateTimeEdit::dateTimeChanged, this, schedule);
    connect(m_to, &QDateTimeEdit::dateTimeChanged, this, schedule);
    connect(m_model, &AuditEventTableModel::pageLoaded, this, &AuditLogView::updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AuditLogView::updateCount);
    connect(m_model, &AuditEventTableModel::errorOccurred, this, &AuditLogView::errorOccurred);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        const QString target = index.data(AuditEventTableModel::TargetIdRole).toString();
        if (target.startsWith(QLatin1String("ten_")))
            Q_EMIT tenantActivated(target);
    });
}

AuditEventQuery AuditLogView::currentQuery() const
{
    AuditEventQuery query;
    query.actorId = m_actor->text().trimmed();
    query.action = m_action->currentText().trimmed();
    query.targetId = m_target->text().trimmed();
    if (m_useFrom->isChecked())
        query.createdAfter = toTimestamp(m_from->dateTime());
    if (m_useTo->isChecked())
        query.createdBefore = toTimestamp(m_to->dateTime());
    return query;
}

void AuditLogView::applyFilters()
{
    m_debounce.stop();
    m_model->setQuery(currentQuery());
}

void AuditLogView::reload()
{
    applyFilters();
}

void AuditLogView::retry()
{
    if (m_model->error())
        m_model->retry();
}

void AuditLogView::showTarget(const QString &targetId)
{
    m_target->setText(targetId);
    applyFilters();
}

void AuditLogView::updateCount()
{
    const int rows = m_model->rowCount();
    m_count->setText(m_model->hasLoadedAll()
                         ? tr("%Ln event(s)", nullptr, rows)
                         : tr("%Ln event(s) loaded, more as you scroll", nullptr, rows));
}

} // namespace Tenantry
