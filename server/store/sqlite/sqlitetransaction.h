#pragma once

#include "server/store/storetransaction.h"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

struct sqlite3;

namespace Tenantry::Server {

class SqliteGroupCommit;
class SqliteStore;
class SqliteStatement;

// StoreTransaction on one SQLite connection. A read transaction has a pooled connection and
// runs a deferred BEGIN, which gives it a snapshot in WAL mode. A write transaction owns the
// store's writer connection from construction until commit() or destruction and is a SAVEPOINT
// in the SQLite transaction it shares with other writers (SqliteGroupCommit): commit() releases
// the savepoint and returns once that shared transaction is COMMITted; destroying it uncommitted
// rolls back to its savepoint only.
class SqliteTransaction final : public StoreTransaction
{
public:
    // `groupCommit` is null for a read transaction; for a write transaction the caller has
    // acquired the writer connection `db` from it, and this object ends that ownership.
    SqliteTransaction(SqliteStore &store, sqlite3 *db, SqliteGroupCommit *groupCommit);
    ~SqliteTransaction() override;

    Status start(bool write);
    Status commit() override;

    Result<std::optional<UserRecord>> userById(const std::string &id) override;
    Result<std::optional<UserRecord>> userByEmail(const std::string &email) override;
    Status insertUser(const UserRecord &user) override;
    Result<Page<UserRecord>> listUsers(const PageRequest &page) override;
    Status insertSession(const SessionRecord &session) override;
    Result<std::optional<SessionRecord>> sessionByTokenHash(const std::string &hash) override;
    Status deleteSession(const std::string &tokenHash) override;

    Result<std::optional<Tenant>> tenantById(const std::string &id) override;
    Status insertTenant(const Tenant &tenant) override;
    Status updateTenant(const Tenant &tenant) override;
    Result<Page<Tenant>> listTenants(const TenantFilter &filter, const PageRequest &page) override;
    Status insertNote(const NoteRecord &note) override;
    Result<Page<NoteRecord>> listNotes(const std::string &tenantId,
                                       const PageRequest &page) override;

    Result<std::optional<Plan>> planById(const std::string &id) override;
    Status insertPlan(const Plan &plan) override;
    Status updatePlan(const Plan &plan) override;
    Result<Page<Plan>> listPlans(const PageRequest &page) override;
    Result<std::optional<Feature>> featureByKey(const std::string &key) override;
    Status insertFeature(const Feature &feature) override;
    Result<Page<Feature>> listFeatures(const PageRequest &page) override;

    Status insertAudit(const AuditRecord &record) override;
    Result<Page<AuditRecord>> listAudit(const AuditFilter &filter, const PageRequest &page) override;

    Result<bool> insertIdempotency(const IdempotencyRecord &record) override;
    Result<std::optional<IdempotencyRecord>> idempotency(const std::string &scope,
                                                         const std::string &key) override;
    Status completeIdempotency(const IdempotencyRecord &record) override;
    Status deleteIdempotency(const std::string &scope, const std::string &key) override;

private:
    using Bind = std::variant<std::int64_t, std::string>;

    Result<SqliteStatement> prepare(std::string_view sql) const;
    Status execute(std::string_view sql);
    // The sequence number of row `id` of a seq-ordered table, for cursors.
    Result<std::int64_t> cursorSeq(std::string_view table, const std::string &id);
    Status writePlanFeatures(const Plan &plan);
    Result<std::vector<std::string>> planFeatures(const std::string &planId);

    SqliteStore &m_store;
    sqlite3 *m_db;
    SqliteGroupCommit *m_groupCommit; // null: a read transaction
    bool m_ownsWriter = false;        // a write transaction before join()/leave()
    bool m_open = false;              // BEGIN or SAVEPOINT done, not yet ended
};

} // namespace Tenantry::Server
