#pragma once

#include "core/entitlements.h"
#include "core/feature.h"
#include "core/plan.h"
#include "core/tenant.h"
#include "server/auth/permissions.h"
#include "server/http/apierror.h"
#include "server/http/httprequest.h"
#include "server/http/httpresponse.h"
#include "server/store/records.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>
#include <variant>

namespace Tenantry::Server {

struct Principal;

// A handler step's outcome: the value, or the error to answer with.
template<typename T>
using Outcome = std::variant<T, ApiError>;

template<typename T>
bool failed(const Outcome<T> &outcome)
{
    return std::holds_alternative<ApiError>(outcome);
}

HttpResponse errorResponse(const HttpRequest &request, const ApiError &error);
HttpResponse errorResponse(const std::string &requestId, const ApiError &error);

// 403 unless the principal's role has the permission.
std::optional<ApiError> requirePermission(const Principal &principal, Permission permission);

// The body as a JSON object; 400 invalid_json / invalid_body otherwise. Fields outside
// `allowed` are refused with 422 parameter_unknown naming the field (typos must not pass
// silently).
Outcome<nlohmann::json> parseObjectBody(const HttpRequest &request,
                                        const std::set<std::string> &allowed);

// limit (1 to maxLimit, default 25) and starting_after. Lists allow 100; the metrics feeds,
// which a client walks from the start, allow 1000.
Outcome<PageRequest> pageRequest(const HttpRequest &request, int maxLimit = 100);

// {"object":"list","data":[...],"has_more":…,"next_cursor":…}
nlohmann::json listJson(nlohmann::json data, bool hasMore, const std::string &lastId);

// 200 with one page of a list: each item rendered by `render`, the cursor for the next page
// taken from the last item by `idOf`.
template<typename T, typename Render, typename IdOf>
HttpResponse listResponse(const Page<T> &page, Render render, IdOf idOf)
{
    nlohmann::json data = nlohmann::json::array();
    for (const T &item : page.items)
        data.push_back(render(item));
    return HttpResponse::json(200,
                              listJson(std::move(data),
                                       page.hasMore,
                                       page.items.empty() ? std::string()
                                                          : idOf(page.items.back())));
}

// ETag of a versioned resource: "\"<version>\"".
std::string etag(std::int64_t version);
// The version named by If-Match; 428 when the header is missing, 400 when unreadable.
Outcome<std::int64_t> ifMatchVersion(const HttpRequest &request);

// The version named by If-Match when the header is there (actions where it is optional).
Outcome<std::optional<std::int64_t>> optionalIfMatchVersion(const HttpRequest &request);

// 412 with the resource as it is now in error.current and its ETag (when it still exists).
HttpResponse preconditionFailedResponse(const HttpRequest &request,
                                        const ApiError &error,
                                        const std::optional<nlohmann::json> &current,
                                        std::int64_t version);

// Representations as the API sends them.
nlohmann::json tenantJson(const Tenant &tenant);
// tenantJson(tenant) as the API sends it (dumped), written directly: GET /v1/tenants/{id} is the
// busiest answer. testapihelpers checks that the two agree.
std::string tenantJsonText(const Tenant &tenant);
nlohmann::json planJson(const Plan &plan);
nlohmann::json featureJson(const Feature &feature);
nlohmann::json userJson(const UserRecord &user);
nlohmann::json noteJson(const NoteRecord &note);
nlohmann::json auditJson(const AuditRecord &record);
nlohmann::json subscriptionJson(const Subscription &subscription);
nlohmann::json invoiceJson(const Invoice &invoice);
nlohmann::json mrrEventJson(const MrrEventRecord &record);
nlohmann::json spendJson(const SpendRecord &record);
nlohmann::json overrideJson(const FeatureOverride &override);
nlohmann::json tenantUserJson(const TenantUserRecord &user);
nlohmann::json entitlementJson(const Entitlement &entitlement);
// A tenant API key without its secret or hash.
nlohmann::json tenantApiKeyJson(const TenantApiKeyRecord &key);
// What a tenant API key sees of its own tenant: no contact email, staff notes or provider ids.
nlohmann::json ownTenantJson(const Tenant &tenant);

// A JSON response with the resource's ETag.
HttpResponse versionedResponse(int status, const nlohmann::json &body, std::int64_t version);
HttpResponse versionedResponse(int status, std::string jsonText, std::int64_t version);

// Field readers for request bodies: each returns the value, nullopt when absent, or an
// ApiError (422 parameter_invalid naming the field) for a wrong type or value.
Outcome<std::optional<std::string>> optionalStringField(const nlohmann::json &body,
                                                        const std::string &field,
                                                        std::size_t maxLength);
Outcome<std::string> requiredStringField(const nlohmann::json &body,
                                         const std::string &field,
                                         std::size_t maxLength);

Outcome<std::optional<bool>> optionalBoolField(const nlohmann::json &body, const std::string &field);
Outcome<std::optional<std::int64_t>> optionalIntegerField(const nlohmann::json &body,
                                                          const std::string &field);
Outcome<std::optional<Timestamp>> optionalTimestampField(const nlohmann::json &body,
                                                         const std::string &field);
// An RFC 3339 query parameter (updated_since, renews_before); 400 when unreadable.
Outcome<std::optional<Timestamp>> timestampQuery(const HttpRequest &request,
                                                 const std::string &name);

bool isValidEmail(const std::string &email);
bool isValidSlug(const std::string &slug);
std::string slugFrom(const std::string &name);
std::string lowerCase(std::string text);
std::string sha256Hex(std::string_view data);

} // namespace Tenantry::Server
