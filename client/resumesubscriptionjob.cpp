#include "client/resumesubscriptionjob.h"

namespace Tenantry {

ResumeSubscriptionJob::ResumeSubscriptionJob(ApiClient *client,
                                             const QString &subscriptionId,
                                             std::optional<std::int64_t> expectedVersion,
                                             QObject *parent)
    : SubscriptionJob(client,
                      QByteArrayLiteral("POST"),
                      subscriptionPath(subscriptionId, QStringLiteral("/resume")),
                      Idempotency::Key,
                      parent)
{
    setExpectedVersion(expectedVersion);
    setBody(QByteArrayLiteral("{}"));
}

} // namespace Tenantry
