#include "client/apiclient.h"

#include "client/tlspolicy.h"

#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>

namespace Tenantry {

ApiClient::ApiClient(QObject *parent)
    : QObject(parent)
{
    // A redirect could carry the bearer token to another host: none is followed.
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_network.setAutoDeleteReplies(false);
}

ApiClient::ApiClient(const QUrl &baseUrl, QObject *parent)
    : ApiClient(parent)
{
    m_baseUrl = baseUrl;
}

void ApiClient::setCaCertificates(const QList<QSslCertificate> &certificates)
{
    m_caCertificates = certificates;
}

bool ApiClient::setCaCertificatesFile(const QString &fileName, QString *errorMessage)
{
    const QList<QSslCertificate> certificates = TlsPolicy::loadCaCertificates(fileName,
                                                                              errorMessage);
    if (certificates.isEmpty())
        return false;
    m_caCertificates = certificates;
    return true;
}

QByteArray ApiClient::userAgent()
{
    return QByteArrayLiteral("Tenantry/") + version().toLatin1();
}

QString ApiClient::version()
{
    return QStringLiteral(TENANTRY_VERSION);
}

std::optional<ApiError> ApiClient::checkTransport() const
{
    return TlsPolicy::check(m_baseUrl);
}

QUrl ApiClient::urlFor(const QString &path, const QueryItems &query) const
{
    QUrl url = m_baseUrl;
    QString basePath = url.path(QUrl::FullyEncoded);
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + path, QUrl::TolerantMode);
    // Encoded by hand: QUrlQuery leaves '+' alone, which servers may read as a space.
    QString text;
    for (const auto &[key, value] : query) {
        if (!text.isEmpty())
            text += QLatin1Char('&');
        text += QString::fromLatin1(QUrl::toPercentEncoding(key)) + QLatin1Char('=')
                + QString::fromLatin1(QUrl::toPercentEncoding(value));
    }
    if (text.isEmpty())
        url.setQuery(QString());
    else
        url.setQuery(text, QUrl::TolerantMode);
    url.setFragment(QString());
    return url;
}

QNetworkReply *ApiClient::send(const QByteArray &verb,
                               const QString &path,
                               const QueryItems &query,
                               const QByteArray &body,
                               const Headers &headers,
                               int timeoutMs)
{
    QNetworkRequest request(urlFor(path, query));
    request.setTransferTimeout(timeoutMs > 0 ? timeoutMs : m_timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader(QByteArrayLiteral("User-Agent"), userAgent());
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    if (!m_token.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"),
                             QByteArrayLiteral("Bearer ") + m_token.toUtf8());
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    if (request.url().scheme() == QLatin1String("https") && !m_caCertificates.isEmpty()) {
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.addCaCertificates(m_caCertificates);
        request.setSslConfiguration(configuration);
    }
    return m_network.sendCustomRequest(request, verb, body);
}

void ApiClient::reportUnauthorized(const ApiError &error)
{
    Q_EMIT sessionRejected(error);
}

} // namespace Tenantry
