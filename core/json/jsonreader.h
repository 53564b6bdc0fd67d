#pragma once

#include "core/currency.h"
#include "core/error.h"
#include "core/money.h"
#include "core/timestamp.h"
#include "core/yearmonth.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Tenantry {

// Reads the fields of one JSON object and remembers the FIRST error, so a decoder reads every
// field in turn and checks once at the end:
//
//     JsonReader reader(json, path);
//     const std::string id = reader.requiredString("id");
//     const std::optional<Currency> currency = reader.requiredCurrency("currency");
//     if (reader.failed())
//         return reader.error();
//
// Error codes follow core/json/codecs.h: "missing_field", "invalid_type",
// "unknown_enum_value", "invalid_value". Paths are `path` + "/" + the escaped field name.
// A value that is not an object is an "invalid_type" error at `path` itself, reported on
// construction. After the first error every accessor returns a neutral value (empty string,
// 0, false, nullopt) without looking at the JSON. Optional fields may be absent or null; a
// required field that is null is "invalid_type". Nothing here throws.
class JsonReader
{
public:
    // `json` must outlive the reader. `path` is the JSON pointer of `json` in its document.
    JsonReader(const nlohmann::json &json, std::string path);

    bool failed() const { return m_error.has_value(); }
    const Error &error() const; // only when failed()
    const std::string &path() const { return m_path; }

    // The pointer of a field of this object: "/events/3" + "/a~1b" for key "a/b".
    std::string fieldPath(std::string_view key) const;

    std::string requiredString(std::string_view key);
    std::optional<std::string> optionalString(std::string_view key);

    // JSON integers only: a float (even 49.0), a boolean or a string is "invalid_type"; an
    // integer outside int64 is "invalid_value". `minimum` turns smaller values into
    // "invalid_value" as well (0 for amounts that cannot be negative).
    std::int64_t requiredInt64(std::string_view key,
                               std::int64_t minimum = std::numeric_limits<std::int64_t>::min());

    // Absent or null: nullopt; otherwise as requiredInt64.
    std::optional<std::int64_t> optionalInt64(
        std::string_view key, std::int64_t minimum = std::numeric_limits<std::int64_t>::min());
    bool requiredBool(std::string_view key);

    // RFC 3339 strings (parseRfc3339); an unparseable one is "invalid_value".
    Timestamp requiredTimestamp(std::string_view key);
    std::optional<Timestamp> optionalTimestamp(std::string_view key);

    // ISO 4217 code (Currency::fromCode); nullopt exactly when this call failed.
    std::optional<Currency> requiredCurrency(std::string_view key);

    // "2025-01" (YearMonth::fromString); nullopt exactly when this call failed.
    std::optional<YearMonth> requiredYearMonth(std::string_view key);

    // A nested {"amount":<int>,"currency":"usd"} object; errors carry the nested path
    // ("/price/amount"). nullopt exactly when this call failed.
    std::optional<Money> requiredMoney(
        std::string_view key, std::int64_t minimum = std::numeric_limits<std::int64_t>::min());

    // An array whose elements are all strings; a bad element is reported at "/features/2".
    std::vector<std::string> requiredStringArray(std::string_view key);

    // A string mapped through `fromString` (for example subscriptionStatusFromString); a
    // string it does not know is "unknown_enum_value". nullopt exactly when this call failed.
    template<typename Enum>
    std::optional<Enum> requiredEnum(std::string_view key,
                                     std::optional<Enum> (*fromString)(std::string_view))
    {
        const std::optional<std::string> text = enumText(key);
        if (!text)
            return std::nullopt;
        const std::optional<Enum> value = fromString(*text);
        if (!value)
            failUnknownEnum(key, *text);
        return value;
    }

    // "a string", "an integer", "null", ... for messages like "expected an array, got null".
    static std::string describeType(const nlohmann::json &value);

    // Records `error` unless an earlier error was recorded; the path is taken as given.
    void fail(Error error);
    // Records an error at the path of field `key`.
    void fail(std::string_view key, std::string code, std::string message);

private:
    // The field's value, or nullptr when the reader has already failed, when a required field is
    // absent (recording "missing_field") or when an optional field is absent or null. A required
    // field that is null is returned, so the caller's type check reports it.
    const nlohmann::json *field(std::string_view key, bool required);
    std::optional<std::string> stringField(std::string_view key, bool required);
    std::optional<Timestamp> timestampField(std::string_view key, bool required);
    std::optional<std::string> enumText(std::string_view key);
    void failUnknownEnum(std::string_view key, const std::string &text);
    void failType(std::string_view key, std::string_view expected, const nlohmann::json &value);

    const nlohmann::json &m_json;
    std::string m_path;
    std::optional<Error> m_error;
};

} // namespace Tenantry
