#include "ui/tenantcsvexporter.h"

#include "client/tenantpager.h"

#include <QTimer>

namespace Tenantry {

namespace {

QString fromView(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString optional(const std::optional<std::string> &value)
{
    return value ? QString::fromStdString(*value) : QString();
}

} // namespace

TenantCsvExporter::TenantCsvExporter(ApiClient *client,
                                     const TenantQuery &query,
                                     const QString &fileName,
                                     QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_query(query)
    , m_file(fileName)
{
    m_query.limit = 0; // the largest pages the server gives
    m_query.startingAfter.clear();
}

QByteArray TenantCsvExporter::field(const QString &value)
{
    QByteArray bytes = value.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') || bytes.contains('\r')) {
        bytes.replace('"', QByteArrayLiteral("\"\""));
        bytes.prepend('"');
        bytes.append('"');
    }
    return bytes;
}

QByteArray TenantCsvExporter::header()
{
    return QByteArrayLiteral("id,slug,name,status,plan_id,plan,isolation,region,contact_email,"
                             "created_at,updated_at\r\n");
}

QByteArray TenantCsvExporter::row(const Tenant &tenant, const QString &planName)
{
    const QList<QString> fields{QString::fromStdString(tenant.id),
                                QString::fromStdString(tenant.slug),
                                QString::fromStdString(tenant.name),
                                fromView(toString(tenant.status)),
                                optional(tenant.planId),
                                planName,
                                fromView(toString(tenant.isolation)),
                                QString::fromStdString(tenant.region),
                                optional(tenant.contactEmail),
                                QString::fromStdString(formatRfc3339(tenant.createdAt)),
                                QString::fromStdString(formatRfc3339(tenant.updatedAt))};
    QByteArray line;
    for (const QString &value : fields) {
        if (!line.isEmpty())
            line.append(',');
        line.append(field(value));
    }
    line.append("\r\n");
    return line;
}

void TenantCsvExporter::start()
{
    if (!m_file.open(QIODevice::WriteOnly)) {
        const QString reason = m_file.errorString();
        QTimer::singleShot(0, this, [this, reason] {
            fail(tr("%1 cannot be written: %2").arg(m_file.fileName(), reason));
        });
        return;
    }
    m_file.write(header());
    m_pager = new TenantPager(m_client, m_query, this);
    connect(m_pager, &TenantPager::pageFetched, this, &TenantCsvExporter::writePage);
    connect(m_pager, &TenantPager::finished, this, &TenantCsvExporter::handlePagerFinished);
    m_pager->start();
}

void TenantCsvExporter::cancel()
{
    m_done = true;
    if (m_pager)
        m_pager->cancel();
    m_file.cancelWriting();
    if (m_file.isOpen())
        m_file.commit(); // discards: cancelWriting() makes commit() remove the temporary file
}

void TenantCsvExporter::writePage(const std::vector<Tenant> &tenants)
{
    if (m_done)
        return;
    QByteArray chunk;
    for (const Tenant &tenant : tenants) {
        const QString planId = optional(tenant.planId);
        chunk.append(row(tenant, m_planNames.value(planId, planId)));
    }
    if (m_file.write(chunk) != chunk.size()) {
        m_pager->cancel();
        fail(tr("%1 cannot be written: %2").arg(m_file.fileName(), m_file.errorString()));
        return;
    }
    m_rows += static_cast<qsizetype>(tenants.size());
    Q_EMIT progressed(m_rows);
}

void TenantCsvExporter::handlePagerFinished()
{
    if (m_done)
        return;
    if (m_pager->hasError()) {
        m_apiError = m_pager->error();
        fail(m_apiError->message());
        return;
    }
    if (!m_file.commit()) {
        fail(tr("%1 cannot be written: %2").arg(m_file.fileName(), m_file.errorString()));
        return;
    }
    m_done = true;
    Q_EMIT finished();
}

void TenantCsvExporter::fail(const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    m_errorMessage = message;
    if (m_file.isOpen()) {
        m_file.cancelWriting();
        m_file.commit();
    }
    Q_EMIT finished();
}

} // namespace Tenantry
