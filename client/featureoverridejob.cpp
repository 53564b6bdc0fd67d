#include "client/featureoverridejob.h"

#include "client/apicodecs.h"

namespace Tenantry {

FeatureOverrideJob::FeatureOverrideJob(
    ApiClient *client, QByteArray verb, QString path, Idempotency idempotency, QObject *parent)
    : ApiJob(client, std::move(verb), std::move(path), idempotency, parent)
{}

void FeatureOverrideJob::handleSuccess(const QByteArray &body)
{
    decodeInBackground<FeatureOverride>(body,
                                        &ApiCodecs::decodeFeatureOverride,
                                        [this](FeatureOverride &&value) {
                                            m_override = std::move(value);
                                        });
}

QString FeatureOverrideJob::overridesPath(const QString &tenantId, const QString &featureKey)
{
    QString path = QStringLiteral("/v1/tenants/") + segment(tenantId)
                   + QStringLiteral("/feature-overrides");
    if (!featureKey.isEmpty())
        path += QLatin1Char('/') + segment(featureKey);
    return path;
}

QByteArray FeatureOverrideJob::ifMatch(std::int64_t version)
{
    return '"' + QByteArray::number(static_cast<qlonglong>(version)) + '"';
}

} // namespace Tenantry
