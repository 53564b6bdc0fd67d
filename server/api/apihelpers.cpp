#include "server/api/apihelpers.h"

#include "core/json/codecs.h"
#include "server/api/principal.h"

#include <openssl/evp.h>

#include <algorithm>
#include <charconv>

namespace Tenantry::Server {

HttpResponse errorResponse(const HttpRequest &request, const ApiError &error)
{
    return error.toResponse(request.requestId);
}

std::optional<ApiError> requirePermission(const Principal &principal, Permission permission)
{
    if (allows(principal.user.role, permission))
        return std::nullopt;
    return ApiError::forbidden("Your role (" + std::string(toString(principal.user.role))
                               + ") does not have the permission "
                               + std::string(toString(permission)) + " that this request needs");
}

Outcome<nlohmann::json> parseObjectBody(const HttpRequest &request,
                                        const std::set<std::string> &allowed)
{
    if (request.body.empty())
        return nlohmann::json::object();
    nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded())
        return ApiError::badRequest("invalid_json", "The request body is not valid JSON");
    if (!body.is_object())
        return ApiError::badRequest("invalid_body", "The request body must be a JSON object");
    for (const auto &item : body.items()) {
        if (!allowed.contains(item.key()))
            return ApiError::unprocessable("parameter_unknown",
                                           "Unknown field '" + item.key() + "'",
                                           item.key());
    }
    return body;
}

Outcome<PageRequest> pageRequest(const HttpRequest &request)
{
    PageRequest page;
    if (const auto limit = request.queryValue("limit")) {
        int value = 0;
        const auto [end, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), value);
        if (ec != std::errc() || end != limit->data() + limit->size() || value < 1 || value > 100)
            return ApiError::badRequest("parameter_invalid",
                                        "limit must be a whole number from 1 to 100",
                                        "limit");
        page.limit = value;
    }
    if (const auto after = request.queryValue("starting_after")) {
        if (after->empty() || after->size() > 100)
            return ApiError::badRequest("parameter_invalid",
                                        "starting_after must be the id of an object",
                                        "starting_after");
        page.startingAfter = *after;
    }
    return page;
}

nlohmann::json listJson(nlohmann::json data, bool hasMore, const std::string &lastId)
{
    return {{"object", "list"},
            {"data", std::move(data)},
            {"has_more", hasMore},
            {"next_cursor", hasMore ? nlohmann::json(lastId) : nlohmann::json(nullptr)}};
}

std::string etag(std::int64_t version)
{
    return "\"" + std::to_string(version) + "\"";
}

Outcome<std::int64_t> ifMatchVersion(const HttpRequest &request)
{
    const std::optional<std::string> header = request.header("if-match");
    if (!header) {
        ApiError error = ApiError::badRequest("if_match_required",
                                              "This request needs an If-Match header with the "
                                              "ETag of the version you are changing");
        error.status = 428;
        return error;
    }
    std::string_view value = *header;
    // If-Match compares strongly (RFC 9110): a weak tag never matches, so it gets the 412 with
    // the current version. Versions start at 1.
    if (value.starts_with("W/"))
        return std::int64_t{0};
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
        value = value.substr(1, value.size() - 2);
    std::int64_t version = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), version);
    if (ec != std::errc() || end != value.data() + value.size() || version < 1)
        return ApiError::badRequest("parameter_invalid",
                                    "If-Match must be an ETag this API sent, like \"3\"",
                                    "If-Match");
    return version;
}

namespace {

void nullIfAbsent(nlohmann::json &json, std::initializer_list<const char *> fields)
{
    for (const char *field : fields) {
        if (!json.contains(field))
            json[field] = nullptr;
    }
}

} // namespace

nlohmann::json tenantJson(const Tenant &tenant)
{
    nlohmann::json json = toJson(tenant);
    json["object"] = "tenant";
    nullIfAbsent(json, {"plan_id", "contact_email", "notes", "deleted_at"});
    return json;
}

nlohmann::json planJson(const Plan &plan)
{
    nlohmann::json json = toJson(plan);
    json["object"] = "plan";
    return json;
}

nlohmann::json featureJson(const Feature &feature)
{
    return {{"object", "feature"},
            {"key", feature.key},
            {"name", feature.name},
            {"description", feature.description}};
}

nlohmann::json userJson(const UserRecord &user)
{
    return {{"object", "user"},
            {"id", user.id},
            {"email", user.email},
            {"name", user.name},
            {"role", std::string(toString(user.role))},
            {"created_at", formatRfc3339(user.createdAt)}};
}

nlohmann::json noteJson(const NoteRecord &note)
{
    return {{"object", "note"},
            {"id", note.id},
            {"tenant_id", note.tenantId},
            {"author_id", note.authorId},
            {"body", note.body},
            {"created_at", formatRfc3339(note.createdAt)}};
}

nlohmann::json auditJson(const AuditRecord &record)
{
    const auto parsed = [](const std::optional<std::string> &text) {
        if (!text)
            return nlohmann::json(nullptr);
        nlohmann::json json = nlohmann::json::parse(*text, nullptr, false);
        return json.is_discarded() ? nlohmann::json(nullptr) : json;
    };
    return {{"object", "audit_event"},
            {"id", record.id},
            {"actor_id", record.actorId},
            {"actor_email", record.actorEmail},
            {"action", record.action},
            {"target_type", record.targetType},
            {"target_id", record.targetId},
            {"tenant_id", record.tenantId ? nlohmann::json(*record.tenantId) : nullptr},
            {"before", parsed(record.before)},
            {"after", parsed(record.after)},
            {"request_id", record.requestId},
            {"created_at", formatRfc3339(record.createdAt)}};
}

HttpResponse versionedResponse(int status, const nlohmann::json &body, std::int64_t version)
{
    HttpResponse response = HttpResponse::json(status, body);
    response.setHeader("ETag", etag(version));
    return response;
}

Outcome<std::optional<std::string>> optionalStringField(const nlohmann::json &body,
                                                        const std::string &field,
                                                        std::size_t maxLength)
{
    const auto it = body.find(field);
    if (it == body.end() || it->is_null())
        return std::optional<std::string>();
    if (!it->is_string())
        return ApiError::unprocessable("parameter_invalid", field + " must be a string", field);
    std::string value = it->get<std::string>();
    if (value.size() > maxLength)
        return ApiError::unprocessable("parameter_invalid",
                                       field + " is longer than " + std::to_string(maxLength)
                                           + " characters",
                                       field);
    return std::optional(std::move(value));
}

Outcome<std::string> requiredStringField(const nlohmann::json &body,
                                         const std::string &field,
                                         std::size_t maxLength)
{
    Outcome<std::optional<std::string>> value = optionalStringField(body, field, maxLength);
    if (failed(value))
        return std::get<ApiError>(value);
    std::optional<std::string> text = std::get<0>(std::move(value));
    if (!text || text->empty())
        return ApiError::unprocessable("parameter_missing", field + " is required", field);
    return std::move(*text);
}

bool isValidEmail(const std::string &email)
{
    const auto at = email.find('@');
    return at != std::string::npos && at > 0 && at + 1 < email.size()
           && email.find('@', at + 1) == std::string::npos
           && email.find('.', at + 1) != std::string::npos && email.size() <= 254
           && std::none_of(email.begin(), email.end(), [](char c) {
                  return c == ' ' || static_cast<unsigned char>(c) < 0x21;
              });
}

bool isValidSlug(const std::string &slug)
{
    if (slug.empty() || slug.size() > 63 || slug.front() == '-' || slug.back() == '-')
        return false;
    return std::all_of(slug.begin(), slug.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

std::string slugFrom(const std::string &name)
{
    std::string slug;
    for (const char c : name) {
        const auto lower = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9'))
            slug.push_back(lower);
        else if (!slug.empty() && slug.back() != '-')
            slug.push_back('-');
    }
    while (!slug.empty() && slug.back() == '-')
        slug.pop_back();
    if (slug.size() > 63)
        slug.resize(63);
    while (!slug.empty() && slug.back() == '-')
        slug.pop_back();
    return slug;
}

std::string lowerCase(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](char c) {
        return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    });
    return text;
}

std::string sha256Hex(std::string_view data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
    static constexpr char hex[] = "0123456789abcdef";
    std::string text;
    text.reserve(std::size_t{length} * 2);
    for (unsigned int i = 0; i < length; ++i) {
        text.push_back(hex[digest[i] >> 4]);
        text.push_back(hex[digest[i] & 15]);
    }
    return text;
}

} // namespace Tenantry::Server
