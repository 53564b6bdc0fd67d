// /v1/billing: which billing provider runs, and the simulator's test clock and payment outcomes
// (staff and tests drive renewals and failures with them).

#include "server/api/routes.h"
#include "server/services/billingservice.h"

namespace Tenantry::Server {

void registerBillingRoutes(Router &router, ApiContext &context, const RequestGuard &guard)
{
    auto service = std::make_shared<BillingService>(context);

    router.add(HttpMethod::Get,
               "/v1/billing",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::BillingRead))
                       return errorResponse(request, *denied);
                   return HttpResponse::json(200, service->billingJson());
               }));

    router.add(HttpMethod::Post,
               "/v1/billing/test-clock/advance",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::BillingWrite))
                       return errorResponse(request, *denied);
                   Outcome<nlohmann::json> parsed = parseObjectBody(request, {"to", "seconds"});
                   if (failed(parsed))
                       return errorResponse(request, std::get<ApiError>(parsed));
                   const nlohmann::json &body = std::get<nlohmann::json>(parsed);
                   Outcome<std::optional<Timestamp>> to = optionalTimestampField(body, "to");
                   if (failed(to))
                       return errorResponse(request, std::get<ApiError>(to));
                   Outcome<std::optional<std::int64_t>> seconds = optionalIntegerField(body,
                                                                                       "seconds");
                   if (failed(seconds))
                       return errorResponse(request, std::get<ApiError>(seconds));
                   Outcome<nlohmann::json> advanced = service->advance(principal,
                                                                       std::get<0>(to),
                                                                       std::get<0>(seconds),
                                                                       request.requestId);
                   if (failed(advanced))
                       return errorResponse(request, std::get<ApiError>(advanced));
                   return HttpResponse::json(200, std::get<nlohmann::json>(advanced));
               }));

    router.add(HttpMethod::Post,
               "/v1/billing/customers/{tenant_id}/payment-outcome",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::BillingWrite))
                       return errorResponse(request, *denied);
                   Outcome<nlohmann::json> parsed = parseObjectBody(request, {"outcome"});
                   if (failed(parsed))
                       return errorResponse(request, std::get<ApiError>(parsed));
                   Outcome<std::string> outcome = requiredStringField(std::get<nlohmann::json>(
                                                                          parsed),
                                                                      "outcome",
                                                                      20);
                   if (failed(outcome))
                       return errorResponse(request, std::get<ApiError>(outcome));
                   const std::string &value = std::get<std::string>(outcome);
                   if (value != "succeeds" && value != "fails")
                       return errorResponse(request,
                                            ApiError::unprocessable("parameter_invalid",
                                                                    "outcome must be succeeds or "
                                                                    "fails",
                                                                    "outcome"));
                   Outcome<nlohmann::json> set = service->setPaymentOutcome(principal,
                                                                            request.pathParameter(
                                                                                "tenant_id"),
                                                                            value == "succeeds",
                                                                            request.requestId);
                   if (failed(set))
                       return errorResponse(request, std::get<ApiError>(set));
                   return HttpResponse::json(200, std::get<nlohmann::json>(set));
               }));
}

} // namespace Tenantry::Server
