// /v1/plans and /v1/features: the catalog.

#include "core/json/codecs.h"
#include "server/api/routes.h"
#include "server/services/catalogservice.h"

namespace Tenantry::Server {

namespace {

HttpResponse planResponse(const HttpRequest &request,
                          Outcome<Plan> outcome,
                          const CatalogService &service,
                          int status = 200)
{
    if (failed(outcome)) {
        const ApiError &error = std::get<ApiError>(outcome);
        HttpResponse response = errorResponse(request, error);
        if (error.status == 412) {
            Outcome<Plan> current = service.plan(request.pathParameter("id"), request.requestId);
            if (!failed(current)) {
                nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
                if (body.is_object()) {
                    body["error"]["current"] = planJson(std::get<Plan>(current));
                    response.body = body.dump();
                }
                response.setHeader("ETag", etag(std::get<Plan>(current).version));
            }
        }
        return response;
    }
    const Plan &plan = std::get<Plan>(outcome);
    return versionedResponse(status, planJson(plan), plan.version);
}

Outcome<std::optional<std::vector<std::string>>> featureList(const nlohmann::json &body)
{
    const auto it = body.find("features");
    if (it == body.end())
        return std::optional<std::vector<std::string>>();
    if (!it->is_array())
        return ApiError::unprocessable("parameter_invalid",
                                       "features must be an array of keys",
                                       "features");
    std::vector<std::string> keys;
    for (const nlohmann::json &key : *it) {
        if (!key.is_string())
            return ApiError::unprocessable("parameter_invalid",
                                           "features must be an array of keys",
                                           "features");
        keys.push_back(key.get<std::string>());
    }
    return std::optional(std::move(keys));
}

Outcome<std::optional<std::int64_t>> integerField(const nlohmann::json &body,
                                                  const std::string &field)
{
    const auto it = body.find(field);
    if (it == body.end())
        return std::optional<std::int64_t>();
    if (!it->is_number_integer())
        return ApiError::unprocessable("parameter_invalid", field + " must be an integer", field);
    return std::optional(it->get<std::int64_t>());
}

} // namespace

void registerCatalogRoutes(Router &router, ApiContext &context, const RequestGuard &guard)
{
    auto service = std::make_shared<CatalogService>(context);

    router.add(HttpMethod::Get,
               "/v1/plans",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::PlansRead))
                       return errorResponse(request, *denied);
                   Outcome<PageRequest> page = pageRequest(request);
                   if (failed(page))
                       return errorResponse(request, std::get<ApiError>(page));
                   Outcome<Page<Plan>> plans = service->plans(std::get<PageRequest>(page),
                                                              request.requestId);
                   if (failed(plans))
                       return errorResponse(request, std::get<ApiError>(plans));
                   const Page<Plan> &result = std::get<Page<Plan>>(plans);
                   return listResponse(result, planJson, [](const Plan &item) { return item.id; });
               }));

    router.add(HttpMethod::Get,
               "/v1/plans/{id}",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::PlansRead))
                       return errorResponse(request, *denied);
                   return planResponse(request,
                                       service->plan(request.pathParameter("id"), request.requestId),
                                       *service);
               }));

    router.add(
        HttpMethod::Post,
        "/v1/plans",
        guard.protect([service](HttpRequest &request, const Principal &principal) {
            if (auto denied = requirePermission(principal, Permission::PlansWrite))
                return errorResponse(request, *denied);
            Outcome<nlohmann::json> parsed = parseObjectBody(
                request, {"key", "name", "price", "interval", "trial_days", "features"});
            if (failed(parsed))
                return errorResponse(request, std::get<ApiError>(parsed));
            const nlohmann::json &body = std::get<nlohmann::json>(parsed);
            Outcome<std::string> key = requiredStringField(body, "key", 64);
            if (failed(key))
                return errorResponse(request, std::get<ApiError>(key));
            Outcome<std::string> name = requiredStringField(body, "name", 200);
            if (failed(name))
                return errorResponse(request, std::get<ApiError>(name));
            if (!body.contains("price"))
                return errorResponse(request,
                                     ApiError::unprocessable("parameter_missing",
                                                             "price is required",
                                                             "price"));
            Result<Money> price = decodeMoney(body.at("price"), "/price");
            if (!price)
                return errorResponse(request,
                                     ApiError::unprocessable("parameter_invalid",
                                                             price.error().toString(),
                                                             "price"));
            Outcome<std::string> interval = requiredStringField(body, "interval", 8);
            if (failed(interval))
                return errorResponse(request, std::get<ApiError>(interval));
            const std::optional<BillingInterval> parsedInterval = billingIntervalFromString(
                std::get<std::string>(interval));
            if (!parsedInterval)
                return errorResponse(request,
                                     ApiError::unprocessable("parameter_invalid",
                                                             "interval must be month or year",
                                                             "interval"));
            Outcome<std::optional<std::int64_t>> trialDays = integerField(body, "trial_days");
            if (failed(trialDays))
                return errorResponse(request, std::get<ApiError>(trialDays));
            Outcome<std::optional<std::vector<std::string>>> features = featureList(body);
            if (failed(features))
                return errorResponse(request, std::get<ApiError>(features));
            Plan plan{{},
                      std::get<std::string>(key),
                      std::get<std::string>(name),
                      *price,
                      *parsedInterval,
                      std::get<0>(features).value_or(std::vector<std::string>{}),
                      true,
                      std::get<0>(trialDays).value_or(0),
                      {},
                      {},
                      1};
            return planResponse(request,
                                service->createPlan(principal, request.requestId, std::move(plan)),
                                *service,
                                201);
        }));

    router.add(HttpMethod::Patch,
               "/v1/plans/{id}",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::PlansWrite))
                       return errorResponse(request, *denied);
                   Outcome<std::int64_t> version = ifMatchVersion(request);
                   if (failed(version))
                       return errorResponse(request, std::get<ApiError>(version));
                   Outcome<nlohmann::json> parsed = parseObjectBody(
                       request, {"name", "active", "trial_days", "features"});
                   if (failed(parsed))
                       return errorResponse(request, std::get<ApiError>(parsed));
                   const nlohmann::json &body = std::get<nlohmann::json>(parsed);
                   PlanChanges changes;
                   Outcome<std::optional<std::string>> name = optionalStringField(body, "name", 200);
                   if (failed(name))
                       return errorResponse(request, std::get<ApiError>(name));
                   changes.name = std::get<0>(name);
                   if (const auto it = body.find("active"); it != body.end()) {
                       if (!it->is_boolean())
                           return errorResponse(request,
                                                ApiError::unprocessable("parameter_invalid",
                                                                        "active must be true or "
                                                                        "false",
                                                                        "active"));
                       changes.active = it->get<bool>();
                   }
                   Outcome<std::optional<std::int64_t>> trialDays = integerField(body, "trial_days");
                   if (failed(trialDays))
                       return errorResponse(request, std::get<ApiError>(trialDays));
                   changes.trialDays = std::get<0>(trialDays);
                   Outcome<std::optional<std::vector<std::string>>> features = featureList(body);
                   if (failed(features))
                       return errorResponse(request, std::get<ApiError>(features));
                   changes.features = std::get<0>(features);
                   return planResponse(request,
                                       service->updatePlan(principal,
                                                           request.requestId,
                                                           request.pathParameter("id"),
                                                           std::get<std::int64_t>(version),
                                                           changes),
                                       *service);
               }));

    router.add(HttpMethod::Get,
               "/v1/features",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::PlansRead))
                       return errorResponse(request, *denied);
                   Outcome<PageRequest> page = pageRequest(request);
                   if (failed(page))
                       return errorResponse(request, std::get<ApiError>(page));
                   Outcome<Page<Feature>> features = service->features(std::get<PageRequest>(page),
                                                                       request.requestId);
                   if (failed(features))
                       return errorResponse(request, std::get<ApiError>(features));
                   const Page<Feature> &result = std::get<Page<Feature>>(features);
                   return listResponse(result, featureJson, [](const Feature &item) {
                       return item.key;
                   });
               }));
}

} // namespace Tenantry::Server
