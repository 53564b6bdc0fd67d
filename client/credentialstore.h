#pragma once

// The session token of each server profile, in the system keychain through QtKeychain (service
// "tenantry", one entry per profile). Every operation is asynchronous and ends in exactly one
// signal: its success signal, or failed(). The insecure fallback (a plain file) is off: when
// no keychain is available, or it is locked, that is an error, never an empty token. A keychain
// that does not answer within timeoutMs() is reported as Unavailable, so nothing waits for
// ever. Tokens never reach QSettings, a log or an error message.

#include "client/credentialerror.h"

#include <QObject>
#include <QString>

namespace QKeychain {
class Job;
}

namespace Tenantry {

class CredentialStore : public QObject
{
    Q_OBJECT

public:
    enum class Operation { Read, Write, Delete };
    Q_ENUM(Operation)

    explicit CredentialStore(QObject *parent = nullptr);
    // Another service name (tests use their own so they never touch a real entry).
    explicit CredentialStore(QString service, QObject *parent = nullptr);

    QString service() const { return m_service; }
    int timeoutMs() const { return m_timeoutMs; }
    void setTimeoutMs(int timeoutMs) { m_timeoutMs = timeoutMs > 0 ? timeoutMs : 1; }

    void readToken(const QString &profileName);
    void writeToken(const QString &profileName, const QString &token);
    void deleteToken(const QString &profileName);

    static QString defaultService(); // "tenantry"

Q_SIGNALS:
    void tokenRead(const QString &profileName, const QString &token);
    void tokenWritten(const QString &profileName);
    void tokenDeleted(const QString &profileName);
    void failed(const QString &profileName,
                Tenantry::CredentialStore::Operation operation,
                const Tenantry::CredentialError &error);

private:
    static QString keyFor(const QString &profileName);
    void run(QKeychain::Job *job, const QString &profileName, Operation operation);

    QString m_service;
    int m_timeoutMs = 30000;
};

} // namespace Tenantry
