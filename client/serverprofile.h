#pragma once

#include <QString>
#include <QUrl>

namespace Tenantry {

// One server the console knows: a name for people, the base URL, the email last used to sign
// in there and an optional PEM file of extra certificate authorities. No secret: the session
// token lives in the keychain (CredentialStore), keyed by the profile's name.
struct ServerProfile
{
    QString name;
    QUrl url;
    QString email;
    QString caFile;

    // A name and a valid http(s) URL with a host.
    bool isValid() const;

    bool operator==(const ServerProfile &other) const = default;
};

} // namespace Tenantry
