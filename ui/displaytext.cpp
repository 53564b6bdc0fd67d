#include "ui/displaytext.h"

#include <QLocale>

namespace Tenantry {

QString DisplayText::status(TenantStatus status)
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

QString DisplayText::isolation(Isolation isolation)
{
    switch (isolation) {
    case Isolation::Pool:
        return tr("Pool");
    case Isolation::Silo:
        return tr("Silo");
    case Isolation::Hybrid:
        return tr("Hybrid");
    }
    return {};
}

QString DisplayText::role(const QString &role)
{
    if (role == QLatin1String("owner"))
        return tr("Owner");
    if (role == QLatin1String("admin"))
        return tr("Admin");
    if (role == QLatin1String("support"))
        return tr("Support");
    if (role == QLatin1String("finance"))
        return tr("Finance");
    if (role == QLatin1String("viewer"))
        return tr("Viewer");
    return role;
}

QDateTime DisplayText::dateTime(Timestamp timestamp)
{
    const qint64 microseconds = timestamp.time_since_epoch().count();
    return QDateTime::fromMSecsSinceEpoch(microseconds / 1000, Qt::UTC).toLocalTime();
}

QString DisplayText::shortDateTime(Timestamp timestamp)
{
    return QLocale().toString(dateTime(timestamp), QLocale::ShortFormat);
}

int DisplayText::dateTimeWidth(const QFontMetrics &metrics)
{
    // A wide date: two-digit day and hour, and a long month name where the format has one.
    const QDateTime sample(QDate(2026, 12, 28), QTime(23, 58, 58));
    return metrics.horizontalAdvance(QLocale().toString(sample, QLocale::ShortFormat))
           + 4 * metrics.horizontalAdvance(QLatin1Char('M'));
}

QString DisplayText::money(const Money &money)
{
    const QLocale locale;
    const int exponent = money.currency().exponent();
    std::int64_t divisor = 1;
    for (int i = 0; i < exponent; ++i)
        divisor *= 10;
    const std::int64_t amount = money.amount();
    const bool negative = amount < 0;
    // Magnitudes in unsigned arithmetic, so that INT64_MIN has one too.
    const auto magnitude = negative ? 0U - static_cast<std::uint64_t>(amount)
                                    : static_cast<std::uint64_t>(amount);
    const auto udivisor = static_cast<std::uint64_t>(divisor);
    QString number = locale.toString(static_cast<qulonglong>(magnitude / udivisor));
    if (exponent > 0) {
        number += locale.decimalPoint()
                  + QStringLiteral("%1").arg(static_cast<qulonglong>(magnitude % udivisor),
                                             exponent,
                                             10,
                                             QLatin1Char('0'));
    }
    if (negative)
        number.prepend(locale.negativeSign());
    const QString code = QString::fromStdString(money.currency().toString()).toUpper();
    return tr("%1 %2", "amount and ISO currency code").arg(number, code);
}

QString DisplayText::error(const ApiError &error)
{
    QString text = error.message();
    if (!error.serverMessage().isEmpty() && error.serverMessage() != error.message())
        text += QLatin1Char('\n') + error.serverMessage();
    if (!error.requestId().isEmpty())
        text += QLatin1Char('\n') + tr("Request id: %1").arg(error.requestId());
    return text;
}

} // namespace Tenantry
