#include "client/tenantuserjob.h"

#include "client/apicodecs.h"

namespace Tenantry {

TenantUserJob::TenantUserJob(
    ApiClient *client, QByteArray verb, QString path, Idempotency idempotency, QObject *parent)
    : ApiJob(client, std::move(verb), std::move(path), idempotency, parent)
{}

void TenantUserJob::handleSuccess(const QByteArray &body)
{
    decodeInBackground<TenantUser>(body, &ApiCodecs::decodeTenantUser, [this](TenantUser &&user) {
        m_user = std::move(user);
    });
}

QString TenantUserJob::usersPath(const QString &tenantId, const QString &userId)
{
    QString path = QStringLiteral("/v1/tenants/") + segment(tenantId) + QStringLiteral("/users");
    if (!userId.isEmpty())
        path += QLatin1Char('/') + segment(userId);
    return path;
}

} // namespace Tenantry
