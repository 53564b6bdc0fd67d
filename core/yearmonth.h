#pragma once

#include "core/result.h"
#include "core/timestamp.h"

#include <compare>
#include <string>
#include <string_view>

namespace Tenantry {

// A calendar month in UTC, as used by spend records ("2025-01") and metric periods.
class YearMonth
{
public:
    YearMonth(int year, int month); // month 1..12; the caller guarantees the range

    // "2025-01" exactly (four-digit year 1970..9999, two-digit month).
    static Result<YearMonth> fromString(std::string_view text);
    static YearMonth containing(Timestamp timestamp);

    int year() const { return m_year; }
    int month() const { return m_month; }
    int quarter() const { return (m_month - 1) / 3 + 1; }

    YearMonth next() const;
    YearMonth plusMonths(int months) const;
    int monthsUntil(const YearMonth &later) const; // later - this, in months

    Timestamp start() const;      // 00:00:00 UTC on the 1st
    std::string toString() const; // "2025-01"

    auto operator<=>(const YearMonth &other) const = default;

private:
    int m_year;
    int m_month;
};

} // namespace Tenantry
