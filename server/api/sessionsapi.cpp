// /v1/sessions (sign in, sign out) and /v1/me.

#include "server/api/routes.h"
#include "server/services/userservice.h"

namespace Tenantry::Server {

void registerSessionRoutes(Router &router, ApiContext &context, const RequestGuard &guard)
{
    auto service = std::make_shared<UserService>(context);

    // No bearer token and no Idempotency-Key: signing in twice makes two sessions, which is
    // harmless. The per-address rate limit and the login throttle stand in front of it.
    router.add(HttpMethod::Post, "/v1/sessions", [service](HttpRequest &request) {
        Outcome<nlohmann::json> parsed = parseObjectBody(request, {"email", "password"});
        if (failed(parsed))
            return errorResponse(request, std::get<ApiError>(parsed));
        const nlohmann::json &body = std::get<nlohmann::json>(parsed);
        Outcome<std::string> email = requiredStringField(body, "email", 254);
        if (failed(email))
            return errorResponse(request, std::get<ApiError>(email));
        Outcome<std::string> password = requiredStringField(body, "password", 1024);
        if (failed(password))
            return errorResponse(request, std::get<ApiError>(password));
        std::chrono::seconds retryAfter{0};
        Outcome<UserService::SignIn> signIn = service->signIn(std::get<std::string>(email),
                                                              std::get<std::string>(password),
                                                              request.requestId,
                                                              retryAfter);
        if (failed(signIn)) {
            HttpResponse response = errorResponse(request, std::get<ApiError>(signIn));
            if (retryAfter.count() > 0)
                response.setHeader("Retry-After", std::to_string(retryAfter.count()));
            return response;
        }
        const UserService::SignIn &result = std::get<UserService::SignIn>(signIn);
        return HttpResponse::json(201,
                                  {{"object", "session"},
                                   {"token", result.token},
                                   {"expires_at", formatRfc3339(result.session.expiresAt)},
                                   {"user", userJson(result.user)}});
    });

    router.add(HttpMethod::Delete,
               "/v1/sessions/current",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   Outcome<bool> done = service->signOut(principal, request.requestId);
                   if (failed(done))
                       return errorResponse(request, std::get<ApiError>(done));
                   return HttpResponse::noContent();
               }));

    router.add(HttpMethod::Get,
               "/v1/me",
               guard.protect([](HttpRequest &, const Principal &principal) {
                   nlohmann::json body = userJson(principal.user);
                   nlohmann::json permissions = nlohmann::json::array();
                   for (const Permission permission : permissionsOf(principal.user.role))
                       permissions.push_back(std::string(toString(permission)));
                   body["permissions"] = std::move(permissions);
                   return HttpResponse::json(200, body);
               }));
}

} // namespace Tenantry::Server
