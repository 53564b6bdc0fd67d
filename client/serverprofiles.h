#pragma once

// The server profiles, kept in QSettings (group "profiles", an array of name, url, email and
// caFile) with the name of the last used one. Never a secret: tokens are in the keychain.

#include "client/serverprofile.h"

#include <QList>
#include <QSettings>
#include <QString>

#include <memory>
#include <optional>

namespace Tenantry {

class ServerProfiles
{
public:
    // The application's settings (QCoreApplication's organisation and application names).
    ServerProfiles();
    // An INI file of its own (tests, portable installs).
    explicit ServerProfiles(const QString &iniFile);

    QList<ServerProfile> profiles() const; // in the order they were added
    std::optional<ServerProfile> profile(const QString &name) const;

    // Adds the profile, or replaces the one with the same name; false for an invalid profile.
    bool save(const ServerProfile &profile);
    // False when there is no profile of that name.
    bool remove(const QString &name);

    // The profile used last; empty when none.
    QString currentName() const;
    void setCurrentName(const QString &name);

    // Writes to storage now; false when the settings cannot be written.
    bool sync();

private:
    void store(const QList<ServerProfile> &profiles);

    std::unique_ptr<QSettings> m_settings;
};

} // namespace Tenantry
