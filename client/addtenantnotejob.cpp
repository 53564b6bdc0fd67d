#include "client/addtenantnotejob.h"

#include "client/apicodecs.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Tenantry {

AddTenantNoteJob::AddTenantNoteJob(ApiClient *client,
                                   const QString &tenantId,
                                   const QString &body,
                                   QObject *parent)
    : ApiJob(client,
             QByteArrayLiteral("POST"),
             QStringLiteral("/v1/tenants/") + segment(tenantId) + QStringLiteral("/notes"),
             Idempotency::Key,
             parent)
{
    setBody(
        QJsonDocument(QJsonObject{{QStringLiteral("body"), body}}).toJson(QJsonDocument::Compact));
}

void AddTenantNoteJob::handleSuccess(const QByteArray &body)
{
    decodeInBackground<Note>(body, &ApiCodecs::decodeNote, [this](Note &&note) {
        m_note = std::move(note);
    });
}

} // namespace Tenantry
