#pragma once

// Keeps the console signed in across restarts: the session token of each server profile lives
// in the system keychain (CredentialStore), the profile itself (URL, email, CA file) in
// ServerProfiles. restore() prepares the ApiClient for the profile used last; whether the server
// still accepts the token is for the next request (GET /v1/me) to say, and a 401 there leads to
// the sign-in dialog as usual. A keychain that is locked, missing or silent is reported as the
// reason to sign in, never taken to mean "nothing saved".

#include "client/credentialerror.h"
#include "client/credentialstore.h"
#include "client/serverprofile.h"

#include <QObject>
#include <QString>

namespace Tenantry {

class ApiClient;
class ServerProfiles;

class SessionKeeper : public QObject
{
    Q_OBJECT

public:
    // `profiles` and `store` must outlive the keeper.
    SessionKeeper(ApiClient *client,
                  ServerProfiles *profiles,
                  CredentialStore *store,
                  QObject *parent = nullptr);

    // Ends in exactly one signal: restored() when the current profile has a token (the client
    // then has its URL, CA file and token), or signInNeeded().
    void restore();
    // Saves `token` for the profile; ends in remembered() or rememberFailed().
    void remember(const QString &profileName, const QString &token);
    // Removes the profile's token; ends in forgotten() (also when there was none) or
    // forgetFailed().
    void forget(const QString &profileName);

Q_SIGNALS:
    void restored(const Tenantry::ServerProfile &profile);
    // `reason` is empty when nothing was saved (a first start, a signed-out profile); otherwise
    // it says, translated, what kept the saved session from being read and what to do.
    void signInNeeded(const QString &reason);
    void remembered(const QString &profileName);
    void rememberFailed(const QString &profileName, const QString &message);
    void forgotten(const QString &profileName);
    void forgetFailed(const QString &profileName, const QString &message);

private:
    void tokenRead(const QString &profileName, const QString &token);
    void storeFailed(const QString &profileName,
                     CredentialStore::Operation operation,
                     const CredentialError &error);

    ApiClient *m_client;
    ServerProfiles *m_profiles;
    CredentialStore *m_store;
    QString m_restoring; // the profile restore() is reading, while it reads
};

} // namespace Tenantry
