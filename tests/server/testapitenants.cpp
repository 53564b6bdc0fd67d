// The tenant resource of a real tenantryd with demo data: create, read, list and its filters,
// versioned updates with If-Match, suspend/reactivate/delete, notes, the audit trail,
// idempotent creation (replays, reused keys, concurrent requests with one key) and cursor
// pagination while other requests insert tenants.

#include "tests/server/support/apiassertions.h"
#include "tests/server/support/apiclient.h"
#include "tests/server/support/tenantrydprocess.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QThread>
#include <QTimeZone>
#include <QUrl>
#include <QUuid>
#include <QtTest>

#include <atomic>
#include <latch>
#include <memory>
#include <thread>
#include <vector>

using namespace Tenantry::TestSupport;

namespace {

// Microseconds since the epoch of an RFC 3339 UTC time as the API writes it
// ("2025-11-20T09:30:00Z" or "2025-11-20T09:30:00.250000Z"); -1 if it is not one.
qint64 microsOf(const QString &text)
{
    static const QRegularExpression format(
        QStringLiteral(R"(^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{6}))?Z$)"));
    const QRegularExpressionMatch match = format.match(text);
    if (!match.hasMatch())
        return -1;
    QDateTime seconds = QDateTime::fromString(match.captured(1), Qt::ISODate);
    seconds.setTimeZone(QTimeZone::utc());
    if (!seconds.isValid())
        return -1;
    const qint64 fraction = match.captured(2).isEmpty() ? 0 : match.captured(2).toLongLong();
    return seconds.toSecsSinceEpoch() * 1000000 + fraction;
}

// The whole seconds of `micros` as "YYYY-MM-DDTHH:MM:SSZ", shifted by `offsetSeconds` into
// the form "...+HH:MM" when non-zero (the same instant, written in another offset).
QString rfc3339(qint64 micros, int offsetSeconds = 0)
{
    const QDateTime utc = QDateTime::fromSecsSinceEpoch(micros / 1000000, QTimeZone::utc());
    if (offsetSeconds == 0)
        return utc.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + QLatin1Char('Z');
    const QDateTime shifted = utc.toOffsetFromUtc(offsetSeconds);
    return shifted.toString(Qt::ISODate);
}

QJsonObject tenantBody(const QString &name, const QString &region = QStringLiteral("eu-west-1"))
{
    return QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("region"), region}};
}

QByteArray newKey()
{
    return QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
}

// docs/openapi.yaml's form of an id: the prefix and 25 lower-case Crockford base32 characters,
// or 16 (ids made before ids began with their time, and the demo's deterministic ids).
bool isId(const QJsonValue &value, const QString &prefix)
{
    static const QRegularExpression tail(
        QStringLiteral("^[0-9a-hjkmnp-tv-z]{16}(?:[0-9a-hjkmnp-tv-z]{9})?$"));
    const QString text = value.toString();
    return text.startsWith(prefix) && tail.match(text.mid(prefix.size())).hasMatch();
}

// How `tenant` departs from docs/openapi.yaml's Tenant schema; empty when it does not.
QStringList tenantViolations(const QJsonObject &tenant)
{
    QStringList problems;
    static const QStringList required = {QStringLiteral("object"),
                                         QStringLiteral("id"),
                                         QStringLiteral("slug"),
                                         QStringLiteral("name"),
                                         QStringLiteral("status"),
                                         QStringLiteral("isolation"),
                                         QStringLiteral("region"),
                                         QStringLiteral("plan_id"),
                                         QStringLiteral("contact_email"),
                                         QStringLiteral("notes"),
                                         QStringLiteral("created_at"),
                                         QStringLiteral("updated_at"),
                                         QStringLiteral("deleted_at"),
                                         QStringLiteral("version")};
    for (const QString &key : required) {
        if (!tenant.contains(key))
            problems << key + QStringLiteral(" missing");
    }
    if (tenant[u"object"].toString() != u"tenant")
        problems << QStringLiteral("object is not tenant");
    if (!isId(tenant[u"id"], QStringLiteral("ten_")))
        problems << QStringLiteral("id ") + tenant[u"id"].toString();
    if (!tenant[u"plan_id"].isNull() && !isId(tenant[u"plan_id"], QStringLiteral("pln_")))
        problems << QStringLiteral("plan_id ") + tenant[u"plan_id"].toString();
    static const QStringList statuses = {QStringLiteral("active"),
                                         QStringLiteral("suspended"),
                                         QStringLiteral("deleted")};
    if (!statuses.contains(tenant[u"status"].toString()))
        problems << QStringLiteral("status ") + tenant[u"status"].toString();
    // A tenant's placement; "hybrid" is a deployment, never a tenant's value.
    static const QStringList isolations = {QStringLiteral("pool"), QStringLiteral("silo")};
    if (!isolations.contains(tenant[u"isolation"].toString()))
        problems << QStringLiteral("isolation ") + tenant[u"isolation"].toString();
    for (const char16_t *key : {u"created_at", u"updated_at"}) {
        if (microsOf(tenant[QStringView(key)].toString()) < 0)
            problems << QStringView(key).toString() + QStringLiteral(" is not RFC 3339 UTC");
    }
    if (!tenant[u"deleted_at"].isNull() && microsOf(tenant[u"deleted_at"].toString()) < 0)
        problems << QStringLiteral("deleted_at is not RFC 3339 UTC");
    if (!tenant[u"version"].isDouble() || tenant[u"version"].toInt() < 1)
        problems << QStringLiteral("version");
    return problems;
}

} // namespace

class TestApiTenants : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
        m_support = std::make_unique<ApiClient>(m_server.baseUrl());
        m_admin = std::make_unique<ApiClient>(m_server.baseUrl());
        QVERIFY(m_support->signIn(QStringLiteral("support@demo.tenantry.dev"),
                                  m_server.demoPassword(QStringLiteral("support"))));
        QVERIFY(m_admin->signIn(QStringLiteral("admin@demo.tenantry.dev"),
                                m_server.demoPassword(QStringLiteral("admin"))));
        const ApiResponse me = m_support->get(QStringLiteral("/v1/me"));
        QCOMPARE(me.status, 200);
        m_supportUserId = me.json()[u"id"].toString();
        QVERIFY(m_supportUserId.startsWith(QStringLiteral("usr_")));
    }

    void createReturnsTheNewTenant()
    {
        const QString name = uniqueName(QStringLiteral("Zephyr Rockets, Ltd."));
        QJsonObject body = tenantBody(name);
        body[QStringLiteral("isolation")] = QStringLiteral("pool"); // where every tenant starts
        body[QStringLiteral("contact_email")] = QStringLiteral("Ops@Zephyr-Rockets.Example");
        const ApiResponse created = m_support->post(QStringLiteral("/v1/tenants"), body);
        QCOMPARE(created.status, 201);
        const QJsonObject tenant = created.json();
        const QString id = tenant[u"id"].toString();
        QVERIFY2(isId(id, QStringLiteral("ten_")), qPrintable(id));
        QCOMPARE(created.header("Location"), QByteArray(QByteArray("/v1/tenants/") + id.toUtf8()));
        QCOMPARE(created.header("ETag"), QByteArray("\"1\""));
        QVERIFY(!created.header("Request-Id").isEmpty());
        QVERIFY(created.header("Idempotent-Replayed").isEmpty());

        QCOMPARE(tenant[u"object"].toString(), QStringLiteral("tenant"));
        QCOMPARE(tenant[u"name"].toString(), name);
        // The slug is derived from the name: lower case, runs of other characters become one
        // dash, no dash at either end.
        QCOMPARE(tenant[u"slug"].toString(), slugOf(name));
        QCOMPARE(tenant[u"contact_email"].toString(), QStringLiteral("ops@zephyr-rockets.example"));
        QCOMPARE(tenant[u"status"].toString(), QStringLiteral("active"));
        QCOMPARE(tenant[u"isolation"].toString(), QStringLiteral("pool"));
        QCOMPARE(tenant[u"region"].toString(), QStringLiteral("eu-west-1"));
        QCOMPARE(tenant[u"version"].toInt(), 1);
        QVERIFY(tenant[u"plan_id"].isNull());
        QVERIFY(tenant[u"notes"].isNull());
        QVERIFY(tenant[u"deleted_at"].isNull());
        QVERIFY(microsOf(tenant[u"created_at"].toString()) > 0);
        QCOMPARE(tenant[u"updated_at"], tenant[u"created_at"]);

        QVERIFY2(tenantViolations(tenant).isEmpty(),
                 qPrintable(tenantViolations(tenant).join(QStringLiteral(", "))));
        const ApiResponse read = m_support->get(QStringLiteral("/v1/tenants/") + id);
        QCOMPARE(read.status, 200);
        QCOMPARE(read.header("ETag"), QByteArray("\"1\""));
        QCOMPARE(read.json(), tenant);

        // A slug given is kept as given; isolation defaults to pool.
        QJsonObject withSlug = tenantBody(uniqueName(QStringLiteral("Slugged")),
                                          QStringLiteral("us-east-1"));
        const QString slug = QStringLiteral("explicit-") + QString::number(++m_counter);
        withSlug[QStringLiteral("slug")] = slug;
        const ApiResponse explicitSlug = m_support->post(QStringLiteral("/v1/tenants"), withSlug);
        QCOMPARE(explicitSlug.status, 201);
        QCOMPARE(explicitSlug.json()[u"slug"].toString(), slug);
        QCOMPARE(explicitSlug.json()[u"isolation"].toString(), QStringLiteral("pool"));

        const ApiResponse missing = m_support->get(
            QStringLiteral("/v1/tenants/ten_nosuchtenant00000"));
        QVERIFY2(errorMismatch(missing,
                               404,
                               QStringLiteral("invalid_request_error"),
                               QStringLiteral("resource_missing"))
                     .isEmpty(),
                 qPrintable(bodyOf(missing)));
    }

    void listFiltersCombine()
    {
        const QString token = QStringLiteral("Qflt%1x").arg(++m_counter);
        const QString query = token.toLower();
        QJsonObject alphaBody = tenantBody(QStringLiteral("Filter Alpha ") + token,
                                           QStringLiteral("eu-west-1"));
        alphaBody[QStringLiteral("contact_email")] = QString(QStringLiteral("alpha-") + query
                                                             + QStringLiteral("@filters.example"));
        QJsonObject betaBody = tenantBody(QStringLiteral("Filter Beta ") + token,
                                          QStringLiteral("us-east-1"));
        QJsonObject gammaBody = tenantBody(QStringLiteral("Filter Gamma ") + token,
                                           QStringLiteral("eu-west-1"));
        const ApiResponse alpha = m_support->post(QStringLiteral("/v1/tenants"), alphaBody);
        const ApiResponse beta = m_support->post(QStringLiteral("/v1/tenants"), betaBody);
        const ApiResponse gamma = m_support->post(QStringLiteral("/v1/tenants"), gammaBody);
        QCOMPARE(alpha.status, 201);
        QCOMPARE(beta.status, 201);
        QCOMPARE(gamma.status, 201);
        const QString a = alpha.json()[u"id"].toString();
        const QString b = beta.json()[u"id"].toString();
        const QString c = gamma.json()[u"id"].toString();
        QCOMPARE(m_support->post(QStringLiteral("/v1/tenants/") + c + QStringLiteral("/suspend"), {})
                     .status,
                 200);

        const auto list = [this](const QString &parameters) {
            return m_support->get(QStringLiteral("/v1/tenants?") + parameters);
        };
        const QString q = QStringLiteral("q=") + query;

        ApiResponse response = list(q);
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json()[u"object"].toString(), QStringLiteral("list"));
        QCOMPARE(response.json()[u"has_more"].toBool(), false);
        QVERIFY(response.json()[u"next_cursor"].isNull());
        QCOMPARE(idsOf(response), (QStringList{c, b, a})); // newest first

        QCOMPARE(idsOf(list(q + QStringLiteral("&region=eu-west-1"))), (QStringList{c, a}));
        // New tenants start in the pool (a silo is reached by a move: testapitenantmoves).
        QCOMPARE(idsOf(list(q + QStringLiteral("&isolation=pool&region=eu-west-1"))),
                 (QStringList{c, a}));
        QCOMPARE(idsOf(list(q + QStringLiteral("&isolation=silo"))), QStringList{});
        QCOMPARE(idsOf(list(q + QStringLiteral("&status=suspended"))), QStringList{c});
        QCOMPARE(idsOf(list(q + QStringLiteral("&status=active"))), (QStringList{b, a}));
        QCOMPARE(idsOf(list(q + QStringLiteral("&status=deleted"))), QStringList{});
        // q matches an exact id, and substrings of the contact email and the slug.
        QCOMPARE(idsOf(list(QStringLiteral("q=") + a)), QStringList{a});
        QCOMPARE(idsOf(list(QStringLiteral("q=alpha-") + query)), QStringList{a});
        QCOMPARE(idsOf(list(QStringLiteral("q=filter-beta-") + query)), QStringList{b});

        // Every item of a filtered page satisfies the filter (over the demo data too).
        for (const auto &[parameter, field, value] :
             {std::tuple{"region", u"region", "ap-southeast-2"},
              std::tuple{"isolation", u"isolation", "pool"},
              std::tuple{"status", u"status", "suspended"}}) {
            const ApiResponse page = list(QLatin1StringView(parameter) + QLatin1Char('=')
                                          + QLatin1StringView(value) + QStringLiteral("&limit=100"));
            QCOMPARE(page.status, 200);
            const QJsonArray data = page.json()[u"data"].toArray();
            QVERIFY(!data.isEmpty());
            for (const QJsonValue tenant : data)
                QCOMPARE(tenant[field].toString(), QString(QLatin1StringView(value)));
        }

        // updated_since: inclusive, in any offset; all demo tenants are older.
        const qint64 created = microsOf(alpha.json()[u"updated_at"].toString());
        QVERIFY(created > 0);
        const QString since = rfc3339(created); // whole seconds: at or before alpha's change
        response = list(QStringLiteral("limit=100&updated_since=") + since);
        QCOMPARE(response.status, 200);
        QStringList ids = idsOf(response);
        QVERIFY2(ids.contains(a) && ids.contains(b) && ids.contains(c),
                 qPrintable(bodyOf(response)));
        const QJsonArray recent = response.json()[u"data"].toArray();
        for (const QJsonValue tenant : recent)
            QVERIFY(microsOf(tenant[u"updated_at"].toString()) >= created / 1000000 * 1000000);
        const QString shifted = QString::fromUtf8(
            QUrl::toPercentEncoding(rfc3339(created, 2 * 3600)));
        QCOMPARE(idsOf(list(QStringLiteral("limit=100&updated_since=") + shifted)), ids);
        QCOMPARE(idsOf(list(q + QStringLiteral("&updated_since=") + since)), (QStringList{c, b, a}));
        const QString future = rfc3339(created + qint64(3600) * 1000000);
        QCOMPARE(idsOf(list(q + QStringLiteral("&updated_since=") + future)), QStringList{});

        // Invalid filter values name the parameter.
        for (const auto &[parameters, param] :
             {std::pair{"status=bogus", "status"},
              std::pair{"isolation=shared", "isolation"},
              std::pair{"isolation=hybrid", "isolation"},
              std::pair{"updated_since=yesterday", "updated_since"}}) {
            const ApiResponse invalid = list(QLatin1StringView(parameters));
            const QString mismatch = errorMismatch(invalid,
                                                   400,
                                                   QStringLiteral("invalid_request_error"),
                                                   QStringLiteral("parameter_invalid"),
                                                   QLatin1StringView(param));
            QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        }
    }

    void filtersAcceptAnyRfc3339Time_data()
    {
        // The same instant, 2025-12-31T00:00:00Z, in the forms RFC 3339 allows
        // (docs/openapi.yaml: "Filters accept any RFC 3339 time, with any offset").
        QTest::addColumn<QString>("time");
        QTest::newRow("Z") << QStringLiteral("2025-12-31T00:00:00Z");
        QTest::newRow("lower case") << QStringLiteral("2025-12-31t00:00:00z");
        QTest::newRow("positive offset") << QStringLiteral("2025-12-31T01:00:00%2B01:00");
        QTest::newRow("negative offset") << QStringLiteral("2025-12-30T19:00:00-05:00");
        QTest::newRow("zero offset") << QStringLiteral("2025-12-31T00:00:00%2B00:00");
        QTest::newRow("milliseconds") << QStringLiteral("2025-12-31T00:00:00.000Z");
        QTest::newRow("microseconds") << QStringLiteral("2025-12-31T00:00:00.000000Z");
        QTest::newRow("nanoseconds") << QStringLiteral("2025-12-31T00:00:00.000000000Z");
    }

    void filtersAcceptAnyRfc3339Time()
    {
        QFETCH(QString, time);
        const ApiResponse reference = m_support->get(
            QStringLiteral("/v1/tenants?limit=100&updated_since=2025-12-31T00:00:00Z"));
        QCOMPARE(reference.status, 200);
        const ApiResponse response = m_support->get(
            QStringLiteral("/v1/tenants?limit=100&updated_since=") + time);
        QVERIFY2(response.status == 200, qPrintable(bodyOf(response)));
        QCOMPARE(idsOf(response), idsOf(reference));
        const ApiResponse audit = m_admin->get(
            QStringLiteral("/v1/audit-events?limit=1&created_before=") + time);
        QVERIFY2(audit.status == 200, qPrintable(bodyOf(audit)));
    }

    void updateNeedsTheCurrentVersion()
    {
        QJsonObject body = tenantBody(uniqueName(QStringLiteral("Versioned")));
        body[QStringLiteral("contact_email")] = QStringLiteral("versioned@example.com");
        body[QStringLiteral("notes")] = QStringLiteral("VIP customer");
        const ApiResponse created = m_support->post(QStringLiteral("/v1/tenants"), body);
        QCOMPARE(created.status, 201);
        const QString id = created.json()[u"id"].toString();
        const QString slug = created.json()[u"slug"].toString();
        const QString path = QStringLiteral("/v1/tenants/") + id;

        const QString renamed = uniqueName(QStringLiteral("Renamed"));
        const ApiResponse updated = m_support->patch(path,
                                                     {{QStringLiteral("name"), renamed}},
                                                     "\"1\"");
        QVERIFY2(updated.status == 200, qPrintable(bodyOf(updated)));
        QCOMPARE(updated.header("ETag"), QByteArray("\"2\""));
        QCOMPARE(updated.json()[u"version"].toInt(), 2);
        QCOMPARE(updated.json()[u"name"].toString(), renamed);
        QCOMPARE(updated.json()[u"slug"].toString(), slug); // a rename keeps the slug
        QCOMPARE(updated.json()[u"created_at"], created.json()[u"created_at"]);
        QVERIFY(microsOf(updated.json()[u"updated_at"].toString())
                >= microsOf(created.json()[u"updated_at"].toString()));

        // Without If-Match: 428, nothing changes.
        const ApiResponse unconditional = m_support->patch(path,
                                                           {{QStringLiteral("name"),
                                                             QStringLiteral("Blind write")}},
                                                           {});
        QString mismatch = errorMismatch(unconditional,
                                         428,
                                         QStringLiteral("invalid_request_error"),
                                         QStringLiteral("if_match_required"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));

        // A stale version: 412 with the current tenant and its ETag.
        const ApiResponse stale = m_support->patch(path,
                                                   {{QStringLiteral("name"),
                                                     QStringLiteral("Lost update")}},
                                                   "\"1\"");
        mismatch = errorMismatch(stale,
                                 412,
                                 QStringLiteral("invalid_request_error"),
                                 QStringLiteral("version_mismatch"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(stale.header("ETag"), QByteArray("\"2\""));
        QCOMPARE(errorOf(stale)[u"current"].toObject(), updated.json());

        // null clears the nullable fields.
        const ApiResponse cleared = m_support->patch(path,
                                                     {{QStringLiteral("contact_email"),
                                                       QJsonValue::Null},
                                                      {QStringLiteral("notes"), QJsonValue::Null}},
                                                     "\"2\"");
        QVERIFY2(cleared.status == 200, qPrintable(bodyOf(cleared)));
        QCOMPARE(cleared.json()[u"version"].toInt(), 3);
        QVERIFY(cleared.json()[u"contact_email"].isNull());
        QVERIFY(cleared.json()[u"notes"].isNull());
        QCOMPARE(cleared.json()[u"name"].toString(), renamed);

        // An unknown field is refused, not ignored.
        const ApiResponse unknown = m_support->patch(path,
                                                     {{QStringLiteral("nmae"),
                                                       QStringLiteral("Typo")}},
                                                     "\"3\"");
        mismatch = errorMismatch(unknown,
                                 422,
                                 QStringLiteral("invalid_request_error"),
                                 QStringLiteral("parameter_unknown"),
                                 QStringLiteral("nmae"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));

        // A slug in use by another tenant: 409, on update and on create.
        const ApiResponse other = m_support->post(QStringLiteral("/v1/tenants"),
                                                  tenantBody(uniqueName(QStringLiteral("Other"))));
        QCOMPARE(other.status, 201);
        const QString otherSlug = other.json()[u"slug"].toString();
        const ApiResponse taken = m_support->patch(path,
                                                   {{QStringLiteral("slug"), otherSlug}},
                                                   "\"3\"");
        mismatch = errorMismatch(taken,
                                 409,
                                 QStringLiteral("invalid_request_error"),
                                 QStringLiteral("slug_taken"),
                                 QStringLiteral("slug"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QJsonObject duplicate = tenantBody(uniqueName(QStringLiteral("Duplicate")));
        duplicate[QStringLiteral("slug")] = otherSlug;
        const ApiResponse takenOnCreate = m_support->post(QStringLiteral("/v1/tenants"), duplicate);
        mismatch = errorMismatch(takenOnCreate,
                                 409,
                                 QStringLiteral("invalid_request_error"),
                                 QStringLiteral("slug_taken"),
                                 QStringLiteral("slug"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));

        // None of the refused requests changed the tenant.
        const ApiResponse after = m_support->get(path);
        QCOMPARE(after.status, 200);
        QCOMPARE(after.json(), cleared.json());
        QCOMPARE(after.header("ETag"), QByteArray("\"3\""));
    }

    void lifecycleIsAudited()
    {
        const QString name = uniqueName(QStringLiteral("Lifecycle"));
        const ApiResponse created = m_support->post(QStringLiteral("/v1/tenants"), tenantBody(name));
        QCOMPARE(created.status, 201);
        const QString id = created.json()[u"id"].toString();
        const QString path = QStringLiteral("/v1/tenants/") + id;

        const QString renamed = uniqueName(QStringLiteral("Lifecycle renamed"));
        const ApiResponse updated = m_support->patch(path,
                                                     {{QStringLiteral("name"), renamed}},
                                                     "\"1\"");
        QCOMPARE(updated.status, 200);

        const ApiResponse suspended = m_support->post(path + QStringLiteral("/suspend"),
                                                      {{QStringLiteral("reason"),
                                                        QStringLiteral("unpaid invoices")}});
        QVERIFY2(suspended.status == 200, qPrintable(bodyOf(suspended)));
        QCOMPARE(suspended.json()[u"status"].toString(), QStringLiteral("suspended"));
        QCOMPARE(suspended.json()[u"version"].toInt(), 3);
        QCOMPARE(suspended.header("ETag"), QByteArray("\"3\""));

        // The audit trail of the tenant, newest first, with before and after.
        const ApiResponse audit = m_admin->get(QStringLiteral("/v1/audit-events?target=") + id);
        QVERIFY2(audit.status == 200, qPrintable(bodyOf(audit)));
        const QJsonArray events = audit.json()[u"data"].toArray();
        QStringList actions;
        for (const QJsonValue event : events)
            actions << event[u"action"].toString();
        QCOMPARE(actions,
                 (QStringList{QStringLiteral("tenant.suspended"),
                              QStringLiteral("tenant.updated"),
                              QStringLiteral("tenant.created")}));
        for (const QJsonValue event : events) {
            QCOMPARE(event[u"object"].toString(), QStringLiteral("audit_event"));
            QVERIFY(event[u"id"].toString().startsWith(QStringLiteral("aud_")));
            QCOMPARE(event[u"actor_id"].toString(), m_supportUserId);
            QCOMPARE(event[u"actor_email"].toString(), QStringLiteral("support@demo.tenantry.dev"));
            QCOMPARE(event[u"target_type"].toString(), QStringLiteral("tenant"));
            QCOMPARE(event[u"target_id"].toString(), id);
            QVERIFY(microsOf(event[u"created_at"].toString()) > 0);
        }
        const QJsonValue createdEvent = events.at(2);
        QVERIFY(createdEvent[u"before"].isNull());
        QCOMPARE(createdEvent[u"after"][u"name"].toString(), name);
        QCOMPARE(createdEvent[u"request_id"].toString(),
                 QString::fromUtf8(created.header("Request-Id")));
        const QJsonValue updatedEvent = events.at(1);
        QCOMPARE(updatedEvent[u"before"][u"name"].toString(), name);
        QCOMPARE(updatedEvent[u"after"][u"name"].toString(), renamed);
        QCOMPARE(updatedEvent[u"before"][u"version"].toInt(), 1);
        QCOMPARE(updatedEvent[u"after"][u"version"].toInt(), 2);
        QCOMPARE(updatedEvent[u"request_id"].toString(),
                 QString::fromUtf8(updated.header("Request-Id")));
        const QJsonValue suspendedEvent = events.at(0);
        QCOMPARE(suspendedEvent[u"before"][u"status"].toString(), QStringLiteral("active"));
        QCOMPARE(suspendedEvent[u"after"][u"status"].toString(), QStringLiteral("suspended"));
        QCOMPARE(suspendedEvent[u"request_id"].toString(),
                 QString::fromUtf8(suspended.header("Request-Id")));

        // The action filter narrows it down.
        const ApiResponse onlyUpdates = m_admin->get(QStringLiteral("/v1/audit-events?target=") + id
                                                     + QStringLiteral("&action=tenant.updated"));
        QCOMPARE(onlyUpdates.status, 200);
        QCOMPARE(onlyUpdates.json()[u"data"].toArray().size(), 1);

        const ApiResponse reactivated = m_support->post(path + QStringLiteral("/reactivate"), {});
        QVERIFY2(reactivated.status == 200, qPrintable(bodyOf(reactivated)));
        QCOMPARE(reactivated.json()[u"status"].toString(), QStringLiteral("active"));
        QCOMPARE(reactivated.json()[u"version"].toInt(), 4);

        // Deleting needs tenants.delete (support lacks it) and If-Match.
        const ApiResponse supportDelete = m_support->del(path, "\"4\"");
        QString mismatch = errorMismatch(supportDelete,
                                         403,
                                         QStringLiteral("permission_error"),
                                         QStringLiteral("permission_denied"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        const ApiResponse unconditional = m_admin->del(path, {});
        mismatch = errorMismatch(unconditional,
                                 428,
                                 QStringLiteral("invalid_request_error"),
                                 QStringLiteral("if_match_required"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        const ApiResponse staleDelete = m_admin->del(path, "\"3\"");
        mismatch = errorMismatch(staleDelete,
                                 412,
                                 QStringLiteral("invalid_request_error"),
                                 QStringLiteral("version_mismatch"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(staleDelete.header("ETag"), QByteArray("\"4\""));
        QCOMPARE(errorOf(staleDelete)[u"current"].toObject(), reactivated.json());

        const ApiResponse deleted = m_admin->del(path, "\"4\"");
        QVERIFY2(deleted.status == 200, qPrintable(bodyOf(deleted)));
        QCOMPARE(deleted.json()[u"status"].toString(), QStringLiteral("deleted"));
        QVERIFY(microsOf(deleted.json()[u"deleted_at"].toString()) > 0);
        QCOMPARE(deleted.json()[u"version"].toInt(), 5);
        QCOMPARE(deleted.header("ETag"), QByteArray("\"5\""));

        // Soft delete: still readable, listed under status=deleted, but frozen.
        const ApiResponse read = m_support->get(path);
        QCOMPARE(read.status, 200);
        QCOMPARE(read.json(), deleted.json());
        QCOMPARE(idsOf(m_support->get(QStringLiteral("/v1/tenants?status=deleted&q=") + id)),
                 QStringList{id});
        const ApiResponse patchDeleted = m_support->patch(path,
                                                          {{QStringLiteral("name"),
                                                            QStringLiteral("Zombie")}},
                                                          "\"5\"");
        mismatch = errorMismatch(patchDeleted,
                                 409,
                                 QStringLiteral("invalid_request_error"),
                                 QStringLiteral("tenant_deleted"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        const ApiResponse suspendDeleted = m_support->post(path + QStringLiteral("/suspend"), {});
        mismatch = errorMismatch(suspendDeleted,
                                 409,
                                 QStringLiteral("invalid_request_error"),
                                 QStringLiteral("tenant_deleted"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        const ApiResponse deleteAgain = m_admin->del(path, "\"5\"");
        QCOMPARE(deleteAgain.status, 409);
        QCOMPARE(m_support->get(path).json()[u"version"].toInt(), 5);

        // The reactivation and the deletion are audited too, by their actors.
        const ApiResponse trail = m_admin->get(QStringLiteral("/v1/audit-events?limit=2&target=")
                                               + id);
        QCOMPARE(trail.status, 200);
        const QJsonArray latest = trail.json()[u"data"].toArray();
        QCOMPARE(latest.size(), 2);
        QCOMPARE(trail.json()[u"has_more"].toBool(), true);
        QCOMPARE(latest.at(0)[u"action"].toString(), QStringLiteral("tenant.deleted"));
        QCOMPARE(latest.at(0)[u"actor_email"].toString(), QStringLiteral("admin@demo.tenantry.dev"));
        QCOMPARE(latest.at(0)[u"before"][u"status"].toString(), QStringLiteral("active"));
        QCOMPARE(latest.at(0)[u"after"][u"status"].toString(), QStringLiteral("deleted"));
        QVERIFY(!latest.at(0)[u"after"][u"deleted_at"].isNull());
        QCOMPARE(latest.at(1)[u"action"].toString(), QStringLiteral("tenant.reactivated"));
        QCOMPARE(latest.at(1)[u"actor_email"].toString(),
                 QStringLiteral("support@demo.tenantry.dev"));

        // The actor and time filters.
        const QString adminId = latest.at(0)[u"actor_id"].toString();
        QVERIFY(adminId.startsWith(QStringLiteral("usr_")) && adminId != m_supportUserId);
        const auto actionsOf = [this, &id](const QString &filters) {
            QStringList result;
            const ApiResponse response = m_admin->get(QStringLiteral("/v1/audit-events?target=")
                                                      + id + QLatin1Char('&') + filters);
            const QJsonArray data = response.json()[u"data"].toArray();
            for (const QJsonValue event : data)
                result << event[u"action"].toString();
            return result;
        };
        QCOMPARE(actionsOf(QStringLiteral("actor=") + adminId),
                 QStringList{QStringLiteral("tenant.deleted")});
        QCOMPARE(actionsOf(QStringLiteral("actor=") + m_supportUserId).size(), 4);
        const QString createdAt = QString::fromUtf8(
            QUrl::toPercentEncoding(events.at(2)[u"created_at"].toString()));
        QCOMPARE(actionsOf(QStringLiteral("created_after=") + createdAt).size(), 5); // inclusive
        QCOMPARE(actionsOf(QStringLiteral("created_before=") + createdAt),
                 QStringList{}); // exclusive
        const QString deletedAt = QString::fromUtf8(
            QUrl::toPercentEncoding(latest.at(0)[u"created_at"].toString()));
        QCOMPARE(actionsOf(QStringLiteral("created_before=") + deletedAt).size(), 4);
    }

    void notesAreListedNewestFirst()
    {
        const ApiResponse created = m_support->post(QStringLiteral("/v1/tenants"),
                                                    tenantBody(
                                                        uniqueName(QStringLiteral("Noted"))));
        QCOMPARE(created.status, 201);
        const QString id = created.json()[u"id"].toString();
        const QString notes = QStringLiteral("/v1/tenants/") + id + QStringLiteral("/notes");

        const ApiResponse empty = m_support->get(notes);
        QCOMPARE(empty.status, 200);
        QCOMPARE(empty.json()[u"data"].toArray().size(), 0);

        const ApiResponse first = m_support->post(notes,
                                                  {{QStringLiteral("body"),
                                                    QStringLiteral("Called about the invoice.")}});
        QVERIFY2(first.status == 201, qPrintable(bodyOf(first)));
        const QJsonObject note = first.json();
        QCOMPARE(note[u"object"].toString(), QStringLiteral("note"));
        QVERIFY(note[u"id"].toString().startsWith(QStringLiteral("note_")));
        QCOMPARE(note[u"tenant_id"].toString(), id);
        QCOMPARE(note[u"author_id"].toString(), m_supportUserId);
        QCOMPARE(note[u"body"].toString(), QStringLiteral("Called about the invoice."));
        QVERIFY(microsOf(note[u"created_at"].toString()) > 0);
        const ApiResponse second = m_support->post(notes,
                                                   {{QStringLiteral("body"),
                                                     QStringLiteral("Paid; all good.")}});
        QCOMPARE(second.status, 201);

        const ApiResponse list = m_support->get(notes);
        QCOMPARE(list.status, 200);
        QCOMPARE(idsOf(list),
                 (QStringList{second.json()[u"id"].toString(), note[u"id"].toString()}));
        QCOMPARE(list.json()[u"data"].toArray().at(1).toObject(), note);
        const ApiResponse page = m_support->get(notes + QStringLiteral("?limit=1"));
        QCOMPARE(idsOf(page), QStringList{second.json()[u"id"].toString()});
        QCOMPARE(page.json()[u"has_more"].toBool(), true);

        QString mismatch = errorMismatch(m_support->post(notes,
                                                         {{QStringLiteral("body"), QString()}}),
                                         422,
                                         QStringLiteral("invalid_request_error"),
                                         QStringLiteral("parameter_missing"),
                                         QStringLiteral("body"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        const QString unknownNotes = QStringLiteral("/v1/tenants/ten_nosuchtenant00000/notes");
        QCOMPARE(m_support->get(unknownNotes).status, 404);
        QCOMPARE(m_support->post(unknownNotes, {{QStringLiteral("body"), QStringLiteral("x")}})
                     .status,
                 404);
    }

    void sameKeyAndBodyReplays()
    {
        const QString name = uniqueName(QStringLiteral("Idempotent"));
        const QByteArray key = newKey();
        const ApiResponse first = m_support->post(QStringLiteral("/v1/tenants"),
                                                  tenantBody(name),
                                                  key);
        QCOMPARE(first.status, 201);
        QVERIFY(first.header("Idempotent-Replayed").isEmpty());
        const ApiResponse second = m_support->post(QStringLiteral("/v1/tenants"),
                                                   tenantBody(name),
                                                   key);
        QCOMPARE(second.status, 201);
        QCOMPARE(second.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(second.body, first.body);
        QCOMPARE(second.header("Location"), first.header("Location"));
        QCOMPARE(second.header("ETag"), first.header("ETag"));
        QVERIFY(second.header("Request-Id") != first.header("Request-Id"));
        QCOMPARE(idsOf(m_support->get(QStringLiteral("/v1/tenants?q=") + slugOf(name))).size(), 1);

        // The same key with another body: refused, nothing created.
        const ApiResponse reused = m_support->post(QStringLiteral("/v1/tenants"),
                                                   tenantBody(name + QStringLiteral(" two")),
                                                   key);
        QString mismatch = errorMismatch(reused,
                                         409,
                                         QStringLiteral("idempotency_error"),
                                         QStringLiteral("idempotency_key_reused"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(idsOf(m_support->get(QStringLiteral("/v1/tenants?q=") + slugOf(name))).size(), 1);

        // Keys are scoped per user: the admin's request with the same key is not a replay (it
        // runs, and finds the slug taken).
        const ApiResponse otherUser = m_admin->post(QStringLiteral("/v1/tenants"),
                                                    tenantBody(name),
                                                    key);
        QVERIFY(otherUser.header("Idempotent-Replayed").isEmpty());
        mismatch = errorMismatch(otherUser,
                                 409,
                                 QStringLiteral("invalid_request_error"),
                                 QStringLiteral("slug_taken"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));

        // Without a key a POST is refused before it does anything.
        const QString keyless = uniqueName(QStringLiteral("Keyless"));
        const ApiResponse missing = m_support->request("POST",
                                                       QStringLiteral("/v1/tenants"),
                                                       QJsonDocument(tenantBody(keyless))
                                                           .toJson(QJsonDocument::Compact));
        mismatch = errorMismatch(missing,
                                 400,
                                 QStringLiteral("invalid_request_error"),
                                 QStringLiteral("idempotency_key_required"),
                                 QStringLiteral("Idempotency-Key"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(idsOf(m_support->get(QStringLiteral("/v1/tenants?q=") + slugOf(keyless))).size(),
                 0);
    }

    // A request answered with an error changes nothing, and its key replays that answer.
    void anErrorAnswerIsReplayedAndChangesNothing()
    {
        const QString name = uniqueName(QStringLiteral("Failing"));
        const ApiResponse existing = m_support->post(QStringLiteral("/v1/tenants"),
                                                     tenantBody(name));
        QCOMPARE(existing.status, 201);
        const QString slug = existing.json()[u"slug"].toString();

        // 409: the slug is taken.
        QJsonObject taken = tenantBody(name + QStringLiteral(" again"));
        taken[QStringLiteral("slug")] = slug;
        const QByteArray conflictKey = newKey();
        const ApiResponse conflict = m_support->post(QStringLiteral("/v1/tenants"),
                                                     taken,
                                                     conflictKey);
        QString mismatch = errorMismatch(conflict,
                                         409,
                                         QStringLiteral("invalid_request_error"),
                                         QStringLiteral("slug_taken"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        const ApiResponse conflictAgain = m_support->post(QStringLiteral("/v1/tenants"),
                                                          taken,
                                                          conflictKey);
        QCOMPARE(conflictAgain.status, 409);
        QCOMPARE(conflictAgain.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(conflictAgain.body, conflict.body);
        QCOMPARE(idsOf(m_support->get(QStringLiteral("/v1/tenants?q=") + slug)).size(), 1);

        // 422: the plan does not exist, found inside the write transaction.
        const QString other = uniqueName(QStringLiteral("Planless"));
        QJsonObject planless = tenantBody(other);
        planless[QStringLiteral("plan_id")] = QStringLiteral("pln_0000000000000000");
        const QByteArray missingKey = newKey();
        const ApiResponse missing = m_support->post(QStringLiteral("/v1/tenants"),
                                                    planless,
                                                    missingKey);
        mismatch = errorMismatch(missing,
                                 422,
                                 QStringLiteral("invalid_request_error"),
                                 QStringLiteral("resource_missing"),
                                 QStringLiteral("plan_id"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        const ApiResponse missingAgain = m_support->post(QStringLiteral("/v1/tenants"),
                                                         planless,
                                                         missingKey);
        QCOMPARE(missingAgain.status, 422);
        QCOMPARE(missingAgain.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(missingAgain.body, missing.body);
        QCOMPARE(idsOf(m_support->get(QStringLiteral("/v1/tenants?q=") + slugOf(other))).size(), 0);
        // Nothing of either request reached the audit log.
        const ApiResponse audit = m_admin->get(
            QStringLiteral("/v1/audit-events?action=tenant.created&limit=100"));
        QCOMPARE(audit.status, 200);
        for (const QJsonValue event : audit.json()[u"data"].toArray()) {
            const QString requestId = event[u"request_id"].toString();
            QVERIFY(requestId != QString::fromLatin1(conflict.header("Request-Id")));
            QVERIFY(requestId != QString::fromLatin1(missing.header("Request-Id")));
        }
    }

    void concurrentRequestsWithOneKeyCreateOneTenant()
    {
        constexpr int Requests = 8;
        const QString name = uniqueName(QStringLiteral("Concurrent"));
        const QByteArray body = QJsonDocument(tenantBody(name)).toJson(QJsonDocument::Compact);
        const QByteArray key = newKey();
        const QString baseUrl = m_server.baseUrl();
        const QString token = m_support->token();

        std::vector<ApiResponse> responses(Requests);
        std::latch ready(Requests);
        std::vector<std::thread> threads;
        threads.reserve(Requests);
        for (int i = 0; i < Requests; ++i) {
            threads.emplace_back([&, i] {
                ApiClient client(baseUrl);
                client.setToken(token);
                ready.arrive_and_wait();
                responses[static_cast<std::size_t>(i)] = client.request(
                    "POST", QStringLiteral("/v1/tenants"), body, {{"Idempotency-Key", key}}, 20000);
            });
        }
        for (std::thread &thread : threads)
            thread.join();

        int originals = 0;
        QSet<QByteArray> createdBodies;
        for (const ApiResponse &response : responses) {
            if (response.status == 201) {
                createdBodies.insert(response.body);
                if (response.header("Idempotent-Replayed").isEmpty())
                    ++originals;
                else
                    QCOMPARE(response.header("Idempotent-Replayed"), QByteArray("true"));
            } else {
                const QString mismatch = errorMismatch(response,
                                                       409,
                                                       QStringLiteral("idempotency_error"),
                                                       QStringLiteral("idempotency_key_in_use"));
                QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
            }
        }
        QCOMPARE(originals, 1);
        QCOMPARE(createdBodies.size(), 1);
        const ApiResponse found = m_support->get(QStringLiteral("/v1/tenants?q=") + slugOf(name));
        QCOMPARE(idsOf(found).size(), 1);
        // After the first completed, a retry with the key replays it.
        const ApiResponse retry = m_support->request("POST",
                                                     QStringLiteral("/v1/tenants"),
                                                     body,
                                                     {{"Idempotency-Key", key}});
        QCOMPARE(retry.status, 201);
        QCOMPARE(retry.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(retry.body, *createdBodies.cbegin());
    }

    void paginationSurvivesConcurrentInserts()
    {
        // The tenants that exist before the walk (the demo's and this test's own).
        const QStringList before = walkAllTenants(nullptr);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(before.size() >= TenantrydProcess::demoCustomers,
                 qPrintable(QString::number(before.size())));

        std::atomic<bool> stop = false;
        std::atomic<int> inserted = 0;
        std::atomic<int> failures = 0;
        const QString baseUrl = m_server.baseUrl();
        const QString token = m_support->token();
        const int base = m_counter += 10000;
        std::thread writer([&] {
            ApiClient client(baseUrl);
            client.setToken(token);
            for (int i = 0; !stop.load() && i < 5000; ++i) {
                const QJsonObject body = tenantBody(
                    QStringLiteral("Paging insert Qpg%1x").arg(base + i));
                if (client.post(QStringLiteral("/v1/tenants"), body).status == 201)
                    ++inserted;
                else
                    ++failures;
            }
        });
        QDeadlineTimer firstInsert(10000);
        while (inserted.load() == 0 && failures.load() == 0 && !firstInsert.hasExpired())
            QThread::msleep(5);

        const QStringList walked = walkAllTenants(&inserted);
        stop = true;
        writer.join();
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(failures.load(), 0);
        QVERIFY(inserted.load() > 0);

        QHash<QString, int> seen;
        for (const QString &id : walked)
            ++seen[id];
        for (auto it = seen.cbegin(); it != seen.cend(); ++it)
            QVERIFY2(it.value() == 1, qPrintable(it.key() + QStringLiteral(" was listed twice")));
        for (const QString &id : before)
            QVERIFY2(seen.contains(id), qPrintable(id + QStringLiteral(" was skipped")));
    }

    void pageParametersAreChecked()
    {
        const ApiResponse defaults = m_support->get(QStringLiteral("/v1/tenants"));
        QCOMPARE(defaults.status, 200);
        QCOMPARE(defaults.json()[u"data"].toArray().size(), 25);
        QCOMPARE(defaults.json()[u"has_more"].toBool(), true);

        for (const char *limit : {"0", "101", "-1", "ten", "", "1.5"}) {
            const ApiResponse response = m_support->get(QStringLiteral("/v1/tenants?limit=")
                                                        + QLatin1StringView(limit));
            const QString mismatch = errorMismatch(response,
                                                   400,
                                                   QStringLiteral("invalid_request_error"),
                                                   QStringLiteral("parameter_invalid"),
                                                   QStringLiteral("limit"));
            QVERIFY2(mismatch.isEmpty(),
                     qPrintable(QLatin1StringView(limit) + QStringLiteral(": ") + mismatch));
        }
        QCOMPARE(
            m_support->get(QStringLiteral("/v1/tenants?limit=1")).json()[u"data"].toArray().size(),
            1);
        QCOMPARE(
            m_support->get(QStringLiteral("/v1/tenants?limit=100")).json()[u"data"].toArray().size(),
            100);

        // A tenant id that does not exist, the id of a plan (not a tenant) and no id at all.
        const QString freePlanId = m_support->planId(QStringLiteral("free"));
        QVERIFY2(isId(freePlanId, QStringLiteral("pln_")), qPrintable(freePlanId));
        for (const QString &cursor :
             {QStringLiteral("ten_nosuchtenant00000"), freePlanId, QStringLiteral("x")}) {
            const ApiResponse response = m_support->get(
                QStringLiteral("/v1/tenants?starting_after=") + cursor);
            const QString mismatch = errorMismatch(response,
                                                   400,
                                                   QStringLiteral("invalid_request_error"),
                                                   QStringLiteral("parameter_invalid"),
                                                   QStringLiteral("starting_after"));
            QVERIFY2(mismatch.isEmpty(), qPrintable(cursor + QStringLiteral(": ") + mismatch));
        }
    }

    void listedTenantsMatchTheSchema()
    {
        // Every tenant the list shows (the demo's included) has the documented form.
        QStringList problems;
        int tenants = 0;
        QString cursor;
        for (int page = 0; page < 100; ++page) {
            QString path = QStringLiteral("/v1/tenants?limit=100");
            if (!cursor.isEmpty())
                path += QStringLiteral("&starting_after=") + cursor;
            const ApiResponse response = m_support->get(path);
            QVERIFY2(response.status == 200, qPrintable(bodyOf(response)));
            const QJsonArray data = response.json()[u"data"].toArray();
            for (const QJsonValue tenant : data) {
                ++tenants;
                const QStringList violations = tenantViolations(tenant.toObject());
                if (!violations.isEmpty())
                    problems << tenant[u"id"].toString() + QStringLiteral(": ")
                                    + violations.join(QStringLiteral(", "));
            }
            if (!response.json()[u"has_more"].toBool())
                break;
            cursor = response.json()[u"next_cursor"].toString();
        }
        QVERIFY(tenants >= TenantrydProcess::demoCustomers);
        QVERIFY2(problems.isEmpty(),
                 qPrintable(QStringLiteral("%1 of %2 tenants depart from the Tenant schema, e.g. ")
                                .arg(problems.size())
                                .arg(tenants)
                            + problems.mid(0, 3).join(QStringLiteral("; "))));
    }

    void auditEventsMatchTheSchema()
    {
        // Every audit event (the demo's seeding included) has the documented form.
        static const QRegularExpression requestId(QStringLiteral("^(req_[a-z2-7]{16}|evt_.+)$"));
        QStringList problems;
        int events = 0;
        QString cursor;
        for (int page = 0; page < 100; ++page) {
            QString path = QStringLiteral("/v1/audit-events?limit=100");
            if (!cursor.isEmpty())
                path += QStringLiteral("&starting_after=") + cursor;
            const ApiResponse response = m_admin->get(path);
            QVERIFY2(response.status == 200, qPrintable(bodyOf(response)));
            const QJsonArray data = response.json()[u"data"].toArray();
            for (const QJsonValue event : data) {
                ++events;
                QStringList violations;
                if (event[u"object"].toString() != u"audit_event")
                    violations << QStringLiteral("object");
                if (!isId(event[u"id"], QStringLiteral("aud_")))
                    violations << QStringLiteral("id ") + event[u"id"].toString();
                // Changes made on the server's command line are the system's; those applied from
                // Stripe's webhook events (the demo's billing history too) are Stripe's.
                const bool system = (event[u"actor_id"].toString() == u"system"
                                     && event[u"actor_email"].toString() == u"tenantryd")
                                    || (event[u"actor_id"].toString() == u"stripe"
                                        && event[u"actor_email"].toString() == u"stripe"
                                        && event[u"request_id"].toString().startsWith(u"evt_"));
                if (!system && !isId(event[u"actor_id"], QStringLiteral("usr_")))
                    violations << QStringLiteral("actor_id ") + event[u"actor_id"].toString();
                if (!system && !event[u"actor_email"].toString().contains(u'@'))
                    violations << QStringLiteral("actor_email ") + event[u"actor_email"].toString();
                if (!requestId.match(event[u"request_id"].toString()).hasMatch())
                    violations << QStringLiteral("request_id ") + event[u"request_id"].toString();
                if (microsOf(event[u"created_at"].toString()) < 0)
                    violations << QStringLiteral("created_at");
                for (const char16_t *key : {u"action", u"target_type", u"target_id"}) {
                    if (event[QStringView(key)].toString().isEmpty())
                        violations << QStringView(key).toString() + QStringLiteral(" empty");
                }
                for (const char16_t *key : {u"before", u"after"}) {
                    if (!event[QStringView(key)].isNull() && !event[QStringView(key)].isObject())
                        violations
                            << QStringView(key).toString() + QStringLiteral(" not an object");
                }
                if (!violations.isEmpty())
                    problems << event[u"action"].toString() + QStringLiteral(" ")
                                    + event[u"id"].toString() + QStringLiteral(": ")
                                    + violations.join(QStringLiteral(", "));
            }
            if (!response.json()[u"has_more"].toBool())
                break;
            cursor = response.json()[u"next_cursor"].toString();
        }
        QVERIFY(events > 0);
        QVERIFY2(problems.isEmpty(),
                 qPrintable(
                     QStringLiteral("%1 of %2 audit events depart from the AuditEvent schema: ")
                         .arg(problems.size())
                         .arg(events)
                     + problems.mid(0, 4).join(QStringLiteral("; "))));
    }

    void cleanupTestCase() { QCOMPARE(m_server.stop(), 0); }

private:
    QString uniqueName(const QString &prefix)
    {
        return prefix + QStringLiteral(" Qz%1x").arg(++m_counter, 4, 10, QLatin1Char('0'));
    }

    static QString slugOf(const QString &name)
    {
        QString slug;
        for (const QChar c : name.toLower()) {
            if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'))
                slug += c;
            else if (!slug.isEmpty() && !slug.endsWith(u'-'))
                slug += u'-';
        }
        while (slug.endsWith(u'-'))
            slug.chop(1);
        return slug;
    }

    // Every tenant id, page by page (limit 100), checking each page's has_more and
    // next_cursor. When `inserted` is given, waits (up to 10 s) half-way through until another
    // tenant has been inserted since the walk began, so that inserts land mid-walk.
    QStringList walkAllTenants(const std::atomic<int> *inserted)
    {
        QStringList ids;
        QString cursor;
        const int insertedAtStart = inserted ? inserted->load() : 0;
        for (int page = 0; page < 1000; ++page) {
            if (inserted && page == 5) {
                QDeadlineTimer deadline(10000);
                while (inserted->load() == insertedAtStart && !deadline.hasExpired())
                    QThread::msleep(5);
            }
            QString path = QStringLiteral("/v1/tenants?limit=100");
            if (!cursor.isEmpty())
                path += QStringLiteral("&starting_after=") + cursor;
            const ApiResponse response = m_support->get(path);
            if (response.status != 200) {
                QTest::qFail(qPrintable(bodyOf(response)), __FILE__, __LINE__);
                return ids;
            }
            const QJsonObject list = response.json();
            const QStringList pageIds = idsOf(response);
            const bool hasMore = list[u"has_more"].toBool();
            ids += pageIds;
            if (!hasMore) {
                if (!list[u"next_cursor"].isNull())
                    QTest::qFail("next_cursor must be null on the last page", __FILE__, __LINE__);
                return ids;
            }
            if (pageIds.size() != 100 || list[u"next_cursor"].toString() != pageIds.last()) {
                QTest::qFail(qPrintable(QStringLiteral("page %1: %2 items, next_cursor %3")
                                            .arg(page)
                                            .arg(pageIds.size())
                                            .arg(list[u"next_cursor"].toString())),
                             __FILE__,
                             __LINE__);
                return ids;
            }
            cursor = pageIds.last();
        }
        QTest::qFail("the walk did not end", __FILE__, __LINE__);
        return ids;
    }

    TenantrydProcess m_server{{QStringLiteral("--demo"),
                               QStringLiteral("--rate-limit"),
                               QStringLiteral("100000"),
                               QStringLiteral("--rate-burst"),
                               QStringLiteral("100000")}};
    std::unique_ptr<ApiClient> m_support;
    std::unique_ptr<ApiClient> m_admin;
    QString m_supportUserId;
    int m_counter = 0;
};

QTEST_GUILESS_MAIN(TestApiTenants)
#include "testapitenants.moc"
