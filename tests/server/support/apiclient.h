#pragma once

// A small blocking HTTP client for integration tests (Qt Network under a local event loop,
// with a timeout). Tests only: the console's client never blocks like this.

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QString>

namespace Tenantry::TestSupport {

struct ApiResponse
{
    int status = 0;       // 0: no HTTP answer (connection refused, timeout)
    QString networkError; // why there was no HTTP answer, or the reply's error otherwise
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray header(const QByteArray &name) const; // case-insensitive; empty if none
    QString errorCode() const;                       // error.code of an error body
};

class ApiClient
{
public:
    explicit ApiClient(QString baseUrl)
        : m_baseUrl(std::move(baseUrl))
    {}

    void setToken(const QString &token) { m_token = token; }
    QString token() const { return m_token; }

    // Signs in and keeps the token; false if that failed.
    bool signIn(const QString &email, const QString &password);

    // `path` may carry a query. Extra headers are added as given; a non-empty body is sent as
    // application/json unless a Content-Type header is given.
    ApiResponse request(const QByteArray &method,
                        const QString &path,
                        const QByteArray &body = {},
                        const QList<QPair<QByteArray, QByteArray>> &headers = {},
                        int timeoutMs = 30'000);

    ApiResponse get(const QString &path) { return request("GET", path); }
    // POST with a fresh Idempotency-Key unless one is given.
    ApiResponse post(const QString &path, const QJsonObject &body, const QByteArray &key = {});
    ApiResponse patch(const QString &path, const QJsonObject &body, const QByteArray &ifMatch);
    ApiResponse del(const QString &path, const QByteArray &ifMatch);

    // The id of the plan with `key` in `currency`, looked up through GET /v1/plans (plan ids
    // are opaque); empty when there is none.
    QString planId(const QString &key, const QString &currency = QStringLiteral("usd"));

private:
    QString m_baseUrl;
    QString m_token;
    QNetworkAccessManager m_network;
};

} // namespace Tenantry::TestSupport
