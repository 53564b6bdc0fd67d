#pragma once

#include "client/apijob.h"
#include "core/featureoverride.h"

namespace Tenantry {

// The shared part of the jobs whose answer is one feature override (set, clear).
// featureOverride().version is the If-Match of a later change.
class FeatureOverrideJob : public ApiJob
{
    Q_OBJECT

public:
    const FeatureOverride &featureOverride() const { return m_override; }

protected:
    FeatureOverrideJob(
        ApiClient *client, QByteArray verb, QString path, Idempotency idempotency, QObject *parent);

    void handleSuccess(const QByteArray &body) override;

    static QString overridesPath(const QString &tenantId, const QString &featureKey = {});
    static QByteArray ifMatch(std::int64_t version); // "\"<version>\""

private:
    FeatureOverride m_override;
};

} // namespace Tenantry
