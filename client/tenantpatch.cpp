#include "client/tenantpatch.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

namespace Tenantry {

namespace {

void insertNullable(QJsonObject &object,
                    const QString &key,
                    const std::optional<std::optional<QString>> &value)
{
    if (!value)
        return;
    object.insert(key, *value ? QJsonValue(**value) : QJsonValue(QJsonValue::Null));
}

} // namespace

bool TenantPatch::isEmpty() const
{
    return !name && !slug && !region && !isolation && !contactEmail && !notes;
}

QByteArray TenantPatch::toJson() const
{
    QJsonObject object;
    if (name)
        object.insert(QStringLiteral("name"), *name);
    if (slug)
        object.insert(QStringLiteral("slug"), *slug);
    if (region)
        object.insert(QStringLiteral("region"), *region);
    if (isolation) {
        const std::string_view text = toString(*isolation);
        object.insert(QStringLiteral("isolation"),
                      QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size())));
    }
    insertNullable(object, QStringLiteral("contact_email"), contactEmail);
    insertNullable(object, QStringLiteral("notes"), notes);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace Tenantry
