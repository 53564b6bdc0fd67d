#include "client/signoutjob.h"

namespace Tenantry {

SignOutJob::SignOutJob(ApiClient *client, QObject *parent)
    : ApiJob(client,
             QByteArrayLiteral("DELETE"),
             QStringLiteral("/v1/sessions/current"),
             Idempotency::Key,
             parent)
{}

void SignOutJob::handleSuccess(const QByteArray &)
{
    finishWithSuccess();
}

} // namespace Tenantry
