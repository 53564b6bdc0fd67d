// Feature overrides, effective features (entitlements) and the end users of a tenant, against a
// real tenantryd with demo data: the plan's features, the free plan without a subscription,
// overrides that win over the plan (versioned with If-Match, idempotent when repeated, lapsing
// at expires_at), a suspended tenant that has nothing, validation of what support sends, the
// users of a tenant (add, list in pages, remove with If-Match), the audit trail of all of it
// and a viewer who may look but not change.

#include "tests/server/support/apiassertions.h"
#include "tests/server/support/apiclient.h"
#include "tests/server/support/tenantrydprocess.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>
#include <QUrl>
#include <QUuid>
#include <QtTest>

#include <algorithm>
#include <memory>

using namespace Tenantry::TestSupport;

namespace {

// What the demo plans grant (server/services/demoseeder.cpp, core/demo/demodatagenerator.cpp).
const QStringList kFreeFeatures = {QStringLiteral("blog"), QStringLiteral("contact_form")};
const QStringList kProFeatures = {QStringLiteral("blog"),
                                  QStringLiteral("contact_form"),
                                  QStringLiteral("analytics"),
                                  QStringLiteral("api_access")};
// The demo catalog in the order it was created.
const QStringList kCatalog = {QStringLiteral("blog"),
                              QStringLiteral("contact_form"),
                              QStringLiteral("analytics"),
                              QStringLiteral("api_access"),
                              QStringLiteral("sso"),
                              QStringLiteral("audit_logs")};

const QString kInvalidRequest = QStringLiteral("invalid_request_error");

QByteArray newKey()
{
    return QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
}

// Microseconds since the epoch of an RFC 3339 UTC time as the API writes it
// ("2025-11-20T09:30:00Z" or "2025-11-20T09:30:00.250000Z"); -1 if it is not one.
qint64 microsOf(const QString &text)
{
    static const QRegularExpression format(
        QStringLiteral("^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)(?:\\.(\\d{6}))?Z$"));
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

// Whole seconds, "YYYY-MM-DDTHH:MM:SSZ": the form the API writes a whole-second time in.
QString rfc3339(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + QLatin1Char('Z');
}

// The current time plus `seconds`, truncated to whole seconds.
QDateTime wholeSecondsFromNow(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch() + seconds,
                                         QTimeZone::utc());
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

// The item of `items` whose `field` is `value`; an empty object when there is none.
QJsonObject itemWith(const QJsonArray &items,
                     const QString &value,
                     const char16_t *field = u"feature_key")
{
    for (const QJsonValue item : items) {
        if (item[QStringView(field)].toString() == value)
            return item.toObject();
    }
    return {};
}

QStringList reversed(QStringList list)
{
    std::reverse(list.begin(), list.end());
    return list;
}

QString tenantPath(const QString &tenantId, const QString &rest = {})
{
    return QStringLiteral("/v1/tenants/") + tenantId + rest;
}

QString overridesPath(const QString &tenantId)
{
    return tenantPath(tenantId, QStringLiteral("/feature-overrides"));
}

QString overridePath(const QString &tenantId, const QString &featureKey)
{
    return overridesPath(tenantId) + QLatin1Char('/') + featureKey;
}

QString usersPath(const QString &tenantId)
{
    return tenantPath(tenantId, QStringLiteral("/users"));
}

QJsonObject overrideBody(const QString &featureKey,
                         bool enabled,
                         const QString &reason,
                         const QString &expiresAt = {})
{
    QJsonObject body{{QStringLiteral("feature_key"), featureKey},
                     {QStringLiteral("enabled"), enabled},
                     {QStringLiteral("reason"), reason}};
    if (!expiresAt.isEmpty())
        body[QStringLiteral("expires_at")] = expiresAt;
    return body;
}

// POST of a feature override, with a fresh Idempotency-Key unless one is given and an
// If-Match when one is given.
ApiResponse postOverride(ApiClient &client,
                         const QString &tenantId,
                         const QJsonObject &body,
                         const QByteArray &ifMatch = {},
                         const QByteArray &key = {})
{
    QList<QPair<QByteArray, QByteArray>> headers{
        {"Idempotency-Key", key.isEmpty() ? newKey() : key}};
    if (!ifMatch.isEmpty())
        headers.append({"If-Match", ifMatch});
    return client.request("POST",
                          overridesPath(tenantId),
                          QJsonDocument(body).toJson(QJsonDocument::Compact),
                          headers);
}

// How `entitlement` departs from what it should be when `source` decides it (plan_id,
// reason, expires_at and plan_would_grant are null unless the source fills them in).
QString entitlementMismatch(const QJsonObject &entitlement,
                            const QString &featureKey,
                            bool enabled,
                            const QString &source,
                            const QString &planId = {})
{
    QStringList problems;
    if (entitlement[u"object"].toString() != u"entitlement")
        problems << QStringLiteral("object");
    if (entitlement[u"feature_key"].toString() != featureKey)
        problems << QStringLiteral("feature_key");
    if (!entitlement[u"enabled"].isBool() || entitlement[u"enabled"].toBool() != enabled)
        problems << QStringLiteral("enabled");
    if (entitlement[u"source"].toString() != source)
        problems << QStringLiteral("source");
    if (source == u"plan") {
        if (entitlement[u"plan_id"].toString() != planId)
            problems << QStringLiteral("plan_id");
    } else if (source != u"override") {
        if (!entitlement[u"plan_id"].isNull())
            problems << QStringLiteral("plan_id is not null");
    }
    if (source != u"override") {
        for (const char16_t *field : {u"reason", u"expires_at", u"plan_would_grant"}) {
            if (!entitlement.contains(QStringView(field))
                || !entitlement[QStringView(field)].isNull())
                problems << QStringView(field).toString() + QStringLiteral(" is not null");
        }
    }
    if (problems.isEmpty())
        return {};
    return featureKey + QStringLiteral(": ") + problems.join(QStringLiteral(", "))
           + QStringLiteral(" -- ")
           + QString::fromUtf8(QJsonDocument(entitlement).toJson(QJsonDocument::Compact));
}

} // namespace

class TestApiEntitlements : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
        for (const auto &[client, role] : {std::pair{&m_admin, "admin"},
                                           std::pair{&m_support, "support"},
                                           std::pair{&m_viewer, "viewer"}}) {
            *client = std::make_unique<ApiClient>(m_server.baseUrl());
            const QString name = QLatin1StringView(role);
            QVERIFY2((*client)->signIn(name + QStringLiteral("@demo.tenantry.dev"),
                                       m_server.demoPassword(name)),
                     role);
        }
        const ApiResponse me = m_support->get(QStringLiteral("/v1/me"));
        QCOMPARE(me.status, 200);
        m_supportUserId = me.json()[u"id"].toString();
        QVERIFY(m_supportUserId.startsWith(QStringLiteral("usr_")));
        m_proPlanId = m_support->planId(QStringLiteral("pro"));
        m_freePlanId = m_support->planId(QStringLiteral("free"));
        QVERIFY(isId(m_proPlanId, QStringLiteral("pln_")));
        QVERIFY(isId(m_freePlanId, QStringLiteral("pln_")));
        QVERIFY(m_proPlanId != m_freePlanId);

        // The catalog as GET /v1/features lists it (newest first).
        const ApiResponse features = m_viewer->get(QStringLiteral("/v1/features?limit=100"));
        QVERIFY2(features.status == 200, qPrintable(bodyOf(features)));
        QCOMPARE(features.json()[u"has_more"].toBool(), false);
        m_featuresListed = idsOf(features, u"key");
        QCOMPARE(QSet<QString>(m_featuresListed.cbegin(), m_featuresListed.cend()),
                 QSet<QString>(kCatalog.cbegin(), kCatalog.cend()));
    }

    void entitlementsFollowThePlan()
    {
        const QString tenantId = createTenant(QStringLiteral("Plan Follower"));
        QVERIFY(!tenantId.isEmpty());

        // No plan yet: nothing is granted.
        ApiResponse response = m_support->get(tenantPath(tenantId, QStringLiteral("/entitlements")));
        QVERIFY2(response.status == 200, qPrintable(bodyOf(response)));
        QJsonArray entitlements = response.json()[u"data"].toArray();
        QCOMPARE(entitlements.size(), kCatalog.size());
        for (const QString &key : kCatalog) {
            const QString mismatch = entitlementMismatch(itemWith(entitlements, key),
                                                         key,
                                                         false,
                                                         QStringLiteral("none"));
            QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        }

        QVERIFY(subscribe(tenantId, m_proPlanId));
        const ApiResponse tenant = m_support->get(tenantPath(tenantId));
        QCOMPARE(tenant.status, 200);
        QCOMPARE(tenant.json()[u"plan_id"].toString(), m_proPlanId);

        response = m_viewer->get(tenantPath(tenantId, QStringLiteral("/entitlements")));
        QVERIFY2(response.status == 200, qPrintable(bodyOf(response)));
        const QJsonObject list = response.json();
        QCOMPARE(list[u"object"].toString(), QStringLiteral("list"));
        QCOMPARE(list[u"has_more"].toBool(), false);
        QVERIFY(list[u"next_cursor"].isNull());
        entitlements = list[u"data"].toArray();
        // One entry per catalog feature, in catalog order: the order the features were created
        // in, which is GET /v1/features (newest first) backwards.
        const QStringList keys = idsOf(response, u"feature_key");
        QCOMPARE(keys, kCatalog);
        QCOMPARE(keys, reversed(m_featuresListed));
        for (const QString &key : kCatalog) {
            const bool granted = kProFeatures.contains(key);
            const QString mismatch = entitlementMismatch(itemWith(entitlements, key),
                                                         key,
                                                         granted,
                                                         granted ? QStringLiteral("plan")
                                                                 : QStringLiteral("none"),
                                                         m_proPlanId);
            QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        }
        QCOMPARE(itemWith(entitlements, QStringLiteral("sso"))[u"enabled"].toBool(), false);
        QCOMPARE(itemWith(entitlements, QStringLiteral("audit_logs"))[u"enabled"].toBool(), false);

        // An unknown tenant has no entitlements.
        const QString mismatch = errorMismatch(
            m_support->get(tenantPath(QStringLiteral("ten_nosuchtenant00000"),
                                      QStringLiteral("/entitlements"))),
            404,
            kInvalidRequest,
            QStringLiteral("resource_missing"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    void freePlanWithoutSubscriptionGrantsItsFeatures()
    {
        const QString tenantId = createTenant(QStringLiteral("Free Rider"), m_freePlanId);
        QVERIFY(!tenantId.isEmpty());
        const ApiResponse subscriptions = m_support->get(
            QStringLiteral("/v1/subscriptions?tenant_id=") + tenantId);
        QVERIFY2(subscriptions.status == 200, qPrintable(bodyOf(subscriptions)));
        QCOMPARE(idsOf(subscriptions), QStringList{});

        const ApiResponse response = m_support->get(
            tenantPath(tenantId, QStringLiteral("/entitlements")));
        QVERIFY2(response.status == 200, qPrintable(bodyOf(response)));
        const QJsonArray entitlements = response.json()[u"data"].toArray();
        QCOMPARE(idsOf(response, u"feature_key"), kCatalog);
        for (const QString &key : kCatalog) {
            const bool granted = kFreeFeatures.contains(key);
            const QString mismatch = entitlementMismatch(itemWith(entitlements, key),
                                                         key,
                                                         granted,
                                                         granted ? QStringLiteral("plan")
                                                                 : QStringLiteral("none"),
                                                         m_freePlanId);
            QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        }
    }

    void overridesDecideOverThePlan()
    {
        const QString tenantId = createTenant(QStringLiteral("Override Pilot"));
        QVERIFY(!tenantId.isEmpty());
        QVERIFY(subscribe(tenantId, m_proPlanId));
        const QString expires = rfc3339(wholeSecondsFromNow(qint64(30) * 24 * 3600));
        const QString pilot = QStringLiteral("SSO pilot agreed with the customer");

        // A new override: 201, version 1.
        const QByteArray key = newKey();
        const ApiResponse created = postOverride(
            *m_support, tenantId, overrideBody(QStringLiteral("sso"), true, pilot, expires), {}, key);
        QVERIFY2(created.status == 201, qPrintable(bodyOf(created)));
        QCOMPARE(created.header("ETag"), QByteArray("\"1\""));
        QJsonObject sso = created.json();
        QCOMPARE(sso[u"object"].toString(), QStringLiteral("feature_override"));
        QCOMPARE(sso[u"tenant_id"].toString(), tenantId);
        QCOMPARE(sso[u"feature_key"].toString(), QStringLiteral("sso"));
        QCOMPARE(sso[u"enabled"].toBool(), true);
        QCOMPARE(sso[u"reason"].toString(), pilot);
        QCOMPARE(sso[u"expires_at"].toString(), expires);
        QCOMPARE(sso[u"created_by"].toString(), m_supportUserId);
        QCOMPARE(sso[u"version"].toInt(), 1);
        QVERIFY(microsOf(sso[u"created_at"].toString()) > 0);
        QCOMPARE(sso[u"updated_at"], sso[u"created_at"]);

        // The same request again (same Idempotency-Key) is a replay.
        const ApiResponse replay = postOverride(
            *m_support, tenantId, overrideBody(QStringLiteral("sso"), true, pilot, expires), {}, key);
        QCOMPARE(replay.status, 201);
        QCOMPARE(replay.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(replay.json(), sso);

        ApiResponse response = m_support->get(tenantPath(tenantId, QStringLiteral("/entitlements")));
        QVERIFY2(response.status == 200, qPrintable(bodyOf(response)));
        QJsonObject entitlement = itemWith(response.json()[u"data"].toArray(),
                                           QStringLiteral("sso"));
        QCOMPARE(entitlement[u"enabled"].toBool(), true);
        QCOMPARE(entitlement[u"source"].toString(), QStringLiteral("override"));
        QCOMPARE(entitlement[u"reason"].toString(), pilot);
        QCOMPARE(entitlement[u"expires_at"].toString(), expires);
        QVERIFY(entitlement[u"plan_would_grant"].isBool());
        QCOMPARE(entitlement[u"plan_would_grant"].toBool(), false);
        QVERIFY(entitlement[u"plan_id"].isNull());

        // Switching off a feature the plan grants, without an expiry.
        const QString abuse = QStringLiteral("Scraping investigation, ticket 4711");
        const ApiResponse analyticsOff = postOverride(
            *m_support, tenantId, overrideBody(QStringLiteral("analytics"), false, abuse));
        QVERIFY2(analyticsOff.status == 201, qPrintable(bodyOf(analyticsOff)));
        QCOMPARE(analyticsOff.header("ETag"), QByteArray("\"1\""));
        QVERIFY(analyticsOff.json()[u"expires_at"].isNull());
        response = m_support->get(tenantPath(tenantId, QStringLiteral("/entitlements")));
        QVERIFY2(response.status == 200, qPrintable(bodyOf(response)));
        QJsonArray entitlements = response.json()[u"data"].toArray();
        QCOMPARE(idsOf(response, u"feature_key"), kCatalog);
        entitlement = itemWith(entitlements, QStringLiteral("analytics"));
        QCOMPARE(entitlement[u"enabled"].toBool(), false);
        QCOMPARE(entitlement[u"source"].toString(), QStringLiteral("override"));
        QCOMPARE(entitlement[u"reason"].toString(), abuse);
        QVERIFY(entitlement[u"expires_at"].isNull());
        QCOMPARE(entitlement[u"plan_would_grant"].toBool(), true);
        QVERIFY(entitlement[u"plan_would_grant"].isBool());
        // The features without an override still follow the plan.
        for (const QString &feature : {QStringLiteral("blog"),
                                       QStringLiteral("contact_form"),
                                       QStringLiteral("api_access")}) {
            const QString mismatch = entitlementMismatch(itemWith(entitlements, feature),
                                                         feature,
                                                         true,
                                                         QStringLiteral("plan"),
                                                         m_proPlanId);
            QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        }
        QString mismatch = entitlementMismatch(itemWith(entitlements, QStringLiteral("audit_logs")),
                                               QStringLiteral("audit_logs"),
                                               false,
                                               QStringLiteral("none"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));

        // Both overrides are listed as they were returned.
        response = m_viewer->get(overridesPath(tenantId));
        QVERIFY2(response.status == 200, qPrintable(bodyOf(response)));
        QCOMPARE(response.json()[u"object"].toString(), QStringLiteral("list"));
        QJsonArray overrides = response.json()[u"data"].toArray();
        QCOMPARE(overrides.size(), 2);
        // Ordered by feature_key (docs/openapi.yaml), all in one page.
        QCOMPARE(idsOf(response, u"feature_key"),
                 (QStringList{QStringLiteral("analytics"), QStringLiteral("sso")}));
        QCOMPARE(response.json()[u"has_more"].toBool(), false);
        QVERIFY(response.json()[u"next_cursor"].isNull());
        QCOMPARE(itemWith(overrides, QStringLiteral("sso")), sso);
        QCOMPARE(itemWith(overrides, QStringLiteral("analytics")), analyticsOff.json());

        // The same decision again (a new key): 200, nothing changes.
        const ApiResponse again = postOverride(
            *m_support, tenantId, overrideBody(QStringLiteral("sso"), true, pilot, expires));
        QVERIFY2(again.status == 200, qPrintable(bodyOf(again)));
        QCOMPARE(again.header("ETag"), QByteArray("\"1\""));
        QCOMPARE(again.json(), sso);

        // A changed decision: 200, version 2, created_at kept.
        const QString extended = QStringLiteral("SSO pilot extended: the customer needs longer");
        const QString later = rfc3339(wholeSecondsFromNow(qint64(45) * 24 * 3600));
        const ApiResponse changed = postOverride(
            *m_support, tenantId, overrideBody(QStringLiteral("sso"), true, extended, later));
        QVERIFY2(changed.status == 200, qPrintable(bodyOf(changed)));
        QCOMPARE(changed.header("ETag"), QByteArray("\"2\""));
        QCOMPARE(changed.json()[u"version"].toInt(), 2);
        QCOMPARE(changed.json()[u"reason"].toString(), extended);
        QCOMPARE(changed.json()[u"expires_at"].toString(), later);
        QCOMPARE(changed.json()[u"created_at"], sso[u"created_at"]);
        QVERIFY(microsOf(changed.json()[u"updated_at"].toString())
                >= microsOf(sso[u"updated_at"].toString()));

        // With the current version in If-Match: accepted.
        const ApiResponse conditional = postOverride(
            *m_support, tenantId, overrideBody(QStringLiteral("sso"), true, pilot, later), "\"2\"");
        QVERIFY2(conditional.status == 200, qPrintable(bodyOf(conditional)));
        QCOMPARE(conditional.header("ETag"), QByteArray("\"3\""));
        QCOMPARE(conditional.json()[u"version"].toInt(), 3);
        sso = conditional.json();

        // With a stale one: 412 with the override as it is and its ETag; nothing changes.
        const ApiResponse stale = postOverride(*m_support,
                                               tenantId,
                                               overrideBody(QStringLiteral("sso"),
                                                            false,
                                                            QStringLiteral("Lost update")),
                                               "\"1\"");
        mismatch = errorMismatch(stale, 412, kInvalidRequest, QStringLiteral("version_mismatch"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(stale.header("ETag"), QByteArray("\"3\""));
        QCOMPARE(errorOf(stale)[u"current"].toObject(), sso);

        // If-Match on a feature that has no override: 412 (there is nothing to show).
        const ApiResponse vanished = postOverride(*m_support,
                                                  tenantId,
                                                  overrideBody(QStringLiteral("api_access"),
                                                               false,
                                                               QStringLiteral("Gone meanwhile")),
                                                  "\"1\"");
        mismatch = errorMismatch(vanished, 412, kInvalidRequest, QStringLiteral("version_mismatch"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QVERIFY(!errorOf(vanished).contains(QStringLiteral("current")));

        response = m_support->get(overridesPath(tenantId));
        QCOMPARE(response.status, 200);
        overrides = response.json()[u"data"].toArray();
        QCOMPARE(overrides.size(), 2);
        QCOMPARE(itemWith(overrides, QStringLiteral("sso")), sso);

        // DELETE needs If-Match: 428 without, 412 when stale, 200 with the right one.
        const QString ssoPath = overridePath(tenantId, QStringLiteral("sso"));
        mismatch = errorMismatch(m_support->del(ssoPath, {}),
                                 428,
                                 kInvalidRequest,
                                 QStringLiteral("if_match_required"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        const ApiResponse staleDelete = m_support->del(ssoPath, "\"2\"");
        mismatch = errorMismatch(staleDelete,
                                 412,
                                 kInvalidRequest,
                                 QStringLiteral("version_mismatch"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        // docs/openapi.yaml says this 412 carries no error.current; when one is sent, it must at
        // least be the override as it is, with its ETag.
        if (errorOf(staleDelete).contains(QStringLiteral("current"))) {
            QCOMPARE(errorOf(staleDelete)[u"current"].toObject(), sso);
            QCOMPARE(staleDelete.header("ETag"), QByteArray("\"3\""));
        }
        QCOMPARE(m_support->get(overridesPath(tenantId)).json()[u"data"].toArray().size(), 2);
        const ApiResponse removed = m_support->del(ssoPath, "\"3\"");
        QVERIFY2(removed.status == 200, qPrintable(bodyOf(removed)));
        QCOMPARE(removed.json(), sso);

        response = m_support->get(tenantPath(tenantId, QStringLiteral("/entitlements")));
        QCOMPARE(response.status, 200);
        entitlements = response.json()[u"data"].toArray();
        mismatch = entitlementMismatch(itemWith(entitlements, QStringLiteral("sso")),
                                       QStringLiteral("sso"),
                                       false,
                                       QStringLiteral("none"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(itemWith(entitlements, QStringLiteral("analytics"))[u"source"].toString(),
                 QStringLiteral("override"));
        response = m_support->get(overridesPath(tenantId));
        QCOMPARE(idsOf(response, u"feature_key"), QStringList{QStringLiteral("analytics")});

        // Removing what is not there: 404.
        mismatch = errorMismatch(m_support->del(ssoPath, "\"3\""),
                                 404,
                                 kInvalidRequest,
                                 QStringLiteral("resource_missing"),
                                 QStringLiteral("feature_key"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        mismatch = errorMismatch(m_support->del(overridePath(tenantId, QStringLiteral("api_access")),
                                                "\"1\""),
                                 404,
                                 kInvalidRequest,
                                 QStringLiteral("resource_missing"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        mismatch = errorMismatch(m_support->del(overridePath(QStringLiteral(
                                                                 "ten_nosuchtenant00000"),
                                                             QStringLiteral("sso")),
                                                "\"1\""),
                                 404,
                                 kInvalidRequest,
                                 QStringLiteral("resource_missing"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));

        // A new override after a removal starts again at version 1.
        const ApiResponse recreated = postOverride(*m_support,
                                                   tenantId,
                                                   overrideBody(QStringLiteral("sso"),
                                                                false,
                                                                QStringLiteral("Pilot over")));
        QVERIFY2(recreated.status == 201, qPrintable(bodyOf(recreated)));
        QCOMPARE(recreated.header("ETag"), QByteArray("\"1\""));
    }

    void overrideLapsesAtItsExpiry()
    {
        const QString tenantId = createTenant(QStringLiteral("Short Pilot"));
        QVERIFY(!tenantId.isEmpty());
        QVERIFY(subscribe(tenantId, m_proPlanId));
        const QDateTime expiry = wholeSecondsFromNow(5);
        const ApiResponse created = postOverride(*m_support,
                                                 tenantId,
                                                 overrideBody(QStringLiteral("api_access"),
                                                              false,
                                                              QStringLiteral("Off for a moment"),
                                                              rfc3339(expiry)));
        QVERIFY2(created.status == 201, qPrintable(bodyOf(created)));
        ApiResponse response = m_support->get(tenantPath(tenantId, QStringLiteral("/entitlements")));
        QCOMPARE(response.status, 200);
        QJsonObject entitlement = itemWith(response.json()[u"data"].toArray(),
                                           QStringLiteral("api_access"));
        QVERIFY2(QDateTime::currentDateTimeUtc() < expiry, "the machine was too slow to check");
        QCOMPARE(entitlement[u"source"].toString(), QStringLiteral("override"));
        QCOMPARE(entitlement[u"enabled"].toBool(), false);

        // An expiry is exclusive: once it has passed, the plan decides again.
        const qint64 wait = QDateTime::currentDateTimeUtc().msecsTo(expiry) + 500;
        if (wait > 0)
            QTest::qSleep(static_cast<int>(wait));
        response = m_support->get(tenantPath(tenantId, QStringLiteral("/entitlements")));
        QCOMPARE(response.status, 200);
        entitlement = itemWith(response.json()[u"data"].toArray(), QStringLiteral("api_access"));
        const QString mismatch = entitlementMismatch(entitlement,
                                                     QStringLiteral("api_access"),
                                                     true,
                                                     QStringLiteral("plan"),
                                                     m_proPlanId);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    void overrideRequestsAreValidated_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("param");

        const QString past = rfc3339(wholeSecondsFromNow(-3600));
        const QString future = rfc3339(wholeSecondsFromNow(3600));
        const auto json = [](const QJsonObject &object) {
            return QJsonDocument(object).toJson(QJsonDocument::Compact);
        };
        const QString unprocessable = QStringLiteral("parameter_invalid");
        const QString missing = QStringLiteral("parameter_missing");
        const QJsonObject valid = overrideBody(QStringLiteral("sso"), true, QStringLiteral("Why"));

        QJsonObject body = valid;
        body[QStringLiteral("feature_key")] = QStringLiteral("warp_drive");
        QTest::newRow("unknown feature") << json(body) << 422 << QStringLiteral("resource_missing")
                                         << QStringLiteral("feature_key");
        body = valid;
        body.remove(QStringLiteral("feature_key"));
        QTest::newRow("no feature_key")
            << json(body) << 422 << missing << QStringLiteral("feature_key");
        body = valid;
        body.remove(QStringLiteral("reason"));
        QTest::newRow("no reason") << json(body) << 422 << missing << QStringLiteral("reason");
        body[QStringLiteral("reason")] = QString();
        QTest::newRow("empty reason") << json(body) << 422 << missing << QStringLiteral("reason");
        body[QStringLiteral("reason")] = QString(1001, QLatin1Char('x'));
        QTest::newRow("reason too long")
            << json(body) << 422 << unprocessable << QStringLiteral("reason");
        body[QStringLiteral("reason")] = 42;
        QTest::newRow("reason a number")
            << json(body) << 422 << unprocessable << QStringLiteral("reason");
        body = valid;
        body.remove(QStringLiteral("enabled"));
        QTest::newRow("no enabled") << json(body) << 422 << missing << QStringLiteral("enabled");
        body[QStringLiteral("enabled")] = QStringLiteral("true");
        QTest::newRow("enabled a string")
            << json(body) << 422 << unprocessable << QStringLiteral("enabled");
        body[QStringLiteral("enabled")] = 1;
        QTest::newRow("enabled a number")
            << json(body) << 422 << unprocessable << QStringLiteral("enabled");
        body = valid;
        body[QStringLiteral("expires_at")] = past;
        QTest::newRow("expires_at in the past")
            << json(body) << 422 << unprocessable << QStringLiteral("expires_at");
        body[QStringLiteral("expires_at")] = QStringLiteral("next week");
        QTest::newRow("expires_at not a time")
            << json(body) << 422 << unprocessable << QStringLiteral("expires_at");
        body[QStringLiteral("expires_at")] = QStringLiteral("2099-01-01 00:00:00");
        QTest::newRow("expires_at without offset")
            << json(body) << 422 << unprocessable << QStringLiteral("expires_at");
        body = valid;
        body[QStringLiteral("expires_at")] = future;
        body[QStringLiteral("enabeld")] = true;
        QTest::newRow("unknown field") << json(body) << 422 << QStringLiteral("parameter_unknown")
                                       << QStringLiteral("enabeld");
        body = valid;
        body[QStringLiteral("tenant_id")] = QStringLiteral("ten_nosuchtenant00000");
        QTest::newRow("tenant_id in the body")
            << json(body) << 422 << QStringLiteral("parameter_unknown")
            << QStringLiteral("tenant_id");
        QTest::newRow("not JSON") << QByteArray("{\"feature_key\": ") << 400
                                  << QStringLiteral("invalid_json") << QString();
        QTest::newRow("not an object")
            << QByteArray("[1, 2]") << 400 << QStringLiteral("invalid_body") << QString();
    }

    void overrideRequestsAreValidated()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, param);
        if (m_validationTenant.isEmpty()) {
            m_validationTenant = createTenant(QStringLiteral("Validation Target"));
            QVERIFY(!m_validationTenant.isEmpty());
        }
        const ApiResponse response = m_support->request("POST",
                                                        overridesPath(m_validationTenant),
                                                        body,
                                                        {{"Idempotency-Key", newKey()}});
        const QString mismatch = errorMismatch(response, status, kInvalidRequest, code, param);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        if (!param.isEmpty())
            QCOMPARE(errorOf(response)[u"param"].toString(), param);

        // Nothing was stored.
        const ApiResponse overrides = m_support->get(overridesPath(m_validationTenant));
        QCOMPARE(overrides.status, 200);
        QCOMPARE(overrides.json()[u"data"].toArray().size(), 0);
    }

    void overridesOfAnUnknownTenantAre404()
    {
        const QString missingTenant = QStringLiteral("ten_nosuchtenant00000");
        for (const ApiResponse &response :
             {postOverride(*m_support,
                           missingTenant,
                           overrideBody(QStringLiteral("sso"), true, QStringLiteral("Why"))),
              m_support->get(overridesPath(missingTenant)),
              m_support->get(tenantPath(missingTenant, QStringLiteral("/entitlements")))}) {
            const QString mismatch = errorMismatch(response,
                                                   404,
                                                   kInvalidRequest,
                                                   QStringLiteral("resource_missing"),
                                                   QStringLiteral("id"));
            QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        }
    }

    void suspendedTenantHasNoFeatures()
    {
        const QString tenantId = createTenant(QStringLiteral("Suspended Feature"));
        QVERIFY(!tenantId.isEmpty());
        QVERIFY(subscribe(tenantId, m_proPlanId));
        const ApiResponse override = postOverride(*m_support,
                                                  tenantId,
                                                  overrideBody(QStringLiteral("sso"),
                                                               true,
                                                               QStringLiteral("Pilot")));
        QVERIFY2(override.status == 201, qPrintable(bodyOf(override)));
        const ApiResponse before = m_support->get(
            tenantPath(tenantId, QStringLiteral("/entitlements")));
        QCOMPARE(before.status, 200);
        QCOMPARE(itemWith(before.json()[u"data"].toArray(), QStringLiteral("sso"))[u"source"]
                     .toString(),
                 QStringLiteral("override"));

        const ApiResponse suspended = m_support->post(tenantPath(tenantId,
                                                                 QStringLiteral("/suspend")),
                                                      {{QStringLiteral("reason"),
                                                        QStringLiteral("unpaid invoices")}});
        QVERIFY2(suspended.status == 200, qPrintable(bodyOf(suspended)));
        QCOMPARE(suspended.json()[u"status"].toString(), QStringLiteral("suspended"));

        ApiResponse response = m_support->get(tenantPath(tenantId, QStringLiteral("/entitlements")));
        QVERIFY2(response.status == 200, qPrintable(bodyOf(response)));
        QCOMPARE(idsOf(response, u"feature_key"), kCatalog);
        const QJsonArray entitlements = response.json()[u"data"].toArray();
        for (const QString &key : kCatalog) {
            const QString mismatch = entitlementMismatch(itemWith(entitlements, key),
                                                         key,
                                                         false,
                                                         QStringLiteral("tenant_status"));
            QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        }
        // The override is kept, only outranked.
        QCOMPARE(idsOf(m_support->get(overridesPath(tenantId)), u"feature_key"),
                 QStringList{QStringLiteral("sso")});

        const ApiResponse reactivated = m_support->post(tenantPath(tenantId,
                                                                   QStringLiteral("/reactivate")),
                                                        {});
        QVERIFY2(reactivated.status == 200, qPrintable(bodyOf(reactivated)));
        QCOMPARE(reactivated.json()[u"status"].toString(), QStringLiteral("active"));
        response = m_support->get(tenantPath(tenantId, QStringLiteral("/entitlements")));
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json(), before.json());
    }

    void deletedTenantHasNoFeatures()
    {
        const QString tenantId = createTenant(QStringLiteral("Deleted Feature"), m_freePlanId);
        QVERIFY(!tenantId.isEmpty());
        const ApiResponse override = postOverride(*m_support,
                                                  tenantId,
                                                  overrideBody(QStringLiteral("sso"),
                                                               true,
                                                               QStringLiteral("Pilot")));
        QVERIFY2(override.status == 201, qPrintable(bodyOf(override)));
        const ApiResponse deleted = m_admin->del(tenantPath(tenantId), "\"1\"");
        QVERIFY2(deleted.status == 200, qPrintable(bodyOf(deleted)));
        QCOMPARE(deleted.json()[u"status"].toString(), QStringLiteral("deleted"));
        const ApiResponse response = m_support->get(
            tenantPath(tenantId, QStringLiteral("/entitlements")));
        QVERIFY2(response.status == 200, qPrintable(bodyOf(response)));
        const QJsonArray entitlements = response.json()[u"data"].toArray();
        QCOMPARE(entitlements.size(), kCatalog.size());
        for (const QString &key : kCatalog) {
            const QString mismatch = entitlementMismatch(itemWith(entitlements, key),
                                                         key,
                                                         false,
                                                         QStringLiteral("tenant_status"));
            QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        }

        // A deleted tenant cannot be changed; its override is still listed.
        const QString mismatch = errorMismatch(
            postOverride(*m_support,
                         tenantId,
                         overrideBody(QStringLiteral("analytics"), true, QStringLiteral("Late"))),
            409,
            kInvalidRequest,
            QStringLiteral("tenant_deleted"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        const ApiResponse overrides = m_support->get(overridesPath(tenantId));
        QVERIFY2(overrides.status == 200, qPrintable(bodyOf(overrides)));
        QCOMPARE(overrides.json()[u"data"].toArray().size(), 1);
        QCOMPARE(overrides.json()[u"data"].toArray().first().toObject(), override.json());
    }

    void demoTenantUsersAreListed()
    {
        const QJsonObject tenant = demoTenant();
        const QString tenantId = tenant[u"id"].toString();
        QVERIFY2(isId(tenantId, QStringLiteral("ten_")), qPrintable(tenantId));
        const QString slug = tenant[u"slug"].toString();

        const ApiResponse response = m_viewer->get(usersPath(tenantId)
                                                   + QStringLiteral("?limit=100"));
        QVERIFY2(response.status == 200, qPrintable(bodyOf(response)));
        QCOMPARE(response.json()[u"object"].toString(), QStringLiteral("list"));
        QCOMPARE(response.json()[u"has_more"].toBool(), false);
        QVERIFY(response.json()[u"next_cursor"].isNull());
        const QJsonArray users = response.json()[u"data"].toArray();
        QVERIFY2(!users.isEmpty() && users.size() <= 5, qPrintable(bodyOf(response)));
        // Newest first: the oldest, the first the tenant had, is its owner, then an admin,
        // then members; emails are <first name><n>@<slug>.example.
        qint64 previous = -1;
        for (qsizetype i = users.size() - 1; i >= 0; --i) {
            const QJsonObject user = users.at(i).toObject();
            const qsizetype position = users.size() - 1 - i; // 0: created first
            const QString context = QString::fromUtf8(QJsonDocument(user).toJson());
            QCOMPARE(user[u"object"].toString(), QStringLiteral("tenant_user"));
            // Seeded ids have their own form (tus_demo<n>, server/services/demohistory.cpp).
            QVERIFY2(user[u"id"].toString().startsWith(QStringLiteral("tus_")), qPrintable(context));
            QCOMPARE(user[u"tenant_id"].toString(), tenantId);
            QCOMPARE(user[u"version"].toInt(), 1);
            const QString expectedRole = position == 0   ? QStringLiteral("owner")
                                         : position == 1 ? QStringLiteral("admin")
                                                         : QStringLiteral("member");
            QVERIFY2(user[u"role"].toString() == expectedRole, qPrintable(context));
            const QString email = user[u"name"].toString().toLower() + QString::number(position + 1)
                                  + QLatin1Char('@') + slug + QStringLiteral(".example");
            QVERIFY2(user[u"email"].toString() == email, qPrintable(context));
            const qint64 created = microsOf(user[u"created_at"].toString());
            QVERIFY2(created > 0 && created >= previous, qPrintable(context));
            previous = created;
        }
    }

    void tenantUsersAreAddedAndRemoved()
    {
        const QString tenantId = demoTenant()[u"id"].toString();
        QVERIFY(!tenantId.isEmpty());
        const QStringList before = listUserIds(tenantId);
        QVERIFY(!before.isEmpty());

        // Added: the email lower-cased, version 1.
        const ApiResponse added = m_support->post(
            usersPath(tenantId),
            {{QStringLiteral("email"), QStringLiteral("Mixed@Case.Example")},
             {QStringLiteral("name"), QStringLiteral("Mixed Case")},
             {QStringLiteral("role"), QStringLiteral("admin")}});
        QVERIFY2(added.status == 201, qPrintable(bodyOf(added)));
        QCOMPARE(added.header("ETag"), QByteArray("\"1\""));
        const QJsonObject user = added.json();
        const QString userId = user[u"id"].toString();
        QVERIFY2(isId(userId, QStringLiteral("tus_")), qPrintable(userId));
        QCOMPARE(user[u"object"].toString(), QStringLiteral("tenant_user"));
        QCOMPARE(user[u"tenant_id"].toString(), tenantId);
        QCOMPARE(user[u"email"].toString(), QStringLiteral("mixed@case.example"));
        QCOMPARE(user[u"name"].toString(), QStringLiteral("Mixed Case"));
        QCOMPARE(user[u"role"].toString(), QStringLiteral("admin"));
        QCOMPARE(user[u"version"].toInt(), 1);
        QVERIFY(microsOf(user[u"created_at"].toString()) > 0);

        ApiResponse list = m_support->get(usersPath(tenantId) + QStringLiteral("?limit=100"));
        QCOMPARE(list.status, 200);
        QCOMPARE(list.json()[u"data"].toArray().first().toObject(), user); // newest first
        QCOMPARE(idsOf(list), QStringList{userId} + before);

        // The same email in another case: 409.
        QString mismatch = errorMismatch(
            m_support->post(usersPath(tenantId),
                            {{QStringLiteral("email"), QStringLiteral("MIXED@case.EXAMPLE")},
                             {QStringLiteral("name"), QStringLiteral("Twin")}}),
            409,
            kInvalidRequest,
            QStringLiteral("email_taken"),
            QStringLiteral("email"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));

        // The role defaults to member.
        const ApiResponse member = m_support->post(usersPath(tenantId),
                                                   {{QStringLiteral("email"),
                                                     QStringLiteral("plain.member@case.example")},
                                                    {QStringLiteral("name"),
                                                     QStringLiteral("Plain Member")}});
        QVERIFY2(member.status == 201, qPrintable(bodyOf(member)));
        QCOMPARE(member.json()[u"role"].toString(), QStringLiteral("member"));
        const QString memberId = member.json()[u"id"].toString();
        QVERIFY(memberId != userId);

        // Refused: no user is added.
        const struct
        {
            QJsonObject body;
            int status;
            const char *code;
            const char *param;
        } refused[] = {
            {{{QStringLiteral("email"), QStringLiteral("boss@case.example")},
              {QStringLiteral("name"), QStringLiteral("Boss")},
              {QStringLiteral("role"), QStringLiteral("superuser")}},
             422,
             "parameter_invalid",
             "role"},
            {{{QStringLiteral("email"), QStringLiteral("not-an-email")},
              {QStringLiteral("name"), QStringLiteral("Nobody")}},
             422,
             "parameter_invalid",
             "email"},
            {{{QStringLiteral("email"), QStringLiteral("two@at@case.example")},
              {QStringLiteral("name"), QStringLiteral("Nobody")}},
             422,
             "parameter_invalid",
             "email"},
            {{{QStringLiteral("name"), QStringLiteral("Nobody")}}, 422, "parameter_missing", "email"},
            {{{QStringLiteral("email"), QStringLiteral("nameless@case.example")}},
             422,
             "parameter_missing",
             "name"},
            {{{QStringLiteral("email"), QStringLiteral("extra@case.example")},
              {QStringLiteral("name"), QStringLiteral("Extra")},
              {QStringLiteral("password"), QStringLiteral("hunter2")}},
             422,
             "parameter_unknown",
             "password"},
        };
        for (const auto &[body, status, code, param] : refused) {
            mismatch = errorMismatch(m_support->post(usersPath(tenantId), body),
                                     status,
                                     kInvalidRequest,
                                     QLatin1StringView(code),
                                     QLatin1StringView(param));
            QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        }
        mismatch = errorMismatch(m_support->post(usersPath(QStringLiteral("ten_nosuchtenant00000")),
                                                 {{QStringLiteral("email"),
                                                   QStringLiteral("lost@case.example")},
                                                  {QStringLiteral("name"), QStringLiteral("Lost")}}),
                                 404,
                                 kInvalidRequest,
                                 QStringLiteral("resource_missing"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        mismatch = errorMismatch(m_support->get(usersPath(QStringLiteral("ten_nosuchtenant00000"))),
                                 404,
                                 kInvalidRequest,
                                 QStringLiteral("resource_missing"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        const QStringList all = listUserIds(tenantId);
        QCOMPARE(all, (QStringList{memberId, userId} + before));

        // Pages of one walk every user once, in the order of the whole list.
        QStringList walked;
        QString cursor;
        for (int page = 0; page < 20; ++page) {
            const ApiResponse response = m_support->get(
                usersPath(tenantId) + QStringLiteral("?limit=1")
                + (cursor.isEmpty() ? QString() : QStringLiteral("&starting_after=") + cursor));
            QVERIFY2(response.status == 200, qPrintable(bodyOf(response)));
            const QStringList ids = idsOf(response);
            QCOMPARE(ids.size(), 1);
            walked += ids;
            if (!response.json()[u"has_more"].toBool()) {
                QVERIFY(response.json()[u"next_cursor"].isNull());
                break;
            }
            cursor = response.json()[u"next_cursor"].toString();
            QCOMPARE(cursor, ids.last());
        }
        QCOMPARE(walked, all);
        QCOMPARE(QSet<QString>(walked.cbegin(), walked.cend()).size(), walked.size());

        // A cursor that names no user of this tenant.
        mismatch = errorMismatch(m_support->get(
                                     usersPath(tenantId)
                                     + QStringLiteral("?starting_after=tus_nosuchuser000000")),
                                 400,
                                 kInvalidRequest,
                                 QStringLiteral("parameter_invalid"),
                                 QStringLiteral("starting_after"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));

        // Removal needs the current version.
        const QString userPath = usersPath(tenantId) + QLatin1Char('/') + userId;
        const ApiResponse staleDelete = m_support->del(userPath, "\"2\"");
        mismatch = errorMismatch(staleDelete,
                                 412,
                                 kInvalidRequest,
                                 QStringLiteral("version_mismatch"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        // docs/openapi.yaml says this 412 carries no error.current; when one is sent, it must at
        // least be the user as they are, with their ETag.
        if (errorOf(staleDelete).contains(QStringLiteral("current"))) {
            QCOMPARE(errorOf(staleDelete)[u"current"].toObject(), user);
            QCOMPARE(staleDelete.header("ETag"), QByteArray("\"1\""));
        }
        mismatch = errorMismatch(m_support->del(userPath, {}),
                                 428,
                                 kInvalidRequest,
                                 QStringLiteral("if_match_required"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        mismatch = errorMismatch(m_support->del(userPath, "yesterday"),
                                 400,
                                 kInvalidRequest,
                                 QStringLiteral("parameter_invalid"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(listUserIds(tenantId), all);
        const ApiResponse removed = m_support->del(userPath, "\"1\"");
        QVERIFY2(removed.status == 200, qPrintable(bodyOf(removed)));
        QCOMPARE(removed.json(), user);
        QCOMPARE(listUserIds(tenantId), (QStringList{memberId} + before));
        mismatch = errorMismatch(m_support->del(userPath, "\"1\""),
                                 404,
                                 kInvalidRequest,
                                 QStringLiteral("resource_missing"),
                                 QStringLiteral("user_id"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));

        // The email is free again once its user is gone.
        const ApiResponse readded = m_support->post(usersPath(tenantId),
                                                    {{QStringLiteral("email"),
                                                      QStringLiteral("mixed@case.example")},
                                                     {QStringLiteral("name"),
                                                      QStringLiteral("Mixed Again")}});
        QVERIFY2(readded.status == 201, qPrintable(bodyOf(readded)));
        QVERIFY(readded.json()[u"id"].toString() != userId);

        // A user id of one tenant does not reach into another.
        const QString otherTenant = createTenant(QStringLiteral("Other Users"));
        QVERIFY(!otherTenant.isEmpty());
        mismatch = errorMismatch(m_support->del(usersPath(otherTenant) + QLatin1Char('/') + memberId,
                                                "\"1\""),
                                 404,
                                 kInvalidRequest,
                                 QStringLiteral("resource_missing"),
                                 QStringLiteral("user_id"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        mismatch = errorMismatch(m_support->del(usersPath(QStringLiteral("ten_nosuchtenant00000"))
                                                    + QLatin1Char('/') + memberId,
                                                "\"1\""),
                                 404,
                                 kInvalidRequest,
                                 QStringLiteral("resource_missing"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QVERIFY(listUserIds(tenantId).contains(memberId));
        // The same email may be used in two tenants.
        const ApiResponse elsewhere = m_support->post(
            usersPath(otherTenant),
            {{QStringLiteral("email"), QStringLiteral("plain.member@case.example")},
             {QStringLiteral("name"), QStringLiteral("Plain Member")}});
        QVERIFY2(elsewhere.status == 201, qPrintable(bodyOf(elsewhere)));
    }

    void deletedTenantTakesNoUsers()
    {
        const QString tenantId = createTenant(QStringLiteral("Deleted Users"));
        QVERIFY(!tenantId.isEmpty());
        const ApiResponse deleted = m_admin->del(tenantPath(tenantId), "\"1\"");
        QVERIFY2(deleted.status == 200, qPrintable(bodyOf(deleted)));
        const QString mismatch = errorMismatch(
            m_support->post(usersPath(tenantId),
                            {{QStringLiteral("email"), QStringLiteral("late@case.example")},
                             {QStringLiteral("name"), QStringLiteral("Too Late")}}),
            409,
            kInvalidRequest,
            QStringLiteral("tenant_deleted"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(listUserIds(tenantId), QStringList{});
    }

    void changesAreAudited()
    {
        const QString tenantId = createTenant(QStringLiteral("Audited Features"));
        QVERIFY(!tenantId.isEmpty());
        const ApiResponse set = postOverride(*m_support,
                                             tenantId,
                                             overrideBody(QStringLiteral("sso"),
                                                          true,
                                                          QStringLiteral("Pilot for the audit")));
        QVERIFY2(set.status == 201, qPrintable(bodyOf(set)));
        // The same decision again changes nothing and is not audited.
        const ApiResponse again = postOverride(*m_support,
                                               tenantId,
                                               overrideBody(QStringLiteral("sso"),
                                                            true,
                                                            QStringLiteral("Pilot for the audit")));
        QCOMPARE(again.status, 200);
        const ApiResponse changed = postOverride(*m_support,
                                                 tenantId,
                                                 overrideBody(QStringLiteral("sso"),
                                                              false,
                                                              QStringLiteral("Pilot ended early")));
        QVERIFY2(changed.status == 200, qPrintable(bodyOf(changed)));
        const ApiResponse cleared = m_support->del(overridePath(tenantId, QStringLiteral("sso")),
                                                   "\"2\"");
        QVERIFY2(cleared.status == 200, qPrintable(bodyOf(cleared)));
        const ApiResponse added = m_support->post(usersPath(tenantId),
                                                  {{QStringLiteral("email"),
                                                    QStringLiteral("audited@case.example")},
                                                   {QStringLiteral("name"),
                                                    QStringLiteral("Audited")}});
        QVERIFY2(added.status == 201, qPrintable(bodyOf(added)));
        const QString userId = added.json()[u"id"].toString();
        const ApiResponse removed = m_support->del(usersPath(tenantId) + QLatin1Char('/') + userId,
                                                   "\"1\"");
        QVERIFY2(removed.status == 200, qPrintable(bodyOf(removed)));

        // The override's trail, newest first.
        const QString target = QString::fromUtf8(
            QUrl::toPercentEncoding(tenantId + QStringLiteral("/sso")));
        ApiResponse audit = m_admin->get(QStringLiteral("/v1/audit-events?target=") + target);
        QVERIFY2(audit.status == 200, qPrintable(bodyOf(audit)));
        QJsonArray events = audit.json()[u"data"].toArray();
        QStringList actions;
        for (const QJsonValue event : events)
            actions << event[u"action"].toString();
        QCOMPARE(actions,
                 (QStringList{QStringLiteral("feature_override.cleared"),
                              QStringLiteral("feature_override.set"),
                              QStringLiteral("feature_override.set")}));
        for (const QJsonValue event : events) {
            QCOMPARE(event[u"actor_id"].toString(), m_supportUserId);
            QCOMPARE(event[u"actor_email"].toString(), QStringLiteral("support@demo.tenantry.dev"));
            QCOMPARE(event[u"target_type"].toString(), QStringLiteral("feature_override"));
            QCOMPARE(event[u"target_id"].toString(), tenantId + QStringLiteral("/sso"));
            QCOMPARE(event[u"tenant_id"].toString(), tenantId);
            QVERIFY(microsOf(event[u"created_at"].toString()) > 0);
        }
        const QJsonValue first = events.at(2);
        QVERIFY(first[u"before"].isNull());
        QCOMPARE(first[u"after"].toObject(), set.json());
        QCOMPARE(first[u"request_id"].toString(), QString::fromUtf8(set.header("Request-Id")));
        const QJsonValue second = events.at(1);
        QCOMPARE(second[u"before"].toObject(), set.json());
        QCOMPARE(second[u"after"].toObject(), changed.json());
        QCOMPARE(second[u"request_id"].toString(), QString::fromUtf8(changed.header("Request-Id")));
        const QJsonValue last = events.at(0);
        QCOMPARE(last[u"before"].toObject(), changed.json());
        QVERIFY(last[u"after"].isNull());
        QCOMPARE(last[u"request_id"].toString(), QString::fromUtf8(cleared.header("Request-Id")));

        // The action filter picks the clearing alone.
        audit = m_admin->get(
            QStringLiteral("/v1/audit-events?action=feature_override.cleared&target=") + target);
        QCOMPARE(audit.status, 200);
        QCOMPARE(audit.json()[u"data"].toArray().size(), 1);

        // The user's trail.
        audit = m_support->get(QStringLiteral("/v1/audit-events?target=") + userId);
        QVERIFY2(audit.status == 200, qPrintable(bodyOf(audit)));
        events = audit.json()[u"data"].toArray();
        actions.clear();
        for (const QJsonValue event : events)
            actions << event[u"action"].toString();
        QCOMPARE(actions,
                 (QStringList{QStringLiteral("tenant_user.removed"),
                              QStringLiteral("tenant_user.added")}));
        const QJsonValue userAdded = events.at(1);
        QCOMPARE(userAdded[u"target_type"].toString(), QStringLiteral("tenant_user"));
        QCOMPARE(userAdded[u"tenant_id"].toString(), tenantId);
        QCOMPARE(userAdded[u"actor_id"].toString(), m_supportUserId);
        QVERIFY(userAdded[u"before"].isNull());
        QCOMPARE(userAdded[u"after"].toObject(), added.json());
        QCOMPARE(userAdded[u"request_id"].toString(), QString::fromUtf8(added.header("Request-Id")));
        const QJsonValue userRemoved = events.at(0);
        QCOMPARE(userRemoved[u"before"].toObject(), added.json());
        QVERIFY(userRemoved[u"after"].isNull());
    }

    void viewerMayLookButNotChange()
    {
        const QString tenantId = createTenant(QStringLiteral("Viewed Features"));
        QVERIFY(!tenantId.isEmpty());
        const ApiResponse set = postOverride(*m_support,
                                             tenantId,
                                             overrideBody(QStringLiteral("sso"),
                                                          true,
                                                          QStringLiteral("Pilot")));
        QCOMPARE(set.status, 201);

        for (const QString &path : {tenantPath(tenantId, QStringLiteral("/entitlements")),
                                    overridesPath(tenantId),
                                    usersPath(tenantId)}) {
            const ApiResponse response = m_viewer->get(path);
            QVERIFY2(response.status == 200, qPrintable(path + QLatin1Char(' ') + bodyOf(response)));
        }
        const QString type = QStringLiteral("permission_error");
        const QString code = QStringLiteral("permission_denied");
        QString mismatch = errorMismatch(postOverride(*m_viewer,
                                                      tenantId,
                                                      overrideBody(QStringLiteral("sso"),
                                                                   false,
                                                                   QStringLiteral("Viewer"))),
                                         403,
                                         type,
                                         code);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        mismatch = errorMismatch(
            m_viewer->del(overridePath(tenantId, QStringLiteral("sso")), "\"1\""), 403, type, code);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        mismatch = errorMismatch(
            m_viewer->post(usersPath(tenantId),
                           {{QStringLiteral("email"), QStringLiteral("viewer@case.example")},
                            {QStringLiteral("name"), QStringLiteral("Viewer")}}),
            403,
            type,
            code);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));

        // Nothing changed.
        const ApiResponse overrides = m_support->get(overridesPath(tenantId));
        QCOMPARE(overrides.status, 200);
        QCOMPARE(overrides.json()[u"data"].toArray().size(), 1);
        QCOMPARE(overrides.json()[u"data"].toArray().first().toObject(), set.json());
        QCOMPARE(listUserIds(tenantId), QStringList{});
    }

    void cleanupTestCase() { QCOMPARE(m_server.stop(), 0); }

private:
    QString uniqueName(const QString &prefix)
    {
        return prefix + QStringLiteral(" Qe%1x").arg(++m_counter, 4, 10, QLatin1Char('0'));
    }

    // A new tenant (on `planId` when given, which creates no subscription); empty on failure.
    QString createTenant(const QString &prefix, const QString &planId = {})
    {
        QJsonObject body{{QStringLiteral("name"), uniqueName(prefix)},
                         {QStringLiteral("region"), QStringLiteral("eu-west-1")}};
        if (!planId.isEmpty())
            body[QStringLiteral("plan_id")] = planId;
        const ApiResponse created = m_support->post(QStringLiteral("/v1/tenants"), body);
        if (created.status != 201) {
            QTest::qFail(qPrintable(bodyOf(created)), __FILE__, __LINE__);
            return {};
        }
        QString id = created.json()[u"id"].toString();
        if (!planId.isEmpty() && created.json()[u"plan_id"].toString() != planId) {
            QTest::qFail(qPrintable(bodyOf(created)), __FILE__, __LINE__);
            return {};
        }
        m_created.insert(id);
        return id;
    }

    // An active subscription of the tenant to `planId`, without a trial.
    bool subscribe(const QString &tenantId, const QString &planId)
    {
        const ApiResponse created = m_support->post(QStringLiteral("/v1/subscriptions"),
                                                    {{QStringLiteral("tenant_id"), tenantId},
                                                     {QStringLiteral("plan_id"), planId},
                                                     {QStringLiteral("trial_days"), 0}});
        if (created.status != 201 || created.json()[u"status"].toString() != u"active") {
            QTest::qFail(qPrintable(bodyOf(created)), __FILE__, __LINE__);
            return false;
        }
        return true;
    }

    // An active tenant of the demo data (not one this test created).
    QJsonObject demoTenant()
    {
        const ApiResponse tenants = m_support->get(
            QStringLiteral("/v1/tenants?status=active&limit=100"));
        if (tenants.status != 200) {
            QTest::qFail(qPrintable(bodyOf(tenants)), __FILE__, __LINE__);
            return {};
        }
        const QJsonArray data = tenants.json()[u"data"].toArray();
        for (const QJsonValue tenant : data) {
            if (!m_created.contains(tenant[u"id"].toString()))
                return tenant.toObject();
        }
        QTest::qFail("no demo tenant on the first page", __FILE__, __LINE__);
        return {};
    }

    QStringList listUserIds(const QString &tenantId)
    {
        const ApiResponse list = m_support->get(usersPath(tenantId) + QStringLiteral("?limit=100"));
        if (list.status != 200 || list.json()[u"has_more"].toBool()) {
            QTest::qFail(qPrintable(bodyOf(list)), __FILE__, __LINE__);
            return {};
        }
        return idsOf(list);
    }

    TenantrydProcess m_server{{QStringLiteral("--demo"),
                               QStringLiteral("--rate-limit"),
                               QStringLiteral("100000"),
                               QStringLiteral("--rate-burst"),
                               QStringLiteral("100000")}};
    std::unique_ptr<ApiClient> m_admin;
    std::unique_ptr<ApiClient> m_support;
    std::unique_ptr<ApiClient> m_viewer;
    QString m_supportUserId;
    QString m_proPlanId;
    QString m_freePlanId;
    QStringList m_featuresListed;
    QSet<QString> m_created;
    QString m_validationTenant;
    int m_counter = 0;
};

QTEST_GUILESS_MAIN(TestApiEntitlements)
#include "testapientitlements.moc"
