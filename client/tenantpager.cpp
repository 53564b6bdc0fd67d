#include "client/tenantpager.h"

#include "client/apiclient.h"
#include "client/listtenantsjob.h"

namespace Tenantry {

namespace {

constexpr int largestPage = 100; // the contract's maximum limit

} // namespace

TenantPager::TenantPager(ApiClient *client, TenantQuery query, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_query(std::move(query))
{
    if (m_query.limit <= 0)
        m_query.limit = largestPage;
}

TenantPager::~TenantPager()
{
    cancel();
}

void TenantPager::start()
{
    if (m_running)
        return;
    m_running = true;
    m_cancelled = false;
    m_error.reset();
    m_pageCount = 0;
    m_tenantCount = 0;
    fetch(m_query.startingAfter);
}

void TenantPager::cancel()
{
    if (m_job) {
        m_job->abort();
        m_job->deleteLater();
        m_job = nullptr;
    }
    if (m_running)
        m_cancelled = true;
    m_running = false;
}

void TenantPager::fetch(const QString &cursor)
{
    m_cursor = cursor;
    TenantQuery query = m_query;
    query.startingAfter = cursor;
    auto *job = new ListTenantsJob(m_client, query, this);
    job->setAutoDelete(false);
    m_job = job;
    connect(job, &ApiJob::finished, this, &TenantPager::handlePage);
    job->start();
}

void TenantPager::handlePage()
{
    ListTenantsJob *job = m_job;
    if (!job || !m_running)
        return;
    m_job = nullptr;
    job->deleteLater();
    if (job->hasError()) {
        m_error = job->error();
        finish();
        return;
    }
    const ListPage<Tenant> &page = job->page();
    const QString next = QString::fromStdString(page.nextCursor);
    if (page.hasMore && (next.isEmpty() || next == m_cursor)) {
        // A cursor that does not move would loop for ever.
        m_error = ApiError::parse(QStringLiteral("the list's next_cursor does not advance"),
                                  job->httpStatus(),
                                  job->requestId());
        finish();
        return;
    }
    ++m_pageCount;
    m_tenantCount += static_cast<qsizetype>(page.data.size());
    const QPointer<TenantPager> self(this);
    Q_EMIT pageFetched(page.data, page.hasMore);
    if (!self || !m_running)
        return; // cancelled or destroyed by a receiver
    if (page.hasMore)
        fetch(next);
    else
        finish();
}

void TenantPager::finish()
{
    m_running = false;
    Q_EMIT finished();
}

} // namespace Tenantry
