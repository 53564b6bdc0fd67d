#pragma once

#include "server/http/httpresponse.h"

#include <string>

namespace Tenantry::Server {

// Every failure the API reports, as one JSON shape with the right status:
//   {"error":{"type","code","message","param","request_id"}}
// `type` is one of Stripe's: invalid_request_error, authentication_error, permission_error,
// idempotency_error, rate_limit_error, api_error. `code` is specific and stable
// ("resource_missing", "parameter_invalid", "version_mismatch", ...). `message` is for people
// and never carries internal detail (SQL, exception text, paths).
struct ApiError
{
    int status = 500;
    std::string type;
    std::string code;
    std::string message;
    std::string param; // the offending parameter or body field, or empty

    static ApiError badRequest(std::string code, std::string message, std::string param = {});
    static ApiError unprocessable(std::string code, std::string message, std::string param = {});
    static ApiError unauthorized(std::string message = "Sign in first: this request needs a "
                                                       "valid bearer token");
    static ApiError forbidden(std::string message);
    static ApiError notFound(std::string message, std::string param = {});
    static ApiError methodNotAllowed(std::string message); // 405; the caller adds Allow
    static ApiError conflict(std::string code, std::string message, std::string param = {});
    // `code`: "idempotency_key_reused" (same key, other body) or "idempotency_key_in_use".
    static ApiError idempotencyConflict(std::string message,
                                        std::string code = "idempotency_key_reused");
    static ApiError preconditionFailed(std::string message);
    static ApiError preconditionRequired(std::string message); // 428 "if_match_required"
    static ApiError payloadTooLarge(std::string message);
    static ApiError unsupportedMediaType(std::string message);
    static ApiError rateLimited(std::string message);
    static ApiError internal(); // a fixed message: details go to the server log only
    static ApiError unavailable(std::string message);

    // The JSON error object with this status and Content-Type: application/json; an empty
    // `param` is sent as null.
    HttpResponse toResponse(const std::string &requestId) const;
};

} // namespace Tenantry::Server
