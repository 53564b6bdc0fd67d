#include "client/metricscache.h"

#include <QAtomicInteger>
#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

#include <algorithm>
#include <chrono>

namespace Tenantry {

namespace {

QAtomicInteger<quint64> g_connectionCounter;

qint64 toMicros(Timestamp timestamp)
{
    return static_cast<qint64>(timestamp.time_since_epoch().count());
}

Timestamp fromMicros(qint64 micros)
{
    return Timestamp(std::chrono::microseconds(micros));
}

QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}

// Version 2 added it; a version 1 file gains it on open.
constexpr const char *tenantsTable = "CREATE TABLE tenants ("
                                     " id TEXT PRIMARY KEY,"
                                     " name TEXT NOT NULL,"
                                     " updated_at INTEGER NOT NULL)";

const char *const schemaStatements[] = {
    "CREATE TABLE mrr_events ("
    " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    " id TEXT NOT NULL UNIQUE,"
    " tenant_id TEXT NOT NULL,"
    " subscription_id TEXT NOT NULL,"
    " at INTEGER NOT NULL,"
    " mrr INTEGER NOT NULL,"
    " currency TEXT NOT NULL,"
    " plan_id TEXT,"
    " recorded_at INTEGER NOT NULL)",
    "CREATE TABLE spend ("
    " id TEXT PRIMARY KEY,"
    " month TEXT NOT NULL,"
    " amount INTEGER NOT NULL,"
    " currency TEXT NOT NULL,"
    " updated_at INTEGER NOT NULL,"
    " version INTEGER NOT NULL)",
    "CREATE TABLE plans ("
    " id TEXT PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " price INTEGER NOT NULL,"
    " currency TEXT NOT NULL)",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    tenantsTable,
};

} // namespace

MetricsCache::MetricsCache()
    : m_connectionName(QStringLiteral("tenantry-metrics-cache-%1").arg(++g_connectionCounter))
{}

MetricsCache::~MetricsCache()
{
    closeConnection();
}

QString MetricsCache::defaultPath(const QUrl &server)
{
    const QByteArray hash = QCryptographicHash::hash(server
                                                         .toString(QUrl::NormalizePathSegments
                                                                   | QUrl::StripTrailingSlash)
                                                         .toUtf8(),
                                                     QCryptographicHash::Sha256)
                                .toHex()
                                .left(12);
    QString host = server.host();
    for (QChar &c : host) {
        if (!c.isLetterOrNumber() && c != u'.' && c != u'-')
            c = u'_';
    }
    const QString name = QStringLiteral("%1-%2-%3.sqlite")
                             .arg(host.isEmpty() ? QStringLiteral("server") : host)
                             .arg(server.port(server.scheme() == QStringLiteral("http") ? 80 : 443))
                             .arg(QString::fromLatin1(hash));
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/metrics/") + name;
}

bool MetricsCache::fail(const QString &what, const QString &detail)
{
    m_error = tr("The local metrics cache %1 cannot be used (%2): %3").arg(m_path, what, detail);
    return false;
}

void MetricsCache::closeConnection()
{
    if (QSqlDatabase::contains(m_connectionName)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    m_open = false;
}

bool MetricsCache::openFile()
{
    closeConnection();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(m_path);
    if (!db.open())
        return fail(tr("open"), db.lastError().text());
    m_open = true;
    return true;
}

bool MetricsCache::open(const QString &path, Check check)
{
    m_path = path;
    m_error.clear();
    m_rebuilt = false;
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return fail(tr("create folder"), info.absolutePath());
    if (openFile() && checkSchema(check))
        return true;
    // Damaged, not a database, or another schema: start again from an empty file.
    closeConnection();
    for (const QString &suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")}) {
        QFile::remove(path + suffix);
    }
    m_rebuilt = true;
    m_error.clear();
    if (!openFile())
        return false;
    if (!checkSchema(Check::Schema)) {
        closeConnection();
        return false;
    }
    return true;
}

bool MetricsCache::checkSchema(Check check)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery query(db);
    // A file that is not SQLite fails here ("file is not a database").
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return fail(tr("read"), query.lastError().text());
    const int version = query.value(0).toInt();
    if (!query.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !query.next())
        return fail(tr("read"), query.lastError().text());
    const qint64 objects = query.value(0).toLongLong();
    if (version == 0 && objects == 0)
        return createSchema();
    if (version == 1 && !migrateFromVersion1())
        return false;
    if (version == 1)
        return checkSchema(check);
    if (version != schemaVersion)
        return fail(tr("schema"), tr("version %1, expected %2").arg(version).arg(schemaVersion));
    // The page structure of what is held, so that a damaged file is rebuilt now rather than
    // failing a query later.
    if (check == Check::Integrity
        && (!query.exec(QStringLiteral("PRAGMA quick_check(1)")) || !query.next()
            || query.value(0).toString() != QStringLiteral("ok"))) {
        return fail(tr("check"), query.lastError().text());
    }
    query.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    return true;
}

bool MetricsCache::createSchema()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery query(db);
    query.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    if (!db.transaction())
        return fail(tr("create"), db.lastError().text());
    for (const char *statement : schemaStatements) {
        if (!query.exec(QString::fromLatin1(statement))) {
            db.rollback();
            return fail(tr("create"), query.lastError().text());
        }
    }
    if (!query.exec(QStringLiteral("PRAGMA user_version = %1").arg(schemaVersion))) {
        db.rollback();
        return fail(tr("create"), query.lastError().text());
    }
    if (!db.commit())
        return fail(tr("create"), db.lastError().text());
    return true;
}

bool MetricsCache::migrateFromVersion1()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery query(db);
    if (!db.transaction())
        return fail(tr("migrate"), db.lastError().text());
    if (!query.exec(QString::fromLatin1(tenantsTable))
        || !query.exec(QStringLiteral("PRAGMA user_version = 2"))) {
        const QString error = query.lastError().text();
        db.rollback();
        return fail(tr("migrate"), error);
    }
    if (!db.commit())
        return fail(tr("migrate"), db.lastError().text());
    return true;
}

bool MetricsCache::addEvents(const std::vector<MrrEventRecord> &records, qint64 *added)
{
    qint64 count = 0;
    if (!m_open)
        return false;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction())
        return fail(tr("write"), db.lastError().text());
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("INSERT OR IGNORE INTO mrr_events"
                       " (id, tenant_id, subscription_id, at, mrr, currency, plan_id, recorded_at)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const MrrEventRecord &record : records) {
        const MrrEvent &event = record.event;
        query.bindValue(0, fromStd(record.id));
        query.bindValue(1, fromStd(event.tenantId));
        query.bindValue(2, fromStd(event.subscriptionId));
        query.bindValue(3, toMicros(event.at));
        query.bindValue(4, static_cast<qint64>(event.mrr));
        query.bindValue(5, fromStd(event.currency.toString()));
        query.bindValue(6, event.planId ? QVariant(fromStd(*event.planId)) : QVariant());
        query.bindValue(7, toMicros(record.recordedAt));
        if (!query.exec()) {
            db.rollback();
            return fail(tr("write"), query.lastError().text());
        }
        count += query.numRowsAffected();
    }
    if (count > 0 && !bumpDataVersion()) {
        db.rollback();
        return false;
    }
    if (!db.commit())
        return fail(tr("write"), db.lastError().text());
    if (added)
        *added = count;
    return true;
}

bool MetricsCache::putSpend(const std::vector<SpendRecord> &records, qint64 *changed)
{
    qint64 count = 0;
    if (!m_open)
        return false;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction())
        return fail(tr("write"), db.lastError().text());
    QSqlQuery query(db);
    // A record comes again when it sits on the updated_since boundary: it changes nothing then.
    query.prepare(QStringLiteral(
        "INSERT INTO spend (id, month, amount, currency, updated_at, version)"
        " VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(id) DO UPDATE SET month = excluded.month, amount = excluded.amount,"
        " currency = excluded.currency, updated_at = excluded.updated_at,"
        " version = excluded.version"
        " WHERE excluded.version <> spend.version OR excluded.updated_at <> spend.updated_at"));
    for (const SpendRecord &record : records) {
        query.bindValue(0, fromStd(record.id));
        query.bindValue(1, fromStd(record.spend.month.toString()));
        query.bindValue(2, static_cast<qint64>(record.spend.amount.amount()));
        query.bindValue(3, fromStd(record.spend.amount.currency().toString()));
        query.bindValue(4, toMicros(record.updatedAt));
        query.bindValue(5, static_cast<qint64>(record.version));
        if (!query.exec()) {
            db.rollback();
            return fail(tr("write"), query.lastError().text());
        }
        count += query.numRowsAffected();
    }
    if (count > 0 && !bumpDataVersion()) {
        db.rollback();
        return false;
    }
    if (!db.commit())
        return fail(tr("write"), db.lastError().text());
    if (changed)
        *changed = count;
    return true;
}

bool MetricsCache::replacePlans(const std::vector<Plan> &plans)
{
    if (!m_open)
        return false;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction())
        return fail(tr("write"), db.lastError().text());
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("DELETE FROM plans"))) {
        db.rollback();
        return fail(tr("write"), query.lastError().text());
    }
    query.prepare(QStringLiteral(
        "INSERT OR REPLACE INTO plans (id, name, price, currency) VALUES (?, ?, ?, ?)"));
    for (const Plan &plan : plans) {
        query.bindValue(0, fromStd(plan.id));
        query.bindValue(1, fromStd(plan.name));
        query.bindValue(2, static_cast<qint64>(plan.price.amount()));
        query.bindValue(3, fromStd(plan.price.currency().toString()));
        if (!query.exec()) {
            db.rollback();
            return fail(tr("write"), query.lastError().text());
        }
    }
    if (!db.commit())
        return fail(tr("write"), db.lastError().text());
    return true;
}

bool MetricsCache::putTenants(const std::vector<Tenant> &tenants, qint64 *changed)
{
    qint64 count = 0;
    if (!m_open)
        return false;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction())
        return fail(tr("write"), db.lastError().text());
    QSqlQuery query(db);
    // A tenant comes again when it sits on the updated_since boundary: it changes nothing then.
    query.prepare(QStringLiteral("INSERT INTO tenants (id, name, updated_at) VALUES (?, ?, ?)"
                                 " ON CONFLICT(id) DO UPDATE SET name = excluded.name,"
                                 " updated_at = excluded.updated_at"
                                 " WHERE excluded.updated_at <> tenants.updated_at"
                                 " OR excluded.name <> tenants.name"));
    for (const Tenant &tenant : tenants) {
        query.bindValue(0, fromStd(tenant.id));
        query.bindValue(1, fromStd(tenant.name));
        query.bindValue(2, toMicros(tenant.updatedAt));
        if (!query.exec()) {
            db.rollback();
            return fail(tr("write"), query.lastError().text());
        }
        count += query.numRowsAffected();
    }
    if (!db.commit())
        return fail(tr("write"), db.lastError().text());
    if (changed)
        *changed = count;
    return true;
}

bool MetricsCache::setLastSync(const QDateTime &time)
{
    if (!m_open)
        return false;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(
        QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('last_sync', ?)"));
    query.bindValue(0, time.toUTC().toString(Qt::ISODateWithMs));
    if (!query.exec())
        return fail(tr("write"), query.lastError().text());
    return true;
}

QString MetricsCache::lastEventId()
{
    if (!m_open)
        return {};
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (query.exec(QStringLiteral("SELECT id FROM mrr_events ORDER BY seq DESC LIMIT 1"))
        && query.next()) {
        return query.value(0).toString();
    }
    return {};
}

std::optional<Timestamp> MetricsCache::newestTime(const QString &maxQuery)
{
    if (!m_open)
        return std::nullopt;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (query.exec(maxQuery) && query.next() && !query.value(0).isNull())
        return fromMicros(query.value(0).toLongLong());
    return std::nullopt;
}

std::optional<Timestamp> MetricsCache::newestEventRecordedAt()
{
    return newestTime(QStringLiteral("SELECT max(recorded_at) FROM mrr_events"));
}

std::optional<Timestamp> MetricsCache::newestSpendUpdate()
{
    return newestTime(QStringLiteral("SELECT max(updated_at) FROM spend"));
}

std::optional<Timestamp> MetricsCache::newestTenantUpdate()
{
    return newestTime(QStringLiteral("SELECT max(updated_at) FROM tenants"));
}

QDateTime MetricsCache::lastSync()
{
    if (!m_open)
        return {};
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (query.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'last_sync'"))
        && query.next()) {
        QDateTime time = QDateTime::fromString(query.value(0).toString(), Qt::ISODateWithMs);
        time.setTimeSpec(Qt::UTC);
        return time;
    }
    return {};
}

qint64 MetricsCache::eventCount()
{
    if (!m_open)
        return 0;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    return query.exec(QStringLiteral("SELECT count(*) FROM mrr_events")) && query.next()
               ? query.value(0).toLongLong()
               : 0;
}

qint64 MetricsCache::spendCount()
{
    if (!m_open)
        return 0;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    return query.exec(QStringLiteral("SELECT count(*) FROM spend")) && query.next()
               ? query.value(0).toLongLong()
               : 0;
}

qint64 MetricsCache::tenantCount()
{
    if (!m_open)
        return 0;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    return query.exec(QStringLiteral("SELECT count(*) FROM tenants")) && query.next()
               ? query.value(0).toLongLong()
               : 0;
}

bool MetricsCache::load(MetricsData &data)
{
    if (!m_open)
        return false;
    data = MetricsData();
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT tenant_id, subscription_id, at, mrr, currency, plan_id"
                                   " FROM mrr_events ORDER BY seq"))) {
        return fail(tr("read"), query.lastError().text());
    }
    // One pass over a million rows: the vector is sized once, and the few distinct currencies and
    // plans are converted once each rather than per row.
    QSqlQuery size(QSqlDatabase::database(m_connectionName, false));
    if (size.exec(QStringLiteral("SELECT max(seq) FROM mrr_events")) && size.next())
        data.events.reserve(
            static_cast<std::size_t>(std::max<qint64>(0, size.value(0).toLongLong())));
    QString currencyCode;
    std::optional<Currency> eventCurrency;
    QString planCode;
    std::optional<std::string> planId;
    while (query.next()) {
        const QString code = query.value(4).toString();
        if (!eventCurrency || code != currencyCode) {
            eventCurrency = Currency::fromCode(code.toStdString());
            currencyCode = code;
        }
        if (!eventCurrency)
            return fail(tr("read"), tr("unknown currency %1").arg(code));
        const QVariant plan = query.value(5);
        if (plan.isNull()) {
            planId.reset();
            planCode.clear();
        } else if (const QString text = plan.toString(); !planId || text != planCode) {
            planId = text.toStdString();
            planCode = text;
        }
        data.events.push_back(MrrEvent{query.value(0).toString().toStdString(),
                                       query.value(1).toString().toStdString(),
                                       fromMicros(query.value(2).toLongLong()),
                                       query.value(3).toLongLong(),
                                       *eventCurrency,
                                       planId});
    }
    if (!query.exec(QStringLiteral("SELECT month, amount, currency FROM spend ORDER BY month, id")))
        return fail(tr("read"), query.lastError().text());
    while (query.next()) {
        const std::optional<Currency> currency = Currency::fromCode(
            query.value(2).toString().toStdString());
        const Result<YearMonth> month = YearMonth::fromString(
            query.value(0).toString().toStdString());
        if (!currency || !month)
            return fail(tr("read"), tr("a damaged spend record"));
        data.spend.push_back(
            AcquisitionSpend{*month, Money(query.value(1).toLongLong(), *currency)});
    }
    if (!query.exec(QStringLiteral("SELECT id, name, currency FROM plans ORDER BY name, id")))
        return fail(tr("read"), query.lastError().text());
    while (query.next()) {
        data.plans.push_back({query.value(0).toString().toStdString(),
                              query.value(1).toString().toStdString(),
                              query.value(2).toString().toStdString()});
    }
    if (!query.exec(QStringLiteral("SELECT id, name FROM tenants")))
        return fail(tr("read"), query.lastError().text());
    while (query.next()) {
        data.tenantNames.emplace(query.value(0).toString().toStdString(),
                                 query.value(1).toString().toStdString());
    }
    data.lastSync = lastSync();
    data.dataVersion = dataVersion();
    return true;
}

bool MetricsCache::bumpDataVersion()
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(QStringLiteral("INSERT INTO meta (key, value) VALUES ('data_version', '1')"
                                   " ON CONFLICT(key) DO UPDATE"
                                   " SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)"))) {
        return fail(tr("write"), query.lastError().text());
    }
    return true;
}

qint64 MetricsCache::dataVersion()
{
    if (!m_open)
        return 0;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    return query.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'data_version'"))
                   && query.next()
               ? query.value(0).toLongLong()
               : 0;
}

bool MetricsCache::putReportSnapshot(qint64 version, const QByteArray &key, const QByteArray &report)
{
    if (!m_open)
        return false;
    QByteArray bytes;
    {
        QDataStream out(&bytes, QIODevice::WriteOnly);
        out << version << key << report;
    }
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(
        QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('report_snapshot', ?)"));
    query.bindValue(0, QString::fromLatin1(bytes.toBase64()));
    if (!query.exec())
        return fail(tr("write"), query.lastError().text());
    return true;
}

std::optional<QByteArray> MetricsCache::reportSnapshot(qint64 version, const QByteArray &key)
{
    if (!m_open)
        return std::nullopt;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'report_snapshot'"))
        || !query.next()) {
        return std::nullopt;
    }
    const QByteArray bytes = QByteArray::fromBase64(query.value(0).toString().toLatin1());
    QDataStream in(bytes);
    qint64 heldVersion = -1;
    QByteArray heldKey;
    QByteArray report;
    in >> heldVersion >> heldKey >> report;
    if (in.status() != QDataStream::Ok || heldVersion != version || heldKey != key)
        return std::nullopt;
    return report;
}

} // namespace Tenantry
