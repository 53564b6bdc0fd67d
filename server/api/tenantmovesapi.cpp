// Tenant placement: POST /v1/tenants/{id}/move (queues a tenant.move job), and
// POST /v1/jobs/{id}/resume and POST /v1/jobs/{id}/rollback for a move that stopped.

#include "server/api/routes.h"
#include "server/services/tenantmoveservice.h"

namespace Tenantry::Server {

namespace {

HttpResponse accepted(const HttpRequest &request, const Outcome<JobRecord> &job)
{
    if (failed(job))
        return errorResponse(request, std::get<ApiError>(job));
    const JobRecord &queued = std::get<JobRecord>(job);
    HttpResponse response = HttpResponse::json(202, jobJson(queued));
    response.setHeader("Location", "/v1/jobs/" + queued.id);
    return response;
}

} // namespace

void registerTenantMoveRoutes(Router &router,
                              const RequestGuard &guard,
                              const TenantMoveService &moves)
{
    router.add(HttpMethod::Post,
               "/v1/tenants/{id}/move",
               guard.protect([&moves](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::TenantsDelete))
                       return errorResponse(request, *denied);
                   Outcome<nlohmann::json> parsed = parseObjectBody(request, {"target"});
                   if (failed(parsed))
                       return errorResponse(request, std::get<ApiError>(parsed));
                   Outcome<std::string> text = requiredStringField(std::get<nlohmann::json>(parsed),
                                                                   "target",
                                                                   16);
                   if (failed(text))
                       return errorResponse(request, std::get<ApiError>(text));
                   const std::optional<Isolation> target = isolationFromString(
                       std::get<std::string>(text));
                   if (!target || *target == Isolation::Hybrid)
                       return errorResponse(request,
                                            ApiError::unprocessable("parameter_invalid",
                                                                    "target must be pool or silo",
                                                                    "target"));
                   return accepted(request,
                                   moves.start(principal,
                                               request.requestId,
                                               request.pathParameter("id"),
                                               *target));
               }));

    router.add(HttpMethod::Post,
               "/v1/jobs/{id}/resume",
               guard.protect([&moves](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::TenantsDelete))
                       return errorResponse(request, *denied);
                   Outcome<nlohmann::json> parsed = parseObjectBody(request, {});
                   if (failed(parsed))
                       return errorResponse(request, std::get<ApiError>(parsed));
                   return accepted(request,
                                   moves.resume(principal,
                                                request.requestId,
                                                request.pathParameter("id")));
               }));

    router.add(HttpMethod::Post,
               "/v1/jobs/{id}/rollback",
               guard.protect([&moves](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::TenantsDelete))
                       return errorResponse(request, *denied);
                   Outcome<nlohmann::json> parsed = parseObjectBody(request, {});
                   if (failed(parsed))
                       return errorResponse(request, std::get<ApiError>(parsed));
                   return accepted(request,
                                   moves.rollback(principal,
                                                  request.requestId,
                                                  request.pathParameter("id")));
               }));
}

} // namespace Tenantry::Server
