// /v1/subscriptions: list, create, read, change plan, cancel, resume, extend trial; and the
// read-only /v1/invoices.

#include "server/api/routes.h"
#include "server/services/subscriptionservice.h"

namespace Tenantry::Server {

namespace {

Outcome<SubscriptionFilter> subscriptionFilter(const HttpRequest &request)
{
    SubscriptionFilter filter;
    filter.tenantId = request.queryValue("tenant_id");
    filter.planId = request.queryValue("plan");
    if (auto status = request.queryValue("status")) {
        filter.status = subscriptionStatusFromString(*status);
        if (!filter.status)
            return ApiError::badRequest("parameter_invalid",
                                        "status must be one of incomplete, incomplete_expired, "
                                        "trialing, active, past_due, canceled, unpaid, paused",
                                        "status");
    }
    for (auto [name, target] : {std::pair{"renews_before", &filter.renewsBefore},
                                std::pair{"updated_since", &filter.updatedSince}}) {
        Outcome<std::optional<Timestamp>> value = timestampQuery(request, name);
        if (failed(value))
            return std::get<ApiError>(value);
        *target = std::get<0>(value);
    }
    return filter;
}

Outcome<InvoiceFilter> invoiceFilter(const HttpRequest &request)
{
    InvoiceFilter filter;
    filter.tenantId = request.queryValue("tenant_id");
    filter.subscriptionId = request.queryValue("subscription_id");
    if (auto status = request.queryValue("status")) {
        filter.status = invoiceStatusFromString(*status);
        if (!filter.status)
            return ApiError::badRequest("parameter_invalid",
                                        "status must be draft, open, paid, uncollectible or void",
                                        "status");
    }
    return filter;
}

// The request's Idempotency-Key (the guard requires one on every POST), from which the billing
// provider's keys derive.
std::string idempotencyKey(const HttpRequest &request)
{
    return request.header("idempotency-key").value_or("");
}

// The subscription, or the error; a 412 carries the subscription as it is now.
HttpResponse subscriptionResponse(const HttpRequest &request,
                                  const Outcome<Subscription> &outcome,
                                  const SubscriptionService &service,
                                  int status = 200)
{
    if (failed(outcome)) {
        const ApiError &error = std::get<ApiError>(outcome);
        if (error.status != 412)
            return errorResponse(request, error);
        Outcome<Subscription> current = service.get(request.pathParameter("id"), request.requestId);
        if (failed(current))
            return errorResponse(request, error);
        const Subscription &subscription = std::get<Subscription>(current);
        return preconditionFailedResponse(request,
                                          error,
                                          subscriptionJson(subscription),
                                          subscription.version);
    }
    const Subscription &subscription = std::get<Subscription>(outcome);
    HttpResponse response = versionedResponse(status,
                                              subscriptionJson(subscription),
                                              subscription.version);
    if (status == 201)
        response.setHeader("Location", "/v1/subscriptions/" + subscription.id);
    return response;
}

// The steps every subscription action shares: permission, optional If-Match, body.
struct ActionInput
{
    std::optional<std::int64_t> expectedVersion;
    nlohmann::json body;
};

Outcome<ActionInput> actionInput(const HttpRequest &request,
                                 const Principal &principal,
                                 const std::set<std::string> &fields)
{
    if (auto denied = requirePermission(principal, Permission::SubscriptionsWrite))
        return *denied;
    Outcome<std::optional<std::int64_t>> version = optionalIfMatchVersion(request);
    if (failed(version))
        return std::get<ApiError>(version);
    Outcome<nlohmann::json> body = parseObjectBody(request, fields);
    if (failed(body))
        return std::get<ApiError>(body);
    return ActionInput{std::get<0>(version), std::get<nlohmann::json>(std::move(body))};
}

} // namespace

void registerSubscriptionRoutes(Router &router, ApiContext &context, const RequestGuard &guard)
{
    auto service = std::make_shared<SubscriptionService>(context);

    router.add(HttpMethod::Get,
               "/v1/subscriptions",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::SubscriptionsRead))
                       return errorResponse(request, *denied);
                   Outcome<SubscriptionFilter> filter = subscriptionFilter(request);
                   if (failed(filter))
                       return errorResponse(request, std::get<ApiError>(filter));
                   Outcome<PageRequest> page = pageRequest(request);
                   if (failed(page))
                       return errorResponse(request, std::get<ApiError>(page));
                   Outcome<Page<Subscription>> result = service->list(std::get<0>(filter),
                                                                      std::get<0>(page),
                                                                      request.requestId);
                   if (failed(result))
                       return errorResponse(request, std::get<ApiError>(result));
                   return listResponse(std::get<0>(result),
                                       subscriptionJson,
                                       [](const Subscription &item) { return item.id; });
               }));

    router.add(HttpMethod::Post,
               "/v1/subscriptions",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::SubscriptionsWrite))
                       return errorResponse(request, *denied);
                   Outcome<nlohmann::json> parsed = parseObjectBody(
                       request, {"tenant_id", "plan_id", "quantity", "trial_days"});
                   if (failed(parsed))
                       return errorResponse(request, std::get<ApiError>(parsed));
                   const nlohmann::json &body = std::get<nlohmann::json>(parsed);
                   SubscriptionDraft draft;
                   for (auto [field, target] : {std::pair{"tenant_id", &draft.tenantId},
                                                std::pair{"plan_id", &draft.planId}}) {
                       Outcome<std::string> value = requiredStringField(body, field, 100);
                       if (failed(value))
                           return errorResponse(request, std::get<ApiError>(value));
                       *target = std::get<std::string>(value);
                   }
                   Outcome<std::optional<std::int64_t>> quantity = optionalIntegerField(body,
                                                                                        "quantity");
                   if (failed(quantity))
                       return errorResponse(request, std::get<ApiError>(quantity));
                   draft.quantity = std::get<0>(quantity).value_or(1);
                   Outcome<std::optional<std::int64_t>> trial = optionalIntegerField(body,
                                                                                     "trial_days");
                   if (failed(trial))
                       return errorResponse(request, std::get<ApiError>(trial));
                   draft.trialDays = std::get<0>(trial);
                   return subscriptionResponse(request,
                                               service->create(principal,
                                                               request.requestId,
                                                               draft,
                                                               idempotencyKey(request)),
                                               *service,
                                               201);
               }));

    router.add(HttpMethod::Get,
               "/v1/subscriptions/{id}",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::SubscriptionsRead))
                       return errorResponse(request, *denied);
                   return subscriptionResponse(request,
                                               service->get(request.pathParameter("id"),
                                                            request.requestId),
                                               *service);
               }));

    router.add(
        HttpMethod::Post,
        "/v1/subscriptions/{id}/change-plan",
        guard.protect([service](HttpRequest &request, const Principal &principal) {
            Outcome<ActionInput> input = actionInput(request, principal, {"plan_id", "quantity"});
            if (failed(input))
                return errorResponse(request, std::get<ApiError>(input));
            const ActionInput &action = std::get<ActionInput>(input);
            PlanChange change;
            Outcome<std::optional<std::string>> plan = optionalStringField(action.body,
                                                                           "plan_id",
                                                                           100);
            if (failed(plan))
                return errorResponse(request, std::get<ApiError>(plan));
            change.planId = std::get<0>(plan);
            Outcome<std::optional<std::int64_t>> quantity = optionalIntegerField(action.body,
                                                                                 "quantity");
            if (failed(quantity))
                return errorResponse(request, std::get<ApiError>(quantity));
            change.quantity = std::get<0>(quantity);
            return subscriptionResponse(request,
                                        service->changePlan(principal,
                                                            request.requestId,
                                                            request.pathParameter("id"),
                                                            action.expectedVersion,
                                                            change,
                                                            idempotencyKey(request)),
                                        *service);
        }));

    router.add(HttpMethod::Post,
               "/v1/subscriptions/{id}/cancel",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   Outcome<ActionInput> input = actionInput(request, principal, {"at_period_end"});
                   if (failed(input))
                       return errorResponse(request, std::get<ApiError>(input));
                   const ActionInput &action = std::get<ActionInput>(input);
                   Outcome<std::optional<bool>> atPeriodEnd = optionalBoolField(action.body,
                                                                                "at_period_end");
                   if (failed(atPeriodEnd))
                       return errorResponse(request, std::get<ApiError>(atPeriodEnd));
                   return subscriptionResponse(request,
                                               service
                                                   ->cancel(principal,
                                                            request.requestId,
                                                            request.pathParameter("id"),
                                                            action.expectedVersion,
                                                            std::get<0>(atPeriodEnd).value_or(true),
                                                            idempotencyKey(request)),
                                               *service);
               }));

    router.add(HttpMethod::Post,
               "/v1/subscriptions/{id}/resume",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   Outcome<ActionInput> input = actionInput(request, principal, {});
                   if (failed(input))
                       return errorResponse(request, std::get<ApiError>(input));
                   return subscriptionResponse(
                       request,
                       service->resume(principal,
                                       request.requestId,
                                       request.pathParameter("id"),
                                       std::get<ActionInput>(input).expectedVersion,
                                       idempotencyKey(request)),
                       *service);
               }));

    router.add(HttpMethod::Post,
               "/v1/subscriptions/{id}/extend-trial",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   Outcome<ActionInput> input = actionInput(request, principal, {"days"});
                   if (failed(input))
                       return errorResponse(request, std::get<ApiError>(input));
                   const ActionInput &action = std::get<ActionInput>(input);
                   Outcome<std::optional<std::int64_t>> days = optionalIntegerField(action.body,
                                                                                    "days");
                   if (failed(days))
                       return errorResponse(request, std::get<ApiError>(days));
                   if (!std::get<0>(days))
                       return errorResponse(request,
                                            ApiError::unprocessable("parameter_missing",
                                                                    "days is required",
                                                                    "days"));
                   return subscriptionResponse(request,
                                               service->extendTrial(principal,
                                                                    request.requestId,
                                                                    request.pathParameter("id"),
                                                                    action.expectedVersion,
                                                                    *std::get<0>(days),
                                                                    idempotencyKey(request)),
                                               *service);
               }));

    router.add(HttpMethod::Get,
               "/v1/invoices",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::SubscriptionsRead))
                       return errorResponse(request, *denied);
                   Outcome<InvoiceFilter> filter = invoiceFilter(request);
                   if (failed(filter))
                       return errorResponse(request, std::get<ApiError>(filter));
                   Outcome<PageRequest> page = pageRequest(request);
                   if (failed(page))
                       return errorResponse(request, std::get<ApiError>(page));
                   Outcome<Page<Invoice>> result = service->invoices(std::get<0>(filter),
                                                                     std::get<0>(page),
                                                                     request.requestId);
                   if (failed(result))
                       return errorResponse(request, std::get<ApiError>(result));
                   return listResponse(std::get<0>(result), invoiceJson, [](const Invoice &item) {
                       return item.id;
                   });
               }));
}

} // namespace Tenantry::Server
