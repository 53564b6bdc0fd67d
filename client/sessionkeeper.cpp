#include "client/sessionkeeper.h"

#include "client/apiclient.h"
#include "client/serverprofiles.h"

namespace Tenantry {

SessionKeeper::SessionKeeper(ApiClient *client,
                             ServerProfiles *profiles,
                             CredentialStore *store,
                             QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_profiles(profiles)
    , m_store(store)
{
    connect(m_store, &CredentialStore::tokenRead, this, &SessionKeeper::tokenRead);
    connect(m_store, &CredentialStore::tokenWritten, this, &SessionKeeper::remembered);
    connect(m_store, &CredentialStore::tokenDeleted, this, &SessionKeeper::forgotten);
    connect(m_store, &CredentialStore::failed, this, &SessionKeeper::storeFailed);
}

void SessionKeeper::restore()
{
    const QString name = m_profiles->currentName();
    const std::optional<ServerProfile> profile = name.isEmpty() ? std::nullopt
                                                                : m_profiles->profile(name);
    if (!profile || !profile->isValid()) {
        Q_EMIT signInNeeded(QString());
        return;
    }
    m_restoring = profile->name;
    m_store->readToken(profile->name);
}

void SessionKeeper::remember(const QString &profileName, const QString &token)
{
    m_store->writeToken(profileName, token);
}

void SessionKeeper::forget(const QString &profileName)
{
    m_store->deleteToken(profileName);
}

void SessionKeeper::tokenRead(const QString &profileName, const QString &token)
{
    if (profileName != m_restoring)
        return;
    m_restoring.clear();
    const std::optional<ServerProfile> profile = m_profiles->profile(profileName);
    if (!profile || token.isEmpty()) {
        Q_EMIT signInNeeded(QString());
        return;
    }
    if (!profile->caFile.isEmpty()) {
        QString problem;
        if (!m_client->setCaCertificatesFile(profile->caFile, &problem)) {
            Q_EMIT signInNeeded(problem);
            return;
        }
    }
    m_client->setBaseUrl(profile->url);
    m_client->setToken(token);
    Q_EMIT restored(*profile);
}

void SessionKeeper::storeFailed(const QString &profileName,
                                CredentialStore::Operation operation,
                                const CredentialError &error)
{
    switch (operation) {
    case CredentialStore::Operation::Read:
        if (profileName != m_restoring)
            return;
        m_restoring.clear();
        if (error.kind() == CredentialError::Kind::NotFound)
            Q_EMIT signInNeeded(QString());
        else
            Q_EMIT signInNeeded(tr("The saved session for \u201c%1\u201d could not be read. %2")
                                    .arg(profileName, error.message()));
        return;
    case CredentialStore::Operation::Write:
        Q_EMIT rememberFailed(profileName, error.message());
        return;
    case CredentialStore::Operation::Delete:
        if (error.kind() == CredentialError::Kind::NotFound)
            Q_EMIT forgotten(profileName);
        else
            Q_EMIT forgetFailed(profileName, error.message());
        return;
    }
}

} // namespace Tenantry
