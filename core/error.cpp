#include "core/error.h"

namespace Tenantry {

std::string Error::toString() const
{
    std::string text;
    if (line > 0)
        text += "line " + std::to_string(line) + ": ";
    if (!path.empty())
        text += path + ": ";
    text += message;
    return text;
}

Error Error::prefixed(const std::string &parentPath) const
{
    Error copy = *this;
    copy.path = parentPath + path;
    return copy;
}

} // namespace Tenantry
