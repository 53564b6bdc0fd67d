#pragma once

// The base of every API job: one request to one endpoint, with exactly one outcome. After
// start(), finished() is emitted exactly once (never from inside start()), and then either
// error() is set or the subclass's result accessor holds the decoded answer. abort() stops a
// job silently: no finished() follows it.
//
// - Every request has a transfer timeout (the client's, or setTimeoutMs()).
// - Reads (GET) are retried with exponential backoff on network errors, timeouts, 429 (honouring
//   Retry-After) and 503, at most maxRetries() times (ApiClient's policy).
// - Mutations send an Idempotency-Key, a UUID made when the job is made. Calling start() again
//   after a failure retries the SAME action with the SAME key, so the server applies it once.
// - A 2xx body is decoded on a worker thread (QtConcurrent) and handed back to the job's thread;
//   the calling thread never waits.
// - Certificate errors are never ignored: they end the job with ApiError::Kind::TlsError.
//
// The job deletes itself after finished() unless setAutoDelete(false) was called.

#include "client/apiclient.h"
#include "client/apierror.h"
#include "core/result.h"

#include <QByteArray>
#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>
#include <memory>
#include <optional>

class QNetworkReply;

namespace Tenantry {

class ApiJob : public QObject
{
    Q_OBJECT

public:
    ~ApiJob() override;
    ApiJob(const ApiJob &) = delete;
    ApiJob &operator=(const ApiJob &) = delete;

    // Starts the job; after a finished() with an error, starts it again (a retry of the same
    // action, with the same Idempotency-Key). Does nothing while the job is running.
    void start();
    // Stops the request, a pending retry and a running decode. No finished() follows.
    void abort();

    bool isRunning() const { return m_running; }
    bool hasError() const { return m_error.has_value(); }
    // Set when the last run ended in an error.
    const std::optional<ApiError> &error() const { return m_error; }

    QByteArray verb() const { return m_verb; }
    QString path() const { return m_path; }
    bool isMutation() const { return m_verb != QByteArrayLiteral("GET"); }

    // The key sent as Idempotency-Key (empty for reads and for signing in).
    QByteArray idempotencyKey() const { return m_idempotencyKey; }
    // Restores a key kept from an earlier attempt at the same action (1 to 255 printable ASCII
    // characters); ignored for jobs that send none.
    void setIdempotencyKey(const QByteArray &key);

    // Of the last answer: its HTTP status (0 without one), Request-Id, ETag, and whether the
    // server replayed a stored answer for the Idempotency-Key (Idempotent-Replayed: true).
    int httpStatus() const { return m_httpStatus; }
    QString requestId() const { return m_requestId; }
    QByteArray etag() const { return m_etag; }
    bool isReplayed() const { return m_replayed; }
    // Requests sent by the last start(), retries included.
    int attempts() const { return m_attempts; }

    int timeoutMs() const; // the client's unless set
    void setTimeoutMs(int timeoutMs) { m_timeoutMs = timeoutMs; }
    int maxRetries() const; // the client's unless set
    void setMaxRetries(int retries) { m_maxRetries = retries; }

    bool autoDelete() const { return m_autoDelete; }
    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }

    ApiClient *client() const { return m_client.data(); }

Q_SIGNALS:
    void finished();

protected:
    enum class Idempotency { None, Key };

    ApiJob(ApiClient *client,
           QByteArray verb,
           QString path,
           Idempotency idempotency,
           QObject *parent = nullptr);

    void setQuery(ApiClient::QueryItems query) { m_query = std::move(query); }
    void setBody(QByteArray body) { m_body = std::move(body); }
    void addHeader(const QByteArray &name, const QByteArray &value);

    // Called with the body of a 2xx answer. Implementations decode it (decodeInBackground) or
    // call finishWithSuccess() directly.
    virtual void handleSuccess(const QByteArray &body) = 0;

    // Decodes `body` with `decode` on a worker thread; back on the job's thread, `store` gets the
    // value and the job finishes, or the job finishes with a Parse error.
    template<typename T>
    void decodeInBackground(const QByteArray &body,
                            Result<T> (*decode)(const QByteArray &),
                            std::function<void(T &&)> store)
    {
        using Decoded = std::shared_ptr<Result<T>>;
        auto *watcher = new QFutureWatcher<Decoded>(this);
        const quint64 generation = m_generation;
        connect(watcher,
                &QFutureWatcherBase::finished,
                this,
                [this, watcher, generation, store = std::move(store)] {
                    watcher->deleteLater();
                    if (generation != m_generation || !m_running)
                        return; // aborted or restarted meanwhile
                    const Decoded decoded = watcher->result();
                    if (!decoded || !*decoded) {
                        finishWithError(ApiError::parse(decoded ? QString::fromStdString(
                                                            (*decoded).error().toString())
                                                                : QString(),
                                                        m_httpStatus,
                                                        m_requestId));
                        return;
                    }
                    store(std::move(*decoded).value());
                    finishWithSuccess();
                });
        watcher->setFuture(QtConcurrent::run(
            [decode, body] { return std::make_shared<Result<T>>(decode(body)); }));
    }

    void finishWithSuccess();
    void finishWithError(ApiError error);

    // A percent-encoded path segment ("ten_…" as given; "/" and "?" encoded).
    static QString segment(const QString &value);

private:
    void sendRequest();
    void handleReplyFinished();
    void retryOrFail(ApiError error);
    void finish();

    QPointer<ApiClient> m_client;
    QByteArray m_verb;
    QString m_path;
    ApiClient::QueryItems m_query;
    QByteArray m_body;
    ApiClient::Headers m_headers;
    QByteArray m_idempotencyKey;

    QNetworkReply *m_reply = nullptr;
    QTimer m_retryTimer;
    QStringList m_sslErrors;
    quint64 m_generation = 0;
    bool m_running = false;
    bool m_autoDelete = true;
    int m_timeoutMs = 0;
    int m_maxRetries = -1;
    int m_attempts = 0;

    std::optional<ApiError> m_error;
    int m_httpStatus = 0;
    QString m_requestId;
    QByteArray m_etag;
    bool m_replayed = false;
};

} // namespace Tenantry
