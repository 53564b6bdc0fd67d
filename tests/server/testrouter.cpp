#include "server/http/apierror.h"
#include "server/http/router.h"

#include <nlohmann/json.hpp>

#include <QTest>

#include <stdexcept>
#include <string>

using Tenantry::Server::ApiError;
using Tenantry::Server::HttpMethod;
using Tenantry::Server::HttpRequest;
using Tenantry::Server::HttpResponse;
using Tenantry::Server::Router;

namespace {

HttpRequest makeRequest(HttpMethod method, std::string path)
{
    HttpRequest request;
    request.method = method;
    request.path = std::move(path);
    request.target = request.path;
    request.requestId = "req_testtesttesttest";
    return request;
}

// A handler that answers with its name, so that a test sees which route was taken.
Tenantry::Server::Handler named(const std::string &name)
{
    return [name](HttpRequest &) { return HttpResponse::json(200, {{"route", name}}); };
}

std::string routeOf(const HttpResponse &response)
{
    return nlohmann::json::parse(response.body).value("route", std::string());
}

nlohmann::json errorOf(const HttpResponse &response)
{
    return nlohmann::json::parse(response.body).at("error");
}

} // namespace

class TestRouter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesLiteralRoutes();
    void fillsPathParameters();
    void prefersLiteralSegments();
    void doesNotMatchTrailingSlashOrEmptySegment();
    void unknownPathIsNotFound();
    void otherMethodIsMethodNotAllowed();
    void headIsNotMappedToGet();
    void listsRoutesInOrder();
    void rejectsInvalidPatterns();
    void errorResponsesHaveTheApiShape();
};

void TestRouter::matchesLiteralRoutes()
{
    Router router;
    router.add(HttpMethod::Get, "/healthz", named("health"));
    router.add(HttpMethod::Get, "/v1/tenants", named("list"));
    router.add(HttpMethod::Post, "/v1/tenants", named("create"));
    router.add(HttpMethod::Get, "/", named("root"));

    auto get = makeRequest(HttpMethod::Get, "/v1/tenants");
    QCOMPARE(routeOf(router.dispatch(get)), std::string("list"));
    auto post = makeRequest(HttpMethod::Post, "/v1/tenants");
    QCOMPARE(routeOf(router.dispatch(post)), std::string("create"));
    auto health = makeRequest(HttpMethod::Get, "/healthz");
    QCOMPARE(routeOf(router.dispatch(health)), std::string("health"));
    auto root = makeRequest(HttpMethod::Get, "/");
    QCOMPARE(routeOf(router.dispatch(root)), std::string("root"));
}

void TestRouter::fillsPathParameters()
{
    Router router;
    router.add(HttpMethod::Get, "/v1/tenants/{id}/notes/{noteId}", [](HttpRequest &request) {
        return HttpResponse::json(200,
                                  {{"id", request.pathParameter("id")},
                                   {"note", request.pathParameter("noteId")},
                                   {"missing", request.pathParameter("nope")}});
    });

    auto request = makeRequest(HttpMethod::Get, "/v1/tenants/ten_123/notes/note_9");
    request.pathParameters["stale"] = "value from before";
    const auto response = router.dispatch(request);
    QCOMPARE(response.status, 200);
    const auto body = nlohmann::json::parse(response.body);
    QCOMPARE(body.at("id").get<std::string>(), std::string("ten_123"));
    QCOMPARE(body.at("note").get<std::string>(), std::string("note_9"));
    QCOMPARE(body.at("missing").get<std::string>(), std::string());
    QCOMPARE(request.pathParameters.size(), std::size_t(2));
    QVERIFY(!request.pathParameters.contains("stale"));
}

void TestRouter::prefersLiteralSegments()
{
    Router router;
    router.add(HttpMethod::Delete, "/v1/sessions/{id}", named("by id"));
    router.add(HttpMethod::Delete, "/v1/sessions/current", named("current"));

    auto current = makeRequest(HttpMethod::Delete, "/v1/sessions/current");
    QCOMPARE(routeOf(router.dispatch(current)), std::string("current"));
    QVERIFY(current.pathParameters.empty());
    auto other = makeRequest(HttpMethod::Delete, "/v1/sessions/ses_1");
    QCOMPARE(routeOf(router.dispatch(other)), std::string("by id"));
    QCOMPARE(other.pathParameter("id"), std::string("ses_1"));
}

void TestRouter::doesNotMatchTrailingSlashOrEmptySegment()
{
    Router router;
    router.add(HttpMethod::Get, "/v1/tenants", named("list"));
    router.add(HttpMethod::Get, "/v1/tenants/{id}", named("one"));

    for (const char *path : {"/v1/tenants/", "/v1/tenants//", "/v1//tenants", "/v1/tenants/a/"}) {
        auto request = makeRequest(HttpMethod::Get, path);
        const auto response = router.dispatch(request);
        QVERIFY2(response.status == 404, path);
    }
}

void TestRouter::unknownPathIsNotFound()
{
    Router router;
    router.add(HttpMethod::Get, "/v1/tenants", named("list"));

    auto request = makeRequest(HttpMethod::Get, "/v1/unknown");
    const auto response = router.dispatch(request);
    QCOMPARE(response.status, 404);
    QVERIFY(response.header("allow") == nullptr);
    const auto error = errorOf(response);
    QCOMPARE(error.at("type").get<std::string>(), std::string("invalid_request_error"));
    QCOMPARE(error.at("code").get<std::string>(), std::string("resource_missing"));
    QCOMPARE(error.at("request_id").get<std::string>(), std::string("req_testtesttesttest"));
}

void TestRouter::otherMethodIsMethodNotAllowed()
{
    Router router;
    router.add(HttpMethod::Get, "/v1/tenants/{id}", named("get"));
    router.add(HttpMethod::Patch, "/v1/tenants/{id}", named("patch"));
    router.add(HttpMethod::Delete, "/v1/tenants/{id}", named("delete"));
    router.add(HttpMethod::Get, "/v1/tenants/{id}/notes", named("notes"));

    auto request = makeRequest(HttpMethod::Post, "/v1/tenants/ten_1");
    const auto response = router.dispatch(request);
    QCOMPARE(response.status, 405);
    QVERIFY(response.header("Allow") != nullptr);
    QCOMPARE(*response.header("allow"), std::string("GET, PATCH, DELETE"));
    QCOMPARE(errorOf(response).at("code").get<std::string>(), std::string("method_not_allowed"));
    QCOMPARE(*response.header("content-type"), std::string("application/json"));

    auto options = makeRequest(HttpMethod::Options, "/v1/tenants/ten_1/notes");
    const auto optionsResponse = router.dispatch(options);
    QCOMPARE(optionsResponse.status, 405);
    QCOMPARE(*optionsResponse.header("Allow"), std::string("GET"));
}

void TestRouter::headIsNotMappedToGet()
{
    Router router;
    router.add(HttpMethod::Get, "/healthz", named("health"));
    auto request = makeRequest(HttpMethod::Head, "/healthz");
    const auto response = router.dispatch(request);
    QCOMPARE(response.status, 405);
    QCOMPARE(*response.header("Allow"), std::string("GET"));
}

void TestRouter::listsRoutesInOrder()
{
    Router router;
    router.add(HttpMethod::Post, "/v1/sessions", named("a"));
    router.add(HttpMethod::Get, "/v1/tenants/{id}", named("b"));
    router.add(HttpMethod::Get, "/healthz", named("c"));

    const auto routes = router.routes();
    QCOMPARE(routes.size(), std::size_t(3));
    QVERIFY(routes[0].method == HttpMethod::Post);
    QCOMPARE(routes[0].pattern, std::string("/v1/sessions"));
    QVERIFY(routes[1].method == HttpMethod::Get);
    QCOMPARE(routes[1].pattern, std::string("/v1/tenants/{id}"));
    QCOMPARE(routes[2].pattern, std::string("/healthz"));
}

void TestRouter::rejectsInvalidPatterns()
{
    Router router;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             router.add(HttpMethod::Get, "v1/tenants", named("x")));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             router.add(HttpMethod::Get, "/v1/tenants/{}", named("x")));
    QVERIFY(router.routes().empty());
}

void TestRouter::errorResponsesHaveTheApiShape()
{
    const auto response = ApiError::badRequest("parameter_invalid", "Bad limit.", "limit")
                              .toResponse("req_abc");
    QCOMPARE(response.status, 400);
    QCOMPARE(*response.header("Content-Type"), std::string("application/json"));
    const auto error = errorOf(response);
    QCOMPARE(error.at("param").get<std::string>(), std::string("limit"));
    QCOMPARE(error.at("request_id").get<std::string>(), std::string("req_abc"));

    const auto internal = ApiError::internal().toResponse("req_x");
    QCOMPARE(internal.status, 500);
    QVERIFY(errorOf(internal).at("param").is_null());
    QCOMPARE(errorOf(internal).at("type").get<std::string>(), std::string("api_error"));
    QCOMPARE(errorOf(internal).at("code").get<std::string>(), std::string("internal_error"));

    struct Expected
    {
        ApiError error;
        int status;
        const char *type;
        const char *code;
    };
    const Expected expected[] = {
        {ApiError::unprocessable("c", "m"), 422, "invalid_request_error", "c"},
        {ApiError::unauthorized(), 401, "authentication_error", "unauthenticated"},
        {ApiError::forbidden("m"), 403, "permission_error", "permission_denied"},
        {ApiError::notFound("m"), 404, "invalid_request_error", "resource_missing"},
        {ApiError::conflict("c", "m"), 409, "invalid_request_error", "c"},
        {ApiError::idempotencyConflict("m"), 409, "idempotency_error", "idempotency_key_reused"},
        {ApiError::preconditionFailed("m"), 412, "invalid_request_error", "version_mismatch"},
        {ApiError::preconditionRequired("m"), 428, "invalid_request_error", "if_match_required"},
        {ApiError::payloadTooLarge("m"), 413, "invalid_request_error", "body_too_large"},
        {ApiError::unsupportedMediaType("m"), 415, "invalid_request_error", "unsupported_media_type"},
        {ApiError::rateLimited("m"), 429, "rate_limit_error", "rate_limited"},
        {ApiError::unavailable("m"), 503, "api_error", "unavailable"},
    };
    for (const auto &item : expected) {
        QCOMPARE(item.error.status, item.status);
        QCOMPARE(item.error.type, std::string(item.type));
        QCOMPARE(item.error.code, std::string(item.code));
    }

    HttpResponse headers;
    headers.setHeader("X-Thing", "1");
    headers.setHeader("x-thing", "2");
    QCOMPARE(headers.headers.size(), std::size_t(1));
    QCOMPARE(*headers.header("X-THING"), std::string("2"));
    QCOMPARE(HttpResponse::noContent().status, 204);
}

QTEST_APPLESS_MAIN(TestRouter)

#include "testrouter.moc"
