#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace Tenantry {

// Appends `text` to `out` as a JSON string, exactly as nlohmann::json::dump writes it with
// ensure_ascii off and error_handler_t::replace: control characters escaped, bytes that are not
// UTF-8 replaced by U+FFFD.
void appendJsonString(std::string &out, std::string_view text);

// Writes one JSON object straight into a string, for answers sent on every request, where
// building a nlohmann::json document and dumping it cost more than the work behind them.
// The caller gives the members in the order they are to appear; to match a document's dump,
// that is the order of the keys' bytes. Keys are constants of the caller and are not escaped.
//
//     std::string text;
//     JsonObjectWriter object(text);
//     object.string("id", tenant.id);
//     object.integer("version", tenant.version);
//     object.finish();
class JsonObjectWriter
{
public:
    explicit JsonObjectWriter(std::string &out);

    void string(std::string_view key, std::string_view value);
    void nullableString(std::string_view key, const std::optional<std::string> &value);
    void integer(std::string_view key, std::int64_t value);
    void number(std::string_view key, std::string_view jsonNumber); // already formatted
    void null(std::string_view key);
    void finish();

private:
    void key(std::string_view key);

    std::string &m_out;
    bool m_first = true;
};

} // namespace Tenantry
