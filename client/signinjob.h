#pragma once

#include "client/apijob.h"
#include "client/session.h"

namespace Tenantry {

// POST /v1/sessions: exchanges an email and password for a session. Sends no Idempotency-Key
// (the contract asks none: signing in twice makes two sessions). The password stays in this
// job's memory only. The caller hands session().token to ApiClient::setToken().
class SignInJob : public ApiJob
{
    Q_OBJECT

public:
    SignInJob(ApiClient *client,
              const QString &email,
              const QString &password,
              QObject *parent = nullptr);

    const Session &session() const { return m_session; }

protected:
    void handleSuccess(const QByteArray &body) override;

private:
    Session m_session;
};

} // namespace Tenantry
