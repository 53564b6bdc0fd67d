#include "client/signinjob.h"

#include "client/apicodecs.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Tenantry {

SignInJob::SignInJob(ApiClient *client,
                     const QString &email,
                     const QString &password,
                     QObject *parent)
    : ApiJob(client,
             QByteArrayLiteral("POST"),
             QStringLiteral("/v1/sessions"),
             Idempotency::None,
             parent)
{
    setBody(QJsonDocument(QJsonObject{{QStringLiteral("email"), email},
                                      {QStringLiteral("password"), password}})
                .toJson(QJsonDocument::Compact));
}

void SignInJob::handleSuccess(const QByteArray &body)
{
    decodeInBackground<Session>(body, &ApiCodecs::decodeSession, [this](Session &&session) {
        m_session = std::move(session);
    });
}

} // namespace Tenantry
