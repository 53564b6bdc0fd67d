#include "server/auth/permissions.h"
#include "server/auth/role.h"

#include <QtTest>

#include <array>
#include <set>
#include <string>
#include <string_view>

using Tenantry::Server::Permission;
using Tenantry::Server::Role;
namespace Server = Tenantry::Server;

namespace {

struct ExpectedRow
{
    const char *permission;
    // owner, admin, support, finance, viewer
    std::array<bool, 5> allowed;
};

constexpr bool x = true;
constexpr bool o = false;

// The permission table of the API spec, copied by hand (not from the code under test), plus
// the billing rows documented in permissions.cpp.
constexpr std::array<ExpectedRow, 15> Expected = {{
    {"tenants.read", {x, x, x, x, x}},
    {"tenants.write", {x, x, x, o, o}},
    {"tenants.delete", {x, x, o, o, o}},
    {"plans.read", {x, x, x, x, x}},
    {"plans.write", {x, x, o, o, o}},
    {"users.read", {x, x, o, o, o}},
    {"users.write", {x, x, o, o, o}},
    {"audit.read", {x, x, x, x, o}},
    {"spend.read", {x, x, o, x, o}},
    {"spend.write", {x, x, o, x, o}},
    {"subscriptions.read", {x, x, x, x, x}},
    {"subscriptions.write", {x, x, x, o, o}},
    {"metrics.read", {x, x, o, x, o}},
    {"billing.read", {x, x, o, x, o}},
    {"billing.write", {x, x, o, o, o}},
}};

constexpr std::array<Role, 5> Roles = {Role::Owner,
                                       Role::Admin,
                                       Role::Support,
                                       Role::Finance,
                                       Role::Viewer};

std::string text(std::string_view view)
{
    return std::string(view);
}

Role role(const QByteArray &name)
{
    const auto parsed = Server::roleFromString(name.toStdString());
    if (!parsed)
        qFatal("unknown role %s", name.constData());
    return *parsed;
}

} // namespace

class TestPermissions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void table_data();
    void table();
    void everyPermissionIsInTheSpecTable();
    void permissionsOfMatchesAllows();
    void roleNames_data();
    void roleNames();
    void unknownNamesRejected_data();
    void unknownNamesRejected();
    void canAssignRole_data();
    void canAssignRole();
};

void TestPermissions::table_data()
{
    QTest::addColumn<QByteArray>("permission");
    QTest::addColumn<bool>("owner");
    QTest::addColumn<bool>("admin");
    QTest::addColumn<bool>("support");
    QTest::addColumn<bool>("finance");
    QTest::addColumn<bool>("viewer");
    for (const ExpectedRow &row : Expected) {
        QTest::newRow(row.permission)
            << QByteArray(row.permission) << row.allowed[0] << row.allowed[1] << row.allowed[2]
            << row.allowed[3] << row.allowed[4];
    }
}

void TestPermissions::table()
{
    QFETCH(QByteArray, permission);
    QFETCH(bool, owner);
    QFETCH(bool, admin);
    QFETCH(bool, support);
    QFETCH(bool, finance);
    QFETCH(bool, viewer);

    const auto parsed = Server::permissionFromString(permission.toStdString());
    QVERIFY(parsed);
    QCOMPARE(text(Server::toString(*parsed)), permission.toStdString());
    QCOMPARE(Server::allows(Role::Owner, *parsed), owner);
    QCOMPARE(Server::allows(Role::Admin, *parsed), admin);
    QCOMPARE(Server::allows(Role::Support, *parsed), support);
    QCOMPARE(Server::allows(Role::Finance, *parsed), finance);
    QCOMPARE(Server::allows(Role::Viewer, *parsed), viewer);
}

void TestPermissions::everyPermissionIsInTheSpecTable()
{
    std::set<std::string> expected;
    for (const ExpectedRow &row : Expected)
        expected.insert(row.permission);
    std::set<std::string> actual;
    for (const Permission permission : Server::allPermissions())
        actual.insert(text(Server::toString(permission)));
    QCOMPARE(Server::allPermissions().size(), Expected.size()); // no duplicates either
    QVERIFY(actual == expected);
}

void TestPermissions::permissionsOfMatchesAllows()
{
    for (const Role r : Roles) {
        std::vector<Permission> expected;
        for (const Permission permission : Server::allPermissions()) {
            if (Server::allows(r, permission))
                expected.push_back(permission);
        }
        QVERIFY2(Server::permissionsOf(r) == expected, Server::toString(r).data());
    }
    QCOMPARE(Server::permissionsOf(Role::Owner).size(), Expected.size());
    QCOMPARE(Server::permissionsOf(Role::Viewer).size(), std::size_t(3));
}

void TestPermissions::roleNames_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<int>("role");
    QTest::newRow("owner") << QByteArray("owner") << int(Role::Owner);
    QTest::newRow("admin") << QByteArray("admin") << int(Role::Admin);
    QTest::newRow("support") << QByteArray("support") << int(Role::Support);
    QTest::newRow("finance") << QByteArray("finance") << int(Role::Finance);
    QTest::newRow("viewer") << QByteArray("viewer") << int(Role::Viewer);
}

void TestPermissions::roleNames()
{
    QFETCH(QByteArray, name);
    QFETCH(int, role);
    const auto parsed = Server::roleFromString(name.toStdString());
    QVERIFY(parsed);
    QCOMPARE(int(*parsed), role);
    QCOMPARE(text(Server::toString(*parsed)), name.toStdString());
    QCOMPARE(Server::allRoles().size(), Roles.size());
}

void TestPermissions::unknownNamesRejected_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("capitalised") << QByteArray("Owner");
    QTest::newRow("trailing space") << QByteArray("owner ");
    QTest::newRow("root") << QByteArray("root");
    QTest::newRow("permission case") << QByteArray("tenants.Read");
    QTest::newRow("resource only") << QByteArray("tenants");
    QTest::newRow("wildcard") << QByteArray("tenants.*");
}

void TestPermissions::unknownNamesRejected()
{
    QFETCH(QByteArray, name);
    QVERIFY(!Server::roleFromString(name.toStdString()));
    QVERIFY(!Server::permissionFromString(name.toStdString()));
}

void TestPermissions::canAssignRole_data()
{
    QTest::addColumn<QByteArray>("actor");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<bool>("allowed");
    const std::array<const char *, 5> names = {"owner", "admin", "support", "finance", "viewer"};
    for (const char *actor : names) {
        for (const char *target : names) {
            const std::string_view a(actor);
            const bool allowed = a == "owner"
                                 || (a == "admin" && std::string_view(target) != "owner");
            QTest::addRow("%s assigns %s", actor, target)
                << QByteArray(actor) << QByteArray(target) << allowed;
        }
    }
}

void TestPermissions::canAssignRole()
{
    QFETCH(QByteArray, actor);
    QFETCH(QByteArray, target);
    QFETCH(bool, allowed);
    QCOMPARE(Server::canAssignRole(role(actor), role(target)), allowed);
}

QTEST_APPLESS_MAIN(TestPermissions)

#include "testpermissions.moc"
