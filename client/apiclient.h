#pragma once

// The connection to one tenantryd: its base URL, the session's bearer token, the transfer
// timeout every request gets, the retry policy of reads and the extra certificate authorities
// of the server profile. Jobs (one class per endpoint, see ApiJob) send their requests through
// it; it owns the one QNetworkAccessManager they share. The client must outlive its jobs.

#include "client/apierror.h"

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPair>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

#include <optional>

class QNetworkReply;

namespace Tenantry {

class ApiClient : public QObject
{
    Q_OBJECT

public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    using QueryItems = QList<QPair<QString, QString>>;

    explicit ApiClient(QObject *parent = nullptr);
    explicit ApiClient(const QUrl &baseUrl, QObject *parent = nullptr);

    QUrl baseUrl() const { return m_baseUrl; }
    void setBaseUrl(const QUrl &baseUrl) { m_baseUrl = baseUrl; }

    // The session's bearer token: kept in memory only (see CredentialStore for the keychain).
    QString token() const { return m_token; }
    bool hasToken() const { return !m_token.isEmpty(); }
    void setToken(const QString &token) { m_token = token; }
    void clearToken() { m_token.clear(); }

    // Transfer timeout of every request, in milliseconds (default 30 s): a request during which
    // no data moves for that long fails with ApiError::Kind::Timeout. Jobs may override it.
    int timeoutMs() const { return m_timeoutMs; }
    void setTimeoutMs(int timeoutMs) { m_timeoutMs = timeoutMs > 0 ? timeoutMs : 1; }

    // Reads (GET) are retried on network errors, timeouts, 429 and 503 up to maxRetries times,
    // waiting retryBaseDelayMs * 2^n (or Retry-After when the server sends a longer one). A
    // wait longer than maxRetryDelayMs is not taken: the error is reported instead.
    int maxRetries() const { return m_maxRetries; }
    void setMaxRetries(int retries) { m_maxRetries = retries < 0 ? 0 : retries; }
    int retryBaseDelayMs() const { return m_retryBaseDelayMs; }
    void setRetryBaseDelayMs(int delayMs) { m_retryBaseDelayMs = delayMs < 0 ? 0 : delayMs; }
    int maxRetryDelayMs() const { return m_maxRetryDelayMs; }
    void setMaxRetryDelayMs(int delayMs) { m_maxRetryDelayMs = delayMs < 0 ? 0 : delayMs; }

    // Certificate authorities trusted in addition to the system's (a server profile's CA file).
    QList<QSslCertificate> caCertificates() const { return m_caCertificates; }
    void setCaCertificates(const QList<QSslCertificate> &certificates);
    // Loads a PEM file; false with a message for people when it cannot be used.
    bool setCaCertificatesFile(const QString &fileName, QString *errorMessage = nullptr);

    // "Tenantry/<version>"
    static QByteArray userAgent();
    static QString version();

    // For jobs: the transport check of the base URL (TlsPolicy), then the request itself.
    // `path` is already percent-encoded ("/v1/tenants/ten_…"); query values are encoded here.
    std::optional<ApiError> checkTransport() const;
    QNetworkReply *send(const QByteArray &verb,
                        const QString &path,
                        const QueryItems &query,
                        const QByteArray &body,
                        const Headers &headers,
                        int timeoutMs);
    QUrl urlFor(const QString &path, const QueryItems &query) const;

    QNetworkAccessManager *networkAccessManager() { return &m_network; }

    // For jobs: a request was refused with 401.
    void reportUnauthorized(const ApiError &error);

Q_SIGNALS:
    // A request was refused because the session is no longer valid: the console should sign in
    // again.
    void sessionRejected(const Tenantry::ApiError &error);

private:
    QNetworkAccessManager m_network;
    QUrl m_baseUrl;
    QString m_token;
    QList<QSslCertificate> m_caCertificates;
    int m_timeoutMs = 30000;
    int m_maxRetries = 3;
    int m_retryBaseDelayMs = 500;
    int m_maxRetryDelayMs = 30000;
};

} // namespace Tenantry
