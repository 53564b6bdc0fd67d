#include "client/tenantdraft.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Tenantry {

QByteArray TenantDraft::toJson() const
{
    QJsonObject object{{QStringLiteral("name"), name}, {QStringLiteral("region"), region}};
    if (!slug.isEmpty())
        object.insert(QStringLiteral("slug"), slug);
    if (isolation) {
        const std::string_view text = toString(*isolation);
        object.insert(QStringLiteral("isolation"),
                      QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size())));
    }
    if (!contactEmail.isEmpty())
        object.insert(QStringLiteral("contact_email"), contactEmail);
    if (!planId.isEmpty())
        object.insert(QStringLiteral("plan_id"), planId);
    if (!notes.isEmpty())
        object.insert(QStringLiteral("notes"), notes);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace Tenantry
