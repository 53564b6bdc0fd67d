#include "client/suspendtenantjob.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Tenantry {

SuspendTenantJob::SuspendTenantJob(ApiClient *client,
                                   const QString &tenantId,
                                   const QString &reason,
                                   QObject *parent)
    : TenantJob(client,
                QByteArrayLiteral("POST"),
                tenantPath(tenantId, QStringLiteral("/suspend")),
                Idempotency::Key,
                parent)
{
    if (!reason.isEmpty())
        setBody(QJsonDocument(QJsonObject{{QStringLiteral("reason"), reason}})
                    .toJson(QJsonDocument::Compact));
}

} // namespace Tenantry
