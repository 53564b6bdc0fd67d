#include "core/money.h"

#include <cstddef>
#include <limits>
#include <utility>

namespace Tenantry {

namespace {

Error invalidValue(std::string message)
{
    return Error{"invalid_value", std::move(message), {}, 0};
}

Error overflow(std::string message)
{
    return Error{"overflow", std::move(message), {}, 0};
}

Error currencyMismatch(const Currency &a, const Currency &b)
{
    return Error{"currency_mismatch",
                 "cannot combine " + a.toString() + " and " + b.toString() + " amounts",
                 {},
                 0};
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

std::int64_t digitValue(char c)
{
    return static_cast<std::int64_t>(c - '0');
}

// Appends one decimal digit to a running value, keeping its sign (the value is built with the
// sign already applied so that INT64_MIN, which has no positive counterpart, is reachable).
// False on overflow.
bool appendDigit(std::int64_t &value, std::int64_t digit, bool negative)
{
    std::int64_t shifted = 0;
    if (__builtin_mul_overflow(value, std::int64_t{10}, &shifted))
        return false;
    if (negative)
        return !__builtin_sub_overflow(shifted, digit, &value);
    return !__builtin_add_overflow(shifted, digit, &value);
}

} // namespace

Result<Money> Money::fromDecimalString(std::string_view text, Currency currency)
{
    const int exponent = currency.exponent();
    const std::string currencyName = currency.toString();

    if (text.empty())
        return invalidValue("expected a decimal amount, got an empty string");

    std::size_t pos = 0;
    const bool negative = text[0] == '-';
    if (negative)
        ++pos;

    const std::size_t integerStart = pos;
    while (pos < text.size() && isDigit(text[pos]))
        ++pos;
    const std::size_t integerEnd = pos;

    std::size_t fractionStart = pos;
    std::size_t fractionEnd = pos;
    bool hasPoint = false;
    if (pos < text.size() && text[pos] == '.') {
        hasPoint = true;
        ++pos;
        fractionStart = pos;
        while (pos < text.size() && isDigit(text[pos]))
            ++pos;
        fractionEnd = pos;
    }

    if (pos < text.size()) {
        const char c = text[pos];
        if (c == '+' || (c == '-' && pos > 0))
            return invalidValue("unexpected sign: only a leading '-' is allowed");
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
            return invalidValue("unexpected whitespace in a decimal amount");
        if (c == ',' || c == '\'' || c == '_')
            return invalidValue("thousands separators are not allowed in a decimal amount");
        if (c == 'e' || c == 'E')
            return invalidValue("exponents are not allowed in a decimal amount");
        if (c == '.')
            return invalidValue("more than one decimal point");
        return invalidValue("unexpected character in a decimal amount");
    }
    if (integerStart == integerEnd)
        return invalidValue("expected at least one digit before the decimal point");
    if (hasPoint && fractionStart == fractionEnd)
        return invalidValue("expected at least one digit after the decimal point");

    const std::size_t fractionDigits = fractionEnd - fractionStart;
    if (fractionDigits > static_cast<std::size_t>(exponent)) {
        return invalidValue("too many fraction digits for " + currencyName + " ("
                            + std::to_string(exponent) + " allowed)");
    }

    const auto outOfRange = [&] {
        const Money lowest(std::numeric_limits<std::int64_t>::min(), currency);
        const Money highest(std::numeric_limits<std::int64_t>::max(), currency);
        return overflow("amount out of range for " + currencyName + " (" + lowest.toDecimalString()
                        + " to " + highest.toDecimalString() + ")");
    };

    std::int64_t value = 0;
    for (std::size_t i = integerStart; i < integerEnd; ++i) {
        if (!appendDigit(value, digitValue(text[i]), negative))
            return outOfRange();
    }
    for (std::size_t i = fractionStart; i < fractionEnd; ++i) {
        if (!appendDigit(value, digitValue(text[i]), negative))
            return outOfRange();
    }
    for (std::size_t i = fractionDigits; i < static_cast<std::size_t>(exponent); ++i) {
        if (!appendDigit(value, 0, negative))
            return outOfRange();
    }
    return Money(value, currency);
}

std::string Money::toDecimalString() const
{
    // Work on the magnitude as unsigned so that INT64_MIN needs no special case.
    const bool negative = m_amount < 0;
    const std::uint64_t magnitude = negative
                                        ? std::uint64_t{0} - static_cast<std::uint64_t>(m_amount)
                                        : static_cast<std::uint64_t>(m_amount);

    const int exponent = m_currency.exponent();
    std::uint64_t scale = 1;
    for (int i = 0; i < exponent; ++i)
        scale *= 10;

    std::string text;
    if (negative)
        text += '-';
    text += std::to_string(magnitude / scale);
    if (exponent > 0) {
        std::string fraction = std::to_string(magnitude % scale);
        text += '.';
        text.append(static_cast<std::size_t>(exponent) - fraction.size(), '0');
        text += fraction;
    }
    return text;
}

Result<Money> Money::added(const Money &other) const
{
    if (m_currency != other.m_currency)
        return currencyMismatch(m_currency, other.m_currency);
    std::int64_t sum = 0;
    if (__builtin_add_overflow(m_amount, other.m_amount, &sum))
        return overflow("sum out of range for " + m_currency.toString());
    return Money(sum, m_currency);
}

Result<Money> Money::subtracted(const Money &other) const
{
    if (m_currency != other.m_currency)
        return currencyMismatch(m_currency, other.m_currency);
    std::int64_t difference = 0;
    if (__builtin_sub_overflow(m_amount, other.m_amount, &difference))
        return overflow("difference out of range for " + m_currency.toString());
    return Money(difference, m_currency);
}

Result<Money> Money::multiplied(std::int64_t factor) const
{
    std::int64_t product = 0;
    if (__builtin_mul_overflow(m_amount, factor, &product))
        return overflow("product out of range for " + m_currency.toString());
    return Money(product, m_currency);
}

} // namespace Tenantry
