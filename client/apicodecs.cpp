#include "client/apicodecs.h"

#include "core/json/codecs.h"
#include "core/json/jsonreader.h"

#include <QJsonDocument>

#include <nlohmann/json.hpp>

#include <string_view>
#include <utility>

namespace Tenantry::ApiCodecs {

namespace {

Result<nlohmann::json> parseBody(const QByteArray &body)
{
    return parseJson(std::string_view(body.constData(), static_cast<std::size_t>(body.size())));
}

// Runs `decode` on the parsed body; parse errors and decode errors come out the same way.
template<typename T, typename Decode>
Result<T> decodeBody(const QByteArray &body, Decode decode)
{
    const Result<nlohmann::json> json = parseBody(body);
    if (!json)
        return json.error();
    return decode(*json, std::string());
}

// An object, or null, as a QJsonObject (empty for null). A JSON value of another type is an
// error recorded in `reader`.
QJsonObject objectField(JsonReader &reader, const nlohmann::json &json, std::string_view key)
{
    if (reader.failed())
        return {};
    const auto it = json.find(key);
    if (it == json.end()) {
        reader.fail(key, "missing_field", std::string(key) + " is missing");
        return {};
    }
    if (it->is_null())
        return {};
    if (!it->is_object()) {
        reader.fail(key,
                    "invalid_type",
                    "expected an object or null, got " + JsonReader::describeType(*it));
        return {};
    }
    const std::string text = it->dump();
    return QJsonDocument::fromJson(QByteArray(text.data(), static_cast<qsizetype>(text.size())))
        .object();
}

Result<User> decodeUserJson(const nlohmann::json &json, const std::string &path)
{
    JsonReader reader(json, path);
    User user;
    user.id = reader.requiredString("id");
    user.email = reader.requiredString("email");
    user.name = reader.requiredString("name");
    user.role = reader.requiredString("role");
    user.createdAt = reader.requiredTimestamp("created_at");
    if (reader.failed())
        return reader.error();
    // Only GET /v1/me carries the permissions; absent elsewhere.
    const auto permissions = json.find("permissions");
    if (permissions != json.end() && !permissions->is_null()) {
        user.permissions = reader.requiredStringArray("permissions");
        if (reader.failed())
            return reader.error();
    }
    return user;
}

Result<Session> decodeSessionJson(const nlohmann::json &json, const std::string &path)
{
    JsonReader reader(json, path);
    const std::string token = reader.requiredString("token");
    const Timestamp expiresAt = reader.requiredTimestamp("expires_at");
    if (reader.failed())
        return reader.error();
    if (token.empty())
        return Error{"invalid_value", "the session token is empty", reader.fieldPath("token"), 0};
    const auto userJson = json.find("user");
    if (userJson == json.end())
        return Error{"missing_field", "user is missing", reader.fieldPath("user"), 0};
    Result<User> user = decodeUserJson(*userJson, reader.fieldPath("user"));
    if (!user)
        return user.error();
    return Session{QString::fromStdString(token), expiresAt, std::move(user).value()};
}

Result<Note> decodeNoteJson(const nlohmann::json &json, const std::string &path)
{
    JsonReader reader(json, path);
    Note note;
    note.id = reader.requiredString("id");
    note.tenantId = reader.requiredString("tenant_id");
    note.authorId = reader.requiredString("author_id");
    note.body = reader.requiredString("body");
    note.createdAt = reader.requiredTimestamp("created_at");
    if (reader.failed())
        return reader.error();
    return note;
}

Result<AuditEvent> decodeAuditEventJson(const nlohmann::json &json, const std::string &path)
{
    JsonReader reader(json, path);
    AuditEvent event;
    event.id = reader.requiredString("id");
    event.actorId = reader.requiredString("actor_id");
    event.actorEmail = reader.requiredString("actor_email");
    event.action = reader.requiredString("action");
    event.targetType = reader.requiredString("target_type");
    event.targetId = reader.requiredString("target_id");
    event.before = objectField(reader, json, "before");
    event.after = objectField(reader, json, "after");
    event.requestId = reader.requiredString("request_id");
    event.createdAt = reader.requiredTimestamp("created_at");
    if (reader.failed())
        return reader.error();
    return event;
}

std::optional<EntitlementSource> entitlementSourceFromString(std::string_view text)
{
    for (const EntitlementSource source : {EntitlementSource::Plan,
                                           EntitlementSource::Override,
                                           EntitlementSource::TenantStatus,
                                           EntitlementSource::None}) {
        if (toString(source) == text)
            return source;
    }
    return std::nullopt;
}

Result<Entitlement> decodeEntitlementJson(const nlohmann::json &json, const std::string &path)
{
    JsonReader reader(json, path);
    Entitlement entitlement;
    entitlement.featureKey = reader.requiredString("feature_key");
    entitlement.enabled = reader.requiredBool("enabled");
    const std::optional<EntitlementSource> source = reader.requiredEnum(
        "source", &entitlementSourceFromString);
    entitlement.planId = reader.optionalString("plan_id");
    entitlement.reason = reader.optionalString("reason");
    entitlement.expiresAt = reader.optionalTimestamp("expires_at");
    if (reader.failed())
        return reader.error();
    const auto wouldGrant = json.find("plan_would_grant");
    if (wouldGrant != json.end() && !wouldGrant->is_null()) {
        if (!wouldGrant->is_boolean())
            return Error{"invalid_type",
                         "expected a boolean or null, got " + JsonReader::describeType(*wouldGrant),
                         reader.fieldPath("plan_would_grant"),
                         0};
        entitlement.planWouldGrant = wouldGrant->get<bool>();
    }
    entitlement.source = *source;
    return entitlement;
}

Result<FeatureOverride> decodeFeatureOverrideJson(const nlohmann::json &json,
                                                  const std::string &path)
{
    JsonReader reader(json, path);
    FeatureOverride value;
    value.tenantId = reader.requiredString("tenant_id");
    value.featureKey = reader.requiredString("feature_key");
    value.enabled = reader.requiredBool("enabled");
    value.reason = reader.requiredString("reason");
    value.expiresAt = reader.optionalTimestamp("expires_at");
    value.createdBy = reader.requiredString("created_by");
    value.createdAt = reader.requiredTimestamp("created_at");
    value.updatedAt = reader.requiredTimestamp("updated_at");
    value.version = reader.requiredInt64("version", 1);
    if (reader.failed())
        return reader.error();
    return value;
}

Result<TenantUser> decodeTenantUserJson(const nlohmann::json &json, const std::string &path)
{
    JsonReader reader(json, path);
    TenantUser user;
    user.id = reader.requiredString("id");
    user.tenantId = reader.requiredString("tenant_id");
    user.email = reader.requiredString("email");
    user.name = reader.requiredString("name");
    user.role = reader.requiredString("role");
    user.createdAt = reader.requiredTimestamp("created_at");
    user.version = reader.requiredInt64("version", 1);
    if (reader.failed())
        return reader.error();
    return user;
}

Result<Subscription> decodeSubscriptionJson(const nlohmann::json &json, const std::string &path)
{
    return Tenantry::decodeSubscription(json, path);
}

Result<Invoice> decodeInvoiceJson(const nlohmann::json &json, const std::string &path)
{
    return Tenantry::decodeInvoice(json, path);
}

Result<MrrEventRecord> decodeMrrEventRecordJson(const nlohmann::json &json, const std::string &path)
{
    JsonReader reader(json, path);
    std::string id = reader.requiredString("id");
    const Timestamp recordedAt = reader.requiredTimestamp("recorded_at");
    if (reader.failed())
        return reader.error();
    Result<MrrEvent> event = Tenantry::decodeMrrEvent(json, path);
    if (!event)
        return event.error();
    return MrrEventRecord{std::move(id), std::move(event).value(), recordedAt};
}

Result<SpendRecord> decodeSpendRecordJson(const nlohmann::json &json, const std::string &path)
{
    JsonReader reader(json, path);
    std::string id = reader.requiredString("id");
    const Timestamp updatedAt = reader.requiredTimestamp("updated_at");
    const std::int64_t version = reader.requiredInt64("version", 1);
    if (reader.failed())
        return reader.error();
    Result<AcquisitionSpend> spend = Tenantry::decodeAcquisitionSpend(json, path);
    if (!spend)
        return spend.error();
    return SpendRecord{std::move(id), std::move(spend).value(), updatedAt, version};
}

Result<BillingState> decodeBillingStateJson(const nlohmann::json &json, const std::string &path)
{
    JsonReader reader(json, path);
    BillingState state;
    state.provider = reader.requiredString("provider");
    if (reader.failed())
        return reader.error();
    const auto clock = json.find("test_clock");
    if (clock != json.end() && !clock->is_null()) {
        JsonReader clockReader(*clock, reader.fieldPath("test_clock"));
        state.testClock = clockReader.requiredTimestamp("frozen_time");
        if (clockReader.failed())
            return clockReader.error();
    }
    return state;
}

Result<WebhookEvent> decodeWebhookEventJson(const nlohmann::json &json, const std::string &path)
{
    JsonReader reader(json, path);
    WebhookEvent event;
    event.id = reader.requiredString("id");
    event.type = reader.requiredString("type");
    event.created = reader.requiredTimestamp("created");
    event.status = reader.requiredString("status");
    event.attempts = reader.requiredInt64("attempts", 0);
    event.lastError = reader.optionalString("last_error");
    event.nextAttemptAt = reader.optionalTimestamp("next_attempt_at");
    event.receivedAt = reader.requiredTimestamp("received_at");
    event.processedAt = reader.optionalTimestamp("processed_at");
    if (reader.failed())
        return reader.error();
    return event;
}

// A job's error: a message, or an error object whose message is taken ({"code","message"}).
std::string jobErrorText(const nlohmann::json &json)
{
    const auto error = json.find("error");
    if (error == json.end() || error->is_null())
        return {};
    if (error->is_string())
        return error->get<std::string>();
    if (error->is_object()) {
        const auto message = error->find("message");
        if (message != error->end() && message->is_string())
            return message->get<std::string>();
    }
    return error->dump();
}

Result<JobRecord> decodeJobRecordJson(const nlohmann::json &json, const std::string &path)
{
    JsonReader reader(json, path);
    JobRecord job;
    job.id = reader.requiredString("id");
    job.type = reader.requiredString("type");
    job.status = reader.requiredString("status");
    if (json.contains("params")) // older servers did not send it
        job.params = objectField(reader, json, "params");
    job.result = objectField(reader, json, "result");
    job.createdBy = reader.optionalString("created_by").value_or(std::string());
    job.createdAt = reader.requiredTimestamp("created_at");
    job.startedAt = reader.optionalTimestamp("started_at");
    job.finishedAt = reader.optionalTimestamp("finished_at");
    if (reader.failed())
        return reader.error();
    const auto progress = json.find("progress");
    if (progress != json.end() && !progress->is_null()) {
        JsonReader progressReader(*progress, reader.fieldPath("progress"));
        job.progressDone = progressReader.requiredInt64("done", 0);
        job.progressTotal = progressReader.requiredInt64("total", 0);
        if (progressReader.failed())
            return progressReader.error();
    }
    job.errorMessage = jobErrorText(json);
    return job;
}

Result<BillingDrift> decodeBillingDriftJson(const nlohmann::json &json, const std::string &path)
{
    JsonReader reader(json, path);
    BillingDrift drift;
    drift.id = reader.requiredString("id");
    drift.jobId = reader.optionalString("job_id").value_or(std::string());
    drift.kind = reader.requiredString("kind");
    drift.tenantId = reader.optionalString("tenant_id");
    drift.subscriptionId = reader.optionalString("subscription_id");
    drift.stripeSubscriptionId = reader.optionalString("stripe_subscription_id")
                                     .value_or(std::string());
    drift.local = objectField(reader, json, "local");
    drift.provider = objectField(reader, json, "provider");
    drift.appliedAt = reader.optionalTimestamp("applied_at");
    drift.appliedBy = reader.optionalString("applied_by");
    if (reader.failed())
        return reader.error();
    return drift;
}

template<typename T, typename Decode>
Result<ListPage<T>> decodePageJson(const nlohmann::json &json, Decode decodeElement)
{
    JsonReader reader(json, std::string());
    ListPage<T> page;
    page.hasMore = reader.requiredBool("has_more");
    page.nextCursor = reader.optionalString("next_cursor").value_or(std::string());
    if (reader.failed())
        return reader.error();
    const auto data = json.find("data");
    if (data == json.end())
        return Error{"missing_field", "data is missing", "/data", 0};
    if (!data->is_array()) {
        return Error{"invalid_type",
                     "expected an array, got " + JsonReader::describeType(*data),
                     "/data",
                     0};
    }
    page.data.reserve(data->size());
    std::size_t index = 0;
    for (const nlohmann::json &element : *data) {
        Result<T> value = decodeElement(element, "/data/" + std::to_string(index));
        if (!value)
            return value.error();
        page.data.push_back(std::move(value).value());
        ++index;
    }
    if (page.hasMore && page.nextCursor.empty())
        return Error{"invalid_value", "has_more is true but next_cursor is null", "/next_cursor", 0};
    return page;
}

template<typename T, typename Decode>
Result<ListPage<T>> decodePageBody(const QByteArray &body, Decode decodeElement)
{
    const Result<nlohmann::json> json = parseBody(body);
    if (!json)
        return json.error();
    return decodePageJson<T>(*json, decodeElement);
}

} // namespace

Result<User> decodeUser(const QByteArray &body)
{
    return decodeBody<User>(body, &decodeUserJson);
}

Result<Session> decodeSession(const QByteArray &body)
{
    return decodeBody<Session>(body, &decodeSessionJson);
}

Result<Tenant> decodeTenant(const QByteArray &body)
{
    return decodeBody<Tenant>(body, [](const nlohmann::json &json, const std::string &path) {
        return Tenantry::decodeTenant(json, path);
    });
}

Result<Plan> decodePlan(const QByteArray &body)
{
    return decodeBody<Plan>(body, [](const nlohmann::json &json, const std::string &path) {
        return Tenantry::decodePlan(json, path);
    });
}

Result<Note> decodeNote(const QByteArray &body)
{
    return decodeBody<Note>(body, &decodeNoteJson);
}

Result<ListPage<Tenant>> decodeTenantPage(const QByteArray &body)
{
    return decodePageBody<Tenant>(body, [](const nlohmann::json &json, const std::string &path) {
        return Tenantry::decodeTenant(json, path);
    });
}

Result<ListPage<Note>> decodeNotePage(const QByteArray &body)
{
    return decodePageBody<Note>(body, &decodeNoteJson);
}

Result<ListPage<Plan>> decodePlanPage(const QByteArray &body)
{
    return decodePageBody<Plan>(body, [](const nlohmann::json &json, const std::string &path) {
        return Tenantry::decodePlan(json, path);
    });
}

Result<ListPage<Feature>> decodeFeaturePage(const QByteArray &body)
{
    return decodePageBody<Feature>(body, [](const nlohmann::json &json, const std::string &path) {
        return Tenantry::decodeFeature(json, path);
    });
}

Result<ListPage<AuditEvent>> decodeAuditEventPage(const QByteArray &body)
{
    return decodePageBody<AuditEvent>(body, &decodeAuditEventJson);
}

Result<Subscription> decodeSubscription(const QByteArray &body)
{
    return decodeBody<Subscription>(body, &decodeSubscriptionJson);
}

Result<FeatureOverride> decodeFeatureOverride(const QByteArray &body)
{
    return decodeBody<FeatureOverride>(body, &decodeFeatureOverrideJson);
}

Result<TenantUser> decodeTenantUser(const QByteArray &body)
{
    return decodeBody<TenantUser>(body, &decodeTenantUserJson);
}

Result<ListPage<Subscription>> decodeSubscriptionPage(const QByteArray &body)
{
    return decodePageBody<Subscription>(body, &decodeSubscriptionJson);
}

Result<ListPage<Invoice>> decodeInvoicePage(const QByteArray &body)
{
    return decodePageBody<Invoice>(body, &decodeInvoiceJson);
}

Result<ListPage<Entitlement>> decodeEntitlementPage(const QByteArray &body)
{
    return decodePageBody<Entitlement>(body, &decodeEntitlementJson);
}

Result<ListPage<FeatureOverride>> decodeFeatureOverridePage(const QByteArray &body)
{
    return decodePageBody<FeatureOverride>(body, &decodeFeatureOverrideJson);
}

Result<ListPage<TenantUser>> decodeTenantUserPage(const QByteArray &body)
{
    return decodePageBody<TenantUser>(body, &decodeTenantUserJson);
}

Result<BillingState> decodeBillingState(const QByteArray &body)
{
    return decodeBody<BillingState>(body, &decodeBillingStateJson);
}

Result<WebhookEvent> decodeWebhookEvent(const QByteArray &body)
{
    return decodeBody<WebhookEvent>(body, &decodeWebhookEventJson);
}

Result<JobRecord> decodeJobRecord(const QByteArray &body)
{
    return decodeBody<JobRecord>(body, &decodeJobRecordJson);
}

Result<BillingDrift> decodeBillingDrift(const QByteArray &body)
{
    return decodeBody<BillingDrift>(body, &decodeBillingDriftJson);
}

Result<ListPage<WebhookEvent>> decodeWebhookEventPage(const QByteArray &body)
{
    return decodePageBody<WebhookEvent>(body, &decodeWebhookEventJson);
}

Result<ListPage<BillingDrift>> decodeBillingDriftPage(const QByteArray &body)
{
    return decodePageBody<BillingDrift>(body, &decodeBillingDriftJson);
}

Result<ListPage<JobRecord>> decodeJobRecordPage(const QByteArray &body)
{
    return decodePageBody<JobRecord>(body, &decodeJobRecordJson);
}

Result<ListPage<MrrEventRecord>> decodeMrrEventPage(const QByteArray &body)
{
    return decodePageBody<MrrEventRecord>(body, &decodeMrrEventRecordJson);
}

Result<ListPage<SpendRecord>> decodeSpendPage(const QByteArray &body)
{
    return decodePageBody<SpendRecord>(body, &decodeSpendRecordJson);
}

} // namespace Tenantry::ApiCodecs
