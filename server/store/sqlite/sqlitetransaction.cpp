#include "server/store/sqlite/sqlitetransaction.h"

#include "server/store/sqlite/sqlitegroupcommit.h"
#include "server/store/sqlite/sqlitestatement.h"
#include "server/store/sqlite/sqlitestore.h"

#include <sqlite3.h>

namespace Tenantry::Server {

namespace {

std::int64_t micros(Timestamp timestamp)
{
    return timestamp.time_since_epoch().count();
}

Timestamp timestampOf(std::int64_t micros)
{
    return Timestamp(std::chrono::microseconds(micros));
}

std::optional<std::int64_t> micros(const std::optional<Timestamp> &timestamp)
{
    if (!timestamp)
        return std::nullopt;
    return micros(*timestamp);
}

std::optional<Timestamp> optionalTimestamp(const std::optional<std::int64_t> &micros)
{
    if (!micros)
        return std::nullopt;
    return timestampOf(*micros);
}

// LIKE pattern for a substring search, with the wildcards of the text escaped.
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

constexpr std::string_view kUserColumns = "id, email, name, role, password_hash, created_at";

UserRecord readUser(const SqliteStatement &row)
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

Tenant readTenant(const SqliteStatement &row)
{
    Tenant tenant;
    tenant.id = row.text(0);
    tenant.slug = row.text(1);
    tenant.name = row.text(2);
    tenant.status = tenantStatusFromString(row.text(3)).value_or(TenantStatus::Active);
    tenant.isolation = isolationFromString(row.text(4)).value_or(Isolation::Pool);
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

std::optional<Plan> readPlan(const SqliteStatement &row)
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

constexpr std::string_view kAuditColumns = "id, actor_id, actor_email, action, target_type, "
                                           "target_id, tenant_id, before, after, request_id, "
                                           "created_at";

AuditRecord readAudit(const SqliteStatement &row)
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

// Runs a page query: `sql` ends where "ORDER BY"/"LIMIT" would go; rows come newest first and
// one more than asked is read to tell whether there is more.
template<typename T, typename Reader>
Result<Page<T>> readPage(SqliteStatement &statement, int limit, Reader read)
{
    Page<T> page;
    for (;;) {
        Result<bool> row = statement.step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        if (static_cast<int>(page.items.size()) == limit) {
            page.hasMore = true;
            break;
        }
        page.items.push_back(read(statement));
    }
    return page;
}

} // namespace

SqliteTransaction::SqliteTransaction(SqliteStore &store, sqlite3 *db, SqliteGroupCommit *groupCommit)
    : m_store(store)
    , m_db(db)
    , m_groupCommit(groupCommit)
    , m_ownsWriter(groupCommit != nullptr)
{}

SqliteTransaction::~SqliteTransaction()
{
    if (!m_groupCommit) {
        if (m_open)
            sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        m_store.release(m_db);
        return;
    }
    if (m_open) {
        // Only this transaction's changes go; the batch it is part of stays.
        sqlite3_exec(m_db, "ROLLBACK TO tx", nullptr, nullptr, nullptr);
        sqlite3_exec(m_db, "RELEASE tx", nullptr, nullptr, nullptr);
    }
    if (m_ownsWriter)
        m_groupCommit->leave();
}

Status SqliteTransaction::start(bool write)
{
    Status begun = execute(write ? "SAVEPOINT tx" : "BEGIN");
    m_open = begun.hasValue();
    return begun;
}

Status SqliteTransaction::commit()
{
    if (!m_open)
        return Error{"storage_error", "commit() of a transaction that is not open", {}};
    if (!m_groupCommit) {
        Status committed = execute("COMMIT");
        if (committed)
            m_open = false;
        return committed;
    }
    Status released = execute("RELEASE tx");
    if (!released)
        return released; // still open: the destructor rolls it back
    m_open = false;
    m_ownsWriter = false;
    // The next writer may start now, even while this object lives on; this returns once the
    // batch holding these changes is durable (or has failed, and with it this commit).
    return m_groupCommit->join();
}

Result<SqliteStatement> SqliteTransaction::prepare(std::string_view sql) const
{
    return SqliteStatement::prepare(m_db, sql);
}

Status SqliteTransaction::execute(std::string_view sql)
{
    Result<SqliteStatement> statement = prepare(sql);
    if (!statement)
        return statement.error();
    return statement->execute();
}

Result<std::int64_t> SqliteTransaction::cursorSeq(std::string_view table, const std::string &id)
{
    Result<SqliteStatement> statement = prepare("SELECT seq FROM " + std::string(table)
                                                + " WHERE id = ?");
    if (!statement)
        return statement.error();
    statement->bind(1, std::string_view(id));
    Result<bool> row = statement->step();
    if (!row)
        return row.error();
    if (!*row)
        return Error{"cursor_not_found", "no object " + id + " in this list", "starting_after"};
    return statement->integer(0);
}

// Users and sessions

Result<std::optional<UserRecord>> SqliteTransaction::userById(const std::string &id)
{
    Result<SqliteStatement> statement = prepare("SELECT " + std::string(kUserColumns)
                                                + " FROM users WHERE id = ?");
    if (!statement)
        return statement.error();
    statement->bind(1, std::string_view(id));
    Result<bool> row = statement->step();
    if (!row)
        return row.error();
    return *row ? std::optional(readUser(*statement)) : std::nullopt;
}

Result<std::optional<UserRecord>> SqliteTransaction::userByEmail(const std::string &email)
{
    Result<SqliteStatement> statement = prepare("SELECT " + std::string(kUserColumns)
                                                + " FROM users WHERE email = ?");
    if (!statement)
        return statement.error();
    statement->bind(1, std::string_view(email));
    Result<bool> row = statement->step();
    if (!row)
        return row.error();
    return *row ? std::optional(readUser(*statement)) : std::nullopt;
}

Status SqliteTransaction::insertUser(const UserRecord &user)
{
    Result<SqliteStatement> statement = prepare(
        "INSERT INTO users (id, email, name, role, password_hash, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    if (!statement)
        return statement.error();
    statement->bind(1, std::string_view(user.id));
    statement->bind(2, std::string_view(user.email));
    statement->bind(3, std::string_view(user.name));
    statement->bind(4, toString(user.role));
    statement->bind(5, std::string_view(user.passwordHash));
    statement->bind(6, micros(user.createdAt));
    return statement->execute();
}

Result<Page<UserRecord>> SqliteTransaction::listUsers(const PageRequest &page)
{
    std::string sql = "SELECT " + std::string(kUserColumns) + " FROM users";
    std::optional<std::int64_t> cursor;
    if (page.startingAfter) {
        Result<std::int64_t> seq = cursorSeq("users", *page.startingAfter);
        if (!seq)
            return seq.error();
        cursor = *seq;
        sql += " WHERE seq < ?";
    }
    sql += " ORDER BY seq DESC LIMIT ?";
    Result<SqliteStatement> statement = prepare(sql);
    if (!statement)
        return statement.error();
    int index = 1;
    if (cursor)
        statement->bind(index++, *cursor);
    statement->bind(index, static_cast<std::int64_t>(page.limit) + 1);
    return readPage<UserRecord>(*statement, page.limit, readUser);
}

Status SqliteTransaction::insertSession(const SessionRecord &session)
{
    Result<SqliteStatement> statement = prepare(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)");
    if (!statement)
        return statement.error();
    statement->bind(1, std::string_view(session.tokenHash));
    statement->bind(2, std::string_view(session.userId));
    statement->bind(3, micros(session.createdAt));
    statement->bind(4, micros(session.expiresAt));
    return statement->execute();
}

Result<std::optional<SessionRecord>> SqliteTransaction::sessionByTokenHash(const std::string &hash)
{
    Result<SqliteStatement> statement = prepare(
        "SELECT token_hash, user_id, created_at, expires_at FROM sessions WHERE token_hash = ?");
    if (!statement)
        return statement.error();
    statement->bind(1, std::string_view(hash));
    Result<bool> row = statement->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<SessionRecord>();
    return std::optional(SessionRecord{statement->text(0),
                                       statement->text(1),
                                       timestampOf(statement->integer(2)),
                                       timestampOf(statement->integer(3))});
}

Status SqliteTransaction::deleteSession(const std::string &tokenHash)
{
    Result<SqliteStatement> statement = prepare("DELETE FROM sessions WHERE token_hash = ?");
    if (!statement)
        return statement.error();
    statement->bind(1, std::string_view(tokenHash));
    return statement->execute();
}

// Tenants

Result<std::optional<Tenant>> SqliteTransaction::tenantById(const std::string &id)
{
    Result<SqliteStatement> statement = prepare("SELECT " + std::string(kTenantColumns)
                                                + " FROM tenants WHERE id = ?");
    if (!statement)
        return statement.error();
    statement->bind(1, std::string_view(id));
    Result<bool> row = statement->step();
    if (!row)
        return row.error();
    return *row ? std::optional(readTenant(*statement)) : std::nullopt;
}

Status SqliteTransaction::insertTenant(const Tenant &tenant)
{
    Result<SqliteStatement> statement = prepare(
        "INSERT INTO tenants (id, slug, name, status, isolation, region, plan_id, contact_email, "
        "notes, created_at, updated_at, deleted_at, version) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!statement)
        return statement.error();
    statement->bind(1, std::string_view(tenant.id));
    statement->bind(2, std::string_view(tenant.slug));
    statement->bind(3, std::string_view(tenant.name));
    statement->bind(4, toString(tenant.status));
    statement->bind(5, toString(tenant.isolation));
    statement->bind(6, std::string_view(tenant.region));
    statement->bind(7, tenant.planId);
    statement->bind(8, tenant.contactEmail);
    statement->bind(9, tenant.notes);
    statement->bind(10, micros(tenant.createdAt));
    statement->bind(11, micros(tenant.updatedAt));
    statement->bind(12, micros(tenant.deletedAt));
    statement->bind(13, tenant.version);
    return statement->execute();
}

Status SqliteTransaction::updateTenant(const Tenant &tenant)
{
    Result<SqliteStatement> statement = prepare(
        "UPDATE tenants SET slug = ?, name = ?, status = ?, isolation = ?, region = ?, "
        "plan_id = ?, contact_email = ?, notes = ?, updated_at = ?, deleted_at = ?, version = ? "
        "WHERE id = ?");
    if (!statement)
        return statement.error();
    statement->bind(1, std::string_view(tenant.slug));
    statement->bind(2, std::string_view(tenant.name));
    statement->bind(3, toString(tenant.status));
    statement->bind(4, toString(tenant.isolation));
    statement->bind(5, std::string_view(tenant.region));
    statement->bind(6, tenant.planId);
    statement->bind(7, tenant.contactEmail);
    statement->bind(8, tenant.notes);
    statement->bind(9, micros(tenant.updatedAt));
    statement->bind(10, micros(tenant.deletedAt));
    statement->bind(11, tenant.version);
    statement->bind(12, std::string_view(tenant.id));
    if (Status done = statement->execute(); !done)
        return done;
    if (sqlite3_changes(m_db) == 0)
        return Error{"not_found", "no tenant " + tenant.id, {}};
    return Ok{};
}

Result<Page<Tenant>> SqliteTransaction::listTenants(const TenantFilter &filter,
                                                    const PageRequest &page)
{
    std::string sql = "SELECT " + std::string(kTenantColumns) + " FROM tenants WHERE 1 = 1";
    std::vector<Bind> binds;
    if (filter.query) {
        sql += " AND (id = ? OR name LIKE ? ESCAPE '\\' OR slug LIKE ? ESCAPE '\\' "
               "OR contact_email LIKE ? ESCAPE '\\')";
        const std::string pattern = likePattern(*filter.query);
        binds.insert(binds.end(), {*filter.query, pattern, pattern, pattern});
    }
    if (filter.status) {
        sql += " AND status = ?";
        binds.emplace_back(std::string(toString(*filter.status)));
    }
    if (filter.planId) {
        sql += " AND plan_id = ?";
        binds.emplace_back(*filter.planId);
    }
    if (filter.isolation) {
        sql += " AND isolation = ?";
        binds.emplace_back(std::string(toString(*filter.isolation)));
    }
    if (filter.region) {
        sql += " AND region = ?";
        binds.emplace_back(*filter.region);
    }
    if (filter.updatedSince) {
        sql += " AND updated_at >= ?";
        binds.emplace_back(micros(*filter.updatedSince));
    }
    if (page.startingAfter) {
        Result<std::int64_t> seq = cursorSeq("tenants", *page.startingAfter);
        if (!seq)
            return seq.error();
        sql += " AND seq < ?";
        binds.emplace_back(*seq);
    }
    sql += " ORDER BY seq DESC LIMIT ?";
    binds.emplace_back(static_cast<std::int64_t>(page.limit) + 1);

    Result<SqliteStatement> statement = prepare(sql);
    if (!statement)
        return statement.error();
    int index = 1;
    for (const Bind &bind : binds)
        std::visit([&](const auto &value) { statement->bind(index++, value); }, bind);
    return readPage<Tenant>(*statement, page.limit, readTenant);
}

Status SqliteTransaction::insertNote(const NoteRecord &note)
{
    Result<SqliteStatement> statement = prepare(
        "INSERT INTO tenant_notes (tenant_id, id, author_id, body, created_at) "
        "VALUES (?, ?, ?, ?, ?)");
    if (!statement)
        return statement.error();
    statement->bind(1, std::string_view(note.tenantId));
    statement->bind(2, std::string_view(note.id));
    statement->bind(3, std::string_view(note.authorId));
    statement->bind(4, std::string_view(note.body));
    statement->bind(5, micros(note.createdAt));
    return statement->execute();
}

Result<Page<NoteRecord>> SqliteTransaction::listNotes(const std::string &tenantId,
                                                      const PageRequest &page)
{
    std::string sql = "SELECT tenant_id, id, author_id, body, created_at FROM tenant_notes "
                      "WHERE tenant_id = ?";
    if (page.startingAfter)
        sql += " AND rowid < (SELECT rowid FROM tenant_notes WHERE tenant_id = ? AND id = ?)";
    sql += " ORDER BY rowid DESC LIMIT ?";
    if (page.startingAfter) {
        // A cursor must name a note of this tenant.
        Result<SqliteStatement> check = prepare(
            "SELECT 1 FROM tenant_notes WHERE tenant_id = ? AND id = ?");
        if (!check)
            return check.error();
        check->bind(1, std::string_view(tenantId));
        check->bind(2, std::string_view(*page.startingAfter));
        Result<bool> found = check->step();
        if (!found)
            return found.error();
        if (!*found)
            return Error{"cursor_not_found",
                         "no note " + *page.startingAfter + " in this list",
                         "starting_after"};
    }
    Result<SqliteStatement> statement = prepare(sql);
    if (!statement)
        return statement.error();
    int index = 1;
    statement->bind(index++, std::string_view(tenantId));
    if (page.startingAfter) {
        statement->bind(index++, std::string_view(tenantId));
        statement->bind(index++, std::string_view(*page.startingAfter));
    }
    statement->bind(index, static_cast<std::int64_t>(page.limit) + 1);
    return readPage<NoteRecord>(*statement, page.limit, [](const SqliteStatement &row) {
        return NoteRecord{row.text(0),
                          row.text(1),
                          row.text(2),
                          row.text(3),
                          timestampOf(row.integer(4))};
    });
}

// Catalog

Result<std::vector<std::string>> SqliteTransaction::planFeatures(const std::string &planId)
{
    Result<SqliteStatement> statement = prepare(
        "SELECT feature_key FROM plan_features WHERE plan_id = ? ORDER BY position");
    if (!statement)
        return statement.error();
    statement->bind(1, std::string_view(planId));
    std::vector<std::string> keys;
    for (;;) {
        Result<bool> row = statement->step();
        if (!row)
            return row.error();
        if (!*row)
            return keys;
        keys.push_back(statement->text(0));
    }
}

Status SqliteTransaction::writePlanFeatures(const Plan &plan)
{
    Result<SqliteStatement> clear = prepare("DELETE FROM plan_features WHERE plan_id = ?");
    if (!clear)
        return clear.error();
    clear->bind(1, std::string_view(plan.id));
    if (Status done = clear->execute(); !done)
        return done;
    std::int64_t position = 0;
    for (const std::string &key : plan.features) {
        Result<SqliteStatement> insert = prepare(
            "INSERT INTO plan_features (plan_id, feature_key, position) VALUES (?, ?, ?)");
        if (!insert)
            return insert.error();
        insert->bind(1, std::string_view(plan.id));
        insert->bind(2, std::string_view(key));
        insert->bind(3, position++);
        if (Status done = insert->execute(); !done)
            return done;
    }
    return Ok{};
}

Result<std::optional<Plan>> SqliteTransaction::planById(const std::string &id)
{
    Result<SqliteStatement> statement = prepare("SELECT " + std::string(kPlanColumns)
                                                + " FROM plans WHERE id = ?");
    if (!statement)
        return statement.error();
    statement->bind(1, std::string_view(id));
    Result<bool> row = statement->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<Plan>();
    std::optional<Plan> plan = readPlan(*statement);
    if (!plan)
        return Error{"storage_error", "plan " + id + " has an unreadable currency or interval", {}};
    Result<std::vector<std::string>> features = planFeatures(id);
    if (!features)
        return features.error();
    plan->features = std::move(features).value();
    return plan;
}

Status SqliteTransaction::insertPlan(const Plan &plan)
{
    Result<SqliteStatement> statement = prepare(
        "INSERT INTO plans (id, key, name, price_amount, currency, interval, trial_days, active, "
        "created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!statement)
        return statement.error();
    statement->bind(1, std::string_view(plan.id));
    statement->bind(2, std::string_view(plan.key));
    statement->bind(3, std::string_view(plan.name));
    statement->bind(4, plan.price.amount());
    statement->bind(5, plan.price.currency().code());
    statement->bind(6, toString(plan.interval));
    statement->bind(7, plan.trialDays);
    statement->bind(8, static_cast<std::int64_t>(plan.active ? 1 : 0));
    statement->bind(9, micros(plan.createdAt));
    statement->bind(10, micros(plan.updatedAt));
    statement->bind(11, plan.version);
    if (Status done = statement->execute(); !done)
        return done;
    return writePlanFeatures(plan);
}

Status SqliteTransaction::updatePlan(const Plan &plan)
{
    Result<SqliteStatement> statement = prepare(
        "UPDATE plans SET name = ?, trial_days = ?, active = ?, updated_at = ?, version = ? "
        "WHERE id = ?");
    if (!statement)
        return statement.error();
    statement->bind(1, std::string_view(plan.name));
    statement->bind(2, plan.trialDays);
    statement->bind(3, static_cast<std::int64_t>(plan.active ? 1 : 0));
    statement->bind(4, micros(plan.updatedAt));
    statement->bind(5, plan.version);
    statement->bind(6, std::string_view(plan.id));
    if (Status done = statement->execute(); !done)
        return done;
    if (sqlite3_changes(m_db) == 0)
        return Error{"not_found", "no plan " + plan.id, {}};
    return writePlanFeatures(plan);
}

Result<Page<Plan>> SqliteTransaction::listPlans(const PageRequest &page)
{
    std::string sql = "SELECT " + std::string(kPlanColumns) + " FROM plans";
    std::optional<std::int64_t> cursor;
    if (page.startingAfter) {
        Result<std::int64_t> seq = cursorSeq("plans", *page.startingAfter);
        if (!seq)
            return seq.error();
        cursor = *seq;
        sql += " WHERE seq < ?";
    }
    sql += " ORDER BY seq DESC LIMIT ?";
    Result<SqliteStatement> statement = prepare(sql);
    if (!statement)
        return statement.error();
    int index = 1;
    if (cursor)
        statement->bind(index++, *cursor);
    statement->bind(index, static_cast<std::int64_t>(page.limit) + 1);
    Result<Page<std::optional<Plan>>> rows = readPage<std::optional<Plan>>(*statement,
                                                                           page.limit,
                                                                           readPlan);
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

Result<std::optional<Feature>> SqliteTransaction::featureByKey(const std::string &key)
{
    Result<SqliteStatement> statement = prepare(
        "SELECT key, name, description FROM features WHERE key = ?");
    if (!statement)
        return statement.error();
    statement->bind(1, std::string_view(key));
    Result<bool> row = statement->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<Feature>();
    return std::optional(Feature{statement->text(0), statement->text(1), statement->text(2)});
}

Status SqliteTransaction::insertFeature(const Feature &feature)
{
    Result<SqliteStatement> statement = prepare(
        "INSERT INTO features (key, name, description) VALUES (?, ?, ?)");
    if (!statement)
        return statement.error();
    statement->bind(1, std::string_view(feature.key));
    statement->bind(2, std::string_view(feature.name));
    statement->bind(3, std::string_view(feature.description));
    return statement->execute();
}

Result<Page<Feature>> SqliteTransaction::listFeatures(const PageRequest &page)
{
    std::string sql = "SELECT key, name, description FROM features";
    std::optional<std::int64_t> cursor;
    if (page.startingAfter) {
        Result<SqliteStatement> seq = prepare("SELECT seq FROM features WHERE key = ?");
        if (!seq)
            return seq.error();
        seq->bind(1, std::string_view(*page.startingAfter));
        Result<bool> row = seq->step();
        if (!row)
            return row.error();
        if (!*row)
            return Error{"cursor_not_found",
                         "no feature " + *page.startingAfter + " in this list",
                         "starting_after"};
        cursor = seq->integer(0);
        sql += " WHERE seq < ?";
    }
    sql += " ORDER BY seq DESC LIMIT ?";
    Result<SqliteStatement> statement = prepare(sql);
    if (!statement)
        return statement.error();
    int index = 1;
    if (cursor)
        statement->bind(index++, *cursor);
    statement->bind(index, static_cast<std::int64_t>(page.limit) + 1);
    return readPage<Feature>(*statement, page.limit, [](const SqliteStatement &row) {
        return Feature{row.text(0), row.text(1), row.text(2)};
    });
}

// Audit log

Status SqliteTransaction::insertAudit(const AuditRecord &record)
{
    Result<SqliteStatement> statement = prepare(
        "INSERT INTO audit_events (id, actor_id, actor_email, action, target_type, target_id, "
        "tenant_id, before, after, request_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?)");
    if (!statement)
        return statement.error();
    statement->bind(1, std::string_view(record.id));
    statement->bind(2, std::string_view(record.actorId));
    statement->bind(3, std::string_view(record.actorEmail));
    statement->bind(4, std::string_view(record.action));
    statement->bind(5, std::string_view(record.targetType));
    statement->bind(6, std::string_view(record.targetId));
    statement->bind(7, record.tenantId);
    statement->bind(8, record.before);
    statement->bind(9, record.after);
    statement->bind(10, std::string_view(record.requestId));
    statement->bind(11, micros(record.createdAt));
    return statement->execute();
}

Result<Page<AuditRecord>> SqliteTransaction::listAudit(const AuditFilter &filter,
                                                       const PageRequest &page)
{
    std::string sql = "SELECT " + std::string(kAuditColumns) + " FROM audit_events WHERE 1 = 1";
    std::vector<Bind> binds;
    if (filter.actorId) {
        sql += " AND actor_id = ?";
        binds.emplace_back(*filter.actorId);
    }
    if (filter.targetId) {
        sql += " AND (target_id = ? OR tenant_id = ?)";
        binds.emplace_back(*filter.targetId);
        binds.emplace_back(*filter.targetId);
    }
    if (filter.action) {
        sql += " AND action = ?";
        binds.emplace_back(*filter.action);
    }
    if (filter.createdAfter) {
        sql += " AND created_at >= ?";
        binds.emplace_back(micros(*filter.createdAfter));
    }
    if (filter.createdBefore) {
        sql += " AND created_at < ?";
        binds.emplace_back(micros(*filter.createdBefore));
    }
    if (page.startingAfter) {
        Result<std::int64_t> seq = cursorSeq("audit_events", *page.startingAfter);
        if (!seq)
            return seq.error();
        sql += " AND seq < ?";
        binds.emplace_back(*seq);
    }
    sql += " ORDER BY seq DESC LIMIT ?";
    binds.emplace_back(static_cast<std::int64_t>(page.limit) + 1);
    Result<SqliteStatement> statement = prepare(sql);
    if (!statement)
        return statement.error();
    int index = 1;
    for (const Bind &bind : binds)
        std::visit([&](const auto &value) { statement->bind(index++, value); }, bind);
    return readPage<AuditRecord>(*statement, page.limit, readAudit);
}

// Idempotency keys

Result<bool> SqliteTransaction::insertIdempotency(const IdempotencyRecord &record)
{
    Result<SqliteStatement> statement = prepare(
        "INSERT OR IGNORE INTO idempotency_keys (scope, key, request_hash, state, status, "
        "response_body, response_headers, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!statement)
        return statement.error();
    statement->bind(1, std::string_view(record.scope));
    statement->bind(2, std::string_view(record.key));
    statement->bind(3, std::string_view(record.requestHash));
    statement->bind(4,
                    std::string_view(record.state == IdempotencyRecord::State::InProgress
                                         ? "in_progress"
                                         : "completed"));
    statement->bind(5, static_cast<std::int64_t>(record.status));
    statement->bind(6, std::string_view(record.responseBody));
    statement->bind(7, std::string_view(record.responseHeaders));
    statement->bind(8, micros(record.createdAt));
    if (Status done = statement->execute(); !done)
        return done.error();
    return sqlite3_changes(m_db) == 1;
}

Result<std::optional<IdempotencyRecord>> SqliteTransaction::idempotency(const std::string &scope,
                                                                        const std::string &key)
{
    Result<SqliteStatement> statement = prepare(
        "SELECT request_hash, state, status, response_body, response_headers, created_at "
        "FROM idempotency_keys WHERE scope = ? AND key = ?");
    if (!statement)
        return statement.error();
    statement->bind(1, std::string_view(scope));
    statement->bind(2, std::string_view(key));
    Result<bool> row = statement->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<IdempotencyRecord>();
    IdempotencyRecord record;
    record.scope = scope;
    record.key = key;
    record.requestHash = statement->text(0);
    record.state = statement->text(1) == "completed" ? IdempotencyRecord::State::Completed
                                                     : IdempotencyRecord::State::InProgress;
    record.status = static_cast<int>(statement->integer(2));
    record.responseBody = statement->text(3);
    record.responseHeaders = statement->text(4);
    record.createdAt = timestampOf(statement->integer(5));
    return std::optional(std::move(record));
}

Status SqliteTransaction::completeIdempotency(const IdempotencyRecord &record)
{
    Result<SqliteStatement> statement = prepare(
        "UPDATE idempotency_keys SET state = 'completed', status = ?, response_body = ?, "
        "response_headers = ? WHERE scope = ? AND key = ?");
    if (!statement)
        return statement.error();
    statement->bind(1, static_cast<std::int64_t>(record.status));
    statement->bind(2, std::string_view(record.responseBody));
    statement->bind(3, std::string_view(record.responseHeaders));
    statement->bind(4, std::string_view(record.scope));
    statement->bind(5, std::string_view(record.key));
    return statement->execute();
}

Status SqliteTransaction::deleteIdempotency(const std::string &scope, const std::string &key)
{
    Result<SqliteStatement> statement = prepare(
        "DELETE FROM idempotency_keys WHERE scope = ? AND key = ?");
    if (!statement)
        return statement.error();
    statement->bind(1, std::string_view(scope));
    statement->bind(2, std::string_view(key));
    return statement->execute();
}

} // namespace Tenantry::Server
