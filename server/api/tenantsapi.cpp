// /v1/tenants: list and search, create, read, update, soft delete, suspend, reactivate, notes.

#include "server/api/routes.h"
#include "server/services/tenantservice.h"

namespace Tenantry::Server {

namespace {

const std::set<std::string> kCreateFields = {
    "name", "slug", "region", "isolation", "contact_email", "plan_id", "notes"};
const std::set<std::string> kUpdateFields = {
    "name", "slug", "region", "isolation", "contact_email", "notes"};

Outcome<std::optional<Isolation>> isolationField(const nlohmann::json &body)
{
    Outcome<std::optional<std::string>> text = optionalStringField(body, "isolation", 16);
    if (failed(text))
        return std::get<ApiError>(text);
    const std::optional<std::string> &value = std::get<0>(text);
    if (!value)
        return std::optional<Isolation>();
    // A tenant's placement is pool or silo; "hybrid" names a deployment where both exist, not a
    // placement (docs/tenancy.md).
    const std::optional<Isolation> isolation = isolationFromString(*value);
    if (!isolation || *isolation == Isolation::Hybrid)
        return ApiError::unprocessable("parameter_invalid",
                                       "isolation must be pool or silo",
                                       "isolation");
    return isolation;
}

// A nullable string field of a PATCH: absent (no change), null (clear) or a value.
Outcome<std::optional<std::optional<std::string>>> nullableField(const nlohmann::json &body,
                                                                 const std::string &field,
                                                                 std::size_t maxLength)
{
    if (!body.contains(field))
        return std::optional<std::optional<std::string>>();
    if (body.at(field).is_null())
        return std::optional<std::optional<std::string>>(std::optional<std::string>());
    Outcome<std::optional<std::string>> value = optionalStringField(body, field, maxLength);
    if (failed(value))
        return std::get<ApiError>(value);
    return std::optional<std::optional<std::string>>(std::get<0>(value));
}

Outcome<TenantFilter> tenantFilter(const HttpRequest &request)
{
    TenantFilter filter;
    if (auto q = request.queryValue("q"); q && !q->empty())
        filter.query = *q;
    if (auto status = request.queryValue("status")) {
        filter.status = tenantStatusFromString(*status);
        if (!filter.status)
            return ApiError::badRequest("parameter_invalid",
                                        "status must be active, suspended or deleted",
                                        "status");
    }
    if (auto isolation = request.queryValue("isolation")) {
        filter.isolation = isolationFromString(*isolation);
        if (!filter.isolation || *filter.isolation == Isolation::Hybrid)
            return ApiError::badRequest("parameter_invalid",
                                        "isolation must be pool or silo",
                                        "isolation");
    }
    if (auto plan = request.queryValue("plan"))
        filter.planId = *plan;
    if (auto region = request.queryValue("region"))
        filter.region = *region;
    Outcome<std::optional<Timestamp>> since = timestampQuery(request, "updated_since");
    if (failed(since))
        return std::get<ApiError>(since);
    filter.updatedSince = std::get<0>(since);
    return filter;
}

// 412 with the current representation, so the client can show what changed.
HttpResponse versionMismatch(const HttpRequest &request,
                             const ApiError &error,
                             const TenantService &service)
{
    Outcome<Tenant> current = service.get(request.pathParameter("id"), request.requestId);
    if (failed(current))
        return preconditionFailedResponse(request, error, std::nullopt, 0);
    const Tenant &tenant = std::get<Tenant>(current);
    return preconditionFailedResponse(request, error, tenantJson(tenant), tenant.version);
}

HttpResponse tenantResponse(const HttpRequest &request,
                            Outcome<Tenant> outcome,
                            const TenantService &service,
                            int status = 200)
{
    if (failed(outcome)) {
        const ApiError &error = std::get<ApiError>(outcome);
        if (error.status == 412)
            return versionMismatch(request, error, service);
        return errorResponse(request, error);
    }
    const Tenant &tenant = std::get<Tenant>(outcome);
    return versionedResponse(status, tenantJsonText(tenant), tenant.version);
}

} // namespace

void registerTenantRoutes(Router &router, ApiContext &context, const RequestGuard &guard)
{
    auto service = std::make_shared<TenantService>(context);

    router.add(HttpMethod::Get,
               "/v1/tenants",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::TenantsRead))
                       return errorResponse(request, *denied);
                   Outcome<TenantFilter> filter = tenantFilter(request);
                   if (failed(filter))
                       return errorResponse(request, std::get<ApiError>(filter));
                   Outcome<PageRequest> page = pageRequest(request);
                   if (failed(page))
                       return errorResponse(request, std::get<ApiError>(page));
                   Outcome<Page<Tenant>> tenants = service->list(std::get<TenantFilter>(filter),
                                                                 std::get<PageRequest>(page),
                                                                 request.requestId);
                   if (failed(tenants))
                       return errorResponse(request, std::get<ApiError>(tenants));
                   const Page<Tenant> &result = std::get<Page<Tenant>>(tenants);
                   return listResponse(result, tenantJson, [](const Tenant &item) {
                       return item.id;
                   });
               }));

    router.add(HttpMethod::Post,
               "/v1/tenants",
               guard.protect(
                   [service](HttpRequest &request, const Principal &principal) {
                       if (auto denied = requirePermission(principal, Permission::TenantsWrite))
                           return errorResponse(request, *denied);
                       Outcome<nlohmann::json> parsed = parseObjectBody(request, kCreateFields);
                       if (failed(parsed))
                           return errorResponse(request, std::get<ApiError>(parsed));
                       const nlohmann::json &body = std::get<nlohmann::json>(parsed);
                       TenantDraft draft;
                       Outcome<std::string> name = requiredStringField(body, "name", 200);
                       if (failed(name))
                           return errorResponse(request, std::get<ApiError>(name));
                       draft.name = std::get<std::string>(name);
                       Outcome<std::string> region = requiredStringField(body, "region", 64);
                       if (failed(region))
                           return errorResponse(request, std::get<ApiError>(region));
                       draft.region = std::get<std::string>(region);
                       Outcome<std::optional<Isolation>> isolation = isolationField(body);
                       if (failed(isolation))
                           return errorResponse(request, std::get<ApiError>(isolation));
                       draft.isolation = std::get<0>(isolation).value_or(Isolation::Pool);
                       if (draft.isolation != Isolation::Pool)
                           return errorResponse(request,
                                                ApiError::unprocessable(
                                                    "parameter_invalid",
                                                    "A tenant starts in the pool: create it, then "
                                                    "move it with POST /v1/tenants/{id}/move",
                                                    "isolation"));
                       for (auto [field, target, limit] :
                            {std::tuple{"slug", &draft.slug, std::size_t(63)},
                             std::tuple{"contact_email", &draft.contactEmail, std::size_t(254)},
                             std::tuple{"plan_id", &draft.planId, std::size_t(100)},
                             std::tuple{"notes", &draft.notes, std::size_t(10'000)}}) {
                           Outcome<std::optional<std::string>> value = optionalStringField(body,
                                                                                           field,
                                                                                           limit);
                           if (failed(value))
                               return errorResponse(request, std::get<ApiError>(value));
                           *target = std::get<0>(value);
                       }
                       HttpResponse response = tenantResponse(request,
                                                              service->create(principal,
                                                                              request.requestId,
                                                                              std::move(draft)),
                                                              *service,
                                                              201);
                       if (response.status == 201) {
                           const nlohmann::json created = nlohmann::json::parse(response.body);
                           response.setHeader("Location",
                                              "/v1/tenants/" + created.at("id").get<std::string>());
                       }
                       return response;
                   },
                   RequestGuard::Lane::Write));

    router.add(HttpMethod::Get,
               "/v1/tenants/{id}",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::TenantsRead))
                       return errorResponse(request, *denied);
                   return tenantResponse(request,
                                         service->get(request.pathParameter("id"),
                                                      request.requestId),
                                         *service);
               }));

    router.add(HttpMethod::Patch,
               "/v1/tenants/{id}",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::TenantsWrite))
                       return errorResponse(request, *denied);
                   Outcome<std::int64_t> version = ifMatchVersion(request);
                   if (failed(version))
                       return errorResponse(request, std::get<ApiError>(version));
                   Outcome<nlohmann::json> parsed = parseObjectBody(request, kUpdateFields);
                   if (failed(parsed))
                       return errorResponse(request, std::get<ApiError>(parsed));
                   const nlohmann::json &body = std::get<nlohmann::json>(parsed);
                   TenantChanges changes;
                   for (auto [field, target, limit] :
                        {std::tuple{"name", &changes.name, std::size_t(200)},
                         std::tuple{"slug", &changes.slug, std::size_t(63)},
                         std::tuple{"region", &changes.region, std::size_t(64)}}) {
                       Outcome<std::optional<std::string>> value = optionalStringField(body,
                                                                                       field,
                                                                                       limit);
                       if (failed(value))
                           return errorResponse(request, std::get<ApiError>(value));
                       *target = std::get<0>(value);
                   }
                   Outcome<std::optional<Isolation>> isolation = isolationField(body);
                   if (failed(isolation))
                       return errorResponse(request, std::get<ApiError>(isolation));
                   changes.isolation = std::get<0>(isolation);
                   for (auto [field, target, limit] :
                        {std::tuple{"contact_email", &changes.contactEmail, std::size_t(254)},
                         std::tuple{"notes", &changes.notes, std::size_t(10'000)}}) {
                       auto value = nullableField(body, field, limit);
                       if (failed(value))
                           return errorResponse(request, std::get<ApiError>(value));
                       *target = std::get<0>(value);
                   }
                   return tenantResponse(request,
                                         service->update(principal,
                                                         request.requestId,
                                                         request.pathParameter("id"),
                                                         std::get<std::int64_t>(version),
                                                         changes),
                                         *service);
               }));

    router.add(HttpMethod::Delete,
               "/v1/tenants/{id}",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::TenantsDelete))
                       return errorResponse(request, *denied);
                   Outcome<std::int64_t> version = ifMatchVersion(request);
                   if (failed(version))
                       return errorResponse(request, std::get<ApiError>(version));
                   return tenantResponse(request,
                                         service->remove(principal,
                                                         request.requestId,
                                                         request.pathParameter("id"),
                                                         std::get<std::int64_t>(version)),
                                         *service);
               }));

    for (const auto &[route, target] :
         {std::pair{"/v1/tenants/{id}/suspend", TenantStatus::Suspended},
          std::pair{"/v1/tenants/{id}/reactivate", TenantStatus::Active}}) {
        const std::string path = route;
        const TenantStatus status = target; // lambdas cannot capture structured bindings
        const bool suspending = status == TenantStatus::Suspended;
        router.add(HttpMethod::Post,
                   path,
                   guard.protect([service, status, suspending](HttpRequest &request,
                                                               const Principal &principal) {
                       if (auto denied = requirePermission(principal, Permission::TenantsWrite))
                           return errorResponse(request, *denied);
                       Outcome<nlohmann::json> parsed = parseObjectBody(
                           request,
                           suspending ? std::set<std::string>{"reason"} : std::set<std::string>{});
                       if (failed(parsed))
                           return errorResponse(request, std::get<ApiError>(parsed));
                       Outcome<std::optional<std::string>> reason = optionalStringField(
                           std::get<nlohmann::json>(parsed), "reason", 1000);
                       if (failed(reason))
                           return errorResponse(request, std::get<ApiError>(reason));
                       return tenantResponse(request,
                                             service->setStatus(principal,
                                                                request.requestId,
                                                                request.pathParameter("id"),
                                                                status,
                                                                std::get<0>(reason)),
                                             *service);
                   }));
    }

    router.add(HttpMethod::Get,
               "/v1/tenants/{id}/notes",
               guard.protect([service](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::TenantsRead))
                       return errorResponse(request, *denied);
                   Outcome<PageRequest> page = pageRequest(request);
                   if (failed(page))
                       return errorResponse(request, std::get<ApiError>(page));
                   Outcome<Page<NoteRecord>> notes = service->notes(request.pathParameter("id"),
                                                                    std::get<PageRequest>(page),
                                                                    request.requestId);
                   if (failed(notes))
                       return errorResponse(request, std::get<ApiError>(notes));
                   const Page<NoteRecord> &result = std::get<Page<NoteRecord>>(notes);
                   return listResponse(result, noteJson, [](const NoteRecord &item) {
                       return item.id;
                   });
               }));

    router.add(HttpMethod::Post,
               "/v1/tenants/{id}/notes",
               guard.protect(
                   [service](HttpRequest &request, const Principal &principal) {
                       if (auto denied = requirePermission(principal, Permission::TenantsWrite))
                           return errorResponse(request, *denied);
                       Outcome<nlohmann::json> parsed = parseObjectBody(request, {"body"});
                       if (failed(parsed))
                           return errorResponse(request, std::get<ApiError>(parsed));
                       Outcome<std::string> text = requiredStringField(std::get<nlohmann::json>(
                                                                           parsed),
                                                                       "body",
                                                                       10'000);
                       if (failed(text))
                           return errorResponse(request, std::get<ApiError>(text));
                       Outcome<NoteRecord> note = service->addNote(principal,
                                                                   request.requestId,
                                                                   request.pathParameter("id"),
                                                                   std::get<std::string>(text));
                       if (failed(note))
                           return errorResponse(request, std::get<ApiError>(note));
                       return HttpResponse::json(201, noteJson(std::get<NoteRecord>(note)));
                   },
                   RequestGuard::Lane::Write));
}

} // namespace Tenantry::Server
