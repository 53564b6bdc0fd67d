#include "server/store/postgres/postgrestransaction.h"

#include "server/store/postgres/postgresstore.h"

namespace Tenantry::Server {

namespace {

using Value = PostgresValue;

std::int64_t micros(Timestamp timestamp)
{
    return timestamp.time_since_epoch().count();
}

Timestamp timestampOf(std::int64_t micros)
{
    return Timestamp(std::chrono::microseconds(micros));
}

std::optional<Timestamp> optionalTimestamp(const std::optional<std::int64_t> &micros)
{
    if (!micros)
        return std::nullopt;
    return timestampOf(*micros);
}

Value valueOf(const std::optional<std::string> &text)
{
    return text ? Value(*text) : Value();
}

Value valueOf(const std::optional<Timestamp> &timestamp)
{
    return timestamp ? Value(micros(*timestamp)) : Value();
}

Value flag(bool value)
{
    return std::int64_t(value ? 1 : 0);
}

// ILIKE pattern for a substring search (SQLite's LIKE ignores ASCII case), with the wildcards
// of the text escaped.
std::string likePattern(const std::string &text)
{
    std::string pattern = "%";
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\')
            pattern.push_back('\\');
        pattern.push_back(c);
    }
    pattern.push_back('%');
    return pattern;
}

Currency currencyOf(const std::string &code)
{
    return Currency::fromCode(code).value_or(*Currency::fromCode("usd"));
}

constexpr std::string_view kUserColumns = "id, email, name, role, password_hash, created_at";

UserRecord readUser(const PostgresRow &row)
{
    UserRecord user;
    user.id = row.text(0);
    user.email = row.text(1);
    user.name = row.text(2);
    user.role = roleFromString(row.text(3)).value_or(Role::Viewer);
    user.passwordHash = row.text(4);
    user.createdAt = timestampOf(row.integer(5));
    return user;
}

constexpr std::string_view kTenantColumns
    = "id, slug, name, status, isolation, region, plan_id, contact_email, notes, created_at, "
      "updated_at, deleted_at, version";

Tenant readTenant(const PostgresRow &row)
{
    Tenant tenant;
    tenant.id = row.text(0);
    tenant.slug = row.text(1);
    tenant.name = row.text(2);
    tenant.status = tenantStatusFromString(row.text(3)).value_or(TenantStatus::Active);
    // "hybrid" was a per-tenant label before placements were real: such a tenant's rows are in
    // the pool (the migration that made placement real rewrote it; read defensively).
    tenant.isolation = isolationFromString(row.text(4)).value_or(Isolation::Pool);
    if (tenant.isolation == Isolation::Hybrid)
        tenant.isolation = Isolation::Pool;
    tenant.region = row.text(5);
    tenant.planId = row.optionalText(6);
    tenant.contactEmail = row.optionalText(7);
    tenant.notes = row.optionalText(8);
    tenant.createdAt = timestampOf(row.integer(9));
    tenant.updatedAt = timestampOf(row.integer(10));
    tenant.deletedAt = optionalTimestamp(row.optionalInteger(11));
    tenant.version = row.integer(12);
    return tenant;
}

constexpr std::string_view kPlanColumns = "id, key, name, price_amount, currency, interval, "
                                          "trial_days, active, created_at, updated_at, version";

std::optional<Plan> readPlan(const PostgresRow &row)
{
    const std::optional<Currency> currency = Currency::fromCode(row.text(4));
    const std::optional<BillingInterval> interval = billingIntervalFromString(row.text(5));
    if (!currency || !interval)
        return std::nullopt;
    return Plan{row.text(0),
                row.text(1),
                row.text(2),
                Money(row.integer(3), *currency),
                *interval,
                {},
                row.integer(7) != 0,
                row.integer(6),
                timestampOf(row.integer(8)),
                timestampOf(row.integer(9)),
                row.integer(10)};
}

Feature readFeature(const PostgresRow &row)
{
    return Feature{row.text(0), row.text(1), row.text(2)};
}

constexpr std::string_view kAuditColumns = "id, actor_id, actor_email, action, target_type, "
                                           "target_id, tenant_id, before, after, request_id, "
                                           "created_at";

AuditRecord readAudit(const PostgresRow &row)
{
    AuditRecord record;
    record.id = row.text(0);
    record.actorId = row.text(1);
    record.actorEmail = row.text(2);
    record.action = row.text(3);
    record.targetType = row.text(4);
    record.targetId = row.text(5);
    record.tenantId = row.optionalText(6);
    record.before = row.optionalText(7);
    record.after = row.optionalText(8);
    record.requestId = row.text(9);
    record.createdAt = timestampOf(row.integer(10));
    return record;
}

NoteRecord readNote(const PostgresRow &row)
{
    return NoteRecord{row.text(0),
                      row.text(1),
                      row.text(2),
                      row.text(3),
                      timestampOf(row.integer(4))};
}

constexpr std::string_view kOverrideColumns
    = "tenant_id, feature_key, enabled, reason, expires_at, "
      "created_by, created_at, updated_at, version";

FeatureOverride readOverride(const PostgresRow &row)
{
    FeatureOverride override;
    override.tenantId = row.text(0);
    override.featureKey = row.text(1);
    override.enabled = row.integer(2) != 0;
    override.reason = row.text(3);
    override.expiresAt = optionalTimestamp(row.optionalInteger(4));
    override.createdBy = row.text(5);
    override.createdAt = timestampOf(row.integer(6));
    override.updatedAt = timestampOf(row.integer(7));
    override.version = row.integer(8);
    return override;
}

constexpr std::string_view kTenantUserColumns
    = "tenant_id, id, email, name, role, created_at, version";

TenantUserRecord readTenantUser(const PostgresRow &row)
{
    return TenantUserRecord{row.text(0),
                            row.text(1),
                            row.text(2),
                            row.text(3),
                            row.text(4),
                            timestampOf(row.integer(5)),
                            row.integer(6)};
}

constexpr std::string_view kSubscriptionColumns
    = "id, tenant_id, plan_id, quantity, status, current_period_start, current_period_end, "
      "trial_end, cancel_at_period_end, canceled_at, created_at, updated_at, version, "
      "stripe_subscription_id";

Subscription readSubscription(const PostgresRow &row)
{
    Subscription subscription;
    subscription.id = row.text(0);
    subscription.tenantId = row.text(1);
    subscription.planId = row.text(2);
    subscription.quantity = row.integer(3);
    subscription.status = subscriptionStatusFromString(row.text(4))
                              .value_or(SubscriptionStatus::Incomplete);
    subscription.currentPeriodStart = timestampOf(row.integer(5));
    subscription.currentPeriodEnd = timestampOf(row.integer(6));
    subscription.trialEnd = optionalTimestamp(row.optionalInteger(7));
    subscription.cancelAtPeriodEnd = row.integer(8) != 0;
    subscription.canceledAt = optionalTimestamp(row.optionalInteger(9));
    subscription.createdAt = timestampOf(row.integer(10));
    subscription.updatedAt = timestampOf(row.integer(11));
    subscription.version = row.integer(12);
    subscription.stripeSubscriptionId = row.optionalText(13);
    return subscription;
}

std::vector<Value> subscriptionValues(const Subscription &subscription)
{
    return {subscription.tenantId,
            subscription.planId,
            subscription.quantity,
            std::string(toString(subscription.status)),
            micros(subscription.currentPeriodStart),
            micros(subscription.currentPeriodEnd),
            valueOf(subscription.trialEnd),
            flag(subscription.cancelAtPeriodEnd),
            valueOf(subscription.canceledAt),
            micros(subscription.createdAt),
            micros(subscription.updatedAt),
            subscription.version,
            valueOf(subscription.stripeSubscriptionId),
            subscription.id};
}

constexpr std::string_view kMrrEventColumns
    = "id, tenant_id, subscription_id, at, mrr, currency, plan_id, recorded_at";

MrrEventRecord readMrrEvent(const PostgresRow &row)
{
    return MrrEventRecord{row.text(0),
                          MrrEvent{row.text(1),
                                   row.text(2),
                                   timestampOf(row.integer(3)),
                                   row.integer(4),
                                   currencyOf(row.text(5)),
                                   row.optionalText(6)},
                          timestampOf(row.integer(7))};
}

constexpr std::string_view kInvoiceColumns
    = "id, tenant_id, subscription_id, status, amount_due, amount_paid, currency, period_start, "
      "period_end, created_at, stripe_invoice_id";

Invoice readInvoice(const PostgresRow &row)
{
    const Currency currency = currencyOf(row.text(6));
    return Invoice{row.text(0),
                   row.text(1),
                   row.text(2),
                   invoiceStatusFromString(row.text(3)).value_or(InvoiceStatus::Draft),
                   Money(row.integer(4), currency),
                   Money(row.integer(5), currency),
                   timestampOf(row.integer(7)),
                   timestampOf(row.integer(8)),
                   timestampOf(row.integer(9)),
                   row.optionalText(10)};
}

constexpr std::string_view kSpendColumns
    = "id, month, currency, amount, created_at, updated_at, version";

SpendRecord readSpend(const PostgresRow &row)
{
    const Result<YearMonth> parsed = YearMonth::fromString(row.text(1));
    const YearMonth month = parsed ? *parsed : YearMonth(1970, 1);
    return SpendRecord{row.text(0),
                       AcquisitionSpend{month, Money(row.integer(3), currencyOf(row.text(2)))},
                       timestampOf(row.integer(4)),
                       timestampOf(row.integer(5)),
                       row.integer(6)};
}

// kWebhookEventColumns without the payload (read as '').
constexpr std::string_view kWebhookEventStateColumns
    = "id, type, created, '', received_at, status, attempts, last_error, next_attempt_at, "
      "processed_at";

constexpr std::string_view kWebhookEventColumns
    = "id, type, created, payload, received_at, status, attempts, last_error, next_attempt_at, "
      "processed_at";

WebhookEventRecord readWebhookEvent(const PostgresRow &row)
{
    WebhookEventRecord event;
    event.id = row.text(0);
    event.type = row.text(1);
    event.created = timestampOf(row.integer(2));
    event.payload = row.text(3);
    event.receivedAt = timestampOf(row.integer(4));
    event.status = webhookEventStatusFromString(row.text(5)).value_or(WebhookEventStatus::Pending);
    event.attempts = static_cast<int>(row.integer(6));
    event.lastError = row.optionalText(7);
    event.nextAttemptAt = optionalTimestamp(row.optionalInteger(8));
    event.processedAt = optionalTimestamp(row.optionalInteger(9));
    return event;
}

std::optional<Timestamp> readOptionalTimestamp(const PostgresRow &row)
{
    return optionalTimestamp(row.optionalInteger(0));
}

std::string readText(const PostgresRow &row)
{
    return row.text(0);
}

std::string columnsOf(std::string_view columns)
{
    return std::string(columns);
}

} // namespace

PostgresTransaction::PostgresTransaction(PostgresStore &store,
                                         std::unique_ptr<PostgresConnection> connection,
                                         bool write)
    : m_store(store)
    , m_connection(std::move(connection))
    , m_write(write)
{}

PostgresTransaction::~PostgresTransaction()
{
    // release() rolls back whatever is still open.
    m_store.release(std::move(m_connection));
}

Status PostgresTransaction::start(const std::string *tenantId)
{
    // One round trip: BEGIN and the scope of row-level security, both ending with the
    // transaction (set_config's third argument: local to it).
    const std::string_view begin = m_write ? "BEGIN ISOLATION LEVEL READ COMMITTED"
                                           : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    if (!tenantId) {
        Status begun = m_connection->run(std::string(begin)
                                         + "; SELECT set_config('app.scope', 'staff', true)");
        m_open = begun.hasValue();
        return begun;
    }
    if (Status begun = m_connection->run(begin); !begun)
        return begun;
    m_open = true;
    Result<PostgresResult> scoped = query("SELECT set_config('app.tenant_id', ?, true)",
                                          {*tenantId});
    if (!scoped)
        return scoped.error();
    // A siloed tenant reads its own schema first (PostgreSQL plans prepared statements again
    // when search_path changes): its tables hide the pool's of the same name, and the tables a
    // silo does not hold (tenants, the catalog) are the pool's. Set local, as the scope.
    Result<PostgresResult> routed = query(
        "SELECT set_config('search_path', quote_ident(tenantry_silo_name(id, false)) "
        "|| ', public', true) FROM tenants WHERE id = ? AND isolation = 'silo'",
        {*tenantId});
    if (!routed)
        return routed.error();
    return Ok{};
}

Status PostgresTransaction::commit()
{
    if (!m_open)
        return Error{"storage_error", "commit() of a transaction that is not open", {}};
    Status committed = m_connection->run("COMMIT");
    m_open = false; // a failed COMMIT has ended the transaction too (rolled back)
    return committed;
}

Status PostgresTransaction::savepoint(const std::string &name)
{
    return m_connection->run("SAVEPOINT " + name);
}

Status PostgresTransaction::releaseSavepoint(const std::string &name)
{
    return m_connection->run("RELEASE SAVEPOINT " + name);
}

Status PostgresTransaction::rollbackToSavepoint(const std::string &name)
{
    return m_connection->run("ROLLBACK TO SAVEPOINT " + name);
}

std::string_view PostgresTransaction::forUpdate() const
{
    return m_write ? " FOR NO KEY UPDATE" : "";
}

Status PostgresTransaction::lockKey(std::string_view table, const std::string &key)
{
    if (!m_write)
        return Ok{};
    Result<PostgresResult> locked = query("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))",
                                          {std::string(table) + '\x1f' + key});
    if (!locked)
        return locked.error();
    return Ok{};
}

Result<std::string> PostgresTransaction::tenantTable(std::string_view table,
                                                     const std::string &tenantId)
{
    if (tenantId.empty())
        return std::string(table);
    auto known = m_siloOf.find(tenantId);
    if (known == m_siloOf.end()) {
        // KEY SHARE in a write transaction: a move takes FOR UPDATE on the tenant's row before
        // it starts, so the placement stays as read until this transaction ends.
        // (Locked whatever the placement: a pool tenant's row too, or a whole move could pass
        // between this read and the insert.)
        Result<PostgresResult> found = query(
            m_write ? "SELECT CASE WHEN isolation = 'silo' THEN "
                      "quote_ident(tenantry_silo_name(id, false)) ELSE '' END FROM tenants "
                      "WHERE id = ? FOR KEY SHARE"
                    : "SELECT CASE WHEN isolation = 'silo' THEN "
                      "quote_ident(tenantry_silo_name(id, false)) ELSE '' END FROM tenants "
                      "WHERE id = ?",
            {tenantId});
        if (!found)
            return found.error();
        known = m_siloOf.emplace(tenantId, found->rows() > 0 ? found->text(0, 0) : std::string())
                    .first;
    }
    if (known->second.empty())
        return std::string(table);
    return known->second + "." + std::string(table);
}

Result<PostgresResult> PostgresTransaction::query(std::string_view sql,
                                                  const std::vector<Value> &values)
{
    return m_connection->execute(sql, values);
}

Status PostgresTransaction::write(std::string_view sql,
                                  const std::vector<Value> &values,
                                  bool mustChange,
                                  std::string_view what)
{
    Result<PostgresResult> result = query(sql, values);
    if (!result)
        return result.error();
    if (mustChange && result->affectedRows() == 0)
        return Error{"not_found", "no " + std::string(what), {}};
    return Ok{};
}

template<typename T, typename Reader>
Result<std::vector<T>> PostgresTransaction::rows(std::string_view sql,
                                                 const std::vector<Value> &values,
                                                 Reader read)
{
    Result<PostgresResult> result = query(sql, values);
    if (!result)
        return result.error();
    std::vector<T> items;
    items.reserve(static_cast<std::size_t>(result->rows()));
    for (int row = 0; row < result->rows(); ++row)
        items.push_back(read(PostgresRow(*result, row)));
    return items;
}

template<typename T, typename Reader>
Result<std::optional<T>> PostgresTransaction::firstRow(std::string_view sql,
                                                       const std::vector<Value> &values,
                                                       Reader read)
{
    Result<PostgresResult> result = query(sql, values);
    if (!result)
        return result.error();
    if (result->rows() == 0)
        return std::optional<T>();
    return std::optional<T>(read(PostgresRow(*result, 0)));
}

template<typename T, typename Reader>
Result<Page<T>> PostgresTransaction::pageOf(std::string_view table,
                                            std::string_view columns,
                                            std::vector<Condition> conditions,
                                            const PageRequest &page,
                                            bool oldestFirst,
                                            Reader read,
                                            std::string_view idColumn)
{
    if (page.startingAfter) {
        Result<std::optional<std::int64_t>> seq = firstRow<std::int64_t>(
            "SELECT seq FROM " + std::string(table) + " WHERE " + std::string(idColumn) + " = ?",
            {*page.startingAfter},
            [](const PostgresRow &row) { return row.integer(0); });
        if (!seq)
            return seq.error();
        if (!*seq)
            return Error{"cursor_not_found",
                         "no object " + *page.startingAfter + " in this list",
                         "starting_after"};
        conditions.push_back({oldestFirst ? "seq > ?" : "seq < ?", {**seq}});
    }
    std::string sql = "SELECT " + std::string(columns) + " FROM " + std::string(table);
    std::vector<Value> values;
    for (std::size_t i = 0; i < conditions.size(); ++i) {
        sql += (i == 0 ? " WHERE " : " AND ") + conditions[i].sql;
        values.insert(values.end(), conditions[i].values.begin(), conditions[i].values.end());
    }
    sql += oldestFirst ? " ORDER BY seq ASC LIMIT ?" : " ORDER BY seq DESC LIMIT ?";
    values.emplace_back(static_cast<std::int64_t>(page.limit) + 1);
    Result<std::vector<T>> items = rows<T>(sql, values, read);
    if (!items)
        return items.error();
    Page<T> result;
    result.items = std::move(items).value();
    if (static_cast<int>(result.items.size()) > page.limit) {
        result.items.pop_back(); // read one more than asked: there is more
        result.hasMore = true;
    }
    return result;
}

template<typename T, typename Reader>
Result<Page<T>> PostgresTransaction::tenantPageOf(std::string_view table,
                                                  std::string_view columns,
                                                  const std::string &tenantId,
                                                  const PageRequest &page,
                                                  std::string_view what,
                                                  Reader read)
{
    std::vector<Condition> conditions = {{"tenant_id = ?", {tenantId}}};
    if (page.startingAfter) {
        // The cursor must name a row of this tenant (ids are unique per tenant only).
        Result<std::optional<std::int64_t>> seq = firstRow<std::int64_t>(
            "SELECT seq FROM " + std::string(table) + " WHERE tenant_id = ? AND id = ?",
            {tenantId, *page.startingAfter},
            [](const PostgresRow &row) { return row.integer(0); });
        if (!seq)
            return seq.error();
        if (!*seq)
            return Error{"cursor_not_found",
                         "no " + std::string(what) + " " + *page.startingAfter + " in this list",
                         "starting_after"};
        conditions.push_back({"seq < ?", {**seq}});
    }
    PageRequest withoutCursor = page;
    withoutCursor.startingAfter.reset();
    return pageOf<T>(table, columns, std::move(conditions), withoutCursor, false, read);
}

// Users and sessions

Result<std::optional<UserRecord>> PostgresTransaction::userById(const std::string &id)
{
    return firstRow<UserRecord>("SELECT " + columnsOf(kUserColumns) + " FROM users WHERE id = ?",
                                {id},
                                readUser);
}

Result<std::optional<UserRecord>> PostgresTransaction::userByEmail(const std::string &email)
{
    return firstRow<UserRecord>("SELECT " + columnsOf(kUserColumns) + " FROM users WHERE email = ?",
                                {email},
                                readUser);
}

Status PostgresTransaction::insertUser(const UserRecord &user)
{
    return write("INSERT INTO users (id, email, name, role, password_hash, created_at) "
                 "VALUES (?, ?, ?, ?, ?, ?)",
                 {user.id,
                  user.email,
                  user.name,
                  std::string(toString(user.role)),
                  user.passwordHash,
                  micros(user.createdAt)});
}

Result<Page<UserRecord>> PostgresTransaction::listUsers(const PageRequest &page)
{
    return pageOf<UserRecord>("users", kUserColumns, {}, page, false, readUser);
}

Status PostgresTransaction::insertSession(const SessionRecord &session)
{
    return write("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) "
                 "VALUES (?, ?, ?, ?)",
                 {session.tokenHash,
                  session.userId,
                  micros(session.createdAt),
                  micros(session.expiresAt)});
}

Result<std::optional<SessionRecord>> PostgresTransaction::sessionByTokenHash(const std::string &hash)
{
    return firstRow<SessionRecord>(
        "SELECT token_hash, user_id, created_at, expires_at FROM sessions WHERE token_hash = ?",
        {hash},
        [](const PostgresRow &row) {
            return SessionRecord{row.text(0),
                                 row.text(1),
                                 timestampOf(row.integer(2)),
                                 timestampOf(row.integer(3))};
        });
}

Status PostgresTransaction::deleteSession(const std::string &tokenHash)
{
    return write("DELETE FROM sessions WHERE token_hash = ?", {tokenHash});
}

// Tenants and their notes

Result<std::optional<Tenant>> PostgresTransaction::tenantById(const std::string &id)
{
    return firstRow<Tenant>("SELECT " + columnsOf(kTenantColumns) + " FROM tenants WHERE id = ?"
                                + std::string(forUpdate()),
                            {id},
                            readTenant);
}

Status PostgresTransaction::insertTenant(const Tenant &tenant)
{
    return write("INSERT INTO tenants (id, slug, name, status, isolation, region, plan_id, "
                 "contact_email, notes, created_at, updated_at, deleted_at, version) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 {tenant.id,
                  tenant.slug,
                  tenant.name,
                  std::string(toString(tenant.status)),
                  std::string(toString(tenant.isolation)),
                  tenant.region,
                  valueOf(tenant.planId),
                  valueOf(tenant.contactEmail),
                  valueOf(tenant.notes),
                  micros(tenant.createdAt),
                  micros(tenant.updatedAt),
                  valueOf(tenant.deletedAt),
                  tenant.version});
}

Status PostgresTransaction::updateTenant(const Tenant &tenant)
{
    return write("UPDATE tenants SET slug = ?, name = ?, status = ?, isolation = ?, region = ?, "
                 "plan_id = ?, contact_email = ?, notes = ?, updated_at = ?, deleted_at = ?, "
                 "version = ? WHERE id = ?",
                 {tenant.slug,
                  tenant.name,
                  std::string(toString(tenant.status)),
                  std::string(toString(tenant.isolation)),
                  tenant.region,
                  valueOf(tenant.planId),
                  valueOf(tenant.contactEmail),
                  valueOf(tenant.notes),
                  micros(tenant.updatedAt),
                  valueOf(tenant.deletedAt),
                  tenant.version,
                  tenant.id},
                 true,
                 "tenant " + tenant.id);
}

Result<Page<Tenant>> PostgresTransaction::listTenants(const TenantFilter &filter,
                                                      const PageRequest &page)
{
    std::vector<Condition> conditions;
    if (filter.query) {
        const std::string pattern = likePattern(*filter.query);
        conditions.push_back({"(id = ? OR name ILIKE ? ESCAPE '\\' OR slug ILIKE ? ESCAPE '\\' "
                              "OR contact_email ILIKE ? ESCAPE '\\')",
                              {*filter.query, pattern, pattern, pattern}});
    }
    if (filter.status)
        conditions.push_back({"status = ?", {std::string(toString(*filter.status))}});
    if (filter.planId)
        conditions.push_back({"plan_id = ?", {*filter.planId}});
    if (filter.isolation)
        conditions.push_back({"isolation = ?", {std::string(toString(*filter.isolation))}});
    if (filter.region)
        conditions.push_back({"region = ?", {*filter.region}});
    if (filter.updatedSince)
        conditions.push_back({"updated_at >= ?", {micros(*filter.updatedSince)}});
    return pageOf<Tenant>("tenants", kTenantColumns, std::move(conditions), page, false, readTenant);
}

Status PostgresTransaction::insertNote(const NoteRecord &note)
{
    Result<std::string> table = tenantTable("tenant_notes", note.tenantId);
    if (!table)
        return table.error();
    return write("INSERT INTO " + *table
                     + " (tenant_id, id, author_id, body, created_at) "
                       "VALUES (?, ?, ?, ?, ?)",
                 {note.tenantId, note.id, note.authorId, note.body, micros(note.createdAt)});
}

Result<Page<NoteRecord>> PostgresTransaction::listNotes(const std::string &tenantId,
                                                        const PageRequest &page)
{
    return tenantPageOf<NoteRecord>("tenant_notes",
                                    "tenant_id, id, author_id, body, created_at",
                                    tenantId,
                                    page,
                                    "note",
                                    readNote);
}

// Catalog

Result<std::vector<std::string>> PostgresTransaction::planFeatures(const std::string &planId)
{
    return rows<std::string>("SELECT feature_key FROM plan_features WHERE plan_id = ? "
                             "ORDER BY position",
                             {planId},
                             readText);
}

Status PostgresTransaction::writePlanFeatures(const Plan &plan)
{
    if (Status cleared = write("DELETE FROM plan_features WHERE plan_id = ?", {plan.id}); !cleared)
        return cleared;
    std::int64_t position = 0;
    for (const std::string &key : plan.features) {
        if (Status inserted = write("INSERT INTO plan_features (plan_id, feature_key, position) "
                                    "VALUES (?, ?, ?)",
                                    {plan.id, key, position++});
            !inserted) {
            return inserted;
        }
    }
    return Ok{};
}

Result<std::optional<Plan>> PostgresTransaction::planById(const std::string &id)
{
    Result<std::optional<std::optional<Plan>>> row = firstRow<std::optional<Plan>>(
        "SELECT " + columnsOf(kPlanColumns) + " FROM plans WHERE id = ?" + std::string(forUpdate()),
        {id},
        readPlan);
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<Plan>();
    std::optional<Plan> plan = std::move(**row);
    if (!plan)
        return Error{"storage_error", "plan " + id + " has an unreadable currency or interval", {}};
    Result<std::vector<std::string>> features = planFeatures(id);
    if (!features)
        return features.error();
    plan->features = std::move(features).value();
    return plan;
}

Status PostgresTransaction::insertPlan(const Plan &plan)
{
    if (Status inserted = write("INSERT INTO plans (id, key, name, price_amount, currency, "
                                "interval, trial_days, active, created_at, updated_at, version) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                {plan.id,
                                 plan.key,
                                 plan.name,
                                 plan.price.amount(),
                                 std::string(plan.price.currency().code()),
                                 std::string(toString(plan.interval)),
                                 plan.trialDays,
                                 flag(plan.active),
                                 micros(plan.createdAt),
                                 micros(plan.updatedAt),
                                 plan.version});
        !inserted) {
        return inserted;
    }
    return writePlanFeatures(plan);
}

Status PostgresTransaction::updatePlan(const Plan &plan)
{
    if (Status updated = write("UPDATE plans SET name = ?, trial_days = ?, active = ?, "
                               "updated_at = ?, version = ? WHERE id = ?",
                               {plan.name,
                                plan.trialDays,
                                flag(plan.active),
                                micros(plan.updatedAt),
                                plan.version,
                                plan.id},
                               true,
                               "plan " + plan.id);
        !updated) {
        return updated;
    }
    return writePlanFeatures(plan);
}

Result<Page<Plan>> PostgresTransaction::listPlans(const PageRequest &page)
{
    Result<Page<std::optional<Plan>>> rows = pageOf<std::optional<Plan>>(
        "plans", kPlanColumns, {}, page, false, readPlan);
    if (!rows)
        return rows.error();
    Page<Plan> plans;
    plans.hasMore = rows->hasMore;
    for (std::optional<Plan> &plan : rows->items) {
        if (!plan)
            return Error{"storage_error", "a plan has an unreadable currency or interval", {}};
        Result<std::vector<std::string>> features = planFeatures(plan->id);
        if (!features)
            return features.error();
        plan->features = std::move(features).value();
        plans.items.push_back(std::move(*plan));
    }
    return plans;
}

Result<std::optional<Feature>> PostgresTransaction::featureByKey(const std::string &key)
{
    return firstRow<Feature>("SELECT key, name, description FROM features WHERE key = ?",
                             {key},
                             readFeature);
}

Status PostgresTransaction::insertFeature(const Feature &feature)
{
    return write("INSERT INTO features (key, name, description) VALUES (?, ?, ?)",
                 {feature.key, feature.name, feature.description});
}

Result<Page<Feature>> PostgresTransaction::listFeatures(const PageRequest &page)
{
    Result<Page<Feature>> features = pageOf<Feature>(
        "features", "key, name, description", {}, page, false, readFeature, "key");
    if (!features && features.error().code == "cursor_not_found")
        return Error{"cursor_not_found",
                     "no feature " + page.startingAfter.value_or("") + " in this list",
                     "starting_after"};
    return features;
}

// Feature overrides

Result<std::vector<FeatureOverride>> PostgresTransaction::overridesOf(const std::string &tenantId)
{
    return rows<FeatureOverride>("SELECT " + columnsOf(kOverrideColumns)
                                     + " FROM feature_overrides WHERE tenant_id = ? "
                                       "ORDER BY feature_key",
                                 {tenantId},
                                 readOverride);
}

Result<std::optional<FeatureOverride>> PostgresTransaction::featureOverride(
    const std::string &tenantId, const std::string &key)
{
    if (Status locked = lockKey("feature_overrides", tenantId + '\x1f' + key); !locked)
        return locked.error();
    return firstRow<FeatureOverride>(
        "SELECT " + columnsOf(kOverrideColumns)
            + " FROM feature_overrides WHERE tenant_id = ? AND feature_key = ?"
            + std::string(forUpdate()),
        {tenantId, key},
        readOverride);
}

Status PostgresTransaction::upsertOverride(const FeatureOverride &override)
{
    Result<std::string> table = tenantTable("feature_overrides", override.tenantId);
    if (!table)
        return table.error();
    return write(
        "INSERT INTO " + *table
            + " (tenant_id, feature_key, enabled, reason, "
              "expires_at, created_by, created_at, updated_at, version) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
              "ON CONFLICT (tenant_id, feature_key) DO UPDATE SET enabled = excluded.enabled, "
              "reason = excluded.reason, expires_at = excluded.expires_at, "
              "created_by = excluded.created_by, updated_at = excluded.updated_at, "
              "version = excluded.version",
        {override.tenantId,
         override.featureKey,
         flag(override.enabled),
         override.reason,
         valueOf(override.expiresAt),
         override.createdBy,
         micros(override.createdAt),
         micros(override.updatedAt),
         override.version});
}

Status PostgresTransaction::deleteOverride(const std::string &tenantId, const std::string &key)
{
    return write("DELETE FROM feature_overrides WHERE tenant_id = ? AND feature_key = ?",
                 {tenantId, key},
                 true,
                 "override of " + key);
}

// Tenant users

Result<std::optional<TenantUserRecord>> PostgresTransaction::tenantUser(const std::string &tenantId,
                                                                        const std::string &id)
{
    return firstRow<TenantUserRecord>("SELECT " + columnsOf(kTenantUserColumns)
                                          + " FROM tenant_users WHERE tenant_id = ? AND id = ?"
                                          + std::string(forUpdate()),
                                      {tenantId, id},
                                      readTenantUser);
}

Status PostgresTransaction::insertTenantUser(const TenantUserRecord &user)
{
    Result<std::string> table = tenantTable("tenant_users", user.tenantId);
    if (!table)
        return table.error();
    return write("INSERT INTO " + *table
                     + " (tenant_id, id, email, name, role, created_at, "
                       "version) VALUES (?, ?, ?, ?, ?, ?, ?)",
                 {user.tenantId,
                  user.id,
                  user.email,
                  user.name,
                  user.role,
                  micros(user.createdAt),
                  user.version});
}

Status PostgresTransaction::deleteTenantUser(const std::string &tenantId, const std::string &id)
{
    return write("DELETE FROM tenant_users WHERE tenant_id = ? AND id = ?",
                 {tenantId, id},
                 true,
                 "tenant user " + id);
}

Result<Page<TenantUserRecord>> PostgresTransaction::listTenantUsers(const std::string &tenantId,
                                                                    const PageRequest &page)
{
    return tenantPageOf<TenantUserRecord>(
        "tenant_users", kTenantUserColumns, tenantId, page, "user", readTenantUser);
}

// Tenant API keys

namespace {

constexpr std::string_view kTenantApiKeyColumns
    = "tenant_id, id, name, key_hash, created_at, created_by, revoked_at, last_used_at";

TenantApiKeyRecord readTenantApiKey(const PostgresRow &row)
{
    TenantApiKeyRecord key;
    key.tenantId = row.text(0);
    key.id = row.text(1);
    key.name = row.text(2);
    key.keyHash = row.text(3);
    key.createdAt = timestampOf(row.integer(4));
    key.createdBy = row.text(5);
    key.revokedAt = optionalTimestamp(row.optionalInteger(6));
    key.lastUsedAt = optionalTimestamp(row.optionalInteger(7));
    return key;
}

} // namespace

Status PostgresTransaction::insertTenantApiKey(const TenantApiKeyRecord &key)
{
    Result<std::string> table = tenantTable("tenant_api_keys", key.tenantId);
    if (!table)
        return table.error();
    return write("INSERT INTO " + *table
                     + " (tenant_id, id, name, key_hash, created_at, "
                       "created_by, revoked_at, last_used_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 {key.tenantId,
                  key.id,
                  key.name,
                  key.keyHash,
                  micros(key.createdAt),
                  key.createdBy,
                  valueOf(key.revokedAt),
                  valueOf(key.lastUsedAt)});
}

Result<std::optional<TenantApiKeyRecord>> PostgresTransaction::tenantApiKeyByHash(
    const std::string &keyHash)
{
    return firstRow<TenantApiKeyRecord>("SELECT " + std::string(kTenantApiKeyColumns)
                                            + " FROM tenant_api_keys WHERE key_hash = ?",
                                        {keyHash},
                                        readTenantApiKey);
}

Result<std::optional<TenantApiKeyRecord>> PostgresTransaction::tenantApiKey(
    const std::string &tenantId, const std::string &id)
{
    return firstRow<TenantApiKeyRecord>("SELECT " + std::string(kTenantApiKeyColumns)
                                            + " FROM tenant_api_keys WHERE tenant_id = ? AND id = ?"
                                            + std::string(forUpdate()),
                                        {tenantId, id},
                                        readTenantApiKey);
}

Status PostgresTransaction::revokeTenantApiKey(const std::string &tenantId,
                                               const std::string &id,
                                               Timestamp at)
{
    return write("UPDATE tenant_api_keys SET revoked_at = ? "
                 "WHERE tenant_id = ? AND id = ? AND revoked_at IS NULL",
                 {micros(at), tenantId, id},
                 true,
                 "API key " + id);
}

Result<Page<TenantApiKeyRecord>> PostgresTransaction::listTenantApiKeys(const std::string &tenantId,
                                                                        const PageRequest &page)
{
    return tenantPageOf<TenantApiKeyRecord>(
        "tenant_api_keys", kTenantApiKeyColumns, tenantId, page, "API key", readTenantApiKey);
}

// Subscriptions

Result<std::optional<Subscription>> PostgresTransaction::subscriptionById(const std::string &id)
{
    return firstRow<Subscription>("SELECT " + columnsOf(kSubscriptionColumns)
                                      + " FROM subscriptions WHERE id = ?"
                                      + std::string(forUpdate()),
                                  {id},
                                  readSubscription);
}

Result<std::optional<Subscription>> PostgresTransaction::liveSubscriptionOf(
    const std::string &tenantId)
{
    if (m_write) {
        // Two writers must not both find no live subscription and both start one: the tenant's
        // row is the lock that orders them (SQLite orders all writers).
        if (Result<PostgresResult> locked = query("SELECT 1 FROM tenants WHERE id = ? FOR UPDATE",
                                                  {tenantId});
            !locked) {
            return locked.error();
        }
    }
    return firstRow<Subscription>(
        "SELECT " + columnsOf(kSubscriptionColumns)
            + " FROM subscriptions WHERE tenant_id = ? AND status NOT IN ('canceled', "
              "'incomplete_expired') ORDER BY seq DESC LIMIT 1"
            + std::string(forUpdate()),
        {tenantId},
        readSubscription);
}

Status PostgresTransaction::insertSubscription(const Subscription &subscription)
{
    Result<std::string> table = tenantTable("subscriptions", subscription.tenantId);
    if (!table)
        return table.error();
    return write("INSERT INTO " + *table
                     + " (tenant_id, plan_id, quantity, status, "
                       "current_period_start, current_period_end, trial_end, cancel_at_period_end, "
                       "canceled_at, created_at, updated_at, version, stripe_subscription_id, id) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 subscriptionValues(subscription));
}

Status PostgresTransaction::updateSubscription(const Subscription &subscription)
{
    return write("UPDATE subscriptions SET tenant_id = ?, plan_id = ?, quantity = ?, status = ?, "
                 "current_period_start = ?, current_period_end = ?, trial_end = ?, "
                 "cancel_at_period_end = ?, canceled_at = ?, created_at = ?, updated_at = ?, "
                 "version = ?, stripe_subscription_id = ? WHERE id = ?",
                 subscriptionValues(subscription),
                 true,
                 "subscription " + subscription.id);
}

Result<Page<Subscription>> PostgresTransaction::listSubscriptions(const SubscriptionFilter &filter,
                                                                  const PageRequest &page)
{
    std::vector<Condition> conditions;
    if (filter.tenantId)
        conditions.push_back({"tenant_id = ?", {*filter.tenantId}});
    if (filter.status)
        conditions.push_back({"status = ?", {std::string(toString(*filter.status))}});
    if (filter.planId)
        conditions.push_back({"plan_id = ?", {*filter.planId}});
    if (filter.renewsBefore)
        conditions.push_back({"current_period_end < ?", {micros(*filter.renewsBefore)}});
    if (filter.updatedSince)
        conditions.push_back({"updated_at >= ?", {micros(*filter.updatedSince)}});
    return pageOf<Subscription>("subscriptions",
                                kSubscriptionColumns,
                                std::move(conditions),
                                page,
                                false,
                                readSubscription);
}

// MRR events and invoices

Status PostgresTransaction::insertMrrEvent(const MrrEventRecord &record)
{
    // The feed is read oldest first and resumed after the last id a client has: a row must not
    // become visible after a row with a higher seq. Concurrent inserts would commit out of seq
    // order, so they take turns (the lock lasts until commit); MRR events are rare writes.
    if (Status locked = lockKey("feed", "mrr_events"); !locked)
        return locked;
    const MrrEvent &event = record.event;
    Result<std::string> table = tenantTable("mrr_events", event.tenantId);
    if (!table)
        return table.error();
    return write("INSERT INTO " + *table
                     + " (id, tenant_id, subscription_id, at, mrr, currency, "
                       "plan_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 {record.id,
                  event.tenantId,
                  event.subscriptionId,
                  micros(event.at),
                  event.mrr,
                  event.currency.toString(),
                  valueOf(event.planId),
                  micros(record.recordedAt)});
}

Result<Page<MrrEventRecord>> PostgresTransaction::listMrrEvents(const FeedFilter &filter,
                                                                const PageRequest &page)
{
    std::vector<Condition> conditions;
    if (filter.tenantId)
        conditions.push_back({"tenant_id = ?", {*filter.tenantId}});
    if (filter.updatedSince)
        conditions.push_back({"recorded_at >= ?", {micros(*filter.updatedSince)}});
    return pageOf<MrrEventRecord>(
        "mrr_events", kMrrEventColumns, std::move(conditions), page, true, readMrrEvent);
}

Status PostgresTransaction::insertInvoice(const Invoice &invoice)
{
    Result<std::string> table = tenantTable("invoices", invoice.tenantId);
    if (!table)
        return table.error();
    return write("INSERT INTO " + *table
                     + " (id, tenant_id, subscription_id, status, amount_due, "
                       "amount_paid, currency, period_start, period_end, created_at, "
                       "stripe_invoice_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 {invoice.id,
                  invoice.tenantId,
                  invoice.subscriptionId,
                  std::string(toString(invoice.status)),
                  invoice.amountDue.amount(),
                  invoice.amountPaid.amount(),
                  invoice.amountDue.currency().toString(),
                  micros(invoice.periodStart),
                  micros(invoice.periodEnd),
                  micros(invoice.createdAt),
                  valueOf(invoice.stripeInvoiceId)});
}

Result<Page<Invoice>> PostgresTransaction::listInvoices(const InvoiceFilter &filter,
                                                        const PageRequest &page)
{
    std::vector<Condition> conditions;
    if (filter.tenantId)
        conditions.push_back({"tenant_id = ?", {*filter.tenantId}});
    if (filter.subscriptionId)
        conditions.push_back({"subscription_id = ?", {*filter.subscriptionId}});
    if (filter.status)
        conditions.push_back({"status = ?", {std::string(toString(*filter.status))}});
    return pageOf<Invoice>(
        "invoices", kInvoiceColumns, std::move(conditions), page, false, readInvoice);
}

// Stripe ids of local objects

Result<std::optional<Tenant>> PostgresTransaction::tenantByStripeCustomer(
    const std::string &customerId)
{
    return firstRow<Tenant>("SELECT " + columnsOf(kTenantColumns)
                                + " FROM tenants WHERE stripe_customer_id = ?"
                                + std::string(forUpdate()),
                            {customerId},
                            readTenant);
}

Status PostgresTransaction::setTenantStripeCustomer(const std::string &tenantId,
                                                    const std::optional<std::string> &customerId)
{
    return write("UPDATE tenants SET stripe_customer_id = ? WHERE id = ?",
                 {valueOf(customerId), tenantId},
                 true,
                 "tenant " + tenantId);
}

Result<std::optional<std::string>> PostgresTransaction::tenantStripeCustomer(
    const std::string &tenantId)
{
    Result<std::optional<std::optional<std::string>>> found = firstRow<std::optional<std::string>>(
        "SELECT stripe_customer_id FROM tenants WHERE id = ?",
        {tenantId},
        [](const PostgresRow &row) { return row.optionalText(0); });
    if (!found)
        return found.error();
    return found->value_or(std::nullopt);
}

Result<std::optional<std::string>> PostgresTransaction::planStripePrice(const std::string &planId)
{
    Result<std::optional<std::optional<std::string>>> found = firstRow<std::optional<std::string>>(
        "SELECT stripe_price_id FROM plans WHERE id = ?", {planId}, [](const PostgresRow &row) {
            return row.optionalText(0);
        });
    if (!found)
        return found.error();
    return found->value_or(std::nullopt);
}

Result<std::optional<Plan>> PostgresTransaction::planByStripePrice(const std::string &priceId)
{
    Result<std::optional<std::string>> id = firstRow<std::string>(
        "SELECT id FROM plans WHERE stripe_price_id = ?", {priceId}, readText);
    if (!id)
        return id.error();
    if (!*id)
        return std::optional<Plan>();
    return planById(**id);
}

Status PostgresTransaction::setPlanStripePrice(const std::string &planId,
                                               const std::optional<std::string> &priceId)
{
    return write("UPDATE plans SET stripe_price_id = ? WHERE id = ?",
                 {valueOf(priceId), planId},
                 true,
                 "plan " + planId);
}

Result<std::optional<Subscription>> PostgresTransaction::subscriptionByStripeId(
    const std::string &stripeId)
{
    return firstRow<Subscription>("SELECT " + columnsOf(kSubscriptionColumns)
                                      + " FROM subscriptions WHERE stripe_subscription_id = ?"
                                      + std::string(forUpdate()),
                                  {stripeId},
                                  readSubscription);
}

Result<std::optional<Timestamp>> PostgresTransaction::subscriptionProviderUpdatedAt(
    const std::string &subscriptionId)
{
    Result<std::optional<std::optional<Timestamp>>> found = firstRow<std::optional<Timestamp>>(
        "SELECT provider_updated_at FROM subscriptions WHERE id = ?" + std::string(forUpdate()),
        {subscriptionId},
        readOptionalTimestamp);
    if (!found)
        return found.error();
    return found->value_or(std::nullopt);
}

Status PostgresTransaction::setSubscriptionProviderUpdatedAt(const std::string &subscriptionId,
                                                             Timestamp at)
{
    return write("UPDATE subscriptions SET provider_updated_at = ? WHERE id = ?",
                 {micros(at), subscriptionId},
                 true,
                 "subscription " + subscriptionId);
}

Result<std::optional<Invoice>> PostgresTransaction::invoiceByStripeId(const std::string &stripeId)
{
    return firstRow<Invoice>("SELECT " + columnsOf(kInvoiceColumns)
                                 + " FROM invoices WHERE stripe_invoice_id = ?"
                                 + std::string(forUpdate()),
                             {stripeId},
                             readInvoice);
}

Status PostgresTransaction::updateInvoice(const Invoice &invoice)
{
    return write("UPDATE invoices SET tenant_id = ?, subscription_id = ?, status = ?, "
                 "amount_due = ?, amount_paid = ?, currency = ?, period_start = ?, "
                 "period_end = ?, created_at = ?, stripe_invoice_id = ? WHERE id = ?",
                 {invoice.tenantId,
                  invoice.subscriptionId,
                  std::string(toString(invoice.status)),
                  invoice.amountDue.amount(),
                  invoice.amountPaid.amount(),
                  invoice.amountDue.currency().toString(),
                  micros(invoice.periodStart),
                  micros(invoice.periodEnd),
                  micros(invoice.createdAt),
                  valueOf(invoice.stripeInvoiceId),
                  invoice.id},
                 true,
                 "invoice " + invoice.id);
}

Result<std::optional<Timestamp>> PostgresTransaction::invoiceProviderUpdatedAt(
    const std::string &invoiceId)
{
    Result<std::optional<std::optional<Timestamp>>> found = firstRow<std::optional<Timestamp>>(
        "SELECT provider_updated_at FROM invoices WHERE id = ?" + std::string(forUpdate()),
        {invoiceId},
        readOptionalTimestamp);
    if (!found)
        return found.error();
    return found->value_or(std::nullopt);
}

Status PostgresTransaction::setInvoiceProviderUpdatedAt(const std::string &invoiceId, Timestamp at)
{
    return write("UPDATE invoices SET provider_updated_at = ? WHERE id = ?",
                 {micros(at), invoiceId},
                 true,
                 "invoice " + invoiceId);
}

// The Stripe webhook inbox

Result<bool> PostgresTransaction::insertWebhookEvent(const WebhookEventRecord &event)
{
    Result<PostgresResult> inserted = query(
        "INSERT INTO webhook_events (id, type, created, payload, received_at, status, attempts, "
        "last_error, next_attempt_at, processed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO NOTHING",
        {event.id,
         event.type,
         micros(event.created),
         event.payload,
         micros(event.receivedAt),
         std::string(toString(event.status)),
         std::int64_t(event.attempts),
         valueOf(event.lastError),
         valueOf(event.nextAttemptAt),
         valueOf(event.processedAt)});
    if (!inserted)
        return inserted.error();
    return inserted->affectedRows() == 1;
}

Result<std::optional<WebhookEventRecord>> PostgresTransaction::webhookEvent(const std::string &id)
{
    return lockedWebhookEvent(id, kWebhookEventColumns);
}

Result<std::optional<WebhookEventRecord>> PostgresTransaction::webhookEventState(
    const std::string &id)
{
    return lockedWebhookEvent(id, kWebhookEventStateColumns);
}

Result<std::optional<WebhookEventRecord>> PostgresTransaction::lockedWebhookEvent(
    const std::string &id, std::string_view columns)
{
    if (Status locked = lockKey("webhook_events", id); !locked)
        return locked.error();
    return firstRow<WebhookEventRecord>("SELECT " + columnsOf(columns)
                                            + " FROM webhook_events WHERE id = ?"
                                            + std::string(forUpdate()),
                                        {id},
                                        readWebhookEvent);
}

Status PostgresTransaction::updateWebhookEvent(const WebhookEventRecord &event)
{
    return write("UPDATE webhook_events SET status = ?, attempts = ?, last_error = ?, "
                 "next_attempt_at = ?, processed_at = ? WHERE id = ?",
                 {std::string(toString(event.status)),
                  std::int64_t(event.attempts),
                  valueOf(event.lastError),
                  valueOf(event.nextAttemptAt),
                  valueOf(event.processedAt),
                  event.id},
                 true,
                 "webhook event " + event.id);
}

Result<std::vector<WebhookEventRecord>> PostgresTransaction::dueWebhookEvents(Timestamp now,
                                                                              int limit)
{
    return rows<WebhookEventRecord>("SELECT " + columnsOf(kWebhookEventColumns)
                                        + " FROM webhook_events WHERE status = 'pending' AND "
                                          "(next_attempt_at IS NULL OR next_attempt_at <= ?) "
                                          "ORDER BY created, seq LIMIT ?",
                                    {micros(now), std::int64_t(limit)},
                                    readWebhookEvent);
}

Result<std::optional<Timestamp>> PostgresTransaction::nextWebhookAttempt()
{
    Result<std::optional<std::optional<Timestamp>>> found = firstRow<std::optional<Timestamp>>(
        "SELECT MIN(COALESCE(next_attempt_at, 0)) FROM webhook_events WHERE status = 'pending'",
        {},
        readOptionalTimestamp);
    if (!found)
        return found.error();
    return found->value_or(std::nullopt);
}

Result<Page<WebhookEventRecord>> PostgresTransaction::listWebhookEvents(
    const WebhookEventFilter &filter, const PageRequest &page)
{
    std::vector<Condition> conditions;
    if (filter.status)
        conditions.push_back({"status = ?", {std::string(toString(*filter.status))}});
    if (filter.type)
        conditions.push_back({"type = ?", {*filter.type}});
    return pageOf<WebhookEventRecord>("webhook_events",
                                      kWebhookEventColumns,
                                      std::move(conditions),
                                      page,
                                      false,
                                      readWebhookEvent);
}

// Background jobs and billing drift

namespace {

constexpr std::string_view kJobColumns
    = "id, type, status, progress_done, progress_total, params, result, error, created_by, "
      "created_at, started_at, finished_at, updated_at, heartbeat_at";

JobRecord readJob(const PostgresRow &row)
{
    JobRecord job;
    job.id = row.text(0);
    job.type = row.text(1);
    job.status = jobStatusFromString(row.text(2)).value_or(JobStatus::Queued);
    job.progressDone = row.integer(3);
    job.progressTotal = row.integer(4);
    job.params = row.text(5);
    job.result = row.optionalText(6);
    job.error = row.optionalText(7);
    job.createdBy = row.text(8);
    job.createdAt = timestampOf(row.integer(9));
    job.startedAt = optionalTimestamp(row.optionalInteger(10));
    job.finishedAt = optionalTimestamp(row.optionalInteger(11));
    job.updatedAt = timestampOf(row.integer(12));
    job.heartbeatAt = optionalTimestamp(row.optionalInteger(13));
    return job;
}

constexpr std::string_view kDriftColumns
    = "id, job_id, kind, tenant_id, subscription_id, stripe_subscription_id, local, provider, "
      "created_at, applied_at, applied_by";

DriftRecord readDrift(const PostgresRow &row)
{
    DriftRecord drift;
    drift.id = row.text(0);
    drift.jobId = row.text(1);
    drift.kind = row.text(2);
    drift.tenantId = row.optionalText(3);
    drift.subscriptionId = row.optionalText(4);
    drift.stripeSubscriptionId = row.text(5);
    drift.local = row.optionalText(6);
    drift.provider = row.optionalText(7);
    drift.createdAt = timestampOf(row.integer(8));
    drift.appliedAt = optionalTimestamp(row.optionalInteger(9));
    drift.appliedBy = row.optionalText(10);
    return drift;
}

} // namespace

Status PostgresTransaction::insertJob(const JobRecord &job)
{
    return write("INSERT INTO jobs (id, type, status, progress_done, progress_total, params, "
                 "result, error, created_by, created_at, started_at, finished_at, updated_at, "
                 "heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 {job.id,
                  job.type,
                  std::string(toString(job.status)),
                  job.progressDone,
                  job.progressTotal,
                  job.params,
                  valueOf(job.result),
                  valueOf(job.error),
                  job.createdBy,
                  micros(job.createdAt),
                  valueOf(job.startedAt),
                  valueOf(job.finishedAt),
                  micros(job.updatedAt),
                  valueOf(job.heartbeatAt)});
}

Result<std::optional<JobRecord>> PostgresTransaction::job(const std::string &id)
{
    return firstRow<JobRecord>("SELECT " + columnsOf(kJobColumns) + " FROM jobs WHERE id = ?"
                                   + std::string(forUpdate()),
                               {id},
                               readJob);
}

Status PostgresTransaction::updateJob(const JobRecord &job)
{
    return write("UPDATE jobs SET status = ?, progress_done = ?, progress_total = ?, result = ?, "
                 "error = ?, started_at = ?, finished_at = ?, updated_at = ?, heartbeat_at = ? "
                 "WHERE id = ?",
                 {std::string(toString(job.status)),
                  job.progressDone,
                  job.progressTotal,
                  valueOf(job.result),
                  valueOf(job.error),
                  valueOf(job.startedAt),
                  valueOf(job.finishedAt),
                  micros(job.updatedAt),
                  valueOf(job.heartbeatAt),
                  job.id},
                 true,
                 "job " + job.id);
}

Result<std::optional<JobRecord>> PostgresTransaction::nextQueuedJob(
    const std::vector<std::string> &types)
{
    if (types.empty())
        return std::optional<JobRecord>();
    std::string sql = "SELECT " + columnsOf(kJobColumns)
                      + " FROM jobs WHERE status = 'queued' AND type IN (";
    std::vector<Value> values;
    for (const std::string &type : types) {
        sql += values.empty() ? "?" : ", ?";
        values.emplace_back(type);
    }
    // Two servers sharing the database never claim the same job: the row stays locked by the
    // claiming transaction, which the other one skips.
    sql += ") ORDER BY seq LIMIT 1";
    if (m_write)
        sql += " FOR UPDATE SKIP LOCKED";
    return firstRow<JobRecord>(sql, values, readJob);
}

Result<int> PostgresTransaction::requeueStaleJobs(Timestamp heartbeatBefore, Timestamp now)
{
    Result<PostgresResult> updated = query(
        "UPDATE jobs SET status = 'queued', updated_at = ? WHERE status = 'running' AND "
        "(heartbeat_at IS NULL OR heartbeat_at < ?)",
        {micros(now), micros(heartbeatBefore)});
    if (!updated)
        return updated.error();
    return static_cast<int>(updated->affectedRows());
}

Status PostgresTransaction::touchJob(const std::string &id, Timestamp now)
{
    return write("UPDATE jobs SET heartbeat_at = ? WHERE id = ? AND status = 'running'",
                 {micros(now), id});
}

Result<Page<JobRecord>> PostgresTransaction::listJobs(const JobFilter &filter,
                                                      const PageRequest &page)
{
    std::vector<Condition> conditions;
    if (filter.type)
        conditions.push_back({"type = ?", {*filter.type}});
    if (filter.status)
        conditions.push_back({"status = ?", {std::string(toString(*filter.status))}});
    if (filter.tenantId)
        conditions.push_back({"params::jsonb ->> 'tenant_id' = ?", {*filter.tenantId}});
    if (!filter.typePrefixes.empty()) {
        Condition any{"(", {}};
        for (std::size_t i = 0; i < filter.typePrefixes.size(); ++i) {
            any.sql += (i == 0 ? "" : " OR ") + std::string("starts_with(type, ?)");
            any.values.emplace_back(filter.typePrefixes[i]);
        }
        any.sql += ")";
        conditions.push_back(std::move(any));
    }
    return pageOf<JobRecord>("jobs", kJobColumns, std::move(conditions), page, false, readJob);
}

Status PostgresTransaction::insertDrift(const DriftRecord &drift)
{
    return write("INSERT INTO billing_drift (id, job_id, kind, tenant_id, subscription_id, "
                 "stripe_subscription_id, local, provider, created_at, applied_at, applied_by) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 {drift.id,
                  drift.jobId,
                  drift.kind,
                  valueOf(drift.tenantId),
                  valueOf(drift.subscriptionId),
                  drift.stripeSubscriptionId,
                  valueOf(drift.local),
                  valueOf(drift.provider),
                  micros(drift.createdAt),
                  valueOf(drift.appliedAt),
                  valueOf(drift.appliedBy)});
}

Result<std::optional<DriftRecord>> PostgresTransaction::drift(const std::string &id)
{
    return firstRow<DriftRecord>("SELECT " + columnsOf(kDriftColumns)
                                     + " FROM billing_drift WHERE id = ?" + std::string(forUpdate()),
                                 {id},
                                 readDrift);
}

Status PostgresTransaction::updateDrift(const DriftRecord &drift)
{
    return write("UPDATE billing_drift SET applied_at = ?, applied_by = ? WHERE id = ?",
                 {valueOf(drift.appliedAt), valueOf(drift.appliedBy), drift.id},
                 true,
                 "drift " + drift.id);
}

Status PostgresTransaction::deleteDriftOf(const std::string &jobId)
{
    return write("DELETE FROM billing_drift WHERE job_id = ? AND applied_at IS NULL", {jobId});
}

Result<Page<DriftRecord>> PostgresTransaction::listDrift(const DriftFilter &filter,
                                                         const PageRequest &page)
{
    std::vector<Condition> conditions;
    if (filter.jobId)
        conditions.push_back({"job_id = ?", {*filter.jobId}});
    return pageOf<DriftRecord>(
        "billing_drift", kDriftColumns, std::move(conditions), page, true, readDrift);
}

// Acquisition spend

Result<std::optional<SpendRecord>> PostgresTransaction::spend(const YearMonth &month,
                                                              const Currency &currency)
{
    if (Status locked = lockKey("acquisition_spend",
                                month.toString() + '\x1f' + currency.toString());
        !locked)
        return locked.error();
    return firstRow<SpendRecord>("SELECT " + columnsOf(kSpendColumns)
                                     + " FROM acquisition_spend WHERE month = ? AND currency = ?"
                                     + std::string(forUpdate()),
                                 {month.toString(), currency.toString()},
                                 readSpend);
}

Status PostgresTransaction::upsertSpend(const SpendRecord &record)
{
    // Oldest first with a cursor, as the MRR feed: inserts take turns (see insertMrrEvent).
    if (Status locked = lockKey("feed", "acquisition_spend"); !locked)
        return locked;
    return write("INSERT INTO acquisition_spend (id, month, currency, amount, created_at, "
                 "updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?) "
                 "ON CONFLICT (month, currency) DO UPDATE SET amount = excluded.amount, "
                 "updated_at = excluded.updated_at, version = excluded.version",
                 {record.id,
                  record.spend.month.toString(),
                  record.spend.amount.currency().toString(),
                  record.spend.amount.amount(),
                  micros(record.createdAt),
                  micros(record.updatedAt),
                  record.version});
}

Result<Page<SpendRecord>> PostgresTransaction::listSpend(const FeedFilter &filter,
                                                         const PageRequest &page)
{
    std::vector<Condition> conditions;
    if (filter.updatedSince)
        conditions.push_back({"updated_at >= ?", {micros(*filter.updatedSince)}});
    return pageOf<SpendRecord>(
        "acquisition_spend", kSpendColumns, std::move(conditions), page, true, readSpend);
}

// Audit log

Status PostgresTransaction::insertAudit(const AuditRecord &record)
{
    Result<std::string> table = tenantTable("audit_events", record.tenantId.value_or(std::string()));
    if (!table)
        return table.error();
    return write("INSERT INTO " + *table
                     + " (id, actor_id, actor_email, action, target_type, "
                       "target_id, tenant_id, before, after, request_id, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 {record.id,
                  record.actorId,
                  record.actorEmail,
                  record.action,
                  record.targetType,
                  record.targetId,
                  valueOf(record.tenantId),
                  valueOf(record.before),
                  valueOf(record.after),
                  record.requestId,
                  micros(record.createdAt)});
}

Result<Page<AuditRecord>> PostgresTransaction::listAudit(const AuditFilter &filter,
                                                         const PageRequest &page)
{
    std::vector<Condition> conditions;
    if (filter.actorId)
        conditions.push_back({"actor_id = ?", {*filter.actorId}});
    if (filter.targetId)
        conditions.push_back(
            {"(target_id = ? OR tenant_id = ?)", {*filter.targetId, *filter.targetId}});
    if (filter.action)
        conditions.push_back({"action = ?", {*filter.action}});
    if (filter.createdAfter)
        conditions.push_back({"created_at >= ?", {micros(*filter.createdAfter)}});
    if (filter.createdBefore)
        conditions.push_back({"created_at < ?", {micros(*filter.createdBefore)}});
    return pageOf<AuditRecord>(
        "audit_events", kAuditColumns, std::move(conditions), page, false, readAudit);
}

// Idempotency keys

namespace {

// bytea travels as hex text: the connection speaks libpq's text format only.
std::string hexOf(const std::string &bytes)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(bytes.size() * 2);
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        hex += kDigits[byte >> 4];
        hex += kDigits[byte & 0xf];
    }
    return hex;
}

std::optional<std::string> bytesOfHex(std::string_view hex)
{
    auto digit = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        return -1;
    };
    if (hex.size() % 2 != 0)
        return std::nullopt;
    std::string bytes;
    bytes.reserve(hex.size() / 2);
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int high = digit(hex[i]);
        const int low = digit(hex[i + 1]);
        if (high < 0 || low < 0)
            return std::nullopt;
        bytes += static_cast<char>((high << 4) | low);
    }
    return bytes;
}

} // namespace

Status PostgresTransaction::putSecret(const std::string &name, const std::string &bytes)
{
    return write("INSERT INTO secrets (name, value, updated_at) VALUES (?, decode(?, 'hex'), ?) "
                 "ON CONFLICT (name) DO UPDATE SET value = excluded.value, "
                 "updated_at = excluded.updated_at",
                 {name,
                  hexOf(bytes),
                  micros(std::chrono::time_point_cast<std::chrono::microseconds>(
                      std::chrono::system_clock::now()))});
}

Result<std::optional<std::string>> PostgresTransaction::secret(const std::string &name)
{
    Result<std::optional<std::string>> hex = firstRow<std::string>(
        "SELECT encode(value, 'hex') FROM secrets WHERE name = ?",
        {name},
        [](const PostgresRow &row) { return row.text(0); });
    if (!hex)
        return hex.error();
    if (!*hex)
        return std::optional<std::string>();
    std::optional<std::string> bytes = bytesOfHex(**hex);
    if (!bytes)
        return Error{"storage_error", "secret " + name + ": unreadable bytea", {}};
    return bytes;
}

Result<bool> PostgresTransaction::insertIdempotency(const IdempotencyRecord &record)
{
    Result<PostgresResult> inserted = query(
        "INSERT INTO idempotency_keys (scope, key, request_hash, state, status, response_body, "
        "response_headers, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (scope, key) DO NOTHING",
        {record.scope,
         record.key,
         record.requestHash,
         std::string(record.state == IdempotencyRecord::State::InProgress ? "in_progress"
                                                                          : "completed"),
         std::int64_t(record.status),
         record.responseBody,
         record.responseHeaders,
         micros(record.createdAt)});
    if (!inserted)
        return inserted.error();
    return inserted->affectedRows() == 1;
}

Result<std::optional<IdempotencyRecord>> PostgresTransaction::idempotency(const std::string &scope,
                                                                          const std::string &key)
{
    // Two requests with one new key: the second waits here until the first has inserted and
    // committed its in-progress record, then finds it.
    if (Status locked = lockKey("idempotency_keys", scope + '\x1f' + key); !locked)
        return locked.error();
    return firstRow<IdempotencyRecord>(
        "SELECT request_hash, state, status, response_body, response_headers, created_at "
        "FROM idempotency_keys WHERE scope = ? AND key = ?"
            + std::string(forUpdate()),
        {scope, key},
        [&](const PostgresRow &row) {
            IdempotencyRecord record;
            record.scope = scope;
            record.key = key;
            record.requestHash = row.text(0);
            record.state = row.text(1) == "completed" ? IdempotencyRecord::State::Completed
                                                      : IdempotencyRecord::State::InProgress;
            record.status = static_cast<int>(row.integer(2));
            record.responseBody = row.text(3);
            record.responseHeaders = row.text(4);
            record.createdAt = timestampOf(row.integer(5));
            return record;
        });
}

Status PostgresTransaction::completeIdempotency(const IdempotencyRecord &record)
{
    return write("UPDATE idempotency_keys SET state = 'completed', status = ?, "
                 "response_body = ?, response_headers = ? WHERE scope = ? AND key = ?",
                 {std::int64_t(record.status),
                  record.responseBody,
                  record.responseHeaders,
                  record.scope,
                  record.key});
}

Status PostgresTransaction::deleteIdempotency(const std::string &scope, const std::string &key)
{
    return write("DELETE FROM idempotency_keys WHERE scope = ? AND key = ?", {scope, key});
}

} // namespace Tenantry::Server
