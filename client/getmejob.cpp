#include "client/getmejob.h"

#include "client/apicodecs.h"

namespace Tenantry {

GetMeJob::GetMeJob(ApiClient *client, QObject *parent)
    : ApiJob(client, QByteArrayLiteral("GET"), QStringLiteral("/v1/me"), Idempotency::None, parent)
{}

void GetMeJob::handleSuccess(const QByteArray &body)
{
    decodeInBackground<User>(body, &ApiCodecs::decodeUser, [this](User &&user) {
        m_user = std::move(user);
    });
}

} // namespace Tenantry
