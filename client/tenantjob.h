#pragma once

#include "client/apijob.h"
#include "core/tenant.h"

namespace Tenantry {

// The shared part of the jobs whose answer is one tenant (get, create, update, suspend,
// reactivate, delete). tenant().version is the ETag to send back as If-Match.
class TenantJob : public ApiJob
{
    Q_OBJECT

public:
    const Tenant &tenant() const { return m_tenant; }

protected:
    TenantJob(
        ApiClient *client, QByteArray verb, QString path, Idempotency idempotency, QObject *parent);

    void handleSuccess(const QByteArray &body) override;

    static QString tenantPath(const QString &tenantId, const QString &suffix = {});
    static QByteArray ifMatch(std::int64_t version); // "\"<version>\""

private:
    Tenant m_tenant;
};

} // namespace Tenantry
