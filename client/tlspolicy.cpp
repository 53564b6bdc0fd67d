#include "client/tlspolicy.h"

#include <QFile>
#include <QHostAddress>

namespace Tenantry {

bool TlsPolicy::isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    QHostAddress address;
    if (!address.setAddress(host))
        return false;
    bool isMappedV4 = false;
    const quint32 v4 = address.toIPv4Address(&isMappedV4);
    if (isMappedV4)
        return (v4 >> 24) == 127;
    return address.isLoopback();
}

std::optional<ApiError> TlsPolicy::check(const QUrl &baseUrl)
{
    const QString scheme = baseUrl.scheme().toLower();
    if (!baseUrl.isValid() || baseUrl.host().isEmpty()
        || (scheme != QLatin1String("https") && scheme != QLatin1String("http"))) {
        ApiError error(ApiError::Kind::Validation,
                       tr("\u201c%1\u201d is not a server address. Use https://host[:port].")
                           .arg(baseUrl.toDisplayString()));
        return error;
    }
    if (scheme == QLatin1String("http") && !isLoopbackHost(baseUrl.host())) {
        return ApiError::tls(QStringLiteral("plain http is allowed only for loopback hosts, not ")
                             + baseUrl.host());
    }
    return std::nullopt;
}

QList<QSslCertificate> TlsPolicy::loadCaCertificates(const QString &fileName, QString *errorMessage)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        if (errorMessage)
            *errorMessage = tr("The certificate authority file \u201c%1\u201d cannot be read: %2")
                                .arg(fileName, file.errorString());
        return {};
    }
    QList<QSslCertificate> certificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (certificates.isEmpty() && errorMessage)
        *errorMessage = tr("The certificate authority file \u201c%1\u201d holds no PEM "
                           "certificate.")
                            .arg(fileName);
    return certificates;
}

} // namespace Tenantry
