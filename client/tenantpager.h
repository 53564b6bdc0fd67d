#pragma once

// Walks every page of GET /v1/tenants for one query: asks for the first page, then for the page
// after each page's next_cursor while has_more, and emits each page as it arrives. Exactly one
// finished() ends a walk (all pages read, or error() set), unless cancel() stopped it: then
// nothing more is emitted. Each page is decoded off the calling thread (see ApiJob).

#include "client/apierror.h"
#include "client/tenantquery.h"
#include "core/tenant.h"

#include <QObject>
#include <QPointer>

#include <optional>
#include <vector>

namespace Tenantry {

class ApiClient;
class ListTenantsJob;

class TenantPager : public QObject
{
    Q_OBJECT

public:
    // `query.limit` 0 asks for the largest pages the server gives (100).
    TenantPager(ApiClient *client, TenantQuery query, QObject *parent = nullptr);
    ~TenantPager() override;
    TenantPager(const TenantPager &) = delete;
    TenantPager &operator=(const TenantPager &) = delete;

    // Starts a walk from the first page (again after a finished walk). Ignored while running.
    void start();
    // Stops the walk: the page in flight is dropped and no signal follows.
    void cancel();

    bool isRunning() const { return m_running; }
    bool isCancelled() const { return m_cancelled; }
    bool hasError() const { return m_error.has_value(); }
    const std::optional<ApiError> &error() const { return m_error; }
    int pageCount() const { return m_pageCount; }
    qsizetype tenantCount() const { return m_tenantCount; }

Q_SIGNALS:
    // One page, in the server's order; `hasMore` tells whether another page follows.
    void pageFetched(const std::vector<Tenantry::Tenant> &tenants, bool hasMore);
    void finished();

private:
    void fetch(const QString &cursor);
    void handlePage();
    void finish();

    QPointer<ApiClient> m_client;
    TenantQuery m_query;
    QPointer<ListTenantsJob> m_job;
    std::optional<ApiError> m_error;
    QString m_cursor;
    bool m_running = false;
    bool m_cancelled = false;
    int m_pageCount = 0;
    qsizetype m_tenantCount = 0;
};

} // namespace Tenantry
