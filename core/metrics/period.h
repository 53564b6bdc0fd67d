#pragma once

#include "core/timestamp.h"
#include "core/yearmonth.h"

#include <optional>
#include <string>
#include <string_view>

namespace Tenantry {

enum class Interval { Month, Quarter };
std::string_view toString(Interval interval); // "month", "quarter"
std::optional<Interval> intervalFromString(std::string_view text);

// A reporting period: a calendar month or quarter in UTC. It starts at 00:00:00 of its first
// day; an event at exactly that instant belongs to it, not to the period before.
class Period
{
public:
    static Period containing(YearMonth month, Interval interval);
    static Period containing(Timestamp timestamp, Interval interval);

    Interval interval() const { return m_interval; }
    YearMonth firstMonth() const { return m_first; }
    bool contains(YearMonth month) const;

    Period next() const;
    Timestamp start() const { return m_first.start(); }
    Timestamp end() const { return next().start(); } // exclusive

    std::string label() const; // "2025-01" or "2025-Q1"

    bool operator==(const Period &other) const = default;
    auto operator<=>(const Period &other) const = default;

private:
    Period(YearMonth first, Interval interval)
        : m_first(first)
        , m_interval(interval)
    {}

    YearMonth m_first;
    Interval m_interval;
};

} // namespace Tenantry
