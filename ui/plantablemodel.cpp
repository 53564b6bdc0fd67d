#include "ui/plantablemodel.h"

#include "ui/displaytext.h"

#include <QLocale>
#include <QStringList>

namespace Tenantry {

PlanTableModel::PlanTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void PlanTableModel::setPlans(std::vector<Plan> plans)
{
    beginResetModel();
    m_plans = std::move(plans);
    endResetModel();
}

int PlanTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_plans.size());
}

int PlanTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PlanTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Plan &plan = m_plans[static_cast<std::size_t>(index.row())];
    if (role == PlanIdRole)
        return QString::fromStdString(plan.id);
    if (role == SortRole) {
        switch (index.column()) {
        case Price:
            return static_cast<qlonglong>(plan.monthlyRecurringRevenue());
        case TrialDays:
            return static_cast<qlonglong>(plan.trialDays);
        case Features:
            return static_cast<int>(plan.features.size());
        default:
            return data(index, Qt::DisplayRole).toString().toCaseFolded();
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Features) {
        QStringList keys;
        for (const std::string &key : plan.features)
            keys.append(QString::fromStdString(key));
        return keys.join(QStringLiteral(", "));
    }
    if (role == Qt::TextAlignmentRole
        && (index.column() == Price || index.column() == TrialDays || index.column() == Features))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(index.column())) {
    case Name:
        return QString::fromStdString(plan.name);
    case Key:
        return QString::fromStdString(plan.key);
    case Price:
        return DisplayText::money(plan.price);
    case Interval:
        return plan.interval == BillingInterval::Month ? tr("Monthly") : tr("Yearly");
    case TrialDays:
        return tr("%Ln day(s)", nullptr, static_cast<int>(plan.trialDays));
    case Features:
        return QLocale().toString(static_cast<qulonglong>(plan.features.size()));
    case Active:
        return plan.active ? tr("Yes") : tr("No");
    case ColumnCount:
        break;
    }
    return {};
}

QVariant PlanTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Name:
        return tr("Plan");
    case Key:
        return tr("Key");
    case Price:
        return tr("Price");
    case Interval:
        return tr("Billed");
    case TrialDays:
        return tr("Trial");
    case Features:
        return tr("Features");
    case Active:
        return tr("Offered");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Tenantry
