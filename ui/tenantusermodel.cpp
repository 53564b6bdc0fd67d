#include "ui/tenantusermodel.h"

#include "ui/displayformat.h"

namespace Tenantry {

TenantUserModel::TenantUserModel(QObject *parent)
    : RecordTableModel<TenantUser>(parent)
{}

QString TenantUserModel::header(int column) const
{
    switch (column) {
    case NameColumn:
        return tr("Name");
    case EmailColumn:
        return tr("Email");
    case RoleColumn:
        return tr("Role");
    case AddedColumn:
        return tr("Added");
    default:
        return {};
    }
}

QVariant TenantUserModel::cell(const TenantUser &record, int column, int role) const
{
    if (role == UserIdRole)
        return QString::fromStdString(record.id);
    if (role == VersionRole)
        return static_cast<qlonglong>(record.version);
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case NameColumn:
        return QString::fromStdString(record.name);
    case EmailColumn:
        return QString::fromStdString(record.email);
    case RoleColumn:
        if (record.role == "owner")
            return tr("Owner");
        if (record.role == "admin")
            return tr("Admin");
        if (record.role == "member")
            return tr("Member");
        return QString::fromStdString(record.role);
    case AddedColumn:
        return DisplayFormat::date(record.createdAt);
    default:
        return {};
    }
}

} // namespace Tenantry
