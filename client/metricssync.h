#pragma once

// Brings a MetricsCache up to date with the server's metrics feeds. The first sync of an empty
// cache reads the whole event feed; later ones resume after the newest event id held
// (starting_after) and ask for spend and tenants updated since the newest updated_at held
// (updated_since), so they fetch only what changed. Tenants are fetched for their names (100 a
// page, the API's largest). Plans are listed again each time (a few).
//
// Late commits: a row is stamped (its id, seq and recorded_at/updated_at) when its transaction
// writes it, and becomes visible when that transaction commits. With concurrent writers (many
// server processes on PostgreSQL) a row can commit after a newer one was already synced, with
// a place in the feed before it. So every later sync reads again what was stamped within the
// late-commit window (default 10 minutes) before the newest row held: events by recorded_at
// after the starting_after pass, spend and tenants by an updated_since that far back. What
// comes again changes nothing in the cache (changedRowCount() counts only what did).
// Every page is written to the cache as it arrives, so a cancelled or failed sync keeps what it
// fetched and the next one continues from there.
//
// Network jobs run on the calling thread (decoding off it, see ApiJob); every cache access runs
// on a worker thread of the sync's own one-thread pool. After start(), exactly one finished()
// follows (error() set or not), unless cancel() stopped the sync: then nothing follows.

#include "client/apierror.h"
#include "client/mrreventrecord.h"
#include "client/spendrecord.h"
#include "core/plan.h"
#include "core/timestamp.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QThreadPool>

#include <chrono>
#include <functional>
#include <optional>
#include <vector>

namespace Tenantry {

class ApiClient;
class ApiJob;
class MetricsCache;

class MetricsSync : public QObject
{
    Q_OBJECT

public:
    MetricsSync(ApiClient *client, QString cachePath, QObject *parent = nullptr);
    ~MetricsSync() override;
    MetricsSync(const MetricsSync &) = delete;
    MetricsSync &operator=(const MetricsSync &) = delete;

    QString cachePath() const { return m_cachePath; }
    // Page size asked of the feeds (default and at most 1000).
    void setPageSize(int pageSize) { m_pageSize = pageSize; }
    // How far before the newest row held a later sync reads again (see above); nullopt reads
    // from the newest row held only, as if no write ever committed late.
    static constexpr std::chrono::seconds defaultLateCommitWindow{600};
    void setLateCommitWindow(std::optional<std::chrono::seconds> window)
    {
        m_lateCommitWindow = window;
    }

    void start(); // ignored while running
    void cancel();

    bool isRunning() const { return m_running; }
    // Known once the cache was read: true when it held no event (a first, full sync).
    bool isFullSync() const { return m_full; }
    bool hasError() const { return !m_errorMessage.isEmpty(); }
    // For people: what failed (the API's or the cache's message).
    QString errorMessage() const { return m_errorMessage; }
    const std::optional<ApiError> &apiError() const { return m_apiError; }

    // Of the last start(): requests sent (retries not counted), pages and rows received.
    int requestCount() const { return m_requests; }
    int pageCount() const { return m_pages; }
    qint64 eventRowCount() const { return m_eventRows; }
    qint64 spendRowCount() const { return m_spendRows; }
    qint64 tenantRowCount() const { return m_tenantRows; }
    // Rows that were new or changed in the cache (a boundary row that comes again is not).
    qint64 changedRowCount() const { return m_changedRows; }
    QDateTime finishedAt() const { return m_finishedAt; }

    // The thread pool every cache access of this sync runs on (one thread): the dashboard
    // loads the cache through it too, so reads never overlap a sync's writes.
    QThreadPool *cachePool() { return &m_pool; }

Q_SIGNALS:
    // After each page written to the cache.
    void progressChanged(int pages, qint64 rows);
    void finished();

private:
    void readState();
    // The event feed after `after`, or (with `since`) the events recorded since then: the
    // late-commit pass, which follows the starting_after one.
    void fetchEvents(const QString &after, std::optional<Timestamp> since = std::nullopt);
    void fetchSpend(const QString &after);
    void fetchTenants(const QString &after);
    void fetchPlans(const QString &after);
    // Opens the cache on the pool (checking its integrity when `check`), runs `write`, then
    // `next` back on this thread, or fails the sync.
    void writeInBackground(std::function<bool(MetricsCache &)> write,
                           std::function<void()> next,
                           bool check = false);
    bool takeJobError(ApiJob *job);
    void finish();
    void fail(const QString &message);

    QPointer<ApiClient> m_client;
    QString m_cachePath;
    QThreadPool m_pool;
    QPointer<ApiJob> m_job;
    quint64 m_generation = 0;
    int m_pageSize = 1000;
    bool m_running = false;
    bool m_full = false;
    std::optional<std::chrono::seconds> m_lateCommitWindow = defaultLateCommitWindow;
    std::optional<Timestamp> m_eventsSince; // of the late-commit pass; nullopt: none
    std::optional<Timestamp> m_spendSince;
    std::optional<Timestamp> m_tenantsSince;
    std::vector<Plan> m_plans;
    QString m_errorMessage;
    std::optional<ApiError> m_apiError;
    int m_requests = 0;
    int m_pages = 0;
    qint64 m_eventRows = 0;
    qint64 m_spendRows = 0;
    qint64 m_tenantRows = 0;
    qint64 m_changedRows = 0;
    QDateTime m_finishedAt;
};

} // namespace Tenantry
