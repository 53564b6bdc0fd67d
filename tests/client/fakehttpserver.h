#pragma once

// A scripted HTTP/1.1 server on loopback for the client's unit tests: it records every request
// and answers each with the next scripted response (the last one repeats). A "silent" response
// accepts the request and never answers, for timeouts.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTcpServer>

class QTcpSocket;

namespace Tenantry::TestSupport {

struct RecordedRequest
{
    QByteArray method;
    QByteArray target; // path and query, as sent
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const; // case-insensitive; empty if none
};

class FakeHttpServer : public QObject
{
    Q_OBJECT

public:
    explicit FakeHttpServer(QObject *parent = nullptr);

    bool listen(); // on 127.0.0.1, a free port
    quint16 port() const { return m_server.serverPort(); }
    QString baseUrl() const;

    static QByteArray response(int status,
                               const QByteArray &body,
                               const QList<QPair<QByteArray, QByteArray>> &headers = {});
    static QByteArray silent() { return QByteArrayLiteral("<silent>"); }

    void setScript(QList<QByteArray> responses) { m_script = std::move(responses); }
    const QList<RecordedRequest> &requests() const { return m_requests; }

Q_SIGNALS:
    void requestReceived();

private:
    void accept();
    void read(QTcpSocket *socket);

    QTcpServer m_server;
    QList<QByteArray> m_script;
    QList<RecordedRequest> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace Tenantry::TestSupport
