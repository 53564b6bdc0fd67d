#include "client/plandraft.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Tenantry {

namespace {

QString latin1(std::string_view text)
{
    return QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size()));
}

QJsonArray keysOf(const QStringList &features)
{
    QJsonArray keys;
    for (const QString &key : features)
        keys.append(key);
    return keys;
}

} // namespace

QByteArray PlanDraft::toJson() const
{
    QJsonObject money;
    money.insert(QStringLiteral("amount"), static_cast<qint64>(price.amount()));
    money.insert(QStringLiteral("currency"), latin1(price.currency().code()));
    QJsonObject object;
    object.insert(QStringLiteral("key"), key);
    object.insert(QStringLiteral("name"), name);
    object.insert(QStringLiteral("price"), money);
    object.insert(QStringLiteral("interval"), latin1(toString(interval)));
    object.insert(QStringLiteral("trial_days"), static_cast<qint64>(trialDays));
    object.insert(QStringLiteral("features"), keysOf(features));
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray PlanPatch::toJson() const
{
    QJsonObject object;
    if (name)
        object.insert(QStringLiteral("name"), *name);
    if (active)
        object.insert(QStringLiteral("active"), *active);
    if (trialDays)
        object.insert(QStringLiteral("trial_days"), static_cast<qint64>(*trialDays));
    if (features)
        object.insert(QStringLiteral("features"), keysOf(*features));
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace Tenantry
