#pragma once

#include "client/tenantuser.h"
#include "ui/recordtablemodel.h"

namespace Tenantry {

// A tenant's end users (GET /v1/tenants/{id}/users).
class TenantUserModel : public RecordTableModel<TenantUser>
{
    Q_OBJECT

public:
    enum Column { NameColumn, EmailColumn, RoleColumn, AddedColumn, ColumnCount };
    enum Role { UserIdRole = Qt::UserRole + 1, VersionRole };

    explicit TenantUserModel(QObject *parent = nullptr);

protected:
    int columnTotal() const override { return ColumnCount; }
    QString header(int column) const override;
    QVariant cell(const TenantUser &record, int column, int role) const override;
};

} // namespace Tenantry
