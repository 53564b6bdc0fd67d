#pragma once

// What a role may do, from the role/permission table of docs/openapi.yaml. GET /v1/me names the
// signed-in user's role; the console enables an action only when the role has the permission
// the endpoint needs, and otherwise says why (the server checks again and answers 403).

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace Tenantry {

class Permissions
{
    Q_DECLARE_TR_FUNCTIONS(Tenantry::Permissions)

public:
    Permissions() = default;
    explicit Permissions(QString role);

    QString role() const { return m_role; }
    // `permission`: "tenants.write", "audit.read", ...
    bool has(const QString &permission) const;
    // The roles that have `permission`, in the contract's order.
    static QStringList rolesWith(const QString &permission);
    // For a disabled action's tooltip: "Your role (viewer) cannot do this: it needs the
    // tenants.write permission (owner, admin, support)." Empty when the role has it.
    QString denialReason(const QString &permission) const;

private:
    QString m_role;
};

} // namespace Tenantry
