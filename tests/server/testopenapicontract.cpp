// docs/openapi.yaml is the contract: every route tenantryd registers is documented there, and
// every documented operation is served.

#include "server/serverapplication.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <set>
#include <string>

using namespace Tenantry::Server;

namespace {

// The (METHOD, path) pairs under `paths:`. The document is plain block YAML: paths are keys
// indented by two spaces, their operations keys indented by four.
std::set<std::string> documentedOperations()
{
    std::ifstream file(TENANTRY_OPENAPI_FILE);
    std::set<std::string> operations;
    std::string line;
    std::string path;
    bool inPaths = false;
    static const std::set<std::string> methods = {
        "get", "put", "post", "delete", "patch", "head", "options"};
    while (std::getline(file, line)) {
        if (!line.empty() && line[0] != ' ' && line[0] != '#') {
            inPaths = line.rfind("paths:", 0) == 0;
            continue;
        }
        if (!inPaths)
            continue;
        if (line.size() > 3 && line.rfind("  /", 0) == 0 && line.back() == ':') {
            path = line.substr(2, line.size() - 3);
            if (path.size() >= 2 && path.front() == '\'' && path.back() == '\'')
                path = path.substr(1, path.size() - 2);
            continue;
        }
        if (line.size() > 5 && line.rfind("    ", 0) == 0 && line[4] != ' ' && !path.empty()) {
            const std::string key = line.substr(4, line.find(':') - 4);
            if (methods.contains(key)) {
                std::string method = key;
                for (char &c : method)
                    c = static_cast<char>(c - 'a' + 'A');
                method += ' ';
                method += path;
                operations.insert(method);
            }
        }
    }
    return operations;
}

} // namespace

class TestOpenApiContract : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void routesMatchTheDocument()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        Tenantry::Result<ServerConfig> config = ServerConfig::load({"--data-dir",
                                                                    directory.path().toStdString()},
                                                                   {});
        QVERIFY(config.hasValue());
        auto app = ServerApplication::create(*config, {});
        QVERIFY(app.hasValue());

        std::set<std::string> served;
        for (const Router::Route &route : (*app)->router().routes())
            served.insert(std::string(toString(route.method)) + " " + route.pattern);
        const std::set<std::string> documented = documentedOperations();
        QVERIFY2(documented.size() >= 20, "the document's paths were not found");

        for (const std::string &operation : served)
            QVERIFY2(documented.contains(operation),
                     (operation + " is served but not in docs/openapi.yaml").c_str());
        for (const std::string &operation : documented)
            QVERIFY2(served.contains(operation),
                     (operation + " is in docs/openapi.yaml but not served").c_str());
    }
};

QTEST_APPLESS_MAIN(TestOpenApiContract)
#include "testopenapicontract.moc"
