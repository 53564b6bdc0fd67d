#include "server/store/postgres/postgrestenantmover.h"

#include "server/store/postgres/postgresconnection.h"
#include "server/store/postgres/postgresmigrations.h"
#include "server/store/postgres/postgresstore.h"

#include <nlohmann/json.hpp>

#include <thread>

namespace Tenantry::Server {

namespace {

using Value = PostgresValue;

constexpr std::int64_t kTableCount = std::size(kSiloTables);

std::int64_t nowMicros()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// The tables with an identity column `seq` in the pool (all but feature_overrides): a copy back
// into the pool gives their values (OVERRIDING SYSTEM VALUE).
bool hasSeq(std::string_view table)
{
    return table != "feature_overrides";
}

// One connection of the store's pool for the whole run, given back at the end.
class Lease
{
public:
    Lease(PostgresStore &store, std::unique_ptr<PostgresConnection> connection)
        : m_store(store)
        , m_connection(std::move(connection))
    {}
    ~Lease() { m_store.release(std::move(m_connection)); }
    Lease(const Lease &) = delete;
    Lease &operator=(const Lease &) = delete;
    PostgresConnection &operator*() const { return *m_connection; }
    PostgresConnection *operator->() const { return m_connection.get(); }

private:
    PostgresStore &m_store;
    std::unique_ptr<PostgresConnection> m_connection;
};

// What tenant_moves holds of one move.
struct MoveRow
{
    std::string jobId;
    Isolation source = Isolation::Pool;
    Isolation target = Isolation::Pool;
    std::string step;
    std::int64_t tablesDone = 0;
    std::vector<TenantMover::TableCheck> checks;
    bool rollbackRequested = false;
};

std::vector<TenantMover::TableCheck> checksFrom(const std::string &text)
{
    std::vector<TenantMover::TableCheck> checks;
    const nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
    if (!parsed.is_array())
        return checks;
    for (const nlohmann::json &item : parsed) {
        if (!item.is_object())
            continue;
        checks.push_back({item.value("table", std::string()),
                          item.value("rows", std::int64_t(0)),
                          item.value("checksum", std::string())});
    }
    return checks;
}

std::string checksText(const std::vector<TenantMover::TableCheck> &checks)
{
    nlohmann::json array = nlohmann::json::array();
    for (const TenantMover::TableCheck &check : checks)
        array.push_back(
            {{"table", check.table}, {"rows", check.rows}, {"checksum", check.checksum}});
    return array.dump();
}

// The run of one move on one connection.
class Move
{
public:
    Move(PostgresConnection &connection, std::string tenantId)
        : m_connection(connection)
        , m_tenantId(std::move(tenantId))
    {}

    // Runs `body` in a transaction of the staff scope that may write to the moving tenant.
    template<typename Body>
    Status transaction(Body body)
    {
        if (Status begun = m_connection.run("BEGIN ISOLATION LEVEL READ COMMITTED"); !begun)
            return begun;
        Result<PostgresResult> scoped = m_connection.execute(
            "SELECT set_config('app.scope', 'staff', true), "
            "set_config('app.moving_tenant', ?, true)",
            {m_tenantId});
        Status done = scoped ? Status(body()) : Status(scoped.error());
        if (!done) {
            (void) m_connection.run("ROLLBACK");
            return done;
        }
        return m_connection.run("COMMIT");
    }

    Result<PostgresResult> query(std::string_view sql, const std::vector<Value> &values)
    {
        return m_connection.execute(sql, values);
    }

    Result<std::optional<MoveRow>> moveRow(bool forUpdate)
    {
        Result<PostgresResult> found = query(
            std::string("SELECT job_id, source, target, step, tables_done, checks, "
                        "rollback_requested FROM tenant_moves WHERE tenant_id = ?")
                + (forUpdate ? " FOR UPDATE" : ""),
            {m_tenantId});
        if (!found)
            return found.error();
        if (found->rows() == 0)
            return std::optional<MoveRow>();
        MoveRow row;
        row.jobId = found->text(0, 0);
        row.source = isolationFromString(found->text(0, 1)).value_or(Isolation::Pool);
        row.target = isolationFromString(found->text(0, 2)).value_or(Isolation::Pool);
        row.step = found->text(0, 3);
        row.tablesDone = found->integer(0, 4);
        row.checks = checksFrom(found->text(0, 5));
        row.rollbackRequested = found->integer(0, 6) != 0;
        return std::optional<MoveRow>(std::move(row));
    }

    Status setStep(const std::string &step,
                   std::int64_t tablesDone,
                   const std::vector<TenantMover::TableCheck> &checks)
    {
        Result<PostgresResult> updated = query(
            "UPDATE tenant_moves SET step = ?, tables_done = ?, checks = ?, updated_at = ? "
            "WHERE tenant_id = ?",
            {step, tablesDone, checksText(checks), nowMicros(), m_tenantId});
        if (!updated)
            return updated.error();
        return Ok{};
    }

    // The quoted schema names of the tenant's silo and of its staging copy.
    Status resolveSchemas()
    {
        Result<PostgresResult> names = query("SELECT quote_ident(tenantry_silo_name(?, false)), "
                                             "quote_ident(tenantry_silo_name(?, true))",
                                             {m_tenantId, m_tenantId});
        if (!names)
            return names.error();
        m_silo = names->text(0, 0);
        m_staging = names->text(0, 1);
        return Ok{};
    }

    // Where the rows are copied from and to for a move to `target`.
    std::string source(Isolation target, std::string_view table) const
    {
        return target == Isolation::Silo ? "ONLY public." + std::string(table)
                                         : m_silo + "." + std::string(table);
    }
    std::string copy(Isolation target, std::string_view table) const
    {
        return (target == Isolation::Silo ? m_silo : m_staging) + "." + std::string(table);
    }

    Result<TenantMover::TableCheck> check(const std::string &relation, std::string_view table)
    {
        Result<PostgresResult> sum = query(
            "SELECT count(*), coalesce(md5(string_agg(r::text, '|' ORDER BY r::text)), md5('')) "
            "FROM (SELECT * FROM "
                + relation + " WHERE tenant_id = ?) r",
            {m_tenantId});
        if (!sum)
            return sum.error();
        return TenantMover::TableCheck{std::string(table), sum->integer(0, 0), sum->text(0, 1)};
    }

    const std::string &tenantId() const { return m_tenantId; }

private:
    PostgresConnection &m_connection;
    std::string m_tenantId;
    std::string m_silo;
    std::string m_staging;
};

} // namespace

Result<TenantMover::Report> PostgresTenantMover::run(const std::string &jobId,
                                                     const std::string &tenantId,
                                                     Isolation target,
                                                     const Progress &progress,
                                                     const std::atomic<bool> &stopping)
{
    if (target == Isolation::Hybrid)
        return Error{"conflict", "a tenant moves to the pool or to a silo", {}};
    Result<std::unique_ptr<PostgresConnection>> acquired = m_store.acquire();
    if (!acquired)
        return acquired.error();
    const Lease connection(m_store, std::move(acquired).value());
    Move move(*connection, tenantId);
    if (Status resolved = move.resolveSchemas(); !resolved)
        return resolved.error();

    // Record the move (or find it recorded by an earlier run of this job). FOR UPDATE on the
    // tenant's row waits for every write to the tenant that is in progress (each holds KEY
    // SHARE on it, see the trigger tenant_moving); once this commits, new ones are refused.
    MoveRow row;
    bool alreadyThere = false;
    Status recorded = move.transaction([&]() -> Status {
        Result<PostgresResult> tenant = move.query(
            "SELECT isolation FROM tenants WHERE id = ? FOR UPDATE", {tenantId});
        if (!tenant)
            return tenant.error();
        if (tenant->rows() == 0)
            return Error{"not_found", "no tenant " + tenantId, {}};
        const Isolation placement = isolationFromString(tenant->text(0, 0)).value_or(Isolation::Pool);
        Result<std::optional<MoveRow>> existing = move.moveRow(true);
        if (!existing)
            return existing.error();
        if (*existing) {
            if ((*existing)->jobId != jobId)
                return Error{"conflict",
                             "another move of this tenant (job " + (*existing)->jobId
                                 + ") is in progress",
                             {}};
            row = std::move(**existing);
            return Ok{};
        }
        if (placement == target) {
            alreadyThere = true; // moved by an earlier run of this job, or nothing to do
            return Ok{};
        }
        const std::int64_t now = nowMicros();
        Result<PostgresResult> inserted = move.query(
            "INSERT INTO tenant_moves (tenant_id, job_id, source, target, step, started_at, "
            "updated_at) VALUES (?, ?, ?, ?, 'copy', ?, ?)",
            {tenantId,
             jobId,
             std::string(toString(placement)),
             std::string(toString(target)),
             now,
             now});
        if (!inserted)
            return inserted.error();
        row.jobId = jobId;
        row.source = placement;
        row.target = target;
        row.step = "copy";
        return Ok{};
    });
    if (!recorded)
        return recorded.error();
    Report report;
    report.source = row.source;
    report.target = target;
    if (alreadyThere) {
        report.source = target;
        return report;
    }
    if (row.target != target)
        return Error{"conflict", "this job's move goes elsewhere", {}};

    const std::int64_t total = 2 * kTableCount + 2;
    auto pause = [this, &stopping]() -> Status {
        const std::int64_t delay = m_stepDelay.load();
        if (delay > 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(delay));
        if (stopping)
            return Error{"interrupted", "the server is stopping", {}};
        return Ok{};
    };
    // Between steps: a rollback asked for in the meantime is done now.
    auto rollbackIfAsked = [&]() -> Status {
        bool rolledBack = false;
        Status checked = move.transaction([&]() -> Status {
            Result<std::optional<MoveRow>> current = move.moveRow(true);
            if (!current)
                return current.error();
            if (!*current || !(*current)->rollbackRequested)
                return Ok{};
            if ((*current)->step == "cleanup")
                return Ok{}; // switched: too late, and requestRollback refuses it
            const bool toSilo = (*current)->target == Isolation::Silo;
            Result<PostgresResult> dropped = move.query("SELECT tenantry_drop_silo(?, ?)",
                                                        {tenantId,
                                                         std::string(toSilo ? "false" : "true")});
            if (!dropped)
                return dropped.error();
            Result<PostgresResult> deleted = move.query(
                "DELETE FROM tenant_moves WHERE tenant_id = ?", {tenantId});
            if (!deleted)
                return deleted.error();
            rolledBack = true;
            return Ok{};
        });
        if (!checked)
            return checked;
        if (rolledBack)
            return Error{"canceled",
                         "Rolled back as asked: the tenant stays in the "
                             + std::string(toString(row.source)),
                         {}};
        return Ok{};
    };

    if (row.step == "copy") {
        if (Status asked = rollbackIfAsked(); !asked)
            return asked.error();
        Status created = move.transaction([&]() -> Status {
            Result<PostgresResult> silo = move.query(
                "SELECT tenantry_create_silo(?, ?)",
                {tenantId, std::string(target == Isolation::Silo ? "false" : "true")});
            return silo ? Status(Ok{}) : Status(silo.error());
        });
        if (!created)
            return created.error();
        for (std::int64_t i = row.tablesDone; i < kTableCount; ++i) {
            progress(i, total);
            const std::string_view table = kSiloTables[static_cast<std::size_t>(i)];
            Status copied = move.transaction([&]() -> Status {
                const std::string into = move.copy(target, table);
                if (Result<PostgresResult> cleared = move.query("DELETE FROM " + into, {});
                    !cleared) {
                    return cleared.error();
                }
                Result<PostgresResult> inserted = move.query("INSERT INTO " + into
                                                                 + " SELECT * FROM "
                                                                 + move.source(target, table)
                                                                 + " WHERE tenant_id = ?",
                                                             {tenantId});
                if (!inserted)
                    return inserted.error();
                return move.setStep("copy", i + 1, {});
            });
            if (!copied)
                return copied.error();
            if (Status paused = pause(); !paused)
                return paused.error();
            if (Status asked = rollbackIfAsked(); !asked)
                return asked.error();
        }
        Status next = move.transaction([&] { return move.setStep("verify", 0, {}); });
        if (!next)
            return next.error();
        row.step = "verify";
        row.tablesDone = 0;
    }

    if (row.step == "verify") {
        std::vector<TableCheck> checks;
        for (std::int64_t i = 0; i < kTableCount; ++i) {
            progress(kTableCount + i, total);
            const std::string_view table = kSiloTables[static_cast<std::size_t>(i)];
            // In the staff scope (row-level security shows nothing outside it).
            Result<TableCheck> original = Error{"storage_error", "not checked", {}};
            Result<TableCheck> copied = Error{"storage_error", "not checked", {}};
            Status checked = move.transaction([&]() -> Status {
                original = move.check(move.source(target, table), table);
                if (!original)
                    return original.error();
                copied = move.check(move.copy(target, table), table);
                return copied ? Status(Ok{}) : Status(copied.error());
            });
            if (!checked)
                return checked.error();
            if (original->rows != copied->rows || original->checksum != copied->checksum) {
                // Copy again on the next run (or roll back).
                (void) move.transaction([&] { return move.setStep("copy", 0, {}); });
                return Error{"verify_failed",
                             "the copy of " + std::string(table) + " differs from its source ("
                                 + std::to_string(copied->rows) + " rows against "
                                 + std::to_string(original->rows)
                                 + "); resume to copy again, or roll back",
                             {}};
            }
            checks.push_back(std::move(original).value());
            if (Status paused = pause(); !paused)
                return paused.error();
            if (Status asked = rollbackIfAsked(); !asked)
                return asked.error();
        }
        Status next = move.transaction([&] { return move.setStep("switch", 0, checks); });
        if (!next)
            return next.error();
        row.step = "switch";
        row.checks = std::move(checks);
    }

    if (row.step == "switch") {
        progress(2 * kTableCount, total);
        if (Status asked = rollbackIfAsked(); !asked)
            return asked.error();
        if (row.checks.size() != std::size(kSiloTables))
            return Error{"storage_error", "the move's verified counts are missing", {}};
        Status switched = move.transaction([&]() -> Status {
            if (Result<PostgresResult> locked = move.query(
                    "SELECT 1 FROM tenants WHERE id = ? FOR UPDATE", {tenantId});
                !locked) {
                return locked.error();
            }
            // A rollback asked for since the last look wins over the switch (requestRollback
            // locks this row too, so the two cannot cross).
            Result<std::optional<MoveRow>> current = move.moveRow(true);
            if (!current)
                return current.error();
            if (*current && (*current)->rollbackRequested)
                return Error{"rollback_requested", "a rollback was asked for", {}};
            for (std::size_t i = 0; i < std::size(kSiloTables); ++i) {
                const std::string table(kSiloTables[i]);
                Result<PostgresResult>
                    moved = target == Isolation::Silo
                                ? move.query("DELETE FROM ONLY public." + table
                                                 + " WHERE tenant_id = ?",
                                             {tenantId})
                                : move.query("INSERT INTO public." + table
                                                 + (hasSeq(table) ? " OVERRIDING SYSTEM VALUE" : "")
                                                 + " SELECT * FROM " + move.copy(target, table)
                                                 + " WHERE tenant_id = ?",
                                             {tenantId});
                if (!moved)
                    return moved.error();
                if (moved->affectedRows() != row.checks[i].rows)
                    return Error{"verify_failed",
                                 table + " changed after it was verified ("
                                     + std::to_string(moved->affectedRows()) + " rows against "
                                     + std::to_string(row.checks[i].rows) + ")",
                                 {}};
            }
            Result<PostgresResult> linked = move.query(
                "SELECT tenantry_link_silo(?, ?)",
                {tenantId, std::string(target == Isolation::Silo ? "true" : "false")});
            if (!linked)
                return linked.error();
            Result<PostgresResult> placed = move.query(
                "UPDATE tenants SET isolation = ?, version = version + 1, updated_at = ? "
                "WHERE id = ?",
                {std::string(toString(target)), nowMicros(), tenantId});
            if (!placed)
                return placed.error();
            Result<PostgresResult> unblocked = move.query(
                "UPDATE tenant_moves SET step = 'cleanup', blocks_writes = 0, updated_at = ? "
                "WHERE tenant_id = ?",
                {nowMicros(), tenantId});
            if (!unblocked)
                return unblocked.error();
            return Ok{};
        });
        if (!switched && switched.error().code == "rollback_requested") {
            Status asked = rollbackIfAsked();
            return asked ? Error{"storage_error", "the rollback did not happen", {}}
                         : asked.error();
        }
        if (!switched)
            return switched.error();
        row.step = "cleanup";
        if (Status paused = pause(); !paused)
            return paused.error();
    }

    if (row.step == "cleanup") {
        progress(2 * kTableCount + 1, total);
        Status cleaned = move.transaction([&]() -> Status {
            // pool -> silo: the pool rows went at the switch (through inheritance they would
            // have been read twice); silo -> pool: the silo and the staging copy go now.
            if (target == Isolation::Pool) {
                for (const char *staging : {"false", "true"}) {
                    Result<PostgresResult> dropped = move.query("SELECT tenantry_drop_silo(?, ?)",
                                                                {tenantId, std::string(staging)});
                    if (!dropped)
                        return dropped.error();
                }
            }
            Result<PostgresResult> deleted = move.query(
                "DELETE FROM tenant_moves WHERE tenant_id = ?", {tenantId});
            return deleted ? Status(Ok{}) : Status(deleted.error());
        });
        if (!cleaned)
            return cleaned.error();
        progress(total, total);
    }
    report.tables = std::move(row.checks);
    return report;
}

Status PostgresTenantMover::requestRollback(const std::string &jobId)
{
    Result<std::unique_ptr<PostgresConnection>> acquired = m_store.acquire();
    if (!acquired)
        return acquired.error();
    const Lease connection(m_store, std::move(acquired).value());
    if (Status begun = connection->run("BEGIN; SELECT set_config('app.scope', 'staff', true)");
        !begun)
        return begun;
    Result<PostgresResult> found = connection->execute(
        "SELECT step FROM tenant_moves WHERE job_id = ? FOR UPDATE", {jobId});
    if (!found)
        return found.error();
    if (found->rows() == 0)
        return Error{"not_found", "no move of job " + jobId + " is in progress", {}};
    if (found->text(0, 0) == "cleanup")
        return Error{"conflict", "the move has switched the tenant's placement already", {}};
    Result<PostgresResult> asked = connection->execute(
        "UPDATE tenant_moves SET rollback_requested = 1 WHERE job_id = ?", {jobId});
    if (!asked)
        return asked.error();
    return connection->run("COMMIT");
}

} // namespace Tenantry::Server
