#pragma once

// What went wrong with one API request, as a value: the kind of failure (which decides how the
// console reacts), the HTTP status, the server's request id, code and offending parameter, and
// a translated message for people. Built from a real response (fromHttpResponse) or from a
// failure below HTTP (network, timeout, TLS) or in the body (parse).

#include "core/tenant.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace Tenantry {

class ApiError
{
    Q_DECLARE_TR_FUNCTIONS(Tenantry::ApiError)

public:
    enum class Kind {
        Network,            // no HTTP answer: refused, reset, host not found, ...
        Timeout,            // no complete answer within the request's transfer timeout
        Unauthorized,       // 401: no valid session; sign in again
        Forbidden,          // 403: the role lacks the permission
        NotFound,           // 404
        Conflict,           // 409: existing data, or an Idempotency-Key used differently
        PreconditionFailed, // 412: a stale If-Match; current() holds the current object
        Validation,         // 400, 405, 413, 415, 422, 428: the request itself is wrong
        RateLimited,        // 429: retryAfterSeconds() says when to retry
        Server,             // 5xx and any other unexpected status
        Parse,              // a 2xx answer whose body is not what the contract describes
        TlsError,           // plain http to a remote host, or a certificate that is not trusted
    };

    ApiError() = default;
    ApiError(Kind kind, QString message);

    // An HTTP answer with a non-2xx status and its body (the contract's error object, or
    // anything else: a body that is not an error object still gives a usable error).
    // `retryAfter` is the Retry-After header, `requestIdHeader` the Request-Id header.
    static ApiError fromHttpResponse(int status,
                                     const QByteArray &body,
                                     const QByteArray &requestIdHeader = {},
                                     const QByteArray &retryAfter = {});
    static ApiError network(const QString &detail);
    static ApiError timeout(int timeoutMs);
    static ApiError tls(const QString &detail);
    static ApiError parse(const QString &detail, int status = 0, const QString &requestId = {});

    Kind kind() const { return m_kind; }
    int httpStatus() const { return m_httpStatus; } // 0 without an HTTP answer
    QString requestId() const { return m_requestId; }
    QString type() const { return m_type; }   // "invalid_request_error", ...; empty if none
    QString code() const { return m_code; }   // "version_mismatch", ...; empty if none
    QString param() const { return m_param; } // the offending parameter or field, or empty
    QString serverMessage() const { return m_serverMessage; }     // the server's English text
    QString message() const { return m_message; }                 // translated, for people
    int retryAfterSeconds() const { return m_retryAfterSeconds; } // -1 when not given

    // Only for 412 version_mismatch: the current representation of the resource.
    QJsonObject current() const { return m_current; }
    bool hasCurrent() const { return !m_current.isEmpty(); }
    // current() decoded as a tenant; nullopt when it is absent or not a tenant.
    std::optional<Tenant> currentTenant() const;

    // Worth retrying the same request later unchanged (network, timeout, 429, 503).
    bool isTransient() const;

    // "kind, status, code, request id" for logs: never a body or a secret.
    QString toLogString() const;

    static QString kindName(Kind kind);

private:
    static QString messageFor(Kind kind, int status, const QString &param);

    Kind m_kind = Kind::Network;
    int m_httpStatus = 0;
    int m_retryAfterSeconds = -1;
    QString m_requestId;
    QString m_type;
    QString m_code;
    QString m_param;
    QString m_serverMessage;
    QString m_message;
    QJsonObject m_current;
};

} // namespace Tenantry
