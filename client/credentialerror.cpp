#include "client/credentialerror.h"

namespace Tenantry {

CredentialError::CredentialError(Kind kind, QString detail)
    : m_kind(kind)
    , m_detail(std::move(detail))
{}

QString CredentialError::message() const
{
    switch (m_kind) {
    case Kind::NotFound:
        return tr("No saved session for this server. Sign in.");
    case Kind::Unavailable:
        return tr("The system keychain is not available or is locked. Unlock it (or start a "
                  "keyring service) and try again; the session is not saved meanwhile.");
    case Kind::AccessDenied:
        return tr("The system keychain refused access to the saved session. Allow Tenantry "
                  "to use the keychain and try again.");
    case Kind::Failed:
        break;
    }
    return tr("The system keychain failed: %1").arg(m_detail);
}

} // namespace Tenantry
