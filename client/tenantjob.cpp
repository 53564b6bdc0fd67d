#include "client/tenantjob.h"

#include "client/apicodecs.h"

namespace Tenantry {

TenantJob::TenantJob(
    ApiClient *client, QByteArray verb, QString path, Idempotency idempotency, QObject *parent)
    : ApiJob(client, std::move(verb), std::move(path), idempotency, parent)
{}

void TenantJob::handleSuccess(const QByteArray &body)
{
    decodeInBackground<Tenant>(body, &ApiCodecs::decodeTenant, [this](Tenant &&tenant) {
        m_tenant = std::move(tenant);
    });
}

QString TenantJob::tenantPath(const QString &tenantId, const QString &suffix)
{
    return QStringLiteral("/v1/tenants/") + segment(tenantId) + suffix;
}

QByteArray TenantJob::ifMatch(std::int64_t version)
{
    return '"' + QByteArray::number(static_cast<qlonglong>(version)) + '"';
}

} // namespace Tenantry
