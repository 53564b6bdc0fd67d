#pragma once

#include "client/apijob.h"

namespace Tenantry {

// DELETE /v1/sessions/current: ends the session whose token the client holds. Success has no
// data; the caller then clears the token (ApiClient::clearToken) and the keychain entry.
class SignOutJob : public ApiJob
{
    Q_OBJECT

public:
    explicit SignOutJob(ApiClient *client, QObject *parent = nullptr);

protected:
    void handleSuccess(const QByteArray &body) override;
};

} // namespace Tenantry
