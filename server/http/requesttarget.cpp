#include "server/http/requesttarget.h"

namespace Tenantry::Server {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

std::optional<std::string> RequestTarget::percentDecode(std::string_view text, bool plusIsSpace)
{
    std::string decoded;
    decoded.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            if (text.size() - i < 3) // '%' and two hex digits
                return std::nullopt;
            const int high = hexValue(text[i + 1]);
            const int low = hexValue(text[i + 2]);
            if (high < 0 || low < 0)
                return std::nullopt;
            const auto byte = static_cast<unsigned char>(high * 16 + low);
            if (byte == 0)
                return std::nullopt;
            decoded.push_back(static_cast<char>(byte));
            i += 2;
        } else if (c == '+' && plusIsSpace) {
            decoded.push_back(' ');
        } else if (c == '\0') {
            return std::nullopt;
        } else {
            decoded.push_back(c);
        }
    }
    return decoded;
}

std::optional<RequestTarget> RequestTarget::parse(std::string_view target)
{
    if (target.empty() || target.front() != '/')
        return std::nullopt;

    const auto questionMark = target.find('?');
    auto path = percentDecode(target.substr(0, questionMark), false);
    if (!path)
        return std::nullopt;

    RequestTarget result;
    result.path = std::move(*path);
    if (questionMark == std::string_view::npos)
        return result;

    std::string_view query = target.substr(questionMark + 1);
    while (!query.empty()) {
        const auto ampersand = query.find('&');
        const std::string_view pair = query.substr(0, ampersand);
        query = ampersand == std::string_view::npos ? std::string_view()
                                                    : query.substr(ampersand + 1);
        if (pair.empty())
            continue;
        const auto equals = pair.find('=');
        auto name = percentDecode(pair.substr(0, equals), true);
        auto value = percentDecode(equals == std::string_view::npos ? std::string_view()
                                                                    : pair.substr(equals + 1),
                                   true);
        if (!name || !value)
            return std::nullopt;
        result.query.emplace_back(std::move(*name), std::move(*value));
    }
    return result;
}

} // namespace Tenantry::Server
