#pragma once

// The console's transport rules: https is required, except for loopback hosts (127.0.0.0/8,
// ::1, localhost) where plain http is allowed; a certificate error always fails the request
// (nothing here or in the jobs ever ignores one); a server profile may name a PEM file of
// extra certificate authorities, trusted in addition to the system's.

#include "client/apierror.h"

#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

#include <optional>

namespace Tenantry {

class TlsPolicy
{
    Q_DECLARE_TR_FUNCTIONS(Tenantry::TlsPolicy)

public:
    // 127.0.0.0/8, ::1 (and ::ffff:127.x.y.z) or "localhost"; never a name that merely
    // resolves to loopback.
    static bool isLoopbackHost(const QString &host);

    // nullopt when the console may talk to `baseUrl`; otherwise a TlsError (http to a remote
    // host) or a Validation error (not an http(s) URL, no host).
    static std::optional<ApiError> check(const QUrl &baseUrl);

    // The certificates of a PEM file; an error message (for people) when the file cannot be
    // read or holds no certificate.
    static QList<QSslCertificate> loadCaCertificates(const QString &fileName,
                                                     QString *errorMessage = nullptr);
};

} // namespace Tenantry
