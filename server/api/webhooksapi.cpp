// POST /v1/webhooks/stripe (called by Stripe: signed, no bearer token, no Idempotency-Key) and
// the staff view of the inbox: GET /v1/webhook-events, POST /v1/webhook-events/{id}/replay.

#include "server/api/routes.h"
#include "server/services/webhookservice.h"

namespace Tenantry::Server {

void registerWebhookRoutes(Router &router, const RequestGuard &guard, const WebhookService &service)
{
    // Rate limited per address by ServerApplication::handle, like every route but the probes.
    // Answered once the event is committed, by the intake's group commit: no server thread
    // waits for it.
    router.add(HttpMethod::Post, "/v1/webhooks/stripe", [&service](HttpRequest &request) {
        service.receive(request.header("stripe-signature").value_or(""),
                        std::move(request.body),
                        request.requestId,
                        [answer = request.answerLater(), requestId = request.requestId](
                            Outcome<WebhookService::Received> received) {
                            if (failed(received))
                                return answer(
                                    errorResponse(requestId, std::get<ApiError>(received)));
                            nlohmann::json body = {{"received", true}};
                            if (std::get<WebhookService::Received>(received).duplicate)
                                body["duplicate"] = true;
                            answer(HttpResponse::json(200, body));
                        });
        return HttpResponse{}; // not sent: `answer` is
    });

    router.add(HttpMethod::Get,
               "/v1/webhook-events",
               guard.protect([&service](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::BillingRead))
                       return errorResponse(request, *denied);
                   WebhookEventFilter filter;
                   if (const auto status = request.queryValue("status")) {
                       filter.status = webhookEventStatusFromString(*status);
                       if (!filter.status)
                           return errorResponse(
                               request,
                               ApiError::badRequest("parameter_invalid",
                                                    "status must be pending, processed, ignored "
                                                    "or dead",
                                                    "status"));
                   }
                   filter.type = request.queryValue("type");
                   Outcome<PageRequest> page = pageRequest(request);
                   if (failed(page))
                       return errorResponse(request, std::get<ApiError>(page));
                   Outcome<Page<WebhookEventRecord>> events = service.list(filter,
                                                                           std::get<0>(page),
                                                                           request.requestId);
                   if (failed(events))
                       return errorResponse(request, std::get<ApiError>(events));
                   return listResponse(std::get<0>(events),
                                       webhookEventJson,
                                       [](const WebhookEventRecord &event) { return event.id; });
               }));

    router.add(HttpMethod::Post,
               "/v1/webhook-events/{id}/replay",
               guard.protect([&service](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::BillingWrite))
                       return errorResponse(request, *denied);
                   Outcome<nlohmann::json> body = parseObjectBody(request, {});
                   if (failed(body))
                       return errorResponse(request, std::get<ApiError>(body));
                   Outcome<WebhookEventRecord> replayed = service.replay(principal,
                                                                         request.requestId,
                                                                         request.pathParameter(
                                                                             "id"));
                   if (failed(replayed))
                       return errorResponse(request, std::get<ApiError>(replayed));
                   return HttpResponse::json(200,
                                             webhookEventJson(
                                                 std::get<WebhookEventRecord>(replayed)));
               }));
}

} // namespace Tenantry::Server
