#pragma once

// Writes every tenant of a query (all pages, through TenantPager) to a CSV file, atomically:
// the rows go to a QSaveFile that is committed only when the last page is written, so a
// cancelled or failed export leaves any earlier file untouched. Pages arrive through the event
// loop; the GUI thread never waits. Exactly one finished() follows start(), unless cancel().
//
// Columns: id, slug, name, status, plan_id, plan, isolation, region, contact_email, created_at,
// updated_at (RFC 3339, UTC). RFC 4180 quoting; UTF-8; CRLF line ends.

#include "client/apierror.h"
#include "client/tenantquery.h"
#include "core/tenant.h"

#include <QHash>
#include <QObject>
#include <QSaveFile>
#include <QString>

#include <optional>
#include <vector>

namespace Tenantry {

class ApiClient;
class TenantPager;

class TenantCsvExporter : public QObject
{
    Q_OBJECT

public:
    TenantCsvExporter(ApiClient *client,
                      const TenantQuery &query,
                      const QString &fileName,
                      QObject *parent = nullptr);

    void setPlanNames(const QHash<QString, QString> &names) { m_planNames = names; }
    void start();
    // Stops and discards the file being written; no signal follows.
    void cancel();

    qsizetype rowsWritten() const { return m_rows; }
    bool hasError() const { return !m_errorMessage.isEmpty(); }
    QString errorMessage() const { return m_errorMessage; }
    const std::optional<ApiError> &apiError() const { return m_apiError; }
    QString fileName() const { return m_file.fileName(); }

    static QByteArray header();
    static QByteArray row(const Tenant &tenant, const QString &planName);
    static QByteArray field(const QString &value);

Q_SIGNALS:
    void progressed(qsizetype rows);
    void finished();

private:
    void writePage(const std::vector<Tenantry::Tenant> &tenants);
    void handlePagerFinished();
    void fail(const QString &message);

    ApiClient *m_client;
    TenantQuery m_query;
    QSaveFile m_file;
    TenantPager *m_pager = nullptr;
    QHash<QString, QString> m_planNames;
    qsizetype m_rows = 0;
    QString m_errorMessage;
    std::optional<ApiError> m_apiError;
    bool m_done = false;
};

} // namespace Tenantry
