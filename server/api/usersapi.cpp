// /v1/users: the control plane's own staff accounts.

#include "server/api/routes.h"
#include "server/services/userservice.h"

namespace Tenantry::Server {

void registerUserRoutes(Router &router, ApiContext &context, const RequestGuard &guard)
{
    auto service = std::make_shared<UserService>(context);

    router.add(
        HttpMethod::Get,
        "/v1/users",
        guard.protect([&context](HttpRequest &request, const Principal &principal) {
            if (auto denied = requirePermission(principal, Permission::UsersRead))
                return errorResponse(request, *denied);
            Outcome<PageRequest> page = pageRequest(request);
            if (failed(page))
                return errorResponse(request, std::get<ApiError>(page));
            Result<std::unique_ptr<StoreTransaction>> transaction = context.store().begin(
                Store::Mode::Read);
            if (!transaction)
                return errorResponse(request,
                                     context.storageFailure(transaction.error(), request.requestId));
            Result<Page<UserRecord>> users = (*transaction)->listUsers(std::get<PageRequest>(page));
            if (!users) {
                if (users.error().code == "cursor_not_found")
                    return errorResponse(request,
                                         ApiError::badRequest("parameter_invalid",
                                                              users.error().message,
                                                              "starting_after"));
                return errorResponse(request,
                                     context.storageFailure(users.error(), request.requestId));
            }
            return listResponse(*users, userJson, [](const UserRecord &item) { return item.id; });
        }));

    router.add(
        HttpMethod::Post,
        "/v1/users",
        guard.protect([service](HttpRequest &request, const Principal &principal) {
            if (auto denied = requirePermission(principal, Permission::UsersWrite))
                return errorResponse(request, *denied);
            Outcome<nlohmann::json> parsed = parseObjectBody(request,
                                                             {"email", "password", "role", "name"});
            if (failed(parsed))
                return errorResponse(request, std::get<ApiError>(parsed));
            const nlohmann::json &body = std::get<nlohmann::json>(parsed);
            UserDraft draft;
            Outcome<std::string> email = requiredStringField(body, "email", 254);
            if (failed(email))
                return errorResponse(request, std::get<ApiError>(email));
            Outcome<std::string> password = requiredStringField(body, "password", 1024);
            if (failed(password))
                return errorResponse(request, std::get<ApiError>(password));
            Outcome<std::string> role = requiredStringField(body, "role", 16);
            if (failed(role))
                return errorResponse(request, std::get<ApiError>(role));
            Outcome<std::optional<std::string>> name = optionalStringField(body, "name", 200);
            if (failed(name))
                return errorResponse(request, std::get<ApiError>(name));
            const std::optional<Role> parsedRole = roleFromString(std::get<std::string>(role));
            if (!parsedRole)
                return errorResponse(request,
                                     ApiError::unprocessable("parameter_invalid",
                                                             "role must be owner, admin, "
                                                             "support, finance or viewer",
                                                             "role"));
            draft.email = std::get<std::string>(email);
            draft.password = std::get<std::string>(password);
            draft.role = *parsedRole;
            draft.name = std::get<0>(name).value_or("");
            Outcome<UserRecord> user = service->create(principal,
                                                       request.requestId,
                                                       std::move(draft));
            if (failed(user))
                return errorResponse(request, std::get<ApiError>(user));
            return HttpResponse::json(201, userJson(std::get<UserRecord>(user)));
        }));
}

} // namespace Tenantry::Server
