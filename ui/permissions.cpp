#include "ui/permissions.h"

#include <QHash>
#include <QLocale>

namespace Tenantry {

namespace {

const QHash<QString, QStringList> &table()
{
    static const QHash<QString, QStringList> permissions = [] {
        const QString owner = QStringLiteral("owner");
        const QString admin = QStringLiteral("admin");
        const QString support = QStringLiteral("support");
        const QString finance = QStringLiteral("finance");
        const QString viewer = QStringLiteral("viewer");
        QHash<QString, QStringList> result;
        result.insert(QStringLiteral("tenants.read"), {owner, admin, support, finance, viewer});
        result.insert(QStringLiteral("tenants.write"), {owner, admin, support});
        result.insert(QStringLiteral("tenants.delete"), {owner, admin});
        result.insert(QStringLiteral("plans.read"), {owner, admin, support, finance, viewer});
        result.insert(QStringLiteral("plans.write"), {owner, admin});
        result.insert(QStringLiteral("users.read"), {owner, admin});
        result.insert(QStringLiteral("users.write"), {owner, admin});
        result.insert(QStringLiteral("audit.read"), {owner, admin, support, finance});
        result.insert(QStringLiteral("subscriptions.read"),
                      {owner, admin, support, finance, viewer});
        result.insert(QStringLiteral("subscriptions.write"), {owner, admin, support});
        result.insert(QStringLiteral("spend.read"), {owner, admin, finance});
        result.insert(QStringLiteral("spend.write"), {owner, admin, finance});
        result.insert(QStringLiteral("metrics.read"), {owner, admin, finance});
        result.insert(QStringLiteral("billing.read"), {owner, admin, finance});
        result.insert(QStringLiteral("billing.write"), {owner, admin});
        return result;
    }();
    return permissions;
}

} // namespace

Permissions::Permissions(QString role)
    : m_role(std::move(role))
{}

bool Permissions::has(const QString &permission) const
{
    return rolesWith(permission).contains(m_role);
}

QStringList Permissions::rolesWith(const QString &permission)
{
    return table().value(permission);
}

QString Permissions::denialReason(const QString &permission) const
{
    if (has(permission))
        return {};
    return tr("Your role (%1) cannot do this: it needs the %2 permission, which %3 have.")
        .arg(m_role.isEmpty() ? tr("unknown") : m_role,
             permission,
             QLocale().createSeparatedList(rolesWith(permission)));
}

} // namespace Tenantry
