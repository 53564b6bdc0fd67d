#pragma once

#include <cstddef>
#include <string>

namespace Tenantry {

// What went wrong, as a value. core/ never lets an exception escape; functions that can fail
// return Result<T>, which holds either the value or one of these.
struct Error
{
    std::string code;     // machine-readable, snake_case: "invalid_type", "currency_mismatch", ...
    std::string message;  // one English sentence for a person, without a trailing period
    std::string path;     // JSON pointer of the offending value ("/events/17/mrr"), or empty
    std::size_t line = 0; // 1-based line of a line-oriented input (JSON Lines), or 0

    // "line 18: /mrr: expected an integer" with the parts that are set.
    std::string toString() const;

    // The same error seen from one level up: "/mrr" becomes "/events/17/mrr".
    Error prefixed(const std::string &parentPath) const;
};

} // namespace Tenantry
