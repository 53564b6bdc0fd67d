#include "ui/invoicemodel.h"

#include "ui/displayformat.h"

namespace Tenantry {

InvoiceModel::InvoiceModel(QObject *parent)
    : RecordTableModel<Invoice>(parent)
{}

QString InvoiceModel::header(int column) const
{
    switch (column) {
    case PeriodColumn:
        return tr("Period");
    case StatusColumn:
        return tr("Status");
    case AmountDueColumn:
        return tr("Amount due");
    case AmountPaidColumn:
        return tr("Amount paid");
    case CreatedColumn:
        return tr("Issued");
    default:
        return {};
    }
}

QVariant InvoiceModel::cell(const Invoice &record, int column, int role) const
{
    if (role == InvoiceIdRole)
        return QString::fromStdString(record.id);
    if (role == AmountDueMinorRole)
        return static_cast<qlonglong>(record.amountDue.amount());
    if (role == Qt::TextAlignmentRole && (column == AmountDueColumn || column == AmountPaidColumn))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case PeriodColumn:
        return tr("%1 \u2013 %2")
            .arg(DisplayFormat::date(record.periodStart), DisplayFormat::date(record.periodEnd));
    case StatusColumn:
        return DisplayFormat::status(record.status);
    case AmountDueColumn:
        return DisplayFormat::money(record.amountDue);
    case AmountPaidColumn:
        return DisplayFormat::money(record.amountPaid);
    case CreatedColumn:
        return DisplayFormat::date(record.createdAt);
    default:
        return {};
    }
}

} // namespace Tenantry
