#pragma once

#include "core/currency.h"
#include "core/result.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace Tenantry {

// An amount of money: integer minor units (cents for usd, yen for jpy) and its currency.
// Never a floating-point number. Arithmetic refuses to mix currencies and detects overflow.
class Money
{
public:
    Money(std::int64_t minorUnits, Currency currency)
        : m_amount(minorUnits)
        , m_currency(currency)
    {}

    // Exact parse of a decimal string in major units: "49.00", "49", "49.5", "-0.01",
    // "1234567.891" for kwd. More fraction digits than the currency has, a sign other than a
    // leading '-', thousands separators, exponents, spaces or out-of-range values are errors.
    // ".5" and "5." are errors (a digit is required on each side of the point); leading zeros
    // ("007.10") are accepted and "-0" is zero. Error codes: "invalid_value" for malformed text
    // or too many fraction digits, "overflow" for a value outside the int64 minor-unit range.
    static Result<Money> fromDecimalString(std::string_view text, Currency currency);

    std::int64_t amount() const { return m_amount; }
    Currency currency() const { return m_currency; }

    // "49.00", "-0.01", "1000" for jpy: exactly the currency's digits, no grouping.
    std::string toDecimalString() const;

    Result<Money> added(const Money &other) const;       // error: currency_mismatch, overflow
    Result<Money> subtracted(const Money &other) const;  // error: currency_mismatch, overflow
    Result<Money> multiplied(std::int64_t factor) const; // error: overflow

    bool operator==(const Money &other) const = default;

private:
    std::int64_t m_amount;
    Currency m_currency;
};

} // namespace Tenantry
