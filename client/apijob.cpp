#include "client/apijob.h"

#include <QNetworkReply>
#include <QSslError>
#include <QUrl>
#include <QUuid>

#include <algorithm>
#include <utility>

namespace Tenantry {

ApiJob::ApiJob(
    ApiClient *client, QByteArray verb, QString path, Idempotency idempotency, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_verb(std::move(verb))
    , m_path(std::move(path))
{
    if (idempotency == Idempotency::Key)
        m_idempotencyKey = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    m_retryTimer.setSingleShot(true);
    // A coarse timer may fire 5% early: a retry before Retry-After would be refused again.
    m_retryTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_retryTimer, &QTimer::timeout, this, &ApiJob::sendRequest);
}

ApiJob::~ApiJob()
{
    if (m_reply) {
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->abort();
        delete m_reply;
    }
}

void ApiJob::setIdempotencyKey(const QByteArray &key)
{
    if (m_idempotencyKey.isEmpty() || key.isEmpty() || key.size() > 255)
        return;
    const bool printable = std::all_of(key.begin(), key.end(), [](char c) {
        return c >= 0x21 && c <= 0x7e;
    });
    if (printable)
        m_idempotencyKey = key;
}

int ApiJob::timeoutMs() const
{
    if (m_timeoutMs > 0)
        return m_timeoutMs;
    return m_client ? m_client->timeoutMs() : 30000;
}

int ApiJob::maxRetries() const
{
    if (m_maxRetries >= 0)
        return m_maxRetries;
    return m_client ? m_client->maxRetries() : 0;
}

void ApiJob::addHeader(const QByteArray &name, const QByteArray &value)
{
    m_headers.append({name, value});
}

QString ApiJob::segment(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

void ApiJob::start()
{
    if (m_running)
        return;
    m_running = true;
    ++m_generation;
    m_error.reset();
    m_attempts = 0;
    m_httpStatus = 0;
    m_requestId.clear();
    m_etag.clear();
    m_replayed = false;

    std::optional<ApiError> refused;
    if (!m_client)
        refused = ApiError::network(QStringLiteral("the API client is gone"));
    else
        refused = m_client->checkTransport();
    if (refused) {
        // Never finish from inside start(): callers connect after or before, as they like.
        const quint64 generation = m_generation;
        QTimer::singleShot(0, this, [this, generation, error = *refused] {
            if (generation == m_generation && m_running)
                finishWithError(error);
        });
        return;
    }
    sendRequest();
}

void ApiJob::abort()
{
    ++m_generation;
    m_retryTimer.stop();
    if (m_reply) {
        QNetworkReply *reply = std::exchange(m_reply, nullptr);
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
    m_running = false;
}

void ApiJob::sendRequest()
{
    if (!m_client) {
        finishWithError(ApiError::network(QStringLiteral("the API client is gone")));
        return;
    }
    ++m_attempts;
    m_sslErrors.clear();
    ApiClient::Headers headers = m_headers;
    if (!m_idempotencyKey.isEmpty())
        headers.append({QByteArrayLiteral("Idempotency-Key"), m_idempotencyKey});
    m_reply = m_client->send(m_verb, m_path, m_query, m_body, headers, timeoutMs());
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        // Recorded for the message; never ignored, so the reply fails.
        for (const QSslError &error : errors)
            m_sslErrors.append(error.errorString());
    });
    connect(m_reply, &QNetworkReply::finished, this, &ApiJob::handleReplyFinished);
    // The client (and so its QNetworkAccessManager and this reply) may go first.
    QNetworkReply *reply = m_reply;
    connect(m_reply, &QObject::destroyed, this, [this, reply] {
        if (m_reply != reply)
            return;
        m_reply = nullptr;
        finishWithError(ApiError::network(QStringLiteral("the connection was closed")));
    });
}

void ApiJob::handleReplyFinished()
{
    if (!m_reply)
        return;
    std::unique_ptr<QNetworkReply, void (*)(QNetworkReply *)> reply(std::exchange(m_reply, nullptr),
                                                                    [](QNetworkReply *r) {
                                                                        r->deleteLater();
                                                                    });

    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = statusAttribute.isValid() ? statusAttribute.toInt() : 0;
    const QNetworkReply::NetworkError networkError = reply->error();
    m_httpStatus = status;
    m_requestId = QString::fromLatin1(reply->rawHeader(QByteArrayLiteral("Request-Id")));
    m_etag = reply->rawHeader(QByteArrayLiteral("ETag"));
    m_replayed = reply->rawHeader(QByteArrayLiteral("Idempotent-Replayed")).trimmed()
                 == QByteArrayLiteral("true");

    if (status == 0) {
        if (!m_sslErrors.isEmpty() || networkError == QNetworkReply::SslHandshakeFailedError) {
            retryOrFail(ApiError::tls(m_sslErrors.isEmpty()
                                          ? reply->errorString()
                                          : m_sslErrors.join(QStringLiteral("; "))));
        } else if (networkError == QNetworkReply::OperationCanceledError
                   || networkError == QNetworkReply::TimeoutError) {
            // abort() disconnects before cancelling, so a cancel seen here is the transfer
            // timeout.
            retryOrFail(ApiError::timeout(timeoutMs()));
        } else {
            retryOrFail(ApiError::network(reply->errorString()));
        }
        return;
    }

    const QByteArray body = reply->readAll();
    if (status >= 200 && status < 300) {
        handleSuccess(body);
        return;
    }
    ApiError error = ApiError::fromHttpResponse(status,
                                                body,
                                                reply->rawHeader(QByteArrayLiteral("Request-Id")),
                                                reply->rawHeader(QByteArrayLiteral("Retry-After")));
    if (error.kind() == ApiError::Kind::Unauthorized && m_client)
        m_client->reportUnauthorized(error);
    retryOrFail(std::move(error));
}

void ApiJob::retryOrFail(ApiError error)
{
    const bool retryable = !isMutation() && error.isTransient() && m_attempts <= maxRetries();
    if (retryable && m_client) {
        const int exponent = std::min(m_attempts - 1, 20);
        qint64 delayMs = static_cast<qint64>(m_client->retryBaseDelayMs()) << exponent;
        if (error.retryAfterSeconds() >= 0)
            delayMs = std::max(delayMs, static_cast<qint64>(error.retryAfterSeconds()) * 1000);
        if (delayMs <= m_client->maxRetryDelayMs()) {
            m_retryTimer.start(static_cast<int>(delayMs));
            return;
        }
    }
    finishWithError(std::move(error));
}

void ApiJob::finishWithSuccess()
{
    m_error.reset();
    finish();
}

void ApiJob::finishWithError(ApiError error)
{
    m_error = std::move(error);
    finish();
}

void ApiJob::finish()
{
    m_running = false;
    Q_EMIT finished();
    // A receiver may have started the job again (a retry): it is not done yet.
    if (m_autoDelete && !m_running)
        deleteLater();
}

} // namespace Tenantry
