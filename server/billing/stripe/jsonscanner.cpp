#include "server/billing/stripe/jsonscanner.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace Tenantry::Server {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// The length of the well-formed UTF-8 sequence (RFC 3629, as nlohmann's lexer checks it) that
// starts with the byte at `at`, a byte >= 0x80; 0 when it is not one.
std::size_t utf8Length(std::string_view text, std::size_t at)
{
    const auto byte = [&](std::size_t i) -> unsigned {
        return at + i < text.size() ? static_cast<unsigned char>(text[at + i]) : 0x100U;
    };
    const auto within = [](unsigned value, unsigned low, unsigned high) {
        return value >= low && value <= high;
    };
    const unsigned lead = byte(0);
    if (within(lead, 0xC2, 0xDF))
        return within(byte(1), 0x80, 0xBF) ? 2 : 0;
    if (lead == 0xE0)
        return within(byte(1), 0xA0, 0xBF) && within(byte(2), 0x80, 0xBF) ? 3 : 0;
    if (within(lead, 0xE1, 0xEC) || within(lead, 0xEE, 0xEF))
        return within(byte(1), 0x80, 0xBF) && within(byte(2), 0x80, 0xBF) ? 3 : 0;
    if (lead == 0xED)
        return within(byte(1), 0x80, 0x9F) && within(byte(2), 0x80, 0xBF) ? 3 : 0;
    if (lead == 0xF0) {
        return within(byte(1), 0x90, 0xBF) && within(byte(2), 0x80, 0xBF)
                       && within(byte(3), 0x80, 0xBF)
                   ? 4
                   : 0;
    }
    if (within(lead, 0xF1, 0xF3)) {
        return within(byte(1), 0x80, 0xBF) && within(byte(2), 0x80, 0xBF)
                       && within(byte(3), 0x80, 0xBF)
                   ? 4
                   : 0;
    }
    if (lead == 0xF4) {
        return within(byte(1), 0x80, 0x8F) && within(byte(2), 0x80, 0xBF)
                       && within(byte(3), 0x80, 0xBF)
                   ? 4
                   : 0;
    }
    return 0;
}

void appendUtf8(std::string &out, unsigned codePoint)
{
    const auto put = [&out](unsigned value) { out.push_back(static_cast<char>(value)); };
    if (codePoint < 0x80) {
        put(codePoint);
    } else if (codePoint < 0x800) {
        put(0xC0 | (codePoint >> 6));
        put(0x80 | (codePoint & 0x3F));
    } else if (codePoint < 0x10000) {
        put(0xE0 | (codePoint >> 12));
        put(0x80 | ((codePoint >> 6) & 0x3F));
        put(0x80 | (codePoint & 0x3F));
    } else {
        put(0xF0 | (codePoint >> 18));
        put(0x80 | ((codePoint >> 12) & 0x3F));
        put(0x80 | ((codePoint >> 6) & 0x3F));
        put(0x80 | (codePoint & 0x3F));
    }
}

} // namespace

JsonScanner::JsonScanner(std::string_view text)
    : m_text(text)
{
    // As nlohmann's lexer: a UTF-8 byte order mark may start the text.
    if (m_text.starts_with("\xEF\xBB\xBF"))
        m_position = 3;
}

void JsonScanner::skipSpace()
{
    while (m_position < m_text.size() && isSpace(m_text[m_position]))
        ++m_position;
}

char JsonScanner::peek()
{
    skipSpace();
    return m_position < m_text.size() ? m_text[m_position] : '\0';
}

bool JsonScanner::consume(char c)
{
    skipSpace();
    if (m_position < m_text.size() && m_text[m_position] == c) {
        ++m_position;
        return true;
    }
    return false;
}

bool JsonScanner::atEnd()
{
    skipSpace();
    return m_position == m_text.size();
}

bool JsonScanner::readHex4(unsigned &value)
{
    if (m_text.size() - m_position < 4)
        return false;
    value = 0;
    for (int i = 0; i < 4; ++i) {
        const char c = m_text[m_position++];
        unsigned digit = 0;
        if (c >= '0' && c <= '9')
            digit = static_cast<unsigned>(c - '0');
        else if (c >= 'a' && c <= 'f')
            digit = static_cast<unsigned>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            digit = static_cast<unsigned>(c - 'A' + 10);
        else
            return false;
        value = value * 16 + digit;
    }
    return true;
}

bool JsonScanner::scanString(std::string *out)
{
    std::size_t run = m_position; // the start of the characters copied as they are
    for (;;) {
        while (m_position < m_text.size()) {
            const auto c = static_cast<unsigned char>(m_text[m_position]);
            if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80)
                break;
            ++m_position;
        }
        if (m_position >= m_text.size())
            return false;
        const auto c = static_cast<unsigned char>(m_text[m_position]);
        if (c == '"') {
            if (out)
                out->append(m_text.substr(run, m_position - run));
            ++m_position;
            return true;
        }
        if (c < 0x20)
            return false;
        if (c >= 0x80) {
            const std::size_t length = utf8Length(m_text, m_position);
            if (length == 0)
                return false;
            m_position += length;
            continue;
        }
        // An escape.
        if (out)
            out->append(m_text.substr(run, m_position - run));
        if (++m_position >= m_text.size())
            return false;
        const char escaped = m_text[m_position++];
        char plain = 0;
        switch (escaped) {
        case '"':
        case '\\':
        case '/':
            plain = escaped;
            break;
        case 'b':
            plain = '\b';
            break;
        case 'f':
            plain = '\f';
            break;
        case 'n':
            plain = '\n';
            break;
        case 'r':
            plain = '\r';
            break;
        case 't':
            plain = '\t';
            break;
        case 'u': {
            unsigned codePoint = 0;
            if (!readHex4(codePoint))
                return false;
            if (codePoint >= 0xDC00 && codePoint <= 0xDFFF)
                return false; // a low surrogate with no high one before it
            if (codePoint >= 0xD800 && codePoint <= 0xDBFF) {
                unsigned low = 0;
                if (m_text.size() - m_position < 2 || m_text[m_position] != '\\'
                    || m_text[m_position + 1] != 'u')
                    return false;
                m_position += 2;
                if (!readHex4(low) || low < 0xDC00 || low > 0xDFFF)
                    return false;
                codePoint = 0x10000 + ((codePoint - 0xD800) << 10) + (low - 0xDC00);
            }
            if (out)
                appendUtf8(*out, codePoint);
            break;
        }
        default:
            return false;
        }
        if (plain != 0 && out)
            out->push_back(plain);
        run = m_position;
    }
}

bool JsonScanner::readString(std::string *out)
{
    if (!consume('"'))
        return false;
    return scanString(out);
}

bool JsonScanner::skipNumber()
{
    bool isInteger = false;
    long long integer = 0;
    return readNumber(isInteger, integer);
}

bool JsonScanner::readNumber(bool &isInteger, long long &integer)
{
    skipSpace();
    const std::size_t start = m_position;
    const auto at = [this](std::size_t i) { return i < m_text.size() ? m_text[i] : '\0'; };
    const bool negative = at(m_position) == '-';
    if (negative)
        ++m_position;
    if (at(m_position) == '0') {
        ++m_position;
    } else if (isDigit(at(m_position))) {
        while (isDigit(at(m_position)))
            ++m_position;
    } else {
        return false;
    }
    const std::size_t digitsEnd = m_position;
    // One digit or more, as a fraction and an exponent need.
    const auto digits = [this, &at] {
        if (!isDigit(at(m_position)))
            return false;
        while (isDigit(at(m_position)))
            ++m_position;
        return true;
    };
    bool fraction = false;
    if (at(m_position) == '.') {
        ++m_position;
        if (!digits())
            return false;
        fraction = true;
    }
    if (at(m_position) == 'e' || at(m_position) == 'E') {
        ++m_position;
        if (at(m_position) == '+' || at(m_position) == '-')
            ++m_position;
        if (!digits())
            return false;
        fraction = true;
    }
    isInteger = false;
    if (fraction)
        return isFiniteDouble(start);
    // Digits to an integer, as nlohmann's lexer: int64 when negative, uint64 otherwise; a
    // number that overflows is a float.
    std::uint64_t magnitude = 0;
    for (std::size_t i = start + (negative ? 1 : 0); i < digitsEnd; ++i) {
        const auto digit = static_cast<std::uint64_t>(m_text[i] - '0');
        if (magnitude > (std::numeric_limits<std::uint64_t>::max() - digit) / 10)
            return isFiniteDouble(start);
        magnitude = magnitude * 10 + digit;
    }
    if (negative) {
        const auto limit = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1;
        if (magnitude > limit)
            return isFiniteDouble(start);
        integer = magnitude == limit ? std::numeric_limits<long long>::min()
                                     : -static_cast<long long>(magnitude);
    } else {
        integer = static_cast<long long>(magnitude);
    }
    isInteger = true;
    return true;
}

bool JsonScanner::isFiniteDouble(std::size_t start) const
{
    // nlohmann's parser refuses a number whose double overflows ("number overflow"); one that
    // underflows reads as zero or a subnormal and is taken.
    const char *first = m_text.data() + start;
    const char *last = m_text.data() + m_position;
    double value = 0;
    const std::from_chars_result read = std::from_chars(first, last, value);
    if (read.ec == std::errc())
        return std::isfinite(value);
    if (read.ec != std::errc::result_out_of_range)
        return false;
    // Out of range: too large or too small, told apart by the decimal exponent of the first
    // significant digit (the two limits are over 600 orders of magnitude apart).
    const char *p = first;
    if (*p == '-')
        ++p;
    long long exponent = -1;
    bool significant = false;
    for (; p < last && isDigit(*p); ++p) {
        significant = significant || *p != '0';
        if (significant)
            ++exponent;
    }
    if (p < last && *p == '.') {
        long long place = 0; // of the fraction's digits: 1 for the first
        for (++p; p < last && isDigit(*p); ++p) {
            ++place;
            if (!significant && *p != '0') {
                significant = true;
                exponent = -place;
            }
        }
    }
    if (!significant)
        return true; // zero
    if (p < last && (*p == 'e' || *p == 'E')) {
        ++p;
        const bool negativeExponent = *p == '-';
        if (*p == '-' || *p == '+')
            ++p;
        long long explicitExponent = 0;
        for (; p < last; ++p)
            explicitExponent = std::min(explicitExponent * 10 + (*p - '0'), 1LL << 40);
        exponent += negativeExponent ? -explicitExponent : explicitExponent;
    }
    return exponent < 0; // an underflow
}

bool JsonScanner::skipLiteral(std::string_view literal)
{
    if (m_text.substr(m_position, literal.size()) != literal)
        return false;
    m_position += literal.size();
    return true;
}

JsonScanner::Member JsonScanner::nextMember(bool first, std::string &key)
{
    if (first) {
        if (consume('}'))
            return Member::End;
    } else if (!consume(',')) {
        return consume('}') ? Member::End : Member::Error;
    }
    key.clear();
    if (!readString(&key) || !consume(':'))
        return Member::Error;
    return Member::Key;
}

bool JsonScanner::skipValue()
{
    // Iterative, so that nesting has no limit (as nlohmann's parser): the open containers.
    std::vector<char> open;
    for (;;) {
        // A value is due here.
        const char c = peek();
        if (c == '{') {
            ++m_position;
            if (!consume('}')) { // not empty: its first key, then the value due
                if (!readString(nullptr) || !consume(':'))
                    return false;
                open.push_back('}');
                continue;
            }
        } else if (c == '[') {
            ++m_position;
            if (!consume(']')) { // not empty: its first element is due
                open.push_back(']');
                continue;
            }
        } else if (c == '"') {
            ++m_position;
            if (!scanString(nullptr))
                return false;
        } else if (c == '-' || isDigit(c)) {
            if (!skipNumber())
                return false;
        } else if (c == 't') {
            if (!skipLiteral("true"))
                return false;
        } else if (c == 'f') {
            if (!skipLiteral("false"))
                return false;
        } else if (c == 'n') {
            if (!skipLiteral("null"))
                return false;
        } else {
            return false;
        }
        // After a value: close containers, or go on to the next element.
        for (;;) {
            if (open.empty())
                return true;
            if (consume(open.back())) {
                open.pop_back();
                continue;
            }
            if (!consume(','))
                return false;
            if (open.back() == '}' && (!readString(nullptr) || !consume(':')))
                return false;
            break;
        }
    }
}

} // namespace Tenantry::Server
