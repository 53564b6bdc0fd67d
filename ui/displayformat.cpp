#include "ui/displayformat.h"

#include <chrono>

namespace Tenantry {

QString DisplayFormat::currencySymbol(const Currency &currency)
{
    const std::string_view code = currency.code();
    if (code == "usd")
        return QStringLiteral("$");
    if (code == "eur")
        return QStringLiteral("\u20ac");
    if (code == "gbp")
        return QStringLiteral("\u00a3");
    if (code == "jpy")
        return QStringLiteral("\u00a5");
    return QString::fromLatin1(code.data(), static_cast<qsizetype>(code.size())).toUpper()
           + QLatin1Char(' ');
}

QString DisplayFormat::money(const Money &money, const QLocale &locale)
{
    const int exponent = money.currency().exponent();
    double divisor = 1.0;
    for (int i = 0; i < exponent; ++i)
        divisor *= 10.0;
    // The one place money becomes a double: to hand it to QLocale for display.
    const double major = static_cast<double>(money.amount()) / divisor;
    return locale.toCurrencyString(major, currencySymbol(money.currency()), exponent);
}

QDateTime DisplayFormat::toDateTime(Timestamp timestamp)
{
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        timestamp.time_since_epoch());
    return QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(ms.count()), Qt::UTC).toLocalTime();
}

Timestamp DisplayFormat::fromDateTime(const QDateTime &dateTime)
{
    return Timestamp(std::chrono::milliseconds(dateTime.toMSecsSinceEpoch()));
}

QString DisplayFormat::dateTime(Timestamp timestamp, const QLocale &locale)
{
    return locale.toString(toDateTime(timestamp), QLocale::ShortFormat);
}

QString DisplayFormat::date(Timestamp timestamp, const QLocale &locale)
{
    return locale.toString(toDateTime(timestamp).date(), QLocale::ShortFormat);
}

QString DisplayFormat::longDate(Timestamp timestamp, const QLocale &locale)
{
    return locale.toString(toDateTime(timestamp).date(), QLocale::LongFormat);
}

QString DisplayFormat::status(TenantStatus status)
{
    switch (status) {
    case TenantStatus::Active:
        return tr("Active");
    case TenantStatus::Suspended:
        return tr("Suspended");
    case TenantStatus::Deleted:
        return tr("Deleted");
    }
    return {};
}

QString DisplayFormat::status(SubscriptionStatus status)
{
    switch (status) {
    case SubscriptionStatus::Incomplete:
        return tr("Incomplete");
    case SubscriptionStatus::IncompleteExpired:
        return tr("Incomplete, expired");
    case SubscriptionStatus::Trialing:
        return tr("Trialing");
    case SubscriptionStatus::Active:
        return tr("Active");
    case SubscriptionStatus::PastDue:
        return tr("Past due");
    case SubscriptionStatus::Canceled:
        return tr("Canceled");
    case SubscriptionStatus::Unpaid:
        return tr("Unpaid");
    case SubscriptionStatus::Paused:
        return tr("Paused");
    }
    return {};
}

QString DisplayFormat::status(InvoiceStatus status)
{
    switch (status) {
    case InvoiceStatus::Draft:
        return tr("Draft");
    case InvoiceStatus::Open:
        return tr("Open");
    case InvoiceStatus::Paid:
        return tr("Paid");
    case InvoiceStatus::Uncollectible:
        return tr("Uncollectible");
    case InvoiceStatus::Void:
        return tr("Void");
    }
    return {};
}

QString DisplayFormat::source(EntitlementSource source)
{
    switch (source) {
    case EntitlementSource::Plan:
        return tr("Plan");
    case EntitlementSource::Override:
        return tr("Override");
    case EntitlementSource::TenantStatus:
        return tr("Tenant status");
    case EntitlementSource::None:
        return tr("None");
    }
    return {};
}

QString DisplayFormat::isolation(Isolation isolation)
{
    switch (isolation) {
    case Isolation::Pool:
        return tr("Pool (shared)");
    case Isolation::Silo:
        return tr("Silo (dedicated)");
    case Isolation::Hybrid:
        return tr("Hybrid");
    }
    return {};
}

} // namespace Tenantry
