#include "core/json/jsonwriter.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>

namespace Tenantry {

void appendJsonString(std::string &out, std::string_view text)
{
    // Ids, slugs, timestamps and most names are printable ASCII and need no escaping; anything
    // else goes through the JSON library so that the output is the same as a document's.
    const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
        return c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
    });
    if (!plain) {
        out += nlohmann::json(std::string(text))
                   .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
    }
    out += '"';
    out += text;
    out += '"';
}

JsonObjectWriter::JsonObjectWriter(std::string &out)
    : m_out(out)
{
    m_out += '{';
}

void JsonObjectWriter::key(std::string_view key)
{
    if (!m_first)
        m_out += ',';
    m_first = false;
    m_out += '"';
    m_out += key;
    m_out += "\":";
}

void JsonObjectWriter::string(std::string_view key, std::string_view value)
{
    this->key(key);
    appendJsonString(m_out, value);
}

void JsonObjectWriter::nullableString(std::string_view key, const std::optional<std::string> &value)
{
    if (value)
        string(key, *value);
    else
        null(key);
}

void JsonObjectWriter::integer(std::string_view key, std::int64_t value)
{
    this->key(key);
    std::array<char, 24> text{};
    const auto [end, ec] = std::to_chars(text.data(), text.data() + text.size(), value);
    m_out.append(text.data(), ec == std::errc() ? end : text.data());
}

void JsonObjectWriter::number(std::string_view key, std::string_view jsonNumber)
{
    this->key(key);
    m_out += jsonNumber;
}

void JsonObjectWriter::null(std::string_view key)
{
    this->key(key);
    m_out += "null";
}

void JsonObjectWriter::finish()
{
    m_out += '}';
}

} // namespace Tenantry
