#pragma once

// How domain values read for people in the current locale: statuses, isolation, times and
// money (through QLocale, never a double), and an ApiError with its request id.

#include "client/apierror.h"
#include "core/money.h"
#include "core/tenant.h"
#include "core/timestamp.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFontMetrics>
#include <QString>

#include <string>

namespace Tenantry {

class DisplayText
{
    Q_DECLARE_TR_FUNCTIONS(Tenantry::DisplayText)

public:
    static QString status(TenantStatus status);
    static QString isolation(Isolation isolation);
    static QString role(const QString &role);
    static QDateTime dateTime(Timestamp timestamp); // local time
    static QString shortDateTime(Timestamp timestamp);
    // The width a column needs for shortDateTime() in `metrics`' font, with room for padding.
    static int dateTimeWidth(const QFontMetrics &metrics);
    static QString money(const Money &money);
    // The message, then "Request id: req_…" when the server gave one.
    static QString error(const ApiError &error);
    static QString fromStd(const std::string &text) { return QString::fromStdString(text); }
};

} // namespace Tenantry
