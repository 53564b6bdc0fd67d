#include "client/serverprofiles.h"

namespace Tenantry {

namespace {

const QString profilesKey = QStringLiteral("profiles");
const QString currentKey = QStringLiteral("currentProfile");
const QString nameKey = QStringLiteral("name");
const QString urlKey = QStringLiteral("url");
const QString emailKey = QStringLiteral("email");
const QString caFileKey = QStringLiteral("caFile");

} // namespace

ServerProfiles::ServerProfiles()
    : m_settings(std::make_unique<QSettings>())
{}

ServerProfiles::ServerProfiles(const QString &iniFile)
    : m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{}

QList<ServerProfile> ServerProfiles::profiles() const
{
    QList<ServerProfile> result;
    const int count = m_settings->beginReadArray(profilesKey);
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        ServerProfile profile;
        profile.name = m_settings->value(nameKey).toString();
        profile.url = QUrl(m_settings->value(urlKey).toString(), QUrl::StrictMode);
        profile.email = m_settings->value(emailKey).toString();
        profile.caFile = m_settings->value(caFileKey).toString();
        if (!profile.name.isEmpty())
            result.append(profile);
    }
    m_settings->endArray();
    return result;
}

std::optional<ServerProfile> ServerProfiles::profile(const QString &name) const
{
    const QList<ServerProfile> all = profiles();
    for (const ServerProfile &profile : all) {
        if (profile.name == name)
            return profile;
    }
    return std::nullopt;
}

bool ServerProfiles::save(const ServerProfile &profile)
{
    if (!profile.isValid())
        return false;
    QList<ServerProfile> all = profiles();
    bool replaced = false;
    for (ServerProfile &existing : all) {
        if (existing.name == profile.name) {
            existing = profile;
            replaced = true;
        }
    }
    if (!replaced)
        all.append(profile);
    store(all);
    return true;
}

bool ServerProfiles::remove(const QString &name)
{
    QList<ServerProfile> all = profiles();
    const qsizetype removed = all.removeIf(
        [&name](const ServerProfile &profile) { return profile.name == name; });
    if (removed == 0)
        return false;
    store(all);
    if (currentName() == name)
        m_settings->remove(currentKey);
    return true;
}

QString ServerProfiles::currentName() const
{
    return m_settings->value(currentKey).toString();
}

void ServerProfiles::setCurrentName(const QString &name)
{
    m_settings->setValue(currentKey, name);
}

bool ServerProfiles::sync()
{
    m_settings->sync();
    return m_settings->status() == QSettings::NoError;
}

void ServerProfiles::store(const QList<ServerProfile> &profiles)
{
    m_settings->remove(profilesKey);
    m_settings->beginWriteArray(profilesKey, static_cast<int>(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        const ServerProfile &profile = profiles.at(i);
        m_settings->setArrayIndex(i);
        m_settings->setValue(nameKey, profile.name);
        m_settings->setValue(urlKey, profile.url.toString(QUrl::FullyEncoded));
        m_settings->setValue(emailKey, profile.email);
        m_settings->setValue(caFileKey, profile.caFile);
    }
    m_settings->endArray();
}

} // namespace Tenantry
