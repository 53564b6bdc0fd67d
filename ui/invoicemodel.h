#pragma once

#include "core/invoice.h"
#include "ui/recordtablemodel.h"

namespace Tenantry {

// A tenant's invoices, newest first (GET /v1/invoices?tenant_id=).
class InvoiceModel : public RecordTableModel<Invoice>
{
    Q_OBJECT

public:
    enum Column {
        PeriodColumn,
        StatusColumn,
        AmountDueColumn,
        AmountPaidColumn,
        CreatedColumn,
        ColumnCount
    };
    enum Role { InvoiceIdRole = Qt::UserRole + 1, AmountDueMinorRole };

    explicit InvoiceModel(QObject *parent = nullptr);

protected:
    int columnTotal() const override { return ColumnCount; }
    QString header(int column) const override;
    QVariant cell(const Invoice &record, int column, int role) const override;
};

} // namespace Tenantry
