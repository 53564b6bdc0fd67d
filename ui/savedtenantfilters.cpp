#include "ui/savedtenantfilters.h"

namespace Tenantry {

namespace {

const QString group = QStringLiteral("tenantFilters");

QString keyFor(const QString &name)
{
    // Any name is a valid key once its slashes cannot make subgroups.
    return QString::fromLatin1(name.toUtf8().toPercentEncoding());
}

QString fromView(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace

SavedTenantFilters::SavedTenantFilters()
    : m_settings(std::make_unique<QSettings>())
{}

SavedTenantFilters::SavedTenantFilters(const QString &iniFile)
    : m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{}

QStringList SavedTenantFilters::names() const
{
    m_settings->beginGroup(group);
    QStringList result;
    const QStringList keys = m_settings->childGroups();
    for (const QString &key : keys)
        result.append(QString::fromUtf8(QByteArray::fromPercentEncoding(key.toLatin1())));
    m_settings->endGroup();
    result.sort(Qt::CaseInsensitive);
    return result;
}

std::optional<TenantQuery> SavedTenantFilters::filter(const QString &name) const
{
    m_settings->beginGroup(group);
    m_settings->beginGroup(keyFor(name));
    std::optional<TenantQuery> result;
    if (m_settings->contains(QStringLiteral("search"))) {
        TenantQuery query;
        query.search = m_settings->value(QStringLiteral("search")).toString();
        query.status = tenantStatusFromString(
            m_settings->value(QStringLiteral("status")).toString().toStdString());
        query.planId = m_settings->value(QStringLiteral("plan")).toString();
        query.isolation = isolationFromString(
            m_settings->value(QStringLiteral("isolation")).toString().toStdString());
        query.region = m_settings->value(QStringLiteral("region")).toString();
        result = query;
    }
    m_settings->endGroup();
    m_settings->endGroup();
    return result;
}

void SavedTenantFilters::save(const QString &name, const TenantQuery &query)
{
    m_settings->beginGroup(group);
    m_settings->beginGroup(keyFor(name));
    m_settings->setValue(QStringLiteral("search"), query.search);
    m_settings->setValue(QStringLiteral("status"),
                         query.status ? fromView(toString(*query.status)) : QString());
    m_settings->setValue(QStringLiteral("plan"), query.planId);
    m_settings->setValue(QStringLiteral("isolation"),
                         query.isolation ? fromView(toString(*query.isolation)) : QString());
    m_settings->setValue(QStringLiteral("region"), query.region);
    m_settings->endGroup();
    m_settings->endGroup();
    m_settings->sync();
}

void SavedTenantFilters::remove(const QString &name)
{
    m_settings->beginGroup(group);
    m_settings->remove(keyFor(name));
    m_settings->endGroup();
    m_settings->sync();
}

} // namespace Tenantry
