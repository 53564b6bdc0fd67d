// The tenant answer written directly (tenantJsonText, for GET /v1/tenants/{id}) is the very text
// that dumping tenantJson gives, for tenants with and without their optional fields, in every
// status and placement, and with names that need escaping or are not UTF-8.

#include "server/api/apihelpers.h"

#include "core/tenant.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <chrono>
#include <string>

using namespace Tenantry;
using namespace Tenantry::Server;
using namespace std::chrono_literals;

namespace {

Tenant fullTenant()
{
    Tenant tenant;
    tenant.id = "ten_xnjd1gyd3323ayzm";
    tenant.slug = "blue-studio-9";
    tenant.name = "Blue Studio 9";
    tenant.status = TenantStatus::Suspended;
    tenant.isolation = Isolation::Silo;
    tenant.region = "eu-west-1";
    tenant.planId = "pln_srx0tmg3qdnkn73j";
    tenant.contactEmail = "ops@blue.example";
    tenant.notes = "Pays by invoice.\nCall before the 5th.";
    tenant.createdAt = Timestamp(1'761'684'071'000'000us);
    tenant.updatedAt = Timestamp(1'795'782'896'789'123us);
    tenant.deletedAt = Timestamp(1'795'782'900'000'000us);
    tenant.version = 42;
    return tenant;
}

std::string dumped(const Tenant &tenant)
{
    return tenantJson(tenant).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace

class TestApiHelpers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tenantTextIsTheDumpedTenant_data();
    void tenantTextIsTheDumpedTenant();
};

void TestApiHelpers::tenantTextIsTheDumpedTenant_data()
{
    QTest::addColumn<int>("variant");
    QTest::newRow("every field") << 0;
    QTest::newRow("no optional field") << 1;
    QTest::newRow("active, pool") << 2;
    QTest::newRow("deleted") << 3;
    QTest::newRow("name with quotes and UTF-8") << 4;
    QTest::newRow("name not UTF-8") << 5;
}

void TestApiHelpers::tenantTextIsTheDumpedTenant()
{
    QFETCH(int, variant);
    Tenant tenant = fullTenant();
    switch (variant) {
    case 1:
        tenant.planId.reset();
        tenant.contactEmail.reset();
        tenant.notes.reset();
        tenant.deletedAt.reset();
        break;
    case 2:
        tenant.status = TenantStatus::Active;
        tenant.isolation = Isolation::Pool;
        tenant.deletedAt.reset();
        break;
    case 3:
        tenant.status = TenantStatus::Deleted;
        break;
    case 4:
        tenant.name = "The \"Caf\xc3\xa9\" \\ Co\t\x01";
        break;
    case 5:
        tenant.name = "Bad \xff\xfe name";
        tenant.notes = std::string("nul \0 inside", 12);
        break;
    default:
        break;
    }
    const std::string text = tenantJsonText(tenant);
    QCOMPARE(QByteArray::fromStdString(text), QByteArray::fromStdString(dumped(tenant)));
    QCOMPARE(nlohmann::json::parse(text).at("object").get<std::string>(), std::string("tenant"));
}

QTEST_APPLESS_MAIN(TestApiHelpers)
#include "testapihelpers.moc"
