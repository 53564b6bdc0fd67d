// /v1/tenants/{id}/entitlements (the effective features) and /v1/tenants/{id}/feature-overrides.

#include "server/api/routes.h"
#include "server/services/entitlementservice.h"

namespace Tenantry::Server {

namespace {

HttpResponse arrayResponse(nlohmann::json data)
{
    return HttpResponse::json(200, listJson(std::move(data), false, {}));
}

// The error; a 412 carries the override as it is now (when it still exists).
HttpResponse overrideError(const HttpRequest &request,
                           const ApiError &error,
                           const EntitlementService &service,
                           const std::string &featureKey)
{
    if (error.status != 412)
        return errorResponse(request, error);
    Outcome<std::vector<FeatureOverride>> current = service.overrides(request.pathParameter("id"),
                                                                      request.requestId);
    if (!failed(current)) {
        for (const FeatureOverride &item : std::get<0>(current)) {
            if (item.featureKey == featureKey)
                return preconditionFailedResponse(request, error, overrideJson(item), item.version);
        }
    }
    return errorResponse(request, error);
}

} // namespace

void registerEntitlementRoutes(Router &router, ApiContext &context, const RequestGuard &guard)
{
    auto service = std::make_shared<EntitlementService>(context);

    router.add(HttpMethod::Get,
               "/v1/tenants/{id}/entitlements",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::TenantsRead))
                       return errorResponse(request, *denied);
                   Outcome<std::vector<Entitlement>> entitlements = service->entitlements(
                       request.pathParameter("id"), request.requestId);
                   if (failed(entitlements))
                       return errorResponse(request, std::get<ApiError>(entitlements));
                   nlohmann::json data = nlohmann::json::array();
                   for (const Entitlement &entitlement : std::get<0>(entitlements))
                       data.push_back(entitlementJson(entitlement));
                   return arrayResponse(std::move(data));
               }));

    router.add(HttpMethod::Get,
               "/v1/tenants/{id}/feature-overrides",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::TenantsRead))
                       return errorResponse(request, *denied);
                   Outcome<std::vector<FeatureOverride>> overrides = service->overrides(
                       request.pathParameter("id"), request.requestId);
                   if (failed(overrides))
                       return errorResponse(request, std::get<ApiError>(overrides));
                   nlohmann::json data = nlohmann::json::array();
                   for (const FeatureOverride &override : std::get<0>(overrides))
                       data.push_back(overrideJson(override));
                   return arrayResponse(std::move(data));
               }));

    router.add(
        HttpMethod::Post,
        "/v1/tenants/{id}/feature-overrides",
        guard.protect(
            [service](HttpRequest &request, const Principal &principal) {
                if (auto denied = requirePermission(principal, Permission::TenantsWrite))
                    return errorResponse(request, *denied);
                Outcome<std::optional<std::int64_t>> version = optionalIfMatchVersion(request);
                if (failed(version))
                    return errorResponse(request, std::get<ApiError>(version));
                Outcome<nlohmann::json> parsed = parseObjectBody(
                    request, {"feature_key", "enabled", "reason", "expires_at"});
                if (failed(parsed))
                    return errorResponse(request, std::get<ApiError>(parsed));
                const nlohmann::json &body = std::get<nlohmann::json>(parsed);
                OverrideDraft draft;
                Outcome<std::string> key = requiredStringField(body, "feature_key", 100);
                if (failed(key))
                    return errorResponse(request, std::get<ApiError>(key));
                draft.featureKey = std::get<std::string>(key);
                Outcome<std::optional<bool>> enabled = optionalBoolField(body, "enabled");
                if (failed(enabled))
                    return errorResponse(request, std::get<ApiError>(enabled));
                if (!std::get<0>(enabled))
                    return errorResponse(request,
                                         ApiError::unprocessable("parameter_missing",
                                                                 "enabled is required",
                                                                 "enabled"));
                draft.enabled = *std::get<0>(enabled);
                Outcome<std::string> reason = requiredStringField(body, "reason", 1000);
                if (failed(reason))
                    return errorResponse(request, std::get<ApiError>(reason));
                draft.reason = std::get<std::string>(reason);
                Outcome<std::optional<Timestamp>> expires = optionalTimestampField(body,
                                                                                   "expires_at");
                if (failed(expires))
                    return errorResponse(request, std::get<ApiError>(expires));
                draft.expiresAt = std::get<0>(expires);

                const std::string tenantId = request.pathParameter("id");
                const std::string featureKey = draft.featureKey;
                auto result = service->setOverride(principal,
                                                   request.requestId,
                                                   tenantId,
                                                   std::get<0>(version),
                                                   std::move(draft));
                if (failed(result))
                    return overrideError(request, std::get<ApiError>(result), *service, featureKey);
                const auto &[override, created] = std::get<0>(result);
                return versionedResponse(created ? 201 : 200,
                                         overrideJson(override),
                                         override.version);
            },
            RequestGuard::Lane::Write));

    router.add(HttpMethod::Delete,
               "/v1/tenants/{id}/feature-overrides/{feature_key}",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::TenantsWrite))
                       return errorResponse(request, *denied);
                   Outcome<std::int64_t> version = ifMatchVersion(request);
                   if (failed(version))
                       return errorResponse(request, std::get<ApiError>(version));
                   Outcome<FeatureOverride> removed = service->clearOverride(
                       principal,
                       request.requestId,
                       request.pathParameter("id"),
                       request.pathParameter("feature_key"),
                       std::get<std::int64_t>(version));
                   if (failed(removed))
                       return overrideError(request,
                                            std::get<ApiError>(removed),
                                            *service,
                                            request.pathParameter("feature_key"));
                   return HttpResponse::json(200, overrideJson(std::get<0>(removed)));
               }));
}

} // namespace Tenantry::Server
