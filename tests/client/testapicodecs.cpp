// The decoders of the API's answers: list envelopes, sessions, users (with /v1/me's permissions),
// notes, audit events, entitlements, feature overrides and tenant users,
// and the errors they give for answers that break the contract.

#include "client/apicodecs.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace Tenantry;

namespace {

QJsonObject tenantJson(const QString &id)
{
    return QJsonObject{{QStringLiteral("object"), QStringLiteral("tenant")},
                       {QStringLiteral("id"), id},
                       {QStringLiteral("slug"), id.mid(4)},
                       {QStringLiteral("name"), QString(QStringLiteral("Name ") + id)},
                       {QStringLiteral("status"), QStringLiteral("suspended")},
                       {QStringLiteral("isolation"), QStringLiteral("silo")},
                       {QStringLiteral("region"), QStringLiteral("eu-west-1")},
                       {QStringLiteral("plan_id"), QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("contact_email"), QStringLiteral("ops@example.com")},
                       {QStringLiteral("notes"), QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("created_at"), QStringLiteral("2025-11-22T10:00:00Z")},
                       {QStringLiteral("updated_at"), QStringLiteral("2025-11-23T16:40:05.250000Z")},
                       {QStringLiteral("deleted_at"), QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("version"), 4}};
}

QByteArray listJson(const QJsonArray &data, bool hasMore, const QJsonValue &cursor)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("object"), QStringLiteral("list")},
                                     {QStringLiteral("data"), data},
                                     {QStringLiteral("has_more"), hasMore},
                                     {QStringLiteral("next_cursor"), cursor}})
        .toJson(QJsonDocument::Compact);
}

QJsonObject userJson()
{
    return QJsonObject{{QStringLiteral("object"), QStringLiteral("user")},
                       {QStringLiteral("id"), QStringLiteral("usr_8f3k2m9q7w4x1r6t")},
                       {QStringLiteral("email"), QStringLiteral("ada@example.com")},
                       {QStringLiteral("name"), QStringLiteral("Ada Lovelace")},
                       {QStringLiteral("role"), QStringLiteral("admin")},
                       {QStringLiteral("created_at"), QStringLiteral("2025-11-20T09:30:00Z")}};
}

} // namespace

class TestApiCodecs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tenantPage()
    {
        const QByteArray body = listJson(
            QJsonArray{tenantJson(QStringLiteral("ten_aaaaaaaaaaaaaaaa")),
                       tenantJson(QStringLiteral("ten_bbbbbbbbbbbbbbbb"))},
            true,
            QStringLiteral("ten_bbbbbbbbbbbbbbbb"));
        const Result<ListPage<Tenant>> page = ApiCodecs::decodeTenantPage(body);
        QVERIFY2(page.hasValue(), page ? "" : page.error().toString().c_str());
        QCOMPARE(page->data.size(), std::size_t(2));
        QCOMPARE(page->data[1].id, std::string("ten_bbbbbbbbbbbbbbbb"));
        QVERIFY(page->data[0].status == TenantStatus::Suspended);
        QVERIFY(page->data[0].isolation == Isolation::Silo);
        QCOMPARE(page->data[0].version, 4);
        QVERIFY(!page->data[0].planId.has_value());
        QCOMPARE(page->data[0].contactEmail, std::optional<std::string>("ops@example.com"));
        QVERIFY(page->hasMore);
        QCOMPARE(page->nextCursor, std::string("ten_bbbbbbbbbbbbbbbb"));
    }

    void lastPageHasNoCursor()
    {
        const Result<ListPage<Tenant>> page = ApiCodecs::decodeTenantPage(
            listJson(QJsonArray{}, false, QJsonValue(QJsonValue::Null)));
        QVERIFY(page.hasValue());
        QVERIFY(page->data.empty());
        QVERIFY(!page->hasMore);
        QVERIFY(page->nextCursor.empty());
    }

    void brokenPages_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("path");
        QTest::newRow("not json") << QByteArray("{\"data\": [") << QStringLiteral("invalid_json")
                                  << QString();
        QTest::newRow("more without cursor")
            << listJson(QJsonArray{}, true, QJsonValue(QJsonValue::Null))
            << QStringLiteral("invalid_value") << QStringLiteral("/next_cursor");
        QJsonObject noId = tenantJson(QStringLiteral("ten_cccccccccccccccc"));
        noId.remove(QStringLiteral("id"));
        QTest::newRow("element without id")
            << listJson(QJsonArray{tenantJson(QStringLiteral("ten_aaaaaaaaaaaaaaaa")), noId},
                        false,
                        QJsonValue(QJsonValue::Null))
            << QStringLiteral("missing_field") << QStringLiteral("/data/1/id");
        QJsonObject badStatus = tenantJson(QStringLiteral("ten_cccccccccccccccc"));
        badStatus.insert(QStringLiteral("status"), QStringLiteral("sleeping"));
        QTest::newRow("unknown status")
            << listJson(QJsonArray{badStatus}, false, QJsonValue(QJsonValue::Null))
            << QStringLiteral("unknown_enum_value") << QStringLiteral("/data/0/status");
        QTest::newRow("data not an array")
            << QByteArray("{\"object\":\"list\",\"data\":{},\"has_more\":false,"
                          "\"next_cursor\":null}")
            << QStringLiteral("invalid_type") << QStringLiteral("/data");
        QTest::newRow("no has_more")
            << QByteArray("{\"object\":\"list\",\"data\":[],\"next_cursor\":null}")
            << QStringLiteral("missing_field") << QStringLiteral("/has_more");
    }

    void brokenPages()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        QFETCH(QString, path);
        const Result<ListPage<Tenant>> page = ApiCodecs::decodeTenantPage(body);
        QVERIFY(!page.hasValue());
        QCOMPARE(QString::fromStdString(page.error().code), code);
        QCOMPARE(QString::fromStdString(page.error().path), path);
    }

    void session()
    {
        const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("object"),
                                                           QStringLiteral("session")},
                                                          {QStringLiteral("token"),
                                                           QStringLiteral("tnt_secret")},
                                                          {QStringLiteral("expires_at"),
                                                           QStringLiteral("2025-11-20T21:30:00Z")},
                                                          {QStringLiteral("user"), userJson()}})
                                    .toJson();
        const Result<Session> session = ApiCodecs::decodeSession(body);
        QVERIFY(session.hasValue());
        QCOMPARE(session->token, QStringLiteral("tnt_secret"));
        QCOMPARE(session->user.email, std::string("ada@example.com"));
        QCOMPARE(session->user.role, std::string("admin"));
        QCOMPARE(formatRfc3339(session->expiresAt), std::string("2025-11-20T21:30:00Z"));

        QJsonObject badUser = userJson();
        badUser.remove(QStringLiteral("role"));
        const Result<Session> broken = ApiCodecs::decodeSession(
            QJsonDocument(
                QJsonObject{{QStringLiteral("token"), QStringLiteral("tnt_x")},
                            {QStringLiteral("expires_at"), QStringLiteral("2025-11-20T21:30:00Z")},
                            {QStringLiteral("user"), badUser}})
                .toJson());
        QVERIFY(!broken.hasValue());
        QCOMPARE(broken.error().path, std::string("/user/role"));
    }

    void auditEvents()
    {
        const QJsonObject created{
            {QStringLiteral("object"), QStringLiteral("audit_event")},
            {QStringLiteral("id"), QStringLiteral("aud_4hbc7zq2krt6xw3m")},
            {QStringLiteral("actor_id"), QStringLiteral("system")},
            {QStringLiteral("actor_email"), QStringLiteral("tenantryd")},
            {QStringLiteral("action"), QStringLiteral("tenant.created")},
            {QStringLiteral("target_type"), QStringLiteral("tenant")},
            {QStringLiteral("target_id"), QStringLiteral("ten_aaaaaaaaaaaaaaaa")},
            {QStringLiteral("before"), QJsonValue(QJsonValue::Null)},
            {QStringLiteral("after"), tenantJson(QStringLiteral("ten_aaaaaaaaaaaaaaaa"))},
            {QStringLiteral("request_id"), QStringLiteral("req_7kq2m4zcrt6xw3hb")},
            {QStringLiteral("created_at"), QStringLiteral("2025-11-23T16:40:05Z")}};
        const Result<ListPage<AuditEvent>> page = ApiCodecs::decodeAuditEventPage(
            listJson(QJsonArray{created}, false, QJsonValue(QJsonValue::Null)));
        QVERIFY2(page.hasValue(), page ? "" : page.error().toString().c_str());
        QCOMPARE(page->data.size(), std::size_t(1));
        const AuditEvent &event = page->data.front();
        QVERIFY(event.before.isEmpty());
        QCOMPARE(event.after.value(QStringLiteral("id")).toString(),
                 QStringLiteral("ten_aaaaaaaaaaaaaaaa"));
        QCOMPARE(event.action, std::string("tenant.created"));

        QJsonObject wrong = created;
        wrong.insert(QStringLiteral("before"), 17);
        const Result<ListPage<AuditEvent>> broken = ApiCodecs::decodeAuditEventPage(
            listJson(QJsonArray{wrong}, false, QJsonValue(QJsonValue::Null)));
        QVERIFY(!broken.hasValue());
        QCOMPARE(broken.error().code, std::string("invalid_type"));
        QCOMPARE(broken.error().path, std::string("/data/0/before"));
    }

    void notesPlansFeatures()
    {
        const QJsonObject note{{QStringLiteral("object"), QStringLiteral("note")},
                               {QStringLiteral("id"), QStringLiteral("note_8xw3hbc4m7zq2krt")},
                               {QStringLiteral("tenant_id"), QStringLiteral("ten_aaaaaaaaaaaaaaaa")},
                               {QStringLiteral("author_id"), QStringLiteral("usr_8f3k2m9q7w4x1r6t")},
                               {QStringLiteral("body"), QStringLiteral("Invoice copy")},
                               {QStringLiteral("created_at"),
                                QStringLiteral("2025-11-24T11:20:00Z")}};
        const Result<Note> decoded = ApiCodecs::decodeNote(QJsonDocument(note).toJson());
        QVERIFY(decoded.hasValue());
        QCOMPARE(decoded->body, std::string("Invoice copy"));

        const QJsonObject feature{{QStringLiteral("object"), QStringLiteral("feature")},
                                  {QStringLiteral("key"), QStringLiteral("sso")},
                                  {QStringLiteral("name"), QStringLiteral("Single sign-on")},
                                  {QStringLiteral("description"), QStringLiteral("SAML")}};
        const Result<ListPage<Feature>> features = ApiCodecs::decodeFeaturePage(
            listJson(QJsonArray{feature}, true, QStringLiteral("sso")));
        QVERIFY(features.hasValue());
        QCOMPARE(features->nextCursor, std::string("sso"));

        const QJsonObject plan{{QStringLiteral("object"), QStringLiteral("plan")},
                               {QStringLiteral("id"), QStringLiteral("pln_4m7zq2krt6xw3hbc")},
                               {QStringLiteral("key"), QStringLiteral("growth-monthly")},
                               {QStringLiteral("name"), QStringLiteral("Growth")},
                               {QStringLiteral("price"),
                                QJsonObject{{QStringLiteral("amount"), 4900},
                                            {QStringLiteral("currency"), QStringLiteral("usd")}}},
                               {QStringLiteral("interval"), QStringLiteral("month")},
                               {QStringLiteral("trial_days"), 14},
                               {QStringLiteral("features"), QJsonArray{QStringLiteral("sso")}},
                               {QStringLiteral("active"), true},
                               {QStringLiteral("created_at"),
                                QStringLiteral("2025-11-20T09:45:00Z")},
                               {QStringLiteral("updated_at"),
                                QStringLiteral("2025-11-20T09:45:00Z")},
                               {QStringLiteral("version"), 1}};
        const Result<ListPage<Plan>> plans = ApiCodecs::decodePlanPage(
            listJson(QJsonArray{plan}, false, QJsonValue(QJsonValue::Null)));
        QVERIFY(plans.hasValue());
        QCOMPARE(plans->data.front().price.amount(), 4900);
    }

    void metricsFeeds()
    {
        // The examples of docs/openapi.yaml for GET /v1/metrics/events and /v1/metrics/spend.
        const QJsonObject event{
            {QStringLiteral("object"), QStringLiteral("mrr_event")},
            {QStringLiteral("id"), QStringLiteral("mrr_7w3hbc4m2krt6xzq")},
            {QStringLiteral("tenant_id"), QStringLiteral("ten_6r3wqk2m7zt4xbhc")},
            {QStringLiteral("subscription_id"), QStringLiteral("sub_5kq2m4zcrt6xw3hb")},
            {QStringLiteral("at"), QStringLiteral("2025-11-08T10:00:00Z")},
            {QStringLiteral("mrr"), 14700},
            {QStringLiteral("currency"), QStringLiteral("usd")},
            {QStringLiteral("plan_id"), QStringLiteral("pln_4m7zq2krt6xw3hbc")},
            {QStringLiteral("recorded_at"), QStringLiteral("2025-11-08T10:00:01Z")}};
        const Result<ListPage<MrrEventRecord>> events = ApiCodecs::decodeMrrEventPage(
            listJson(QJsonArray{event}, true, QStringLiteral("mrr_7w3hbc4m2krt6xzq")));
        QVERIFY(events.hasValue());
        QCOMPARE(events->data.size(), std::size_t(1));
        const MrrEventRecord &record = events->data.front();
        QCOMPARE(record.id, std::string("mrr_7w3hbc4m2krt6xzq"));
        QCOMPARE(record.event.mrr, 14700);
        QCOMPARE(record.event.planId.value_or(std::string()), std::string("pln_4m7zq2krt6xw3hbc"));
        QCOMPARE(formatRfc3339(record.recordedAt), std::string("2025-11-08T10:00:01Z"));
        QVERIFY(events->hasMore);

        QJsonObject noRecordedAt = event;
        noRecordedAt.remove(QStringLiteral("recorded_at"));
        const Result<ListPage<MrrEventRecord>> broken = ApiCodecs::decodeMrrEventPage(
            listJson(QJsonArray{noRecordedAt}, false, QJsonValue(QJsonValue::Null)));
        QVERIFY(!broken.hasValue());
        QCOMPARE(broken.error().path, std::string("/data/0/recorded_at"));

        const QJsonObject spend{{QStringLiteral("object"), QStringLiteral("acquisition_spend")},
                                {QStringLiteral("id"), QStringLiteral("spd_202510usd")},
                                {QStringLiteral("month"), QStringLiteral("2025-10")},
                                {QStringLiteral("amount"), 1725000},
                                {QStringLiteral("currency"), QStringLiteral("usd")},
                                {QStringLiteral("created_at"),
                                 QStringLiteral("2025-11-03T09:00:00Z")},
                                {QStringLiteral("updated_at"),
                                 QStringLiteral("2025-11-05T14:20:00Z")},
                                {QStringLiteral("version"), 2}};
        const Result<ListPage<SpendRecord>> spends = ApiCodecs::decodeSpendPage(
            listJson(QJsonArray{spend}, false, QJsonValue(QJsonValue::Null)));
        QVERIFY(spends.hasValue());
        QCOMPARE(spends->data.front().id, std::string("spd_202510usd"));
        QCOMPARE(spends->data.front().spend.amount.amount(), 1725000);
        QCOMPARE(spends->data.front().spend.month.toString(), std::string("2025-10"));
        QCOMPARE(spends->data.front().version, 2);
        QCOMPARE(formatRfc3339(spends->data.front().updatedAt), std::string("2025-11-05T14:20:00Z"));
    }

    void entitlementsOverridesAndTenantUsers()
    {
        const QJsonObject override{{QStringLiteral("object"), QStringLiteral("entitlement")},
                                   {QStringLiteral("feature_key"), QStringLiteral("audit_logs")},
                                   {QStringLiteral("enabled"), false},
                                   {QStringLiteral("source"), QStringLiteral("override")},
                                   {QStringLiteral("plan_id"), QJsonValue(QJsonValue::Null)},
                                   {QStringLiteral("reason"), QStringLiteral("Abuse report")},
                                   {QStringLiteral("expires_at"),
                                    QStringLiteral("2025-12-01T00:00:00Z")},
                                   {QStringLiteral("plan_would_grant"), true}};
        const QJsonObject plan{{QStringLiteral("object"), QStringLiteral("entitlement")},
                               {QStringLiteral("feature_key"), QStringLiteral("sso")},
                               {QStringLiteral("enabled"), true},
                               {QStringLiteral("source"), QStringLiteral("plan")},
                               {QStringLiteral("plan_id"), QStringLiteral("pln_1")},
                               {QStringLiteral("reason"), QJsonValue(QJsonValue::Null)},
                               {QStringLiteral("expires_at"), QJsonValue(QJsonValue::Null)},
                               {QStringLiteral("plan_would_grant"), QJsonValue(QJsonValue::Null)}};
        const Result<ListPage<Entitlement>> entitlements = ApiCodecs::decodeEntitlementPage(
            listJson({override, plan}, false, QJsonValue(QJsonValue::Null)));
        QVERIFY(entitlements);
        QCOMPARE(entitlements->data.size(), std::size_t(2));
        QVERIFY(entitlements->data[0].source == EntitlementSource::Override);
        QCOMPARE(entitlements->data[0].planWouldGrant, std::optional<bool>(true));
        QCOMPARE(entitlements->data[0].reason, std::optional<std::string>("Abuse report"));
        QVERIFY(entitlements->data[1].source == EntitlementSource::Plan);
        QCOMPARE(entitlements->data[1].planId, std::optional<std::string>("pln_1"));
        QVERIFY(!entitlements->data[1].planWouldGrant);

        QJsonObject unknown = plan;
        unknown.insert(QStringLiteral("source"), QStringLiteral("magic"));
        const Result<ListPage<Entitlement>> bad = ApiCodecs::decodeEntitlementPage(
            listJson({unknown}, false, QJsonValue(QJsonValue::Null)));
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, std::string("unknown_enum_value"));
        QCOMPARE(bad.error().path, std::string("/data/0/source"));

        const QByteArray overrideBody
            = QJsonDocument(
                  QJsonObject{{QStringLiteral("object"), QStringLiteral("feature_override")},
                              {QStringLiteral("tenant_id"), QStringLiteral("ten_1")},
                              {QStringLiteral("feature_key"), QStringLiteral("sso")},
                              {QStringLiteral("enabled"), true},
                              {QStringLiteral("reason"), QStringLiteral("Pilot")},
                              {QStringLiteral("expires_at"), QJsonValue(QJsonValue::Null)},
                              {QStringLiteral("created_by"), QStringLiteral("usr_1")},
                              {QStringLiteral("created_at"), QStringLiteral("2025-11-24T11:00:00Z")},
                              {QStringLiteral("updated_at"), QStringLiteral("2025-11-24T11:00:00Z")},
                              {QStringLiteral("version"), 2}})
                  .toJson();
        const Result<FeatureOverride> decoded = ApiCodecs::decodeFeatureOverride(overrideBody);
        QVERIFY(decoded);
        QCOMPARE(decoded->version, std::int64_t(2));
        QVERIFY(!decoded->expiresAt);

        const QByteArray userBody = QJsonDocument(
                                        QJsonObject{
                                            {QStringLiteral("object"),
                                             QStringLiteral("tenant_user")},
                                            {QStringLiteral("id"), QStringLiteral("tus_1")},
                                            {QStringLiteral("tenant_id"), QStringLiteral("ten_1")},
                                            {QStringLiteral("email"),
                                             QStringLiteral("wile@acme.example")},
                                            {QStringLiteral("name"), QStringLiteral("Wile")},
                                            {QStringLiteral("role"), QStringLiteral("admin")},
                                            {QStringLiteral("created_at"),
                                             QStringLiteral("2025-11-23T09:12:00Z")},
                                            {QStringLiteral("version"), 1}})
                                        .toJson();
        const Result<TenantUser> user = ApiCodecs::decodeTenantUser(userBody);
        QVERIFY(user);
        QCOMPARE(user->role, std::string("admin"));
    }

    void meCarriesPermissions()
    {
        QJsonObject me{{QStringLiteral("object"), QStringLiteral("user")},
                       {QStringLiteral("id"), QStringLiteral("usr_1")},
                       {QStringLiteral("email"), QStringLiteral("ada@example.com")},
                       {QStringLiteral("name"), QStringLiteral("Ada")},
                       {QStringLiteral("role"), QStringLiteral("support")},
                       {QStringLiteral("created_at"), QStringLiteral("2025-11-20T09:30:00Z")}};
        const Result<User> withoutList = ApiCodecs::decodeUser(QJsonDocument(me).toJson());
        QVERIFY(withoutList);
        QVERIFY(!withoutList->hasPermissionList());

        me.insert(QStringLiteral("permissions"),
                  QJsonArray{QStringLiteral("tenants.read"), QStringLiteral("tenants.write")});
        const Result<User> withList = ApiCodecs::decodeUser(QJsonDocument(me).toJson());
        QVERIFY(withList);
        QVERIFY(withList->hasPermission("tenants.write"));
        QVERIFY(!withList->hasPermission("tenants.delete"));

        me.insert(QStringLiteral("permissions"), QJsonArray{1});
        const Result<User> broken = ApiCodecs::decodeUser(QJsonDocument(me).toJson());
        QVERIFY(!broken);
        QCOMPARE(broken.error().path, std::string("/permissions/0"));
    }
};

QTEST_APPLESS_MAIN(TestApiCodecs)
#include "testapicodecs.moc"
