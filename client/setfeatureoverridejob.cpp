#include "client/setfeatureoverridejob.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Tenantry {

SetFeatureOverrideJob::SetFeatureOverrideJob(ApiClient *client,
                                             const QString &tenantId,
                                             const QString &featureKey,
                                             bool enabled,
                                             const QString &reason,
                                             std::optional<Timestamp> expiresAt,
                                             std::optional<std::int64_t> expectedVersion,
                                             QObject *parent)
    : FeatureOverrideJob(client,
                         QByteArrayLiteral("POST"),
                         overridesPath(tenantId),
                         Idempotency::Key,
                         parent)
{
    if (expectedVersion)
        addHeader(QByteArrayLiteral("If-Match"), ifMatch(*expectedVersion));
    QJsonObject body{{QStringLiteral("feature_key"), featureKey},
                     {QStringLiteral("enabled"), enabled},
                     {QStringLiteral("reason"), reason}};
    if (expiresAt)
        body.insert(QStringLiteral("expires_at"), QString::fromStdString(formatRfc3339(*expiresAt)));
    setBody(QJsonDocument(body).toJson(QJsonDocument::Compact));
}

} // namespace Tenantry
