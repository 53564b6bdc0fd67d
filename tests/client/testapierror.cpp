// ApiError built from the error bodies tenantryd answers (the shapes of docs/openapi.yaml),
// from bodies that are not error objects, and from failures below HTTP.

#include "client/apierror.h"

#include <QtTest>

using Tenantry::ApiError;
using Kind = Tenantry::ApiError::Kind;

Q_DECLARE_METATYPE(Tenantry::ApiError::Kind)

namespace {

QByteArray errorBody(const char *type, const char *code, const char *param = nullptr)
{
    QJsonObject error{{QStringLiteral("type"), QLatin1String(type)},
                      {QStringLiteral("code"), QLatin1String(code)},
                      {QStringLiteral("message"), QStringLiteral("server text")},
                      {QStringLiteral("param"),
                       param ? QJsonValue(QLatin1String(param)) : QJsonValue(QJsonValue::Null)},
                      {QStringLiteral("request_id"), QStringLiteral("req_7kq2m4zcrt6xw3hb")}};
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), error}}).toJson();
}

} // namespace

class TestApiError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mapsContractErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("param");

        QTest::newRow("400 parameter_invalid")
            << 400 << errorBody("invalid_request_error", "parameter_invalid", "limit")
            << Kind::Validation << QStringLiteral("parameter_invalid") << QStringLiteral("limit");
        QTest::newRow("400 idempotency_key_required")
            << 400 << errorBody("invalid_request_error", "idempotency_key_required")
            << Kind::Validation << QStringLiteral("idempotency_key_required") << QString();
        QTest::newRow("401 unauthenticated")
            << 401 << errorBody("authentication_error", "unauthenticated") << Kind::Unauthorized
            << QStringLiteral("unauthenticated") << QString();
        QTest::newRow("401 invalid_credentials")
            << 401 << errorBody("authentication_error", "invalid_credentials") << Kind::Unauthorized
            << QStringLiteral("invalid_credentials") << QString();
        QTest::newRow("403 permission_denied")
            << 403 << errorBody("permission_error", "permission_denied") << Kind::Forbidden
            << QStringLiteral("permission_denied") << QString();
        QTest::newRow("404 resource_missing")
            << 404 << errorBody("invalid_request_error", "resource_missing", "id") << Kind::NotFound
            << QStringLiteral("resource_missing") << QStringLiteral("id");
        QTest::newRow("405 method_not_allowed")
            << 405 << errorBody("invalid_request_error", "method_not_allowed") << Kind::Validation
            << QStringLiteral("method_not_allowed") << QString();
        QTest::newRow("409 slug taken")
            << 409 << errorBody("invalid_request_error", "slug_taken", "slug") << Kind::Conflict
            << QStringLiteral("slug_taken") << QStringLiteral("slug");
        QTest::newRow("409 idempotency_key_reused")
            << 409 << errorBody("idempotency_error", "idempotency_key_reused") << Kind::Conflict
            << QStringLiteral("idempotency_key_reused") << QString();
        QTest::newRow("412 version_mismatch")
            << 412 << errorBody("invalid_request_error", "version_mismatch")
            << Kind::PreconditionFailed << QStringLiteral("version_mismatch") << QString();
        QTest::newRow("413 body_too_large")
            << 413 << errorBody("invalid_request_error", "body_too_large") << Kind::Validation
            << QStringLiteral("body_too_large") << QString();
        QTest::newRow("415 unsupported_media_type")
            << 415 << errorBody("invalid_request_error", "unsupported_media_type")
            << Kind::Validation << QStringLiteral("unsupported_media_type") << QString();
        QTest::newRow("422 parameter_missing")
            << 422 << errorBody("invalid_request_error", "parameter_missing", "name")
            << Kind::Validation << QStringLiteral("parameter_missing") << QStringLiteral("name");
        QTest::newRow("428 if_match_required")
            << 428 << errorBody("invalid_request_error", "if_match_required") << Kind::Validation
            << QStringLiteral("if_match_required") << QString();
        QTest::newRow("429 rate_limited")
            << 429 << errorBody("rate_limit_error", "rate_limited") << Kind::RateLimited
            << QStringLiteral("rate_limited") << QString();
        QTest::newRow("500 internal_error")
            << 500 << errorBody("api_error", "internal_error") << Kind::Server
            << QStringLiteral("internal_error") << QString();
        QTest::newRow("503 unavailable")
            << 503 << errorBody("api_error", "unavailable") << Kind::Server
            << QStringLiteral("unavailable") << QString();
        // A status the contract does not name: the type decides.
        QTest::newRow("418 permission_error")
            << 418 << errorBody("permission_error", "teapot") << Kind::Forbidden
            << QStringLiteral("teapot") << QString();
        QTest::newRow("499 invalid_request_error")
            << 499 << errorBody("invalid_request_error", "odd") << Kind::Validation
            << QStringLiteral("odd") << QString();
    }

    void mapsContractErrors()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(Kind, kind);
        QFETCH(QString, code);
        QFETCH(QString, param);

        const ApiError error = ApiError::fromHttpResponse(status, body);
        QCOMPARE(error.kind(), kind);
        QCOMPARE(error.httpStatus(), status);
        QCOMPARE(error.code(), code);
        QCOMPARE(error.param(), param);
        QCOMPARE(error.requestId(), QStringLiteral("req_7kq2m4zcrt6xw3hb"));
        QCOMPARE(error.serverMessage(), QStringLiteral("server text"));
        QVERIFY(!error.message().isEmpty());
        QVERIFY(!error.hasCurrent());
        QVERIFY(error.toLogString().contains(QString::number(status)));
    }

    void requestIdFallsBackToTheHeader()
    {
        const ApiError error = ApiError::fromHttpResponse(502,
                                                          "<html>Bad gateway</html>",
                                                          "req_abcdefghijklmnop");
        QCOMPARE(error.kind(), Kind::Server);
        QCOMPARE(error.httpStatus(), 502);
        QCOMPARE(error.requestId(), QStringLiteral("req_abcdefghijklmnop"));
        QVERIFY(error.code().isEmpty());
        QVERIFY(error.message().contains(QStringLiteral("502")));
    }

    void bodyRequestIdWinsOverHeader()
    {
        const ApiError error = ApiError::fromHttpResponse(404,
                                                          errorBody("invalid_request_error",
                                                                    "resource_missing"),
                                                          "req_otherotherother");
        QCOMPARE(error.requestId(), QStringLiteral("req_7kq2m4zcrt6xw3hb"));
    }

    void retryAfterIsKept()
    {
        const ApiError limited = ApiError::fromHttpResponse(
            429, errorBody("rate_limit_error", "too_many_attempts"), {}, " 900 ");
        QCOMPARE(limited.retryAfterSeconds(), 900);
        QVERIFY(limited.isTransient());
        const ApiError garbage = ApiError::fromHttpResponse(429, {}, {}, "soon");
        QCOMPARE(garbage.retryAfterSeconds(), -1);
        QCOMPARE(garbage.kind(), Kind::RateLimited);
    }

    void preconditionFailedCarriesTheCurrentTenant()
    {
        QFile file(QStringLiteral(TENANTRY_TEST_DATA_DIR "/client/error-412-tenant.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray body = file.readAll();
        const ApiError error = ApiError::fromHttpResponse(412, body, {}, {});
        QCOMPARE(error.kind(), Kind::PreconditionFailed);
        QVERIFY(error.hasCurrent());
        QCOMPARE(error.current().value(QStringLiteral("version")).toInt(), 2);
        const std::optional<Tenantry::Tenant> tenant = error.currentTenant();
        QVERIFY(tenant.has_value());
        QCOMPARE(tenant->id, std::string("ten_6r3wqk2m7zt4xbhc"));
        QCOMPARE(tenant->name, std::string("Acme Corporation"));
        QCOMPARE(tenant->version, 2);
    }

    void currentPlanIsNotATenant()
    {
        QJsonObject object = QJsonDocument::fromJson(
                                 errorBody("invalid_request_error", "version_mismatch"))
                                 .object()
                                 .value(QStringLiteral("error"))
                                 .toObject();
        object.insert(QStringLiteral("current"),
                      QJsonObject{{QStringLiteral("object"), QStringLiteral("plan")},
                                  {QStringLiteral("id"), QStringLiteral("pln_x")}});
        const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("error"), object}})
                                    .toJson();
        const ApiError error = ApiError::fromHttpResponse(412, body);
        QVERIFY(error.hasCurrent());
        QVERIFY(!error.currentTenant().has_value());
    }

    void failuresBelowHttp()
    {
        const ApiError network = ApiError::network(QStringLiteral("Connection refused"));
        QCOMPARE(network.kind(), Kind::Network);
        QCOMPARE(network.httpStatus(), 0);
        QVERIFY(network.isTransient());
        QCOMPARE(network.serverMessage(), QStringLiteral("Connection refused"));

        const ApiError timeout = ApiError::timeout(1500);
        QCOMPARE(timeout.kind(), Kind::Timeout);
        QVERIFY(timeout.isTransient());
        QVERIFY(timeout.serverMessage().contains(QStringLiteral("1500")));

        const ApiError tls = ApiError::tls(QStringLiteral("self-signed certificate"));
        QCOMPARE(tls.kind(), Kind::TlsError);
        QVERIFY(!tls.isTransient());

        const ApiError parse = ApiError::parse(QStringLiteral("/data/0/id: missing"),
                                               200,
                                               QStringLiteral("req_x"));
        QCOMPARE(parse.kind(), Kind::Parse);
        QCOMPARE(parse.httpStatus(), 200);
        QCOMPARE(parse.requestId(), QStringLiteral("req_x"));
        QVERIFY(!parse.isTransient());
    }

    void onlyTransientFailuresAreRetryable()
    {
        QVERIFY(ApiError::fromHttpResponse(503, {}).isTransient());
        QVERIFY(!ApiError::fromHttpResponse(500, {}).isTransient());
        QVERIFY(!ApiError::fromHttpResponse(404, {}).isTransient());
        QVERIFY(!ApiError::fromHttpResponse(409, {}).isTransient());
    }

    void messagesDifferByKind()
    {
        QSet<QString> messages;
        for (const int status : {400, 401, 403, 404, 409, 412, 429, 500})
            messages.insert(ApiError::fromHttpResponse(status, {}).message());
        QCOMPARE(messages.size(), 8);
        const ApiError withParam = ApiError::fromHttpResponse(422,
                                                              errorBody("invalid_request_error",
                                                                        "parameter_invalid",
                                                                        "isolation"));
        QVERIFY(withParam.message().contains(QStringLiteral("isolation")));
    }
};

QTEST_APPLESS_MAIN(TestApiError)
#include "testapierror.moc"
