// Role-based access control of a real tenantryd: every route, called by every role (and by
// nobody), gets its success status when the role holds the route's permission and exactly
// 403 permission_denied naming the permission when it does not. The route table of this test is
// checked against the server's router and against docs/openapi.yaml's x-permission values, and
// the role table against the permission table of docs/openapi.yaml (as /v1/me reports it).

#include "server/billing/stripe/stripesignature.h"
#include "server/serverapplication.h"
#include "tests/server/support/apiassertions.h"
#include "tests/server/support/apiclient.h"
#include "tests/server/support/tenantrydprocess.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QMap>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <memory>

using namespace Tenantry::TestSupport;

namespace {

struct RouteSpec
{
    const char *method;
    const char *path;
    const char *permission; // empty: any signed-in user
    bool needsToken;
    int success;
};

// What the API serves and what each operation needs (docs/openapi.yaml, /tmp/api-spec.md).
// clang-format off
constexpr RouteSpec kRoutes[] = {
    {"GET",    "/healthz",                    "",               false, 200},
    {"GET",    "/readyz",                     "",               false, 200},
    {"POST",   "/v1/sessions",                "",               false, 201},
    {"DELETE", "/v1/sessions/current",        "",               true,  204},
    {"GET",    "/v1/me",                      "",               true,  200},
    {"GET",    "/v1/users",                   "users.read",     true,  200},
    {"POST",   "/v1/users",                   "users.write",    true,  201},
    {"GET",    "/v1/tenants",                 "tenants.read",   true,  200},
    {"POST",   "/v1/tenants",                 "tenants.write",  true,  201},
    {"GET",    "/v1/tenants/{id}",            "tenants.read",   true,  200},
    {"PATCH",  "/v1/tenants/{id}",            "tenants.write",  true,  200},
    {"DELETE", "/v1/tenants/{id}",            "tenants.delete", true,  200},
    {"POST",   "/v1/tenants/{id}/suspend",    "tenants.write",  true,  200},
    {"POST",   "/v1/tenants/{id}/reactivate", "tenants.write",  true,  200},
    {"GET",    "/v1/tenants/{id}/notes",      "tenants.read",   true,  200},
    {"POST",   "/v1/tenants/{id}/notes",      "tenants.write",  true,  201},
    // 409 moves_need_postgresql instead on SQLite (testapitenantmoves).
    {"POST",   "/v1/tenants/{id}/move",       "tenants.delete", true,  202},
    {"GET",    "/v1/plans",                   "plans.read",     true,  200},
    {"POST",   "/v1/plans",                   "plans.write",    true,  201},
    {"GET",    "/v1/plans/{id}",              "plans.read",     true,  200},
    {"PATCH",  "/v1/plans/{id}",              "plans.write",    true,  200},
    {"GET",    "/v1/features",                "plans.read",     true,  200},
    {"GET",    "/v1/audit-events",            "audit.read",     true,  200},
    {"GET",    "/v1/subscriptions",                    "subscriptions.read",  true, 200},
    {"POST",   "/v1/subscriptions",                    "subscriptions.write", true, 201},
    {"GET",    "/v1/subscriptions/{id}",               "subscriptions.read",  true, 200},
    {"POST",   "/v1/subscriptions/{id}/change-plan",   "subscriptions.write", true, 200},
    {"POST",   "/v1/subscriptions/{id}/cancel",        "subscriptions.write", true, 200},
    {"POST",   "/v1/subscriptions/{id}/resume",        "subscriptions.write", true, 200},
    {"POST",   "/v1/subscriptions/{id}/extend-trial",  "subscriptions.write", true, 200},
    {"GET",    "/v1/invoices",                         "subscriptions.read",  true, 200},
    {"GET",    "/v1/tenants/{id}/entitlements",        "tenants.read",        true, 200},
    {"GET",    "/v1/tenants/{id}/feature-overrides",   "tenants.read",        true, 200},
    {"POST",   "/v1/tenants/{id}/feature-overrides",   "tenants.write",       true, 201},
    {"DELETE", "/v1/tenants/{id}/feature-overrides/{feature_key}", "tenants.write", true, 200},
    {"GET",    "/v1/tenants/{id}/users",               "tenants.read",        true, 200},
    {"POST",   "/v1/tenants/{id}/users",               "tenants.write",       true, 201},
    {"DELETE", "/v1/tenants/{id}/users/{user_id}",     "tenants.write",       true, 200},
    {"GET",    "/v1/tenants/{id}/api-keys",            "tenants.read",        true, 200},
    {"POST",   "/v1/tenants/{id}/api-keys",            "tenants.write",       true, 201},
    {"DELETE", "/v1/tenants/{id}/api-keys/{key_id}",   "tenants.write",       true, 200},
    // Tenant API keys only: every session gets 403 tenant_key_required (testapitenantkeys).
    {"GET",    "/v1/tenant",                           "",                    true, 403},
    {"GET",    "/v1/tenant/entitlements",              "",                    true, 403},
    {"GET",    "/v1/tenant/subscription",              "",                    true, 403},
    {"GET",    "/v1/metrics/events",                   "metrics.read",        true, 200},
    {"GET",    "/v1/metrics/spend",                    "spend.read",          true, 200},
    {"POST",   "/v1/metrics/spend",                    "spend.write",         true, 201},
    {"POST",   "/v1/webhooks/stripe",                  "",                    false, 200},
    {"GET",    "/v1/webhook-events",                   "billing.read",        true, 200},
    {"POST",   "/v1/webhook-events/{id}/replay",       "billing.write",       true, 200},
    // Reading one job needs the permission of its type (testapijobs); the route only a session.
    {"GET",    "/v1/jobs",                             "",                    true, 200},
    {"GET",    "/v1/jobs/{id}",                        "",                    true, 404},
    {"POST",   "/v1/jobs/{id}/resume",                 "tenants.delete",      true, 404},
    {"POST",   "/v1/jobs/{id}/rollback",               "tenants.delete",      true, 404},
    // 409 billing_provider_unavailable instead when the server has no billing provider.
    {"POST",   "/v1/billing/reconcile",                "billing.write",       true, 202},
    {"GET",    "/v1/billing/drift",                    "billing.read",        true, 200},
    {"POST",   "/v1/billing/drift/{id}/apply",         "billing.write",       true, 404},
    {"GET",    "/v1/billing",                          "billing.read",        true, 200},
    {"POST",   "/v1/billing/test-clock/advance",       "billing.write",       true, 200},
    {"POST",   "/v1/billing/customers/{tenant_id}/payment-outcome", "billing.write", true, 200},
};
// clang-format on

const QStringList kRoles = {QStringLiteral("owner"),
                            QStringLiteral("admin"),
                            QStringLiteral("support"),
                            QStringLiteral("finance"),
                            QStringLiteral("viewer")};

// The permissions of /tmp/api-spec.md and the roles that hold them.
const QStringList kPermissions = {QStringLiteral("tenants.read"),
                                  QStringLiteral("tenants.write"),
                                  QStringLiteral("tenants.delete"),
                                  QStringLiteral("plans.read"),
                                  QStringLiteral("plans.write"),
                                  QStringLiteral("users.read"),
                                  QStringLiteral("users.write"),
                                  QStringLiteral("audit.read"),
                                  QStringLiteral("spend.read"),
                                  QStringLiteral("spend.write"),
                                  QStringLiteral("subscriptions.read"),
                                  QStringLiteral("subscriptions.write"),
                                  QStringLiteral("metrics.read"),
                                  QStringLiteral("billing.read"),
                                  QStringLiteral("billing.write")};

QSet<QString> grantsOf(const QString &role)
{
    if (role == u"owner" || role == u"admin")
        return QSet<QString>(kPermissions.cbegin(), kPermissions.cend());
    if (role == u"support")
        return {QStringLiteral("tenants.read"),
                QStringLiteral("tenants.write"),
                QStringLiteral("plans.read"),
                QStringLiteral("audit.read"),
                QStringLiteral("subscriptions.read"),
                QStringLiteral("subscriptions.write")};
    if (role == u"finance")
        return {QStringLiteral("tenants.read"),
                QStringLiteral("plans.read"),
                QStringLiteral("audit.read"),
                QStringLiteral("spend.read"),
                QStringLiteral("spend.write"),
                QStringLiteral("subscriptions.read"),
                QStringLiteral("metrics.read"),
                QStringLiteral("billing.read")};
    if (role == u"viewer")
        return {QStringLiteral("tenants.read"),
                QStringLiteral("plans.read"),
                QStringLiteral("subscriptions.read")};
    return {};
}

const std::string kWebhookSecret = "whsec_rbac_test_secret";

// A Stripe event of a type without a handler (stored as ignored), and its Stripe-Signature.
QPair<QByteArray, QByteArray> signedEvent(const QString &id)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QByteArray body = QJsonDocument(
                                QJsonObject{{QStringLiteral("id"), id},
                                            {QStringLiteral("object"), QStringLiteral("event")},
                                            {QStringLiteral("type"), QStringLiteral("rbac.ping")},
                                            {QStringLiteral("created"), now},
                                            {QStringLiteral("data"),
                                             QJsonObject{
                                                 {QStringLiteral("object"), QJsonObject{}}}}})
                                .toJson(QJsonDocument::Compact);
    const std::string v1 = Tenantry::Server::StripeSignature::sign(kWebhookSecret,
                                                                   now,
                                                                   body.toStdString());
    return {body, "t=" + QByteArray::number(now) + ",v1=" + QByteArray::fromStdString(v1)};
}

QString operationOf(const RouteSpec &route)
{
    return QLatin1StringView(route.method) + QLatin1Char(' ') + QLatin1StringView(route.path);
}

// "METHOD /path" -> x-permission ("" when the operation has none), from the `paths:` block of
// the OpenAPI document (plain block YAML: paths indented by two, methods by four, operation
// keys by six spaces).
QMap<QString, QString> documentedPermissions(const QString &fileName, QString *error)
{
    QMap<QString, QString> operations;
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = QStringLiteral("cannot read ") + fileName;
        return operations;
    }
    static const QSet<QString> methods = {QStringLiteral("get"),
                                          QStringLiteral("put"),
                                          QStringLiteral("post"),
                                          QStringLiteral("delete"),
                                          QStringLiteral("patch"),
                                          QStringLiteral("head"),
                                          QStringLiteral("options")};
    bool inPaths = false;
    QString path;
    QString operation;
    while (!file.atEnd()) {
        QString line = QString::fromUtf8(file.readLine());
        if (line.endsWith(u'\n'))
            line.chop(1);
        if (!line.isEmpty() && !line.startsWith(u' ') && !line.startsWith(u'#')) {
            inPaths = line.startsWith(QStringLiteral("paths:"));
            operation.clear();
            continue;
        }
        if (!inPaths)
            continue;
        if (line.startsWith(QStringLiteral("  /")) && line.endsWith(u':')) {
            path = line.mid(2, line.size() - 3);
            if (path.startsWith(u'\'') && path.endsWith(u'\''))
                path = path.mid(1, path.size() - 2);
            operation.clear();
            continue;
        }
        if (line.startsWith(QStringLiteral("    ")) && line.size() > 4 && line.at(4) != u' ') {
            const QString key = line.mid(4, line.indexOf(u':') - 4);
            if (methods.contains(key)) {
                operation = key.toUpper() + QLatin1Char(' ') + path;
                operations.insert(operation, QString());
            } else {
                operation.clear();
            }
            continue;
        }
        if (!operation.isEmpty() && line.startsWith(QStringLiteral("      x-permission:")))
            operations[operation] = line.mid(line.indexOf(u':') + 1).trimmed();
    }
    return operations;
}

} // namespace

class TestApiRbac : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
        for (const QString &role : kRoles) {
            auto client = std::make_unique<ApiClient>(m_server.baseUrl());
            QVERIFY2(client->signIn(emailOf(role), m_server.demoPassword(role)), qPrintable(role));
            m_clients[role] = std::move(client);
        }
        // The demo's free plan, by key (its id is opaque).
        const ApiResponse plans = m_clients[QStringLiteral("owner")]->get(
            QStringLiteral("/v1/plans?limit=100"));
        QVERIFY2(plans.status == 200, qPrintable(bodyOf(plans)));
        const QJsonArray data = plans.json()[u"data"].toArray();
        for (const QJsonValue plan : data) {
            if (plan[u"key"].toString() == u"free"
                && plan[u"price"][u"currency"].toString() == u"usd")
                m_freePlanId = plan[u"id"].toString();
        }
        QVERIFY2(m_freePlanId.startsWith(QStringLiteral("pln_")), qPrintable(bodyOf(plans)));
        m_proPlanId = m_clients[QStringLiteral("owner")]->planId(QStringLiteral("pro"));
        // GET /v1/billing names the provider; without one (or without that route) reconciling
        // is refused.
        const ApiResponse billing = m_clients[QStringLiteral("owner")]->get(
            QStringLiteral("/v1/billing"));
        m_hasBillingProvider = billing.status == 200
                               && billing.json()[u"provider"].toString() != u"none";
        QVERIFY(m_proPlanId.startsWith(QStringLiteral("pln_")));
    }

    void routeTableMatchesTheRouter()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        Tenantry::Result<Tenantry::Server::ServerConfig>
            config = Tenantry::Server::ServerConfig::load({"--data-dir",
                                                           directory.path().toStdString()},
                                                          {});
        QVERIFY(config.hasValue());
        auto app = Tenantry::Server::ServerApplication::create(*config, {});
        QVERIFY(app.hasValue());

        QSet<QString> served;
        for (const Tenantry::Server::Router::Route &route : (*app)->router().routes())
            served.insert(
                QString::fromStdString(std::string(toString(route.method)) + ' ' + route.pattern));
        QSet<QString> tabled;
        for (const RouteSpec &route : kRoutes)
            tabled.insert(operationOf(route));
        for (const QString &operation : std::as_const(served))
            QVERIFY2(tabled.contains(operation),
                     qPrintable(operation + QStringLiteral(" is served but not in this test")));
        for (const QString &operation : std::as_const(tabled))
            QVERIFY2(served.contains(operation),
                     qPrintable(operation + QStringLiteral(" is in this test but not served")));
    }

    void routeTableMatchesTheContract()
    {
        QString error;
        const QMap<QString, QString> documented = documentedPermissions(
            QStringLiteral(TENANTRY_TEST_DATA_DIR "/../../docs/openapi.yaml"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(documented.size(), qsizetype(std::size(kRoutes)));
        for (const RouteSpec &route : kRoutes) {
            const QString operation = operationOf(route);
            QVERIFY2(documented.contains(operation),
                     qPrintable(operation + QStringLiteral(" is not in docs/openapi.yaml")));
            QVERIFY2(documented.value(operation) == QLatin1StringView(route.permission),
                     qPrintable(operation + QStringLiteral(": x-permission is '")
                                + documented.value(operation) + QStringLiteral("', expected '")
                                + QLatin1StringView(route.permission) + QLatin1Char('\'')));
        }
    }

    void rolesHoldTheirPermissions_data()
    {
        QTest::addColumn<QString>("role");
        for (const QString &role : kRoles)
            QTest::newRow(qPrintable(role)) << role;
    }

    void rolesHoldTheirPermissions()
    {
        QFETCH(QString, role);
        const ApiResponse me = m_clients[role]->get(QStringLiteral("/v1/me"));
        QCOMPARE(me.status, 200);
        QCOMPARE(me.json()[u"role"].toString(), role);
        QSet<QString> held;
        const QJsonArray permissions = me.json()[u"permissions"].toArray();
        for (const QJsonValue permission : permissions) {
            if (kPermissions.contains(permission.toString()))
                held.insert(permission.toString());
        }
        QCOMPARE(held, grantsOf(role));
    }

    void everyRouteForEveryRole_data()
    {
        QTest::addColumn<int>("route");
        QTest::addColumn<QString>("role"); // empty: no token
        for (int i = 0; i < int(std::size(kRoutes)); ++i) {
            const RouteSpec &route = kRoutes[i];
            for (const QString &role : kRoles)
                QTest::addRow("%s %s as %s", route.method, route.path, qPrintable(role))
                    << i << role;
            if (route.needsToken)
                QTest::addRow("%s %s without a token", route.method, route.path) << i << QString();
        }
    }

    void everyRouteForEveryRole()
    {
        QFETCH(int, route);
        QFETCH(QString, role);
        const RouteSpec &spec = kRoutes[route];
        const QString operation = operationOf(spec);
        const QString permission = QLatin1StringView(spec.permission);
        const int n = ++m_counter;
        const QByteArray method(spec.method);

        // Set up what the request needs, as the owner (who may do anything).
        ApiClient &owner = *m_clients[QStringLiteral("owner")];
        QString path = QLatin1StringView(spec.path);
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        QString tenantId;
        QString subscriberId;
        int tenantVersion = 0;
        if (path.contains(QStringLiteral("/v1/tenants/{id}"))) {
            const ApiResponse created = owner.post(QStringLiteral("/v1/tenants"),
                                                   {{QStringLiteral("name"),
                                                     QStringLiteral("Rbac tenant %1").arg(n)},
                                                    {QStringLiteral("region"),
                                                     QStringLiteral("eu-west-1")}});
            QVERIFY2(created.status == 201, qPrintable(bodyOf(created)));
            tenantId = created.json()[u"id"].toString();
            tenantVersion = 1;
            if (path.endsWith(QStringLiteral("/reactivate"))) {
                QCOMPARE(owner
                             .post(QStringLiteral("/v1/tenants/") + tenantId
                                       + QStringLiteral("/suspend"),
                                   {})
                             .status,
                         200);
                tenantVersion = 2;
            }
            path.replace(QStringLiteral("{id}"), tenantId);
            if (path.contains(QStringLiteral("{feature_key}"))) {
                const ApiResponse set = owner.post(
                    QStringLiteral("/v1/tenants/%1/feature-overrides").arg(tenantId),
                    {{QStringLiteral("feature_key"), QStringLiteral("sso")},
                     {QStringLiteral("enabled"), true},
                     {QStringLiteral("reason"), QStringLiteral("pilot")}});
                QVERIFY2(set.status == 201, qPrintable(bodyOf(set)));
                path.replace(QStringLiteral("{feature_key}"), QStringLiteral("sso"));
            }
            if (path.contains(QStringLiteral("{key_id}"))) {
                const ApiResponse made = owner.post(
                    QStringLiteral("/v1/tenants/%1/api-keys").arg(tenantId),
                    {{QStringLiteral("name"), QStringLiteral("rbac key %1").arg(n)}});
                QVERIFY2(made.status == 201, qPrintable(bodyOf(made)));
                path.replace(QStringLiteral("{key_id}"), made.json()[u"id"].toString());
            }
            if (path.contains(QStringLiteral("{user_id}"))) {
                const ApiResponse added = owner.post(
                    QStringLiteral("/v1/tenants/%1/users").arg(tenantId),
                    {{QStringLiteral("email"), QStringLiteral("user%1@rbac.example").arg(n)},
                     {QStringLiteral("name"), QStringLiteral("Rbac user")}});
                QVERIFY2(added.status == 201, qPrintable(bodyOf(added)));
                path.replace(QStringLiteral("{user_id}"), added.json()[u"id"].toString());
            }
        } else if (path.contains(QStringLiteral("{tenant_id}"))) {
            const ApiResponse created = owner.post(QStringLiteral("/v1/tenants"),
                                                   {{QStringLiteral("name"),
                                                     QStringLiteral("Rbac customer %1").arg(n)},
                                                    {QStringLiteral("region"),
                                                     QStringLiteral("eu-west-1")}});
            QVERIFY2(created.status == 201, qPrintable(bodyOf(created)));
            path.replace(QStringLiteral("{tenant_id}"), created.json()[u"id"].toString());
        } else if (path.contains(QStringLiteral("/v1/subscriptions"))) {
            // A tenant on the paid plan (in its trial), as the subscription routes need.
            const ApiResponse created = owner.post(QStringLiteral("/v1/tenants"),
                                                   {{QStringLiteral("name"),
                                                     QStringLiteral("Rbac subscriber %1").arg(n)},
                                                    {QStringLiteral("region"),
                                                     QStringLiteral("eu-west-1")}});
            QVERIFY2(created.status == 201, qPrintable(bodyOf(created)));
            subscriberId = created.json()[u"id"].toString();
            if (path.contains(QStringLiteral("{id}"))) {
                const ApiResponse subscribed = owner.post(QStringLiteral("/v1/subscriptions"),
                                                          {{QStringLiteral("tenant_id"),
                                                            subscriberId},
                                                           {QStringLiteral("plan_id"),
                                                            m_proPlanId}});
                QVERIFY2(subscribed.status == 201, qPrintable(bodyOf(subscribed)));
                const QString subscriptionId = subscribed.json()[u"id"].toString();
                if (path.endsWith(QStringLiteral("/resume"))) {
                    const ApiResponse scheduled = owner.post(
                        QStringLiteral("/v1/subscriptions/%1/cancel").arg(subscriptionId), {});
                    QVERIFY2(scheduled.status == 200, qPrintable(bodyOf(scheduled)));
                }
                path.replace(QStringLiteral("{id}"), subscriptionId);
            }
        } else if (path.contains(QStringLiteral("/v1/webhook-events/{id}"))) {
            // An ignored event to replay, delivered as Stripe would.
            const QString eventId = QStringLiteral("evt_rbac_replay_%1").arg(n);
            const auto [eventBody, signature] = signedEvent(eventId);
            const ApiResponse delivered = owner.request("POST",
                                                        QStringLiteral("/v1/webhooks/stripe"),
                                                        eventBody,
                                                        {{"Stripe-Signature", signature}});
            QVERIFY2(delivered.status == 200, qPrintable(bodyOf(delivered)));
            path.replace(QStringLiteral("{id}"), eventId);
        } else if (path.startsWith(QStringLiteral("/v1/jobs/{id}"))) {
            path.replace(QStringLiteral("{id}"), QStringLiteral("job_rbac_unknown"));
        } else if (path.startsWith(QStringLiteral("/v1/billing/drift/{id}"))) {
            path.replace(QStringLiteral("{id}"), QStringLiteral("drf_rbac_unknown"));
        } else if (path.contains(QStringLiteral("/v1/plans/{id}"))) {
            QString planId = m_freePlanId;
            if (method == "PATCH") {
                const ApiResponse created = owner.post(QStringLiteral("/v1/plans"),
                                                       planBody(
                                                           QStringLiteral("rbac-patch-%1").arg(n)));
                QVERIFY2(created.status == 201, qPrintable(bodyOf(created)));
                planId = created.json()[u"id"].toString();
            }
            path.replace(QStringLiteral("{id}"), planId);
        }

        QString createdName;
        const auto compact = [](const QJsonObject &object) {
            return QJsonDocument(object).toJson(QJsonDocument::Compact);
        };
        if (operation == u"POST /v1/tenants/{id}/move") {
            body = compact({{QStringLiteral("target"), QStringLiteral("silo")}});
        } else if (operation == u"POST /v1/subscriptions") {
            body = compact({{QStringLiteral("tenant_id"), subscriberId},
                            {QStringLiteral("plan_id"), m_proPlanId}});
        } else if (operation == u"POST /v1/subscriptions/{id}/change-plan") {
            body = compact({{QStringLiteral("quantity"), 3}});
        } else if (operation == u"POST /v1/billing/test-clock/advance") {
            body = compact({{QStringLiteral("seconds"), 60}});
        } else if (operation == u"POST /v1/billing/customers/{tenant_id}/payment-outcome") {
            body = compact({{QStringLiteral("outcome"), QStringLiteral("fails")}});
        } else if (operation == u"POST /v1/subscriptions/{id}/extend-trial") {
            body = compact({{QStringLiteral("days"), 7}});
        } else if (operation == u"POST /v1/tenants/{id}/feature-overrides") {
            body = compact({{QStringLiteral("feature_key"), QStringLiteral("audit_logs")},
                            {QStringLiteral("enabled"), true},
                            {QStringLiteral("reason"), QStringLiteral("trial of audit logs")}});
        } else if (operation == u"POST /v1/tenants/{id}/api-keys") {
            body = compact({{QStringLiteral("name"), QStringLiteral("key %1").arg(n)}});
        } else if (operation == u"POST /v1/tenants/{id}/users") {
            body = compact({{QStringLiteral("email"), QStringLiteral("new%1@rbac.example").arg(n)},
                            {QStringLiteral("name"), QStringLiteral("New user")}});
        } else if (operation == u"POST /v1/metrics/spend") {
            // A month of its own for every call, so that each one creates.
            body = compact({{QStringLiteral("month"),
                             QStringLiteral("%1-%2")
                                 .arg(2030 + n / 12)
                                 .arg(n % 12 + 1, 2, 10, QLatin1Char('0'))},
                            {QStringLiteral("amount"), 1000 + n},
                            {QStringLiteral("currency"), QStringLiteral("usd")}});
        } else if (operation == u"POST /v1/webhooks/stripe") {
            const auto [eventBody, signature] = signedEvent(QStringLiteral("evt_rbac_%1").arg(n));
            body = eventBody;
            headers.append({"Stripe-Signature", signature});
        } else if (operation == u"POST /v1/sessions") {
            body = QJsonDocument(
                       QJsonObject{{QStringLiteral("email"), emailOf(role)},
                                   {QStringLiteral("password"), m_server.demoPassword(role)}})
                       .toJson(QJsonDocument::Compact);
        } else if (operation == u"POST /v1/users") {
            body = QJsonDocument(QJsonObject{{QStringLiteral("email"),
                                              QStringLiteral("rbac-%1@example.com").arg(n)},
                                             {QStringLiteral("password"),
                                              QStringLiteral("a long passphrase 42")},
                                             {QStringLiteral("role"), QStringLiteral("viewer")}})
                       .toJson(QJsonDocument::Compact);
        } else if (operation == u"POST /v1/tenants") {
            createdName = QStringLiteral("Rbac created %1 Qrbx").arg(n);
            body = QJsonDocument(
                       QJsonObject{{QStringLiteral("name"), createdName},
                                   {QStringLiteral("region"), QStringLiteral("us-east-1")}})
                       .toJson(QJsonDocument::Compact);
        } else if (operation == u"POST /v1/plans") {
            body = QJsonDocument(planBody(QStringLiteral("rbac-new-%1").arg(n)))
                       .toJson(QJsonDocument::Compact);
        } else if (operation == u"PATCH /v1/tenants/{id}") {
            body = QJsonDocument(QJsonObject{{QStringLiteral("notes"), QStringLiteral("changed")}})
                       .toJson(QJsonDocument::Compact);
        } else if (operation == u"PATCH /v1/plans/{id}") {
            body = QJsonDocument(QJsonObject{{QStringLiteral("trial_days"), 30}})
                       .toJson(QJsonDocument::Compact);
        } else if (operation == u"POST /v1/tenants/{id}/notes") {
            body = QJsonDocument(QJsonObject{{QStringLiteral("body"), QStringLiteral("a note")}})
                       .toJson(QJsonDocument::Compact);
        } else if (method == "POST") {
            body = "{}";
        }
        if (method == "POST" && operation != u"POST /v1/sessions")
            headers.append({"Idempotency-Key", QByteArray("rbac-" + QByteArray::number(n))});
        if (method == "PATCH" || method == "DELETE")
            headers.append({QByteArray("If-Match"), QByteArray("\"1\"")}); // a fresh version

        // The caller: the role's long-lived session, or (signing out) a fresh one of its own.
        ApiClient caller(m_server.baseUrl());
        if (!role.isEmpty() && spec.needsToken) {
            if (operation == u"DELETE /v1/sessions/current")
                QVERIFY(caller.signIn(emailOf(role), m_server.demoPassword(role)));
            else
                caller.setToken(m_clients[role]->token());
        }
        const ApiResponse response = caller.request(method, path, body, headers);
        const QString context = operation + QStringLiteral(" as ")
                                + (role.isEmpty() ? QStringLiteral("nobody") : role)
                                + QStringLiteral(" -> ") + bodyOf(response);

        const QJsonObject error = response.json()[u"error"].toObject();
        if (role.isEmpty()) {
            QVERIFY2(response.status == 401, qPrintable(context));
            QCOMPARE(error[u"type"].toString(), QStringLiteral("authentication_error"));
            QCOMPARE(error[u"code"].toString(), QStringLiteral("unauthenticated"));
            return;
        }
        if (path == u"/v1/tenant" || path.startsWith(QStringLiteral("/v1/tenant/"))) {
            QVERIFY2(response.status == 403, qPrintable(context));
            QCOMPARE(error[u"type"].toString(), QStringLiteral("permission_error"));
            QCOMPARE(error[u"code"].toString(), QStringLiteral("tenant_key_required"));
            return;
        }
        const bool allowed = permission.isEmpty() || grantsOf(role).contains(permission);
        if (allowed) {
            QVERIFY2(response.status != 403, qPrintable(context));
            const bool movesNeedPostgres = !TenantrydProcess::usesPostgres()
                                           && (operation == u"POST /v1/tenants/{id}/move"
                                               || operation.startsWith(u"POST /v1/jobs/"));
            const int success = (operation == u"POST /v1/billing/reconcile" && !m_hasBillingProvider)
                                        || movesNeedPostgres
                                    ? 409
                                    : spec.success;
            QVERIFY2(response.status == success, qPrintable(context));
            return;
        }
        QVERIFY2(response.status == 403, qPrintable(context));
        QCOMPARE(error[u"type"].toString(), QStringLiteral("permission_error"));
        QCOMPARE(error[u"code"].toString(), QStringLiteral("permission_denied"));
        QVERIFY2(error[u"message"].toString().contains(permission), qPrintable(context));
        QCOMPARE(error[u"request_id"].toString(), QString::fromUtf8(response.header("Request-Id")));

        // A refused request changes nothing.
        if (!tenantId.isEmpty()) {
            const ApiResponse tenant = owner.get(QStringLiteral("/v1/tenants/") + tenantId);
            QCOMPARE(tenant.json()[u"version"].toInt(), tenantVersion);
            QVERIFY(tenant.json()[u"notes"].isNull());
        }
        if (operation == u"POST /v1/subscriptions") {
            const ApiResponse found = owner.get(QStringLiteral("/v1/subscriptions?tenant_id=")
                                                + subscriberId);
            QCOMPARE(found.json()[u"data"].toArray().size(), 0);
        }
        if (!createdName.isEmpty()) {
            const ApiResponse found = owner.get(
                QStringLiteral("/v1/tenants?q=rbac-created-%1-qrbx").arg(n));
            QCOMPARE(found.json()[u"data"].toArray().size(), 0);
        }
    }

    void adminsCannotCreateOwners()
    {
        const auto userBody = [](const QString &email, const QString &role) {
            return QJsonObject{{QStringLiteral("email"), email},
                               {QStringLiteral("password"),
                                QStringLiteral("another long passphrase")},
                               {QStringLiteral("role"), role}};
        };
        ApiClient &admin = *m_clients[QStringLiteral("admin")];
        ApiClient &owner = *m_clients[QStringLiteral("owner")];

        const ApiResponse refused = admin.post(QStringLiteral("/v1/users"),
                                               userBody(QStringLiteral(
                                                            "new-owner-by-admin@example.com"),
                                                        QStringLiteral("owner")));
        QVERIFY2(refused.status == 403, qPrintable(bodyOf(refused)));
        QCOMPARE(refused.json()[u"error"][u"type"].toString(), QStringLiteral("permission_error"));
        QCOMPARE(refused.errorCode(), QStringLiteral("permission_denied"));

        const ApiResponse byOwner = owner.post(QStringLiteral("/v1/users"),
                                               userBody(QStringLiteral("new-owner@example.com"),
                                                        QStringLiteral("owner")));
        QVERIFY2(byOwner.status == 201, qPrintable(bodyOf(byOwner)));
        QCOMPARE(byOwner.json()[u"object"].toString(), QStringLiteral("user"));
        QCOMPARE(byOwner.json()[u"role"].toString(), QStringLiteral("owner"));
        QVERIFY(byOwner.json()[u"id"].toString().startsWith(QStringLiteral("usr_")));

        const ApiResponse adminByAdmin = admin.post(QStringLiteral("/v1/users"),
                                                    userBody(QStringLiteral(
                                                                 "new-admin@example.com"),
                                                             QStringLiteral("admin")));
        QVERIFY2(adminByAdmin.status == 201, qPrintable(bodyOf(adminByAdmin)));

        const ApiResponse users = owner.get(QStringLiteral("/v1/users?limit=100"));
        QCOMPARE(users.status, 200);
        QStringList emails;
        const QJsonArray data = users.json()[u"data"].toArray();
        for (const QJsonValue user : data)
            emails << user[u"email"].toString();
        QVERIFY(emails.contains(QStringLiteral("new-owner@example.com")));
        QVERIFY(emails.contains(QStringLiteral("new-admin@example.com")));
        QVERIFY(!emails.contains(QStringLiteral("new-owner-by-admin@example.com")));

        // The new owner can sign in and holds every permission.
        ApiClient newOwner(m_server.baseUrl());
        QVERIFY(newOwner.signIn(QStringLiteral("new-owner@example.com"),
                                QStringLiteral("another long passphrase")));
        QCOMPARE(newOwner.get(QStringLiteral("/v1/users")).status, 200);
    }

    void cleanupTestCase() { QCOMPARE(m_server.stop(), 0); }

private:
    static QString emailOf(const QString &role)
    {
        return role + QStringLiteral("@demo.tenantry.dev");
    }

    static QJsonObject planBody(const QString &key)
    {
        return {{QStringLiteral("key"), key},
                {QStringLiteral("name"), QStringLiteral("Rbac plan")},
                {QStringLiteral("price"),
                 QJsonObject{{QStringLiteral("amount"), 1000},
                             {QStringLiteral("currency"), QStringLiteral("usd")}}},
                {QStringLiteral("interval"), QStringLiteral("month")}};
    }

    TenantrydProcess m_server{{QStringLiteral("--demo"),
                               QStringLiteral("--stripe-webhook-secret"),
                               QString::fromStdString(kWebhookSecret),
                               QStringLiteral("--rate-limit"),
                               QStringLiteral("100000"),
                               QStringLiteral("--rate-burst"),
                               QStringLiteral("100000")}};
    std::map<QString, std::unique_ptr<ApiClient>> m_clients;
    QString m_freePlanId; // the demo's free plan (usd)
    QString m_proPlanId;  // the demo's monthly pro plan (usd), with a 14-day trial
    bool m_hasBillingProvider = false;
    int m_counter = 0;
};

QTEST_GUILESS_MAIN(TestApiRbac)
#include "testapirbac.moc"
