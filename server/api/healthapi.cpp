// /healthz (the process answers) and /readyz (it can serve: store open, not draining).

#include "server/api/routes.h"

#include <nlohmann/json.hpp>

namespace Tenantry::Server {

void registerHealthRoutes(Router &router, const Store &store, const std::atomic<bool> &draining)
{
    router.add(HttpMethod::Get, "/healthz", [](HttpRequest &) {
        return HttpResponse::json(200, {{"status", "ok"}});
    });
    router.add(HttpMethod::Get, "/readyz", [&store, &draining](HttpRequest &) {
        if (draining.load())
            return HttpResponse::json(503, {{"status", "draining"}});
        if (!store.isReady())
            return HttpResponse::json(503, {{"status", "starting"}});
        return HttpResponse::json(200, {{"status", "ready"}});
    });
}

} // namespace Tenantry::Server
