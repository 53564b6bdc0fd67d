#include "server/http/accesslogentry.h"

#include "core/json/jsonwriter.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <ctime>
#include <string_view>

namespace Tenantry::Server {

namespace {

std::string rfc3339(std::chrono::system_clock::time_point time)
{
    const auto sinceEpoch = time.time_since_epoch();
    const auto seconds = std::chrono::floor<std::chrono::seconds>(sinceEpoch);
    const auto milliseconds = std::chrono::duration_cast<std::chrono::milliseconds>(sinceEpoch
                                                                                    - seconds);
    const std::time_t asTimeT = static_cast<std::time_t>(seconds.count());
    std::tm utc{};
    gmtime_r(&asTimeT, &utc);
    std::array<char, 32> text{};
    const auto length = std::snprintf(text.data(),
                                      text.size(),
                                      "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                                      utc.tm_year + 1900,
                                      utc.tm_mon + 1,
                                      utc.tm_mday,
                                      utc.tm_hour,
                                      utc.tm_min,
                                      utc.tm_sec,
                                      static_cast<int>(milliseconds.count()));
    return std::string(text.data(), length > 0 ? static_cast<std::size_t>(length) : 0);
}

} // namespace

std::string AccessLogEntry::toJsonLine() const
{
    // Written out by hand rather than through a JSON document: every request writes one line,
    // and building and dumping a document cost about a twentieth of a GET's server time.
    std::string line;
    line.reserve(160 + path.size());
    const auto field = [&line](std::string_view key) {
        line += line.empty() ? "{\"" : ",\"";
        line += key;
        line += "\":";
    };
    const auto number = [&line](auto value) {
        std::array<char, 24> text{};
        const auto [end, ec] = std::to_chars(text.data(), text.data() + text.size(), value);
        line.append(text.data(), ec == std::errc() ? end : text.data());
    };
    // Keys in the order a JSON document sorts them, as earlier versions wrote them.
    field("bytes");
    number(bytes);
    field("duration_ms");
    const auto microseconds = std::max<long long>(
        0, std::chrono::duration_cast<std::chrono::microseconds>(duration).count());
    number(microseconds / 1000);
    line += '.';
    std::array<char, 3> fraction{};
    long long rest = microseconds % 1000;
    for (auto digit = fraction.rbegin(); digit != fraction.rend(); ++digit, rest /= 10)
        *digit = static_cast<char>('0' + rest % 10);
    std::size_t digits = fraction.size();
    while (digits > 1 && fraction.at(digits - 1) == '0')
        --digits;
    line.append(fraction.data(), digits);
    field("method");
    appendJsonString(line, method);
    field("path");
    appendJsonString(line, path);
    field("remote");
    appendJsonString(line, remoteAddress);
    field("request_id");
    appendJsonString(line, requestId);
    field("status");
    number(status);
    field("ts");
    appendJsonString(line, rfc3339(time));
    line += '}';
    return line;
}

} // namespace Tenantry::Server
