#include "server/store/postgres/postgresstore.h"

#include "server/store/postgres/postgresmigrations.h"
#include "server/store/postgres/postgrestenantmover.h"
#include "server/store/postgres/postgrestransaction.h"

namespace Tenantry::Server {

Result<std::unique_ptr<PostgresStore>> PostgresStore::open(const PostgresStoreOptions &options)
{
    if (options.poolSize == 0)
        return Error{"storage_error", "the PostgreSQL pool needs at least one connection", {}};
    std::unique_ptr<PostgresStore> store(new PostgresStore(options));
    Result<std::unique_ptr<PostgresConnection>> runtime = store->acquire();
    if (!runtime)
        return runtime.error();
    Result<PostgresResult> role = (*runtime)->execute("SELECT current_user", {});
    if (!role)
        return role.error();
    {
        const std::string &ownerUri = options.ownerUri.empty() ? options.uri : options.ownerUri;
        Result<std::unique_ptr<PostgresConnection>> owner = PostgresConnection::open(ownerUri);
        if (!owner)
            return owner.error();
        Result<int> version = applyPostgresMigrations(**owner, role->text(0, 0));
        if (!version)
            return version.error();
        store->m_schemaVersion = *version;
    }
    // Unique keys and their last column (what a "conflict" names in Error::path).
    Result<PostgresResult> keys = (*runtime)->execute(
        "SELECT c.conname, a.attname FROM pg_constraint c "
        "JOIN pg_namespace n ON n.oid = c.connamespace AND n.nspname = current_schema() "
        "JOIN pg_attribute a ON a.attrelid = c.conrelid "
        "AND a.attnum = c.conkey[array_upper(c.conkey, 1)] WHERE c.contype IN ('u', 'p')",
        {});
    if (!keys)
        return keys.error();
    auto columns = std::make_shared<PostgresConnection::ConstraintColumns>();
    for (int row = 0; row < keys->rows(); ++row)
        columns->emplace(keys->text(row, 0), keys->text(row, 1));
    store->m_constraintColumns = std::move(columns);
    (*runtime)->setConstraintColumns(store->m_constraintColumns);
    store->release(std::move(runtime).value());
    return store;
}

PostgresStore::PostgresStore(PostgresStoreOptions options)
    : m_options(std::move(options))
    , m_mover(std::make_unique<PostgresTenantMover>(*this))
{}

PostgresStore::~PostgresStore() = default;

Result<std::unique_ptr<PostgresConnection>> PostgresStore::acquire()
{
    std::unique_lock lock(m_mutex);
    const bool available = m_returned.wait_for(lock, m_options.acquireTimeout, [this] {
        return !m_idle.empty() || m_open < m_options.poolSize;
    });
    if (!available)
        return Error{"storage_error",
                     "no PostgreSQL connection came free within "
                         + std::to_string(m_options.acquireTimeout.count()) + " ms (pool of "
                         + std::to_string(m_options.poolSize) + ")",
                     {}};
    if (!m_idle.empty()) {
        std::unique_ptr<PostgresConnection> connection = std::move(m_idle.back());
        m_idle.pop_back();
        return connection;
    }
    ++m_open; // reserved while connecting, outside the lock
    lock.unlock();
    Result<std::unique_ptr<PostgresConnection>> connection = PostgresConnection::open(m_options.uri);
    if (!connection) {
        lock.lock();
        --m_open;
        m_returned.notify_one();
        return connection;
    }
    (*connection)->setConstraintColumns(m_constraintColumns); // set once in open(), then const
    return connection;
}

void PostgresStore::release(std::unique_ptr<PostgresConnection> connection)
{
    if (connection && connection->isHealthy() && !connection->isIdle()) {
        if (Status rolledBack = connection->run("ROLLBACK"); !rolledBack)
            connection.reset();
    }
    if (connection && !connection->isHealthy())
        connection.reset();
    const std::lock_guard lock(m_mutex);
    if (connection)
        m_idle.push_back(std::move(connection));
    else
        --m_open;
    m_returned.notify_one();
}

Result<std::unique_ptr<StoreTransaction>> PostgresStore::begin(Mode mode)
{
    return start(mode, nullptr);
}

Result<std::unique_ptr<StoreTransaction>> PostgresStore::beginForTenant(Mode mode,
                                                                        const std::string &tenantId)
{
    return start(mode, &tenantId);
}

Result<std::unique_ptr<StoreTransaction>> PostgresStore::start(Mode mode,
                                                               const std::string *tenantId)
{
    // A pooled connection that PostgreSQL closed (a restart, a failover, an idle timeout) fails
    // at its first use, here at BEGIN, before anything of the transaction ran: it is dropped and
    // the next one tried, at most once per pooled connection and once more for a new one.
    for (std::size_t attempt = 0;; ++attempt) {
        Result<std::unique_ptr<PostgresConnection>> connection = acquire();
        if (!connection)
            return connection.error();
        // From here on the transaction gives the connection back when it goes.
        auto transaction = std::make_unique<PostgresTransaction>(*this,
                                                                 std::move(connection).value(),
                                                                 mode == Mode::Write);
        Status begun = transaction->start(tenantId);
        if (begun)
            return std::unique_ptr<StoreTransaction>(std::move(transaction));
        if (transaction->isConnectionHealthy() || attempt >= m_options.poolSize)
            return begun.error();
    }
}

} // namespace Tenantry::Server
