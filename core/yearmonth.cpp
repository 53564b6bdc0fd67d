#include "core/yearmonth.h"

#include <cassert>
#include <cstddef>

namespace Tenantry {

namespace {

Error invalidYearMonth(std::string_view text, const std::string &why)
{
    constexpr std::size_t maxQuoted = 40;
    std::string quoted(text.substr(0, maxQuoted));
    if (text.size() > maxQuoted)
        quoted += "...";
    return Error{"invalid_value", "\"" + quoted + "\" is not a year and month: " + why, {}, 0};
}

bool readDigits(std::string_view text, int &value)
{
    int result = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
        result = result * 10 + (c - '0');
    }
    value = result;
    return true;
}

// Months since year 0, January; floor division keeps negative years consistent.
long long monthIndex(int year, int month)
{
    return static_cast<long long>(year) * 12 + (month - 1);
}

YearMonth fromMonthIndex(long long index)
{
    long long year = index / 12;
    long long month = index % 12;
    if (month < 0) {
        month += 12;
        year -= 1;
    }
    return YearMonth(static_cast<int>(year), static_cast<int>(month) + 1);
}

} // namespace

YearMonth::YearMonth(int year, int month)
    : m_year(year)
    , m_month(month)
{
    assert(month >= 1 && month <= 12);
}

Result<YearMonth> YearMonth::fromString(std::string_view text)
{
    if (text.size() != 7 || text[4] != '-')
        return invalidYearMonth(text, "expected the form YYYY-MM, such as 2025-01");
    int year = 0;
    int month = 0;
    if (!readDigits(text.substr(0, 4), year) || !readDigits(text.substr(5, 2), month))
        return invalidYearMonth(text, "expected the form YYYY-MM, such as 2025-01");
    if (year < 1970)
        return invalidYearMonth(text, "year out of range (1970-9999)");
    if (month < 1 || month > 12)
        return invalidYearMonth(text, "month out of range (01-12)");
    return YearMonth(year, month);
}

YearMonth YearMonth::containing(Timestamp timestamp)
{
    const std::chrono::year_month_day date{std::chrono::floor<std::chrono::days>(timestamp)};
    return YearMonth(static_cast<int>(date.year()),
                     static_cast<int>(static_cast<unsigned>(date.month())));
}

YearMonth YearMonth::next() const
{
    return plusMonths(1);
}

YearMonth YearMonth::plusMonths(int months) const
{
    return fromMonthIndex(monthIndex(m_year, m_month) + months);
}

int YearMonth::monthsUntil(const YearMonth &later) const
{
    return static_cast<int>(monthIndex(later.m_year, later.m_month) - monthIndex(m_year, m_month));
}

Timestamp YearMonth::start() const
{
    const std::chrono::sys_days day{std::chrono::year{m_year}
                                    / std::chrono::month{static_cast<unsigned>(m_month)}
                                    / std::chrono::day{1}};
    return Timestamp{day};
}

std::string YearMonth::toString() const
{
    std::string text;
    if (m_year < 0)
        text += '-';
    const std::string yearDigits = std::to_string(m_year < 0 ? -static_cast<long long>(m_year)
                                                             : static_cast<long long>(m_year));
    if (yearDigits.size() < 4)
        text.append(4 - yearDigits.size(), '0');
    text += yearDigits;
    text += m_month < 10 ? "-0" : "-";
    text += std::to_string(m_month);
    return text;
}

} // namespace Tenantry
