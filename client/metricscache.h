#pragma once

// The finance dashboard's local copy of the metrics feeds: one SQLite file per server (Qt SQL,
// QSQLITE) holding MRR events, acquisition spend, plans and the tenants' names, plus when it was
// last synced. The file carries its schema version (PRAGMA user_version); a file of version 1
// (no tenants' names) gains the tenants table on open() and keeps what it holds; a file that is
// not a database, is damaged or has another schema is deleted and made anew, so a bad cache
// costs a full sync, never a crash.
//
// Qt SQL connections belong to the thread that made them: a MetricsCache is made, used and
// destroyed on one thread, and that thread is never the GUI thread (MetricsSync and the
// dashboard run it on a worker). Each instance has its own connection.

#include "client/metricsdata.h"
#include "client/mrreventrecord.h"
#include "client/spendrecord.h"
#include "core/plan.h"
#include "core/tenant.h"
#include "core/timestamp.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>
#include <QUrl>

#include <optional>
#include <vector>

namespace Tenantry {

class MetricsCache
{
    Q_DECLARE_TR_FUNCTIONS(Tenantry::MetricsCache)

public:
    static constexpr int schemaVersion = 2;

    MetricsCache();
    ~MetricsCache();
    MetricsCache(const MetricsCache &) = delete;
    MetricsCache &operator=(const MetricsCache &) = delete;

    // <AppDataLocation>/metrics/<host>-<port>-<hash of the URL>.sqlite: one file per server.
    static QString defaultPath(const QUrl &server);

    // Schema: the schema version only (microseconds; catches a file that is no database or of
    // another version). Integrity: also PRAGMA quick_check over every page (about 0.2 s for a
    // million events), once per sync and per dashboard load rather than per page written.
    enum class Check { Schema, Integrity };

    // Opens the cache at `path`, creating the file and its folder if needed. A corrupt or
    // old-schema file is deleted and created again (wasRebuilt() tells). False, with
    // errorMessage(), only when no usable file can be made at all.
    bool open(const QString &path, Check check = Check::Schema);
    bool isOpen() const { return m_open; }
    bool wasRebuilt() const { return m_rebuilt; }
    QString errorMessage() const { return m_error; }
    QString path() const { return m_path; }

    // Adds feed events after those held, in the order given; ids already held are skipped (a
    // boundary event that comes again). One transaction. `added`: how many were new.
    bool addEvents(const std::vector<MrrEventRecord> &records, qint64 *added = nullptr);
    // Inserts spend records, or replaces held ones by id when the record is newer (a
    // correction). One transaction. `changed`: how many were new or newer than held.
    bool putSpend(const std::vector<SpendRecord> &records, qint64 *changed = nullptr);
    // The plans as the server lists them now: replaces all held plans.
    bool replacePlans(const std::vector<Plan> &plans);
    // Inserts tenants' names, or replaces held ones when the tenant was updated since (a
    // rename). One transaction. `changed`: how many were new or newer than held.
    bool putTenants(const std::vector<Tenant> &tenants, qint64 *changed = nullptr);
    bool setLastSync(const QDateTime &time);

    // The id of the newest event held (the cursor to resume the feed after); empty if none.
    QString lastEventId();
    // The newest recorded_at of the events held (where the late-commit pass starts from).
    std::optional<Timestamp> newestEventRecordedAt();
    // The newest updated_at of the spend records held (updated_since of the next sync).
    std::optional<Timestamp> newestSpendUpdate();
    // The newest updated_at of the tenants held (updated_since of the next sync).
    std::optional<Timestamp> newestTenantUpdate();
    QDateTime lastSync(); // invalid: never synced
    qint64 eventCount();
    qint64 spendCount();
    qint64 tenantCount();

    // Reads everything the dashboard needs; false with errorMessage() on a read error.
    bool load(MetricsData &data);

    // Moves on whenever events or spend are added or changed (0 for a new file): a report
    // snapshot computed from another data version is stale.
    qint64 dataVersion();
    // The last report computed from what is held (MetricsReport::toSnapshot), with the data
    // version it was computed from and its key (MetricsReport::snapshotKey). The dashboard
    // paints it at once when it opens, then recomputes. One snapshot: the newest replaces it.
    bool putReportSnapshot(qint64 dataVersion, const QByteArray &key, const QByteArray &report);
    // The snapshot, if one was computed from `dataVersion` with `key`; nullopt otherwise.
    std::optional<QByteArray> reportSnapshot(qint64 dataVersion, const QByteArray &key);

private:
    // The time a `SELECT max(…)` of micros reads, if any.
    std::optional<Timestamp> newestTime(const QString &maxQuery);
    bool openFile();
    bool checkSchema(Check check);
    bool createSchema();
    bool migrateFromVersion1();
    void closeConnection();
    bool fail(const QString &what, const QString &detail);
    bool bumpDataVersion();

    QString m_connectionName;
    QString m_path;
    QString m_error;
    bool m_open = false;
    bool m_rebuilt = false;
};

} // namespace Tenantry
