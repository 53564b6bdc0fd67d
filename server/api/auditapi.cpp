// /v1/audit-events: who changed what, when, with before and after.

#include "server/api/routes.h"

namespace Tenantry::Server {

void registerAuditRoutes(Router &router, ApiContext &context, const RequestGuard &guard)
{
    router.add(HttpMethod::Get,
               "/v1/audit-events",
               guard.protect([&context](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::AuditRead))
                       return errorResponse(request, *denied);
                   Outcome<PageRequest> page = pageRequest(request);
                   if (failed(page))
                       return errorResponse(request, std::get<ApiError>(page));
                   AuditFilter filter;
                   filter.actorId = request.queryValue("actor");
                   filter.targetId = request.queryValue("target");
                   filter.action = request.queryValue("action");
                   for (auto [name, target] : {std::pair{"created_after", &filter.createdAfter},
                                               std::pair{"created_before", &filter.createdBefore}}) {
                       if (const auto text = request.queryValue(name)) {
                           Result<Timestamp> time = parseRfc3339(*text);
                           if (!time)
                               return errorResponse(request,
                                                    ApiError::badRequest("parameter_invalid",
                                                                         std::string(name)
                                                                             + " must be an RFC "
                                                                               "3339 time",
                                                                         name));
                           *target = *time;
                       }
                   }
                   Result<std::unique_ptr<StoreTransaction>> transaction = context.store().begin(
                       Store::Mode::Read);
                   if (!transaction)
                       return errorResponse(request,
                                            context.storageFailure(transaction.error(),
                                                                   request.requestId));
                   Result<Page<AuditRecord>>
                       records = (*transaction)->listAudit(filter, std::get<PageRequest>(page));
                   if (!records) {
                       if (records.error().code == "cursor_not_found")
                           return errorResponse(request,
                                                ApiError::badRequest("parameter_invalid",
                                                                     records.error().message,
                                                                     "starting_after"));
                       return errorResponse(request,
                                            context.storageFailure(records.error(),
                                                                   request.requestId));
                   }
                   return listResponse(*records, auditJson, [](const AuditRecord &item) {
                       return item.id;
                   });
               }));
}

} // namespace Tenantry::Server
