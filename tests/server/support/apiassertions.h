#pragma once

// Assertion helpers shared by the API integration tests.

#include "tests/server/support/apiclient.h"

#include <QJsonArray>
#include <QStringList>

namespace Tenantry::TestSupport {

// "HTTP 404: {...}": a response as a failure message shows it ("HTTP 0 (why): " when no
// HTTP answer came).
inline QString bodyOf(const ApiResponse &response)
{
    if (response.status == 0)
        return QStringLiteral("HTTP 0 (%1): %2")
            .arg(response.networkError, QString::fromUtf8(response.body));
    return QStringLiteral("HTTP %1: %2").arg(response.status).arg(QString::fromUtf8(response.body));
}

inline QJsonObject errorOf(const ApiResponse &response)
{
    return response.json()[u"error"].toObject();
}

// The `field` of every item of a list response, in order.
inline QStringList idsOf(const ApiResponse &list, const char16_t *field = u"id")
{
    QStringList ids;
    const QJsonArray data = list.json()[u"data"].toArray();
    for (const QJsonValue item : data)
        ids << item[QStringView(field)].toString();
    return ids;
}

// Empty when `response` is the error object with this status, type, code (and param, when
// given) and a request_id equal to its Request-Id header; otherwise what differs, with the body.
inline QString errorMismatch(const ApiResponse &response,
                             int status,
                             const QString &type,
                             const QString &code,
                             const QString &param = {})
{
    const QJsonObject error = errorOf(response);
    QStringList problems;
    if (response.status != status)
        problems << QStringLiteral("status %1 instead of %2").arg(response.status).arg(status);
    if (error[u"type"].toString() != type)
        problems << QStringLiteral("type %1 instead of %2").arg(error[u"type"].toString(), type);
    if (error[u"code"].toString() != code)
        problems << QStringLiteral("code %1 instead of %2").arg(error[u"code"].toString(), code);
    if (!param.isEmpty() && error[u"param"].toString() != param)
        problems << QStringLiteral("param %1 instead of %2").arg(error[u"param"].toString(), param);
    if (error[u"request_id"].toString() != QString::fromUtf8(response.header("Request-Id")))
        problems << QStringLiteral("request_id differs from the Request-Id header");
    if (problems.isEmpty())
        return {};
    return problems.join(QStringLiteral("; ")) + QStringLiteral(" -- body: ")
           + QString::fromUtf8(response.body);
}

} // namespace Tenantry::TestSupport
