#include "client/apierror.h"

#include "core/json/codecs.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

#include <nlohmann/json.hpp>

namespace Tenantry {

namespace {

ApiError::Kind kindForStatus(int status, const QString &type)
{
    switch (status) {
    case 400:
    case 405:
    case 413:
    case 415:
    case 422:
    case 428:
        return ApiError::Kind::Validation;
    case 401:
        return ApiError::Kind::Unauthorized;
    case 403:
        return ApiError::Kind::Forbidden;
    case 404:
        return ApiError::Kind::NotFound;
    case 409:
        return ApiError::Kind::Conflict;
    case 412:
        return ApiError::Kind::PreconditionFailed;
    case 429:
        return ApiError::Kind::RateLimited;
    default:
        break;
    }
    // A status the contract does not name: the error's type decides (clients branch on type).
    if (type == QLatin1String("authentication_error"))
        return ApiError::Kind::Unauthorized;
    if (type == QLatin1String("permission_error"))
        return ApiError::Kind::Forbidden;
    if (type == QLatin1String("rate_limit_error"))
        return ApiError::Kind::RateLimited;
    if (type == QLatin1String("idempotency_error"))
        return ApiError::Kind::Conflict;
    if (type == QLatin1String("invalid_request_error") && status >= 400 && status < 500)
        return ApiError::Kind::Validation;
    return ApiError::Kind::Server;
}

QString optionalString(const QJsonObject &object, QLatin1String key)
{
    const QJsonValue value = object.value(key);
    return value.isString() ? value.toString() : QString();
}

} // namespace

ApiError::ApiError(Kind kind, QString message)
    : m_kind(kind)
    , m_message(std::move(message))
{}

ApiError ApiError::fromHttpResponse(int status,
                                    const QByteArray &body,
                                    const QByteArray &requestIdHeader,
                                    const QByteArray &retryAfter)
{
    ApiError error;
    error.m_httpStatus = status;
    error.m_requestId = QString::fromLatin1(requestIdHeader.trimmed());

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject object = document.object().value(QLatin1String("error")).toObject();
    if (parseError.error == QJsonParseError::NoError && !object.isEmpty()) {
        error.m_type = optionalString(object, QLatin1String("type"));
        error.m_code = optionalString(object, QLatin1String("code"));
        error.m_param = optionalString(object, QLatin1String("param"));
        error.m_serverMessage = optionalString(object, QLatin1String("message"));
        const QString bodyRequestId = optionalString(object, QLatin1String("request_id"));
        if (!bodyRequestId.isEmpty())
            error.m_requestId = bodyRequestId;
        error.m_current = object.value(QLatin1String("current")).toObject();
    }

    bool ok = false;
    const int seconds = retryAfter.trimmed().toInt(&ok);
    if (ok && seconds >= 0)
        error.m_retryAfterSeconds = seconds;

    error.m_kind = kindForStatus(status, error.m_type);
    error.m_message = messageFor(error.m_kind, status, error.m_param);
    return error;
}

ApiError ApiError::network(const QString &detail)
{
    ApiError error(Kind::Network, messageFor(Kind::Network, 0, {}));
    error.m_serverMessage = detail;
    return error;
}

ApiError ApiError::timeout(int timeoutMs)
{
    ApiError error(Kind::Timeout, messageFor(Kind::Timeout, 0, {}));
    error.m_serverMessage = QStringLiteral("no complete answer within %1 ms").arg(timeoutMs);
    return error;
}

ApiError ApiError::tls(const QString &detail)
{
    ApiError error(Kind::TlsError, messageFor(Kind::TlsError, 0, {}));
    error.m_serverMessage = detail;
    return error;
}

ApiError ApiError::parse(const QString &detail, int status, const QString &requestId)
{
    ApiError error(Kind::Parse, messageFor(Kind::Parse, status, {}));
    error.m_httpStatus = status;
    error.m_requestId = requestId;
    error.m_serverMessage = detail;
    return error;
}

std::optional<Tenant> ApiError::currentTenant() const
{
    if (m_current.value(QLatin1String("object")).toString() != QLatin1String("tenant"))
        return std::nullopt;
    const QByteArray text = QJsonDocument(m_current).toJson(QJsonDocument::Compact);
    const Result<nlohmann::json> json = parseJson(
        std::string_view(text.constData(), static_cast<std::size_t>(text.size())));
    if (!json)
        return std::nullopt;
    Result<Tenant> tenant = decodeTenant(*json);
    if (!tenant)
        return std::nullopt;
    return std::move(tenant).value();
}

bool ApiError::isTransient() const
{
    switch (m_kind) {
    case Kind::Network:
    case Kind::Timeout:
    case Kind::RateLimited:
        return true;
    case Kind::Server:
        return m_httpStatus == 503;
    default:
        return false;
    }
}

QString ApiError::toLogString() const
{
    QString text = kindName(m_kind);
    if (m_httpStatus != 0)
        text += QLatin1Char(' ') + QString::number(m_httpStatus);
    if (!m_code.isEmpty())
        text += QLatin1Char(' ') + m_code;
    if (!m_param.isEmpty())
        text += QLatin1String(" param=") + m_param;
    if (!m_requestId.isEmpty())
        text += QLatin1String(" request_id=") + m_requestId;
    return text;
}

QString ApiError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Network:
        return QStringLiteral("network");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::Unauthorized:
        return QStringLiteral("unauthorized");
    case Kind::Forbidden:
        return QStringLiteral("forbidden");
    case Kind::NotFound:
        return QStringLiteral("not-found");
    case Kind::Conflict:
        return QStringLiteral("conflict");
    case Kind::PreconditionFailed:
        return QStringLiteral("precondition-failed");
    case Kind::Validation:
        return QStringLiteral("validation");
    case Kind::RateLimited:
        return QStringLiteral("rate-limited");
    case Kind::Server:
        return QStringLiteral("server");
    case Kind::Parse:
        return QStringLiteral("parse");
    case Kind::TlsError:
        return QStringLiteral("tls");
    }
    return QStringLiteral("unknown");
}

QString ApiError::messageFor(Kind kind, int status, const QString &param)
{
    switch (kind) {
    case Kind::Network:
        return tr("The server cannot be reached. Check the server address and your network "
                  "connection, then try again.");
    case Kind::Timeout:
        return tr("The server did not answer in time. Try again; if it keeps happening, the "
                  "server may be overloaded.");
    case Kind::Unauthorized:
        return tr("Your session has ended or is not valid. Sign in again.");
    case Kind::Forbidden:
        return tr("Your role does not allow this action. Ask an administrator for access.");
    case Kind::NotFound:
        return tr("The requested item does not exist. It may have been removed; refresh the "
                  "list.");
    case Kind::Conflict:
        return tr("The change conflicts with existing data or with an earlier request. Check "
                  "the values and try again.");
    case Kind::PreconditionFailed:
        return tr("Someone else changed this item since you loaded it. Review the current "
                  "version and apply your change again.");
    case Kind::Validation:
        if (!param.isEmpty())
            return tr("The server refused the value of \u201c%1\u201d. Correct it and try again.")
                .arg(param);
        return tr("The server refused the request as invalid.");
    case Kind::RateLimited:
        return tr("Too many requests in a short time. Wait a moment and try again.");
    case Kind::Server:
        if (status != 0)
            return tr("The server failed to handle the request (HTTP %1). Try again later; if "
                      "it persists, contact support with the request id.")
                .arg(status);
        return tr("The server failed to handle the request. Try again later.");
    case Kind::Parse:
        return tr("The server's answer could not be read. The server may run a version this "
                  "console does not support.");
    case Kind::TlsError:
        return tr("The connection is not secure: the server's certificate is not trusted or "
                  "the address does not use https. Check the server address and its "
                  "certificate authority.");
    }
    return {};
}

} // namespace Tenantry
