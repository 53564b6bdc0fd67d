#pragma once

#include "client/auditevent.h"
#include "ui/recordtablemodel.h"

namespace Tenantry {

// A tenant's audit history, newest first (GET /v1/audit-events?target=<tenant id>, which also
// matches the events of the tenant's subscriptions, overrides, users and notes).
class AuditEventModel : public RecordTableModel<AuditEvent>
{
    Q_OBJECT

public:
    enum Column { WhenColumn, WhoColumn, ActionColumn, ChangeColumn, ColumnCount };
    enum Role { ActionRole = Qt::UserRole + 1, RequestIdRole };

    explicit AuditEventModel(QObject *parent = nullptr);

    // "quantity: 3 → 5, plan_id: … → …": the fields that differ between before and after.
    static QString changeSummary(const AuditEvent &event);

protected:
    int columnTotal() const override { return ColumnCount; }
    QString header(int column) const override;
    QVariant cell(const AuditEvent &record, int column, int role) const override;
};

} // namespace Tenantry
