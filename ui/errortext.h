#pragma once

#include "client/apierror.h"

#include <QCoreApplication>
#include <QString>

namespace Tenantry {

// An ApiError for people: what happened (`action` failed, and why), what they can do, the
// server's own words and the request id to quote to support. Rich text for a selectable label.
class ErrorText
{
    Q_DECLARE_TR_FUNCTIONS(Tenantry::ErrorText)

public:
    static QString html(const QString &action, const ApiError &error);
    static QString plain(const QString &action, const ApiError &error);
};

} // namespace Tenantry
