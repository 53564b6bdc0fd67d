#include "core/timestamp.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>

// RFC 3339 (section 5.6), as Tenantry reads and writes it:
//
//   date-time = YYYY "-" MM "-" DD ("T" / "t") HH ":" MM ":" SS ["." 1*6DIGIT]
//               ("Z" / "z" / ("+" / "-") HH ":" MM)
//
// - Years 0000..9999, as RFC 3339 allows; the instant, once the offset is applied, must also
//   fall within years 0000..9999 in UTC so that formatRfc3339() can always write it back.
// - Any number of fraction digits, as RFC 3339 allows; digits past microseconds are truncated
//   (toward the past), never rounded up into the next microsecond.
// - Leap seconds (second 60) are rejected: std::chrono::sys_time has no representation for
//   them, and accepting one would mean silently moving it to the next second.
// - A space instead of "T", missing seconds, a missing offset, surrounding whitespace and
//   offsets of 24 hours or more are errors. "-00:00" is accepted and means UTC.

namespace Tenantry {

using namespace std::chrono; // this file only: the calendar types are used throughout

namespace {

class Rfc3339Parser
{
public:
    explicit Rfc3339Parser(std::string_view text)
        : m_text(text)
    {}

    Result<Timestamp> parse();

private:
    Error error(const std::string &why) const
    {
        constexpr std::size_t maxQuoted = 40;
        std::string quoted(m_text.substr(0, maxQuoted));
        if (m_text.size() > maxQuoted)
            quoted += "...";
        return Error{"invalid_value",
                     "\"" + quoted + "\" is not an RFC 3339 timestamp: " + why,
                     {},
                     0};
    }

    bool atEnd() const { return m_pos >= m_text.size(); }

    // Reads exactly `count` ASCII digits.
    bool readDigits(std::size_t count, int &value)
    {
        if (m_text.size() - m_pos < count)
            return false;
        int result = 0;
        for (std::size_t i = 0; i < count; ++i) {
            const char c = m_text[m_pos + i];
            if (c < '0' || c > '9')
                return false;
            result = result * 10 + (c - '0');
        }
        m_pos += count;
        value = result;
        return true;
    }

    bool readChar(char expected)
    {
        if (atEnd() || m_text[m_pos] != expected)
            return false;
        ++m_pos;
        return true;
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
};

Result<Timestamp> Rfc3339Parser::parse()
{
    if (m_text.empty())
        return error("the text is empty");

    int yearValue = 0;
    int monthValue = 0;
    int dayValue = 0;
    if (!readDigits(4, yearValue))
        return error("expected a four-digit year");
    if (!readChar('-'))
        return error("expected '-' after the year");
    if (!readDigits(2, monthValue))
        return error("expected a two-digit month");
    if (!readChar('-'))
        return error("expected '-' after the month");
    if (!readDigits(2, dayValue))
        return error("expected a two-digit day");
    if (!readChar('T') && !readChar('t'))
        return error("expected 'T' between the date and the time");

    int hourValue = 0;
    int minuteValue = 0;
    int secondValue = 0;
    if (!readDigits(2, hourValue))
        return error("expected a two-digit hour");
    if (!readChar(':'))
        return error("expected ':' after the hour");
    if (!readDigits(2, minuteValue))
        return error("expected two-digit minutes");
    if (!readChar(':'))
        return error("expected ':' after the minutes");
    if (!readDigits(2, secondValue))
        return error("expected two-digit seconds");

    std::int64_t microsecondValue = 0;
    if (readChar('.')) {
        std::size_t digits = 0;
        while (!atEnd() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9') {
            // RFC 3339 allows any precision; digits past microseconds are dropped (truncated
            // toward the past), so nanosecond times from other systems are accepted.
            if (digits < 6)
                microsecondValue = microsecondValue * 10 + (m_text[m_pos] - '0');
            ++digits;
            ++m_pos;
        }
        if (digits == 0)
            return error("expected digits after the decimal point");
        for (; digits < 6; ++digits)
            microsecondValue *= 10;
    }

    int offsetMinutes = 0;
    if (readChar('Z') || readChar('z')) {
        // UTC
    } else if (!atEnd() && (m_text[m_pos] == '+' || m_text[m_pos] == '-')) {
        const bool negative = m_text[m_pos] == '-';
        ++m_pos;
        int offsetHour = 0;
        int offsetMinute = 0;
        if (!readDigits(2, offsetHour))
            return error("expected a two-digit offset hour");
        if (!readChar(':'))
            return error("expected ':' in the offset");
        if (!readDigits(2, offsetMinute))
            return error("expected two-digit offset minutes");
        if (offsetHour > 23)
            return error("offset hour out of range (00-23)");
        if (offsetMinute > 59)
            return error("offset minutes out of range (00-59)");
        offsetMinutes = (offsetHour * 60 + offsetMinute) * (negative ? -1 : 1);
    } else {
        return error("expected 'Z' or an offset such as +02:00");
    }
    if (!atEnd())
        return error("unexpected text after the offset");

    if (monthValue < 1 || monthValue > 12)
        return error("month out of range (01-12)");
    const year_month_day date{year{yearValue},
                              month{static_cast<unsigned>(monthValue)},
                              day{static_cast<unsigned>(dayValue)}};
    if (!date.ok())
        return error("no such day in that month");
    if (hourValue > 23)
        return error("hour out of range (00-23)");
    if (minuteValue > 59)
        return error("minutes out of range (00-59)");
    if (secondValue == 60)
        return error("leap seconds are not supported");
    if (secondValue > 59)
        return error("seconds out of range (00-59)");

    const Timestamp local = sys_days{date} + hours{hourValue} + minutes{minuteValue}
                            + seconds{secondValue} + microseconds{microsecondValue};
    const Timestamp utc = local - minutes{offsetMinutes};

    const year utcYear = year_month_day{floor<days>(utc)}.year();
    if (utcYear < year{0} || utcYear > year{9999})
        return error("the instant falls outside years 0000-9999 in UTC");
    return utc;
}

void appendPadded(std::string &text, long long value, std::size_t width)
{
    std::string digits = std::to_string(value);
    if (digits.size() < width)
        text.append(width - digits.size(), '0');
    text += digits;
}

} // namespace

Result<Timestamp> parseRfc3339(std::string_view text)
{
    return Rfc3339Parser(text).parse();
}

std::string formatRfc3339(Timestamp timestamp)
{
    const sys_days dayPoint = floor<days>(timestamp);
    const year_month_day date{dayPoint};
    const hh_mm_ss<microseconds> time{timestamp - dayPoint};

    std::string text;
    text.reserve(32);
    // Outside 0000..9999 (never produced by parseRfc3339) the year keeps its sign and at
    // least four digits, as in ISO 8601's expanded representation.
    const int yearValue = static_cast<int>(date.year());
    if (yearValue < 0) {
        text += '-';
        appendPadded(text, -static_cast<long long>(yearValue), 4);
    } else {
        if (yearValue > 9999)
            text += '+';
        appendPadded(text, yearValue, 4);
    }
    text += '-';
    appendPadded(text, static_cast<unsigned>(date.month()), 2);
    text += '-';
    appendPadded(text, static_cast<unsigned>(date.day()), 2);
    text += 'T';
    appendPadded(text, time.hours().count(), 2);
    text += ':';
    appendPadded(text, time.minutes().count(), 2);
    text += ':';
    appendPadded(text, time.seconds().count(), 2);
    const auto fraction = time.subseconds().count();
    if (fraction != 0) {
        text += '.';
        appendPadded(text, fraction, 6);
    }
    text += 'Z';
    return text;
}

Timestamp addCalendarMonths(Timestamp timestamp, int months)
{
    using namespace std::chrono;
    const sys_days day = floor<days>(timestamp);
    const auto timeOfDay = timestamp - day;
    const year_month_day date{day};
    const year_month target = year_month{date.year(), date.month()} + std::chrono::months{months};
    const auto lastDay = year_month_day_last{target.year(), month_day_last{target.month()}}.day();
    const year_month_day moved{target.year(), target.month(), std::min(date.day(), lastDay)};
    return Timestamp{sys_days{moved}} + timeOfDay;
}

} // namespace Tenantry
