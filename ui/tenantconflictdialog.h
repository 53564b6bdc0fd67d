#pragma once

#include "client/tenantpatch.h"
#include "core/tenant.h"

#include <QDialog>

namespace Tenantry {

// After a 412 on editing a tenant: someone changed it on the server since it was loaded. Shows,
// field by field, what the user wanted (yours) next to what the server has now (server's),
// marking the fields the other change touched. Accepting reapplies the user's changes on top of
// the server's version; rejecting keeps the server's version.
class TenantConflictDialog : public QDialog
{
    Q_OBJECT

public:
    TenantConflictDialog(const Tenant &loaded,
                         const TenantPatch &patch,
                         const Tenant &current,
                         QWidget *parent = nullptr);

    // The fields listed: changed on the server, or set by the user.
    QStringList fields() const { return m_fields; }

private:
    QStringList m_fields;
};

} // namespace Tenantry
