#include "client/serverprofile.h"

namespace Tenantry {

bool ServerProfile::isValid() const
{
    const QString scheme = url.scheme().toLower();
    return !name.trimmed().isEmpty() && url.isValid() && !url.host().isEmpty()
           && (scheme == QLatin1String("https") || scheme == QLatin1String("http"));
}

} // namespace Tenantry
