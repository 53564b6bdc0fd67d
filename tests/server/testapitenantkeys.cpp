// Tenant-scoped API keys against a real tenantryd (SQLite, and PostgreSQL in the _postgres
// variant, where row-level security backs the tenant transaction): staff create, list and revoke
// keys (the secret shown once, never listed, audited or logged); a key reads its own tenant,
// entitlements and subscription and nothing of another tenant, whatever the request says; it is
// refused on every staff route and every mutation; a revoked key is 401; the staff routes'
// permissions; and the rate limit per key.

#include "tests/server/support/apiassertions.h"
#include "tests/server/support/apiclient.h"
#include "tests/server/support/tenantrydprocess.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUuid>
#include <QtTest>

#include <memory>

using namespace Tenantry::TestSupport;

namespace {

const QString kPermissionError = QStringLiteral("permission_error");
const QString kAuthenticationError = QStringLiteral("authentication_error");

QString keysPath(const QString &tenantId, const QString &rest = {})
{
    return QStringLiteral("/v1/tenants/") + tenantId + QStringLiteral("/api-keys") + rest;
}

bool isSecret(const QString &secret)
{
    static const QRegularExpression format(QStringLiteral("^tk_live_[A-Za-z0-9_-]{43}$"));
    return format.match(secret).hasMatch();
}

} // namespace

class TestApiTenantKeys : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
        for (const auto &[client, role] : {std::pair{&m_admin, "admin"},
                                           std::pair{&m_support, "support"},
                                           std::pair{&m_finance, "finance"},
                                           std::pair{&m_viewer, "viewer"}}) {
            *client = std::make_unique<ApiClient>(m_server.baseUrl());
            const QString name = QLatin1StringView(role);
            QVERIFY2((*client)->signIn(name + QStringLiteral("@demo.tenantry.dev"),
                                       m_server.demoPassword(name)),
                     role);
        }
        const QString pro = m_support->planId(QStringLiteral("pro"));
        QVERIFY(!pro.isEmpty());
        m_tenantA = createTenant(QStringLiteral("Key Holder A"));
        m_tenantB = createTenant(QStringLiteral("Key Holder B"));
        QVERIFY(!m_tenantA.isEmpty() && !m_tenantB.isEmpty());
        for (const QString &tenant : {m_tenantA, m_tenantB}) {
            const ApiResponse subscribed = m_support->post(QStringLiteral("/v1/subscriptions"),
                                                           {{QStringLiteral("tenant_id"), tenant},
                                                            {QStringLiteral("plan_id"), pro},
                                                            {QStringLiteral("trial_days"), 0}});
            QVERIFY2(subscribed.status == 201, qPrintable(bodyOf(subscribed)));
        }
        m_keyA = createKey(*m_support, m_tenantA, QStringLiteral("app A"));
        m_keyB = createKey(*m_support, m_tenantB, QStringLiteral("app B"));
        QVERIFY(isSecret(m_keyA.secret) && isSecret(m_keyB.secret));
        QVERIFY(m_keyA.secret != m_keyB.secret);
        m_clientA = clientWith(m_keyA.secret);
        m_clientB = clientWith(m_keyB.secret);
    }

    void createdKeyIsShownOnce()
    {
        const ApiResponse created = m_support->post(keysPath(m_tenantA),
                                                    {{QStringLiteral("name"),
                                                      QStringLiteral("shown once")}},
                                                    "tk-once-1");
        QVERIFY2(created.status == 201, qPrintable(bodyOf(created)));
        const QJsonObject key = created.json();
        QCOMPARE(key[u"object"].toString(), QStringLiteral("tenant_api_key"));
        QVERIFY(key[u"id"].toString().startsWith(QStringLiteral("tak_")));
        QCOMPARE(key[u"tenant_id"].toString(), m_tenantA);
        QCOMPARE(key[u"name"].toString(), QStringLiteral("shown once"));
        QVERIFY(key[u"revoked_at"].isNull());
        QVERIFY(isSecret(key[u"secret"].toString()));
        QCOMPARE(created.header("Cache-Control"), QByteArray("no-store"));
        m_secrets << key[u"secret"].toString();

        // A retry with the same Idempotency-Key is the stored first answer: the same key and
        // secret again, and no second key.
        const ApiResponse replayed = m_support->post(keysPath(m_tenantA),
                                                     {{QStringLiteral("name"),
                                                       QStringLiteral("shown once")}},
                                                     "tk-once-1");
        QCOMPARE(replayed.status, 201);
        QCOMPARE(replayed.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(replayed.json()[u"id"].toString(), key[u"id"].toString());
        // The secret is shown once: the stored answer that a replay sends holds none.
        QVERIFY(replayed.json()[u"secret"].isNull());
        QVERIFY(key[u"secret"].toString().startsWith(u"tk_live_"));

        // The list: paged, newest first, without secrets or hashes.
        const ApiResponse list = m_viewer->get(keysPath(m_tenantA) + QStringLiteral("?limit=1"));
        QVERIFY2(list.status == 200, qPrintable(bodyOf(list)));
        QCOMPARE(idsOf(list), QStringList{key[u"id"].toString()});
        QCOMPARE(list.json()[u"has_more"].toBool(), true);
        const ApiResponse rest = m_viewer->get(keysPath(m_tenantA)
                                               + QStringLiteral("?limit=10&starting_after=")
                                               + key[u"id"].toString());
        QVERIFY2(rest.status == 200, qPrintable(bodyOf(rest)));
        QCOMPARE(idsOf(rest), QStringList{m_keyA.id});
        for (const ApiResponse *page : {&list, &rest}) {
            QVERIFY(!page->body.contains("tk_live_"));
            QVERIFY(!page->body.contains("secret"));
            QVERIFY(!page->body.contains("hash"));
        }
        // B's list does not hold A's keys, and a cursor of A's list is refused there.
        const ApiResponse listB = m_viewer->get(keysPath(m_tenantB));
        QCOMPARE(idsOf(listB), QStringList{m_keyB.id});
        QCOMPARE(m_viewer->get(keysPath(m_tenantB) + QStringLiteral("?starting_after=") + m_keyA.id)
                     .status,
                 400);

        // Validation.
        for (const QJsonObject &body :
             {QJsonObject{},
              QJsonObject{{QStringLiteral("name"), QString()}},
              QJsonObject{{QStringLiteral("name"), QString(201, QLatin1Char('n'))}},
              QJsonObject{{QStringLiteral("name"), 7}},
              QJsonObject{{QStringLiteral("name"), QStringLiteral("x")},
                          {QStringLiteral("tenant_id"), m_tenantB}}}) {
            const ApiResponse refused = m_support->post(keysPath(m_tenantA), body);
            QVERIFY2(refused.status == 400 || refused.status == 422, qPrintable(bodyOf(refused)));
        }
        QCOMPARE(m_support
                     ->post(keysPath(QStringLiteral("ten_nosuchtenant00000")),
                            {{QStringLiteral("name"), QStringLiteral("x")}})
                     .status,
                 404);
    }

    void keyReadsItsOwnTenant()
    {
        for (const auto &[client, tenant, other] :
             {std::tuple{m_clientA.get(), m_tenantA, m_tenantB},
              std::tuple{m_clientB.get(), m_tenantB, m_tenantA}}) {
            const ApiResponse own = client->get(QStringLiteral("/v1/tenant"));
            QVERIFY2(own.status == 200, qPrintable(bodyOf(own)));
            QCOMPARE(own.json()[u"object"].toString(), QStringLiteral("tenant"));
            QCOMPARE(own.json()[u"id"].toString(), tenant);
            // Limited fields: nothing staff keep about the customer.
            for (const char16_t *field : {u"contact_email", u"notes", u"stripe_customer_id"})
                QVERIFY(!own.json().contains(QStringView(field)));
            QVERIFY(!own.body.contains(other.toUtf8()));

            // The same entitlements as the staff route.
            const ApiResponse entitlements = client->get(QStringLiteral("/v1/tenant/entitlements"));
            QVERIFY2(entitlements.status == 200, qPrintable(bodyOf(entitlements)));
            const ApiResponse staff = m_viewer->get(QStringLiteral("/v1/tenants/") + tenant
                                                    + QStringLiteral("/entitlements"));
            QCOMPARE(staff.status, 200);
            QCOMPARE(entitlements.json(), staff.json());
            QVERIFY(entitlements.json()[u"data"].toArray().size() > 0);

            const ApiResponse subscription = client->get(QStringLiteral("/v1/tenant/subscription"));
            QVERIFY2(subscription.status == 200, qPrintable(bodyOf(subscription)));
            QCOMPARE(subscription.json()[u"object"].toString(), QStringLiteral("subscription"));
            QCOMPARE(subscription.json()[u"tenant_id"].toString(), tenant);
            QCOMPARE(subscription.json()[u"status"].toString(), QStringLiteral("active"));
        }

        // A tenant without a subscription: 404.
        const QString bare = createTenant(QStringLiteral("Unsubscribed"));
        const KeyMade key = createKey(*m_admin, bare, QStringLiteral("bare"));
        const std::unique_ptr<ApiClient> client = clientWith(key.secret);
        const QString mismatch = errorMismatch(client->get(
                                                   QStringLiteral("/v1/tenant/subscription")),
                                               404,
                                               QStringLiteral("invalid_request_error"),
                                               QStringLiteral("resource_missing"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(client->get(QStringLiteral("/v1/tenant")).json()[u"id"].toString(), bare);
    }

    void noRequestNamesAnotherTenant()
    {
        const QString b = m_tenantB;
        const QStringList attempts = {
            QStringLiteral("/v1/tenant?tenant_id=") + b,
            QStringLiteral("/v1/tenant?id=") + b,
            QStringLiteral("/v1/tenant/entitlements?tenant_id=") + b,
            QStringLiteral("/v1/tenant/subscription?tenant_id=") + b,
            QStringLiteral("/v1/tenant/subscription?tenant_id=") + b + QStringLiteral("&tenant_id=")
                + b,
            QStringLiteral("/v1/tenant/") + b,
            QStringLiteral("/v1/tenant/") + b + QStringLiteral("/entitlements"),
            QStringLiteral("/v1/tenant/../tenants/") + b,
            QStringLiteral("/v1/tenant/%2e%2e/tenants/") + b,
            QStringLiteral("/v1/tenant/entitlements/../../tenants/") + b
                + QStringLiteral("/entitlements"),
            QStringLiteral("/v1/tenant;tenant_id=") + b,
            QStringLiteral("/v1/tenant%3Ftenant_id=") + b,
            QStringLiteral("//v1/tenant?tenant_id=") + b,
            QStringLiteral("/v1/tenants/") + b + QStringLiteral("/../../tenant"),
        };
        for (const QString &path : attempts) {
            const ApiResponse response = m_clientA->get(path);
            QVERIFY2(response.status == 200 || (response.status >= 400 && response.status < 500),
                     qPrintable(path + QStringLiteral(": ") + bodyOf(response)));
            // Whatever the answer, nothing of B: its id appears only where the request echoed it
            // into an error message, never as data.
            if (response.status == 200) {
                QVERIFY2(!response.body.contains(b.toUtf8()), qPrintable(path));
                const QJsonObject json = response.json();
                const QString tenant = json.contains(u"tenant_id") ? json[u"tenant_id"].toString()
                                                                   : json[u"id"].toString();
                if (json[u"object"].toString() != u"list")
                    QCOMPARE(tenant, m_tenantA);
            }
        }
        // The plain query parameter is ignored: A's tenant.
        QCOMPARE(m_clientA->get(attempts.front()).json()[u"id"].toString(), m_tenantA);
        // A header naming B changes nothing either.
        const ApiResponse withHeader = m_clientA->request("GET",
                                                          QStringLiteral("/v1/tenant"),
                                                          {},
                                                          {{"X-Tenant-Id", b.toUtf8()},
                                                           {"Tenant-Id", b.toUtf8()}});
        QCOMPARE(withHeader.json()[u"id"].toString(), m_tenantA);
    }

    void keyIsRefusedOnStaffRoutesAndMutations()
    {
        const QString a = m_tenantA;
        const QString b = m_tenantB;
        const QList<std::pair<QByteArray, QString>> staffRoutes = {
            {"GET", QStringLiteral("/v1/tenants")},
            {"GET", QStringLiteral("/v1/tenants/") + b},
            {"GET", QStringLiteral("/v1/tenants/") + a},
            {"GET", QStringLiteral("/v1/tenants/") + a + QStringLiteral("/entitlements")},
            {"GET", keysPath(a)},
            {"GET", QStringLiteral("/v1/subscriptions?tenant_id=") + a},
            {"GET", QStringLiteral("/v1/me")},
            {"GET", QStringLiteral("/v1/audit-events")},
            {"POST", QStringLiteral("/v1/tenants")},
            {"POST", keysPath(a)},
            {"POST", QStringLiteral("/v1/tenants/") + a + QStringLiteral("/feature-overrides")},
            {"PATCH", QStringLiteral("/v1/tenants/") + a},
            {"DELETE", keysPath(a, QLatin1Char('/') + m_keyA.id)},
            {"DELETE", QStringLiteral("/v1/sessions/current")},
        };
        for (const auto &[method, path] : staffRoutes) {
            const ApiResponse response = m_clientA->request(method,
                                                            path,
                                                            "{\"name\":\"x\"}",
                                                            {{"Idempotency-Key",
                                                              QUuid::createUuid().toByteArray()},
                                                             {"If-Match", "\"1\""}});
            const QString what = QString::fromLatin1(method) + QLatin1Char(' ') + path;
            if (response.status == 404 || response.status == 405)
                continue; // no such route for that method: nothing reached a handler
            const QString mismatch = errorMismatch(response,
                                                   403,
                                                   kPermissionError,
                                                   QStringLiteral("tenant_key_not_allowed"));
            QVERIFY2(mismatch.isEmpty(), qPrintable(what + QStringLiteral(": ") + mismatch));
        }
        // The key is still valid and A's data unchanged.
        QCOMPARE(m_clientA->get(QStringLiteral("/v1/tenant")).status, 200);
        QCOMPARE(idsOf(m_viewer->get(keysPath(a))).contains(m_keyA.id), true);

        // The tenant routes take no mutation.
        for (const QByteArray &method :
             {QByteArray("POST"), QByteArray("PATCH"), QByteArray("PUT"), QByteArray("DELETE")}) {
            for (const QString &path : {QStringLiteral("/v1/tenant"),
                                        QStringLiteral("/v1/tenant/entitlements"),
                                        QStringLiteral("/v1/tenant/subscription")}) {
                const ApiResponse response = m_clientA->request(
                    method, path, "{}", {{"Idempotency-Key", QUuid::createUuid().toByteArray()}});
                QVERIFY2(response.status == 405,
                         qPrintable(QString::fromLatin1(method) + QLatin1Char(' ') + path
                                    + QStringLiteral(": ") + bodyOf(response)));
            }
        }

        // A staff session on a tenant route: 403 tenant_key_required; no token or a malformed
        // key: 401.
        const QString mismatch = errorMismatch(m_admin->get(QStringLiteral("/v1/tenant")),
                                               403,
                                               kPermissionError,
                                               QStringLiteral("tenant_key_required"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        ApiClient anonymous(m_server.baseUrl());
        QCOMPARE(anonymous.get(QStringLiteral("/v1/tenant")).status, 401);
        for (const QString &token :
             {QStringLiteral("tk_live_short"),
              QString(QStringLiteral("tk_live_") + QString(43, QLatin1Char('A'))),
              QString(m_keyA.secret.left(m_keyA.secret.size() - 1) + QLatin1Char('!'))}) {
            const std::unique_ptr<ApiClient> client = clientWith(token);
            const QString bad = errorMismatch(client->get(QStringLiteral("/v1/tenant")),
                                              401,
                                              kAuthenticationError,
                                              QStringLiteral("unauthenticated"));
            QVERIFY2(bad.isEmpty(), qPrintable(token + QStringLiteral(": ") + bad));
        }
    }

    void revokedKeyIsRefused()
    {
        const KeyMade key = createKey(*m_support, m_tenantA, QStringLiteral("to revoke"));
        const std::unique_ptr<ApiClient> client = clientWith(key.secret);
        QCOMPARE(client->get(QStringLiteral("/v1/tenant")).status, 200);

        // Another tenant's path does not reach A's key.
        QCOMPARE(m_support->del(keysPath(m_tenantB, QLatin1Char('/') + key.id), {}).status, 404);
        QCOMPARE(client->get(QStringLiteral("/v1/tenant")).status, 200);

        const ApiResponse revoked = m_support->del(keysPath(m_tenantA, QLatin1Char('/') + key.id),
                                                   {});
        QVERIFY2(revoked.status == 200, qPrintable(bodyOf(revoked)));
        QCOMPARE(revoked.json()[u"id"].toString(), key.id);
        QVERIFY(!revoked.json()[u"revoked_at"].toString().isEmpty());
        for (const QString &path : {QStringLiteral("/v1/tenant"),
                                    QStringLiteral("/v1/tenant/entitlements"),
                                    QStringLiteral("/v1/tenant/subscription")}) {
            const QString mismatch = errorMismatch(client->get(path),
                                                   401,
                                                   kAuthenticationError,
                                                   QStringLiteral("unauthenticated"));
            QVERIFY2(mismatch.isEmpty(), qPrintable(path + QStringLiteral(": ") + mismatch));
        }
        // Revoking again changes nothing; the other keys still work.
        const ApiResponse again = m_support->del(keysPath(m_tenantA, QLatin1Char('/') + key.id), {});
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json()[u"revoked_at"], revoked.json()[u"revoked_at"]);
        QCOMPARE(m_clientA->get(QStringLiteral("/v1/tenant")).status, 200);

        // Audited, without the secret.
        const ApiResponse audit = m_admin->get(QStringLiteral("/v1/audit-events?target=") + key.id);
        QVERIFY2(audit.status == 200, qPrintable(bodyOf(audit)));
        QCOMPARE(idsOf(audit, u"action"),
                 (QStringList{QStringLiteral("tenant_api_key.revoked"),
                              QStringLiteral("tenant_api_key.created")}));
        QVERIFY(!audit.body.contains(key.secret.toUtf8()));
    }

    void deletedTenantsKeysStop()
    {
        const QString tenant = createTenant(QStringLiteral("Soon gone"));
        const KeyMade key = createKey(*m_support, tenant, QStringLiteral("gone"));
        const std::unique_ptr<ApiClient> client = clientWith(key.secret);
        QCOMPARE(client->get(QStringLiteral("/v1/tenant")).status, 200);
        // Suspended: the application still reads its tenant, and learns that.
        QCOMPARE(m_support
                     ->post(QStringLiteral("/v1/tenants/") + tenant + QStringLiteral("/suspend"), {})
                     .status,
                 200);
        const ApiResponse suspended = client->get(QStringLiteral("/v1/tenant"));
        QCOMPARE(suspended.status, 200);
        QCOMPARE(suspended.json()[u"status"].toString(), QStringLiteral("suspended"));
        // Deleted: 401.
        const ApiResponse deleted = m_admin->del(QStringLiteral("/v1/tenants/") + tenant, "\"2\"");
        QVERIFY2(deleted.status == 200, qPrintable(bodyOf(deleted)));
        const QString mismatch = errorMismatch(client->get(QStringLiteral("/v1/tenant")),
                                               401,
                                               kAuthenticationError,
                                               QStringLiteral("unauthenticated"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        // And it gets no new keys.
        QCOMPARE(m_support->post(keysPath(tenant), {{QStringLiteral("name"), QStringLiteral("x")}})
                     .status,
                 409);
    }

    void staffRoutePermissions()
    {
        // tenants.read lists (every role); tenants.write creates and revokes (owner, admin,
        // support).
        for (ApiClient *reader : {m_admin.get(), m_support.get(), m_finance.get(), m_viewer.get()})
            QCOMPARE(reader->get(keysPath(m_tenantB)).status, 200);
        for (ApiClient *refused : {m_finance.get(), m_viewer.get()}) {
            const QString created = errorMismatch(refused->post(keysPath(m_tenantB),
                                                                {{QStringLiteral("name"),
                                                                  QStringLiteral("x")}}),
                                                  403,
                                                  kPermissionError,
                                                  QStringLiteral("permission_denied"));
            QVERIFY2(created.isEmpty(), qPrintable(created));
            const QString revoked = errorMismatch(
                refused->del(keysPath(m_tenantB, QLatin1Char('/') + m_keyB.id), {}),
                403,
                kPermissionError,
                QStringLiteral("permission_denied"));
            QVERIFY2(revoked.isEmpty(), qPrintable(revoked));
        }
        QCOMPARE(m_clientB->get(QStringLiteral("/v1/tenant")).status, 200);
        const KeyMade byAdmin = createKey(*m_admin, m_tenantB, QStringLiteral("admin's"));
        QVERIFY(isSecret(byAdmin.secret));
    }

    void secretIsNeverLogged()
    {
        const ApiResponse audit = m_admin->get(
            QStringLiteral("/v1/audit-events?action=tenant_api_key.created&limit=100"));
        QVERIFY2(audit.status == 200, qPrintable(bodyOf(audit)));
        QVERIFY(audit.json()[u"data"].toArray().size() >= 3);
        QVERIFY(!audit.body.contains("tk_live_"));
        QVERIFY(!audit.body.contains("secret"));

        // Every secret this test saw, against everything the server wrote: the access log
        // (stdout, complete once the server has stopped) and the error log (stderr).
        QCOMPARE(m_server.stop(), 0);
        const QByteArray output = m_server.standardOutput() + m_server.standardError();
        QVERIFY(!m_secrets.isEmpty());
        QVERIFY2(output.contains("/v1/tenant/entitlements"), output.right(2000).constData());
        for (const QString &secret : std::as_const(m_secrets)) {
            QVERIFY2(!output.contains(secret.toUtf8()), "a tenant API key secret in the log");
            // Nor its random part alone.
            QVERIFY(!output.contains(secret.mid(8).toUtf8()));
        }
        // Nor in any file of the data folder (the SQLite database, its WAL, the replays kept
        // for Idempotency-Keys). On PostgreSQL the folder holds only the database's name.
        QDirIterator files(m_server.dataDir(), QDir::Files, QDirIterator::Subdirectories);
        int read = 0;
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            ++read;
            for (const QString &secret : std::as_const(m_secrets))
                QVERIFY2(!bytes.contains(secret.mid(8).toUtf8()),
                         qPrintable(QStringLiteral("a tenant API key secret in ")
                                    + file.fileName()));
        }
        QVERIFY(read > 0);
    }

    void rateLimitIsPerKey()
    {
        // A server whose buckets hardly refill. The per-address bucket (one for every client
        // here: they all come from 127.0.0.1) runs out before a key's, so the key's own budget
        // shows in the RateLimit-* headers the guard sets: each key counts only its own
        // requests.
        TenantrydProcess limited{{QStringLiteral("--demo"),
                                  QStringLiteral("--rate-limit"),
                                  QStringLiteral("0.001"),
                                  QStringLiteral("--rate-burst"),
                                  QStringLiteral("1000")}};
        QString error;
        QVERIFY2(limited.start(&error), qPrintable(error));
        ApiClient staff(limited.baseUrl());
        QVERIFY(staff.signIn(QStringLiteral("support@demo.tenantry.dev"),
                             limited.demoPassword(QStringLiteral("support"))));
        QList<QString> secrets;
        for (int i = 0; i < 2; ++i) {
            const ApiResponse tenant = staff.post(QStringLiteral("/v1/tenants"),
                                                  {{QStringLiteral("name"),
                                                    QStringLiteral("Limited %1").arg(i)},
                                                   {QStringLiteral("region"),
                                                    QStringLiteral("eu-west-1")}});
            QVERIFY2(tenant.status == 201, qPrintable(bodyOf(tenant)));
            const ApiResponse key = staff.post(keysPath(tenant.json()[u"id"].toString()),
                                               {{QStringLiteral("name"), QStringLiteral("k")}});
            QVERIFY2(key.status == 201, qPrintable(bodyOf(key)));
            secrets << key.json()[u"secret"].toString();
        }
        const std::unique_ptr<ApiClient> first = clientWith(secrets[0], limited.baseUrl());
        for (int i = 1; i <= 3; ++i) {
            const ApiResponse allowed = first->get(QStringLiteral("/v1/tenant"));
            QVERIFY2(allowed.status == 200, qPrintable(bodyOf(allowed)));
            QCOMPARE(allowed.header("RateLimit-Limit"), QByteArray("1000"));
            QCOMPARE(allowed.header("RateLimit-Remaining"), QByteArray::number(1000 - i));
        }
        // Another key has its own budget; the first key's goes on from where it was.
        const std::unique_ptr<ApiClient> second = clientWith(secrets[1], limited.baseUrl());
        const ApiResponse other = second->get(QStringLiteral("/v1/tenant"));
        QCOMPARE(other.status, 200);
        QCOMPARE(other.header("RateLimit-Remaining"), QByteArray("999"));
        QCOMPARE(first->get(QStringLiteral("/v1/tenant")).header("RateLimit-Remaining"),
                 QByteArray("996"));
        // A refused request (a key on a staff route) is answered before the limiter.
        QCOMPARE(first->get(QStringLiteral("/v1/tenants")).status, 403);
        QCOMPARE(first->get(QStringLiteral("/v1/tenant")).header("RateLimit-Remaining"),
                 QByteArray("995"));
    }

private:
    struct KeyMade
    {
        QString id;
        QString secret;
    };

    QString createTenant(const QString &prefix)
    {
        const ApiResponse created = m_support->post(
            QStringLiteral("/v1/tenants"),
            {{QStringLiteral("name"),
              QString(prefix + QLatin1Char(' ') + QString::number(++m_counter))},
             {QStringLiteral("region"), QStringLiteral("eu-west-1")}});
        if (created.status != 201) {
            QTest::qFail(qPrintable(bodyOf(created)), __FILE__, __LINE__);
            return {};
        }
        return created.json()[u"id"].toString();
    }

    KeyMade createKey(ApiClient &staff, const QString &tenantId, const QString &name)
    {
        const ApiResponse created = staff.post(keysPath(tenantId), {{QStringLiteral("name"), name}});
        if (created.status != 201) {
            QTest::qFail(qPrintable(bodyOf(created)), __FILE__, __LINE__);
            return {};
        }
        KeyMade key{created.json()[u"id"].toString(), created.json()[u"secret"].toString()};
        m_secrets << key.secret;
        return key;
    }

    std::unique_ptr<ApiClient> clientWith(const QString &token, const QString &baseUrl = {})
    {
        auto client = std::make_unique<ApiClient>(baseUrl.isEmpty() ? m_server.baseUrl() : baseUrl);
        client->setToken(token);
        return client;
    }

    TenantrydProcess m_server{{QStringLiteral("--demo"),
                               QStringLiteral("--rate-limit"),
                               QStringLiteral("100000"),
                               QStringLiteral("--rate-burst"),
                               QStringLiteral("100000")}};
    std::unique_ptr<ApiClient> m_admin;
    std::unique_ptr<ApiClient> m_support;
    std::unique_ptr<ApiClient> m_finance;
    std::unique_ptr<ApiClient> m_viewer;
    std::unique_ptr<ApiClient> m_clientA;
    std::unique_ptr<ApiClient> m_clientB;
    QString m_tenantA;
    QString m_tenantB;
    KeyMade m_keyA;
    KeyMade m_keyB;
    QStringList m_secrets;
    int m_counter = 0;
};

QTEST_GUILESS_MAIN(TestApiTenantKeys)
#include "testapitenantkeys.moc"
