#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace Tenantry::Server {

// Walks JSON text without building it: the webhook intake and worker read a few members of a
// Stripe event (about 4 KB, nearly all of it skipped) at memchr-like speed instead of through a
// document parser's lexer. It accepts exactly the texts that nlohmann::json accepts (RFC 8259:
// well-formed UTF-8 in strings, paired surrogate escapes, no leading zeros, a leading UTF-8 BOM
// allowed; tests/server/teststripeevent.cpp compares the two on edge cases and mutated events).
//
// The reading functions expect the next value (or key) after optional whitespace; each returns
// false on a syntax error, after which the scanner's state is unspecified.
class JsonScanner
{
public:
    explicit JsonScanner(std::string_view text);

    // The next non-whitespace character, or '\0' at the end of the text.
    char peek();
    // Skips whitespace, then `c` if it is next: true when it was.
    bool consume(char c);
    // True when only whitespace is left.
    bool atEnd();
    std::size_t position() const { return m_position; }
    std::string_view slice(std::size_t from, std::size_t to) const
    {
        return m_text.substr(from, to - from);
    }

    // Skips one value of any kind, checking its syntax.
    bool skipValue();
    // Reads a string value into `out` (unescaped; nullptr checks it only).
    bool readString(std::string *out);
    // Reads a number value. `integer` is set when it has no fraction or exponent and fits
    // std::int64_t, or fits std::uint64_t (then cast, as nlohmann::json::get<std::int64_t>()
    // reads an unsigned number); otherwise (a float to nlohmann) `isInteger` is false.
    bool readNumber(bool &isInteger, long long &integer);

    // Reads an object's members, its '{' consumed, through its '}': for each, its key, then
    // `readValue(key)`, which reads (or skips) the member's value and returns whether it could.
    template<typename ReadValue>
    bool readMembers(ReadValue &&readValue)
    {
        std::string key;
        for (bool first = true;; first = false) {
            switch (nextMember(first, key)) {
            case Member::End:
                return true;
            case Member::Error:
                return false;
            case Member::Key:
                if (!readValue(std::as_const(key)))
                    return false;
                break;
            }
        }
    }

private:
    // The next member's key and its ':' (`first` for an object's first member), or End at the
    // closing '}' (consumed).
    enum class Member { Key, End, Error };
    Member nextMember(bool first, std::string &key);
    void skipSpace();
    bool skipNumber();
    bool skipLiteral(std::string_view literal);
    // Whether the number from `start` to here reads as a finite double.
    bool isFiniteDouble(std::size_t start) const;
    // After the opening quote of a string: through its closing quote.
    bool scanString(std::string *out);
    bool readHex4(unsigned &value);

    std::string_view m_text;
    std::size_t m_position = 0;
};

} // namespace Tenantry::Server
