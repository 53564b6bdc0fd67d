#include "ui/billingdrifttablemodel.h"

#include "core/subscription.h"
#include "ui/displayformat.h"

#include <QJsonObject>
#include <QLocale>

namespace Tenantry {

namespace {

QString statusOf(const QJsonObject &side)
{
    const QString status = side.value(u"status").toString();
    if (status.isEmpty())
        return {};
    const std::optional<SubscriptionStatus> known = subscriptionStatusFromString(
        status.toStdString());
    return known ? DisplayFormat::status(*known) : status;
}

// A price: a Money object ({"amount","currency"}), a price id, or a plan id.
QString priceOf(const QJsonObject &side)
{
    for (const QString &key :
         {QStringLiteral("price"), QStringLiteral("plan"), QStringLiteral("plan_id")}) {
        const QJsonValue value = side.value(key);
        if (value.isString())
            return value.toString();
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            const std::optional<Currency> currency = Currency::fromCode(
                object.value(u"currency").toString().toStdString());
            if (currency && object.value(u"amount").isDouble())
                return DisplayFormat::money(
                    Money(static_cast<std::int64_t>(object.value(u"amount").toInteger()),
                          *currency));
            QString id = object.value(u"id").toString();
            if (!id.isEmpty())
                return id;
        }
    }
    return {};
}

QString quantityOf(const QJsonObject &side)
{
    const QJsonValue quantity = side.value(u"quantity");
    return quantity.isDouble() ? QLocale().toString(static_cast<qlonglong>(quantity.toInteger()))
                               : QString();
}

} // namespace

BillingDriftTableModel::BillingDriftTableModel(QObject *parent)
    : RecordTableModel<BillingDrift>(parent)
{}

void BillingDriftTableModel::setTenantName(const std::string &tenantId, const QString &name)
{
    m_tenantNames[tenantId] = name;
    const int rows = rowCount();
    for (int row = 0; row < rows; ++row) {
        const BillingDrift *drift = record(row);
        if (drift && drift->tenantId == tenantId)
            Q_EMIT dataChanged(index(row, Tenant), index(row, Tenant));
    }
}

QString BillingDriftTableModel::tenantName(const std::string &tenantId) const
{
    const auto found = m_tenantNames.find(tenantId);
    return found != m_tenantNames.end() ? found->second : QString();
}

QString BillingDriftTableModel::kindText(const std::string &kind)
{
    if (kind == "missing_locally")
        return tr("Missing locally");
    if (kind == "missing_at_provider")
        return tr("Missing at the provider");
    if (kind == "status_mismatch")
        return tr("Status differs");
    if (kind == "price_mismatch")
        return tr("Price differs");
    if (kind == "quantity_mismatch")
        return tr("Quantity differs");
    return QString::fromStdString(kind);
}

QString BillingDriftTableModel::sideText(const QJsonObject &side, const std::string &kind)
{
    if (side.isEmpty())
        return tr("none");
    if (kind == "status_mismatch") {
        QString status = statusOf(side);
        if (!status.isEmpty())
            return status;
    } else if (kind == "price_mismatch") {
        QString price = priceOf(side);
        if (!price.isEmpty())
            return price;
    } else if (kind == "quantity_mismatch") {
        QString quantity = quantityOf(side);
        if (!quantity.isEmpty())
            return quantity;
    }
    QStringList parts;
    if (const QString status = statusOf(side); !status.isEmpty())
        parts.append(status);
    if (const QString price = priceOf(side); !price.isEmpty())
        parts.append(price);
    if (const QString quantity = quantityOf(side); !quantity.isEmpty())
        parts.append(tr("quantity %1").arg(quantity));
    return parts.isEmpty() ? tr("(no details)") : parts.join(QStringLiteral(" \u00b7 "));
}

QString BillingDriftTableModel::changeText(const BillingDrift &drift)
{
    const QString subscription = QString::fromStdString(
        drift.subscriptionId.value_or(drift.stripeSubscriptionId));
    const QString local = sideText(drift.local, drift.kind);
    const QString provider = sideText(drift.provider, drift.kind);
    if (drift.kind == "missing_locally")
        return tr("Subscription %1 exists only at the billing provider (%2): it will be created "
                  "locally.")
            .arg(subscription, provider);
    if (drift.kind == "missing_at_provider")
        return tr("Subscription %1 does not exist at the billing provider: the local one (%2) "
                  "will be ended.")
            .arg(subscription, local);
    if (drift.kind == "status_mismatch")
        return tr("The status of subscription %1 changes from %2 to %3.")
            .arg(subscription, local, provider);
    if (drift.kind == "price_mismatch")
        return tr("The price of subscription %1 changes from %2 to %3.")
            .arg(subscription, local, provider);
    if (drift.kind == "quantity_mismatch")
        return tr("The quantity of subscription %1 changes from %2 to %3.")
            .arg(subscription, local, provider);
    return tr("Subscription %1 changes from %2 to %3.").arg(subscription, local, provider);
}

QString BillingDriftTableModel::header(int column) const
{
    switch (column) {
    case Kind:
        return tr("Difference");
    case Tenant:
        return tr("Tenant");
    case Local:
        return tr("Here");
    case Provider:
        return tr("At the provider");
    case Applied:
        return tr("Applied");
    default:
        return {};
    }
}

QVariant BillingDriftTableModel::cell(const BillingDrift &record, int column, int role) const
{
    switch (role) {
    case DriftIdRole:
        return QString::fromStdString(record.id);
    case AppliedRole:
        return record.isApplied();
    case TenantIdRole:
        return QString::fromStdString(record.tenantId.value_or(std::string()));
    case Qt::ToolTipRole:
        if (column == Tenant && record.tenantId)
            return tr("Tenant %1, subscription %2, at the provider %3")
                .arg(QString::fromStdString(*record.tenantId),
                     QString::fromStdString(record.subscriptionId.value_or("\u2014")),
                     QString::fromStdString(record.stripeSubscriptionId));
        if (column == Tenant || column == Kind)
            return tr("Subscription %1, at the provider %2")
                .arg(QString::fromStdString(record.subscriptionId.value_or("\u2014")),
                     QString::fromStdString(record.stripeSubscriptionId));
        return {};
    case Qt::DisplayRole:
        switch (column) {
        case Kind:
            return kindText(record.kind);
        case Tenant:
            if (!record.tenantId)
                return tr("(no tenant)");
            if (const QString name = tenantName(*record.tenantId); !name.isEmpty())
                return name;
            return QString::fromStdString(*record.tenantId);
        case Local:
            return sideText(record.local, record.kind);
        case Provider:
            return sideText(record.provider, record.kind);
        case Applied:
            return record.appliedAt
                       ? tr("Applied %1").arg(DisplayFormat::dateTime(*record.appliedAt))
                       : QString();
        default:
            return {};
        }
    default:
        return {};
    }
}

} // namespace Tenantry
