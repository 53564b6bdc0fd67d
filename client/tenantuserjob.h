#pragma once

#include "client/apijob.h"
#include "client/tenantuser.h"

namespace Tenantry {

// The shared part of the jobs whose answer is one tenant user (add, remove).
class TenantUserJob : public ApiJob
{
    Q_OBJECT

public:
    const TenantUser &tenantUser() const { return m_user; }

protected:
    TenantUserJob(
        ApiClient *client, QByteArray verb, QString path, Idempotency idempotency, QObject *parent);

    void handleSuccess(const QByteArray &body) override;

    static QString usersPath(const QString &tenantId, const QString &userId = {});

private:
    TenantUser m_user;
};

} // namespace Tenantry
