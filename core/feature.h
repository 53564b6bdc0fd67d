#pragma once

#include <string>

namespace Tenantry {

// A capability a plan can grant ("sso", "api_access"). `key` is the stable identifier the
// SaaS application checks; `name` and `description` are for people.
// JSON: {"key","name","description"?}.
struct Feature
{
    std::string key;
    std::string name;
    std::string description;

    bool operator==(const Feature &other) const = default;
};

} // namespace Tenantry
