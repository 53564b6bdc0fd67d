// Tenant-scoped API keys: the staff routes that manage them (/v1/tenants/{id}/api-keys) and the
// routes a key calls for its own tenant (/v1/tenant, /v1/tenant/entitlements,
// /v1/tenant/subscription). See docs/tenancy.md, "Tenant API keys".

#include "server/api/routes.h"
#include "server/services/entitlementservice.h"
#include "server/services/tenantapikeyservice.h"

namespace Tenantry::Server {

void registerTenantApiKeyRoutes(Router &router, ApiContext &context, const RequestGuard &guard)
{
    auto entitlements = std::make_shared<EntitlementService>(context);
    auto service = std::make_shared<TenantApiKeyService>(context, *entitlements);
    const auto idOf = [](const TenantApiKeyRecord &key) { return key.id; };

    router.add(HttpMethod::Get,
               "/v1/tenants/{id}/api-keys",
               guard.protect([service, idOf](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::TenantsRead))
                       return errorResponse(request, *denied);
                   Outcome<PageRequest> page = pageRequest(request);
                   if (failed(page))
                       return errorResponse(request, std::get<ApiError>(page));
                   Outcome<Page<TenantApiKeyRecord>> keys = service->list(request.pathParameter(
                                                                              "id"),
                                                                          std::get<0>(page),
                                                                          request.requestId);
                   if (failed(keys))
                       return errorResponse(request, std::get<ApiError>(keys));
                   return listResponse(std::get<0>(keys), tenantApiKeyJson, idOf);
               }));

    // The secret is in this answer only, and stored nowhere in clear: a replay of the request
    // (same Idempotency-Key) answers with the same key, no second one, but "secret": null. A
    // client that lost the first answer revokes that key and creates another.
    router.add(HttpMethod::Post,
               "/v1/tenants/{id}/api-keys",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::TenantsWrite))
                       return errorResponse(request, *denied);
                   Outcome<nlohmann::json> parsed = parseObjectBody(request, {"name"});
                   if (failed(parsed))
                       return errorResponse(request, std::get<ApiError>(parsed));
                   Outcome<std::string> name = requiredStringField(std::get<nlohmann::json>(parsed),
                                                                   "name",
                                                                   200);
                   if (failed(name))
                       return errorResponse(request, std::get<ApiError>(name));
                   Outcome<TenantApiKeyService::Created> created = service->create(
                       principal,
                       request.requestId,
                       request.pathParameter("id"),
                       std::get<std::string>(name));
                   if (failed(created))
                       return errorResponse(request, std::get<ApiError>(created));
                   const TenantApiKeyService::Created &made = std::get<0>(created);
                   nlohmann::json body = tenantApiKeyJson(made.key);
                   body["secret"] = nullptr;
                   const std::string replayBody = body.dump();
                   body["secret"] = made.secret;
                   HttpResponse response = HttpResponse::json(201, body);
                   response.replayBody = replayBody;
                   response.setHeader("Cache-Control", "no-store");
                   return response;
               }));

    router.add(HttpMethod::Delete,
               "/v1/tenants/{id}/api-keys/{key_id}",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::TenantsWrite))
                       return errorResponse(request, *denied);
                   Outcome<TenantApiKeyRecord> revoked = service->revoke(principal,
                                                                         request.requestId,
                                                                         request.pathParameter(
                                                                             "id"),
                                                                         request.pathParameter(
                                                                             "key_id"));
                   if (failed(revoked))
                       return errorResponse(request, std::get<ApiError>(revoked));
                   return HttpResponse::json(200, tenantApiKeyJson(std::get<0>(revoked)));
               }));

    // A key's own tenant: nothing in the request names it (query parameters are ignored).
    router.add(HttpMethod::Get,
               "/v1/tenant",
               guard.protectTenant([service](HttpRequest &request, const TenantPrincipal &key) {
                   Outcome<Tenant> tenant = service->ownTenant(key, request.requestId);
                   if (failed(tenant))
                       return errorResponse(request, std::get<ApiError>(tenant));
                   return HttpResponse::json(200, ownTenantJson(std::get<0>(tenant)));
               }));

    router.add(HttpMethod::Get,
               "/v1/tenant/entitlements",
               guard.protectTenant([service](HttpRequest &request, const TenantPrincipal &key) {
                   Outcome<std::vector<Entitlement>> resolved = service->ownEntitlements(
                       key, request.requestId);
                   if (failed(resolved))
                       return errorResponse(request, std::get<ApiError>(resolved));
                   nlohmann::json data = nlohmann::json::array();
                   for (const Entitlement &entitlement : std::get<0>(resolved))
                       data.push_back(entitlementJson(entitlement));
                   return HttpResponse::json(200, listJson(std::move(data), false, {}));
               }));

    router.add(HttpMethod::Get,
               "/v1/tenant/subscription",
               guard.protectTenant([service](HttpRequest &request, const TenantPrincipal &key) {
                   Outcome<Subscription> live = service->ownSubscription(key, request.requestId);
                   if (failed(live))
                       return errorResponse(request, std::get<ApiError>(live));
                   return HttpResponse::json(200, subscriptionJson(std::get<0>(live)));
               }));
}

} // namespace Tenantry::Server
