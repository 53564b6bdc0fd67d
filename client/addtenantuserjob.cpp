#include "client/addtenantuserjob.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Tenantry {

AddTenantUserJob::AddTenantUserJob(ApiClient *client,
                                   const QString &tenantId,
                                   const QString &email,
                                   const QString &name,
                                   const QString &role,
                                   QObject *parent)
    : TenantUserJob(client, QByteArrayLiteral("POST"), usersPath(tenantId), Idempotency::Key, parent)
{
    QJsonObject body{{QStringLiteral("email"), email}, {QStringLiteral("name"), name}};
    if (!role.isEmpty())
        body.insert(QStringLiteral("role"), role);
    setBody(QJsonDocument(body).toJson(QJsonDocument::Compact));
}

} // namespace Tenantry
