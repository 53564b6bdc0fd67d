#include "server/http/apierror.h"

#include <nlohmann/json.hpp>

#include <utility>

namespace Tenantry::Server {

namespace {

constexpr const char *invalidRequest = "invalid_request_error";

ApiError make(
    int status, std::string type, std::string code, std::string message, std::string param = {})
{
    ApiError error;
    error.status = status;
    error.type = std::move(type);
    error.code = std::move(code);
    error.message = std::move(message);
    error.param = std::move(param);
    return error;
}

} // namespace

ApiError ApiError::badRequest(std::string code, std::string message, std::string param)
{
    return make(400, invalidRequest, std::move(code), std::move(message), std::move(param));
}

ApiError ApiError::unprocessable(std::string code, std::string message, std::string param)
{
    return make(422, invalidRequest, std::move(code), std::move(message), std::move(param));
}

ApiError ApiError::unauthorized(std::string message)
{
    return make(401, "authentication_error", "unauthenticated", std::move(message));
}

ApiError ApiError::forbidden(std::string message)
{
    return make(403, "permission_error", "permission_denied", std::move(message));
}

ApiError ApiError::notFound(std::string message, std::string param)
{
    return make(404, invalidRequest, "resource_missing", std::move(message), std::move(param));
}

ApiError ApiError::methodNotAllowed(std::string message)
{
    return make(405, invalidRequest, "method_not_allowed", std::move(message));
}

ApiError ApiError::conflict(std::string code, std::string message, std::string param)
{
    return make(409, invalidRequest, std::move(code), std::move(message), std::move(param));
}

ApiError ApiError::idempotencyConflict(std::string message, std::string code)
{
    return make(409, "idempotency_error", std::move(code), std::move(message));
}

ApiError ApiError::preconditionFailed(std::string message)
{
    return make(412, invalidRequest, "version_mismatch", std::move(message));
}

ApiError ApiError::preconditionRequired(std::string message)
{
    return make(428, invalidRequest, "if_match_required", std::move(message));
}

ApiError ApiError::payloadTooLarge(std::string message)
{
    return make(413, invalidRequest, "body_too_large", std::move(message));
}

ApiError ApiError::unsupportedMediaType(std::string message)
{
    return make(415, invalidRequest, "unsupported_media_type", std::move(message));
}

ApiError ApiError::rateLimited(std::string message)
{
    return make(429, "rate_limit_error", "rate_limited", std::move(message));
}

ApiError ApiError::internal()
{
    return make(500,
                "api_error",
                "internal_error",
                "Something went wrong on our side. Try again later; if it persists, contact "
                "support with the request id.");
}

ApiError ApiError::unavailable(std::string message)
{
    return make(503, "api_error", "unavailable", std::move(message));
}

HttpResponse ApiError::toResponse(const std::string &requestId) const
{
    const nlohmann::json error = {
        {"type", type},
        {"code", code},
        {"message", message},
        {"param", param.empty() ? nlohmann::json(nullptr) : nlohmann::json(param)},
        {"request_id", requestId},
    };
    return HttpResponse::json(status, nlohmann::json{{"error", error}});
}

} // namespace Tenantry::Server
