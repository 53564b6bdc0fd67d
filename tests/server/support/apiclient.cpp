#include "tests/server/support/apiclient.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QNetworkReply>
#include <QTimer>
#include <QUrl>
#include <QUuid>

namespace Tenantry::TestSupport {

QByteArray ApiResponse::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString ApiResponse::errorCode() const
{
    return json()[QStringLiteral("error")][QStringLiteral("code")].toString();
}

bool ApiClient::signIn(const QString &email, const QString &password)
{
    const QJsonObject body{{QStringLiteral("email"), email}, {QStringLiteral("password"), password}};
    const ApiResponse response = request("POST",
                                         QStringLiteral("/v1/sessions"),
                                         QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (response.status != 201)
        return false;
    m_token = response.json()[QStringLiteral("token")].toString();
    return !m_token.isEmpty();
}

ApiResponse ApiClient::request(const QByteArray &method,
                               const QString &path,
                               const QByteArray &body,
                               const QList<QPair<QByteArray, QByteArray>> &headers,
                               int timeoutMs)
{
    QNetworkRequest request(QUrl(m_baseUrl + path));
    request.setTransferTimeout(timeoutMs);
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    bool contentType = false;
    for (const auto &[name, value] : headers) {
        request.setRawHeader(name, value);
        contentType = contentType || name.compare("Content-Type", Qt::CaseInsensitive) == 0;
    }
    if (!body.isEmpty() && !contentType)
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));

    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs + 1000, &loop, &QEventLoop::quit);
    loop.exec();

    ApiResponse response;
    if (reply->isFinished()) {
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        response.body = reply->readAll();
        response.headers = reply->rawHeaderPairs();
        if (reply->error() != QNetworkReply::NoError)
            response.networkError = reply->errorString();
    } else {
        reply->abort();
        response.networkError = QStringLiteral("no answer within %1 ms").arg(timeoutMs + 1000);
    }
    reply->deleteLater();
    return response;
}

ApiResponse ApiClient::post(const QString &path, const QJsonObject &body, const QByteArray &key)
{
    const QByteArray idempotencyKey = key.isEmpty()
                                          ? QUuid::createUuid().toByteArray(QUuid::WithoutBraces)
                                          : key;
    return request("POST",
                   path,
                   QJsonDocument(body).toJson(QJsonDocument::Compact),
                   {{"Idempotency-Key", idempotencyKey}});
}

ApiResponse ApiClient::patch(const QString &path, const QJsonObject &body, const QByteArray &ifMatch)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!ifMatch.isEmpty())
        headers.append({"If-Match", ifMatch});
    return request("PATCH", path, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
}

ApiResponse ApiClient::del(const QString &path, const QByteArray &ifMatch)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!ifMatch.isEmpty())
        headers.append({"If-Match", ifMatch});
    return request("DELETE", path, {}, headers);
}

QString ApiClient::planId(const QString &key, const QString &currency)
{
    QString cursor;
    for (int page = 0; page < 100; ++page) {
        const ApiResponse response = get(
            QStringLiteral("/v1/plans?limit=100")
            + (cursor.isEmpty() ? QString() : QStringLiteral("&starting_after=") + cursor));
        if (response.status != 200)
            return {};
        const QJsonArray plans = response.json()[u"data"].toArray();
        for (const QJsonValue plan : plans) {
            if (plan[u"key"].toString() == key && plan[u"price"][u"currency"].toString() == currency)
                return plan[u"id"].toString();
        }
        if (!response.json()[u"has_more"].toBool())
            return {};
        cursor = response.json()[u"next_cursor"].toString();
    }
    return {};
}

} // namespace Tenantry::TestSupport
