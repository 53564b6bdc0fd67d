#include "ui/auditeventmodel.h"

#include "ui/displayformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QSet>

namespace Tenantry {

namespace {

QString valueText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QStringLiteral("\u2014");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(value.toInteger());
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        // Money: {"amount": minor units, "currency": "usd"}.
        const QJsonValue amount = object.value(QStringLiteral("amount"));
        const std::optional<Currency> currency = Currency::fromCode(
            object.value(QStringLiteral("currency")).toString().toStdString());
        if (object.size() == 2 && amount.isDouble() && currency)
            return DisplayFormat::money(Money(amount.toInteger(), *currency));
        return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    }
    }
    return {};
}

} // namespace

AuditEventModel::AuditEventModel(QObject *parent)
    : RecordTableModel<AuditEvent>(parent)
{}

QString AuditEventModel::changeSummary(const AuditEvent &event)
{
    static const QSet<QString> ignored = {QStringLiteral("updated_at"),
                                          QStringLiteral("version"),
                                          QStringLiteral("object")};
    QStringList keys = event.after.keys();
    for (const QString &key : event.before.keys()) {
        if (!keys.contains(key))
            keys.append(key);
    }
    QStringList parts;
    for (const QString &key : std::as_const(keys)) {
        if (ignored.contains(key))
            continue;
        const QJsonValue before = event.before.value(key);
        const QJsonValue after = event.after.value(key);
        if (before == after)
            continue;
        if (event.before.isEmpty())
            continue; // a creation: listing every field says nothing
        parts.append(key + QStringLiteral(": ") + valueText(before) + QStringLiteral(" \u2192 ")
                     + valueText(after));
    }
    return parts.join(QStringLiteral(", "));
}

QString AuditEventModel::header(int column) const
{
    switch (column) {
    case WhenColumn:
        return tr("When");
    case WhoColumn:
        return tr("Who");
    case ActionColumn:
        return tr("Action");
    case ChangeColumn:
        return tr("Change");
    default:
        return {};
    }
}

QVariant AuditEventModel::cell(const AuditEvent &record, int column, int role) const
{
    if (role == ActionRole)
        return QString::fromStdString(record.action);
    if (role == RequestIdRole)
        return QString::fromStdString(record.requestId);
    if (role == Qt::ToolTipRole)
        return tr("Request id: %1").arg(QString::fromStdString(record.requestId));
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case WhenColumn:
        return DisplayFormat::dateTime(record.createdAt);
    case WhoColumn:
        return QString::fromStdString(record.actorEmail);
    case ActionColumn:
        return QString::fromStdString(record.action);
    case ChangeColumn:
        return changeSummary(record);
    default:
        return {};
    }
}

} // namespace Tenantry
