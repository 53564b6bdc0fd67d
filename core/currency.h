#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace Tenantry {

// An ISO 4217 currency, spelled in lower case as Stripe does ("usd", "eur", "jpy").
// Only codes in the ISO 4217 list of active currencies are accepted.
class Currency
{
public:
    // Accepts any letter case ("USD", "usd"); nullopt for anything not an active ISO code.
    static std::optional<Currency> fromCode(std::string_view code);

    std::string_view code() const { return {m_code.data(), m_code.size()}; }
    std::string toString() const { return std::string(code()); }

    // Digits after the decimal point of the minor unit: 2 for usd, 0 for jpy, 3 for kwd.
    int exponent() const { return m_exponent; }

    bool operator==(const Currency &other) const { return m_code == other.m_code; }
    auto operator<=>(const Currency &other) const { return m_code <=> other.m_code; }

private:
    Currency(std::array<char, 3> code, int exponent)
        : m_code(code)
        , m_exponent(exponent)
    {}

    std::array<char, 3> m_code;
    int m_exponent;
};

} // namespace Tenantry
