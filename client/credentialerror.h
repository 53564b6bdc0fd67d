#pragma once

#include <QCoreApplication>
#include <QString>

namespace Tenantry {

// Why the keychain could not read, write or delete a session token. NotFound (nothing stored
// for the profile: sign in) is kept apart from Unavailable (no keychain service, a locked or
// unanswering keychain) and AccessDenied: those are never taken to mean "no token".
class CredentialError
{
    Q_DECLARE_TR_FUNCTIONS(Tenantry::CredentialError)

public:
    enum class Kind {
        NotFound,     // no token stored for this profile
        Unavailable,  // no keychain service, or it is locked or did not answer in time
        AccessDenied, // the keychain refused access
        Failed,       // anything else
    };

    CredentialError() = default;
    CredentialError(Kind kind, QString detail);

    Kind kind() const { return m_kind; }
    // The keychain's own description (never holds the secret), for logs and details.
    QString detail() const { return m_detail; }
    // Translated, for people: what happened and what to do.
    QString message() const;

private:
    Kind m_kind = Kind::Failed;
    QString m_detail;
};

} // namespace Tenantry
