// /v1/metrics/events and /v1/metrics/spend: the raw data of the finance dashboard, as feeds
// for incremental sync (oldest first, updated_since, up to 1000 a page); and spend writes.

#include "core/json/codecs.h"
#include "server/api/routes.h"
#include "server/services/financeservice.h"

namespace Tenantry::Server {

namespace {

constexpr int kFeedPageLimit = 1000;

Outcome<FeedFilter> feedFilter(const HttpRequest &request, bool byTenant)
{
    FeedFilter filter;
    if (byTenant)
        filter.tenantId = request.queryValue("tenant_id");
    Outcome<std::optional<Timestamp>> since = timestampQuery(request, "updated_since");
    if (failed(since))
        return std::get<ApiError>(since);
    filter.updatedSince = std::get<0>(since);
    return filter;
}

} // namespace

void registerMetricsRoutes(Router &router, ApiContext &context, const RequestGuard &guard)
{
    auto service = std::make_shared<FinanceService>(context);

    router.add(HttpMethod::Get,
               "/v1/metrics/events",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::MetricsRead))
                       return errorResponse(request, *denied);
                   Outcome<FeedFilter> filter = feedFilter(request, true);
                   if (failed(filter))
                       return errorResponse(request, std::get<ApiError>(filter));
                   Outcome<PageRequest> page = pageRequest(request, kFeedPageLimit);
                   if (failed(page))
                       return errorResponse(request, std::get<ApiError>(page));
                   Outcome<Page<MrrEventRecord>> events = service->events(std::get<0>(filter),
                                                                          std::get<0>(page),
                                                                          request.requestId);
                   if (failed(events))
                       return errorResponse(request, std::get<ApiError>(events));
                   return listResponse(std::get<0>(events),
                                       mrrEventJson,
                                       [](const MrrEventRecord &item) { return item.id; });
               }));

    router.add(HttpMethod::Get,
               "/v1/metrics/spend",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::SpendRead))
                       return errorResponse(request, *denied);
                   Outcome<FeedFilter> filter = feedFilter(request, false);
                   if (failed(filter))
                       return errorResponse(request, std::get<ApiError>(filter));
                   Outcome<PageRequest> page = pageRequest(request, kFeedPageLimit);
                   if (failed(page))
                       return errorResponse(request, std::get<ApiError>(page));
                   Outcome<Page<SpendRecord>> spend = service->spend(std::get<0>(filter),
                                                                     std::get<0>(page),
                                                                     request.requestId);
                   if (failed(spend))
                       return errorResponse(request, std::get<ApiError>(spend));
                   return listResponse(std::get<0>(spend), spendJson, [](const SpendRecord &item) {
                       return item.id;
                   });
               }));

    router.add(
        HttpMethod::Post,
        "/v1/metrics/spend",
        guard.protect(
            [service](HttpRequest &request, const Principal &principal) {
                if (auto denied = requirePermission(principal, Permission::SpendWrite))
                    return errorResponse(request, *denied);
                Outcome<nlohmann::json> parsed = parseObjectBody(request,
                                                                 {"month", "amount", "currency"});
                if (failed(parsed))
                    return errorResponse(request, std::get<ApiError>(parsed));
                // core's codec checks the month, the money object and the currency.
                Result<AcquisitionSpend> spend = decodeAcquisitionSpend(
                    std::get<nlohmann::json>(parsed));
                if (!spend) {
                    const Error &error = spend.error();
                    std::string param = error.path;
                    if (!param.empty() && param.front() == '/')
                        param.erase(0, 1);
                    return errorResponse(request,
                                         ApiError::unprocessable(error.code == "missing_field"
                                                                     ? "parameter_missing"
                                                                     : "parameter_invalid",
                                                                 error.message,
                                                                 param));
                }
                auto result = service->setSpend(principal, request.requestId, *spend);
                if (failed(result))
                    return errorResponse(request, std::get<ApiError>(result));
                const auto &[record, created] = std::get<0>(result);
                return versionedResponse(created ? 201 : 200, spendJson(record), record.version);
            },
            RequestGuard::Lane::Write));
}

} // namespace Tenantry::Server
