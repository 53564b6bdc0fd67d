#include "core/metrics/period.h"

namespace Tenantry {

std::string_view toString(Interval interval)
{
    switch (interval) {
    case Interval::Month:
        return "month";
    case Interval::Quarter:
        return "quarter";
    }
    return "month";
}

std::optional<Interval> intervalFromString(std::string_view text)
{
    if (text == "month")
        return Interval::Month;
    if (text == "quarter")
        return Interval::Quarter;
    return std::nullopt;
}

Period Period::containing(YearMonth month, Interval interval)
{
    if (interval == Interval::Quarter)
        return {YearMonth(month.year(), (month.quarter() - 1) * 3 + 1), interval};
    return {month, interval};
}

Period Period::containing(Timestamp timestamp, Interval interval)
{
    return containing(YearMonth::containing(timestamp), interval);
}

bool Period::contains(YearMonth month) const
{
    return month >= m_first && month < next().m_first;
}

Period Period::next() const
{
    return {m_first.plusMonths(m_interval == Interval::Quarter ? 3 : 1), m_interval};
}

std::string Period::label() const
{
    if (m_interval == Interval::Quarter)
        return std::to_string(m_first.year()) + "-Q" + std::to_string(m_first.quarter());
    return m_first.toString();
}

} // namespace Tenantry
