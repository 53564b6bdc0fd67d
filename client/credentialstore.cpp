#include "client/credentialstore.h"

#include <QTimer>

#include <qt6keychain/keychain.h>

#include <memory>

namespace Tenantry {

namespace {

CredentialError errorFor(QKeychain::Error error, const QString &detail)
{
    switch (error) {
    case QKeychain::EntryNotFound:
        return CredentialError(CredentialError::Kind::NotFound, detail);
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return CredentialError(CredentialError::Kind::Unavailable, detail);
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return CredentialError(CredentialError::Kind::AccessDenied, detail);
    case QKeychain::NoError:
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    return CredentialError(CredentialError::Kind::Failed, detail);
}

} // namespace

CredentialStore::CredentialStore(QObject *parent)
    : CredentialStore(defaultService(), parent)
{}

CredentialStore::CredentialStore(QString service, QObject *parent)
    : QObject(parent)
    , m_service(std::move(service))
{}

QString CredentialStore::defaultService()
{
    return QStringLiteral("tenantry");
}

QString CredentialStore::keyFor(const QString &profileName)
{
    return QStringLiteral("session-token:") + profileName;
}

void CredentialStore::readToken(const QString &profileName)
{
    run(new QKeychain::ReadPasswordJob(m_service), profileName, Operation::Read);
}

void CredentialStore::writeToken(const QString &profileName, const QString &token)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setTextData(token);
    run(job, profileName, Operation::Write);
}

void CredentialStore::deleteToken(const QString &profileName)
{
    run(new QKeychain::DeletePasswordJob(m_service), profileName, Operation::Delete);
}

void CredentialStore::run(QKeychain::Job *job, const QString &profileName, Operation operation)
{
    job->setKey(keyFor(profileName));
    job->setInsecureFallback(false);
    job->setAutoDelete(true);

    // Whichever comes first, the keychain's answer or the watchdog, is the one outcome.
    auto answered = std::make_shared<bool>(false);
    auto *watchdog = new QTimer(this);
    watchdog->setSingleShot(true);
    connect(watchdog, &QTimer::timeout, this, [this, answered, watchdog, profileName, operation] {
        watchdog->deleteLater();
        if (*answered)
            return;
        *answered = true;
        Q_EMIT failed(profileName,
                      operation,
                      CredentialError(CredentialError::Kind::Unavailable,
                                      QStringLiteral("the keychain did not answer")));
    });
    connect(job,
            &QKeychain::Job::finished,
            this,
            [this, answered, watchdog, profileName, operation](QKeychain::Job *finishedJob) {
                if (*answered)
                    return;
                *answered = true;
                watchdog->stop();
                watchdog->deleteLater();
                if (finishedJob->error() != QKeychain::NoError) {
                    Q_EMIT failed(profileName,
                                  operation,
                                  errorFor(finishedJob->error(), finishedJob->errorString()));
                    return;
                }
                switch (operation) {
                case Operation::Read: {
                    auto *read = static_cast<QKeychain::ReadPasswordJob *>(finishedJob);
                    Q_EMIT tokenRead(profileName, read->textData());
                    break;
                }
                case Operation::Write:
                    Q_EMIT tokenWritten(profileName);
                    break;
                case Operation::Delete:
                    Q_EMIT tokenDeleted(profileName);
                    break;
                }
            });
    watchdog->start(m_timeoutMs);
    job->start();
}

} // namespace Tenantry
