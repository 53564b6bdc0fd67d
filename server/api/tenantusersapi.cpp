// /v1/tenants/{id}/users: the end users of a tenant (list, add, remove).

#include "server/api/routes.h"
#include "server/services/tenantuserservice.h"

namespace Tenantry::Server {

void registerTenantUserRoutes(Router &router, ApiContext &context, const RequestGuard &guard)
{
    auto service = std::make_shared<TenantUserService>(context);

    router.add(HttpMethod::Get,
               "/v1/tenants/{id}/users",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::TenantsRead))
                       return errorResponse(request, *denied);
                   Outcome<PageRequest> page = pageRequest(request);
                   if (failed(page))
                       return errorResponse(request, std::get<ApiError>(page));
                   Outcome<Page<TenantUserRecord>> users = service->list(request.pathParameter(
                                                                             "id"),
                                                                         std::get<0>(page),
                                                                         request.requestId);
                   if (failed(users))
                       return errorResponse(request, std::get<ApiError>(users));
                   return listResponse(std::get<0>(users),
                                       tenantUserJson,
                                       [](const TenantUserRecord &item) { return item.id; });
               }));

    router.add(HttpMethod::Post,
               "/v1/tenants/{id}/users",
               guard.protect(
                   [service](HttpRequest &request, const Principal &principal) {
                       if (auto denied = requirePermission(principal, Permission::TenantsWrite))
                           return errorResponse(request, *denied);
                       Outcome<nlohmann::json> parsed = parseObjectBody(request,
                                                                        {"email", "name", "role"});
                       if (failed(parsed))
                           return errorResponse(request, std::get<ApiError>(parsed));
                       const nlohmann::json &body = std::get<nlohmann::json>(parsed);
                       TenantUserDraft draft;
                       for (auto [field, target, limit] :
                            {std::tuple{"email", &draft.email, std::size_t(254)},
                             std::tuple{"name", &draft.name, std::size_t(200)}}) {
                           Outcome<std::string> value = requiredStringField(body, field, limit);
                           if (failed(value))
                               return errorResponse(request, std::get<ApiError>(value));
                           *target = std::get<std::string>(value);
                       }
                       Outcome<std::optional<std::string>> role = optionalStringField(body,
                                                                                      "role",
                                                                                      16);
                       if (failed(role))
                           return errorResponse(request, std::get<ApiError>(role));
                       draft.role = std::get<0>(role).value_or("member");
                       Outcome<TenantUserRecord> user = service->add(principal,
                                                                     request.requestId,
                                                                     request.pathParameter("id"),
                                                                     std::move(draft));
                       if (failed(user))
                           return errorResponse(request, std::get<ApiError>(user));
                       const TenantUserRecord &created = std::get<0>(user);
                       return versionedResponse(201, tenantUserJson(created), created.version);
                   },
                   RequestGuard::Lane::Write));

    router.add(HttpMethod::Delete,
               "/v1/tenants/{id}/users/{user_id}",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::TenantsWrite))
                       return errorResponse(request, *denied);
                   Outcome<std::int64_t> version = ifMatchVersion(request);
                   if (failed(version))
                       return errorResponse(request, std::get<ApiError>(version));
                   Outcome<TenantUserRecord> removed = service->remove(principal,
                                                                       request.requestId,
                                                                       request.pathParameter("id"),
                                                                       request.pathParameter(
                                                                           "user_id"),
                                                                       std::get<0>(version));
                   if (failed(removed)) {
                       const ApiError &error = std::get<ApiError>(removed);
                       if (error.status != 412)
                           return errorResponse(request, error);
                       Outcome<TenantUserRecord> current = service->get(request.pathParameter("id"),
                                                                        request.pathParameter(
                                                                            "user_id"),
                                                                        request.requestId);
                       if (failed(current))
                           return errorResponse(request, error);
                       const TenantUserRecord &user = std::get<0>(current);
                       return preconditionFailedResponse(request,
                                                         error,
                                                         tenantUserJson(user),
                                                         user.version);
                   }
                   return HttpResponse::json(200, tenantUserJson(std::get<0>(removed)));
               }));
}

} // namespace Tenantry::Server
