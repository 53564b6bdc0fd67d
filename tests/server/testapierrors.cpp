// The errors of a real tenantryd: every status the API uses, each as the one error object
// {type, code, message, param, request_id} with request_id equal to the Request-Id header, and
// none of them giving away internals (SQL, "sqlite", file paths, exception text).

#include "tests/server/support/apiassertions.h"
#include "tests/server/support/apiclient.h"
#include "tests/server/support/tenantrydprocess.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QThread>
#include <QUuid>
#include <QtTest>

#include <memory>

using namespace Tenantry::TestSupport;

namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;

// checkError() and out of the test function at its first failure.
#define VERIFY_ERROR(...) \
    do { \
        checkError(__VA_ARGS__); \
        if (QTest::currentTestFailed()) \
            return; \
    } while (false)

QByteArray newKey()
{
    return QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
}

// What an error body must never contain: storage and implementation details.
QStringList leaksIn(const QByteArray &body, const QString &dataDir)
{
    static const QStringList forbidden = {
        QStringLiteral("sqlite"),        QStringLiteral("select "),
        QStringLiteral("insert into"),   QStringLiteral("update tenants"),
        QStringLiteral(" from tenants"), QStringLiteral("constraint"),
        QStringLiteral("syntax error"),  QStringLiteral("no such table"),
        QStringLiteral("database"),      QStringLiteral("/tmp/"),
        QStringLiteral("/work/"),        QStringLiteral("/home/"),
        QStringLiteral(".cpp"),          QStringLiteral(".db"),
        QStringLiteral("exception"),     QStringLiteral("what()"),
        QStringLiteral("std::"),         QStringLiteral("nlohmann"),
        QStringLiteral("boost"),         QStringLiteral("terminate")};
    const QString text = QString::fromUtf8(body).toLower();
    QStringList found;
    for (const QString &word : forbidden) {
        if (text.contains(word))
            found << word;
    }
    if (!dataDir.isEmpty() && text.contains(dataDir.toLower()))
        found << dataDir;
    return found;
}

} // namespace

class TestApiErrors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
        m_support = std::make_unique<ApiClient>(m_server.baseUrl());
        m_admin = std::make_unique<ApiClient>(m_server.baseUrl());
        m_viewer = std::make_unique<ApiClient>(m_server.baseUrl());
        QVERIFY(m_support->signIn(QStringLiteral("support@demo.tenantry.dev"),
                                  m_server.demoPassword(QStringLiteral("support"))));
        QVERIFY(m_admin->signIn(QStringLiteral("admin@demo.tenantry.dev"),
                                m_server.demoPassword(QStringLiteral("admin"))));
        QVERIFY(m_viewer->signIn(QStringLiteral("viewer@demo.tenantry.dev"),
                                 m_server.demoPassword(QStringLiteral("viewer"))));
        m_freePlanId = m_admin->planId(QStringLiteral("free"));
        QVERIFY2(QRegularExpression(
                     QStringLiteral("^pln_[0-9a-hjkmnp-tv-z]{16}(?:[0-9a-hjkmnp-tv-z]{9})?$"))
                     .match(m_freePlanId)
                     .hasMatch(),
                 qPrintable(QStringLiteral("free plan id: ") + m_freePlanId));
    }

    void badRequestBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");
        QTest::newRow("truncated JSON")
            << QByteArray("{\"name\": \"Acme\", ") << QStringLiteral("invalid_json");
        QTest::newRow("not JSON") << QByteArray("name=Acme&region=eu")
                                  << QStringLiteral("invalid_json");
        QTest::newRow("trailing garbage")
            << QByteArray("{\"name\":\"A\"} x") << QStringLiteral("invalid_json");
        QTest::newRow("array") << QByteArray("[{\"name\":\"Acme\"}]")
                               << QStringLiteral("invalid_body");
        QTest::newRow("string") << QByteArray("\"Acme\"") << QStringLiteral("invalid_body");
        QTest::newRow("number") << QByteArray("42") << QStringLiteral("invalid_body");
        QTest::newRow("null") << QByteArray("null") << QStringLiteral("invalid_body");
    }

    void badRequestBodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        const ApiResponse response = m_support->request("POST",
                                                        QStringLiteral("/v1/tenants"),
                                                        body,
                                                        {{"Idempotency-Key", newKey()}});
        VERIFY_ERROR(response, 400, QStringLiteral("invalid_request_error"), code);
    }

    void badRequestFields()
    {
        // A well-formed body whose fields are missing or invalid gets 422 (docs/openapi.yaml);
        // invalid headers and query parameters get 400. Each names the offending parameter.
        const auto create = [this](const QByteArray &body) {
            return m_support->request("POST",
                                      QStringLiteral("/v1/tenants"),
                                      body,
                                      {{"Idempotency-Key", newKey()}});
        };
        VERIFY_ERROR(create("{\"region\":\"eu-west-1\"}"),
                     422,
                     QStringLiteral("invalid_request_error"),
                     QStringLiteral("parameter_missing"),
                     QStringLiteral("name"));
        VERIFY_ERROR(create("{\"name\":7,\"region\":\"eu-west-1\"}"),
                     422,
                     QStringLiteral("invalid_request_error"),
                     QStringLiteral("parameter_invalid"),
                     QStringLiteral("name"));
        VERIFY_ERROR(create(
                         "{\"name\":\"Acme\",\"region\":\"eu-west-1\",\"isolation\":\"shared\"}"),
                     422,
                     QStringLiteral("invalid_request_error"),
                     QStringLiteral("parameter_invalid"),
                     QStringLiteral("isolation"));
        VERIFY_ERROR(
            create("{\"name\":\"Acme\",\"region\":\"eu-west-1\",\"contact_email\":\"nobody\"}"),
            422,
            QStringLiteral("invalid_request_error"),
            QStringLiteral("parameter_invalid"),
            QStringLiteral("contact_email"));
        VERIFY_ERROR(create("{\"name\":\"Acme\",\"region\":\"eu-west-1\",\"colour\":\"red\"}"),
                     422,
                     QStringLiteral("invalid_request_error"),
                     QStringLiteral("parameter_unknown"),
                     QStringLiteral("colour"));
        VERIFY_ERROR(m_support->request("POST",
                                        QStringLiteral("/v1/tenants"),
                                        "{\"name\":\"Acme\",\"region\":\"eu-west-1\"}",
                                        {{"Idempotency-Key", QByteArray(300, 'k')}}),
                     400,
                     QStringLiteral("invalid_request_error"),
                     QStringLiteral("parameter_invalid"),
                     QStringLiteral("Idempotency-Key"));
        const ApiResponse longestKey = m_support
                                           ->request("POST",
                                                     QStringLiteral("/v1/tenants"),
                                                     "{\"name\":\"Long key\",\"region\":\"eu\"}",
                                                     {{"Idempotency-Key", QByteArray(255, 'k')}});
        QVERIFY2(longestKey.status == 201, qPrintable(bodyOf(longestKey)));
        VERIFY_ERROR(m_support->request("POST",
                                        QStringLiteral("/v1/tenants"),
                                        "{\"name\":\"Spaced key\",\"region\":\"eu\"}",
                                        {{"Idempotency-Key", "two words"}}),
                     400,
                     QStringLiteral("invalid_request_error"),
                     QStringLiteral("parameter_invalid"),
                     QStringLiteral("Idempotency-Key"));
        VERIFY_ERROR(m_support->request("POST",
                                        QStringLiteral("/v1/tenants"),
                                        "{\"name\":\"Acme\",\"region\":\"eu-west-1\"}"),
                     400,
                     QStringLiteral("invalid_request_error"),
                     QStringLiteral("idempotency_key_required"),
                     QStringLiteral("Idempotency-Key"));
        VERIFY_ERROR(m_support->get(QStringLiteral("/v1/tenants?limit=1000")),
                     400,
                     QStringLiteral("invalid_request_error"),
                     QStringLiteral("parameter_invalid"),
                     QStringLiteral("limit"));
        VERIFY_ERROR(m_admin->get(QStringLiteral("/v1/audit-events?created_after=monday")),
                     400,
                     QStringLiteral("invalid_request_error"),
                     QStringLiteral("parameter_invalid"),
                     QStringLiteral("created_after"));
    }

    void malformedHttpGetsAJsonError()
    {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), m_server.port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET /v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nNot a header line\r\n\r\n");
        QVERIFY(socket.waitForBytesWritten(5000));
        QByteArray raw;
        QDeadlineTimer deadline(10000);
        while (!deadline.hasExpired() && socket.state() == QAbstractSocket::ConnectedState
               && !raw.contains("}}")) {
            socket.waitForReadyRead(100);
            raw += socket.readAll();
        }
        raw += socket.readAll();
        QVERIFY2(raw.startsWith("HTTP/1.1 400"), raw.constData());
        const qsizetype split = raw.indexOf("\r\n\r\n");
        QVERIFY(split > 0);
        const QJsonObject error = QJsonDocument::fromJson(raw.mid(split + 4))
                                      .object()[u"error"]
                                      .toObject();
        QCOMPARE(error[u"type"].toString(), QStringLiteral("invalid_request_error"));
        QVERIFY(!error[u"code"].toString().isEmpty());
        QVERIFY(leaksIn(raw.mid(split + 4), m_server.dataDir()).isEmpty());
        // The server is still there.
        QCOMPARE(m_support->get(QStringLiteral("/v1/me")).status, 200);
    }

    void unauthenticated()
    {
        ApiClient anonymous(m_server.baseUrl());
        VERIFY_ERROR(anonymous.get(QStringLiteral("/v1/tenants")),
                     401,
                     QStringLiteral("authentication_error"),
                     QStringLiteral("unauthenticated"));
        VERIFY_ERROR(anonymous.request(
                         "POST",
                         QStringLiteral("/v1/sessions"),
                         "{\"email\":\"viewer@demo.tenantry.dev\",\"password\":\"not it at all\"}"),
                     401,
                     QStringLiteral("authentication_error"),
                     QStringLiteral("invalid_credentials"));
    }

    void forbidden()
    {
        const ApiResponse response = m_viewer->post(QStringLiteral("/v1/tenants"),
                                                    {{QStringLiteral("name"),
                                                      QStringLiteral("Nope")},
                                                     {QStringLiteral("region"),
                                                      QStringLiteral("eu-west-1")}});
        VERIFY_ERROR(response,
                     403,
                     QStringLiteral("permission_error"),
                     QStringLiteral("permission_denied"));
        QVERIFY(errorOf(response)[u"message"].toString().contains(QStringLiteral("tenants.write")));
    }

    void notFound()
    {
        const ApiResponse tenant = m_support->get(
            QStringLiteral("/v1/tenants/ten_0000000000000000"));
        VERIFY_ERROR(tenant,
                     404,
                     QStringLiteral("invalid_request_error"),
                     QStringLiteral("resource_missing"),
                     QStringLiteral("id"));
        VERIFY_ERROR(m_support->get(QStringLiteral("/v1/plans/pln_nosuchplan")),
                     404,
                     QStringLiteral("invalid_request_error"),
                     QStringLiteral("resource_missing"));
        for (const char *path : {"/v1/nothing-here", "/v1/tenants/", "/v2/tenants", "/", "/v1"}) {
            const ApiResponse response = m_support->get(QLatin1StringView(path));
            VERIFY_ERROR(response,
                         404,
                         QStringLiteral("invalid_request_error"),
                         QStringLiteral("resource_missing"));
        }
    }

    void methodNotAllowed_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("allowed");
        QTest::newRow("PUT /v1/tenants")
            << QByteArray("PUT") << QStringLiteral("/v1/tenants")
            << QStringList{QStringLiteral("GET"), QStringLiteral("POST")};
        QTest::newRow("DELETE /v1/plans/{id}")
            << QByteArray("DELETE") << QString(QStringLiteral("/v1/plans/") + m_freePlanId)
            << QStringList{QStringLiteral("GET"), QStringLiteral("PATCH")};
        QTest::newRow("POST /healthz") << QByteArray("POST") << QStringLiteral("/healthz")
                                       << QStringList{QStringLiteral("GET")};
        QTest::newRow("GET /v1/sessions") << QByteArray("GET") << QStringLiteral("/v1/sessions")
                                          << QStringList{QStringLiteral("POST")};
        QTest::newRow("PATCH /v1/tenants/{id}/notes")
            << QByteArray("PATCH") << QStringLiteral("/v1/tenants/ten_x/notes")
            << QStringList{QStringLiteral("GET"), QStringLiteral("POST")};
    }

    void methodNotAllowed()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QStringList, allowed);
        const QByteArray body = method == "GET" ? QByteArray() : QByteArray("{}");
        const ApiResponse response = m_support->request(method, path, body);
        VERIFY_ERROR(response,
                     405,
                     QStringLiteral("invalid_request_error"),
                     QStringLiteral("method_not_allowed"));
        QStringList allow;
        const QList<QByteArray> methods = response.header("Allow").split(',');
        for (const QByteArray &name : methods)
            allow << QString::fromUtf8(name.trimmed());
        allow.sort();
        QCOMPARE(allow, allowed);
    }

    void conflict()
    {
        const ApiResponse first = m_support->post(QStringLiteral("/v1/tenants"),
                                                  {{QStringLiteral("name"),
                                                    QStringLiteral("Conflicting Co")},
                                                   {QStringLiteral("region"),
                                                    QStringLiteral("eu-west-1")}});
        QCOMPARE(first.status, 201);
        const ApiResponse second = m_support->post(QStringLiteral("/v1/tenants"),
                                                   {{QStringLiteral("name"),
                                                     QStringLiteral("Conflicting Co")},
                                                    {QStringLiteral("region"),
                                                     QStringLiteral("us-east-1")}});
        VERIFY_ERROR(second,
                     409,
                     QStringLiteral("invalid_request_error"),
                     QStringLiteral("slug_taken"),
                     QStringLiteral("slug"));

        const QByteArray key = newKey();
        QCOMPARE(m_support
                     ->post(QStringLiteral("/v1/tenants"),
                            {{QStringLiteral("name"), QStringLiteral("Keyed Co")},
                             {QStringLiteral("region"), QStringLiteral("eu-west-1")}},
                            key)
                     .status,
                 201);
        VERIFY_ERROR(m_support->post(QStringLiteral("/v1/tenants"),
                                     {{QStringLiteral("name"), QStringLiteral("Other Keyed Co")},
                                      {QStringLiteral("region"), QStringLiteral("eu-west-1")}},
                                     key),
                     409,
                     QStringLiteral("idempotency_error"),
                     QStringLiteral("idempotency_key_reused"));
    }

    void preconditions()
    {
        const ApiResponse created = m_support->post(QStringLiteral("/v1/tenants"),
                                                    {{QStringLiteral("name"),
                                                      QStringLiteral("Preconditioned Co")},
                                                     {QStringLiteral("region"),
                                                      QStringLiteral("eu-west-1")}});
        QCOMPARE(created.status, 201);
        const QString path = QStringLiteral("/v1/tenants/") + created.json()[u"id"].toString();
        const QJsonObject change{{QStringLiteral("notes"), QStringLiteral("x")}};

        VERIFY_ERROR(m_support->patch(path, change, {}),
                     428,
                     QStringLiteral("invalid_request_error"),
                     QStringLiteral("if_match_required"));
        const ApiResponse stale = m_support->patch(path, change, "\"7\"");
        VERIFY_ERROR(stale,
                     412,
                     QStringLiteral("invalid_request_error"),
                     QStringLiteral("version_mismatch"));
        QCOMPARE(stale.header("ETag"), QByteArray("\"1\""));
        QCOMPARE(errorOf(stale)[u"current"].toObject(), created.json());
        VERIFY_ERROR(m_support->patch(path, change, "yesterday"),
                     400,
                     QStringLiteral("invalid_request_error"),
                     QStringLiteral("parameter_invalid"),
                     QStringLiteral("If-Match"));
        VERIFY_ERROR(m_admin->del(path, {}),
                     428,
                     QStringLiteral("invalid_request_error"),
                     QStringLiteral("if_match_required"));
        const QString freePlan = QStringLiteral("/v1/plans/") + m_freePlanId;
        VERIFY_ERROR(m_admin->request("PATCH", freePlan, "{\"active\":false}"),
                     428,
                     QStringLiteral("invalid_request_error"),
                     QStringLiteral("if_match_required"));
        const ApiResponse stalePlan = m_admin->patch(freePlan,
                                                     {{QStringLiteral("active"), false}},
                                                     "\"9\"");
        VERIFY_ERROR(stalePlan,
                     412,
                     QStringLiteral("invalid_request_error"),
                     QStringLiteral("version_mismatch"));
        QCOMPARE(errorOf(stalePlan)[u"current"][u"id"].toString(), m_freePlanId);
    }

    void payloadTooLarge()
    {
        // A 2 MiB JSON body against the default 1 MiB limit.
        QByteArray body = "{\"name\":\"Huge\",\"region\":\"eu-west-1\",\"notes\":\"";
        body += QByteArray(qsizetype{2} * 1024 * 1024, 'a');
        body += "\"}";
        const ApiResponse response = m_support->request("POST",
                                                        QStringLiteral("/v1/tenants"),
                                                        body,
                                                        {{"Idempotency-Key", newKey()}});
        VERIFY_ERROR(response,
                     413,
                     QStringLiteral("invalid_request_error"),
                     QStringLiteral("body_too_large"));

        // The server serves the next requests, on new connections and on this client's.
        QCOMPARE(m_support->get(QStringLiteral("/healthz")).status, 200);
        QCOMPARE(m_support->get(QStringLiteral("/v1/me")).status, 200);
        ApiClient other(m_server.baseUrl());
        QCOMPARE(other.get(QStringLiteral("/readyz")).status, 200);
        QCOMPARE(
            m_support->get(QStringLiteral("/v1/tenants?q=huge")).json()[u"data"].toArray().size(),
            0);
    }

    void unsupportedMediaType_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::newRow("text/plain") << QByteArray("text/plain");
        QTest::newRow("form") << QByteArray("application/x-www-form-urlencoded");
        QTest::newRow("json-ish") << QByteArray("application/jsonp");
    }

    void unsupportedMediaType()
    {
        QFETCH(QByteArray, contentType);
        const ApiResponse response = m_support->request(
            "POST",
            QStringLiteral("/v1/tenants"),
            "{\"name\":\"Typed\",\"region\":\"eu-west-1\"}",
            {{"Content-Type", contentType}, {"Idempotency-Key", newKey()}});
        VERIFY_ERROR(response,
                     415,
                     QStringLiteral("invalid_request_error"),
                     QStringLiteral("unsupported_media_type"));
        // With parameters and in another case, JSON is JSON.
        const ApiResponse json = m_support->request(
            "POST",
            QStringLiteral("/v1/tenants"),
            QByteArray("{\"name\":\"Typed ") + contentType.toHex() + "\",\"region\":\"eu\"}",
            {{"Content-Type", "Application/JSON; charset=utf-8"}, {"Idempotency-Key", newKey()}});
        QVERIFY2(json.status == 201, qPrintable(bodyOf(json)));
    }

    void unprocessable()
    {
        // docs/openapi.yaml: a well-formed body whose fields are missing or invalid gets 422
        // (an unknown plan_id or feature included); nothing is created.
        const auto createTenant = [this](const QByteArray &body) {
            return m_support->request("POST",
                                      QStringLiteral("/v1/tenants"),
                                      body,
                                      {{"Idempotency-Key", newKey()}});
        };
        VERIFY_ERROR(createTenant("{\"region\":\"x\"}"),
                     422,
                     QStringLiteral("invalid_request_error"),
                     QStringLiteral("parameter_missing"),
                     QStringLiteral("name"));
        VERIFY_ERROR(createTenant("{\"name\":\"Unplaced Co\"}"),
                     422,
                     QStringLiteral("invalid_request_error"),
                     QStringLiteral("parameter_missing"),
                     QStringLiteral("region"));
        VERIFY_ERROR(createTenant("{}"),
                     422,
                     QStringLiteral("invalid_request_error"),
                     QStringLiteral("parameter_missing"));

        const ApiResponse unknownPlan = m_support->post(
            QStringLiteral("/v1/tenants"),
            {{QStringLiteral("name"), QStringLiteral("Planned Co")},
             {QStringLiteral("region"), QStringLiteral("eu-west-1")},
             {QStringLiteral("plan_id"), QStringLiteral("pln_nosuchplan")}});
        VERIFY_ERROR(unknownPlan,
                     422,
                     QStringLiteral("invalid_request_error"),
                     QStringLiteral("resource_missing"),
                     QStringLiteral("plan_id"));
        QVERIFY(
            errorOf(unknownPlan)[u"message"].toString().contains(QStringLiteral("pln_nosuchplan")));
        QCOMPARE(m_support->get(QStringLiteral("/v1/tenants?q=planned-co"))
                     .json()[u"data"]
                     .toArray()
                     .size(),
                 0);
        // A plan that exists (looked up by key) is accepted.
        const ApiResponse planned = m_support->post(QStringLiteral("/v1/tenants"),
                                                    {{QStringLiteral("name"),
                                                      QStringLiteral("Planned Co")},
                                                     {QStringLiteral("region"),
                                                      QStringLiteral("eu-west-1")},
                                                     {QStringLiteral("plan_id"), m_freePlanId}});
        QVERIFY2(planned.status == 201, qPrintable(bodyOf(planned)));
        QCOMPARE(planned.json()[u"plan_id"].toString(), m_freePlanId);

        const ApiResponse unknownFeature = m_admin->post(
            QStringLiteral("/v1/plans"),
            {{QStringLiteral("key"), QStringLiteral("probe")},
             {QStringLiteral("name"), QStringLiteral("Probe")},
             {QStringLiteral("price"),
              QJsonObject{{QStringLiteral("amount"), 100},
                          {QStringLiteral("currency"), QStringLiteral("usd")}}},
             {QStringLiteral("interval"), QStringLiteral("month")},
             {QStringLiteral("features"), QJsonArray{QStringLiteral("teleportation")}}});
        VERIFY_ERROR(unknownFeature,
                     422,
                     QStringLiteral("invalid_request_error"),
                     QStringLiteral("resource_missing"),
                     QStringLiteral("features"));
        QVERIFY(m_admin->planId(QStringLiteral("probe")).isEmpty());

        // The body is still checked as JSON first: 400, not 422.
        VERIFY_ERROR(createTenant("{\"region\":"),
                     400,
                     QStringLiteral("invalid_request_error"),
                     QStringLiteral("invalid_json"));
    }

    void rateLimited()
    {
        TenantrydProcess limited({QStringLiteral("--rate-limit"),
                                  QStringLiteral("1"),
                                  QStringLiteral("--rate-burst"),
                                  QStringLiteral("3")});
        QVERIFY(limited.addUser(QStringLiteral("busy@example.com"),
                                QStringLiteral("viewer"),
                                QStringLiteral("a long passphrase 42")));
        QString error;
        QVERIFY2(limited.start(&error), qPrintable(error));
        ApiClient client(limited.baseUrl());
        QVERIFY(client.signIn(QStringLiteral("busy@example.com"),
                              QStringLiteral("a long passphrase 42")));

        ApiResponse refused;
        int served = 0;
        for (int i = 0; i < 20; ++i) {
            const ApiResponse response = client.get(QStringLiteral("/v1/me"));
            if (response.status == 429) {
                refused = response;
                break;
            }
            QCOMPARE(response.status, 200);
            QCOMPARE(response.header("RateLimit-Limit"), QByteArray("3"));
            QVERIFY(!response.header("RateLimit-Remaining").isEmpty());
            QVERIFY(!response.header("RateLimit-Reset").isEmpty());
            ++served;
        }
        QVERIFY2(refused.status == 429, "20 requests at once were never refused");
        QVERIFY2(served >= 1 && served <= 5, qPrintable(QString::number(served)));
        VERIFY_ERROR(refused,
                     429,
                     QStringLiteral("rate_limit_error"),
                     QStringLiteral("rate_limited"));
        bool ok = false;
        const int retryAfter = refused.header("Retry-After").toInt(&ok);
        QVERIFY2(ok && retryAfter >= 1 && retryAfter <= 5,
                 refused.header("Retry-After").constData());
        QCOMPARE(refused.header("RateLimit-Limit"), QByteArray("3"));
        QCOMPARE(refused.header("RateLimit-Remaining"), QByteArray("0"));
        QVERIFY(refused.header("RateLimit-Reset").toInt() >= 1);

        // The health probes are never limited; after Retry-After the API serves again.
        QCOMPARE(client.get(QStringLiteral("/healthz")).status, 200);
        QThread::msleep(static_cast<unsigned long>(retryAfter) * 1000 + 100);
        const ApiResponse again = client.get(QStringLiteral("/v1/me"));
        QVERIFY2(again.status == 200, qPrintable(bodyOf(again)));
        QCOMPARE(limited.stop(), 0);
    }

    void oddFiltersMatchLiterally_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("percent in q") << QStringLiteral("/v1/tenants?q=%25");
        QTest::newRow("underscore in q") << QStringLiteral("/v1/tenants?q=_");
        QTest::newRow("wildcards and quotes in q") << QStringLiteral("/v1/tenants?q=%25_%5C%27%22");
        QTest::newRow("quotes in plan") << QStringLiteral("/v1/tenants?plan=%27)%20OR%20(1=1");
        QTest::newRow("quotes in region")
            << QStringLiteral("/v1/tenants?region=%27%20OR%20%271%27=%271");
        QTest::newRow("odd audit filters")
            << QStringLiteral("/v1/audit-events?actor=%27&target=%22&action=%25");
    }

    void oddFiltersMatchLiterally()
    {
        // Filter values are data, not SQL or LIKE patterns: nothing matches these.
        QFETCH(QString, path);
        const ApiResponse response = m_admin->get(path);
        QVERIFY2(response.status == 200, qPrintable(bodyOf(response)));
        QCOMPARE(response.json()[u"data"].toArray().size(), 0);
    }

    void nothingLeaksFromOddInput_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("ifMatch");
        QTest::newRow("quote in id")
            << QByteArray("GET") << QStringLiteral("/v1/tenants/ten_'%20OR%201=1--") << QByteArray()
            << QByteArray();
        QTest::newRow("quote in cursor")
            << QByteArray("GET") << QStringLiteral("/v1/tenants?starting_after=ten_'%22;--")
            << QByteArray() << QByteArray();
        QTest::newRow("stray percent sign")
            << QByteArray("GET") << QStringLiteral("/v1/tenants/%zz") << QByteArray()
            << QByteArray();
        QTest::newRow("NUL in id") << QByteArray("GET") << QStringLiteral("/v1/tenants/ten_%00")
                                   << QByteArray() << QByteArray();
        QTest::newRow("long id") << QByteArray("GET")
                                 << QString(QStringLiteral("/v1/tenants/") + QString(5000, u'x'))
                                 << QByteArray() << QByteArray();
        QTest::newRow("deep JSON") << QByteArray("POST") << QStringLiteral("/v1/tenants")
                                   << QByteArray(100000, '[') << QByteArray();
        QTest::newRow("invalid UTF-8")
            << QByteArray("POST") << QStringLiteral("/v1/tenants")
            << QByteArray("{\"name\":\"\xff\xfe\",\"region\":\"eu\"}") << QByteArray();
        QTest::newRow("huge number")
            << QByteArray("POST") << QStringLiteral("/v1/tenants")
            << QByteArray("{\"name\":1e999999,\"region\":\"eu\"}") << QByteArray();
        QTest::newRow("slug with quotes")
            << QByteArray("POST") << QStringLiteral("/v1/tenants")
            << QByteArray("{\"name\":\"Q\",\"region\":\"eu\",\"slug\":\"a'b\"}") << QByteArray();
        QTest::newRow("negative If-Match")
            << QByteArray("PATCH") << QString(QStringLiteral("/v1/plans/") + m_freePlanId)
            << QByteArray("{\"name\":\"x\"}") << QByteArray("\"-1\"");
        QTest::newRow("overflowing If-Match")
            << QByteArray("PATCH") << QString(QStringLiteral("/v1/plans/") + m_freePlanId)
            << QByteArray("{\"name\":\"x\"}") << QByteArray("\"99999999999999999999999\"");
        QTest::newRow("trial days overflow")
            << QByteArray("PATCH") << QString(QStringLiteral("/v1/plans/") + m_freePlanId)
            << QByteArray("{\"trial_days\":99999999999999999999}") << QByteArray("\"1\"");
        QTest::newRow("price overflow")
            << QByteArray("POST") << QStringLiteral("/v1/plans")
            << QByteArray("{\"key\":\"big\",\"name\":\"Big\",\"price\":{\"amount\":1e300,"
                          "\"currency\":\"usd\"},\"interval\":\"month\"}")
            << QByteArray();
    }

    void nothingLeaksFromOddInput()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, ifMatch);
        Headers headers;
        if (method == "POST")
            headers.append({"Idempotency-Key", newKey()});
        if (!ifMatch.isEmpty())
            headers.append({"If-Match", ifMatch});
        const ApiResponse response = m_admin->request(method, path, body, headers);
        QVERIFY2(response.status >= 400 && response.status < 500, qPrintable(bodyOf(response)));
        const QJsonObject error = errorOf(response);
        QVERIFY2(!error[u"type"].toString().isEmpty() && !error[u"code"].toString().isEmpty(),
                 qPrintable(bodyOf(response)));
        QCOMPARE(error[u"request_id"].toString(), QString::fromUtf8(response.header("Request-Id")));
        const QStringList leaks = leaksIn(response.body, m_server.dataDir());
        QVERIFY2(leaks.isEmpty(),
                 qPrintable(leaks.join(QStringLiteral(", ")) + QStringLiteral(" in ")
                            + bodyOf(response)));
        QCOMPARE(m_admin->get(QStringLiteral("/healthz")).status, 200);
    }

    void cleanupTestCase() { QCOMPARE(m_server.stop(), 0); }

private:
    // The one error shape (use VERIFY_ERROR), with the given status, type, code (and param when given), a
    // Request-Id header of the documented form equal to error.request_id, and no internals.
    void checkError(const ApiResponse &response,
                    int status,
                    const QString &type,
                    const QString &code,
                    const QString &param = {})
    {
        const QString context = bodyOf(response);
        QVERIFY2(response.status == status, qPrintable(context));
        QVERIFY2(response.header("Content-Type").startsWith("application/json"),
                 qPrintable(context));
        const QJsonObject body = response.json();
        QVERIFY2(body.keys() == QStringList{QStringLiteral("error")}, qPrintable(context));
        const QJsonObject error = errorOf(response);
        const QStringList keys = error.keys();
        for (const char *key : {"type", "code", "message", "param", "request_id"})
            QVERIFY2(keys.contains(QLatin1StringView(key)),
                     qPrintable(QLatin1StringView(key) + QStringLiteral(" missing: ") + context));
        QCOMPARE(error[u"type"].toString(), type);
        QCOMPARE(error[u"code"].toString(), code);
        QVERIFY2(!error[u"message"].toString().isEmpty(), qPrintable(context));
        QVERIFY2(error[u"param"].isNull() || error[u"param"].isString(), qPrintable(context));
        if (!param.isEmpty())
            QCOMPARE(error[u"param"].toString(), param);
        static const QRegularExpression requestId(QStringLiteral("^req_[a-z2-7]{16}$"));
        const QString header = QString::fromUtf8(response.header("Request-Id"));
        QVERIFY2(requestId.match(header).hasMatch(), qPrintable(header));
        QCOMPARE(error[u"request_id"].toString(), header);
        const QStringList leaks = leaksIn(response.body, m_server.dataDir());
        QVERIFY2(leaks.isEmpty(),
                 qPrintable(leaks.join(QStringLiteral(", ")) + QStringLiteral(" in ") + context));
    }

    TenantrydProcess m_server{{QStringLiteral("--demo"),
                               QStringLiteral("--rate-limit"),
                               QStringLiteral("100000"),
                               QStringLiteral("--rate-burst"),
                               QStringLiteral("100000")}};
    std::unique_ptr<ApiClient> m_support;
    std::unique_ptr<ApiClient> m_admin;
    std::unique_ptr<ApiClient> m_viewer;
    QString m_freePlanId; // the demo's free plan (usd)
};

QTEST_GUILESS_MAIN(TestApiErrors)
#include "testapierrors.moc"
