#pragma once

// How the console shows values: money through QLocale::toCurrencyString from minor units and
// the currency's exponent (a double only for the formatting itself), instants through QLocale in
// local time, and the API's enum values as translated words.

#include "core/entitlements.h"
#include "core/invoice.h"
#include "core/money.h"
#include "core/subscription.h"
#include "core/tenant.h"
#include "core/timestamp.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QString>

#include <optional>
#include <string>

namespace Tenantry {

class DisplayFormat
{
    Q_DECLARE_TR_FUNCTIONS(Tenantry::DisplayFormat)

public:
    static QString money(const Money &money, const QLocale &locale = QLocale());
    static QString currencySymbol(const Currency &currency);

    static QDateTime toDateTime(Timestamp timestamp); // local time
    static Timestamp fromDateTime(const QDateTime &dateTime);
    static QString dateTime(Timestamp timestamp, const QLocale &locale = QLocale());
    static QString date(Timestamp timestamp, const QLocale &locale = QLocale());
    static QString longDate(Timestamp timestamp, const QLocale &locale = QLocale());

    static QString text(const std::string &value) { return QString::fromStdString(value); }

    static QString status(TenantStatus status);
    static QString status(SubscriptionStatus status);
    static QString status(InvoiceStatus status);
    static QString source(EntitlementSource source);
    static QString isolation(Isolation isolation);
};

} // namespace Tenantry
