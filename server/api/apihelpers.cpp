#include "server/api/apihelpers.h"

#include "core/json/codecs.h"
#include "core/json/jsonwriter.h"
#include "server/api/principal.h"

#include <openssl/evp.h>

#include <algorithm>
#include <charconv>

namespace Tenantry::Server {

HttpResponse errorResponse(const HttpRequest &request, const ApiError &error)
{
    return errorResponse(request.requestId, error);
}

HttpResponse errorResponse(const std::string &requestId, const ApiError &error)
{
    HttpResponse response = error.toResponse(requestId);
    // The billing provider could not be reached: the request can be retried with its
    // Idempotency-Key (a 5xx answer is not stored), after a short wait.
    if (error.code == "billing_unavailable")
        response.setHeader("Retry-After", "5");
    // A tenant move has paused writes to the tenant (PostgreSQL only); a move switches within
    // seconds once its copy is verified.
    if (error.code == "tenant_moving")
        response.setHeader("Retry-After", "2");
    // A concurrent transaction on the same rows won (PostgreSQL): at once is fine.
    if (error.code == "lock_timeout")
        response.setHeader("Retry-After", "1");
    return response;
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

Outcome<PageRequest> pageRequest(const HttpRequest &request, int maxLimit)
{
    PageRequest page;
    if (const auto limit = request.queryValue("limit")) {
        int value = 0;
        const auto [end, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), value);
        if (ec != std::errc() || end != limit->data() + limit->size() || value < 1
            || value > maxLimit)
            return ApiError::badRequest("parameter_invalid",
                                        "limit must be a whole number from 1 to "
                                            + std::to_string(maxLimit),
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

Outcome<std::optional<std::int64_t>> optionalIfMatchVersion(const HttpRequest &request)
{
    if (!request.header("if-match"))
        return std::optional<std::int64_t>();
    Outcome<std::int64_t> version = ifMatchVersion(request);
    if (failed(version))
        return std::get<ApiError>(version);
    return std::optional(std::get<std::int64_t>(version));
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

std::string tenantJsonText(const Tenant &tenant)
{
    std::string text;
    text.reserve(384);
    JsonObjectWriter object(text);
    // The members of tenantJson in the order its dump writes them (sorted keys).
    object.nullableString("contact_email", tenant.contactEmail);
    object.string("created_at", formatRfc3339(tenant.createdAt));
    if (tenant.deletedAt)
        object.string("deleted_at", formatRfc3339(*tenant.deletedAt));
    else
        object.null("deleted_at");
    object.string("id", tenant.id);
    object.string("isolation", toString(tenant.isolation));
    object.string("name", tenant.name);
    object.nullableString("notes", tenant.notes);
    object.string("object", "tenant");
    object.nullableString("plan_id", tenant.planId);
    object.string("region", tenant.region);
    object.string("slug", tenant.slug);
    object.string("status", toString(tenant.status));
    object.string("updated_at", formatRfc3339(tenant.updatedAt));
    object.integer("version", tenant.version);
    object.finish();
    return text;
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

nlohmann::json subscriptionJson(const Subscription &subscription)
{
    nlohmann::json json = toJson(subscription);
    json["object"] = "subscription";
    nullIfAbsent(json, {"trial_end", "canceled_at", "stripe_subscription_id"});
    return json;
}

nlohmann::json invoiceJson(const Invoice &invoice)
{
    nlohmann::json json = toJson(invoice);
    json["object"] = "invoice";
    nullIfAbsent(json, {"stripe_invoice_id"});
    return json;
}

nlohmann::json mrrEventJson(const MrrEventRecord &record)
{
    nlohmann::json json = toJson(record.event);
    json["object"] = "mrr_event";
    json["id"] = record.id;
    json["recorded_at"] = formatRfc3339(record.recordedAt);
    nullIfAbsent(json, {"plan_id"});
    return json;
}

nlohmann::json spendJson(const SpendRecord &record)
{
    nlohmann::json json = toJson(record.spend);
    json["object"] = "acquisition_spend";
    json["id"] = record.id;
    json["created_at"] = formatRfc3339(record.createdAt);
    json["updated_at"] = formatRfc3339(record.updatedAt);
    json["version"] = record.version;
    return json;
}

nlohmann::json overrideJson(const FeatureOverride &override)
{
    return {{"object", "feature_override"},
            {"tenant_id", override.tenantId},
            {"feature_key", override.featureKey},
            {"enabled", override.enabled},
            {"reason", override.reason},
            {"expires_at",
             override.expiresAt ? nlohmann::json(formatRfc3339(*override.expiresAt)) : nullptr},
            {"created_by", override.createdBy},
            {"created_at", formatRfc3339(override.createdAt)},
            {"updated_at", formatRfc3339(override.updatedAt)},
            {"version", override.version}};
}

nlohmann::json tenantUserJson(const TenantUserRecord &user)
{
    return {{"object", "tenant_user"},
            {"id", user.id},
            {"tenant_id", user.tenantId},
            {"email", user.email},
            {"name", user.name},
            {"role", user.role},
            {"created_at", formatRfc3339(user.createdAt)},
            {"version", user.version}};
}

nlohmann::json tenantApiKeyJson(const TenantApiKeyRecord &key)
{
    const auto optionalTime = [](const std::optional<Timestamp> &at) {
        return at ? nlohmann::json(formatRfc3339(*at)) : nlohmann::json(nullptr);
    };
    return {{"object", "tenant_api_key"},
            {"id", key.id},
            {"tenant_id", key.tenantId},
            {"name", key.name},
            {"created_at", formatRfc3339(key.createdAt)},
            {"created_by", key.createdBy},
            {"revoked_at", optionalTime(key.revokedAt)},
            {"last_used_at", optionalTime(key.lastUsedAt)}};
}

nlohmann::json ownTenantJson(const Tenant &tenant)
{
    const nlohmann::json all = tenantJson(tenant);
    nlohmann::json json = nlohmann::json::object();
    for (const char *field :
         {"object", "id", "slug", "name", "status", "plan_id", "region", "created_at"}) {
        if (all.contains(field))
            json[field] = all[field];
    }
    return json;
}

nlohmann::json entitlementJson(const Entitlement &entitlement)
{
    const auto optionalText = [](const std::optional<std::string> &text) {
        return text ? nlohmann::json(*text) : nlohmann::json(nullptr);
    };
    return {{"object", "entitlement"},
            {"feature_key", entitlement.featureKey},
            {"enabled", entitlement.enabled},
            {"source", toString(entitlement.source)},
            {"plan_id", optionalText(entitlement.planId)},
            {"reason", optionalText(entitlement.reason)},
            {"expires_at",
             entitlement.expiresAt ? nlohmann::json(formatRfc3339(*entitlement.expiresAt))
                                   : nullptr},
            {"plan_would_grant",
             entitlement.planWouldGrant ? nlohmann::json(*entitlement.planWouldGrant) : nullptr}};
}

HttpResponse versionedResponse(int status, const nlohmann::json &body, std::int64_t version)
{
    HttpResponse response = HttpResponse::json(status, body);
    response.setHeader("ETag", etag(version));
    return response;
}

HttpResponse versionedResponse(int status, std::string jsonText, std::int64_t version)
{
    HttpResponse response = HttpResponse::json(status, std::move(jsonText));
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

Outcome<std::optional<bool>> optionalBoolField(const nlohmann::json &body, const std::string &field)
{
    const auto it = body.find(field);
    if (it == body.end() || it->is_null())
        return std::optional<bool>();
    if (!it->is_boolean())
        return ApiError::unprocessable("parameter_invalid", field + " must be true or false", field);
    return std::optional(it->get<bool>());
}

Outcome<std::optional<std::int64_t>> optionalIntegerField(const nlohmann::json &body,
                                                          const std::string &field)
{
    const auto it = body.find(field);
    if (it == body.end() || it->is_null())
        return std::optional<std::int64_t>();
    if (!it->is_number_integer())
        return ApiError::unprocessable("parameter_invalid",
                                       field + " must be a whole number",
                                       field);
    if (it->is_number_unsigned() && it->get<std::uint64_t>() > INT64_MAX)
        return ApiError::unprocessable("parameter_invalid", field + " is too large", field);
    return std::optional(it->get<std::int64_t>());
}

Outcome<std::optional<Timestamp>> optionalTimestampField(const nlohmann::json &body,
                                                         const std::string &field)
{
    Outcome<std::optional<std::string>> text = optionalStringField(body, field, 64);
    if (failed(text))
        return std::get<ApiError>(text);
    if (!std::get<0>(text))
        return std::optional<Timestamp>();
    Result<Timestamp> timestamp = parseRfc3339(*std::get<0>(text));
    if (!timestamp)
        return ApiError::unprocessable("parameter_invalid",
                                       field
                                           + " must be an RFC 3339 time, like "
                                             "2025-01-31T00:00:00Z",
                                       field);
    return std::optional(*timestamp);
}

Outcome<std::optional<Timestamp>> timestampQuery(const HttpRequest &request, const std::string &name)
{
    const std::optional<std::string> text = request.queryValue(name);
    if (!text)
        return std::optional<Timestamp>();
    Result<Timestamp> timestamp = parseRfc3339(*text);
    if (!timestamp)
        return ApiError::badRequest("parameter_invalid",
                                    name + " must be an RFC 3339 time, like 2025-01-31T00:00:00Z",
                                    name);
    return std::optional(*timestamp);
}

HttpResponse preconditionFailedResponse(const HttpRequest &request,
                                        const ApiError &error,
                                        const std::optional<nlohmann::json> &current,
                                        std::int64_t version)
{
    HttpResponse response = errorResponse(request, error);
    if (!current)
        return response;
    nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
    if (body.is_object()) {
        body["error"]["current"] = *current;
        response.body = body.dump();
    }
    response.setHeader("ETag", etag(version));
    return response;
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
