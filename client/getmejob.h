#pragma once

#include "client/apijob.h"
#include "client/user.h"

namespace Tenantry {

// GET /v1/me: the signed-in user and their role.
class GetMeJob : public ApiJob
{
    Q_OBJECT

public:
    explicit GetMeJob(ApiClient *client, QObject *parent = nullptr);

    const User &user() const { return m_user; }

protected:
    void handleSuccess(const QByteArray &body) override;

private:
    User m_user;
};

} // namespace Tenantry
