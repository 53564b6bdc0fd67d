#include "client/metricssync.h"

#include "client/apiclient.h"
#include "client/listmrreventsjob.h"
#include "client/listplansjob.h"
#include "client/listspendjob.h"
#include "client/listtenantsjob.h"
#include "client/metricscache.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <memory>
#include <utility>

namespace Tenantry {

namespace {

struct CacheState
{
    QString lastEventId;
    std::optional<Timestamp> newestEventRecorded;
    std::optional<Timestamp> newestSpendUpdate;
    std::optional<Timestamp> newestTenantUpdate;
};

constexpr int tenantPageSize = 100; // the largest page GET /v1/tenants serves

} // namespace

MetricsSync::MetricsSync(ApiClient *client, QString cachePath, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_cachePath(std::move(cachePath))
{
    m_pool.setMaxThreadCount(1);
}

MetricsSync::~MetricsSync()
{
    cancel();
    m_pool.waitForDone();
}

void MetricsSync::start()
{
    if (m_running)
        return;
    ++m_generation;
    m_running = true;
    m_full = false;
    m_errorMessage.clear();
    m_apiError.reset();
    m_requests = 0;
    m_pages = 0;
    m_eventRows = 0;
    m_spendRows = 0;
    m_tenantRows = 0;
    m_changedRows = 0;
    m_plans.clear();
    readState();
}

void MetricsSync::cancel()
{
    if (!m_running)
        return;
    ++m_generation; // callbacks of writes still running are dropped
    if (m_job) {
        m_job->abort();
        m_job->deleteLater();
    }
    m_running = false;
}

void MetricsSync::writeInBackground(std::function<bool(MetricsCache &)> write,
                                    std::function<void()> next,
                                    bool check)
{
    auto *watcher = new QFutureWatcher<QString>(this);
    const quint64 generation = m_generation;
    connect(watcher,
            &QFutureWatcherBase::finished,
            this,
            [this, watcher, generation, next = std::move(next)] {
                watcher->deleteLater();
                if (generation != m_generation || !m_running)
                    return;
                const QString error = watcher->result();
                if (!error.isEmpty()) {
                    fail(error);
                    return;
                }
                next();
            });
    watcher->setFuture(QtConcurrent::run(
        &m_pool, [path = m_cachePath, write = std::move(write), check]() -> QString {
            MetricsCache cache;
            if (!cache.open(path,
                            check ? MetricsCache::Check::Integrity : MetricsCache::Check::Schema))
                return cache.errorMessage();
            if (!write(cache)) {
                return cache.errorMessage().isEmpty()
                           ? MetricsCache::tr("The local metrics cache %1 cannot be written.")
                                 .arg(path)
                           : cache.errorMessage();
            }
            return {};
        }));
}

void MetricsSync::readState()
{
    auto state = std::make_shared<CacheState>();
    writeInBackground(
        [state](MetricsCache &cache) {
            state->lastEventId = cache.lastEventId();
            state->newestEventRecorded = cache.newestEventRecordedAt();
            state->newestSpendUpdate = cache.newestSpendUpdate();
            state->newestTenantUpdate = cache.newestTenantUpdate();
            return true;
        },
        [this, state] {
            m_full = state->lastEventId.isEmpty();
            const auto back = [this](std::optional<Timestamp> newest) -> std::optional<Timestamp> {
                if (!newest || !m_lateCommitWindow)
                    return newest;
                return *newest - *m_lateCommitWindow;
            };
            m_eventsSince = m_full || !m_lateCommitWindow ? std::nullopt
                                                          : back(state->newestEventRecorded);
            m_spendSince = back(state->newestSpendUpdate);
            m_tenantsSince = back(state->newestTenantUpdate);
            fetchEvents(state->lastEventId);
        },
        true); // once per sync: a damaged file starts again from a full sync
}

bool MetricsSync::takeJobError(ApiJob *job)
{
    if (!job->hasError())
        return false;
    m_apiError = *job->error();
    fail(job->error()->message());
    return true;
}

void MetricsSync::fetchEvents(const QString &after, std::optional<Timestamp> since)
{
    auto *job = new ListMrrEventsJob(m_client, m_pageSize, after, since, this);
    m_job = job;
    ++m_requests;
    connect(job, &ApiJob::finished, this, [this, job, since] {
        if (takeJobError(job))
            return;
        const ListPage<MrrEventRecord> &page = job->page();
        ++m_pages;
        m_eventRows += static_cast<qint64>(page.data.size());
        const bool more = page.hasMore;
        const QString cursor = QString::fromStdString(page.nextCursor);
        auto records = std::make_shared<const std::vector<MrrEventRecord>>(page.data);
        auto added = std::make_shared<qint64>(0);
        writeInBackground([records, added](
                              MetricsCache &cache) { return cache.addEvents(*records, added.get()); },
                          [this, more, cursor, added, since] {
                              m_changedRows += *added;
                              Q_EMIT progressChanged(m_pages, m_eventRows + m_spendRows);
                              if (more) {
                                  fetchEvents(cursor, since);
                              } else if (!since && m_eventsSince) {
                                  fetchEvents({}, m_eventsSince); // the late-commit pass
                              } else {
                                  fetchSpend({});
                              }
                          });
    });
    job->start();
}

void MetricsSync::fetchSpend(const QString &after)
{
    auto *job = new ListSpendJob(m_client, m_pageSize, after, m_spendSince, this);
    m_job = job;
    ++m_requests;
    connect(job, &ApiJob::finished, this, [this, job] {
        if (takeJobError(job))
            return;
        const ListPage<SpendRecord> &page = job->page();
        ++m_pages;
        m_spendRows += static_cast<qint64>(page.data.size());
        const bool more = page.hasMore;
        const QString cursor = QString::fromStdString(page.nextCursor);
        auto records = std::make_shared<const std::vector<SpendRecord>>(page.data);
        auto changed = std::make_shared<qint64>(0);
        writeInBackground(
            [records, changed](MetricsCache &cache) {
                return cache.putSpend(*records, changed.get());
            },
            [this, more, cursor, changed] {
                m_changedRows += *changed;
                Q_EMIT progressChanged(m_pages, m_eventRows + m_spendRows);
                if (more)
                    fetchSpend(cursor);
                else
                    fetchTenants({});
            });
    });
    job->start();
}

void MetricsSync::fetchTenants(const QString &after)
{
    TenantQuery query;
    query.limit = std::min(m_pageSize, tenantPageSize);
    query.startingAfter = after;
    query.updatedSince = m_tenantsSince;
    auto *job = new ListTenantsJob(m_client, query, this);
    m_job = job;
    ++m_requests;
    connect(job, &ApiJob::finished, this, [this, job] {
        if (takeJobError(job))
            return;
        const ListPage<Tenant> &page = job->page();
        ++m_pages;
        m_tenantRows += static_cast<qint64>(page.data.size());
        const bool more = page.hasMore;
        const QString cursor = QString::fromStdString(page.nextCursor);
        auto tenants = std::make_shared<const std::vector<Tenant>>(page.data);
        auto changed = std::make_shared<qint64>(0);
        writeInBackground(
            [tenants, changed](MetricsCache &cache) {
                return cache.putTenants(*tenants, changed.get());
            },
            [this, more, cursor, changed] {
                m_changedRows += *changed;
                Q_EMIT progressChanged(m_pages, m_eventRows + m_spendRows + m_tenantRows);
                if (more)
                    fetchTenants(cursor);
                else
                    fetchPlans({});
            });
    });
    job->start();
}

void MetricsSync::fetchPlans(const QString &after)
{
    auto *job = new ListPlansJob(m_client, 100, after, this);
    m_job = job;
    ++m_requests;
    connect(job, &ApiJob::finished, this, [this, job] {
        if (takeJobError(job))
            return;
        const ListPage<Plan> &page = job->page();
        ++m_pages;
        m_plans.insert(m_plans.end(), page.data.begin(), page.data.end());
        if (page.hasMore) {
            fetchPlans(QString::fromStdString(page.nextCursor));
            return;
        }
        auto plans = std::make_shared<const std::vector<Plan>>(std::move(m_plans));
        m_plans.clear();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        writeInBackground(
            [plans, now](MetricsCache &cache) {
                return cache.replacePlans(*plans) && cache.setLastSync(now);
            },
            [this, now] {
                m_finishedAt = now;
                finish();
            });
    });
    job->start();
}

void MetricsSync::fail(const QString &message)
{
    m_errorMessage = message;
    m_finishedAt = QDateTime::currentDateTimeUtc();
    finish();
}

void MetricsSync::finish()
{
    m_running = false;
    m_job.clear();
    Q_EMIT finished();
}

} // namespace Tenantry
