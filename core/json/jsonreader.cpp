#include "core/json/jsonreader.h"

#include <nlohmann/json.hpp>

#include <cassert>
#include <utility>

namespace Tenantry {

namespace {

std::string describe(const nlohmann::json &value)
{
    switch (value.type()) {
    case nlohmann::json::value_t::null:
        return "null";
    case nlohmann::json::value_t::object:
        return "an object";
    case nlohmann::json::value_t::array:
        return "an array";
    case nlohmann::json::value_t::string:
        return "a string";
    case nlohmann::json::value_t::boolean:
        return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
        return "an integer";
    case nlohmann::json::value_t::number_float:
        return "a number with a fraction or an exponent";
    case nlohmann::json::value_t::binary:
        return "binary data";
    case nlohmann::json::value_t::discarded:
        break;
    }
    return "an invalid value";
}

// RFC 6901: "~" becomes "~0" and "/" becomes "~1".
std::string escapePointerToken(std::string_view token)
{
    std::string escaped;
    escaped.reserve(token.size());
    for (const char c : token) {
        if (c == '~')
            escaped += "~0";
        else if (c == '/')
            escaped += "~1";
        else
            escaped += c;
    }
    return escaped;
}

// A string value quoted for a message, cut to a sane length on a UTF-8 boundary so a huge or
// hostile value cannot bloat the error.
std::string quoted(const std::string &text)
{
    constexpr std::size_t maxLength = 64;
    if (text.size() <= maxLength)
        return '"' + text + '"';
    std::size_t end = maxLength;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U)
        --end;
    return '"' + text.substr(0, end) + "\"...";
}

} // namespace

JsonReader::JsonReader(const nlohmann::json &json, std::string path)
    : m_json(json)
    , m_path(std::move(path))
{
    if (!m_json.is_object())
        fail(Error{"invalid_type", "expected an object, got " + describe(m_json), m_path, 0});
}

std::string JsonReader::describeType(const nlohmann::json &value)
{
    return describe(value);
}

const Error &JsonReader::error() const
{
    assert(m_error.has_value());
    return *m_error;
}

std::string JsonReader::fieldPath(std::string_view key) const
{
    return m_path + "/" + escapePointerToken(key);
}

void JsonReader::fail(Error error)
{
    if (!m_error)
        m_error = std::move(error);
}

void JsonReader::fail(std::string_view key, std::string code, std::string message)
{
    fail(Error{std::move(code), std::move(message), fieldPath(key), 0});
}

void JsonReader::failType(std::string_view key,
                          std::string_view expected,
                          const nlohmann::json &value)
{
    fail(key, "invalid_type", "expected " + std::string(expected) + ", got " + describe(value));
}

const nlohmann::json *JsonReader::field(std::string_view key, bool required)
{
    if (m_error)
        return nullptr;
    const auto it = m_json.find(std::string(key));
    if (it == m_json.end()) {
        if (required)
            fail(key, "missing_field", "missing required field " + quoted(std::string(key)));
        return nullptr;
    }
    if (!required && it->is_null())
        return nullptr;
    return &*it;
}

std::optional<std::string> JsonReader::stringField(std::string_view key, bool required)
{
    const nlohmann::json *value = field(key, required);
    if (!value)
        return std::nullopt;
    const auto *text = value->get_ptr<const nlohmann::json::string_t *>();
    if (!text) {
        failType(key, "a string", *value);
        return std::nullopt;
    }
    return *text;
}

std::string JsonReader::requiredString(std::string_view key)
{
    return stringField(key, true).value_or(std::string());
}

std::optional<std::string> JsonReader::optionalString(std::string_view key)
{
    return stringField(key, false);
}

std::optional<std::int64_t> JsonReader::optionalInt64(std::string_view key, std::int64_t minimum)
{
    const nlohmann::json *value = field(key, false);
    if (!value || value->is_null())
        return std::nullopt;
    const std::int64_t result = requiredInt64(key, minimum);
    if (failed())
        return std::nullopt;
    return result;
}

std::int64_t JsonReader::requiredInt64(std::string_view key, std::int64_t minimum)
{
    const nlohmann::json *value = field(key, true);
    if (!value)
        return 0;

    std::int64_t result = 0;
    if (const auto *unsignedValue = value->get_ptr<const nlohmann::json::number_unsigned_t *>()) {
        if (*unsignedValue > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            fail(key,
                 "invalid_value",
                 "integer " + std::to_string(*unsignedValue) + " is out of range");
            return 0;
        }
        result = static_cast<std::int64_t>(*unsignedValue);
    } else if (const auto *signedValue = value->get_ptr<const nlohmann::json::number_integer_t *>()) {
        result = *signedValue;
    } else {
        failType(key, "an integer", *value);
        return 0;
    }

    if (result < minimum) {
        fail(key,
             "invalid_value",
             "expected an integer of at least " + std::to_string(minimum) + ", got "
                 + std::to_string(result));
        return 0;
    }
    return result;
}

bool JsonReader::requiredBool(std::string_view key)
{
    const nlohmann::json *value = field(key, true);
    if (!value)
        return false;
    const auto *flag = value->get_ptr<const nlohmann::json::boolean_t *>();
    if (!flag) {
        failType(key, "a boolean", *value);
        return false;
    }
    return *flag;
}

std::optional<Timestamp> JsonReader::timestampField(std::string_view key, bool required)
{
    const std::optional<std::string> text = stringField(key, required);
    if (!text)
        return std::nullopt;
    const Result<Timestamp> timestamp = parseRfc3339(*text);
    if (!timestamp) {
        // parseRfc3339 names the text and what is wrong with it.
        fail(key, "invalid_value", timestamp.error().message);
        return std::nullopt;
    }
    return timestamp.value();
}

Timestamp JsonReader::requiredTimestamp(std::string_view key)
{
    return timestampField(key, true).value_or(Timestamp());
}

std::optional<Timestamp> JsonReader::optionalTimestamp(std::string_view key)
{
    return timestampField(key, false);
}

std::optional<Currency> JsonReader::requiredCurrency(std::string_view key)
{
    const std::optional<std::string> code = stringField(key, true);
    if (!code)
        return std::nullopt;
    std::optional<Currency> currency = Currency::fromCode(*code);
    if (!currency)
        fail(key, "invalid_value", "unknown ISO 4217 currency code " + quoted(*code));
    return currency;
}

std::optional<YearMonth> JsonReader::requiredYearMonth(std::string_view key)
{
    const std::optional<std::string> text = stringField(key, true);
    if (!text)
        return std::nullopt;
    Result<YearMonth> month = YearMonth::fromString(*text);
    if (!month) {
        fail(key, "invalid_value", month.error().message);
        return std::nullopt;
    }
    return month.value();
}

std::optional<Money> JsonReader::requiredMoney(std::string_view key, std::int64_t minimum)
{
    const nlohmann::json *value = field(key, true);
    if (!value)
        return std::nullopt;
    JsonReader money(*value, fieldPath(key));
    const std::int64_t amount = money.requiredInt64("amount", minimum);
    const std::optional<Currency> currency = money.requiredCurrency("currency");
    if (money.failed()) {
        fail(money.error());
        return std::nullopt;
    }
    return Money(amount, *currency);
}

std::vector<std::string> JsonReader::requiredStringArray(std::string_view key)
{
    const nlohmann::json *value = field(key, true);
    if (!value)
        return {};
    if (!value->is_array()) {
        failType(key, "an array of strings", *value);
        return {};
    }
    std::vector<std::string> strings;
    strings.reserve(value->size());
    std::size_t index = 0;
    for (const nlohmann::json &element : *value) {
        const auto *text = element.get_ptr<const nlohmann::json::string_t *>();
        if (!text) {
            fail(Error{"invalid_type",
                       "expected a string, got " + describe(element),
                       fieldPath(key) + "/" + std::to_string(index),
                       0});
            return {};
        }
        strings.push_back(*text);
        ++index;
    }
    return strings;
}

std::optional<std::string> JsonReader::enumText(std::string_view key)
{
    return stringField(key, true);
}

void JsonReader::failUnknownEnum(std::string_view key, const std::string &text)
{
    fail(key, "unknown_enum_value", "unknown value " + quoted(text));
}

} // namespace Tenantry
