#include "server/store/sqlite/sqlitetransaction.h"

#include "server/store/deferredcommits.h"
#include "server/store/sqlite/sqlitegroupcommit.h"
#include "server/store/sqlite/sqlitestatement.h"
#include "server/store/sqlite/sqlitestatementcache.h"
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

SqliteTransaction::SqliteTransaction(SqliteStore &store,
                                     sqlite3 *db,
                                     SqliteGroupCommit *groupCommit,
                                     SqliteStatementCache &statements)
    : m_store(store)
    , m_db(db)
    , m_statements(&statements)
    , m_groupCommit(groupCommit)
    , m_ownsWriter(groupCommit != nullptr)
{}

SqliteTransaction::~SqliteTransaction()
{
    // Every read transaction ends here, so these go through the statement cache: parsing
    // "ROLLBACK" with sqlite3_exec cost a GET about a tenth of its server time. sqlite3_exec
    // stays as the fallback should the cached statement fail.
    const auto run = [this](const char *sql) {
        if (!execute(sql))
            sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr);
    };
    if (!m_groupCommit) {
        if (m_open)
            run("ROLLBACK");
        m_store.release(m_db);
        return;
    }
    if (m_open) {
        // Only this transaction's changes go; the batch it is part of stays.
        run("ROLLBACK TO tx");
        run("RELEASE tx");
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
    // batch holding these changes is durable (or has failed, and with it this commit). In a
    // DeferredCommits scope (the write lane) it returns at once and reports to the scope.
    if (DeferredCommits *deferred = DeferredCommits::current()) {
        m_groupCommit->joinDeferred(deferred->defer());
        return Ok{};
    }
    return m_groupCommit->join();
}

Status SqliteTransaction::savepoint(const std::string &name)
{
    return execute("SAVEPOINT " + name);
}

Status SqliteTransaction::releaseSavepoint(const std::string &name)
{
    return execute("RELEASE SAVEPOINT " + name);
}

Status SqliteTransaction::rollbackToSavepoint(const std::string &name)
{
    return execute("ROLLBACK TO SAVEPOINT " + name);
}

Result<SqliteStatement> SqliteTransaction::prepare(std::string_view sql) const
{
    return m_statements->prepare(sql);
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

Status SqliteTransaction::putSecret(const std::string &name, const std::string &bytes)
{
    Result<SqliteStatement> statement = prepare(
        "INSERT INTO secrets (name, value, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = "
        "excluded.updated_at");
    if (!statement)
        return statement.error();
    statement->bind(1, name);
    statement->bindBlob(2, bytes);
    statement->bind(3,
                    micros(std::chrono::time_point_cast<std::chrono::microseconds>(
                        std::chrono::system_clock::now())));
    return statement->execute();
}

Result<std::optional<std::string>> SqliteTransaction::secret(const std::string &name)
{
    Result<SqliteStatement> statement = prepare("SELECT value FROM secrets WHERE name = ?");
    if (!statement)
        return statement.error();
    statement->bind(1, name);
    Result<bool> row = statement->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<std::string>();
    return std::optional<std::string>(statement->blob(0));
}

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

// Helpers of the billing, entitlement and finance tables

namespace {

using Value = std::variant<std::monostate, std::int64_t, std::string>;

Value valueOf(const std::optional<std::string> &text)
{
    return text ? Value(*text) : Value();
}

Value valueOf(const std::optional<Timestamp> &timestamp)
{
    return timestamp ? Value(micros(*timestamp)) : Value();
}

void bindValues(SqliteStatement &statement, const std::vector<Value> &values)
{
    int index = 1;
    for (const Value &value : values) {
        if (std::holds_alternative<std::monostate>(value))
            statement.bindNull(index);
        else if (const auto *integer = std::get_if<std::int64_t>(&value))
            statement.bind(index, *integer);
        else
            statement.bind(index, std::get<std::string>(value));
        ++index;
    }
}

Currency currencyOf(const std::string &code)
{
    return Currency::fromCode(code).value_or(*Currency::fromCode("usd"));
}

constexpr std::string_view kOverrideColumns
    = "tenant_id, feature_key, enabled, reason, expires_at, "
      "created_by, created_at, updated_at, version";

FeatureOverride readOverride(const SqliteStatement &row)
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

TenantUserRecord readTenantUser(const SqliteStatement &row)
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

Subscription readSubscription(const SqliteStatement &row)
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
            std::int64_t(subscription.cancelAtPeriodEnd ? 1 : 0),
            valueOf(subscription.canceledAt),
            micros(subscription.createdAt),
            micros(subscription.updatedAt),
            subscription.version,
            valueOf(subscription.stripeSubscriptionId),
            subscription.id};
}

constexpr std::string_view kMrrEventColumns
    = "id, tenant_id, subscription_id, at, mrr, currency, plan_id, recorded_at";

MrrEventRecord readMrrEvent(const SqliteStatement &row)
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

Invoice readInvoice(const SqliteStatement &row)
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

SpendRecord readSpend(const SqliteStatement &row)
{
    const Result<YearMonth> parsed = YearMonth::fromString(row.text(1));
    const YearMonth month = parsed ? *parsed : YearMonth(1970, 1);
    return SpendRecord{row.text(0),
                       AcquisitionSpend{month, Money(row.integer(3), currencyOf(row.text(2)))},
                       timestampOf(row.integer(4)),
                       timestampOf(row.integer(5)),
                       row.integer(6)};
}

} // namespace

Status SqliteTransaction::write(std::string_view sql,
                                const std::vector<Value> &values,
                                bool mustChange,
                                std::string_view what)
{
    Result<SqliteStatement> statement = prepare(sql);
    if (!statement)
        return statement.error();
    bindValues(*statement, values);
    if (Status executed = statement->execute(); !executed)
        return executed;
    if (mustChange && sqlite3_changes(m_db) == 0)
        return Error{"not_found", "no " + std::string(what), {}};
    return Ok{};
}

template<typename T, typename Reader>
Result<std::vector<T>> SqliteTransaction::rows(std::string_view sql,
                                               const std::vector<Value> &values,
                                               Reader read)
{
    Result<SqliteStatement> statement = prepare(sql);
    if (!statement)
        return statement.error();
    bindValues(*statement, values);
    std::vector<T> result;
    for (;;) {
        Result<bool> row = statement->step();
        if (!row)
            return row.error();
        if (!*row)
            return result;
        result.push_back(read(*statement));
    }
}

template<typename T, typename Reader>
Result<std::optional<T>> SqliteTransaction::firstRow(std::string_view sql,
                                                     const std::vector<Value> &values,
                                                     Reader read)
{
    Result<std::vector<T>> found = rows<T>(sql, values, read);
    if (!found)
        return found.error();
    if (found->empty())
        return std::optional<T>();
    return std::optional<T>(std::move(found->front()));
}

template<typename T, typename Reader>
Result<Page<T>> SqliteTransaction::pageOf(std::string_view table,
                                          std::string_view columns,
                                          std::vector<Condition> conditions,
                                          const PageRequest &page,
                                          bool oldestFirst,
                                          Reader read)
{
    if (page.startingAfter) {
        Result<std::int64_t> seq = cursorSeq(table, *page.startingAfter);
        if (!seq)
            return seq.error();
        conditions.push_back({oldestFirst ? "seq > ?" : "seq < ?", {*seq}});
    }
    std::string sql = "SELECT " + std::string(columns) + " FROM " + std::string(table);
    std::vector<Value> values;
    for (std::size_t i = 0; i < conditions.size(); ++i) {
        sql += (i == 0 ? " WHERE " : " AND ") + conditions[i].sql;
        values.insert(values.end(), conditions[i].values.begin(), conditions[i].values.end());
    }
    sql += oldestFirst ? " ORDER BY seq ASC LIMIT ?" : " ORDER BY seq DESC LIMIT ?";
    values.emplace_back(static_cast<std::int64_t>(page.limit) + 1);
    Result<SqliteStatement> statement = prepare(sql);
    if (!statement)
        return statement.error();
    bindValues(*statement, values);
    return readPage<T>(*statement, page.limit, read);
}

template<typename T, typename Reader>
Result<Page<T>> SqliteTransaction::tenantPageOf(std::string_view table,
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
            [](const SqliteStatement &row) { return row.integer(0); });
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

// Feature overrides

Result<std::vector<FeatureOverride>> SqliteTransaction::overridesOf(const std::string &tenantId)
{
    return rows<FeatureOverride>("SELECT " + std::string(kOverrideColumns)
                                     + " FROM feature_overrides WHERE tenant_id = ? "
                                       "ORDER BY feature_key",
                                 {tenantId},
                                 readOverride);
}

Result<std::optional<FeatureOverride>> SqliteTransaction::featureOverride(
    const std::string &tenantId, const std::string &key)
{
    return firstRow<FeatureOverride>(
        "SELECT " + std::string(kOverrideColumns)
            + " FROM feature_overrides WHERE tenant_id = ? AND feature_key = ?",
        {tenantId, key},
        readOverride);
}

Status SqliteTransaction::upsertOverride(const FeatureOverride &override)
{
    return write("INSERT INTO feature_overrides (tenant_id, feature_key, enabled, reason, "
                 "expires_at, created_by, created_at, updated_at, version) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                 "ON CONFLICT (tenant_id, feature_key) DO UPDATE SET enabled = excluded.enabled, "
                 "reason = excluded.reason, expires_at = excluded.expires_at, "
                 "created_by = excluded.created_by, updated_at = excluded.updated_at, "
                 "version = excluded.version",
                 {override.tenantId,
                  override.featureKey,
                  std::int64_t(override.enabled ? 1 : 0),
                  override.reason,
                  valueOf(override.expiresAt),
                  override.createdBy,
                  micros(override.createdAt),
                  micros(override.updatedAt),
                  override.version});
}

Status SqliteTransaction::deleteOverride(const std::string &tenantId, const std::string &key)
{
    return write("DELETE FROM feature_overrides WHERE tenant_id = ? AND feature_key = ?",
                 {tenantId, key},
                 true,
                 "override of " + key);
}

// Tenant users

Result<std::optional<TenantUserRecord>> SqliteTransaction::tenantUser(const std::string &tenantId,
                                                                      const std::string &id)
{
    return firstRow<TenantUserRecord>("SELECT " + std::string(kTenantUserColumns)
                                          + " FROM tenant_users WHERE tenant_id = ? AND id = ?",
                                      {tenantId, id},
                                      readTenantUser);
}

Status SqliteTransaction::insertTenantUser(const TenantUserRecord &user)
{
    return write("INSERT INTO tenant_users (tenant_id, id, email, name, role, created_at, version) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?)",
                 {user.tenantId,
                  user.id,
                  user.email,
                  user.name,
                  user.role,
                  micros(user.createdAt),
                  user.version});
}

Status SqliteTransaction::deleteTenantUser(const std::string &tenantId, const std::string &id)
{
    return write("DELETE FROM tenant_users WHERE tenant_id = ? AND id = ?",
                 {tenantId, id},
                 true,
                 "tenant user " + id);
}

Result<Page<TenantUserRecord>> SqliteTransaction::listTenantUsers(const std::string &tenantId,
                                                                  const PageRequest &page)
{
    return tenantPageOf<TenantUserRecord>(
        "tenant_users", kTenantUserColumns, tenantId, page, "user", readTenantUser);
}

// Tenant API keys

namespace {

constexpr std::string_view kTenantApiKeyColumns
    = "tenant_id, id, name, key_hash, created_at, created_by, revoked_at, last_used_at";

TenantApiKeyRecord readTenantApiKey(const SqliteStatement &row)
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

Status SqliteTransaction::insertTenantApiKey(const TenantApiKeyRecord &key)
{
    return write("INSERT INTO tenant_api_keys (tenant_id, id, name, key_hash, created_at, "
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

Result<std::optional<TenantApiKeyRecord>> SqliteTransaction::tenantApiKeyByHash(
    const std::string &keyHash)
{
    return firstRow<TenantApiKeyRecord>("SELECT " + std::string(kTenantApiKeyColumns)
                                            + " FROM tenant_api_keys WHERE key_hash = ?",
                                        {keyHash},
                                        readTenantApiKey);
}

Result<std::optional<TenantApiKeyRecord>> SqliteTransaction::tenantApiKey(
    const std::string &tenantId, const std::string &id)
{
    return firstRow<TenantApiKeyRecord>(
        "SELECT " + std::string(kTenantApiKeyColumns)
            + " FROM tenant_api_keys WHERE tenant_id = ? AND id = ?",
        {tenantId, id},
        readTenantApiKey);
}

Status SqliteTransaction::revokeTenantApiKey(const std::string &tenantId,
                                             const std::string &id,
                                             Timestamp at)
{
    return write("UPDATE tenant_api_keys SET revoked_at = ? "
                 "WHERE tenant_id = ? AND id = ? AND revoked_at IS NULL",
                 {micros(at), tenantId, id},
                 true,
                 "API key " + id);
}

Result<Page<TenantApiKeyRecord>> SqliteTransaction::listTenantApiKeys(const std::string &tenantId,
                                                                      const PageRequest &page)
{
    return tenantPageOf<TenantApiKeyRecord>(
        "tenant_api_keys", kTenantApiKeyColumns, tenantId, page, "API key", readTenantApiKey);
}

// Subscriptions

Result<std::optional<Subscription>> SqliteTransaction::subscriptionById(const std::string &id)
{
    return firstRow<Subscription>("SELECT " + std::string(kSubscriptionColumns)
                                      + " FROM subscriptions WHERE id = ?",
                                  {id},
                                  readSubscription);
}

Result<std::optional<Subscription>> SqliteTransaction::liveSubscriptionOf(const std::string &tenantId)
{
    return firstRow<Subscription>(
        "SELECT " + std::string(kSubscriptionColumns)
            + " FROM subscriptions WHERE tenant_id = ? AND status NOT IN ('canceled', "
              "'incomplete_expired') ORDER BY seq DESC LIMIT 1",
        {tenantId},
        readSubscription);
}

Status SqliteTransaction::insertSubscription(const Subscription &subscription)
{
    return write("INSERT INTO subscriptions (tenant_id, plan_id, quantity, status, "
                 "current_period_start, current_period_end, trial_end, cancel_at_period_end, "
                 "canceled_at, created_at, updated_at, version, stripe_subscription_id, id) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 subscriptionValues(subscription));
}

Status SqliteTransaction::updateSubscription(const Subscription &subscription)
{
    return write("UPDATE subscriptions SET tenant_id = ?, plan_id = ?, quantity = ?, status = ?, "
                 "current_period_start = ?, current_period_end = ?, trial_end = ?, "
                 "cancel_at_period_end = ?, canceled_at = ?, created_at = ?, updated_at = ?, "
                 "version = ?, stripe_subscription_id = ? WHERE id = ?",
                 subscriptionValues(subscription),
                 true,
                 "subscription " + subscription.id);
}

Result<Page<Subscription>> SqliteTransaction::listSubscriptions(const SubscriptionFilter &filter,
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

Status SqliteTransaction::insertMrrEvent(const MrrEventRecord &record)
{
    const MrrEvent &event = record.event;
    return write("INSERT INTO mrr_events (id, tenant_id, subscription_id, at, mrr, currency, "
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

Result<Page<MrrEventRecord>> SqliteTransaction::listMrrEvents(const FeedFilter &filter,
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

Status SqliteTransaction::insertInvoice(const Invoice &invoice)
{
    return write("INSERT INTO invoices (id, tenant_id, subscription_id, status, amount_due, "
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

Result<Page<Invoice>> SqliteTransaction::listInvoices(const InvoiceFilter &filter,
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

namespace {

// kWebhookEventColumns without the payload (read as '').
constexpr std::string_view kWebhookEventStateColumns
    = "id, type, created, '', received_at, status, attempts, last_error, next_attempt_at, "
      "processed_at";

constexpr std::string_view kWebhookEventColumns
    = "id, type, created, (SELECT payload FROM webhook_event_payloads p WHERE p.seq = "
      "webhook_events.seq), received_at, status, attempts, last_error, next_attempt_at, "
      "processed_at";

WebhookEventRecord readWebhookEvent(const SqliteStatement &row)
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

std::optional<Timestamp> readOptionalTimestamp(const SqliteStatement &row)
{
    return optionalTimestamp(row.optionalInteger(0));
}

} // namespace

Result<std::optional<Tenant>> SqliteTransaction::tenantByStripeCustomer(const std::string &customerId)
{
    return firstRow<Tenant>("SELECT " + std::string(kTenantColumns)
                                + " FROM tenants WHERE stripe_customer_id = ?",
                            {customerId},
                            readTenant);
}

Status SqliteTransaction::setTenantStripeCustomer(const std::string &tenantId,
                                                  const std::optional<std::string> &customerId)
{
    return write("UPDATE tenants SET stripe_customer_id = ? WHERE id = ?",
                 {valueOf(customerId), tenantId},
                 true,
                 "tenant " + tenantId);
}

Result<std::optional<std::string>> SqliteTransaction::tenantStripeCustomer(
    const std::string &tenantId)
{
    Result<std::optional<std::optional<std::string>>> found = firstRow<std::optional<std::string>>(
        "SELECT stripe_customer_id FROM tenants WHERE id = ?",
        {tenantId},
        [](const SqliteStatement &row) { return row.optionalText(0); });
    if (!found)
        return found.error();
    return found->value_or(std::nullopt);
}

Result<std::optional<std::string>> SqliteTransaction::planStripePrice(const std::string &planId)
{
    Result<std::optional<std::optional<std::string>>> found = firstRow<std::optional<std::string>>(
        "SELECT stripe_price_id FROM plans WHERE id = ?", {planId}, [](const SqliteStatement &row) {
            return row.optionalText(0);
        });
    if (!found)
        return found.error();
    return found->value_or(std::nullopt);
}

Result<std::optional<Plan>> SqliteTransaction::planByStripePrice(const std::string &priceId)
{
    Result<std::optional<std::string>> id = firstRow<std::string>(
        "SELECT id FROM plans WHERE stripe_price_id = ?",
        {priceId},
        [](const SqliteStatement &row) { return row.text(0); });
    if (!id)
        return id.error();
    if (!*id)
        return std::optional<Plan>();
    return planById(**id);
}

Status SqliteTransaction::setPlanStripePrice(const std::string &planId,
                                             const std::optional<std::string> &priceId)
{
    return write("UPDATE plans SET stripe_price_id = ? WHERE id = ?",
                 {valueOf(priceId), planId},
                 true,
                 "plan " + planId);
}

Result<std::optional<Subscription>> SqliteTransaction::subscriptionByStripeId(
    const std::string &stripeId)
{
    return firstRow<Subscription>("SELECT " + std::string(kSubscriptionColumns)
                                      + " FROM subscriptions WHERE stripe_subscription_id = ?",
                                  {stripeId},
                                  readSubscription);
}

Result<std::optional<Timestamp>> SqliteTransaction::subscriptionProviderUpdatedAt(
    const std::string &subscriptionId)
{
    Result<std::optional<std::optional<Timestamp>>> found = firstRow<std::optional<Timestamp>>(
        "SELECT provider_updated_at FROM subscriptions WHERE id = ?",
        {subscriptionId},
        readOptionalTimestamp);
    if (!found)
        return found.error();
    return found->value_or(std::nullopt);
}

Status SqliteTransaction::setSubscriptionProviderUpdatedAt(const std::string &subscriptionId,
                                                           Timestamp at)
{
    return write("UPDATE subscriptions SET provider_updated_at = ? WHERE id = ?",
                 {micros(at), subscriptionId},
                 true,
                 "subscription " + subscriptionId);
}

Result<std::optional<Invoice>> SqliteTransaction::invoiceByStripeId(const std::string &stripeId)
{
    return firstRow<Invoice>("SELECT " + std::string(kInvoiceColumns)
                                 + " FROM invoices WHERE stripe_invoice_id = ?",
                             {stripeId},
                             readInvoice);
}

Status SqliteTransaction::updateInvoice(const Invoice &invoice)
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

Result<std::optional<Timestamp>> SqliteTransaction::invoiceProviderUpdatedAt(
    const std::string &invoiceId)
{
    Result<std::optional<std::optional<Timestamp>>> found = firstRow<std::optional<Timestamp>>(
        "SELECT provider_updated_at FROM invoices WHERE id = ?", {invoiceId}, readOptionalTimestamp);
    if (!found)
        return found.error();
    return found->value_or(std::nullopt);
}

Status SqliteTransaction::setInvoiceProviderUpdatedAt(const std::string &invoiceId, Timestamp at)
{
    return write("UPDATE invoices SET provider_updated_at = ? WHERE id = ?",
                 {micros(at), invoiceId},
                 true,
                 "invoice " + invoiceId);
}

// The Stripe webhook inbox

Result<bool> SqliteTransaction::insertWebhookEvent(const WebhookEventRecord &event)
{
    if (Status inserted = write("INSERT OR IGNORE INTO webhook_events (id, type, created, "
                                "received_at, status, attempts, last_error, next_attempt_at, "
                                "processed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                {event.id,
                                 event.type,
                                 micros(event.created),
                                 micros(event.receivedAt),
                                 std::string(toString(event.status)),
                                 std::int64_t(event.attempts),
                                 valueOf(event.lastError),
                                 valueOf(event.nextAttemptAt),
                                 valueOf(event.processedAt)});
        !inserted) {
        return inserted.error();
    }
    if (sqlite3_changes(m_db) != 1)
        return false; // a known id
    if (Status stored = write("INSERT INTO webhook_event_payloads (seq, payload) VALUES (?, ?)",
                              {std::int64_t(sqlite3_last_insert_rowid(m_db)), event.payload});
        !stored) {
        return stored.error();
    }
    return true;
}

Result<std::optional<WebhookEventRecord>> SqliteTransaction::webhookEvent(const std::string &id)
{
    return firstRow<WebhookEventRecord>("SELECT " + std::string(kWebhookEventColumns)
                                            + " FROM webhook_events WHERE id = ?",
                                        {id},
                                        readWebhookEvent);
}

Result<std::optional<WebhookEventRecord>> SqliteTransaction::webhookEventState(const std::string &id)
{
    return firstRow<WebhookEventRecord>("SELECT " + std::string(kWebhookEventStateColumns)
                                            + " FROM webhook_events WHERE id = ?",
                                        {id},
                                        readWebhookEvent);
}

Status SqliteTransaction::updateWebhookEvent(const WebhookEventRecord &event)
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

Result<std::vector<WebhookEventRecord>> SqliteTransaction::dueWebhookEvents(Timestamp now, int limit)
{
    return rows<WebhookEventRecord>("SELECT " + std::string(kWebhookEventColumns)
                                        + " FROM webhook_events WHERE status = 'pending' AND "
                                          "(next_attempt_at IS NULL OR next_attempt_at <= ?) "
                                          "ORDER BY created, seq LIMIT ?",
                                    {micros(now), std::int64_t(limit)},
                                    readWebhookEvent);
}

Result<std::optional<Timestamp>> SqliteTransaction::nextWebhookAttempt()
{
    Result<std::optional<std::optional<Timestamp>>> found = firstRow<std::optional<Timestamp>>(
        "SELECT MIN(COALESCE(next_attempt_at, 0)) FROM webhook_events WHERE status = 'pending'",
        {},
        readOptionalTimestamp);
    if (!found)
        return found.error();
    return found->value_or(std::nullopt);
}

Result<Page<WebhookEventRecord>> SqliteTransaction::listWebhookEvents(
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

JobRecord readJob(const SqliteStatement &row)
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

DriftRecord readDrift(const SqliteStatement &row)
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

Status SqliteTransaction::insertJob(const JobRecord &job)
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

Result<std::optional<JobRecord>> SqliteTransaction::job(const std::string &id)
{
    return firstRow<JobRecord>("SELECT " + std::string(kJobColumns) + " FROM jobs WHERE id = ?",
                               {id},
                               readJob);
}

Status SqliteTransaction::updateJob(const JobRecord &job)
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

Result<std::optional<JobRecord>> SqliteTransaction::nextQueuedJob(
    const std::vector<std::string> &types)
{
    if (types.empty())
        return std::optional<JobRecord>();
    std::string sql = "SELECT " + std::string(kJobColumns)
                      + " FROM jobs WHERE status = 'queued' AND type IN (";
    std::vector<Value> values;
    for (const std::string &type : types) {
        sql += values.empty() ? "?" : ", ?";
        values.emplace_back(type);
    }
    sql += ") ORDER BY seq LIMIT 1";
    return firstRow<JobRecord>(sql, values, readJob);
}

Result<int> SqliteTransaction::requeueStaleJobs(Timestamp heartbeatBefore, Timestamp now)
{
    if (Status updated = write("UPDATE jobs SET status = 'queued', updated_at = ? WHERE status = "
                               "'running' AND (heartbeat_at IS NULL OR heartbeat_at < ?)",
                               {micros(now), micros(heartbeatBefore)});
        !updated) {
        return updated.error();
    }
    return sqlite3_changes(m_db);
}

Status SqliteTransaction::touchJob(const std::string &id, Timestamp now)
{
    return write("UPDATE jobs SET heartbeat_at = ? WHERE id = ? AND status = 'running'",
                 {micros(now), id});
}

Result<Page<JobRecord>> SqliteTransaction::listJobs(const JobFilter &filter, const PageRequest &page)
{
    std::vector<Condition> conditions;
    if (filter.type)
        conditions.push_back({"type = ?", {*filter.type}});
    if (filter.status)
        conditions.push_back({"status = ?", {std::string(toString(*filter.status))}});
    if (filter.tenantId)
        conditions.push_back({"json_extract(params, '$.tenant_id') = ?", {*filter.tenantId}});
    if (!filter.typePrefixes.empty()) {
        Condition any{"(", {}};
        for (std::size_t i = 0; i < filter.typePrefixes.size(); ++i) {
            any.sql += (i == 0 ? "" : " OR ") + std::string("substr(type, 1, length(?)) = ?");
            any.values.emplace_back(filter.typePrefixes[i]);
            any.values.emplace_back(filter.typePrefixes[i]);
        }
        any.sql += ")";
        conditions.push_back(std::move(any));
    }
    return pageOf<JobRecord>("jobs", kJobColumns, std::move(conditions), page, false, readJob);
}

Status SqliteTransaction::insertDrift(const DriftRecord &drift)
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

Result<std::optional<DriftRecord>> SqliteTransaction::drift(const std::string &id)
{
    return firstRow<DriftRecord>("SELECT " + std::string(kDriftColumns)
                                     + " FROM billing_drift WHERE id = ?",
                                 {id},
                                 readDrift);
}

Status SqliteTransaction::updateDrift(const DriftRecord &drift)
{
    return write("UPDATE billing_drift SET applied_at = ?, applied_by = ? WHERE id = ?",
                 {valueOf(drift.appliedAt), valueOf(drift.appliedBy), drift.id},
                 true,
                 "drift " + drift.id);
}

Status SqliteTransaction::deleteDriftOf(const std::string &jobId)
{
    return write("DELETE FROM billing_drift WHERE job_id = ? AND applied_at IS NULL", {jobId});
}

Result<Page<DriftRecord>> SqliteTransaction::listDrift(const DriftFilter &filter,
                                                       const PageRequest &page)
{
    std::vector<Condition> conditions;
    if (filter.jobId)
        conditions.push_back({"job_id = ?", {*filter.jobId}});
    return pageOf<DriftRecord>(
        "billing_drift", kDriftColumns, std::move(conditions), page, true, readDrift);
}

// Acquisition spend

Result<std::optional<SpendRecord>> SqliteTransaction::spend(const YearMonth &month,
                                                            const Currency &currency)
{
    return firstRow<SpendRecord>("SELECT " + std::string(kSpendColumns)
                                     + " FROM acquisition_spend WHERE month = ? AND currency = ?",
                                 {month.toString(), currency.toString()},
                                 readSpend);
}

Status SqliteTransaction::upsertSpend(const SpendRecord &record)
{
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

Result<Page<SpendRecord>> SqliteTransaction::listSpend(const FeedFilter &filter,
                                                       const PageRequest &page)
{
    std::vector<Condition> conditions;
    if (filter.updatedSince)
        conditions.push_back({"updated_at >= ?", {micros(*filter.updatedSince)}});
    return pageOf<SpendRecord>(
        "acquisition_spend", kSpendColumns, std::move(conditions), page, true, readSpend);
}

} // namespace Tenantry::Server
